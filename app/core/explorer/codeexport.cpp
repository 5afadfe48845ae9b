#include "codeexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

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
