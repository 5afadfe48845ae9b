#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace Windsock::Logs {
class LogSearch;
}

namespace Windsock::Ui {

class MessageBar;

// The search row of the log viewer: the term, next and previous (Return, Shift+Return), the count, match case
// and wrap around. The scan runs in Logs::LogSearch over the text the view shows; only the matches on screen
// are highlighted, so a term found 500,000 times costs no more than one found once.
class LogFindBar final : public QWidget
{
    Q_OBJECT

public:
    // search scans the text that view shows; notices is where "not in the log" and the like are said.
    LogFindBar(QPlainTextEdit *view, Logs::LogSearch *search, MessageBar *notices, QWidget *parent = nullptr);

    QLineEdit *searchEdit() const { return m_searchEdit; }
    QCheckBox *matchCaseCheck() const { return m_matchCase; }
    QCheckBox *wrapSearchCheck() const { return m_wrapSearch; }
    QLabel *matchLabel() const { return m_matchLabel; }
    // The match selected last (index into the search's matches), -1 for none.
    qsizetype currentMatch() const { return m_currentMatch; }

    // The view's text was replaced (another try, another filter): the same term is searched for anew.
    void textReset();
    // The view scrolled or was resized: the highlights follow on the next event-loop turn.
    void scheduleHighlights() { m_highlightTimer.start(); }

public Q_SLOTS:
    void findNext();
    void findPrevious();

private:
    void startSearch();
    void find(bool forward);
    void selectMatch(qsizetype index);
    void updateMatchLabel();
    void updateHighlights();
    bool eventFilter(QObject *watched, QEvent *event) override;

    enum class Jump
    {
        None,
        Forward,
        Backward
    };

    QPlainTextEdit *m_view;
    Logs::LogSearch *m_search;
    MessageBar *m_notices;
    Jump m_pendingJump = Jump::None;
    qsizetype m_currentMatch = -1;
    QTimer m_searchDebounce;
    QTimer m_highlightTimer;
    QLineEdit *m_searchEdit;
    QToolButton *m_previous;
    QToolButton *m_next;
    QCheckBox *m_matchCase;
    QCheckBox *m_wrapSearch;
    QLabel *m_matchLabel;
};

} // namespace Windsock::Ui
