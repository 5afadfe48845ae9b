#include "noteeditor.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

NoteEditor::NoteEditor(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_label(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit note…"), this))
    , m_editor(new QPlainTextEdit(this))
    , m_save(new QPushButton(tr("&Save note"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_error(new QLabel(this))
{
    m_label->setObjectName(QStringLiteral("noteText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_edit->setObjectName(QStringLiteral("editNoteButton"));
    auto *view = new QWidget(this);
    auto *viewLayout = new QHBoxLayout(view);
    viewLayout->setContentsMargins(0, 0, 0, 0);
    viewLayout->addWidget(m_label, 1);
    viewLayout->addWidget(m_edit, 0, Qt::AlignTop);

    m_editor->setObjectName(QStringLiteral("noteEditor"));
    m_editor->setTabChangesFocus(true);
    m_editor->setPlaceholderText(
        tr("A note for the people who look at this later (Markdown is shown as text)"));
    m_editor->setMaximumHeight(m_editor->fontMetrics().lineSpacing() * 6 + 12);
    m_save->setObjectName(QStringLiteral("saveNoteButton"));
    m_save->setToolTip(tr("Save the note on the server (Ctrl+Return)"));
    m_cancel->setObjectName(QStringLiteral("cancelNoteButton"));
    m_error->setObjectName(QStringLiteral("noteError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    auto *edit = new QWidget(this);
    auto *editLayout = new QVBoxLayout(edit);
    editLayout->setContentsMargins(0, 0, 0, 0);
    editLayout->addWidget(m_editor);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_error, 1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    editLayout->addLayout(buttons);

    m_stack->addWidget(view);
    m_stack->addWidget(edit);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Ctrl+Return saves: read from the editor's own key presses, so it works wherever the editor has the
    // keyboard (a window-wide shortcut would clash with the pages' own).
    m_editor->installEventFilter(this);
    connect(m_edit, &QPushButton::clicked, this, &NoteEditor::startEditing);
    connect(m_save, &QPushButton::clicked, this, &NoteEditor::save);
    connect(m_cancel, &QPushButton::clicked, this, &NoteEditor::cancelEditing);
    setNote({});
}

bool NoteEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            save();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_saving) {
            cancelEditing();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NoteEditor::setNote(const QString &note)
{
    m_note = note;
    if (note.isEmpty()) {
        m_label->setText(m_unavailableReason.isEmpty() ? tr("No note") : m_unavailableReason);
        m_label->setForegroundRole(QPalette::PlaceholderText);
    } else {
        m_label->setText(note);
        m_label->setForegroundRole(QPalette::WindowText);
    }
    updateButtons();
}

void NoteEditor::setEditable(bool editable, const QString &reason)
{
    m_editable = editable;
    m_edit->setToolTip(editable ? tr("Write or change the note") : reason);
    if (!editable && isEditing() && !m_saving)
        cancelEditing();
    updateButtons();
}

void NoteEditor::setUnavailableReason(const QString &reason)
{
    if (reason == m_unavailableReason)
        return;
    m_unavailableReason = reason;
    setNote(m_note);
}

bool NoteEditor::isEditing() const
{
    return m_stack->currentIndex() == 1;
}

void NoteEditor::startEditing()
{
    if (!m_editable)
        return;
    m_editor->setPlainText(m_note);
    m_error->hide();
    m_stack->setCurrentIndex(1);
    m_editor->setFocus();
    m_editor->moveCursor(QTextCursor::End);
    updateButtons();
}

void NoteEditor::cancelEditing()
{
    m_saving = false; // an answer still on its way is ignored by the page
    m_error->hide();
    m_stack->setCurrentIndex(0);
    updateButtons();
}

void NoteEditor::save()
{
    if (!isEditing() || m_saving || !m_editable)
        return;
    m_saving = true;
    m_error->hide();
    updateButtons();
    Q_EMIT saveRequested(m_editor->toPlainText());
}

void NoteEditor::saveFinished(bool ok, const QString &savedNoteOrError)
{
    m_saving = false;
    if (ok) {
        setNote(savedNoteOrError);
        m_stack->setCurrentIndex(0);
    } else {
        m_error->setText(savedNoteOrError);
        m_error->show();
    }
    updateButtons();
}

void NoteEditor::updateButtons()
{
    m_edit->setEnabled(m_editable);
    m_save->setEnabled(m_editable && !m_saving);
    m_save->setText(m_saving ? tr("Saving…") : tr("&Save note"));
    m_editor->setReadOnly(m_saving);
}

} // namespace Windsock::Ui
