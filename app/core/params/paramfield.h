#pragma once

#include "api/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace Windsock::Params {

// One DAG param as a form field: which editor a UI builds, its label, help text, section, default and the
// schema's bounds. The choice of kind follows Airflow 2.10's trigger form
// (www/templates/airflow/trigger.html): const -> hidden, custom_html_form -> a JSON editor (its HTML cannot
// run here), enum -> drop-down, array -> one item a line (or a multi-select of its examples, or a JSON editor
// when its items are not strings or numbers), object -> JSON editor, boolean -> check box, integer/number ->
// number box, string with format date/date-time/time/multiline -> that picker, else text (with its examples
// as suggestions). "type": ["null", ...] makes a field optional.
struct ParamField
{
    enum class Kind
    {
        Text,
        MultilineText,
        Integer,
        Number,
        Boolean,
        Enum,
        Date,
        DateTime,
        Time,
        StringArray, // one string a line
        NumberArray, // one number a line
        MultiSelect, // an array with examples: pick any of them
        JsonArray,   // JSON editor
        JsonObject,  // JSON editor
        JsonValue,   // custom_html_form, which cannot be shown here: any JSON value in a JSON editor
        Hidden,      // const: not shown, always sent
    };

    static ParamField fromDagParam(const Api::DagParam &param);

    QString name;
    Kind kind = Kind::Text;
    QStringList types;     // the schema's allowed JSON types without "null"; empty = any
    bool nullable = false; // "null" is allowed: the field is optional, empty means null
    QString label;         // the schema's title, else the name
    QString description;   // plain text (description_md and description_html are stripped of markup)
    QString section;       // empty = the main part of the form
    QJsonValue defaultValue;
    QJsonObject schema;

    QJsonArray enumValues;     // Enum: the allowed values; MultiSelect: the examples
    QJsonObject valuesDisplay; // value (as text) -> the label to show
    QJsonValue constValue;     // Hidden
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<double> exclusiveMinimum;
    std::optional<double> exclusiveMaximum;
    std::optional<int> minLength;
    std::optional<int> maxLength;
    std::optional<double> multipleOf;
    std::optional<int> minItems;
    std::optional<int> maxItems;
    QString pattern;
    QString format;                   // date, date-time, time, multiline, ... as given
    QString itemsType;                // arrays: the items' type, empty = any
    QJsonArray examples;              // suggestions for text fields
    QJsonObject properties;           // objects: the schema of each known key
    QStringList requiredKeys;         // objects: keys that must be present
    bool additionalProperties = true; // objects: false = only the keys in properties
    bool customHtmlForm = false;      // the DAG gives its own HTML editor; shown as a JSON editor instead

    bool required() const { return !nullable; }
    bool isHidden() const { return kind == Kind::Hidden; }
    // Text fields with examples: the suggestions a completer offers (Airflow's datalist).
    QStringList suggestions() const;
    // Digits after the point a number editor needs to show the default and multipleOf exactly (0 for whole
    // numbers, at most 15).
    int decimals() const;
    static int decimalsOf(double number);
    // The label of one enum value or example: values_display, else the value as text.
    QString displayText(const QJsonValue &option) const;
    // The text an editor of this kind shows for a value (lists one item a line, JSON indented).
    QString textFor(const QJsonValue &value) const;

    // A value as plain text: strings as they are, integers without exponent, JSON compact.
    static QString plainText(const QJsonValue &value);
    static QString numberText(double number);
    static bool isInteger(const QJsonValue &value);
};

} // namespace Windsock::Params
