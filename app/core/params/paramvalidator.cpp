#include "paramvalidator.h"

#include <QDate>
#include <QRegularExpression>
#include <cmath>

namespace Windsock::Params {

namespace {

using Kind = ParamField::Kind;

QString itemTypeWord(const QString &type)
{
    if (type == QLatin1String("integer"))
        return QStringLiteral("a whole number");
    if (type == QLatin1String("number"))
        return QStringLiteral("a number");
    if (type == QLatin1String("string"))
        return QStringLiteral("text");
    if (type == QLatin1String("boolean"))
        return QStringLiteral("true or false");
    if (type == QLatin1String("object"))
        return QStringLiteral("a JSON object");
    if (type == QLatin1String("array"))
        return QStringLiteral("a list");
    return type;
}

QString typeMessage(const ParamField &field)
{
    const QString &l = field.label;
    switch (field.kind) {
    case Kind::Integer:
        return l + QStringLiteral(" must be a whole number.");
    case Kind::Number:
        return l + QStringLiteral(" must be a number.");
    case Kind::Boolean:
        return l + QStringLiteral(" must be true or false.");
    case Kind::StringArray:
    case Kind::NumberArray:
    case Kind::MultiSelect:
    case Kind::JsonArray:
        return l + QStringLiteral(" must be a list.");
    case Kind::JsonObject:
        return l + QStringLiteral(" must be a JSON object.");
    case Kind::JsonValue:
        break;
    default:
        break;
    }
    QStringList words;
    for (const QString &type : field.types)
        words.append(itemTypeWord(type));
    return l + QStringLiteral(" must be ") + words.join(QStringLiteral(" or ")) + u'.';
}

QString checkNumber(const ParamField &field, double n)
{
    const QString &l = field.label;
    if (field.minimum && n < *field.minimum)
        return l + QStringLiteral(" must be ") + ParamField::numberText(*field.minimum) +
               QStringLiteral(" or more.");
    if (field.maximum && n > *field.maximum)
        return l + QStringLiteral(" must be ") + ParamField::numberText(*field.maximum) +
               QStringLiteral(" or less.");
    if (field.exclusiveMinimum && n <= *field.exclusiveMinimum)
        return l + QStringLiteral(" must be more than ") + ParamField::numberText(*field.exclusiveMinimum) +
               u'.';
    if (field.exclusiveMaximum && n >= *field.exclusiveMaximum)
        return l + QStringLiteral(" must be less than ") + ParamField::numberText(*field.exclusiveMaximum) +
               u'.';
    if (field.multipleOf && !ParamValidator::isMultipleOf(n, *field.multipleOf))
        return l + QStringLiteral(" must be a multiple of ") + ParamField::numberText(*field.multipleOf) +
               u'.';
    return QString();
}

QString characters(int n)
{
    return QString::number(n) + (n == 1 ? QStringLiteral(" character.") : QStringLiteral(" characters."));
}

QString checkString(const ParamField &field, const QString &text)
{
    const QString &l = field.label;
    const int length = int(text.toUcs4().size()); // JSON Schema counts code points
    if (field.minLength && length < *field.minLength)
        return l + QStringLiteral(" must be at least ") + characters(*field.minLength);
    if (field.maxLength && length > *field.maxLength)
        return l + QStringLiteral(" must be at most ") + characters(*field.maxLength);
    if (!field.pattern.isEmpty()) {
        const QRegularExpression re(field.pattern);
        if (re.isValid() && !re.match(text).hasMatch())
            return l + QStringLiteral(" must match the pattern ") + field.pattern + u'.';
    }
    if (field.format == QLatin1String("date") && !ParamValidator::isDate(text))
        return l + QStringLiteral(" must be a date like 2025-06-01.");
    if (field.format == QLatin1String("date-time") && !ParamValidator::isDateTime(text))
        return l + QStringLiteral(" must be a date and time like 2025-06-01T06:00:00+00:00.");
    if (field.format == QLatin1String("time") && !ParamValidator::isTime(text))
        return l + QStringLiteral(" must be a time like 18:00:00.");
    return QString();
}

QString checkArray(const ParamField &field, const QJsonArray &items)
{
    const QString &l = field.label;
    if (field.minItems && items.size() < *field.minItems)
        return l + QStringLiteral(" must have at least ") + QString::number(*field.minItems) +
               QStringLiteral(" items.");
    if (field.maxItems && items.size() > *field.maxItems)
        return l + QStringLiteral(" must have at most ") + QString::number(*field.maxItems) +
               QStringLiteral(" items.");
    if (field.itemsType.isEmpty())
        return QString();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!ParamValidator::hasType(items.at(i), field.itemsType))
            return QStringLiteral("Item ") + QString::number(i + 1) + QStringLiteral(" of ") + l +
                   QStringLiteral(" must be ") + itemTypeWord(field.itemsType) + u'.';
    }
    return QString();
}

QString checkObject(const ParamField &field, const QJsonObject &object)
{
    const QString &l = field.label;
    QStringList missing;
    for (const QString &key : field.requiredKeys) {
        if (!object.contains(key))
            missing.append(key);
    }
    if (!missing.isEmpty())
        return l +
               (missing.size() == 1 ? QStringLiteral(" needs the key ")
                                    : QStringLiteral(" needs the keys ")) +
               missing.join(QStringLiteral(", ")) + u'.';
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue property = field.properties.value(it.key());
        if (property.isUndefined()) {
            if (!field.additionalProperties)
                return l + QStringLiteral(" has the key ") + it.key() +
                       QStringLiteral(", which it does not allow.");
            continue;
        }
        const QJsonValue type = property.toObject().value(QLatin1String("type"));
        QStringList types;
        if (type.isString())
            types.append(type.toString());
        for (const QJsonValue &t : type.toArray())
            types.append(t.toString());
        if (types.isEmpty())
            continue;
        bool typed = false;
        for (const QString &t : types)
            typed = typed || ParamValidator::hasType(it.value(), t);
        if (!typed) {
            QStringList words;
            for (const QString &t : types)
                words.append(t == QLatin1String("null") ? QStringLiteral("null") : itemTypeWord(t));
            return QStringLiteral("The key ") + it.key() + QStringLiteral(" of ") + l +
                   QStringLiteral(" must be ") + words.join(QStringLiteral(" or ")) + u'.';
        }
    }
    return QString();
}

bool timeOfDay(const QRegularExpressionMatch &m, int first)
{
    const int hour = m.captured(first).toInt();
    const int minute = m.captured(first + 1).toInt();
    const int second = m.captured(first + 2).isEmpty() ? 0 : m.captured(first + 2).toInt();
    return hour < 24 && minute < 60 && second <= 60;
}

bool offsetOk(const QString &offset)
{
    if (offset.size() != 6)
        return true; // empty, Z or z
    return offset.mid(1, 2).toInt() < 24 && offset.mid(4, 2).toInt() < 60;
}

} // namespace

bool ParamValidator::isDate(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return re.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid();
}

bool ParamValidator::isDateTime(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() && isDate(m.captured(1)) && timeOfDay(m, 2) && offsetOk(m.captured(6));
}

bool ParamValidator::isTime(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?$"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() && timeOfDay(m, 1) && offsetOk(m.captured(5));
}

bool ParamValidator::isMultipleOf(double number, double divisor)
{
    if (divisor <= 0 || !std::isfinite(number))
        return true;
    // As jsonschema does for float divisors: the quotient must be whole, up to the rounding of binary
    // fractions (0.3 is a multiple of 0.1 although 0.3 / 0.1 is 2.9999999999999996).
    const double quotient = number / divisor;
    return std::fabs(quotient - std::round(quotient)) <= 1e-9 * qMax(1.0, std::fabs(quotient));
}

bool ParamValidator::hasType(const QJsonValue &value, const QString &type)
{
    if (type == QLatin1String("string"))
        return value.isString();
    if (type == QLatin1String("integer"))
        return ParamField::isInteger(value);
    if (type == QLatin1String("number"))
        return value.isDouble();
    if (type == QLatin1String("boolean"))
        return value.isBool();
    if (type == QLatin1String("array"))
        return value.isArray();
    if (type == QLatin1String("object"))
        return value.isObject();
    if (type == QLatin1String("null"))
        return value.isNull();
    return true; // a type we do not know: let the server judge
}

QString ParamValidator::validate(const ParamField &field, const QJsonValue &value)
{
    const QString &l = field.label;
    if (value.isNull() || value.isUndefined()) {
        const bool nullInEnum = field.kind == Kind::Enum && field.enumValues.contains(QJsonValue::Null);
        if (field.nullable || nullInEnum)
            return QString();
        return QStringLiteral("This field is required.");
    }
    if (!field.types.isEmpty()) {
        bool typed = false;
        for (const QString &type : field.types)
            typed = typed || hasType(value, type);
        if (!typed)
            return typeMessage(field);
    }
    if (field.schema.contains(QLatin1String("const")) && value != field.constValue)
        return l + QStringLiteral(" must be ") + ParamField::plainText(field.constValue) + u'.';
    if (field.kind == Kind::Enum && !field.enumValues.contains(value)) {
        QStringList options;
        for (const QJsonValue &option : field.enumValues)
            options.append(field.displayText(option));
        return l + QStringLiteral(" must be one of: ") + options.join(QStringLiteral(", ")) + u'.';
    }
    if (value.isDouble())
        return checkNumber(field, value.toDouble());
    if (value.isString())
        return checkString(field, value.toString());
    if (value.isArray())
        return checkArray(field, value.toArray());
    if (value.isObject())
        return checkObject(field, value.toObject());
    return QString();
}

} // namespace Windsock::Params
