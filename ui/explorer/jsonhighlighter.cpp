#include "jsonhighlighter.h"

#include <QColor>
#include <QFont>
#include <QTextBlock>
#include <QTextDocument>

namespace Windsock::Ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document, bool darkPalette)
    : QSyntaxHighlighter(document)
{
    // The palette of the DAG code view (GitHub's), so that JSON and Python look alike in the app.
    m_keyFormat.setForeground(darkPalette ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae));
    m_stringFormat.setForeground(darkPalette ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69));
    m_numberFormat.setForeground(darkPalette ? QColor(0xff, 0xa6, 0x57) : QColor(0x95, 0x38, 0x00));
    m_literalFormat.setForeground(darkPalette ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
    m_literalFormat.setFontWeight(QFont::Bold);
    m_errorFormat.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_errorFormat.setUnderlineColor(QColor(0xe5, 0x39, 0x35));
}

void JsonHighlighter::setErrorPosition(int line, int column)
{
    if (line == m_errorLine && column == m_errorColumn)
        return;
    const int previousLine = m_errorLine;
    m_errorLine = line;
    m_errorColumn = column;
    // Only the two lines concerned are coloured again: a 5,000-line body stays quick to type in.
    for (const int number : {previousLine, line}) {
        const QTextBlock block = document()->findBlockByNumber(number - 1);
        if (number > 0 && block.isValid())
            rehighlightBlock(block);
    }
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const int length = int(text.size());
    int i = 0;
    while (i < length) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            int j = i + 1;
            while (j < length && text.at(j) != QLatin1Char('"')) {
                if (text.at(j) == QLatin1Char('\\'))
                    ++j;
                ++j;
            }
            const int end = qMin(j + 1, length);
            // A key is a string followed by a colon (after spaces).
            int k = end;
            while (k < length && text.at(k).isSpace())
                ++k;
            const bool isKey = k < length && text.at(k) == QLatin1Char(':');
            setFormat(i, end - i, isKey ? m_keyFormat : m_stringFormat);
            i = end;
            continue;
        }
        if (c == QLatin1Char('-') || c.isDigit()) {
            int j = i + 1;
            while (j < length && (text.at(j).isDigit() || text.at(j) == QLatin1Char('.') ||
                                  text.at(j) == QLatin1Char('e') || text.at(j) == QLatin1Char('E') ||
                                  text.at(j) == QLatin1Char('+') || text.at(j) == QLatin1Char('-')))
                ++j;
            setFormat(i, j - i, m_numberFormat);
            i = j;
            continue;
        }
        if (c.isLetter()) {
            int j = i + 1;
            while (j < length && text.at(j).isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null"))
                setFormat(i, j - i, m_literalFormat);
            i = j;
            continue;
        }
        ++i;
    }

    if (m_errorLine > 0 && currentBlock().blockNumber() == m_errorLine - 1) {
        // From the error to the end of the line (at least one character, even past the end of the text).
        const int start = qBound(0, m_errorColumn - 1, qMax(0, length - 1));
        for (int position = start; position < qMax(length, start + 1); ++position) {
            QTextCharFormat merged = format(position);
            merged.setUnderlineStyle(m_errorFormat.underlineStyle());
            merged.setUnderlineColor(m_errorFormat.underlineColor());
            setFormat(position, 1, merged);
        }
    }
}

} // namespace Windsock::Ui
