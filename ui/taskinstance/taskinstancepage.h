#pragma once

#include "api/features.h"
#include "api/result.h"
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
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {
class XComModel;
}

namespace Windsock::Ui {

class ErrorBanner;
class LogViewer;
class NoteEditor;

// One task instance: its fields (state in colour, try x of max, operator, pool, queue, host, start, end,
// duration, map index), its note (editable unless the deployment is read-only), and three tabs: the Log (a
// LogViewer), its XComs (key, time, a preview; the selected one's whole value, indented when it is JSON, to
// read and copy) and its Tries (number, state, start, end, duration, host; activating one shows its log).
// What the server cannot do (notes before 2.5, tries before 2.10, logs and XComs on 1.10) is disabled with
// the dialect's reason and never asked for.
class TaskInstancePage final : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        LogTab,
        XComTab,
        TriesTab
    };

    enum TryColumn
    {
        TryNumber,
        TryState,
        TryStart,
        TryEnd,
        TryDuration,
        TryHostname,
        TryColumnCount
    };

    explicit TaskInstancePage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~TaskInstancePage() override;

    // The clock "running for ..." durations are measured with; tests set the sandbox's.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    bool hasTaskInstance() const { return m_hasTaskInstance; }
    const Api::TaskInstance &taskInstance() const { return m_taskInstance; }
    const QList<Api::TaskInstance> &tries() const { return m_tries; }
    bool isLoading() const { return !m_tiCall.isNull() || !m_triesCall.isNull(); }

    QLabel *titleLabel() const { return m_title; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *tryLabel() const { return m_try; }
    NoteEditor *noteEditor() const { return m_note; }
    QTabWidget *tabs() const { return m_tabs; }
    LogViewer *logViewer() const { return m_log; }
    Models::XComModel *xcomModel() const { return m_xcoms; }
    QTableView *xcomView() const { return m_xcomView; }
    QPlainTextEdit *xcomValueView() const { return m_xcomValue; }
    QPushButton *copyValueButton() const { return m_copyValue; }
    QTreeWidget *triesList() const { return m_triesList; }
    QString errorText() const;

    // The value as a person reads it: JSON (also JSON inside a string, as older servers send it) indented;
    // anything else as it is.
    static QString readableValue(const Api::XComEntry &entry);

public Q_SLOTS:
    // Shows this task instance (empty ids: nothing) and reads it, its tries, XComs and latest log.
    void setTaskInstance(const QString &dagId, const QString &runId, const QString &taskId,
                         int mapIndex = -1);
    // Reads the fields, tries and XComs again; the log follows a running try by itself.
    void refresh();
    // Shows this try's log in the Log tab and switches to it.
    void showTry(int tryNumber);
    void copyXComValue();

Q_SIGNALS:
    // The run this task instance belongs to, for the window to open.
    void runActivated(const QString &dagId, const QString &runId);
    // The task instance was read (or its note saved).
    void taskInstanceChanged(const Api::TaskInstance &taskInstance);
    // Fields and tries are on the page.
    void loaded();

private:
    QLabel *addField(const QString &label, const QString &objectName);
    void onTaskInstance(const Api::Result<Api::TaskInstance> &result, quint64 generation);
    void showTaskInstance(const Api::TaskInstance &ti);
    void requestTries(quint64 generation);
    void showTries();
    void showCurrentXCom();
    void onXComValueLoaded(int row);
    void onXComValueFailed(int row, const QString &message);
    void saveNote(const QString &note);
    void showError(const QString &message);
    void updateNoteEditable();
    // Why the server cannot do this (empty when it can).
    QString unavailableReason(Api::Feature feature) const;
    void gateTabs();
    void finishLoadingIfDone();

    QPointer<Api::AirflowClient> m_client;
    std::function<QDateTime()> m_now;
    QString m_dagId, m_runId, m_taskId;
    int m_mapIndex = -1;
    Api::TaskInstance m_taskInstance;
    bool m_hasTaskInstance = false;
    bool m_readOnly = false;
    bool m_triesSupported = true;
    QList<Api::TaskInstance> m_tries;
    quint64 m_generation = 0;
    QPointer<Api::ApiCall> m_tiCall;
    QPointer<Api::ApiCall> m_triesCall;
    QPointer<Api::ApiCall> m_noteCall;
    quint64 m_noteGeneration = 0; // bumped by every save and cancel; older answers are dropped

    QLabel *m_title;
    QPushButton *m_openRun;
    QPushButton *m_refresh;
    ErrorBanner *m_error;
    QFormLayout *m_form;
    QLabel *m_state;
    QLabel *m_try;
    QLabel *m_operator;
    QLabel *m_pool;
    QLabel *m_queue;
    QLabel *m_hostname;
    QLabel *m_start;
    QLabel *m_end;
    QLabel *m_duration;
    QLabel *m_mapIndexLabel;
    NoteEditor *m_note;
    QTabWidget *m_tabs;
    LogViewer *m_log;
    Models::XComModel *m_xcoms;
    QTableView *m_xcomView;
    QLabel *m_xcomTitle;
    QPlainTextEdit *m_xcomValue;
    QPushButton *m_copyValue;
    QLabel *m_triesMessage;
    QTreeWidget *m_triesList;
};

} // namespace Windsock::Ui
