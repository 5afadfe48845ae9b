#include "variablefile.h"

#include "api/variablesfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

namespace Windsock::Ui {

namespace {} // namespace

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
    return Api::readVariablesFile(content, error); // the CLI's `variables import` reads the same way
}

} // namespace Windsock::Ui
