#pragma once

#include "api/types.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;
class NoteEditor;

// One DAG run: its fields (state in colour, run type, logical date in UTC and local time, data interval,
// start, end, duration, whether it was triggered from outside the scheduler), its conf as indented JSON that
// can be copied, its note (editable unless the deployment is read-only) and its task instances with a count
// per state ("12 success, 1 failed, 2 running"). Double-clicking a task instance emits
// taskInstanceActivated() for the window to open it.
class RunPage final : public QWidget
{
    Q_OBJECT

public:
    enum TaskColumn
    {
        TaskId,
        MapIndex,
        State,
        Try,
        Duration,
        StartDate,
        TaskColumnCount
    };

    explicit RunPage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~RunPage() override;

    // The clock "running for ..." durations are measured with; tests set the sandbox's.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QString dagId() const { return m_dagId; }
    QString runId() const { return m_runId; }
    bool hasRun() const { return m_hasRun; }
    const Api::DagRun &run() const { return m_run; }
    const QList<Api::TaskInstance> &taskInstances() const { return m_taskInstances; }
    bool isLoading() const { return !m_runCall.isNull() || !m_tiCall.isNull(); }

    QLabel *titleLabel() const { return m_title; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *logicalDateLabel() const { return m_logicalDate; }
    QPlainTextEdit *confView() const { return m_conf; }
    QPushButton *copyConfButton() const { return m_copyConf; }
    NoteEditor *noteEditor() const { return m_note; }
    QTreeWidget *taskInstanceList() const { return m_tis; }
    QLabel *stateCountsLabel() const { return m_stateCounts; }
    QString errorText() const;

    // "12 success, 1 failed, 2 running": the states in the order a person scans for trouble.
    static QString stateCounts(const QList<Api::TaskInstance> &taskInstances);

public Q_SLOTS:
    // Shows this run (empty ids: nothing) and reads it and its task instances.
    void setRun(const QString &dagId, const QString &runId);
    void refresh();
    void copyConf();

Q_SIGNALS:
    void taskInstanceActivated(const QString &dagId, const QString &runId, const QString &taskId,
                               int mapIndex);
    // The run was read (or its note saved): the window may update lists that show it.
    void runChanged(const Api::DagRun &run);
    // The run and its task instances are on the page.
    void loaded();

private:
    QLabel *addField(const QString &label, const QString &objectName);
    void showRun(const Api::DagRun &run);
    void requestTaskInstances(int offset, quint64 generation);
    void showTaskInstances();
    void saveNote(const QString &note);
    void showError(const QString &message);
    void activateItem(QTreeWidgetItem *item);
    void updateNoteEditable();
    // Why this server keeps no notes on runs (empty when it does).
    QString notesUnavailableReason() const;

    QPointer<Api::AirflowClient> m_client;
    std::function<QDateTime()> m_now;
    QString m_dagId;
    QString m_runId;
    Api::DagRun m_run;
    bool m_hasRun = false;
    bool m_readOnly = false;
    QList<Api::TaskInstance> m_taskInstances;
    QList<Api::TaskInstance> m_loadingTaskInstances;
    quint64 m_generation = 0; // bumped by setRun and refresh; older answers are dropped
    QPointer<Api::ApiCall> m_runCall;
    QPointer<Api::ApiCall> m_tiCall;
    QPointer<Api::ApiCall> m_noteCall;
    quint64 m_noteGeneration = 0; // bumped by every save and cancel; older answers are dropped

    QLabel *m_title;
    QPushButton *m_refresh;
    ErrorBanner *m_error;
    QFormLayout *m_form;
    QLabel *m_state;
    QLabel *m_runType;
    QLabel *m_logicalDate;
    QLabel *m_dataInterval;
    QLabel *m_start;
    QLabel *m_end;
    QLabel *m_duration;
    QLabel *m_external;
    QPlainTextEdit *m_conf;
    QPushButton *m_copyConf;
    NoteEditor *m_note;
    QLabel *m_stateCounts;
    QTreeWidget *m_tis;
};

} // namespace Windsock::Ui
