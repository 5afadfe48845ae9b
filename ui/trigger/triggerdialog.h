#pragma once

#include "api/types.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Windsock::Api {
class AirflowClient;
class ApiError;
class ApiCall;
struct TriggerRequest;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ParamsFormWidget;

// Triggers one DAG run: now or at a logical date, with a conf from a form generated from the DAG's params or
// typed as JSON, or re-used from an earlier run. The dialog picks the dag_run_id itself, so a retry after a
// timeout cannot create a second run: a 409 on that id means the first attempt landed, and that run is the
// result. Open it with open() or show(); it emits triggered() and closes on success.
class TriggerDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Mode
    {
        FormMode,
        JsonMode
    };

    TriggerDialog(Api::AirflowClient *client, const QString &dagId, QWidget *parent = nullptr);

    QString dagId() const { return m_dagId; }
    // manual__<UTC time>__windsock_<6 hex digits>
    static QString generateRunId(const QDateTime &utcNow);

    // True once the DAG's details and recent runs have arrived (or failed).
    bool isReady() const { return m_detailsLoaded && m_runsLoaded; }
    Mode mode() const;
    void setMode(Mode mode);
    // The request Trigger would send now; its conf is empty when the form or JSON is invalid.
    Api::TriggerRequest request() const;
    // Copy as cURL / Python requests, secrets redacted unless "Include secrets" is ticked.
    QString curlText() const;
    QString pythonText() const;
    // What the dialog said last about the outcome ("The run was already created by the first attempt.").
    QString outcomeNotice() const { return m_outcomeNotice; }

    ParamsFormWidget *paramsForm() const { return m_form; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QLabel *jsonErrorLabel() const { return m_jsonError; }
    QLineEdit *runIdEdit() const { return m_runId; }
    QCheckBox *logicalDateCheck() const { return m_atLogicalDate; }
    QDateTimeEdit *logicalDateEdit() const { return m_logicalDate; }
    QComboBox *reuseCombo() const { return m_reuse; }
    QLabel *pausedWarning() const { return m_pausedWarning; }
    QCheckBox *unpauseCheck() const { return m_unpause; }
    QCheckBox *includeSecretsCheck() const { return m_includeSecrets; }
    QPushButton *triggerButton() const { return m_triggerButton; }
    QLabel *errorLabel() const { return m_error; }

public Q_SLOTS:
    void trigger();
    void copyAsCurl();
    void copyAsPython();

Q_SIGNALS:
    void triggered(const Windsock::Api::DagRun &run);

private:
    void buildUi();
    void loadDetails();
    void loadRuns();
    void showDetails(const Api::DagDetails &details);
    void reuseRun(int index);
    void modeChanged(int index);
    void validateJson();
    void updateState();
    void updateLogicalDateLabel();
    void sendTrigger();
    void triggerFailed(const Api::ApiError &error, const QString &runId);
    void fetchOwnRun(const QString &runId);
    void succeed(const Api::DagRun &run);
    void fail(const QString &message);
    QJsonObject currentConf(bool *ok) const;
    QList<QPair<QByteArray, QByteArray>> exportHeaders(bool hasBody) const;

    QPointer<Api::AirflowClient> m_client;
    QString m_dagId;
    bool m_detailsLoaded = false;
    bool m_runsLoaded = false;
    bool m_paused = false;
    bool m_busy = false;
    QList<Api::DagRun> m_runs;
    QString m_outcomeNotice;
    int m_currentTab = 0;

    QLabel *m_heading = nullptr;
    QLabel *m_pausedWarning = nullptr;
    QCheckBox *m_unpause = nullptr;
    QLineEdit *m_runId = nullptr;
    QCheckBox *m_atLogicalDate = nullptr;
    QDateTimeEdit *m_logicalDate = nullptr;
    QLabel *m_logicalDateShown = nullptr;
    QComboBox *m_reuse = nullptr;
    QTabWidget *m_tabs = nullptr;
    ParamsFormWidget *m_form = nullptr;
    QLabel *m_noParams = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_jsonError = nullptr;
    QCheckBox *m_includeSecrets = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_triggerButton = nullptr;
};

} // namespace Windsock::Ui
