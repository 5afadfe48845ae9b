#include "codeexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QUrlQuery>

namespace Windsock::Explorer {

namespace {

QString pythonLiteral(const QJsonValue &value, int indent)
{
    const QString pad(indent * 4, QLatin1Char(' '));
    const QString inner((indent + 1) * 4, QLatin1Char(' '));
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double: {
        // The JSON text of a number is valid Python.
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    case QJsonValue::String:
        return CodeExport::pythonString(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return QStringLiteral("[]");
        QString out = QStringLiteral("[\n");
        for (const QJsonValue &item : array)
            out += inner + pythonLiteral(item, indent + 1) + QStringLiteral(",\n");
        return out + pad + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return QStringLiteral("{}");
        QString out = QStringLiteral("{\n");
        for (auto it = object.begin(); it != object.end(); ++it)
            out += inner + CodeExport::pythonString(it.key()) + QStringLiteral(": ") +
                   pythonLiteral(it.value(), indent + 1) + QStringLiteral(",\n");
        return out + pad + QLatin1Char('}');
    }
    }
    return QStringLiteral("None");
}

bool isContentType(const QByteArray &name)
{
    return name.compare(QByteArrayLiteral("Content-Type"), Qt::CaseInsensitive) == 0;
}

bool isAuthorization(const QByteArray &name)
{
    return name.compare(QByteArrayLiteral("Authorization"), Qt::CaseInsensitive) == 0;
}

// The request's parts as every snippet needs them.
struct Parts
{
    QString root;  // scheme://host:port + the base URL's path prefix, no trailing slash
    QString path;  // encoded path below root, starting with /
    QString query; // encoded query, without "?"
    QUrl url;      // root + path + query
    QList<QPair<QByteArray, QByteArray>> headers; // without the ones the snippet's auth writes
    QByteArray body;
    bool jsonBody = false;
    QJsonDocument json;
    bool hasContentType = false;
};

Parts partsOf(const QUrl &baseUrl, const Api::RawRequest &request, const SnippetAuth &auth)
{
    Parts parts;
    QUrl root = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString rootText = root.toString(QUrl::FullyEncoded);
    while (rootText.endsWith(QLatin1Char('/')))
        rootText.chop(1);
    parts.root = rootText;
    const qsizetype question = request.path.indexOf(QLatin1Char('?'));
    parts.path = question < 0 ? request.path : request.path.left(question);
    if (!parts.path.startsWith(QLatin1Char('/')))
        parts.path.prepend(QLatin1Char('/'));
    parts.query = question < 0 ? QString() : request.path.mid(question + 1);
    parts.url =
        QUrl(parts.root + parts.path + (parts.query.isEmpty() ? QString() : QLatin1Char('?') + parts.query),
             QUrl::TolerantMode);
    for (const auto &header : request.headers) {
        // The snippet's own authentication replaces an Authorization header the request may carry.
        if (auth.kind != SnippetAuth::None &&
            (isAuthorization(header.first) ||
             (auth.kind == SnippetAuth::Header &&
              header.first.compare(auth.headerName, Qt::CaseInsensitive) == 0)))
            continue;
        parts.hasContentType = parts.hasContentType || isContentType(header.first);
        parts.headers.append(header);
    }
    parts.body = request.body;
    // As AirflowClient::send: a body without a Content-Type header is sent as JSON.
    if (!parts.body.isEmpty() && !parts.hasContentType) {
        QJsonParseError parseError;
        parts.json = QJsonDocument::fromJson(parts.body, &parseError);
        parts.jsonBody = parseError.error == QJsonParseError::NoError;
    } else if (!parts.body.isEmpty()) {
        for (const auto &header : std::as_const(parts.headers)) {
            if (isContentType(header.first) && header.second.contains("json")) {
                QJsonParseError parseError;
                parts.json = QJsonDocument::fromJson(parts.body, &parseError);
                parts.jsonBody = parseError.error == QJsonParseError::NoError;
            }
        }
    }
    return parts;
}

// "${VAR}" glued to a single-quoted prefix: 'Authorization: Bearer '"${AIRFLOW_TOKEN}".
QString shellWithVariable(const QString &prefix, const QString &envVar)
{
    return (prefix.isEmpty() ? QString() : CodeExport::shellQuote(prefix)) + QStringLiteral("\"${") + envVar +
           QStringLiteral("}\"");
}

// The shell word of a secret: the secret quoted when given, else the environment variable.
QString shellSecret(const QString &prefix, const SnippetAuth &auth)
{
    return auth.hasSecret() ? CodeExport::shellQuote(prefix + auth.secret)
                            : shellWithVariable(prefix, auth.envVar);
}

QString shellComments(const SnippetAuth &auth)
{
    QString out;
    if (!auth.note.isEmpty())
        out += QStringLiteral("# ") + auth.note + QLatin1Char('\n');
    if (auth.kind != SnippetAuth::None && !auth.hasSecret())
        out += QStringLiteral("# Set %1 first: read -rs %1 && export %1\n").arg(auth.envVar);
    return out;
}

// Airflow 3's login in a shell, as its docs show it (jq builds the JSON so that any password is escaped).
QString shellLogin(const Parts &parts, const SnippetAuth &auth, bool httpie)
{
    const QString tokenUrl = CodeExport::shellQuote(parts.root + auth.tokenPath);
    QString body;
    if (auth.hasSecret()) {
        const QJsonObject credentials{{QStringLiteral("username"), auth.username},
                                      {QStringLiteral("password"), auth.secret}};
        body = CodeExport::shellQuote(
            QString::fromUtf8(QJsonDocument(credentials).toJson(QJsonDocument::Compact)));
    } else {
        body = QStringLiteral("\"$(jq -n --arg username %1 --arg password \"${%2}\" "
                              "'{username: $username, password: $password}')\"")
                   .arg(CodeExport::shellQuote(auth.username), auth.envVar);
    }
    if (httpie)
        return QStringLiteral("AIRFLOW_TOKEN=$(printf '%s' %1 \\\n  | http --check-status --body POST %2 \\\n"
                              "  | jq -r '.access_token')\n")
            .arg(body, tokenUrl);
    return QStringLiteral(
               "AIRFLOW_TOKEN=$(curl -sS --fail -X POST %1 \\\n  -H 'Content-Type: application/json' \\\n"
               "  --data-raw %2 \\\n  | jq -r '.access_token')\n")
        .arg(tokenUrl, body);
}

QString pythonSecret(const SnippetAuth &auth)
{
    return auth.hasSecret()
               ? CodeExport::pythonString(auth.secret)
               : QStringLiteral("os.environ[") + CodeExport::pythonString(auth.envVar) + QLatin1Char(']');
}

// An f-string of ENDPOINT_URL and a path: f"{ENDPOINT_URL}/api/v1/dags".
QString pythonEndpoint(const QString &path)
{
    QString escaped = path;
    escaped.replace(QLatin1Char('{'), QStringLiteral("{{")).replace(QLatin1Char('}'), QStringLiteral("}}"));
    return QStringLiteral("f\"{ENDPOINT_URL}") + CodeExport::pythonString(escaped).mid(1);
}

} // namespace

QString CodeExport::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CodeExport::pythonString(const QString &text)
{
    // A JSON string literal is a valid Python one (same escapes, \uXXXX included).
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString CodeExport::curl(const QByteArray &method, const QUrl &url, const Headers &headers,
                         const QByteArray &body)
{
    QStringList parts;
    parts.append(QStringLiteral("curl -X ") + QString::fromLatin1(method) + QLatin1Char(' ') +
                 shellQuote(url.toString(QUrl::FullyEncoded)));
    for (const auto &header : headers)
        parts.append(QStringLiteral("-H ") +
                     shellQuote(QString::fromLatin1(header.first) + QStringLiteral(": ") +
                                QString::fromUtf8(header.second)));
    if (!body.isEmpty())
        parts.append(QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(body)));
    return parts.join(QStringLiteral(" \\\n  ")) + QLatin1Char('\n');
}

QString CodeExport::curl(const QUrl &baseUrl, const Api::RawRequest &request, const SnippetAuth &auth)
{
    const Parts parts = partsOf(baseUrl, request, auth);
    QString out = shellComments(auth);
    if (auth.kind == SnippetAuth::JwtLogin)
        out += shellLogin(parts, auth, false);

    QStringList words;
    const bool head = request.method == "HEAD";
    // curl -X HEAD waits for a body that never comes: --head is the way to send HEAD.
    words.append(
        QStringLiteral("curl ") +
        (head ? QStringLiteral("--head") : QStringLiteral("-X ") + QString::fromLatin1(request.method)) +
        QLatin1Char(' ') + shellQuote(parts.url.toString(QUrl::FullyEncoded)));
    switch (auth.kind) {
    case SnippetAuth::None:
        break;
    case SnippetAuth::Basic:
        words.append(QStringLiteral("-u ") + shellSecret(auth.username + QLatin1Char(':'), auth));
        break;
    case SnippetAuth::Bearer:
        words.append(QStringLiteral("-H ") + shellSecret(QStringLiteral("Authorization: Bearer "), auth));
        break;
    case SnippetAuth::JwtLogin:
        words.append(QStringLiteral("-H ") + shellWithVariable(QStringLiteral("Authorization: Bearer "),
                                                               QStringLiteral("AIRFLOW_TOKEN")));
        break;
    case SnippetAuth::Header:
        words.append(QStringLiteral("-H ") +
                     shellSecret(QString::fromLatin1(auth.headerName) + QStringLiteral(": "), auth));
        break;
    }
    for (const auto &header : parts.headers)
        words.append(QStringLiteral("-H ") +
                     shellQuote(QString::fromLatin1(header.first) + QStringLiteral(": ") +
                                QString::fromUtf8(header.second)));
    if (!parts.body.isEmpty()) {
        if (!parts.hasContentType)
            words.append(QStringLiteral("-H 'Content-Type: application/json'"));
        words.append(QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(parts.body)));
    }
    return out + words.join(QStringLiteral(" \\\n  ")) + QLatin1Char('\n');
}

QString CodeExport::pythonRequests(const QUrl &baseUrl, const Api::RawRequest &request,
                                   const SnippetAuth &auth)
{
    const Parts parts = partsOf(baseUrl, request, auth);
    const bool needsOs = auth.kind != SnippetAuth::None && !auth.hasSecret();
    QString out;
    if (!auth.note.isEmpty())
        out += QStringLiteral("# ") + auth.note + QLatin1Char('\n');
    out +=
        needsOs ? QStringLiteral("import os\n\nimport requests\n\n") : QStringLiteral("import requests\n\n");
    out += QStringLiteral("ENDPOINT_URL = ") + pythonString(parts.root) + QLatin1Char('\n');

    switch (auth.kind) {
    case SnippetAuth::None:
        break;
    case SnippetAuth::Basic:
    case SnippetAuth::JwtLogin:
        out += QStringLiteral("USERNAME = ") + pythonString(auth.username) + QLatin1Char('\n');
        out += QStringLiteral("PASSWORD = ") + pythonSecret(auth) + QLatin1Char('\n');
        break;
    case SnippetAuth::Bearer:
        out += QStringLiteral("TOKEN = ") + pythonSecret(auth) + QLatin1Char('\n');
        break;
    case SnippetAuth::Header:
        out += QStringLiteral("API_KEY = ") + pythonSecret(auth) + QLatin1Char('\n');
        break;
    }
    if (auth.kind == SnippetAuth::JwtLogin) {
        out += QStringLiteral("\n# Log in: Airflow 3 answers with a JWT to send as a Bearer token.\n"
                              "token_response = requests.post(\n    ") +
               pythonEndpoint(auth.tokenPath) +
               QStringLiteral(",\n    json={\"username\": USERNAME, \"password\": PASSWORD},\n)\n"
                              "token_response.raise_for_status()\n"
                              "TOKEN = token_response.json()[\"access_token\"]\n");
    }

    QStringList arguments{pythonEndpoint(parts.path)};
    // A "+" left raw in the query is a space to the server (form encoding): say so to requests, which would
    // send it as %2B.
    QString formQuery = parts.query;
    formQuery.replace(QLatin1Char('+'), QStringLiteral("%20"));
    const QList<QPair<QString, QString>> items = QUrlQuery(formQuery).queryItems(QUrl::FullyDecoded);
    if (!items.isEmpty()) {
        QStringList keys;
        bool repeated = false;
        for (const auto &item : items) {
            repeated = repeated || keys.contains(item.first);
            keys.append(item.first);
        }
        // A key given twice (order_by, update_mask) needs a list of pairs; otherwise a dict, as the guides.
        out += repeated ? QStringLiteral("\nparams = [\n") : QStringLiteral("\nparams = {\n");
        for (const auto &item : items)
            out += repeated ? QStringLiteral("    (") + pythonString(item.first) + QStringLiteral(", ") +
                                  pythonString(item.second) + QStringLiteral("),\n")
                            : QStringLiteral("    ") + pythonString(item.first) + QStringLiteral(": ") +
                                  pythonString(item.second) + QStringLiteral(",\n");
        out += repeated ? QStringLiteral("]\n") : QStringLiteral("}\n");
        arguments.append(QStringLiteral("params=params"));
    }

    QStringList headerLines;
    if (auth.kind == SnippetAuth::Bearer || auth.kind == SnippetAuth::JwtLogin)
        headerLines.append(QStringLiteral("    \"Authorization\": f\"Bearer {TOKEN}\",\n"));
    if (auth.kind == SnippetAuth::Header)
        headerLines.append(QStringLiteral("    ") + pythonString(QString::fromLatin1(auth.headerName)) +
                           QStringLiteral(": API_KEY,\n"));
    for (const auto &header : parts.headers) {
        if (parts.jsonBody && isContentType(header.first))
            continue; // requests sets it for json=
        headerLines.append(QStringLiteral("    ") + pythonString(QString::fromLatin1(header.first)) +
                           QStringLiteral(": ") + pythonString(QString::fromUtf8(header.second)) +
                           QStringLiteral(",\n"));
    }
    if (!headerLines.isEmpty()) {
        out += QStringLiteral("\nheaders = {\n") + headerLines.join(QString()) + QStringLiteral("}\n");
        arguments.append(QStringLiteral("headers=headers"));
    }

    if (parts.jsonBody) {
        const QJsonValue payload =
            parts.json.isObject() ? QJsonValue(parts.json.object()) : QJsonValue(parts.json.array());
        out += QStringLiteral("\npayload = ") + pythonLiteral(payload, 0) + QLatin1Char('\n');
        arguments.append(QStringLiteral("json=payload"));
    } else if (!parts.body.isEmpty()) {
        out +=
            QStringLiteral("\npayload = ") + pythonString(QString::fromUtf8(parts.body)) + QLatin1Char('\n');
        arguments.append(QStringLiteral("data=payload.encode(\"utf-8\")"));
    }
    if (auth.kind == SnippetAuth::Basic)
        arguments.append(QStringLiteral("auth=(USERNAME, PASSWORD)"));

    const QString verb = QString::fromLatin1(request.method).toLower();
    static const QStringList shortcuts = {QStringLiteral("get"),    QStringLiteral("post"),
                                          QStringLiteral("put"),    QStringLiteral("patch"),
                                          QStringLiteral("delete"), QStringLiteral("head")};
    QString call;
    if (shortcuts.contains(verb)) {
        call = QStringLiteral("requests.") + verb + QLatin1Char('(');
    } else {
        call = QStringLiteral("requests.request(");
        arguments.prepend(pythonString(QString::fromLatin1(request.method)));
    }
    out += QStringLiteral("\nresponse = ") + call + QStringLiteral("\n    ") +
           arguments.join(QStringLiteral(",\n    ")) + QStringLiteral(",\n)\n");
    // The status, then the body exactly as the server sent it (response.json() would print a Python repr).
    out += QStringLiteral("print(response.status_code)\nprint(response.text)\n");
    return out;
}

QString CodeExport::httpie(const QUrl &baseUrl, const Api::RawRequest &request, const SnippetAuth &auth)
{
    const Parts parts = partsOf(baseUrl, request, auth);
    QString out = shellComments(auth);
    if (auth.kind == SnippetAuth::JwtLogin)
        out += shellLogin(parts, auth, true);

    // Options go before the method: HTTPie's argument parser takes the method, the URL and the request items
    // only as one run of words, so an option between the URL and the items makes the items "unrecognized".
    QString command = parts.body.isEmpty()
                          ? QStringLiteral("http --ignore-stdin")
                          : QStringLiteral("printf '%s' ") + shellQuote(QString::fromUtf8(parts.body)) +
                                QStringLiteral(" | http");
    if (auth.kind == SnippetAuth::Basic)
        command += QStringLiteral(" --auth ") + shellSecret(auth.username + QLatin1Char(':'), auth);
    QStringList words;
    // --ignore-stdin: in a script HTTPie would otherwise read the script's standard input as the body.
    words.append(command + QLatin1Char(' ') + QString::fromLatin1(request.method) + QLatin1Char(' ') +
                 shellQuote(parts.url.toString(QUrl::FullyEncoded)));
    switch (auth.kind) {
    case SnippetAuth::None:
    case SnippetAuth::Basic:
        break;
    case SnippetAuth::Bearer:
        words.append(shellSecret(QStringLiteral("Authorization:Bearer "), auth));
        break;
    case SnippetAuth::JwtLogin:
        words.append(
            shellWithVariable(QStringLiteral("Authorization:Bearer "), QStringLiteral("AIRFLOW_TOKEN")));
        break;
    case SnippetAuth::Header:
        words.append(shellSecret(QString::fromLatin1(auth.headerName) + QLatin1Char(':'), auth));
        break;
    }
    for (const auto &header : parts.headers)
        words.append(shellQuote(QString::fromLatin1(header.first) + QLatin1Char(':') +
                                QString::fromUtf8(header.second)));
    if (!parts.body.isEmpty() && !parts.hasContentType)
        words.append(QStringLiteral("'Content-Type:application/json'"));
    return out + words.join(QStringLiteral(" \\\n  ")) + QLatin1Char('\n');
}

QString CodeExport::httpie(const QByteArray &method, const QUrl &url, const Headers &headers,
                           const QByteArray &body)
{
    Api::RawRequest request;
    request.method = method;
    request.path = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        request.path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    request.headers = headers;
    request.body = body;
    QUrl root = url;
    root.setPath(QString());
    root.setQuery(QString());
    return httpie(root, request, SnippetAuth());
}

QString CodeExport::pythonRequests(const QByteArray &method, const QUrl &url, const Headers &headers,
                                   const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool jsonBody = !body.isEmpty() && parseError.error == QJsonParseError::NoError;

    QString out = QStringLiteral("import requests\n\nurl = ") +
                  pythonString(url.toString(QUrl::FullyEncoded)) + QStringLiteral("\nheaders = {\n");
    for (const auto &header : headers) {
        if (jsonBody && isContentType(header.first))
            continue; // requests sets it for json=
        out += QStringLiteral("    ") + pythonString(QString::fromLatin1(header.first)) +
               QStringLiteral(": ") + pythonString(QString::fromUtf8(header.second)) + QStringLiteral(",\n");
    }
    out += QStringLiteral("}\n");

    QString bodyArgument;
    if (jsonBody) {
        const QJsonValue payload =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        out += QStringLiteral("payload = ") + pythonLiteral(payload, 0) + QLatin1Char('\n');
        bodyArgument = QStringLiteral(", json=payload");
    } else if (!body.isEmpty()) {
        out += QStringLiteral("payload = ") + pythonString(QString::fromUtf8(body)) + QLatin1Char('\n');
        bodyArgument = QStringLiteral(", data=payload");
    }

    const QString verb = QString::fromLatin1(method).toLower();
    static const QStringList shortcuts = {QStringLiteral("get"),    QStringLiteral("post"),
                                          QStringLiteral("put"),    QStringLiteral("patch"),
                                          QStringLiteral("delete"), QStringLiteral("head")};
    const QString call = shortcuts.contains(verb)
                             ? QStringLiteral("requests.") + verb + QStringLiteral("(url")
                             : QStringLiteral("requests.request(") +
                                   pythonString(QString::fromLatin1(method)) + QStringLiteral(", url");
    out += QStringLiteral("\nresponse = ") + call + bodyArgument + QStringLiteral(", headers=headers)\n") +
           QStringLiteral("response.raise_for_status()\nprint(response.json())\n");
    return out;
}

} // namespace Windsock::Explorer
