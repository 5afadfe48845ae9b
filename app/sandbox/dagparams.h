#pragma once

#include <QJsonObject>

namespace Windsock::Sandbox::DagParams {

// A DAG's params as DAGDetailSchema.get_params dumps them in Airflow 2.10: each one is
// {"__class": "airflow.models.param.Param", "value": ..., "description": ..., "schema": {...}}.
// Kind 0 is the showcase with every kind of param the trigger form supports; 1..3 are smaller sets.
QJsonObject build(int kind);

} // namespace Windsock::Sandbox::DagParams
