#pragma once

#include "api/types.h"
#include "loglines.h"
#include "logs/logfollower.h"
#include "logs/logsearch.h"

#include <QPointer>
#include <QString>
#include <QTextCursor>
#include <QTimer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Ui {

class LogFindBar;
class MessageBar;

// The log of one task instance: a try selector, the text, follow mode for a running try, search, copy, save.
//
// Built to stay responsive on 50 MB logs: text is appended to a block-based QPlainTextEdit (undo off) in
// slices of bounded size, a few milliseconds of work per event-loop turn, with progress and a Cancel button;
// a mirror of the shown text is searched in time-boxed slices (Logs::LogSearch, through LogFindBar), and
// only the matches on screen are highlighted. Lines are classified by level as they arrive (LogLines):
// coloured by level, filtered by level, Airflow 3's timestamps written in local time or UTC; changing the
// filter rebuilds the document in the same bounded slices. A running try is followed through
// Logs::LogFollower: only new text is appended, and the view stays at the bottom unless the user scrolled up.
class LogViewer final : public QWidget
{
    Q_OBJECT

public:
    explicit LogViewer(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~LogViewer() override;

    // Shows the latest try of this task instance, following it while it runs.
    void setTaskInstance(const Api::TaskInstance &taskInstance);
    // Shows another try (1 .. the task instance's try number).
    void showTry(int tryNumber);

    Logs::TaskInstanceKey key() const { return m_key; }
    int shownTry() const { return m_try; }
    // The text shown so far (a log still loading is not all here yet): the lines that pass the level filter,
    // timestamps as chosen.
    const QString &shownText() const { return m_lines.shownText(); }
    // Lines shown; lines received (shown or not); lines hidden by the level filter.
    qsizetype lineCount() const;
    qsizetype receivedLineCount() const { return m_lines.lineCount(); }
    qsizetype hiddenLineCount() const { return m_lines.hiddenLineCount(); }
    // True while text is downloaded or appended.
    bool isLoading() const;
    bool isFollowing() const { return m_follower->isFollowing(); }
    // How often a followed try is read; tests make it short.
    void setPollIntervalMs(int ms) { m_follower->setPollIntervalMs(ms); }
    // Characters appended per slice and the time budget of one event-loop turn; benchmarks tune them.
    void setAppendLimits(qsizetype sliceChars, int budgetMs);

    QPlainTextEdit *textView() const { return m_view; }
    QComboBox *tryCombo() const { return m_tries; }
    QCheckBox *followCheck() const { return m_follow; }
    QCheckBox *wrapLinesCheck() const { return m_wrapLines; }
    QComboBox *levelCombo() const { return m_levelFilter; }
    QCheckBox *timestampsCheck() const { return m_timestamps; }
    QComboBox *timeZoneCombo() const { return m_timeZone; }
    QLabel *hiddenLabel() const { return m_hiddenLabel; }
    // The character format lines of this level are shown with.
    QTextCharFormat formatFor(Logs::LogLevel level) const { return m_lines.formatFor(level); }
    QLineEdit *searchEdit() const;
    QCheckBox *matchCaseCheck() const;
    QCheckBox *wrapSearchCheck() const;
    QLabel *matchLabel() const;
    QLabel *statusLabel() const { return m_status; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }
    MessageBar *errorBar() const { return m_errorBar; }
    MessageBar *noticeBar() const { return m_noticeBar; }
    const Logs::LogSearch &search() const { return *m_search; }
    // The match selected last (index into search().matches()), -1 for none.
    qsizetype currentMatch() const;

public Q_SLOTS:
    void findNext();
    void findPrevious();
    // Copies the selection, or the whole log when nothing is selected.
    void copy();
    // Asks for a file name (FileDialog, so tests can answer) and writes the log there.
    void saveToFile();
    // Stops a download or the appending of a long log; what is shown stays.
    void cancelLoading();

Q_SIGNALS:
    // Text arrived from the server and waits to be shown (characters of it).
    void textReceived(qsizetype characters);
    // The whole of the requested try is shown (following may go on).
    void loaded();
    // Following stopped because the try ended in this state.
    void followingEnded(const QString &state);
    // Saving finished; the message says where, or what went wrong.
    void saved(bool ok, const QString &message);

private:
    void startTry(int tryNumber, bool follow);
    QString tryLabel(int tryNumber, const QString &state) const;
    void clearText();
    void enqueue(const QString &text);
    void appendSlices();
    void scrollToBottom();
    // Reads the filter and timestamp controls; shows the log anew (in slices) when they changed.
    void applyOptions();
    void rebuild();
    void onFollowerFailed(const Api::ApiError &error);
    void onFollowToggled(bool on);
    void updateStatus();
    void updateProgress();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

    Api::AirflowClient *m_client;
    Logs::LogFollower *m_follower;
    Logs::LogSearch *m_search;
    Logs::TaskInstanceKey m_key;
    QPointer<Api::ApiCall> m_triesCall;
    QString m_taskState;
    int m_latestTry = 1;
    int m_try = 1;

    // Received text not appended yet: m_pending from m_pendingPos on.
    QString m_pending;
    qsizetype m_pendingPos = 0;
    LogLines m_lines; // everything received, classified; and what the document holds (searched, copied)
    QTextCursor m_end;
    QTimer m_appendTimer;
    qsizetype m_sliceChars = 64 * 1024;
    int m_budgetMs = 8;
    bool m_downloading = false;
    bool m_stickToBottom = false;
    bool m_scrollingItself = false;
    bool m_loadedSignalled = false;
    bool m_waitingNotice = false; // the notice bar says the task has not started
    qint64 m_received = 0;
    qint64 m_total = -1;

    QComboBox *m_tries;
    QCheckBox *m_follow;
    QCheckBox *m_wrapLines;
    QComboBox *m_levelFilter;
    QCheckBox *m_timestamps;
    QComboBox *m_timeZone;
    QLabel *m_hiddenLabel;
    QPushButton *m_copy;
    QPushButton *m_save;
    QLabel *m_status;
    MessageBar *m_errorBar;
    MessageBar *m_noticeBar;
    LogFindBar *m_findBar = nullptr; // the search row
    QPlainTextEdit *m_view;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace Windsock::Ui
