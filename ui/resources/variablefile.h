#pragma once

#include "api/types.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Windsock::Ui {

// The file format of `airflow variables export` and `import` (airflow/cli/commands/variable_command.py):
// one JSON object, {key: value}. A value that is JSON text is written as that JSON (not as a string), others
// as strings; a variable with a description is written {"value": ..., "description": "..."} (2.10). Keys are
// sorted, indented by 4, as json.dump(sort_keys=True, indent=4) writes them.
class VariableFile final
{
public:
    static QByteArray write(const QList<Api::Variable> &variables);

    // The variables of a file, in the file's key order as far as QJsonObject keeps it (sorted). A value that
    // is not a string is stored as its JSON text (indented by 2, as Variable.set(serialize_json=True) does).
    // On a file that is not a JSON object, `error` says why in plain words and the list is empty.
    static QList<Api::Variable> read(const QByteArray &content, QString *error);
};

} // namespace Windsock::Ui
