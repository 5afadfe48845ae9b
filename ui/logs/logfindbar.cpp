#include "logfindbar.h"

#include "logs/logsearch.h"
#include "mainwindow/messagebar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolButton>

namespace Windsock::Ui {

namespace {
// At most this many matches are highlighted at once (only those on screen are, anyway).
constexpr int MaxHighlights = 2000;
} // namespace

LogFindBar::LogFindBar(QPlainTextEdit *view, Logs::LogSearch *search, MessageBar *notices, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_search(search)
    , m_notices(notices)
    , m_searchEdit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchCase(new QCheckBox(tr("Match c&ase"), this))
    , m_wrapSearch(new QCheckBox(tr("Wrap aro&und"), this))
    , m_matchLabel(new QLabel(this))
{
    m_searchEdit->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->installEventFilter(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    m_wrapSearch->setChecked(true);
    m_wrapSearch->setToolTip(tr("Go on from the other end after the last match"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_searchEdit, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_matchLabel);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_wrapSearch);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(250);
    connect(&m_searchDebounce, &QTimer::timeout, this, &LogFindBar::startSearch);
    m_highlightTimer.setSingleShot(true);
    m_highlightTimer.setInterval(0);
    connect(&m_highlightTimer, &QTimer::timeout, this, &LogFindBar::updateHighlights);
    connect(m_searchEdit, &QLineEdit::textEdited, this, [this] { m_searchDebounce.start(); });
    connect(m_matchCase, &QCheckBox::toggled, this, &LogFindBar::startSearch);
    connect(m_previous, &QToolButton::clicked, this, &LogFindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &LogFindBar::findNext);
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
    updateMatchLabel();
}

void LogFindBar::textReset()
{
    m_currentMatch = -1;
    m_view->setExtraSelections({});
    if (!m_search->term().isEmpty())
        m_search->start(m_search->term(), m_search->caseSensitivity());
    updateMatchLabel();
}

void LogFindBar::startSearch()
{
    m_searchDebounce.stop();
    m_currentMatch = -1;
    m_search->start(m_searchEdit->text(), m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive);
    updateMatchLabel();
}

void LogFindBar::findNext()
{
    find(true);
}

void LogFindBar::findPrevious()
{
    find(false);
}

void LogFindBar::find(bool forward)
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
                m_notices->showMessage(matches.isEmpty()
                                           ? tr("\"%1\" is not in the log.").arg(m_search->term())
                                           : tr("No more matches below."));
                return;
            }
            index = 0;
            m_notices->showMessage(tr("Search went on from the top."));
        }
    } else {
        const qsizetype from = cursor.hasSelection() ? cursor.selectionStart() : cursor.position();
        index = m_search->firstMatchFrom(from) - 1;
        if (index < 0) {
            if (!m_wrapSearch->isChecked() || (matches.isEmpty() && !m_search->isRunning())) {
                m_notices->showMessage(matches.isEmpty()
                                           ? tr("\"%1\" is not in the log.").arg(m_search->term())
                                           : tr("No more matches above."));
                return;
            }
            if (m_search->isRunning()) {
                m_pendingJump = Jump::Backward; // the last match is not known yet
                return;
            }
            index = matches.size() - 1;
            m_notices->showMessage(tr("Search went on from the bottom."));
        }
    }
    selectMatch(index);
}

void LogFindBar::selectMatch(qsizetype index)
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

void LogFindBar::updateMatchLabel()
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

void LogFindBar::updateHighlights()
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
bool LogFindBar::eventFilter(QObject *watched, QEvent *event)
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
    return QWidget::eventFilter(watched, event);
}

} // namespace Windsock::Ui
