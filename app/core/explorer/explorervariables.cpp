#include "explorervariables.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace Windsock::Explorer {

VariableStore::VariableStore(const QString &profileId)
    : m_filePath(defaultFilePath(profileId))
{}

VariableStore VariableStore::onFile(const QString &filePath)
{
    VariableStore store;
    store.m_filePath = filePath;
    return store;
}

QString VariableStore::defaultFilePath(const QString &profileId)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/explorer/variables-") + profileId + QStringLiteral(".json");
}

bool VariableStore::load(QString *error)
{
    m_variables.clear();
    QFile file(m_filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Could not read the variables file %1: %2.")
                         .arg(m_filePath, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = QStringLiteral("The variables file %1 is not a JSON object of names and values.")
                         .arg(m_filePath);
        return false;
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isString())
            m_variables.insert(it.key(), value.toString());
        else if (value.isDouble())
            m_variables.insert(it.key(), QString::number(value.toDouble(), 'g', 17));
        else if (value.isBool())
            m_variables.insert(it.key(), value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    }
    return true;
}

bool VariableStore::save(QString *error) const
{
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath())) {
        if (error)
            *error = QStringLiteral("Could not create the folder of %1.").arg(m_filePath);
        return false;
    }
    QJsonObject object;
    for (auto it = m_variables.begin(); it != m_variables.end(); ++it)
        object.insert(it.key(), it.value());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("Could not write the variables file %1: %2.")
                         .arg(m_filePath, file.errorString());
        return false;
    }
    return true;
}

bool VariableStore::isValidName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        // As substituteVariables() reads {{name}}: ASCII letters and digits, _ . -
        const bool ascii = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (!ascii && c != QLatin1Char('_') && c != QLatin1Char('-') && c != QLatin1Char('.'))
            return false;
    }
    return true;
}

} // namespace Windsock::Explorer
