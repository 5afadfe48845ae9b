#include "variablesfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

// The reading half of the `airflow variables import` format, for windsock-cli (no widgets). The same rules
// as the desktop's VariableFile::read (ui/resources/variablefile.cpp), which could delegate here.
namespace Windsock::Api {

namespace {

// The stored text of a JSON value, as Python's json.dumps(value, indent=2) lays it out: QJsonDocument indents
// by 4, and a JSON string holds no raw newline, so halving each line's leading spaces is exact.
QString jsonText(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isObject())
        document = QJsonDocument(value.toObject());
    else if (value.isArray())
        document = QJsonDocument(value.toArray());
    else {
        // A scalar: wrap it to reuse the serializer, then take it out again.
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    }
    const QStringList lines =
        QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed().split(QLatin1Char('\n'));
    QStringList halved;
    halved.reserve(lines.size());
    for (const QString &line : lines) {
        int spaces = 0;
        while (spaces < line.size() && line.at(spaces) == QLatin1Char(' '))
            ++spaces;
        halved.append(line.mid(spaces / 2));
    }
    return halved.join(QLatin1Char('\n'));
}

} // namespace

QList<Variable> readVariablesFile(const QByteArray &content, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error =
                QStringLiteral("This is not a variables file: it is not valid JSON (%1 at character %2).")
                    .arg(parseError.errorString())
                    .arg(parseError.offset);
        return {};
    }
    if (!document.isObject()) {
        if (error)
            *error = QStringLiteral("This is not a variables file: it should hold one JSON object, "
                                    "{\"key\": value, ...}, as `airflow variables export` writes.");
        return {};
    }
    QList<Variable> variables;
    const QJsonObject file = document.object();
    for (auto it = file.begin(); it != file.end(); ++it) {
        Variable variable;
        variable.key = it.key();
        QJsonValue value = it.value();
        // {"value": ..., "description": ...} when "value" is truthy, as the CLI checks.
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const QJsonValue inner = object.value(QStringLiteral("value"));
            const bool truthy =
                !(inner.isUndefined() || inner.isNull() || (inner.isString() && inner.toString().isEmpty()) ||
                  (inner.isBool() && !inner.toBool()) || (inner.isDouble() && inner.toDouble() == 0) ||
                  (inner.isArray() && inner.toArray().isEmpty()) ||
                  (inner.isObject() && inner.toObject().isEmpty()));
            if (truthy) {
                value = inner;
                variable.description = object.value(QStringLiteral("description")).toString();
            }
        }
        variable.value = value.isString() ? value.toString() : jsonText(value);
        variable.hasValue = true;
        variables.append(variable);
    }
    if (error)
        error->clear();
    return variables;
}

} // namespace Windsock::Api
