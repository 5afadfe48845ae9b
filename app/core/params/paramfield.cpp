#include "paramfield.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>
#include <limits>

namespace Windsock::Params {

namespace {

QString str(const char *ascii)
{
    return QString::fromLatin1(ascii);
}

// Markdown or HTML help text as plain words: markup removed, link texts kept.
QString plainDescription(QString text, bool html)
{
    if (html) {
        text.replace(QRegularExpression(QStringLiteral("<br\\s*/?>|</p>")), QStringLiteral("\n"));
        text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
        text.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
        text.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        text.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
        text.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        return text.trimmed();
    }
    text.replace(QRegularExpression(QStringLiteral("!?\\[([^\\]]*)\\]\\([^)]*\\)")), QStringLiteral("\\1"));
    text.replace(QRegularExpression(QStringLiteral("(\\*\\*|__)(.+?)\\1")), QStringLiteral("\\2"));
    text.replace(QRegularExpression(QStringLiteral("`([^`]*)`")), QStringLiteral("\\1"));
    text.replace(QRegularExpression(QStringLiteral("(^|\\s)[*_]([^*_\\s][^*_]*)[*_](?=\\s|$|[.,;:!?])")),
                 QStringLiteral("\\1\\2"));
    text.replace(QRegularExpression(QStringLiteral("^#{1,6}\\s+"), QRegularExpression::MultilineOption),
                 QString());
    return text.trimmed();
}

std::optional<double> number(const QJsonObject &schema, const char *key)
{
    const QJsonValue v = schema.value(QLatin1String(key));
    if (v.isDouble())
        return v.toDouble();
    return std::nullopt;
}

std::optional<int> count(const QJsonObject &schema, const char *key)
{
    const QJsonValue v = schema.value(QLatin1String(key));
    if (v.isDouble() && v.toDouble() >= 0)
        return int(v.toDouble());
    return std::nullopt;
}

// Airflow's trigger view gives a schema without a type one from the default value (views.py, trigger).
void inferTypes(ParamField &field)
{
    const QJsonValue v = field.defaultValue;
    if (v.isBool()) {
        field.types = {str("boolean")};
    } else if (v.isDouble()) {
        field.types = {ParamField::isInteger(v) ? str("integer") : str("number")};
        field.nullable = true;
    } else if (v.isArray()) {
        field.types = {str("array")};
        field.nullable = true;
    } else if (v.isObject()) {
        field.types = {str("object")};
        field.nullable = true;
    } else {
        field.nullable = true; // no type: anything goes, null included
    }
}

ParamField::Kind arrayKind(const ParamField &field)
{
    if (!field.examples.isEmpty())
        return ParamField::Kind::MultiSelect;
    if (field.itemsType.isEmpty() || field.itemsType == QLatin1String("string"))
        return ParamField::Kind::StringArray;
    if (field.itemsType == QLatin1String("number") || field.itemsType == QLatin1String("integer"))
        return ParamField::Kind::NumberArray;
    return ParamField::Kind::JsonArray;
}

ParamField::Kind kindOf(const ParamField &field)
{
    const auto has = [&field](const char *type) { return field.types.contains(QLatin1String(type)); };
    if (field.schema.contains(QLatin1String("const")))
        return ParamField::Kind::Hidden;
    if (field.customHtmlForm) {
        // The DAG's own HTML cannot run here; a JSON editor of the right shape takes its place.
        if (field.types.size() == 1 && has("object"))
            return ParamField::Kind::JsonObject;
        if (field.types.size() == 1 && has("array"))
            return ParamField::Kind::JsonArray;
        return ParamField::Kind::JsonValue;
    }
    if (field.schema.value(QLatin1String("enum")).isArray())
        return ParamField::Kind::Enum;
    if (has("array"))
        return arrayKind(field);
    if (has("object"))
        return ParamField::Kind::JsonObject;
    if (has("boolean"))
        return ParamField::Kind::Boolean;
    if (has("integer"))
        return ParamField::Kind::Integer;
    if (has("number"))
        return ParamField::Kind::Number;
    if (field.format == QLatin1String("date"))
        return ParamField::Kind::Date;
    if (field.format == QLatin1String("date-time"))
        return ParamField::Kind::DateTime;
    if (field.format == QLatin1String("time"))
        return ParamField::Kind::Time;
    if (field.format == QLatin1String("multiline"))
        return ParamField::Kind::MultilineText;
    return ParamField::Kind::Text;
}

} // namespace

ParamField ParamField::fromDagParam(const Api::DagParam &param)
{
    ParamField field;
    field.name = param.name;
    field.schema = param.schema;
    field.defaultValue = param.value;
    const QJsonObject &schema = param.schema;

    const QJsonValue type = schema.value(QLatin1String("type"));
    if (type.isString()) {
        field.types = {type.toString()};
    } else if (type.isArray()) {
        for (const QJsonValue &t : type.toArray())
            field.types.append(t.toString());
    }
    field.nullable = field.types.removeAll(str("null")) > 0;
    if (type.isUndefined() || type.isNull())
        inferTypes(field);

    const QString title = schema.value(QLatin1String("title")).toString();
    field.label = title.isEmpty() ? param.name : title;
    if (schema.value(QLatin1String("description_html")).isString())
        field.description =
            plainDescription(schema.value(QLatin1String("description_html")).toString(), true);
    else if (schema.value(QLatin1String("description_md")).isString())
        field.description = plainDescription(schema.value(QLatin1String("description_md")).toString(), false);
    else if (!param.description.isEmpty())
        field.description = param.description;
    else
        field.description = schema.value(QLatin1String("description")).toString();
    field.section = schema.value(QLatin1String("section")).toString();

    field.minimum = number(schema, "minimum");
    field.maximum = number(schema, "maximum");
    field.exclusiveMinimum = number(schema, "exclusiveMinimum");
    field.exclusiveMaximum = number(schema, "exclusiveMaximum");
    field.minLength = count(schema, "minLength");
    field.maxLength = count(schema, "maxLength");
    field.multipleOf = number(schema, "multipleOf");
    if (field.multipleOf && *field.multipleOf <= 0)
        field.multipleOf.reset(); // not a valid schema; the server would refuse the DAG
    field.minItems = count(schema, "minItems");
    field.maxItems = count(schema, "maxItems");
    field.pattern = schema.value(QLatin1String("pattern")).toString();
    field.format = schema.value(QLatin1String("format")).toString();
    field.examples = schema.value(QLatin1String("examples")).toArray();
    field.valuesDisplay = schema.value(QLatin1String("values_display")).toObject();
    field.properties = schema.value(QLatin1String("properties")).toObject();
    for (const QJsonValue &key : schema.value(QLatin1String("required")).toArray())
        field.requiredKeys.append(key.toString());
    field.additionalProperties = schema.value(QLatin1String("additionalProperties")) != QJsonValue(false);
    field.customHtmlForm = schema.contains(QLatin1String("custom_html_form"));
    const QJsonValue items = schema.value(QLatin1String("items"));
    if (items.isObject())
        field.itemsType = items.toObject().value(QLatin1String("type")).toString();

    field.kind = kindOf(field);
    if (field.kind == Kind::Enum)
        field.enumValues = schema.value(QLatin1String("enum")).toArray();
    else if (field.kind == Kind::MultiSelect)
        field.enumValues = field.examples;
    if (field.kind == Kind::Hidden) {
        field.constValue = schema.value(QLatin1String("const"));
        field.defaultValue = field.constValue;
    }
    return field;
}

QString ParamField::displayText(const QJsonValue &option) const
{
    const QString key = plainText(option);
    const QJsonValue shown = valuesDisplay.value(key);
    if (shown.isString())
        return shown.toString();
    if (option.isNull())
        return str("None");
    return key;
}

QStringList ParamField::suggestions() const
{
    QStringList list;
    for (const QJsonValue &example : examples)
        list.append(plainText(example));
    return list;
}

int ParamField::decimalsOf(double number)
{
    if (!std::isfinite(number))
        return 0;
    // The shortest text that reads back as the same double says how many digits it really has.
    const QString text = QString::number(number, 'g', 15);
    const qsizetype e = text.indexOf(u'e');
    const QString mantissa = e < 0 ? text : text.left(e);
    const int exponent = e < 0 ? 0 : text.mid(e + 1).toInt();
    const qsizetype point = mantissa.indexOf(u'.');
    const int digits = point < 0 ? 0 : int(mantissa.size() - point - 1);
    return qBound(0, digits - exponent, 15);
}

int ParamField::decimals() const
{
    int digits = 0;
    if (defaultValue.isDouble())
        digits = decimalsOf(defaultValue.toDouble());
    for (const std::optional<double> &bound :
         {multipleOf, minimum, maximum, exclusiveMinimum, exclusiveMaximum}) {
        if (bound)
            digits = qMax(digits, decimalsOf(*bound));
    }
    return digits;
}

QString ParamField::textFor(const QJsonValue &value) const
{
    if (value.isNull() || value.isUndefined())
        return QString();
    switch (kind) {
    case Kind::StringArray:
    case Kind::NumberArray:
    case Kind::MultiSelect:
        if (value.isArray()) {
            QStringList lines;
            for (const QJsonValue &item : value.toArray())
                lines.append(plainText(item));
            return lines.join(u'\n');
        }
        break;
    case Kind::JsonValue:
        if (value.isString() && !types.isEmpty() && types.constFirst() == QLatin1String("string"))
            return value.toString();
        if (!value.isArray() && !value.isObject())
            return plainText(value);
        Q_FALLTHROUGH();
    case Kind::JsonArray:
    case Kind::JsonObject:
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented))
                .trimmed();
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented))
                .trimmed();
        break;
    default:
        break;
    }
    return plainText(value);
}

QString ParamField::plainText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? str("true") : str("false");
    case QJsonValue::Null:
        return str("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString ParamField::numberText(double number)
{
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9.0e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 15);
}

bool ParamField::isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

} // namespace Windsock::Params
