#include "jsonbody.h"

#include "apirequest.h"
#include "problem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Windsock::Sandbox::JsonBody {

std::optional<QJsonObject> object(const ApiRequest &request, ApiResponse *error)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = Problem::badRequest(QStringLiteral("Request body is not valid JSON"));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = Problem::badRequest(QString::fromUtf8(request.body.trimmed()) +
                                     QStringLiteral(" is not of type 'object'"));
        return std::nullopt;
    }
    return doc.object();
}

QString repr(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("None");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (value.isString())
        return u'\'' + value.toString() + u'\'';
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

bool check(const QJsonObject &body, const QString &key, QJsonValue::Type type, bool nullable,
           ApiResponse *error)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || (nullable && value.isNull()))
        return true;
    bool ok = value.type() == type;
    // JSON has one number type; the spec's "integer" takes whole numbers only.
    if (ok && type == QJsonValue::Double)
        ok = value.toDouble() == double(qint64(value.toDouble()));
    if (ok)
        return true;
    const QString typeName = type == QJsonValue::String   ? QStringLiteral("string")
                             : type == QJsonValue::Bool   ? QStringLiteral("boolean")
                             : type == QJsonValue::Double ? QStringLiteral("integer")
                                                          : QStringLiteral("object");
    *error = Problem::badRequest(repr(value) + QStringLiteral(" is not of type '") + typeName +
                                 QStringLiteral("' - '") + key + u'\'');
    return false;
}

QStringList updateMask(const ApiRequest &request)
{
    QStringList fields;
    for (const QString &value : request.queryValues(QStringLiteral("update_mask"))) {
        for (const QString &field : value.split(u',')) {
            if (!field.trimmed().isEmpty())
                fields.append(field.trimmed());
        }
    }
    return fields;
}

} // namespace Windsock::Sandbox::JsonBody
