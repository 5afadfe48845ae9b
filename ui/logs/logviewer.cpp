#include "logviewer.h"

#include "logfindbar.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/dialect.h"
#include "mainwindow/messagebar.h"
#include "profiles/filedialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
// A slice is cut after a line break when there is one this close past the slice's end.
constexpr qsizetype LineSearchChars = 16 * 1024;
} // namespace

LogViewer::LogViewer(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_follower(new Logs::LogFollower(client, this))
    , m_search(new Logs::LogSearch(this))
    , m_tries(new QComboBox(this))
    , m_follow(new QCheckBox(tr("&Follow"), this))
    , m_wrapLines(new QCheckBox(tr("&Wrap lines"), this))
    , m_levelFilter(new QComboBox(this))
    , m_timestamps(new QCheckBox(tr("&Timestamps"), this))
    , m_timeZone(new QComboBox(this))
    , m_hiddenLabel(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("&Save…"), this))
    , m_status(new QLabel(this))
    , m_errorBar(new MessageBar(MessageBar::Kind::Error, this))
    , m_noticeBar(new MessageBar(MessageBar::Kind::Information, this))
    , m_view(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_search->setText(&m_lines.shownText());

    m_tries->setToolTip(tr("Which try of the task to show"));
    m_tries->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_follow->setToolTip(tr("Read what the running try writes every few seconds, and stay at the end"));
    m_copy->setToolTip(tr("Copy the selection, or the whole log when nothing is selected"));
    m_save->setToolTip(tr("Save the log to a file"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_levelFilter->addItem(tr("All levels"), int(Logs::LogLevel::Debug));
    m_levelFilter->addItem(tr("Info and up"), int(Logs::LogLevel::Info));
    m_levelFilter->addItem(tr("Warning and up"), int(Logs::LogLevel::Warning));
    m_levelFilter->addItem(tr("Errors only"), int(Logs::LogLevel::Error));
    m_levelFilter->setToolTip(
        tr("Hide lines below this level (a traceback goes with the line it belongs to)"));
    m_timestamps->setChecked(true);
    m_timestamps->setToolTip(tr("Show when each line was written"));
    m_timeZone->addItem(tr("Local time"), false);
    m_timeZone->addItem(tr("UTC"), true);
    m_timeZone->setToolTip(
        tr("Write Airflow 3's timestamps in local time or in UTC (Airflow 2 writes its own)"));
    m_hiddenLabel->hide();

    // A log is read, not edited: no undo history (it would copy every append), monospace, unwrapped.
    m_view->setReadOnly(true);
    m_view->setUndoRedoEnabled(false);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->viewport()->installEventFilter(this);
    m_end = QTextCursor(m_view->document());
    m_lines.setPalette(m_view->palette());
    m_findBar = new LogFindBar(m_view, m_search, m_noticeBar, this);

    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->hide();
    m_errorBar->hide();
    m_noticeBar->hide();

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(new QLabel(tr("Try:"), this));
    toolbar->addWidget(m_tries);
    toolbar->addWidget(m_follow);
    toolbar->addWidget(m_wrapLines);
    toolbar->addWidget(m_timestamps);
    toolbar->addWidget(m_timeZone);
    toolbar->addStretch(1);
    toolbar->addWidget(m_status);
    toolbar->addWidget(m_copy);
    toolbar->addWidget(m_save);

    auto *searchBar = new QHBoxLayout;
    searchBar->addWidget(m_findBar, 1);
    searchBar->addSpacing(12);
    searchBar->addWidget(new QLabel(tr("Level:"), this));
    searchBar->addWidget(m_levelFilter);
    searchBar->addWidget(m_hiddenLabel);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_errorBar);
    layout->addWidget(m_noticeBar);
    layout->addLayout(searchBar);
    layout->addWidget(m_view, 1);
    layout->addLayout(progressRow);

    auto addShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut(QKeySequence::Find, [this] {
        m_findBar->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_findBar->searchEdit()->selectAll();
    });
    addShortcut(QKeySequence(Qt::Key_F3), [this] { m_findBar->findNext(); });
    addShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), [this] { m_findBar->findPrevious(); });
    addShortcut(QKeySequence::Save, &LogViewer::saveToFile);

    m_appendTimer.setSingleShot(true);
    m_appendTimer.setInterval(0);
    connect(&m_appendTimer, &QTimer::timeout, this, &LogViewer::appendSlices);

    connect(m_tries, &QComboBox::activated, this,
            [this](int index) { startTry(m_tries->itemData(index).toInt(), true); });
    connect(m_follow, &QCheckBox::toggled, this, &LogViewer::onFollowToggled);
    connect(m_wrapLines, &QCheckBox::toggled, this, [this](bool on) {
        m_view->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    connect(m_levelFilter, &QComboBox::currentIndexChanged, this, &LogViewer::applyOptions);
    connect(m_timestamps, &QCheckBox::toggled, this, &LogViewer::applyOptions);
    connect(m_timeZone, &QComboBox::currentIndexChanged, this, &LogViewer::applyOptions);
    connect(m_copy, &QPushButton::clicked, this, &LogViewer::copy);
    connect(m_save, &QPushButton::clicked, this, &LogViewer::saveToFile);
    connect(m_cancel, &QPushButton::clicked, this, &LogViewer::cancelLoading);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_scrollingItself)
            m_stickToBottom = value >= m_view->verticalScrollBar()->maximum();
        m_findBar->scheduleHighlights();
    });
    // The scroll range grows after the document's layout has taken the new text in: stay at the bottom then.
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_stickToBottom)
            scrollToBottom();
    });
    connect(m_view->horizontalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { m_findBar->scheduleHighlights(); });

    connect(m_follower, &Logs::LogFollower::textReceived, this, [this](const QString &text) {
        if (m_waitingNotice) {
            m_waitingNotice = false; // the task has started
            m_noticeBar->dismiss();
        }
        enqueue(text);
        Q_EMIT textReceived(text.size());
    });
    connect(m_follower, &Logs::LogFollower::progress, this, [this](qint64 received, qint64 total) {
        m_received = received;
        m_total = total;
        updateProgress();
    });
    connect(m_follower, &Logs::LogFollower::loaded, this, [this] {
        m_downloading = false;
        updateProgress();
        if (m_pendingPos >= m_pending.size() && !m_loadedSignalled) {
            m_loadedSignalled = true;
            Q_EMIT loaded();
        }
    });
    connect(m_follower, &Logs::LogFollower::waitingForStart, this, [this](const QString &state) {
        m_waitingNotice = true;
        m_noticeBar->showMessage(
            state.isEmpty() ? tr("The task has not started yet: its log appears here when it runs.")
                            : tr("The task is %1 and has not started yet: its log appears here when it runs.")
                                  .arg(state));
    });
    connect(m_follower, &Logs::LogFollower::taskEnded, this, [this](const QString &state) {
        m_taskState = state;
        const QSignalBlocker blocker(m_follow);
        m_follow->setChecked(false);
        m_follow->setEnabled(false);
        m_noticeBar->showMessage(state.isEmpty()
                                     ? tr("The try has ended: following stopped.")
                                     : tr("The try has ended (%1): following stopped.").arg(state));
        updateStatus();
        Q_EMIT followingEnded(state);
    });
    connect(m_follower, &Logs::LogFollower::failed, this, &LogViewer::onFollowerFailed);

    applyOptions();
    updateStatus();
    setEnabled(false); // until a task instance is set
}

LogViewer::~LogViewer() = default;

void LogViewer::setTaskInstance(const Api::TaskInstance &taskInstance)
{
    m_key = {taskInstance.dagId, taskInstance.dagRunId, taskInstance.taskId, taskInstance.mapIndex};
    m_taskState = taskInstance.state;
    m_latestTry = qMax(1, taskInstance.tryNumber);
    m_tries->clear();
    for (int tryNumber = 1; tryNumber <= m_latestTry; ++tryNumber) {
        m_tries->addItem(tryLabel(tryNumber, QString()), tryNumber);
    }
    setEnabled(true);
    startTry(m_latestTry, true);

    // Each try's state, where the server keeps the tries (2.10+); the numbers alone work everywhere else.
    if (m_triesCall)
        m_triesCall->cancel();
    if (taskInstance.mapIndex >= 0 || !m_client->dialect().supports(Api::Feature::TaskInstanceTries))
        return;
    const Logs::TaskInstanceKey key = m_key;
    m_triesCall = m_client->taskInstanceTries(
        key.dagId, key.dagRunId, key.taskId, this,
        [this, key](const Api::Result<QList<Api::TaskInstance>> &tries) {
            if (!tries || key.dagId != m_key.dagId || key.dagRunId != m_key.dagRunId ||
                key.taskId != m_key.taskId)
                return;
            for (const Api::TaskInstance &attempt : tries.value()) {
                const int index = m_tries->findData(attempt.tryNumber);
                if (index >= 0 && !attempt.state.isEmpty())
                    m_tries->setItemText(index, tryLabel(attempt.tryNumber, attempt.state));
            }
        });
}

QString LogViewer::tryLabel(int tryNumber, const QString &state) const
{
    // "2", "2 (latest)", "1 (up_for_retry)", "2 (success, latest)"
    QStringList notes;
    if (!state.isEmpty())
        notes << state;
    if (tryNumber == m_latestTry && m_latestTry > 1)
        notes << tr("latest");
    return notes.isEmpty() ? QString::number(tryNumber)
                           : QStringLiteral("%1 (%2)").arg(tryNumber).arg(notes.join(QStringLiteral(", ")));
}

void LogViewer::showTry(int tryNumber)
{
    const int index = m_tries->findData(tryNumber);
    if (index < 0)
        return;
    m_tries->setCurrentIndex(index);
    startTry(tryNumber, true);
}

void LogViewer::startTry(int tryNumber, bool followIfRunning)
{
    m_try = tryNumber;
    const QSignalBlocker blocker(m_tries);
    m_tries->setCurrentIndex(qMax(0, m_tries->findData(tryNumber)));
    clearText();
    m_errorBar->dismiss();
    m_noticeBar->dismiss();
    m_waitingNotice = false;
    // Only the latest try of a task that has not finished can still grow.
    const bool running = tryNumber == m_latestTry && !Logs::LogFollower::isFinalState(m_taskState);
    const bool follow = running && followIfRunning;
    {
        const QSignalBlocker followBlocker(m_follow);
        m_follow->setChecked(follow);
        m_follow->setEnabled(running);
    }
    m_stickToBottom = follow;
    m_downloading = true;
    m_received = 0;
    m_total = -1;
    m_follower->start(m_key, tryNumber, follow);
    updateProgress();
    updateStatus();
}

void LogViewer::clearText()
{
    m_appendTimer.stop();
    m_pending.clear();
    m_pendingPos = 0;
    m_lines.clear();
    m_loadedSignalled = false;
    {
        const QSignalBlocker blocker(m_view->verticalScrollBar());
        m_view->clear();
    }
    m_end = QTextCursor(m_view->document());
    m_findBar->textReset();
}

QLineEdit *LogViewer::searchEdit() const
{
    return m_findBar->searchEdit();
}

QCheckBox *LogViewer::matchCaseCheck() const
{
    return m_findBar->matchCaseCheck();
}

QCheckBox *LogViewer::wrapSearchCheck() const
{
    return m_findBar->wrapSearchCheck();
}

QLabel *LogViewer::matchLabel() const
{
    return m_findBar->matchLabel();
}

qsizetype LogViewer::currentMatch() const
{
    return m_findBar->currentMatch();
}

void LogViewer::findNext()
{
    m_findBar->findNext();
}

void LogViewer::findPrevious()
{
    m_findBar->findPrevious();
}

qsizetype LogViewer::lineCount() const
{
    const QString &shown = m_lines.shownText();
    return m_lines.shownNewlines() + (shown.isEmpty() || shown.endsWith(u'\n') ? 0 : 1);
}

bool LogViewer::isLoading() const
{
    return m_downloading || m_pendingPos < m_pending.size() || m_lines.hasUnrendered();
}

void LogViewer::applyOptions()
{
    LogLines::Options options;
    options.threshold = Logs::LogLevel(m_levelFilter->currentData().toInt());
    options.timestamps = m_timestamps->isChecked();
    options.utc = m_timeZone->currentData().toBool();
    options.structured = m_client && m_client->dialect().kind() == Api::ApiKind::V2;
    m_timeZone->setEnabled(options.structured && options.timestamps);
    if (options == m_lines.options())
        return;
    m_lines.setOptions(options);
    rebuild();
}

void LogViewer::rebuild()
{
    // The document is written anew from the lines received, in the same bounded slices as a first load: a
    // 50 MB log filtered is never a freeze. The search starts over on the new text.
    m_appendTimer.stop();
    {
        const QSignalBlocker blocker(m_view->verticalScrollBar());
        m_view->clear();
    }
    m_end = QTextCursor(m_view->document());
    m_lines.restart();
    m_findBar->textReset();
    if (isLoading())
        m_appendTimer.start();
    updateStatus();
    updateProgress();
}

void LogViewer::setAppendLimits(qsizetype sliceChars, int budgetMs)
{
    m_sliceChars = qMax<qsizetype>(1024, sliceChars);
    m_budgetMs = qMax(1, budgetMs);
}

void LogViewer::enqueue(const QString &text)
{
    if (m_pendingPos >= m_pending.size()) {
        m_pending = text; // shares the received text: a 50 MB log is not copied here
    } else {
        m_pending = m_pending.mid(m_pendingPos) + text;
    }
    m_pendingPos = 0;
    if (!m_appendTimer.isActive())
        m_appendTimer.start();
    updateProgress();
}

void LogViewer::appendSlices()
{
    // Bounded work per event-loop turn: slices of at most m_sliceChars, cut after a line break, until the
    // time budget is spent; then the event loop runs (paints, input, timers) before the next turn.
    QElapsedTimer clock;
    clock.start();
    const bool stick = m_stickToBottom;
    const qsizetype shownBefore = m_lines.shownText().size();
    m_end.beginEditBlock();
    do {
        // What was received and classified is shown first (a rebuild after the filter changed); then the
        // next slice of what waits.
        if (m_lines.hasUnrendered()) {
            m_lines.render(m_end, m_sliceChars);
            continue;
        }
        qsizetype end = qMin(m_pending.size(), m_pendingPos + m_sliceChars);
        if (end < m_pending.size()) {
            const qsizetype lineEnd =
                QStringView(m_pending).mid(end, qMin(LineSearchChars, m_pending.size() - end)).indexOf(u'\n');
            if (lineEnd >= 0)
                end += lineEnd + 1;
        }
        // The document turns "\r\n" into one block break; LogLines does the same, so that offsets in the
        // shown text are document positions.
        m_lines.addText(QStringView(m_pending).mid(m_pendingPos, end - m_pendingPos));
        m_pendingPos = end;
        m_end.movePosition(QTextCursor::End);
        m_lines.render(m_end, m_sliceChars);
    } while ((m_pendingPos < m_pending.size() || m_lines.hasUnrendered()) && clock.elapsed() < m_budgetMs);
    m_end.endEditBlock();

    if (m_pendingPos >= m_pending.size()) {
        m_pending.clear();
        m_pendingPos = 0;
    }
    if (m_pendingPos < m_pending.size() || m_lines.hasUnrendered())
        m_appendTimer.start();
    if (stick)
        scrollToBottom();
    if (m_lines.shownText().size() != shownBefore)
        m_search->textAppended();
    updateStatus();
    updateProgress();
    if (!isLoading() && !m_loadedSignalled) {
        m_loadedSignalled = true;
        Q_EMIT loaded();
    }
}

void LogViewer::scrollToBottom()
{
    m_scrollingItself = true;
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->maximum());
    m_scrollingItself = false;
    m_stickToBottom = true;
}

void LogViewer::cancelLoading()
{
    const bool wasDownloading = m_downloading;
    const bool wasAppending = m_pendingPos < m_pending.size() || m_lines.hasUnrendered();
    if (!wasDownloading && !wasAppending)
        return;
    if (wasDownloading)
        m_follower->stop();
    m_downloading = false;
    m_appendTimer.stop();
    m_pending.clear();
    m_pendingPos = 0;
    m_lines.truncateToRendered();
    {
        const QSignalBlocker blocker(m_follow);
        m_follow->setChecked(false);
    }
    m_noticeBar->showMessage(
        m_lines.shownText().isEmpty()
            ? tr("Loading cancelled: nothing of the log is shown. Choose the try again to load it.")
            : tr("Loading cancelled: showing the first %L1 lines of the log. Choose the try again to load "
                 "all of it.")
                  .arg(lineCount()));
    updateProgress();
    updateStatus();
}

void LogViewer::onFollowerFailed(const Api::ApiError &error)
{
    m_downloading = false;
    QString message;
    if (error.kind() == Api::ApiError::Kind::Cancelled) {
        updateProgress();
        return;
    }
    if (error.kind() == Api::ApiError::Kind::NotFound || error.httpStatus() == 404)
        message = tr("Try %1 has no log yet.").arg(m_try);
    else
        message = tr("The log could not be read: %1").arg(error.message());
    if (m_follow->isChecked()) {
        message += QLatin1Char(' ') + tr("Following paused: tick Follow to try again.");
        const QSignalBlocker blocker(m_follow);
        m_follow->setChecked(false);
    }
    m_errorBar->showMessage(message);
    updateProgress();
    updateStatus();
}

void LogViewer::onFollowToggled(bool on)
{
    if (on) {
        m_errorBar->dismiss();
        if (m_follower->canResume()) {
            m_follower->resume();
        } else if (!m_follower->isActive()) {
            // Nothing to go on from (the first read failed): read the try again.
            startTry(m_try, true);
            return;
        }
        scrollToBottom();
    } else {
        m_follower->pause();
        m_downloading = false; // a first read cut short: ticking Follow again reads the try anew
        updateProgress();
    }
    updateStatus();
}

// Copy and save

void LogViewer::copy()
{
    const QTextCursor cursor = m_view->textCursor();
    QString text = cursor.hasSelection() ? cursor.selectedText() : m_lines.shownText();
    if (cursor.hasSelection())
        text.replace(QChar::ParagraphSeparator, u'\n');
    QGuiApplication::clipboard()->setText(text);
}

void LogViewer::saveToFile()
{
    if (m_lines.rawText().isEmpty() && m_pendingPos >= m_pending.size())
        return;
    const QString suggested = QDir::home().filePath(QStringLiteral("%1__%2__%3__try%4.log")
                                                        .arg(m_key.dagId, m_key.dagRunId, m_key.taskId)
                                                        .arg(m_try)
                                                        .replace(QLatin1Char(':'), QLatin1Char('_')));
    const QString fileName = FileDialog::getSaveFileName(this, tr("Save the log"), suggested,
                                                         tr("Log files (*.log *.txt);;All files (*)"));
    if (fileName.isEmpty())
        return;
    // Everything received as the server sent it, also what is still waiting to be shown or filtered out.
    const QString &raw = m_lines.rawText();
    QSaveFile file(fileName);
    bool ok = file.open(QIODevice::WriteOnly);
    constexpr qsizetype Piece = 1024 * 1024;
    for (qsizetype at = 0; ok && at < raw.size(); at += Piece)
        ok = file.write(QStringView(raw).mid(at, Piece).toUtf8()) >= 0;
    for (qsizetype at = m_pendingPos; ok && at < m_pending.size(); at += Piece)
        ok = file.write(QStringView(m_pending).mid(at, qMin(Piece, m_pending.size() - at)).toUtf8()) >= 0;
    ok = ok && file.commit();
    QString message;
    if (ok) {
        message = tr("Saved the log to %1.").arg(QDir::toNativeSeparators(fileName));
        m_noticeBar->showMessage(message);
    } else {
        message = tr("The log could not be saved to %1: %2")
                      .arg(QDir::toNativeSeparators(fileName), file.errorString());
        m_errorBar->showMessage(message);
    }
    Q_EMIT saved(ok, message);
}

// Status

void LogViewer::updateStatus()
{
    const qsizetype lines = lineCount();
    QString text = (lines == 1 ? tr("1 line") : tr("%L1 lines").arg(lines)) + QStringLiteral(" · ") +
                   QLocale().formattedDataSize(m_lines.rawText().size());
    if (m_follower->isFollowing())
        text += QStringLiteral(" · ") + tr("following");
    m_status->setText(text);
    const qsizetype hidden = m_lines.hiddenLineCount();
    m_hiddenLabel->setText(hidden == 1 ? tr("1 line hidden by the level filter")
                                       : tr("%L1 lines hidden by the level filter").arg(hidden));
    m_hiddenLabel->setVisible(hidden > 0);
    m_copy->setEnabled(!m_lines.shownText().isEmpty());
    m_save->setEnabled(!m_lines.rawText().isEmpty());
}

void LogViewer::updateProgress()
{
    // Characters still to show: received and waiting, or classified and waiting (a rebuild).
    const qsizetype waiting =
        m_pending.size() - m_pendingPos + m_lines.rawText().size() - m_lines.renderedChars();
    const bool appending = waiting > 0;
    // A followed try polls forever; only its first read and long appends are "loading".
    const bool downloading = m_downloading && !m_follower->isFollowing();
    const bool visible = downloading || (appending && waiting > m_sliceChars);
    m_progress->setVisible(visible);
    m_cancel->setVisible(visible);
    if (!visible)
        return;
    if (appending) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(
            int(m_lines.renderedChars() * 1000 / qMax<qsizetype>(1, m_lines.renderedChars() + waiting)));
        m_progress->setFormat(tr("Showing the log… %p%"));
    } else if (m_total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(m_received * 1000 / m_total));
        m_progress->setFormat(
            tr("Downloading the log… %1 of %2")
                .arg(QLocale().formattedDataSize(m_received), QLocale().formattedDataSize(m_total)));
    } else {
        m_progress->setRange(0, 0);
        m_progress->setFormat(m_received > 0
                                  ? tr("Downloading the log… %1").arg(QLocale().formattedDataSize(m_received))
                                  : tr("Downloading the log…"));
    }
}

bool LogViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_findBar->scheduleHighlights();
    return QWidget::eventFilter(watched, event);
}

void LogViewer::changeEvent(QEvent *event)
{
    // A light or dark theme chosen while the log is shown: the level colours follow it.
    if (event->type() == QEvent::PaletteChange) {
        m_lines.setPalette(palette());
        if (!m_lines.rawText().isEmpty())
            rebuild();
    }
    QWidget::changeEvent(event);
}

} // namespace Windsock::Ui
