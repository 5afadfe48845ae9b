#include "logviewer.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
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
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
// At most this many matches are highlighted at once (only those on screen are, anyway).
constexpr int MaxHighlights = 2000;
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
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("&Save…"), this))
    , m_status(new QLabel(this))
    , m_errorBar(new MessageBar(MessageBar::Kind::Error, this))
    , m_noticeBar(new MessageBar(MessageBar::Kind::Information, this))
    , m_searchEdit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchCase(new QCheckBox(tr("Match c&ase"), this))
    , m_wrapSearch(new QCheckBox(tr("Wrap aro&und"), this))
    , m_matchLabel(new QLabel(this))
    , m_view(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_search->setText(&m_text);

    m_tries->setToolTip(tr("Which try of the task to show"));
    m_tries->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_follow->setToolTip(tr("Read what the running try writes every few seconds, and stay at the end"));
    m_copy->setToolTip(tr("Copy the selection, or the whole log when nothing is selected"));
    m_save->setToolTip(tr("Save the log to a file"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_searchEdit->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->installEventFilter(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    m_wrapSearch->setChecked(true);
    m_wrapSearch->setToolTip(tr("Go on from the other end after the last match"));

    // A log is read, not edited: no undo history (it would copy every append), monospace, unwrapped.
    m_view->setReadOnly(true);
    m_view->setUndoRedoEnabled(false);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->viewport()->installEventFilter(this);
    m_end = QTextCursor(m_view->document());

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
    toolbar->addStretch(1);
    toolbar->addWidget(m_status);
    toolbar->addWidget(m_copy);
    toolbar->addWidget(m_save);

    auto *searchBar = new QHBoxLayout;
    searchBar->addWidget(m_searchEdit, 1);
    searchBar->addWidget(m_previous);
    searchBar->addWidget(m_next);
    searchBar->addWidget(m_matchLabel);
    searchBar->addWidget(m_matchCase);
    searchBar->addWidget(m_wrapSearch);

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
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    addShortcut(QKeySequence(Qt::Key_F3), &LogViewer::findNext);
    addShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), &LogViewer::findPrevious);
    addShortcut(QKeySequence::Save, &LogViewer::saveToFile);

    m_appendTimer.setSingleShot(true);
    m_appendTimer.setInterval(0);
    connect(&m_appendTimer, &QTimer::timeout, this, &LogViewer::appendSlices);
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(250);
    connect(&m_searchDebounce, &QTimer::timeout, this, &LogViewer::startSearch);
    m_highlightTimer.setSingleShot(true);
    m_highlightTimer.setInterval(0);
    connect(&m_highlightTimer, &QTimer::timeout, this, &LogViewer::updateHighlights);

    connect(m_tries, &QComboBox::activated, this,
            [this](int index) { startTry(m_tries->itemData(index).toInt(), true); });
    connect(m_follow, &QCheckBox::toggled, this, &LogViewer::onFollowToggled);
    connect(m_wrapLines, &QCheckBox::toggled, this, [this](bool on) {
        m_view->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    connect(m_copy, &QPushButton::clicked, this, &LogViewer::copy);
    connect(m_save, &QPushButton::clicked, this, &LogViewer::saveToFile);
    connect(m_cancel, &QPushButton::clicked, this, &LogViewer::cancelLoading);
    connect(m_searchEdit, &QLineEdit::textEdited, this, [this] { m_searchDebounce.start(); });
    connect(m_matchCase, &QCheckBox::toggled, this, &LogViewer::startSearch);
    connect(m_previous, &QToolButton::clicked, this, &LogViewer::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &LogViewer::findNext);
    connect(m_search, &Logs::LogSearch::matchesChanged, this, [this] {
        updateMatchLabel();
        m_highlightTimer.start();
        if (m_pendingJump == Jump::Forward &&
            m_search->firstMatchFrom(m_view->textCursor().position()) < m_search->matches().size())
            find(true);
    });
    connect(m_search, &Logs::LogSearch::finished, this, [this] {
        updateMatchLabel();
        if (m_pendingJump != Jump::None)
            find(m_pendingJump == Jump::Forward);
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_scrollingItself)
            m_stickToBottom = value >= m_view->verticalScrollBar()->maximum();
        m_highlightTimer.start();
    });
    // The scroll range grows after the document's layout has taken the new text in: stay at the bottom then.
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_stickToBottom)
            scrollToBottom();
    });
    connect(m_view->horizontalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { m_highlightTimer.start(); });

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

    updateStatus();
    updateMatchLabel();
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
    if (taskInstance.mapIndex >= 0)
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
    m_text.clear();
    m_text.squeeze();
    m_newlines = 0;
    m_currentMatch = -1;
    m_loadedSignalled = false;
    {
        const QSignalBlocker blocker(m_view->verticalScrollBar());
        m_view->clear();
    }
    m_end = QTextCursor(m_view->document());
    m_view->setExtraSelections({});
    if (!m_search->term().isEmpty())
        m_search->start(m_search->term(), m_search->caseSensitivity());
}

qsizetype LogViewer::lineCount() const
{
    return m_newlines + (m_text.isEmpty() || m_text.endsWith(u'\n') ? 0 : 1);
}

bool LogViewer::isLoading() const
{
    return m_downloading || m_pendingPos < m_pending.size();
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
    const qsizetype shownBefore = m_text.size();
    m_end.beginEditBlock();
    do {
        qsizetype end = qMin(m_pending.size(), m_pendingPos + m_sliceChars);
        if (end < m_pending.size()) {
            const qsizetype lineEnd =
                QStringView(m_pending).mid(end, qMin(LineSearchChars, m_pending.size() - end)).indexOf(u'\n');
            if (lineEnd >= 0)
                end += lineEnd + 1;
        }
        QString slice = m_pending.mid(m_pendingPos, end - m_pendingPos);
        m_pendingPos = end;
        // The document turns "\r\n" into one block break; the mirror must hold what the document holds, so
        // that offsets in it are document positions.
        if (slice.contains(u'\r'))
            slice.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        m_newlines += slice.count(u'\n');
        m_end.movePosition(QTextCursor::End);
        m_end.insertText(slice);
        m_text += slice;
    } while (m_pendingPos < m_pending.size() && clock.elapsed() < m_budgetMs);
    m_end.endEditBlock();

    if (m_pendingPos >= m_pending.size()) {
        m_pending.clear();
        m_pendingPos = 0;
    } else {
        m_appendTimer.start();
    }
    if (stick)
        scrollToBottom();
    if (m_text.size() != shownBefore)
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
    const bool wasAppending = m_pendingPos < m_pending.size();
    if (!wasDownloading && !wasAppending)
        return;
    if (wasDownloading)
        m_follower->stop();
    m_downloading = false;
    m_appendTimer.stop();
    m_pending.clear();
    m_pendingPos = 0;
    {
        const QSignalBlocker blocker(m_follow);
        m_follow->setChecked(false);
    }
    m_noticeBar->showMessage(
        m_text.isEmpty()
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

// Search

void LogViewer::startSearch()
{
    m_searchDebounce.stop();
    m_currentMatch = -1;
    m_search->start(m_searchEdit->text(), m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive);
    updateMatchLabel();
}

void LogViewer::findNext()
{
    find(true);
}

void LogViewer::findPrevious()
{
    find(false);
}

void LogViewer::find(bool forward)
{
    const Qt::CaseSensitivity sensitivity =
        m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (m_searchEdit->text().isEmpty())
        return;
    if (m_searchEdit->text() != m_search->term() || sensitivity != m_search->caseSensitivity())
        startSearch();
    m_pendingJump = Jump::None;
    const QList<qsizetype> &matches = m_search->matches();
    const QTextCursor cursor = m_view->textCursor();
    qsizetype index = -1;
    if (forward) {
        const qsizetype from = cursor.hasSelection() ? cursor.selectionStart() + 1 : cursor.position();
        index = m_search->firstMatchFrom(from);
        if (index >= matches.size()) {
            if (m_search->isRunning()) {
                m_pendingJump = Jump::Forward; // the scan has not got there yet
                return;
            }
            if (matches.isEmpty() || !m_wrapSearch->isChecked()) {
                m_noticeBar->showMessage(matches.isEmpty()
                                             ? tr("\"%1\" is not in the log.").arg(m_search->term())
                                             : tr("No more matches below."));
                return;
            }
            index = 0;
            m_noticeBar->showMessage(tr("Search went on from the top."));
        }
    } else {
        const qsizetype from = cursor.hasSelection() ? cursor.selectionStart() : cursor.position();
        index = m_search->firstMatchFrom(from) - 1;
        if (index < 0) {
            if (!m_wrapSearch->isChecked() || (matches.isEmpty() && !m_search->isRunning())) {
                m_noticeBar->showMessage(matches.isEmpty()
                                             ? tr("\"%1\" is not in the log.").arg(m_search->term())
                                             : tr("No more matches above."));
                return;
            }
            if (m_search->isRunning()) {
                m_pendingJump = Jump::Backward; // the last match is not known yet
                return;
            }
            index = matches.size() - 1;
            m_noticeBar->showMessage(tr("Search went on from the bottom."));
        }
    }
    selectMatch(index);
}

void LogViewer::selectMatch(qsizetype index)
{
    const QList<qsizetype> &matches = m_search->matches();
    if (index < 0 || index >= matches.size())
        return;
    m_currentMatch = index;
    QTextCursor cursor(m_view->document());
    cursor.setPosition(int(matches.at(index)));
    cursor.setPosition(int(matches.at(index) + m_search->term().size()), QTextCursor::KeepAnchor);
    m_view->setTextCursor(cursor);
    m_view->centerCursor();
    updateMatchLabel();
    m_highlightTimer.start();
}

void LogViewer::updateMatchLabel()
{
    const qsizetype count = m_search->matches().size();
    const QString more = m_search->isRunning()     ? QStringLiteral("…")
                         : m_search->isTruncated() ? QStringLiteral("+")
                                                   : QString();
    if (m_search->term().isEmpty())
        m_matchLabel->clear();
    else if (count == 0)
        m_matchLabel->setText(m_search->isRunning() ? tr("Searching…") : tr("No matches"));
    else if (m_currentMatch >= 0 && m_currentMatch < count)
        m_matchLabel->setText(tr("%L1 of %L2%3").arg(m_currentMatch + 1).arg(count).arg(more));
    else
        m_matchLabel->setText(tr("%L1%2 matches").arg(count).arg(more));
}

void LogViewer::updateHighlights()
{
    // Only what is on screen: a term found 500,000 times must not become 500,000 extra selections.
    QList<QTextEdit::ExtraSelection> selections;
    const QList<qsizetype> &matches = m_search->matches();
    if (!matches.isEmpty()) {
        const int first = m_view->cursorForPosition(QPoint(0, 0)).block().position();
        const QTextBlock lastBlock =
            m_view->cursorForPosition(QPoint(m_view->viewport()->width(), m_view->viewport()->height()))
                .block();
        const qsizetype last = lastBlock.position() + lastBlock.length();
        QTextCharFormat all;
        all.setBackground(QColor(255, 213, 79));
        all.setForeground(Qt::black);
        QTextCharFormat current;
        current.setBackground(QColor(255, 138, 0));
        current.setForeground(Qt::black);
        const qsizetype length = m_search->term().size();
        for (qsizetype i = m_search->firstMatchFrom(first);
             i < matches.size() && matches.at(i) < last && selections.size() < MaxHighlights; ++i) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(m_view->document());
            selection.cursor.setPosition(int(matches.at(i)));
            selection.cursor.setPosition(int(matches.at(i) + length), QTextCursor::KeepAnchor);
            selection.format = i == m_currentMatch ? current : all;
            selections.append(selection);
        }
    }
    m_view->setExtraSelections(selections);
}

// Copy and save

void LogViewer::copy()
{
    const QTextCursor cursor = m_view->textCursor();
    QString text = cursor.hasSelection() ? cursor.selectedText() : m_text;
    if (cursor.hasSelection())
        text.replace(QChar::ParagraphSeparator, u'\n');
    QGuiApplication::clipboard()->setText(text);
}

void LogViewer::saveToFile()
{
    if (m_text.isEmpty() && m_pendingPos >= m_pending.size())
        return;
    const QString suggested = QDir::home().filePath(QStringLiteral("%1__%2__%3__try%4.log")
                                                        .arg(m_key.dagId, m_key.dagRunId, m_key.taskId)
                                                        .arg(m_try)
                                                        .replace(QLatin1Char(':'), QLatin1Char('_')));
    const QString fileName = FileDialog::getSaveFileName(this, tr("Save the log"), suggested,
                                                         tr("Log files (*.log *.txt);;All files (*)"));
    if (fileName.isEmpty())
        return;
    // Everything received, also what is still waiting to be shown.
    QSaveFile file(fileName);
    bool ok = file.open(QIODevice::WriteOnly);
    constexpr qsizetype Piece = 1024 * 1024;
    for (qsizetype at = 0; ok && at < m_text.size(); at += Piece)
        ok = file.write(QStringView(m_text).mid(at, Piece).toUtf8()) >= 0;
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
                   QLocale().formattedDataSize(m_text.size());
    if (m_follower->isFollowing())
        text += QStringLiteral(" · ") + tr("following");
    m_status->setText(text);
    m_copy->setEnabled(!m_text.isEmpty());
    m_save->setEnabled(!m_text.isEmpty());
}

void LogViewer::updateProgress()
{
    const bool appending = m_pendingPos < m_pending.size();
    // A followed try polls forever; only its first read and long appends are "loading".
    const bool downloading = m_downloading && !m_follower->isFollowing();
    const bool visible = downloading || (appending && m_pending.size() > m_sliceChars);
    m_progress->setVisible(visible);
    m_cancel->setVisible(visible);
    if (!visible)
        return;
    if (appending) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(m_pendingPos * 1000 / qMax<qsizetype>(1, m_pending.size())));
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
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            find(!(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_searchEdit->text().isEmpty()) {
            m_searchEdit->clear();
            m_search->reset();
            m_currentMatch = -1;
            updateMatchLabel();
            m_view->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    }
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_highlightTimer.start();
    return QWidget::eventFilter(watched, event);
}

} // namespace Windsock::Ui
