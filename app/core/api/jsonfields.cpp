#include "jsonfields.h"

#include <QJsonDocument>
#include <QTimeZone>
#include <cmath>
#include <limits>

namespace Windsock::Api {

JsonFields::JsonFields(const QJsonObject &object, QString where)
    : m_object(object)
    , m_where(std::move(where))
{}

JsonFields::JsonFields(const QJsonValue &value, QString where)
    : m_object(value.toObject())
    , m_where(std::move(where))
{
    if (!value.isObject())
        m_error =
            shapeError(QStringLiteral("The server's answer does not look like Airflow's: %1 should be an "
                                      "object, but it is %2.")
                           .arg(m_where, describe(value)));
}

ApiError JsonFields::shapeError(const QString &message)
{
    return ApiError(ApiError::Kind::UnexpectedShape, message);
}

QString JsonFields::describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("a number (%1)").arg(value.toDouble());
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40)
            text = text.left(40) + QStringLiteral("…");
        return QStringLiteral("a text (\"%1\")").arg(text);
    }
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

void JsonFields::fail(QLatin1String key, const QString &expected)
{
    fail(key, expected, QStringLiteral("it is ") + describe(m_object.value(key)));
}

void JsonFields::fail(QLatin1String key, const QString &expected, const QString &actual)
{
    if (m_error.isError())
        return;
    m_error =
        shapeError(QStringLiteral("The server's answer does not look like Airflow's: the field \"%1\" of %2 "
                                  "should be %3, but %4.")
                       .arg(key, m_where, expected, actual));
}

void JsonFields::adopt(const ApiError &error)
{
    if (!m_error.isError() && error.isError())
        m_error = error;
}

bool JsonFields::has(QLatin1String key) const
{
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

QJsonValue JsonFields::value(QLatin1String key) const
{
    return m_object.value(key);
}

QJsonValue JsonFields::present(QLatin1String key, QJsonValue::Type type, const QString &expected)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return QJsonValue(QJsonValue::Undefined);
    if (v.type() != type) {
        fail(key, expected);
        return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

QString JsonFields::string(QLatin1String key, const QString &fallback)
{
    const QJsonValue v = present(key, QJsonValue::String, QStringLiteral("a text"));
    return v.isUndefined() ? fallback : v.toString();
}

bool JsonFields::boolean(QLatin1String key, bool fallback)
{
    const QJsonValue v = present(key, QJsonValue::Bool, QStringLiteral("true or false"));
    return v.isUndefined() ? fallback : v.toBool();
}

int JsonFields::integer(QLatin1String key, int fallback)
{
    const QJsonValue v = present(key, QJsonValue::Double, QStringLiteral("a whole number"));
    if (v.isUndefined())
        return fallback;
    const double d = v.toDouble();
    if (std::floor(d) != d || d < std::numeric_limits<int>::min() || d > std::numeric_limits<int>::max()) {
        fail(key, QStringLiteral("a whole number"));
        return fallback;
    }
    return static_cast<int>(d);
}

double JsonFields::number(QLatin1String key, double fallback)
{
    const QJsonValue v = present(key, QJsonValue::Double, QStringLiteral("a number"));
    return v.isUndefined() ? fallback : v.toDouble();
}

QDateTime JsonFields::parseDateTime(const QString &text)
{
    QDateTime dt = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime) // no offset given: Airflow means UTC
        dt.setTimeZone(QTimeZone::utc());
    return dt.toUTC();
}

QDateTime JsonFields::dateTime(QLatin1String key)
{
    const QJsonValue v = present(key, QJsonValue::String, QStringLiteral("a date and time"));
    if (v.isUndefined())
        return {};
    const QDateTime dt = parseDateTime(v.toString());
    if (!dt.isValid())
        fail(key, QStringLiteral("an ISO 8601 date and time"));
    return dt;
}

QStringList JsonFields::strings(QLatin1String key)
{
    const QJsonValue v = present(key, QJsonValue::Array, QStringLiteral("a list of texts"));
    QStringList result;
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isString()) {
            fail(key, QStringLiteral("a list of texts"),
                 QStringLiteral("item %1 is %2").arg(QString::number(i), describe(item)));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

QJsonObject JsonFields::object(QLatin1String key)
{
    return present(key, QJsonValue::Object, QStringLiteral("an object")).toObject();
}

QJsonArray JsonFields::array(QLatin1String key)
{
    return present(key, QJsonValue::Array, QStringLiteral("a list")).toArray();
}

} // namespace Windsock::Api
