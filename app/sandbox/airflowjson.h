#pragma once

#include "dagmodel.h"
#include "taskinstancestate.h"

#include <QJsonObject>

namespace Windsock::Sandbox {

class SandboxState;

// Serialises the sandbox's records as Airflow 2.10's marshmallow schemas dump them (DAGSchema,
// DAGDetailSchema, DAGRunSchema, TaskInstanceSchema), field for field with the spec's nullability.
namespace AirflowJson {

QJsonValue timestamp(qint64 ms); // null when ms < 0
QJsonValue scheduleInterval(const DagSchedule &schedule);
QJsonObject dag(const SandboxState &state, const DagModel &dag);
QJsonObject dagDetail(const SandboxState &state, const DagModel &dag); // params with sorted names
// The DAGDetail answer's bytes, with params in the DAG's declaration order, as Airflow sends them.
QByteArray dagDetailJson(const SandboxState &state, const DagModel &dag);
QJsonObject dagRun(const SandboxState &state, const DagRun &run);
QJsonObject taskInstance(const SandboxState &state, const DagRun &run, const TaskInstanceState &ti);
QString dagRunStateName(DagRunState state);

} // namespace AirflowJson
} // namespace Windsock::Sandbox
