#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Windsock::Ui {

// A run's or task instance's note: shown as text, with an Edit button that opens an editor with Save and
// Cancel. The widget does not talk to the server: Save emits saveRequested() and the page answers with
// saveFinished(). Ctrl+Return saves, Escape cancels. A failed save keeps the editor open with what the user
// typed, and says why.
class NoteEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit NoteEditor(QWidget *parent = nullptr);

    QString note() const { return m_note; }
    // The note as the server has it. An open editor keeps what the user is typing.
    void setNote(const QString &note);
    // A read-only deployment, or an object whose note cannot be set: Edit is disabled with this reason.
    void setEditable(bool editable, const QString &reason = {});
    // A server that keeps no notes (before 2.5, or 1.10): the reason shows where the note would, instead of
    // "No note". Empty: notes are kept.
    void setUnavailableReason(const QString &reason);
    QString unavailableReason() const { return m_unavailableReason; }
    bool isEditing() const;
    bool isSaving() const { return m_saving; }

    QPushButton *editButton() const { return m_edit; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *noteLabel() const { return m_label; }
    QLabel *errorLabel() const { return m_error; }

public Q_SLOTS:
    void startEditing();
    void cancelEditing();
    // The page's answer to saveRequested(): ok closes the editor and shows the saved note; otherwise the
    // message shows under the editor, which keeps the text.
    void saveFinished(bool ok, const QString &savedNoteOrError);

Q_SIGNALS:
    void saveRequested(const QString &note);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void save();
    void updateButtons();

    QString m_note;
    QString m_unavailableReason;
    bool m_editable = true;
    bool m_saving = false;
    QStackedWidget *m_stack;
    QLabel *m_label;
    QPushButton *m_edit;
    QPlainTextEdit *m_editor;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QLabel *m_error;
};

} // namespace Windsock::Ui
