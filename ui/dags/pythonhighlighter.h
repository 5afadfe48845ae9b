#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QTextDocument;

namespace Windsock::Ui {

// Python colouring for a DAG file: keywords, builtins' constants, strings (triple-quoted ones across lines),
// comments, numbers and decorators. Small on purpose: it reads one line at a time and carries only "inside a
// triple-quoted string" to the next block, which is what DAG files need. Colours suit the palette (light or
// dark) the document's view has when the highlighter is made.
class PythonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    PythonHighlighter(QTextDocument *document, bool darkPalette);

protected:
    void highlightBlock(const QString &text) override;

private:
    // Block states: 0 code, 1 inside ''' , 2 inside """.
    enum State
    {
        Code = 0,
        InSingleTriple = 1,
        InDoubleTriple = 2
    };

    QRegularExpression m_keywords;
    QRegularExpression m_constants;
    QRegularExpression m_numbers;
    QRegularExpression m_decorator;
    QTextCharFormat m_keywordFormat;
    QTextCharFormat m_constantFormat;
    QTextCharFormat m_stringFormat;
    QTextCharFormat m_commentFormat;
    QTextCharFormat m_numberFormat;
    QTextCharFormat m_decoratorFormat;
};

} // namespace Windsock::Ui
