#include "actionshandler.h"

#include "airflowjson.h"
#include "airflowtime.h"
#include "apirequest.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

namespace Windsock::Sandbox {

namespace {

ApiResponse runNotFound(const QString &dagId, const QString &runId)
{
    return Problem::notFound(QStringLiteral("DAGRun not found"), QStringLiteral("DAGRun with DAG ID: '") +
                                                                     dagId +
                                                                     QStringLiteral("' and DagRun ID: '") +
                                                                     runId + QStringLiteral("' not found"));
}

QString jsonRepr(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// The request body as an object, or the 400 connexion sends for it.
std::optional<QJsonObject> bodyObject(const ApiRequest &request, ApiResponse *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = Problem::badRequest(QStringLiteral("Request body is not valid JSON"));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = Problem::badRequest(QString::fromUtf8(request.body.trimmed()) +
                                     QStringLiteral(" is not of type 'object'"));
        return std::nullopt;
    }
    return doc.object();
}

// A boolean body field with its default; *error set when present and not a boolean.
bool bodyBool(const QJsonObject &body, const QString &key, bool fallback, ApiResponse *error)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isBool()) {
        *error = Problem::badRequest(jsonRepr(value) + QStringLiteral(" is not of type 'boolean' - '") + key +
                                     u'\'');
        return fallback;
    }
    return value.toBool();
}

// An enum body field as connexion validates it against the spec.
std::optional<QString> bodyEnum(const QJsonObject &body, const QString &key, const QStringList &allowed,
                                ApiResponse *error)
{
    const QJsonValue value = body.value(key);
    if (value.isString() && allowed.contains(value.toString()))
        return value.toString();
    QStringList quoted;
    for (const QString &name : allowed)
        quoted.append(u'\'' + name + u'\'');
    if (value.isUndefined())
        *error = Problem::badRequest(QStringLiteral("{'") + key +
                                     QStringLiteral("': ['Missing data for required field.']}"));
    else
        *error =
            Problem::badRequest(jsonRepr(value) + QStringLiteral(" is not one of [") +
                                quoted.join(QStringLiteral(", ")) + QStringLiteral("] - '") + key + u'\'');
    return std::nullopt;
}

QJsonObject reference(const SandboxState &state, const DagRun &run, int taskIndex)
{
    const DagModel &dag = state.dag(run.dagIndex);
    return QJsonObject{{QStringLiteral("task_id"), dag.tasks.at(taskIndex).taskId},
                       {QStringLiteral("dag_id"), dag.dagId},
                       {QStringLiteral("execution_date"), AirflowTime::iso(run.logicalMs)},
                       {QStringLiteral("dag_run_id"), run.runId}};
}

bool isState(const TaskInstanceState &ti, const char *name)
{
    return ti.state == QLatin1String(name);
}

} // namespace

ActionsHandler::ActionsHandler(SandboxState *state)
    : m_state(state)
{}

ApiResponse ActionsHandler::markRun(const ApiRequest &request, const QString &dagId, const QString &runId)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    const std::optional<QString> state =
        bodyEnum(*body, QStringLiteral("state"),
                 {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("queued")}, &error);
    if (!state)
        return error;
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    const DagRunState target = *state == QLatin1String("success")  ? DagRunState::Success
                               : *state == QLatin1String("failed") ? DagRunState::Failed
                                                                   : DagRunState::Queued;
    m_state->markRun(*run, target);
    return ApiResponse::json(AirflowJson::dagRun(*m_state, *run));
}

ApiResponse ActionsHandler::clearRun(const ApiRequest &request, const QString &dagId, const QString &runId)
{
    ApiResponse error;
    error.status = 0;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    const bool dryRun = bodyBool(*body, QStringLiteral("dry_run"), true, &error);
    if (error.status != 0)
        return error;
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    // dag.clear(start_date=end_date=the run's logical date, only_failed=False): every task instance.
    const QVector<TaskInstanceState> tis = m_state->taskInstances(*run);
    if (dryRun) {
        QJsonArray items;
        for (const TaskInstanceState &ti : tis)
            items.append(reference(*m_state, *run, ti.taskIndex));
        return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items}});
    }
    QVector<int> indices;
    for (const TaskInstanceState &ti : tis)
        indices.append(ti.taskIndex);
    m_state->clearTaskInstances(*run, indices, true);
    return ApiResponse::json(AirflowJson::dagRun(*m_state, *m_state->findRun(index, runId)));
}

ApiResponse ActionsHandler::setRunNote(const ApiRequest &request, const QString &dagId, const QString &runId)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    const QJsonValue note = body->value(QStringLiteral("note"));
    if (note.isUndefined())
        return Problem::badRequest(QStringLiteral("{'note': ['Missing data for required field.']}"));
    if (!note.isString())
        return Problem::badRequest(jsonRepr(note) + QStringLiteral(" is not of type 'string' - 'note'"));
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    m_state->setRunNote(*run, note.toString());
    return ApiResponse::json(AirflowJson::dagRun(*m_state, *m_state->findRun(index, runId)));
}

ApiResponse ActionsHandler::clearTaskInstances(const ApiRequest &request, const QString &dagId)
{
    ApiResponse error;
    error.status = 0;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    const bool dryRun = bodyBool(*body, QStringLiteral("dry_run"), true, &error);
    const bool onlyFailed = bodyBool(*body, QStringLiteral("only_failed"), true, &error);
    const bool onlyRunning = bodyBool(*body, QStringLiteral("only_running"), false, &error);
    const bool resetDagRuns = bodyBool(*body, QStringLiteral("reset_dag_runs"), false, &error);
    const bool upstream = bodyBool(*body, QStringLiteral("include_upstream"), false, &error);
    const bool downstream = bodyBool(*body, QStringLiteral("include_downstream"), false, &error);
    const bool future = bodyBool(*body, QStringLiteral("include_future"), false, &error);
    const bool past = bodyBool(*body, QStringLiteral("include_past"), false, &error);
    if (error.status != 0)
        return error;
    const QJsonValue taskIdsValue = body->value(QStringLiteral("task_ids"));
    QStringList taskIds;
    if (!taskIdsValue.isUndefined()) {
        if (!taskIdsValue.isArray())
            return Problem::badRequest(jsonRepr(taskIdsValue) +
                                       QStringLiteral(" is not of type 'array' - 'task_ids'"));
        for (const QJsonValue &v : taskIdsValue.toArray())
            taskIds.append(v.toString());
    }
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return Problem::notFound(QStringLiteral("Dag id ") + dagId + QStringLiteral(" not found"), QString());
    const DagModel &dag = m_state->dag(index);
    QVector<DagRun> runs;
    const QJsonValue runIdValue = body->value(QStringLiteral("dag_run_id"));
    if (runIdValue.isString() &&
        (body->contains(QStringLiteral("start_date")) || body->contains(QStringLiteral("end_date"))))
        return Problem::badRequest(QStringLiteral(
            "{'_schema': ['Exactly one of dag_run_id or start_date and end_date must be provided']}"));
    if (runIdValue.isString()) {
        const std::optional<DagRun> run = m_state->findRun(index, runIdValue.toString());
        if (!run)
            return Problem::notFound(QStringLiteral("Dag Run id ") + runIdValue.toString() +
                                         QStringLiteral(" not found in dag ") + dagId,
                                     QString());
        // include_past / include_future widen the run to every run before / after its logical date
        // (the endpoint turns dag_run_id into start_date = end_date = its logical date, then drops a bound).
        for (const DagRun &other : m_state->runs(index)) {
            if (other.runId == run->runId || (past && other.logicalMs <= run->logicalMs) ||
                (future && other.logicalMs >= run->logicalMs))
                runs.append(other);
        }
    } else {
        // Without a run, the logical-date range picks the runs (dag.clear's start_date/end_date).
        qint64 bounds[2] = {-1, -1};
        const QString keys[2] = {QStringLiteral("start_date"), QStringLiteral("end_date")};
        for (int i = 0; i < 2; ++i) {
            const QJsonValue value = body->value(keys[i]);
            if (value.isUndefined() || value.isNull())
                continue;
            const std::optional<qint64> ms = AirflowTime::parse(value.toString());
            if (!ms)
                return Problem::badRequest(QStringLiteral("{'") + keys[i] +
                                           QStringLiteral("': ['Not a valid datetime.']}"));
            bounds[i] = *ms;
        }
        if (past)
            bounds[0] = -1;
        if (future)
            bounds[1] = -1;
        for (const DagRun &run : m_state->runs(index)) {
            if ((bounds[0] < 0 || run.logicalMs >= bounds[0]) &&
                (bounds[1] < 0 || run.logicalMs <= bounds[1]))
                runs.append(run);
        }
    }
    // The sandbox's tasks form a chain: upstream of task j is every task before it, downstream every one
    // after.
    QVector<bool> selected(dag.tasks.size(), taskIds.isEmpty());
    for (int j = 0; j < dag.tasks.size(); ++j) {
        if (!taskIds.contains(dag.tasks.at(j).taskId))
            continue;
        for (int k = 0; k < dag.tasks.size(); ++k) {
            if (k == j || (upstream && k < j) || (downstream && k > j))
                selected[k] = true;
        }
    }
    QJsonArray items;
    for (const DagRun &run : std::as_const(runs)) {
        QVector<int> indices;
        for (const TaskInstanceState &ti : m_state->taskInstances(run)) {
            if (!selected.at(ti.taskIndex))
                continue;
            if (onlyFailed && !isState(ti, "failed") && !isState(ti, "upstream_failed"))
                continue;
            if (onlyRunning && !isState(ti, "running"))
                continue;
            indices.append(ti.taskIndex);
            items.append(reference(*m_state, run, ti.taskIndex));
        }
        if (!dryRun && !indices.isEmpty())
            m_state->clearTaskInstances(run, indices, resetDagRuns);
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items}});
}

ApiResponse ActionsHandler::updateTaskInstancesState(const ApiRequest &request, const QString &dagId)
{
    ApiResponse error;
    error.status = 0;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    // SetTaskInstanceStateFormSchema: task_id, new_state and the four include_* flags are required.
    QStringList missing;
    for (const char *key : {"include_downstream", "include_future", "include_past", "include_upstream",
                            "new_state", "task_id"}) {
        if (!body->contains(QLatin1String(key)))
            missing.append(QStringLiteral("'") + QLatin1String(key) +
                           QStringLiteral("': ['Missing data for required field.']"));
    }
    if (!missing.isEmpty())
        return Problem::badRequest(u'{' + missing.join(QStringLiteral(", ")) + u'}');
    const bool dryRun = bodyBool(*body, QStringLiteral("dry_run"), true, &error);
    const bool upstream = bodyBool(*body, QStringLiteral("include_upstream"), false, &error);
    const bool downstream = bodyBool(*body, QStringLiteral("include_downstream"), false, &error);
    const bool future = bodyBool(*body, QStringLiteral("include_future"), false, &error);
    const bool past = bodyBool(*body, QStringLiteral("include_past"), false, &error);
    if (error.status != 0)
        return error;
    const std::optional<QString> state =
        bodyEnum(*body, QStringLiteral("new_state"),
                 {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("skipped")}, &error);
    if (!state)
        return error;
    const QString taskId = body->value(QStringLiteral("task_id")).toString();
    const QJsonValue runIdValue = body->value(QStringLiteral("dag_run_id"));
    const QJsonValue dateValue = body->value(QStringLiteral("execution_date"));
    if (runIdValue.isString() == dateValue.isString())
        return Problem::badRequest(
            QStringLiteral("{'_schema': ['Exactly one of execution_date or dag_run_id must be provided']}"));
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return Problem::notFound(QStringLiteral("Dag ID ") + dagId + QStringLiteral(" not found"), QString());
    const DagModel &dag = m_state->dag(index);
    int taskIndex = -1;
    for (int j = 0; j < dag.tasks.size(); ++j) {
        if (dag.tasks.at(j).taskId == taskId)
            taskIndex = j;
    }
    if (taskIndex < 0)
        return Problem::notFound(QStringLiteral("Task ID ") + taskId + QStringLiteral(" not found"),
                                 QString());
    std::optional<DagRun> target;
    if (runIdValue.isString()) {
        target = m_state->findRun(index, runIdValue.toString());
        if (!target)
            return Problem::notFound(QStringLiteral("Not Found"),
                                     QStringLiteral("Task instance not found for task '") + taskId +
                                         QStringLiteral("' on DAG run with ID '") + runIdValue.toString() +
                                         u'\'');
    } else {
        const std::optional<qint64> ms = AirflowTime::parse(dateValue.toString());
        if (!ms)
            return Problem::badRequest(QStringLiteral("{'execution_date': ['Not a valid datetime.']}"));
        for (const DagRun &run : m_state->runs(index)) {
            if (run.logicalMs == *ms)
                target = run;
        }
        if (!target)
            return Problem::notFound(QStringLiteral("Not Found"),
                                     QStringLiteral("Task instance not found for task '") + taskId +
                                         QStringLiteral("' on execution_date ") + dateValue.toString());
    }
    QVector<DagRun> runs;
    for (const DagRun &run : m_state->runs(index)) {
        if (run.runId == target->runId || (future && run.logicalMs > target->logicalMs) ||
            (past && run.logicalMs < target->logicalMs))
            runs.append(run);
    }
    // set_state: the selected task instances whose state differs from the new one.
    QJsonArray items;
    for (const DagRun &run : std::as_const(runs)) {
        for (const TaskInstanceState &ti : m_state->taskInstances(run)) {
            const int j = ti.taskIndex;
            if (!(j == taskIndex || (upstream && j < taskIndex) || (downstream && j > taskIndex)))
                continue;
            if (ti.state == *state)
                continue;
            items.append(reference(*m_state, run, j));
            if (!dryRun)
                m_state->setTaskInstanceState(run, j, *state);
        }
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items}});
}

ApiResponse ActionsHandler::setTaskInstanceState(const ApiRequest &request, const QString &dagId,
                                                 const QString &runId, const QString &taskId)
{
    ApiResponse error;
    error.status = 0;
    const std::optional<QJsonObject> body = bodyObject(request, &error);
    if (!body)
        return error;
    const bool dryRun = bodyBool(*body, QStringLiteral("dry_run"), true, &error);
    if (error.status != 0)
        return error;
    const std::optional<QString> state =
        bodyEnum(*body, QStringLiteral("new_state"),
                 {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("skipped")}, &error);
    if (!state)
        return error;
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return Problem::notFound(QStringLiteral("DAG not found"),
                                 QStringLiteral("DAG '") + dagId + QStringLiteral("' not found"));
    const DagModel &dag = m_state->dag(index);
    int taskIndex = -1;
    for (int j = 0; j < dag.tasks.size(); ++j) {
        if (dag.tasks.at(j).taskId == taskId)
            taskIndex = j;
    }
    if (taskIndex < 0)
        return Problem::notFound(QStringLiteral("Task not found"),
                                 QStringLiteral("Task '") + taskId + QStringLiteral("' not found in DAG '") +
                                     dagId + u'\'');
    const std::optional<DagRun> run = m_state->findRun(index, runId);
    if (!run)
        return Problem::notFound(QStringLiteral("Task instance not found"),
                                 QStringLiteral("Task instance not found for task '") + taskId +
                                     QStringLiteral("' on DAG run with ID '") + runId + u'\'');
    if (!dryRun) {
        m_state->setTaskInstanceState(*run, taskIndex, *state);
        if (*state == QLatin1String("success")) {
            // As DAG.set_task_instance_state: failed downstream task instances are cleared to resume.
            QVector<int> downstream;
            for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
                if (ti.taskIndex > taskIndex && (isState(ti, "failed") || isState(ti, "upstream_failed")))
                    downstream.append(ti.taskIndex);
            }
            m_state->clearTaskInstances(*run, downstream, false);
        }
    }
    return ApiResponse::json(reference(*m_state, *run, taskIndex));
}

} // namespace Windsock::Sandbox
