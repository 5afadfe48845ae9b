#pragma once

#include "apierror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Windsock::Api {

// Reads the fields of one JSON object tolerantly: an absent or null field gives the fallback, an unknown
// field is never looked at, and a field of the wrong type gives the fallback and records an UnexpectedShape
// error that names the field (the first such error is kept). Dialects decode every value through this class.
class JsonFields
{
public:
    // where: how a person finds the object, e.g. "the DAG", "dags[3]"; used in error messages.
    JsonFields(const QJsonObject &object, QString where);
    // For a value that must be an object: records an error if it is not.
    JsonFields(const QJsonValue &value, QString where);

    bool has(QLatin1String key) const; // present and not null
    QString string(QLatin1String key, const QString &fallback = {});
    bool boolean(QLatin1String key, bool fallback = false);
    int integer(QLatin1String key, int fallback = 0);
    double number(QLatin1String key, double fallback = 0);
    QDateTime dateTime(QLatin1String key);     // ISO 8601, converted to UTC; invalid when absent
    QStringList strings(QLatin1String key);    // an array of strings
    QJsonObject object(QLatin1String key);     // an object (empty when absent or null)
    QJsonArray array(QLatin1String key);       // an array (empty when absent or null)
    QJsonValue value(QLatin1String key) const; // as it is, any type
    const QJsonObject &json() const { return m_object; }
    QString where() const { return m_where; }

    // Records an error about a field (for checks this class cannot make itself).
    void fail(QLatin1String key, const QString &expected);
    void fail(QLatin1String key, const QString &expected, const QString &actual); // actual: "it is a list"
    void adopt(const ApiError &error); // keeps another reader's error if none is recorded yet

    bool ok() const { return !m_error.isError(); }
    const ApiError &error() const { return m_error; }

    // "a text (\"yes\")", "a number (3)", "a list", ...
    static QString describe(const QJsonValue &value);
    static ApiError shapeError(const QString &message);
    // Parses an ISO 8601 date-time; invalid if it is not one.
    static QDateTime parseDateTime(const QString &text);

private:
    QJsonValue present(QLatin1String key, QJsonValue::Type type, const QString &expected);

    QJsonObject m_object;
    QString m_where;
    ApiError m_error;
};

} // namespace Windsock::Api
