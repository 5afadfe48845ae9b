#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace Windsock::Ui {

// A text editor for values that are often JSON (a variable's value, a connection's extra). Text that starts
// like a JSON document ({ or [) is checked as the user types: an error says where (line and column), and a
// valid document is shown pretty-printed underneath. The text itself is never rewritten: text() is exactly
// what was typed, so a value is stored as the user wrote it. Other text is taken as a plain string, unless
// jsonOnly is set (a connection's extra must be a JSON object).
class JsonTextEdit final : public QWidget
{
    Q_OBJECT

public:
    struct Check
    {
        bool looksLikeJson = false; // starts with { or [ (after spaces)
        bool valid = true;          // parses, or is not meant as JSON
        int line = 0;               // 1-based, where parsing stopped; 0 when valid
        int column = 0;
        QString message; // "Line 3, column 7: unterminated string"; empty when valid
        QString pretty;  // the document indented; empty unless valid JSON
    };
    // What a text is, as the editor judges it. jsonOnly: anything but a JSON object is an error.
    static Check check(const QString &text, bool jsonOnly = false);

    explicit JsonTextEdit(QWidget *parent = nullptr);
    ~JsonTextEdit() override;

    QString text() const;
    void setText(const QString &text);
    void setReadOnly(bool readOnly);
    void setJsonOnly(bool jsonOnly);
    void setPlaceholderText(const QString &text);
    // The text can be saved: empty, plain text, or valid JSON.
    bool isAcceptable() const { return m_check.valid; }
    const Check &lastCheck() const { return m_check; }
    QPlainTextEdit *editor() const { return m_editor; }
    QString statusText() const;

Q_SIGNALS:
    void textChanged();
    void acceptableChanged(bool acceptable);

private:
    void recheck();

    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QPlainTextEdit *m_preview;
    Check m_check;
    bool m_jsonOnly = false;
};

} // namespace Windsock::Ui
