#pragma once

#include "api/types.h"
#include "params/paramsform.h"

#include <QDialog>
#include <QPointer>
#include <QTimeZone>
#include <optional>

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
// result. Open it with open() or show(); it emits triggered() and closes on success; watchRequested() then
// says whether the user asked to follow the run to its end ("Trigger and watch", remembered in QSettings).
// The logical date is typed in the DAG's time zone, local time or UTC, and shown as an instant in all three.
// Where the API has no DAG details (Airflow 1.10) there is no params form: the conf is typed as JSON, and a
// line says why; where it has no run notes, the note field is disabled and says why.
class TriggerDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Mode
    {
        FormMode,
        JsonMode
    };
    // The zone the logical date is typed in.
    enum class DateZone
    {
        Dag,
        Local,
        Utc
    };
    static constexpr const char *WatchSettingKey = "trigger/watchAfterTrigger";

    TriggerDialog(Api::AirflowClient *client, const QString &dagId, QWidget *parent = nullptr);

    QString dagId() const { return m_dagId; }
    // manual__<UTC time>__windsock_<6 hex digits>
    static QString generateRunId(const QDateTime &utcNow);
    // The IANA name in dag_details' timezone: "Timezone('Europe/Amsterdam')" (Airflow 2's pendulum repr),
    // or a bare name; empty when there is none.
    static QString timeZoneId(const QString &airflowTimezone);

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
    // After a success: the user wants the run followed to its end (hand it to a Watch::RunWatcher).
    bool watchRequested() const;
    // After a 409 on the logical date: the run that already has it, when the server found it.
    std::optional<Api::DagRun> existingRun() const { return m_existingRun; }

    // The logical date as typed, in the chosen zone, as an instant (invalid when "now").
    QDateTime logicalDateUtc() const;
    DateZone dateZone() const;
    void setDateZone(DateZone zone);
    // The DAG's time zone from its details; invalid until they arrive or when it has none.
    QTimeZone dagTimeZone() const { return m_dagZone; }

    ParamsFormWidget *paramsForm() const { return m_form; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    QLabel *jsonErrorLabel() const { return m_jsonError; }
    QLineEdit *runIdEdit() const { return m_runId; }
    QLineEdit *noteEdit() const { return m_note; }
    // Why the note field is disabled (visible only then).
    QLabel *noteHint() const { return m_noteHint; }
    // Why there is no params form (visible only when the API has no DAG details).
    QLabel *paramsUnavailableLabel() const { return m_paramsUnavailable; }
    QCheckBox *logicalDateCheck() const { return m_atLogicalDate; }
    QDateTimeEdit *logicalDateEdit() const { return m_logicalDate; }
    QComboBox *dateZoneCombo() const { return m_dateZone; }
    QLabel *logicalDateShown() const { return m_logicalDateShown; }
    QCheckBox *watchCheck() const { return m_watch; }
    QPushButton *openExistingButton() const { return m_openExisting; }
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
    // "Open the existing run" after a 409 on the logical date: the window shows that run.
    void openRunRequested(const Windsock::Api::DagRun &run);

private:
    void buildUi();
    void loadDetails();
    void loadPauseState();
    void loadRuns();
    void showDetails(const Api::DagDetails &details);
    void reuseRun(int index);
    void modeChanged(int index);
    void validateJson();
    void updateState();
    void updateLogicalDateLabel();
    void sendTrigger();
    void triggerFailed(const Api::ApiError &error, const Api::TriggerRequest &request);
    void findExistingRun(const QDateTime &logicalDate);
    void updateZoneChoices();
    void succeed(const Api::DagRun &run);
    void fail(const QString &message);
    QJsonObject currentConf(bool *ok) const;
    QList<Params::ParamsForm::FieldError> paramErrors(const QJsonObject &typedConf) const;
    QList<QPair<QByteArray, QByteArray>> exportHeaders(bool hasBody) const;

    QPointer<Api::AirflowClient> m_client;
    QString m_dagId;
    bool m_detailsLoaded = false;
    bool m_runsLoaded = false;
    bool m_paused = false;
    bool m_busy = false;
    QList<Api::DagRun> m_runs;
    QString m_outcomeNotice;
    QTimeZone m_dagZone;
    bool m_zoneChosen = false; // the user picked a zone: details arriving do not change it
    std::optional<Api::DagRun> m_existingRun;
    int m_currentTab = 0;

    QLabel *m_heading = nullptr;
    QLabel *m_pausedWarning = nullptr;
    QCheckBox *m_unpause = nullptr;
    QLineEdit *m_runId = nullptr;
    QLineEdit *m_note = nullptr;
    QLabel *m_noteHint = nullptr;
    QLabel *m_paramsUnavailable = nullptr;
    QCheckBox *m_atLogicalDate = nullptr;
    QDateTimeEdit *m_logicalDate = nullptr;
    QComboBox *m_dateZone = nullptr;
    QLabel *m_logicalDateShown = nullptr;
    QCheckBox *m_watch = nullptr;
    QPushButton *m_openExisting = nullptr;
    QComboBox *m_reuse = nullptr;
    QTabWidget *m_tabs = nullptr;
    ParamsFormWidget *m_form = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_jsonError = nullptr;
    QCheckBox *m_includeSecrets = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_triggerButton = nullptr;
};

} // namespace Windsock::Ui
