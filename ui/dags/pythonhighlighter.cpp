#include "pythonhighlighter.h"

#include <QColor>
#include <QFont>

namespace Windsock::Ui {

PythonHighlighter::PythonHighlighter(QTextDocument *document, bool darkPalette)
    : QSyntaxHighlighter(document)
    , m_keywords(QStringLiteral(
          "\\b(and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|"
          "global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield)\\b"))
    , m_constants(QStringLiteral("\\b(True|False|None|self)\\b"))
    , m_numbers(QStringLiteral("\\b(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|"
                               "[0-9][0-9_]*(\\.[0-9_]*)?([eE][+-]?[0-9]+)?[jJ]?|\\.[0-9][0-9_]*)\\b"))
    , m_decorator(QStringLiteral("^\\s*(@[A-Za-z_][A-Za-z0-9_.]*)"))
{
    m_keywordFormat.setForeground(darkPalette ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
    m_keywordFormat.setFontWeight(QFont::Bold);
    m_constantFormat.setForeground(darkPalette ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae));
    m_stringFormat.setForeground(darkPalette ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69));
    m_commentFormat.setForeground(darkPalette ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81));
    m_commentFormat.setFontItalic(true);
    m_numberFormat.setForeground(darkPalette ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae));
    m_decoratorFormat.setForeground(darkPalette ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf));
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    // Keywords, constants, numbers and decorators first; strings and comments are painted over them after,
    // so a keyword inside a string or a comment ends up in the string's or comment's colour.
    for (const auto &[expression, format] :
         {std::pair{&m_keywords, &m_keywordFormat}, std::pair{&m_constants, &m_constantFormat},
          std::pair{&m_numbers, &m_numberFormat}}) {
        QRegularExpressionMatchIterator it = expression->globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), *format);
        }
    }
    const QRegularExpressionMatch decorator = m_decorator.match(text);
    if (decorator.hasMatch())
        setFormat(int(decorator.capturedStart(1)), int(decorator.capturedLength(1)), m_decoratorFormat);

    // Strings and comments, left to right, with the triple-quote state carried between blocks.
    setCurrentBlockState(Code);
    int i = 0;
    const int length = int(text.size());
    int state = previousBlockState() < 0 ? Code : previousBlockState();
    while (i < length || state != Code) {
        if (state != Code) {
            const QString closing =
                state == InDoubleTriple ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
            const int end = int(text.indexOf(closing, i));
            if (end < 0) {
                setFormat(i, length - i, m_stringFormat);
                setCurrentBlockState(state);
                return;
            }
            setFormat(i, end + 3 - i, m_stringFormat);
            i = end + 3;
            state = Code;
            continue;
        }
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, length - i, m_commentFormat);
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const QString triple(3, c);
            if (text.mid(i, 3) == triple) {
                const int start = i;
                const int end = int(text.indexOf(triple, i + 3));
                if (end < 0) {
                    setFormat(start, length - start, m_stringFormat);
                    setCurrentBlockState(c == QLatin1Char('"') ? InDoubleTriple : InSingleTriple);
                    return;
                }
                setFormat(start, end + 3 - start, m_stringFormat);
                i = end + 3;
                continue;
            }
            // A one-line string: up to the same quote not escaped by a backslash, or the end of the line.
            int j = i + 1;
            while (j < length && text.at(j) != c) {
                if (text.at(j) == QLatin1Char('\\'))
                    ++j;
                ++j;
            }
            const int end = qMin(j + 1, length);
            setFormat(i, end - i, m_stringFormat);
            i = end;
            continue;
        }
        ++i;
    }
}

} // namespace Windsock::Ui
