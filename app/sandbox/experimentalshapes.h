#pragma once

#include "dagrun.h"
#include "taskinstancestate.h"

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace Windsock::Sandbox {

class SandboxState;
struct SandboxPool;

// The answers of Airflow 1.10.15's /api/experimental, built from the sandbox's records as its endpoints
// (airflow/www_rbac/api/experimental/endpoints.py) and airflow/api/common/experimental/* build them.
namespace ExperimentalShapes {

// Python's str() of a UTC datetime.datetime: "2026-11-22 10:00:00+00:00", with ".123000" when the
// microseconds are not zero; "None" when ms < 0.
QString pythonStr(qint64 ms);
// isoformat() of a UTC datetime given in microseconds since the epoch.
QString isoMicros(qint64 micros);
// timezone.parse (pendulum.parse with UTC as the default zone): "2016-11-16", "2016-11-16T11:34:15",
// "2016-11-16 11:34:15.123456+01:00", "...Z". Microseconds since the epoch, or nullopt when it is no date.
std::optional<qint64> parseDate(const QString &text);
// 1.10 has no queued DagRun state: create_dagrun starts triggered runs as running (the scheduler's too), so
// a run the sandbox still has queued is shown running.
QString runState(const DagRunProgress &progress);
// url_for('Airflow.graph', dag_id=..., execution_date=...) of the RBAC UI: the date is str()'d and
// url_quote_plus'd, "/graph?dag_id=x&execution_date=2026-11-22+10%3A00%3A00%2B00%3A00".
QString dagRunUrl(const QString &dagId, qint64 logicalMs);
// get_dag_runs' item: {id, run_id, state, dag_id, execution_date, start_date, dag_run_url}.
QJsonObject dagRun(const SandboxState &state, const DagRun &run);
// task_instance_info: vars(ti) with every value str()'d.
QJsonObject taskInstance(const SandboxState &state, const DagRun &run, const TaskInstanceState &ti);
// task_info: vars(task) with every value str()'d, from the v1 Task JSON the sandbox serves for it.
QJsonObject task(const QJsonObject &v1Task);
// Pool.to_json(): {id, pool, slots, description}.
QJsonObject pool(const SandboxPool &pool);
// jsonify({"error": message}) with the given status.
QJsonObject error(const QString &message);

} // namespace ExperimentalShapes
} // namespace Windsock::Sandbox
