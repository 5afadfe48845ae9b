#include "v2requestcheck.h"

#include "v2shapes.h"

#include <QJsonArray>

#include <algorithm>

namespace Windsock::Sandbox::V2RequestCheck {

namespace {

using V2Shapes::Violation;

bool hasType(const QJsonValue &value, Type type)
{
    switch (type) {
    case Type::String:
        return value.isString();
    case Type::Bool:
        return value.isBool();
    case Type::Int:
        return value.isDouble() && value.toDouble() == double(value.toInteger());
    case Type::Number:
        return value.isDouble();
    case Type::Object:
        return value.isObject();
    case Type::Array:
        return value.isArray();
    case Type::Any:
        return true;
    }
    return false;
}

Violation typeViolation(const QString &name, Type type, const QJsonValue &input)
{
    static const std::pair<const char *, const char *> words[] = {
        {"string_type", "Input should be a valid string"},
        {"bool_type", "Input should be a valid boolean"},
        {"int_type", "Input should be a valid integer"},
        {"float_type", "Input should be a valid number"},
        {"dict_type", "Input should be a valid dictionary"},
        {"list_type", "Input should be a valid list"},
        {"any", ""}};
    const auto &[kind, message] = words[int(type)];
    return Violation{QLatin1String(kind), {QStringLiteral("body"), name}, QLatin1String(message), input};
}

} // namespace

std::optional<ApiResponse> strictBody(const ApiRequest &request, std::initializer_list<Field> fields,
                                      QJsonObject *body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const bool invalidJson = error.error != QJsonParseError::NoError;
        return V2Shapes::validationError(
            {Violation{invalidJson ? QStringLiteral("json_invalid") : QStringLiteral("model_attributes_type"),
                       {QStringLiteral("body")},
                       invalidJson ? QStringLiteral("JSON decode error")
                                   : QStringLiteral("Input should be a valid dictionary or object to extract "
                                                    "fields from"),
                       QString::fromUtf8(request.body)}});
    }
    *body = doc.object();
    QList<Violation> violations;
    for (const Field &field : fields) {
        const QString name = QLatin1String(field.name);
        const QJsonValue value = body->value(name);
        if (value.isUndefined()) {
            if (field.required)
                violations.append({QStringLiteral("missing"),
                                   {QStringLiteral("body"), name},
                                   QStringLiteral("Field required"),
                                   QJsonValue(*body)});
        } else if (!(value.isNull() && field.nullable) && !hasType(value, field.type)) {
            violations.append(typeViolation(name, field.type, value));
        }
    }
    for (auto it = body->begin(); it != body->end(); ++it) {
        const bool known = std::any_of(fields.begin(), fields.end(), [&it](const Field &field) {
            return it.key() == QLatin1String(field.name);
        });
        if (!known)
            violations.append({QStringLiteral("extra_forbidden"),
                               {QStringLiteral("body"), it.key()},
                               QStringLiteral("Extra inputs are not permitted"),
                               it.value()});
    }
    if (violations.isEmpty())
        return std::nullopt;
    return V2Shapes::validationError(violations);
}

std::optional<ApiResponse> pagingViolation(const ApiRequest &request)
{
    QList<Violation> violations;
    for (const char *key : {"limit", "offset"}) {
        const QString name = QLatin1String(key);
        if (!request.hasQuery(name))
            continue;
        const QString text = request.queryValue(name);
        bool number = false;
        const int value = text.toInt(&number);
        if (!number)
            violations.append(
                {QStringLiteral("int_parsing"),
                 {QStringLiteral("query"), name},
                 QStringLiteral("Input should be a valid integer, unable to parse string as an integer"),
                 text});
        else if (value < 0)
            violations.append({QStringLiteral("greater_than_equal"),
                               {QStringLiteral("query"), name},
                               QStringLiteral("Input should be greater than or equal to 0"),
                               text});
    }
    if (violations.isEmpty())
        return std::nullopt;
    return V2Shapes::validationError(violations);
}

QUrlQuery v1Query(const QUrlQuery &v2, bool paged,
                  std::initializer_list<std::pair<const char *, const char *>> renames)
{
    QUrlQuery query;
    bool hasLimit = false;
    for (auto [key, value] : v2.queryItems(QUrl::FullyDecoded)) {
        for (const auto &[from, to] : renames) {
            const bool descending = value.startsWith(u'-');
            if (key == QLatin1String(from))
                key = QLatin1String(to);
            else if (key == QLatin1String("order_by") && value.mid(descending ? 1 : 0) == QLatin1String(from))
                value = (descending ? QStringLiteral("-") : QString()) + QLatin1String(to);
        }
        if (key == QLatin1String("limit")) {
            hasLimit = true;
            if (value == QLatin1String("0"))
                value = QStringLiteral("50");
        }
        // order_by repeats in v2; the sandbox orders by the first field.
        if (key == QLatin1String("order_by") && query.hasQueryItem(key))
            continue;
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    if (paged && !hasLimit)
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("50"));
    return query;
}

QStringList updateMask(const ApiRequest &request)
{
    QStringList mask;
    for (const QString &value : request.queryValues(QStringLiteral("update_mask")))
        mask += value.split(u',', Qt::SkipEmptyParts);
    for (QString &field : mask)
        field = field.trimmed();
    return mask;
}

// The text of one member of a JSON object exactly as written (for params, whose order QJsonObject loses).
} // namespace Windsock::Sandbox::V2RequestCheck
