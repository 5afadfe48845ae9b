#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QTimer;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
struct Health;
} // namespace Windsock::Api

namespace Windsock::Ui {

// The status bar's view of a deployment: the Airflow version and the health of each component the server
// reports (metadatabase, scheduler, triggerer, DAG processor) in green or red, asked for again every 30 s.
class DeploymentStatusWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit DeploymentStatusWidget(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~DeploymentStatusWidget() override;

    void setPollInterval(int milliseconds);
    QString versionText() const;
    // "Metadatabase: healthy  Scheduler: healthy ..." as shown, for tests and accessibility.
    QString healthText() const;

public Q_SLOTS:
    void refresh();

private:
    void showHealth(const Api::Health &health);
    void showHealthError(const QString &message);
    void clearComponents();
    void addComponent(const QString &name, const QString &status, const QString &toolTip);
    void changeEvent(QEvent *event) override;

    QPointer<Api::AirflowClient> m_client;
    QLabel *m_version;
    QWidget *m_components;
    QTimer *m_pollTimer;
    QPointer<Api::ApiCall> m_versionCall;
    QPointer<Api::ApiCall> m_healthCall;
};

} // namespace Windsock::Ui
