#include "jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Windsock::Explorer::JsonPath {

namespace {

bool isIdentifierStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_') || c == QLatin1Char('$');
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isIdentifier(const QString &key)
{
    if (key.isEmpty() || !isIdentifierStart(key.front()))
        return false;
    for (const QChar c : key) {
        if (!isIdentifierPart(c))
            return false;
    }
    return true;
}

// A key as a JSON string literal, with JSON's escapes.
QString quoted(const QString &key)
{
    const QByteArray array = QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

} // namespace

QString appendKey(const QString &path, const QString &key)
{
    if (isIdentifier(key))
        return path + QLatin1Char('.') + key;
    return path + QLatin1Char('[') + quoted(key) + QLatin1Char(']');
}

QString appendIndex(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

bool parse(const QString &path, QVariantList *steps, QString *error)
{
    const auto fail = [error, &path](qsizetype at, const QString &what) {
        if (error) {
            *error = QStringLiteral("%1 is not a JSON path: %2 at character %3.")
                         .arg(path, what, QString::number(at + 1));
        }
        return false;
    };
    steps->clear();
    if (!path.startsWith(QLatin1Char('$')))
        return fail(0, QStringLiteral("it does not start with $"));
    qsizetype at = 1;
    while (at < path.size()) {
        const QChar c = path.at(at);
        if (c == QLatin1Char('.')) {
            const qsizetype start = ++at;
            while (at < path.size() && isIdentifierPart(path.at(at)))
                ++at;
            if (at == start)
                return fail(start, QStringLiteral("a key is missing"));
            steps->append(path.mid(start, at - start));
        } else if (c == QLatin1Char('[')) {
            ++at;
            if (at < path.size() && path.at(at) == QLatin1Char('"')) {
                // A JSON string: find its closing quote (skipping escapes), then let the JSON parser
                // unescape.
                const qsizetype start = at++;
                while (at < path.size() && path.at(at) != QLatin1Char('"'))
                    at += path.at(at) == QLatin1Char('\\') ? 2 : 1;
                if (at >= path.size())
                    return fail(start, QStringLiteral("a quote is not closed"));
                const QString literal = path.mid(start, at - start + 1);
                QJsonParseError parseError{};
                const QJsonDocument document = QJsonDocument::fromJson(
                    QByteArray("[") + literal.toUtf8() + QByteArray("]"), &parseError);
                if (parseError.error != QJsonParseError::NoError)
                    return fail(start, QStringLiteral("the quoted key is not a JSON string"));
                steps->append(document.array().at(0).toString());
                ++at;
            } else {
                const qsizetype start = at;
                while (at < path.size() && path.at(at).isDigit())
                    ++at;
                bool ok = false;
                const qint64 index = path.mid(start, at - start).toLongLong(&ok);
                if (!ok)
                    return fail(start, QStringLiteral("an index or a quoted key is missing"));
                steps->append(index);
            }
            if (at >= path.size() || path.at(at) != QLatin1Char(']'))
                return fail(at, QStringLiteral("] is missing"));
            ++at;
        } else {
            return fail(at, QStringLiteral("a . or a [ is missing"));
        }
    }
    return true;
}

} // namespace Windsock::Explorer::JsonPath
