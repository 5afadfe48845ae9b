#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Windsock::Explorer {

// A YAML document (Airflow 2 serves its OpenAPI document as YAML too) as the JSON value it stands for, read
// with libyaml. Scalars follow the YAML 1.1 core types as OpenAPI documents use them: a quoted scalar is a
// string; null, Null, NULL, ~ and an empty plain scalar are null; true/false (any case) are booleans;
// decimal, hexadecimal and octal integers and floats (.inf, .nan too) are numbers; everything else is a
// string. Mapping keys are always strings. Anchors and aliases are followed; a recursive alias is an error.
// Only the first document of a stream is read. On failure returns an undefined QJsonValue and, if error is
// given, sets it to a sentence that names the line and column (1-based): "Not valid YAML at line 3, column 5:
// mapping values are not allowed in this context."
QJsonValue yamlToJson(const QByteArray &yaml, QString *error);

} // namespace Windsock::Explorer
