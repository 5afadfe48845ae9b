#include "requestdraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Windsock::Explorer {

namespace {

QJsonArray rowsToJson(const QList<KeyValue> &rows)
{
    QJsonArray array;
    for (const KeyValue &row : rows) {
        QJsonObject object{{QStringLiteral("key"), row.key}, {QStringLiteral("value"), row.value}};
        // Only the unusual state is written, so that most rows stay two keys long.
        if (!row.enabled)
            object.insert(QStringLiteral("enabled"), false);
        array.append(object);
    }
    return array;
}

QList<KeyValue> rowsFromJson(const QJsonValue &value)
{
    QList<KeyValue> rows;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        KeyValue row;
        row.key = object.value(QStringLiteral("key")).toString();
        const QJsonValue rowValue = object.value(QStringLiteral("value"));
        // A number or a boolean typed into a file by hand is taken as its text.
        row.value = rowValue.isString()   ? rowValue.toString()
                    : rowValue.isDouble() ? QString::number(rowValue.toDouble(), 'g', 17)
                    : rowValue.isBool()
                        ? (rowValue.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                        : QString();
        row.enabled = object.value(QStringLiteral("enabled")).toBool(true);
        rows.append(row);
    }
    return rows;
}

bool isTokenChar(QChar c)
{
    if (c.unicode() > 126 || c.unicode() <= 32)
        return false;
    return !QStringLiteral("()<>@,;:\\\"/[]?={}").contains(c);
}

bool isToken(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// The literal parts of a path as typed: what a URL path may hold stays (an already-encoded %2B too), the
// rest (spaces, non-ASCII) is percent-encoded.
QString encodePathText(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral("/:@!$&'()*+,;=%")));
}

QString plural(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted.append(QStringLiteral("{{") + name + QStringLiteral("}}"));
    const QString hint = QStringLiteral(" (a Jinja template for Airflow is written with spaces: {{ ds }})");
    return names.size() == 1
               ? QStringLiteral("No value for the variable %1%2.").arg(quoted.constFirst(), hint)
               : QStringLiteral("No value for the variables %1%2.")
                     .arg(quoted.join(QStringLiteral(", ")), hint);
}

} // namespace

QJsonObject RequestDraft::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("method"), QString::fromLatin1(method));
    object.insert(QStringLiteral("path"), path);
    if (!name.isEmpty())
        object.insert(QStringLiteral("name"), name);
    if (!pathParams.isEmpty())
        object.insert(QStringLiteral("pathParams"), rowsToJson(pathParams));
    if (!query.isEmpty())
        object.insert(QStringLiteral("query"), rowsToJson(query));
    if (!headers.isEmpty())
        object.insert(QStringLiteral("headers"), rowsToJson(headers));
    if (!body.isEmpty())
        object.insert(QStringLiteral("body"), body);
    if (!operationId.isEmpty())
        object.insert(QStringLiteral("operationId"), operationId);
    return object;
}

RequestDraft RequestDraft::fromJson(const QJsonObject &object)
{
    RequestDraft draft;
    draft.name = object.value(QStringLiteral("name")).toString();
    const QString method = object.value(QStringLiteral("method")).toString().trimmed().toUpper();
    draft.method = method.isEmpty() ? QByteArrayLiteral("GET") : method.toLatin1();
    draft.path = object.value(QStringLiteral("path")).toString();
    draft.pathParams = rowsFromJson(object.value(QStringLiteral("pathParams")));
    draft.query = rowsFromJson(object.value(QStringLiteral("query")));
    draft.headers = rowsFromJson(object.value(QStringLiteral("headers")));
    const QJsonValue body = object.value(QStringLiteral("body"));
    // A hand-written file may hold the body as JSON rather than as a string: send it as that JSON.
    if (body.isString())
        draft.body = body.toString();
    else if (body.isObject())
        draft.body = QString::fromUtf8(QJsonDocument(body.toObject()).toJson(QJsonDocument::Indented));
    else if (body.isArray())
        draft.body = QString::fromUtf8(QJsonDocument(body.toArray()).toJson(QJsonDocument::Indented));
    draft.operationId = object.value(QStringLiteral("operationId")).toString();
    return draft;
}

QStringList RequestDraft::pathParamNames() const
{
    QStringList names;
    qsizetype i = 0;
    while (i < path.size()) {
        if (path.at(i) != QLatin1Char('{')) {
            ++i;
            continue;
        }
        if (path.mid(i, 2) == QLatin1String("{{")) {
            const qsizetype close = path.indexOf(QLatin1String("}}"), i + 2);
            if (close < 0)
                break;
            i = close + 2;
            continue;
        }
        const qsizetype close = path.indexOf(QLatin1Char('}'), i + 1);
        if (close < 0)
            break;
        const QString name = path.mid(i + 1, close - i - 1).trimmed();
        if (!name.isEmpty() && !name.contains(QLatin1Char('{')) && !names.contains(name))
            names.append(name);
        i = close + 1;
    }
    return names;
}

void RequestDraft::syncPathParams()
{
    QList<KeyValue> synced;
    for (const QString &name : pathParamNames()) {
        KeyValue row{name, QString(), true};
        for (const KeyValue &existing : std::as_const(pathParams)) {
            if (existing.key == name) {
                row.value = existing.value;
                break;
            }
        }
        synced.append(row);
    }
    pathParams = synced;
}

bool RequestDraft::bodyIsJson() const
{
    for (const KeyValue &header : headers) {
        if (header.enabled &&
            header.key.trimmed().compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            return header.value.contains(QLatin1String("json"), Qt::CaseInsensitive);
    }
    return true;
}

bool RequestDraft::operator==(const RequestDraft &other) const
{
    return name == other.name && method == other.method && path == other.path &&
           pathParams == other.pathParams && query == other.query && headers == other.headers &&
           body == other.body && operationId == other.operationId;
}

QString substituteVariables(const QString &text, const QMap<QString, QString> &variables,
                            QStringList *missing)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    // No spaces inside: "{{ ds }}" is a Jinja template for Airflow, sent as it is.
    static const QRegularExpression pattern(QStringLiteral("\\{\\{([A-Za-z0-9_.\\-]+)\\}\\}"));
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        const auto found = variables.constFind(name);
        if (found != variables.constEnd()) {
            out += found.value();
        } else {
            out += match.captured(0);
            if (missing && !missing->contains(name))
                missing->append(name);
        }
        last = match.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QString lineAndColumn(const QByteArray &text, int offset)
{
    int line = 1;
    int column = 1;
    const int end = qBound(0, offset, int(text.size()));
    for (int i = 0; i < end; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text.at(i)) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

ResolvedRequest resolve(const RequestDraft &draft, const QMap<QString, QString> &variables)
{
    ResolvedRequest resolved;
    QStringList &missing = resolved.missingVariables;

    const QByteArray method = draft.method.trimmed().toUpper();
    resolved.raw.method = method.isEmpty() ? QByteArrayLiteral("GET") : method;
    if (!isToken(QString::fromLatin1(resolved.raw.method))) {
        resolved.error =
            QStringLiteral("\"%1\" is not an HTTP method.").arg(QString::fromLatin1(draft.method));
        return resolved;
    }

    // Path: variables first (a variable may hold a whole segment), then the {parameters}, each encoded as
    // one segment so that a "/" in a DAG id cannot change the path.
    QString pathTemplate = substituteVariables(draft.path.trimmed(), variables, &missing);
    QString pathQuery;
    const qsizetype question = pathTemplate.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        pathQuery = pathTemplate.mid(question + 1);
        pathTemplate.truncate(question);
    }
    if (pathTemplate.isEmpty()) {
        resolved.error = QStringLiteral("Type a path, e.g. /api/v1/dags.");
        return resolved;
    }
    if (pathTemplate.startsWith(QLatin1String("http://")) ||
        pathTemplate.startsWith(QLatin1String("https://"))) {
        resolved.error =
            QStringLiteral("Type the path without the server (e.g. /api/v1/dags): the profile's URL "
                           "is used.");
        return resolved;
    }
    if (!pathTemplate.startsWith(QLatin1Char('/')))
        pathTemplate.prepend(QLatin1Char('/'));

    QString path;
    qsizetype last = 0;
    QStringList emptyParams;
    qsizetype i = 0;
    while (i < pathTemplate.size()) {
        const qsizetype open = pathTemplate.indexOf(QLatin1Char('{'), i);
        if (open < 0)
            break;
        const qsizetype close = pathTemplate.indexOf(QLatin1Char('}'), open + 1);
        if (close < 0)
            break;
        const QString name = pathTemplate.mid(open + 1, close - open - 1).trimmed();
        path += encodePathText(pathTemplate.mid(last, open - last));
        QString value;
        for (const KeyValue &row : draft.pathParams) {
            if (row.key == name) {
                value = substituteVariables(row.value, variables, &missing);
                break;
            }
        }
        if (value.isEmpty() && !emptyParams.contains(name))
            emptyParams.append(name);
        path += QString::fromLatin1(QUrl::toPercentEncoding(value));
        last = close + 1;
        i = close + 1;
    }
    path += encodePathText(pathTemplate.mid(last));

    QUrlQuery query(pathQuery);
    for (const KeyValue &row : draft.query) {
        if (!row.enabled || row.key.trimmed().isEmpty())
            continue;
        const QString key = substituteVariables(row.key.trimmed(), variables, &missing);
        const QString value = substituteVariables(row.value, variables, &missing);
        query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(key)),
                           QString::fromUtf8(QUrl::toPercentEncoding(value)));
    }
    const QString queryText = query.query(QUrl::FullyEncoded);
    resolved.raw.path = queryText.isEmpty() ? path : path + QLatin1Char('?') + queryText;

    for (const KeyValue &row : draft.headers) {
        if (!row.enabled || row.key.trimmed().isEmpty())
            continue;
        const QString name = substituteVariables(row.key.trimmed(), variables, &missing);
        const QString value = substituteVariables(row.value, variables, &missing).trimmed();
        if (!isToken(name)) {
            resolved.error =
                QStringLiteral("\"%1\" cannot be a header name: use letters, digits and - only.").arg(name);
            return resolved;
        }
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
            resolved.error = QStringLiteral("The value of the header %1 has a line break.").arg(name);
            return resolved;
        }
        resolved.raw.headers.append({name.toLatin1(), value.toUtf8()});
    }

    const QString body = substituteVariables(draft.body, variables, &missing);
    if (!missing.isEmpty()) {
        resolved.error = plural(missing);
        return resolved;
    }
    if (!emptyParams.isEmpty()) {
        resolved.error =
            emptyParams.size() == 1
                ? QStringLiteral("The path parameter {%1} has no value.").arg(emptyParams.constFirst())
                : QStringLiteral("The path parameters {%1} have no value.")
                      .arg(emptyParams.join(QStringLiteral("}, {")));
        return resolved;
    }
    if (!body.trimmed().isEmpty()) {
        resolved.raw.body = body.toUtf8();
        if (draft.bodyIsJson()) {
            QJsonParseError parseError;
            QJsonDocument::fromJson(resolved.raw.body, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                resolved.error =
                    QStringLiteral("The body is not valid JSON: %1: %2.")
                        .arg(lineAndColumn(resolved.raw.body, parseError.offset), parseError.errorString());
                return resolved;
            }
        }
    }
    return resolved;
}

} // namespace Windsock::Explorer
