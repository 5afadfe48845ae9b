#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QTextDocument;

namespace Windsock::Ui {

// JSON colouring for the request body and the pretty response: object keys, string values, numbers, true /
// false / null, and, when given, the place where the document stops being JSON (a red wavy underline to the
// end of that line). It reads one line at a time and carries only "inside a string" to the next block: JSON
// strings cannot span lines, so an unterminated one is coloured to the end of its line and no further.
// Colours suit the palette (light or dark) the view has when the highlighter is made.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    JsonHighlighter(QTextDocument *document, bool darkPalette);

    // The 1-based line and column where parsing stopped (0, 0 for none): underlined until cleared.
    void setErrorPosition(int line, int column);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_keyFormat;
    QTextCharFormat m_stringFormat;
    QTextCharFormat m_numberFormat;
    QTextCharFormat m_literalFormat;
    QTextCharFormat m_errorFormat;
    int m_errorLine = 0;
    int m_errorColumn = 0;
};

} // namespace Windsock::Ui
