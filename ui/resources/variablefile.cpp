#include "variablefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

namespace Windsock::Ui {

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

QByteArray VariableFile::write(const QList<Api::Variable> &variables)
{
    QJsonObject file;
    for (const Api::Variable &variable : variables) {
        // As the CLI does: the value decoded when it is JSON text, else the string.
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(variable.value.toUtf8(), &error);
        QJsonValue value = variable.value;
        if (error.error == QJsonParseError::NoError && !parsed.isNull())
            value = parsed.isObject() ? QJsonValue(parsed.object()) : QJsonValue(parsed.array());
        else {
            // Scalars (numbers, true, "quoted"): the CLI decodes them too.
            const QJsonDocument wrapped =
                QJsonDocument::fromJson(QByteArrayLiteral("[") + variable.value.toUtf8() + "]", &error);
            if (error.error == QJsonParseError::NoError && wrapped.array().size() == 1 &&
                !variable.value.trimmed().isEmpty())
                value = wrapped.array().at(0);
        }
        if (variable.description.isEmpty())
            file.insert(variable.key, value);
        else
            file.insert(variable.key, QJsonObject{{QStringLiteral("value"), value},
                                                  {QStringLiteral("description"), variable.description}});
    }
    // QJsonObject keeps keys sorted, as sort_keys=True.
    return QJsonDocument(file).toJson(QJsonDocument::Indented);
}

QList<Api::Variable> VariableFile::read(const QByteArray &content, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QObject::tr("This is not a variables file: it is not valid JSON (%1 at character %2).")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return {};
    }
    if (!document.isObject()) {
        if (error)
            *error = QObject::tr("This is not a variables file: it should hold one JSON object, "
                                 "{\"key\": value, ...}, as `airflow variables export` writes.");
        return {};
    }
    QList<Api::Variable> variables;
    const QJsonObject file = document.object();
    for (auto it = file.begin(); it != file.end(); ++it) {
        Api::Variable variable;
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

} // namespace Windsock::Ui
