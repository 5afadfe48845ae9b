#pragma once

#include "paramfield.h"

namespace Windsock::Params {

// Checks one value against its field's JSON Schema, with the rules Airflow's Param.resolve() applies through
// jsonschema (type, const, enum, minimum/maximum and their exclusive forms, minLength/maxLength, pattern,
// format date/date-time/time, multipleOf, minItems/maxItems, items type, an object's required keys,
// properties' types and additionalProperties), and says what is wrong in plain words.
class ParamValidator
{
public:
    // Empty when the value is valid.
    static QString validate(const ParamField &field, const QJsonValue &value);

    static bool isDate(const QString &text);     // 2025-06-01
    static bool isDateTime(const QString &text); // RFC 3339: 2025-06-01T06:00:00+00:00 (Z, fractions allowed)
    static bool isTime(const QString &text);     // 18:00, 18:00:00, 18:00:00.5, with an optional offset
    // multipleOf, with the tolerance binary fractions need (0.3 is a multiple of 0.1).
    static bool isMultipleOf(double number, double divisor);
    static bool hasType(const QJsonValue &value, const QString &type);
};

} // namespace Windsock::Params
