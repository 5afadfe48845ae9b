#pragma once

#include "api/types.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>

class QLabel;
class QPushButton;
class QTimer;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;

// A deployment's health (GET /health) and version: each component (metadatabase, scheduler, triggerer, DAG
// processor) with its status in colour, its latest heartbeat and how long ago that was. While the page is
// visible it reads the health again every 10 s and updates the ages every second; hidden, it stops both.
// A failed read says so in plain words and keeps the last answer on screen, marked with its time.
class HealthPage final : public QWidget
{
    Q_OBJECT

public:
    enum Component
    {
        Metadatabase,
        Scheduler,
        Triggerer,
        DagProcessor,
        ComponentCount
    };
    Q_ENUM(Component)

    static constexpr int DefaultRefreshIntervalMs = 10 * 1000;
    // A heartbeat older than this shows its age in the warning colour.
    static constexpr int StaleHeartbeatSeconds = 30;

    explicit HealthPage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~HealthPage() override;

    // The clock the ages are measured with; tests set the sandbox's.
    void setClock(std::function<QDateTime()> now);
    void setRefreshIntervalMs(int ms);
    int refreshIntervalMs() const { return m_refreshIntervalMs; }
    bool isAutoRefreshing() const;

    bool hasHealth() const { return m_hasHealth; }
    const Api::Health &health() const { return m_health; }
    static QString componentName(Component component);
    QLabel *statusLabel(Component component) const { return m_rows.at(component).status; }
    QLabel *heartbeatLabel(Component component) const { return m_rows.at(component).heartbeat; }
    QLabel *ageLabel(Component component) const { return m_rows.at(component).age; }
    QLabel *versionLabel() const { return m_version; }
    QLabel *summaryLabel() const { return m_summary; }
    QString errorText() const;
    bool isLoading() const { return !m_healthCall.isNull(); }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // Every answer (or failure) of a health read; healthy as Api::Health::isHealthy().
    void refreshed(bool ok);
    void healthChanged(bool healthy);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Row
    {
        QLabel *name = nullptr;
        QLabel *status = nullptr;
        QLabel *heartbeat = nullptr;
        QLabel *age = nullptr;
    };

    const Api::HealthComponent &component(Component which) const;
    void showHealth(const Api::Health &health);
    void updateAges();
    void showError(const QString &message);

    QPointer<Api::AirflowClient> m_client;
    std::function<QDateTime()> m_now;
    Api::Health m_health;
    bool m_hasHealth = false;
    QDateTime m_readAt; // when the shown answer arrived, by m_now
    int m_refreshIntervalMs = DefaultRefreshIntervalMs;
    QPointer<Api::ApiCall> m_healthCall;
    QPointer<Api::ApiCall> m_versionCall;

    std::array<Row, ComponentCount> m_rows;
    QLabel *m_summary;
    QLabel *m_version;
    ErrorBanner *m_error;
    QLabel *m_readAtLabel;
    QPushButton *m_refreshButton;
    QTimer *m_refreshTimer;
    QTimer *m_ageTimer;
};

} // namespace Windsock::Ui
