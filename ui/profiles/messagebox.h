#pragma once

#include <QMessageBox>
#include <optional>

namespace Windsock::Ui {

// QMessageBox behind a seam (KeePassXC's MessageBox): a test sets the next answer, and the question returns
// it at once without showing anything. Without an answer set, the real modal box is shown.
class MessageBox final
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);
    static void warning(QWidget *parent, const QString &title, const QString &text);

    // Tests: the answer the next question() gets (and warning() is not shown). Cleared after one use.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // Tests: the text of the last question or warning, shown or pre-answered.
    static QString lastText();
    static void reset();

private:
    static std::optional<QMessageBox::StandardButton> s_nextAnswer;
    static QString s_lastText;
};

} // namespace Windsock::Ui
