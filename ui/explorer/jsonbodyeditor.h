#pragma once

#include <QMap>
#include <QString>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Windsock::Ui {

class JsonHighlighter;

// The request body: a JSON editor with colours and a live check. While the user types, a short pause later,
// the text is parsed; where it is not JSON, the line under the editor says so in words ("Not valid JSON at
// line 3, column 7: a comma is missing.") and the place is underlined. The text is never rewritten behind
// the user's back: Format indents it only when asked, and only a valid document.
//
// {{name}} variables are allowed anywhere (as in the path, query and headers): the check reads the text with
// the profile's variables put in, as it will be sent; an unknown variable is named.
class JsonBodyEditor final : public QWidget
{
    Q_OBJECT

public:
    struct Check
    {
        bool valid = true; // empty, or a JSON document once the variables are in
        int line = 0;      // 1-based, where parsing stopped; 0 when valid
        int column = 0;
        QString message; // the sentence shown under the editor; empty when there is nothing to say
    };
    // What a body is, read with variables put in.
    static Check check(const QString &text, const QMap<QString, QString> &variables);

    explicit JsonBodyEditor(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    void setVariables(const QMap<QString, QString> &variables);
    // The check of the text as it is now (the pending pause is skipped).
    Check currentCheck();
    bool isValid() { return currentCheck().valid; }
    // Puts the cursor where the check stopped and gives the editor the focus.
    void showErrorPosition();
    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void textChanged();
    void validityChanged(bool valid);

private:
    void recheck();
    void format();

    QPlainTextEdit *m_editor;
    JsonHighlighter *m_highlighter;
    QLabel *m_status;
    QToolButton *m_format;
    QTimer m_checkTimer;
    QMap<QString, QString> m_variables;
    Check m_check;
    bool m_checkPending = false;
};

} // namespace Windsock::Ui
