#pragma once

#include "types.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Windsock::Api {

// The variables of a file as `airflow variables import` reads it (airflow/cli/commands/variable_command.py):
// one JSON object {key: value}; a value that is not a string is stored as its JSON text (indented by 2, as
// Variable.set(serialize_json=True) does); {"value": ..., "description": "..."} carries a description.
// On a file that is not a JSON object, `error` says why in plain words and the list is empty.
QList<Variable> readVariablesFile(const QByteArray &content, QString *error);

} // namespace Windsock::Api
