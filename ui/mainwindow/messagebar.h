#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace Windsock::Ui {

// A non-modal strip above the content that says something in plain words: an error that needs no decision,
// or a notice (such as "showing the demo sandbox"). It never takes the focus away from what the user types;
// the close button hides it until the next message.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Information,
        Error
    };

    explicit MessageBar(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString text() const;

public Q_SLOTS:
    // Shows the bar with this text (the newest message replaces the one shown).
    void showMessage(const QString &text);
    void dismiss();

private:
    Kind m_kind;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace Windsock::Ui
