#pragma once

#include "profiles/profile.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Windsock::Ui {

// "Test connection" in the profile editor: the checklist of Api::ConnectionCheck (reachable, TLS valid,
// Airflow version and API, credentials accepted, metadatabase and scheduler healthy), each step passed,
// failed or skipped with its sentence, filled in as the check goes. Cancel stops it. Hidden until the first
// run.
class ConnectionCheckPanel final : public QWidget
{
    Q_OBJECT

public:
    enum class StepState
    {
        Pending,
        Passed,
        Failed,
        Skipped
    };

    explicit ConnectionCheckPanel(QWidget *parent = nullptr);
    ~ConnectionCheckPanel() override;

    bool isRunning() const;
    QTreeWidget *stepList() const { return m_steps; }
    // "Reachable: passed — ..." per line, as shown, for tests and accessibility.
    QStringList stepTexts() const;
    QString summary() const;

public Q_SLOTS:
    void start(const Windsock::Profiles::Profile &profile, const QString &secret);
    void cancel();

Q_SIGNALS:
    void finished(bool passed);

private:
    void setStep(int index, const QString &title, StepState state, const QString &sentence);
    void finish(bool passed, const QString &summary);

    QTreeWidget *m_steps;
    QLabel *m_summary;
    QPushButton *m_cancel;
    QPointer<QObject> m_check;
};

} // namespace Windsock::Ui
