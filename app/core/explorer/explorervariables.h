#pragma once

#include <QMap>
#include <QString>

namespace Windsock::Explorer {

// The explorer's variables of one profile ({{name}} in requests), kept in a JSON object file in the app's
// config directory: <AppConfigLocation>/explorer/variables-<profile id>.json, keys sorted (stable diffs).
// Variables are not secrets: they are shown and written as they are.
class VariableStore final
{
public:
    // The store of a profile in the default folder.
    explicit VariableStore(const QString &profileId);
    // A store on an explicit file (tests, other folders).
    static VariableStore onFile(const QString &filePath);

    static QString defaultFilePath(const QString &profileId);
    QString filePath() const { return m_filePath; }

    // Reads the file; a missing file is an empty set of variables (not an error). A file that is not a JSON
    // object of strings gives false and a plain-words *error, and leaves the variables empty.
    bool load(QString *error = nullptr);
    // Writes the file atomically (QSaveFile), creating the folder.
    bool save(QString *error = nullptr) const;

    QMap<QString, QString> variables() const { return m_variables; }
    void setVariables(const QMap<QString, QString> &variables) { m_variables = variables; }
    QString value(const QString &name) const { return m_variables.value(name); }
    void setValue(const QString &name, const QString &value) { m_variables.insert(name, value); }
    void remove(const QString &name) { m_variables.remove(name); }

    // A valid name, as {{name}} is read: ASCII letters, digits, '_', '-', '.'; not empty.
    static bool isValidName(const QString &name);

private:
    VariableStore() = default;
    QString m_filePath;
    QMap<QString, QString> m_variables;
};

} // namespace Windsock::Explorer
