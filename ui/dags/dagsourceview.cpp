#include "dagsourceview.h"

#include "api/airflowclient.h"
#include "pythonhighlighter.h"
#include "sourceeditor.h"
#include "statecolors.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

QTextDocument::FindFlags findFlags(bool forward)
{
    return forward ? QTextDocument::FindFlags() : QTextDocument::FindBackward;
}

} // namespace

DagSourceView::DagSourceView(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_title(new QLabel(this))
    , m_copyButton(new QPushButton(tr("&Copy"), this))
    , m_reloadButton(new QPushButton(tr("&Reload"), this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_editor(new SourceEditor(this))
    , m_highlighter(new PythonHighlighter(m_editor->document(), StateColors::isDark(m_editor->palette())))
    , m_findBar(new QWidget(this))
    , m_findEdit(new QLineEdit(this))
    , m_previousButton(new QToolButton(this))
    , m_nextButton(new QToolButton(this))
    , m_matchLabel(new QLabel(this))
{
    m_title->setObjectName(QStringLiteral("sourceTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyButton->setObjectName(QStringLiteral("copySourceButton"));
    m_copyButton->setToolTip(tr("Copy the selection, or the whole file when nothing is selected"));
    m_reloadButton->setObjectName(QStringLiteral("reloadSourceButton"));
    m_reloadButton->setToolTip(tr("Read the file from the server again"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_copyButton);
    top->addWidget(m_reloadButton);

    m_message->setObjectName(QStringLiteral("sourceMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_editor->setObjectName(QStringLiteral("sourceEditor"));
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_editor);

    m_findBar->setObjectName(QStringLiteral("sourceFindBar"));
    m_findEdit->setObjectName(QStringLiteral("sourceFindEdit"));
    m_findEdit->setPlaceholderText(tr("Find in the file"));
    m_findEdit->setClearButtonEnabled(true);
    m_previousButton->setText(tr("Previous"));
    m_previousButton->setToolTip(tr("Previous match (Shift+F3)"));
    m_nextButton->setText(tr("Next"));
    m_nextButton->setToolTip(tr("Next match (F3, Enter)"));
    m_matchLabel->setObjectName(QStringLiteral("sourceMatchLabel"));
    auto *closeFind = new QToolButton(this);
    closeFind->setText(tr("Close"));
    closeFind->setToolTip(tr("Close the find bar (Escape)"));
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_findEdit, 1);
    findLayout->addWidget(m_previousButton);
    findLayout->addWidget(m_nextButton);
    findLayout->addWidget(m_matchLabel);
    findLayout->addWidget(closeFind);
    m_findBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_findBar);

    const auto addShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
    };
    addShortcut(QKeySequence::Find, &DagSourceView::showFindBar);
    addShortcut(QKeySequence::FindNext, &DagSourceView::findNext);
    addShortcut(QKeySequence::FindPrevious, &DagSourceView::findPrevious);
    auto *escape = new QAction(m_findBar);
    escape->setShortcut(Qt::Key_Escape);
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findBar->addAction(escape);
    connect(escape, &QAction::triggered, this, &DagSourceView::hideFindBar);

    connect(m_copyButton, &QPushButton::clicked, this, &DagSourceView::copy);
    connect(m_reloadButton, &QPushButton::clicked, this, &DagSourceView::reload);
    connect(m_findEdit, &QLineEdit::textChanged, this, &DagSourceView::updateMatches);
    connect(m_findEdit, &QLineEdit::returnPressed, this, &DagSourceView::findNext);
    connect(m_nextButton, &QToolButton::clicked, this, &DagSourceView::findNext);
    connect(m_previousButton, &QToolButton::clicked, this, &DagSourceView::findPrevious);
    connect(closeFind, &QToolButton::clicked, this, &DagSourceView::hideFindBar);

    showMessage(tr("No DAG selected"));
}

DagSourceView::~DagSourceView()
{
    cancelCall();
}

void DagSourceView::cancelCall()
{
    // An answer of the cancelled call, now or later, finds another generation and is dropped.
    ++m_generation;
    if (m_call) {
        const QPointer<Api::ApiCall> call = m_call;
        m_call = nullptr;
        call->cancel();
    }
}

QString DagSourceView::source() const
{
    return isShowingSource() ? m_editor->toPlainText() : QString();
}

QString DagSourceView::messageText() const
{
    return isShowingSource() ? QString() : m_message->text();
}

bool DagSourceView::isShowingSource() const
{
    return m_stack->currentWidget() == m_editor;
}

void DagSourceView::setDag(const QString &dagId, const QString &fileToken)
{
    cancelCall();
    m_dagId = dagId;
    m_fileToken = fileToken;
    m_title->setText(dagId);
    requestSource();
}

void DagSourceView::showDag(const QString &dagId)
{
    cancelCall();
    m_dagId = dagId;
    m_fileToken.clear();
    m_title->setText(dagId);
    if (dagId.isEmpty() || !m_client) {
        showMessage(tr("No DAG selected"));
        return;
    }
    showMessage(tr("Loading the source of %1…").arg(dagId));
    const quint64 generation = m_generation;
    m_call = m_client->dag(dagId, this, [this, dagId, generation](const Api::Result<Api::Dag> &result) {
        if (generation != m_generation || dagId != m_dagId)
            return;
        m_call = nullptr;
        if (!result.ok()) {
            if (result.error().kind() != Api::ApiError::Kind::Cancelled) {
                const QString message =
                    tr("Could not read the DAG %1: %2").arg(dagId, result.error().message());
                showMessage(message);
                Q_EMIT failed(message);
            }
            return;
        }
        m_fileToken = result.value().fileToken;
        if (!result.value().fileloc.isEmpty())
            m_title->setText(tr("%1 — %2").arg(dagId, result.value().fileloc));
        requestSource();
    });
}

void DagSourceView::reload()
{
    if (m_fileToken.isEmpty() && !m_dagId.isEmpty())
        showDag(m_dagId); // the token may have arrived since
    else
        requestSource();
}

void DagSourceView::requestSource()
{
    cancelCall();
    if (m_dagId.isEmpty() && m_fileToken.isEmpty()) {
        showMessage(tr("No DAG selected"));
        return;
    }
    if (m_fileToken.isEmpty() || !m_client) {
        const QString message = tr("The server gives no file token for %1, so its code cannot be shown. "
                                   "Airflow leaves it out for "
                                   "DAGs whose file is gone, and some deployments hide it.")
                                    .arg(m_dagId);
        showMessage(message);
        Q_EMIT failed(message);
        return;
    }
    showMessage(tr("Loading the source of %1…").arg(m_dagId));
    const QString token = m_fileToken;
    const quint64 generation = m_generation;
    m_call = m_client->dagSource(token, this, [this, token, generation](const Api::Result<QString> &result) {
        if (generation != m_generation || token != m_fileToken)
            return;
        m_call = nullptr;
        if (!result.ok()) {
            if (result.error().kind() == Api::ApiError::Kind::Cancelled)
                return;
            const QString message = messageFor(result.error());
            showMessage(message);
            Q_EMIT failed(message);
            return;
        }
        showSource(result.value());
        Q_EMIT loaded();
    });
}

QString DagSourceView::messageFor(const Api::ApiError &error) const
{
    switch (error.kind()) {
    case Api::ApiError::Kind::NotFound:
        return tr("The server has no source for %1's file: it may have been moved, renamed or deleted since "
                  "the scheduler last read it.")
            .arg(m_dagId);
    case Api::ApiError::Kind::Forbidden:
    case Api::ApiError::Kind::Unauthorized:
        return tr("The server does not let this account read DAG code. %1").arg(error.message());
    default:
        return tr("Could not load the source of %1: %2").arg(m_dagId, error.message());
    }
}

void DagSourceView::showSource(const QString &source)
{
    m_editor->setPlainText(source);
    m_stack->setCurrentWidget(m_editor);
    m_copyButton->setEnabled(true);
    updateMatches();
}

void DagSourceView::showMessage(const QString &message)
{
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    m_copyButton->setEnabled(false);
    m_matchCount = 0;
    m_matchLabel->clear();
}

void DagSourceView::showFindBar()
{
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_findEdit->setText(selected);
    m_findBar->show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
}

void DagSourceView::hideFindBar()
{
    m_findBar->hide();
    m_editor->setExtraSelections({});
    m_editor->setFocus();
}

void DagSourceView::findNext()
{
    find(true);
}

void DagSourceView::findPrevious()
{
    find(false);
}

void DagSourceView::find(bool forward)
{
    const QString needle = m_findEdit->text();
    if (needle.isEmpty() || !isShowingSource())
        return;
    if (m_findBar->isHidden())
        m_findBar->show();
    QTextDocument *document = m_editor->document();
    QTextCursor found = document->find(needle, m_editor->textCursor(), findFlags(forward));
    if (found.isNull()) {
        // Wrap around: from the top going down, from the bottom going up.
        QTextCursor from(document);
        if (!forward)
            from.movePosition(QTextCursor::End);
        found = document->find(needle, from, findFlags(forward));
    }
    if (found.isNull())
        return;
    m_editor->setTextCursor(found);
    m_editor->ensureCursorVisible();
    // "3 of 7": the matches before this one.
    int ordinal = 0;
    QTextCursor cursor(document);
    while (true) {
        cursor = document->find(needle, cursor);
        if (cursor.isNull() || cursor.selectionStart() > found.selectionStart())
            break;
        ++ordinal;
    }
    m_matchLabel->setText(tr("%1 of %2").arg(ordinal).arg(m_matchCount));
}

void DagSourceView::updateMatches()
{
    const QString needle = m_findEdit->text();
    QList<QTextEdit::ExtraSelection> marks;
    m_matchCount = 0;
    if (!needle.isEmpty() && isShowingSource()) {
        QTextCharFormat format;
        format.setBackground(StateColors::isDark(palette()) ? QColor(0x6e, 0x5a, 0x00)
                                                            : QColor(0xff, 0xe5, 0x8f));
        QTextDocument *document = m_editor->document();
        for (QTextCursor cursor = document->find(needle, 0); !cursor.isNull();
             cursor = document->find(needle, cursor)) {
            ++m_matchCount;
            // A few thousand marks are plenty to see where the matches are; counting goes on.
            if (marks.size() < 5000)
                marks.append(QTextEdit::ExtraSelection{cursor, format});
        }
    }
    m_editor->setExtraSelections(marks);
    if (needle.isEmpty())
        m_matchLabel->clear();
    else
        m_matchLabel->setText(m_matchCount == 0   ? tr("No matches")
                              : m_matchCount == 1 ? tr("1 match")
                                                  : tr("%1 matches").arg(m_matchCount));
}

void DagSourceView::copy()
{
    if (!isShowingSource())
        return;
    const QTextCursor cursor = m_editor->textCursor();
    QString text = cursor.hasSelection() ? cursor.selectedText() : m_editor->toPlainText();
    text.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    QApplication::clipboard()->setText(text);
}

} // namespace Windsock::Ui
