#include "jsonkeyorder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Windsock::Api {

namespace {

class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek()
    {
        skipSpace();
        return atEnd() ? '\0' : m_text.at(m_pos);
    }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    // Reads a JSON string literal and returns it decoded; false if there is none.
    bool readString(QString *out)
    {
        if (peek() != '"')
            return false;
        const qsizetype start = m_pos;
        if (!skipString())
            return false;
        const QByteArray literal = '[' + m_text.mid(start, m_pos - start) + ']';
        const QJsonDocument doc = QJsonDocument::fromJson(literal);
        *out = doc.array().at(0).toString();
        return true;
    }

    bool skipValue()
    {
        const char c = peek();
        if (c == '"')
            return skipString();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (!atEnd()) {
                const char d = m_text.at(m_pos);
                if (d == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_pos;
                if (d == '{' || d == '[')
                    ++depth;
                else if ((d == '}' || d == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        while (!atEnd()) {
            const char d = m_text.at(m_pos);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' || d == '\t')
                return true;
            ++m_pos;
        }
        return true;
    }

private:
    void skipSpace()
    {
        while (!atEnd()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }

    bool skipString()
    {
        ++m_pos; // opening quote
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '\\')
                ++m_pos;
            else if (c == '"')
                return true;
        }
        return false;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

} // namespace

QStringList JsonKeyOrder::keysOfMember(const QByteArray &json, const QString &member)
{
    Scanner scanner(json);
    if (!scanner.take('{'))
        return {};
    while (!scanner.atEnd()) {
        QString key;
        if (!scanner.readString(&key) || !scanner.take(':'))
            return {};
        if (key == member && scanner.peek() == '{') {
            scanner.take('{');
            QStringList keys;
            if (scanner.take('}'))
                return keys;
            while (!scanner.atEnd()) {
                QString name;
                if (!scanner.readString(&name) || !scanner.take(':') || !scanner.skipValue())
                    return keys;
                keys.append(name);
                if (!scanner.take(','))
                    return keys;
            }
            return keys;
        }
        if (!scanner.skipValue() || !scanner.take(','))
            return {};
    }
    return {};
}

} // namespace Windsock::Api
