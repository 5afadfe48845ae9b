#include "taskinstanceshandler.h"

#include "airflowjson.h"
#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"
#include "seedhash.h"
#include "tasklog.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

ApiResponse runNotFound(const QString &dagId, const QString &runId)
{
    return Problem::notFound(QStringLiteral("DAGRun not found"), QStringLiteral("DAGRun with DAG ID: '") +
                                                                     dagId +
                                                                     QStringLiteral("' and DagRun ID: '") +
                                                                     runId + QStringLiteral("' not found"));
}

ApiResponse taskInstanceNotFound()
{
    return Problem::notFound(QStringLiteral("Task instance not found"),
                             QStringLiteral("Task instance not found"));
}

// The task instance as it was during one of its tries (the current one, or one from earlierTries).
TaskInstanceState atTry(const TaskInstanceState &ti, int tryNumber)
{
    TaskInstanceState at = ti;
    for (const TaskInstanceState::EarlierTry &earlier : ti.earlierTries) {
        if (earlier.tryNumber != tryNumber || tryNumber == ti.tryNumber)
            continue;
        at.tryNumber = earlier.tryNumber;
        at.state = earlier.state;
        at.startWallMs = earlier.startWallMs;
        at.endWallMs = earlier.endWallMs;
        at.queuedWallMs = earlier.startWallMs;
    }
    return at;
}

// TaskInstanceHistorySchema: TaskInstanceSchema without the fields a past try does not have.
QJsonObject historyJson(const SandboxState &state, const DagRun &run, const TaskInstanceState &ti)
{
    QJsonObject o = AirflowJson::taskInstance(state, run, ti);
    for (const char *key : {"execution_date", "sla_miss", "rendered_map_index", "rendered_fields", "trigger",
                            "triggerer_job", "note"})
        o.remove(QLatin1String(key));
    return o;
}

} // namespace

TaskInstancesHandler::TaskInstancesHandler(SandboxState *state)
    : m_state(state)
{}

ApiResponse TaskInstancesHandler::list(const ApiRequest &request, const QString &dagId,
                                       const QString &runId) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run) {
        // As Airflow: task instances of an unknown DAG or run are an empty list (get_task_instances filters).
        return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), QJsonArray()},
                                             {QStringLiteral("total_entries"), 0}});
    }
    QStringList states;
    for (const QString &value : request.queryValues(QStringLiteral("state")))
        states += value.split(u',', Qt::SkipEmptyParts);
    const QStringList pools = request.queryValues(QStringLiteral("pool"));
    QVector<TaskInstanceState> all = m_state->taskInstances(*run);
    QVector<TaskInstanceState> kept;
    for (const TaskInstanceState &ti : std::as_const(all)) {
        const QString state = ti.state.isEmpty() ? QStringLiteral("none") : ti.state;
        if (!states.isEmpty() && !states.contains(state))
            continue;
        if (!pools.isEmpty() && !pools.contains(m_state->dag(index).tasks.at(ti.taskIndex).pool))
            continue;
        kept.append(ti);
    }
    QJsonArray items;
    for (int i = paging->offset; i < kept.size() && i < paging->offset + paging->limit; ++i)
        items.append(AirflowJson::taskInstance(*m_state, *run, kept.at(i)));
    return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items},
                                         {QStringLiteral("total_entries"), int(kept.size())}});
}

ApiResponse TaskInstancesHandler::get(const ApiRequest &, const QString &dagId, const QString &runId,
                                      const QString &taskId) const
{
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
        if (m_state->dag(index).tasks.at(ti.taskIndex).taskId == taskId)
            return ApiResponse::json(AirflowJson::taskInstance(*m_state, *run, ti));
    }
    return taskInstanceNotFound();
}

ApiResponse TaskInstancesHandler::log(const ApiRequest &request, const QString &dagId, const QString &runId,
                                      const QString &taskId, const QString &tryNumberText) const
{
    bool ok = false;
    const int tryNumber = tryNumberText.toInt(&ok);
    if (!ok)
        return Problem::badRequest(u'\'' + tryNumberText +
                                   QStringLiteral("' is not of type 'integer' - 'task_try_number'"));
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return Problem::notFound(QStringLiteral("DAG Run not found"), QStringLiteral("DAG Run not found"));
    const DagModel &dag = m_state->dag(index);
    for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
        if (dag.tasks.at(ti.taskIndex).taskId != taskId)
            continue;
        if (tryNumber < 1 || tryNumber > qMax(1, ti.tryNumber))
            return Problem::notFound(QStringLiteral("TaskInstance not found"),
                                     QStringLiteral("Task instance did not exist in the DB"));
        // An earlier try has its own log, written as that try ended.
        const TaskInstanceState tryTi = atTry(ti, tryNumber);
        // The continuation token: where the previous read stopped (opaque to clients).
        qint64 logPos = 0;
        if (request.hasQuery(QStringLiteral("token"))) {
            const QJsonObject metadata =
                QJsonDocument::fromJson(
                    QByteArray::fromBase64(request.queryValue(QStringLiteral("token")).toLatin1(),
                                           QByteArray::Base64UrlEncoding))
                    .object();
            if (!metadata.value(QStringLiteral("log_pos")).isDouble())
                return Problem::badRequest(
                    QStringLiteral("Bad Signature. Please use only the tokens provided by the API."));
            logPos = metadata.value(QStringLiteral("log_pos")).toInteger();
        }
        const bool plain = request.accept.contains("text/plain");
        if (!plain && !request.accept.isEmpty() && !request.accept.contains("application/json") &&
            !request.accept.contains("*/*"))
            return Problem::notAcceptable(
                QStringLiteral("Only text/plain and application/json are supported"));
        const std::shared_ptr<const BodySource> bulk =
            TaskLog::bulk(m_state->seed(), dag, *run, tryTi, tryNumber);
        if (plain && bulk && logPos == 0) {
            ApiResponse streamed{200, QByteArrayLiteral("text/plain"), QByteArray()};
            streamed.stream = bulk;
            return streamed;
        }
        const QString whole =
            bulk ? QString::fromUtf8(bulk->read(0, bulk->size()))
                 : TaskLog::text(m_state->seed(), dag, *run, tryTi, tryNumber, m_state->nowMs());
        const QString content = whole.mid(qMin<qint64>(logPos, whole.size()));
        if (plain)
            return ApiResponse{200, QByteArrayLiteral("text/plain"), content.toUtf8()};
        const QString host = QStringLiteral("airflow-worker-%1")
                                 .arg(SeedHash::of(m_state->seed(), run->runId, quint64(ti.taskIndex)) % 3);
        const QByteArray tokenJson =
            QByteArrayLiteral("{\"end_of_log\":") + QByteArray(tryTi.endWallMs >= 0 ? "true" : "false") +
            QByteArrayLiteral(",\"log_pos\":") + QByteArray::number(whole.size()) + '}';
        const QByteArray token =
            tokenJson.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        return ApiResponse::json(
            QJsonObject{{QStringLiteral("continuation_token"), QString::fromLatin1(token)},
                        {QStringLiteral("content"),
                         QString(QStringLiteral("[(") + TaskLog::pythonRepr(host) + QStringLiteral(", ") +
                                 TaskLog::pythonRepr(content) + QStringLiteral(")]"))}});
    }
    return taskInstanceNotFound();
}

ApiResponse TaskInstancesHandler::tries(const ApiRequest &request, const QString &dagId, const QString &runId,
                                        const QString &taskId) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
        if (m_state->dag(index).tasks.at(ti.taskIndex).taskId != taskId)
            continue;
        QVector<TaskInstanceState> tries;
        for (const TaskInstanceState::EarlierTry &earlier : ti.earlierTries) {
            if (earlier.tryNumber != ti.tryNumber)
                tries.append(atTry(ti, earlier.tryNumber));
        }
        if (ti.tryNumber > 0) // a task instance that never ran has no try yet
            tries.append(ti);
        const bool descending = request.queryValue(QStringLiteral("order_by")).startsWith(u'-');
        if (descending)
            std::reverse(tries.begin(), tries.end());
        QJsonArray items;
        for (int i = paging->offset; i < tries.size() && i < paging->offset + paging->limit; ++i)
            items.append(historyJson(*m_state, *run, tries.at(i)));
        return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances_history"), items},
                                             {QStringLiteral("total_entries"), int(tries.size())}});
    }
    return taskInstanceNotFound();
}

ApiResponse TaskInstancesHandler::setNote(const ApiRequest &request, const QString &dagId,
                                          const QString &runId, const QString &taskId) const
{
    QJsonParseError parseError;
    const QJsonDocument body = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !body.isObject())
        return Problem::badRequest(QStringLiteral("Request body must be a JSON object"));
    const QJsonValue note = body.object().value(QStringLiteral("note"));
    if (note.isUndefined())
        return Problem::badRequest(QStringLiteral("'note' is a required property"));
    if (!note.isString())
        return Problem::badRequest(QStringLiteral("'note' is not of type 'string'"));
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    const DagModel &dag = m_state->dag(index);
    for (int j = 0; j < dag.tasks.size(); ++j) {
        if (dag.tasks.at(j).taskId != taskId)
            continue;
        m_state->setTaskInstanceNote(*run, j, note.toString());
        return ApiResponse::json(
            AirflowJson::taskInstance(*m_state, *run, m_state->taskInstances(*run).at(j)));
    }
    return taskInstanceNotFound();
}

} // namespace Windsock::Sandbox
