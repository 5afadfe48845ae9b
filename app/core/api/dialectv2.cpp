#include "dialectv2.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// DialectV2: requests and error bodies. The decoders are in dialectv2decode.cpp.
namespace Windsock::Api {

namespace {

const QString v1Root = QStringLiteral("/api/v1");
const QString v2Root = QStringLiteral("/api/v2");

// v1's request for an endpoint v2 kept as it was: the same path under /api/v2, the same query and body.
ApiRequest underV2(ApiRequest request)
{
    if (request.encodedPath.startsWith(v1Root))
        request.encodedPath.replace(0, v1Root.size(), v2Root);
    return request;
}

QString runPath(const QString &dagId, const QString &dagRunId)
{
    return v2Root + QStringLiteral("/dags/") + ApiRequest::encodeSegment(dagId) +
           QStringLiteral("/dagRuns/") + ApiRequest::encodeSegment(dagRunId);
}

QString taskInstancePath(const QString &dagId, const QString &dagRunId, const QString &taskId)
{
    return runPath(dagId, dagRunId) + QStringLiteral("/taskInstances/") + ApiRequest::encodeSegment(taskId);
}

ApiRequest jsonRequest(const QByteArray &method, const QString &encodedPath, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.encodedPath = encodedPath;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

// update_mask is an array parameter in v2: one item per field (the comma-separated form is not documented).
void addUpdateMask(ApiRequest &request, const QStringList &fields)
{
    for (const QString &field : fields)
        request.addQueryItem(QStringLiteral("update_mask"), field);
}

// The query items v2 renamed (v1 name -> v2 name); an order_by on a renamed field follows.
void renameQueryItems(ApiRequest &request,
                      std::initializer_list<std::pair<const char *, const char *>> renames)
{
    for (auto &[key, value] : request.query) {
        for (const auto &[from, to] : renames) {
            const bool descending = value.startsWith(u'-');
            if (key == QLatin1String(from))
                key = QLatin1String(to);
            else if (key == QLatin1String("order_by") && value.mid(descending ? 1 : 0) == QLatin1String(from))
                value = (descending ? QStringLiteral("-") : QString()) + QLatin1String(to);
        }
    }
}

// v1's execution_date filters are logical_date ones in v2 (query items and batch bodies alike).
void renameDateBounds(QJsonObject &body)
{
    for (const auto *bound : {"_gte", "_lte"}) {
        const QString from = QStringLiteral("execution_date") + QLatin1String(bound);
        if (body.contains(from))
            body.insert(QStringLiteral("logical_date") + QLatin1String(bound), body.take(from));
    }
}

ApiRequest withRenamedBody(ApiRequest request)
{
    QJsonObject body = QJsonDocument::fromJson(request.body).object();
    renameDateBounds(body);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return underV2(request);
}

// PATCH of one task instance: the state change itself, or its separate dry-run route.
ApiRequest patchTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                             bool dryRun, const QJsonObject &body, const QStringList &mask)
{
    const QString path = taskInstancePath(dagId, dagRunId, taskId);
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"), dryRun ? path + QStringLiteral("/dry_run") : path, body);
    addUpdateMask(request, mask);
    request.reads = dryRun;
    return request;
}

QString textOfJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool() || value.isNull())
        return QString::fromUtf8(
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
    return QString::fromUtf8(
        (value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray()))
            .toJson(QJsonDocument::Compact));
}

// One item of a 422 list, {"type", "loc": ["body", "logical_date"], "msg", "input", "ctx"}: "logical_date:
// Field required". The first element of loc says where (body, query, path) and is left out for the body.
QString validationItemText(const QJsonObject &item)
{
    QStringList where;
    const QJsonArray loc = item.value(QLatin1String("loc")).toArray();
    for (qsizetype i = 0; i < loc.size(); ++i) {
        const QString part = textOfJson(loc.at(i));
        if (i == 0 && part == QLatin1String("body") && loc.size() > 1)
            continue;
        where.append(i == 0 && loc.size() > 1 ? part + QStringLiteral(" parameter") : part);
    }
    QString message = item.value(QLatin1String("msg")).toString().trimmed();
    if (message.isEmpty())
        message = item.value(QLatin1String("type")).toString();
    if (where.size() > 1 && where.first().endsWith(QLatin1String(" parameter")))
        return QStringLiteral("%1 %2: %3").arg(where.first(), where.mid(1).join(u'.'), message);
    return where.isEmpty() ? message : QStringLiteral("%1: %2").arg(where.join(u'.'), message);
}

} // namespace

QString DialectV2::name() const
{
    return QStringLiteral("Airflow 3.x REST API (/api/v2)");
}

ApiRequest DialectV2::versionRequest() const
{
    return underV2(m_v1.versionRequest());
}

ApiRequest DialectV2::healthRequest() const
{
    ApiRequest request;
    request.encodedPath = v2Root + QStringLiteral("/monitor/health");
    return request;
}

ApiRequest DialectV2::dagsRequest(const DagQuery &query) const
{
    ApiRequest request = underV2(m_v1.dagsRequest(query));
    // exclude_stale (default true) replaced only_active; v1 sends it only as "false".
    renameQueryItems(request, {{"only_active", "exclude_stale"}});
    return request;
}

ApiRequest DialectV2::dagRequest(const QString &dagId) const
{
    return underV2(m_v1.dagRequest(dagId));
}

ApiRequest DialectV2::dagDetailsRequest(const QString &dagId) const
{
    return underV2(m_v1.dagDetailsRequest(dagId));
}

ApiRequest DialectV2::patchDagRequest(const QString &dagId, bool paused) const
{
    return underV2(m_v1.patchDagRequest(dagId, paused));
}

ApiRequest DialectV2::patchDagsRequest(const QString &dagIdPattern, bool paused, int limit, int offset) const
{
    ApiRequest request = underV2(m_v1.patchDagsRequest(dagIdPattern, paused, limit, offset));
    // dag_id_pattern is optional in v2 and a LIKE pattern: v1's "~" (every DAG) would match only "~".
    if (dagIdPattern.isEmpty()) {
        request.query.removeIf([](const QPair<QString, QString> &item) {
            return item.first == QLatin1String("dag_id_pattern");
        });
    }
    return request;
}

ApiRequest DialectV2::dagRunsRequest(const DagRunQuery &query) const
{
    ApiRequest request = underV2(m_v1.dagRunsRequest(query));
    renameQueryItems(request, {{"execution_date_gte", "logical_date_gte"},
                               {"execution_date_lte", "logical_date_lte"},
                               {"execution_date", "logical_date"}});
    return request;
}

ApiRequest DialectV2::dagRunRequest(const QString &dagId, const QString &dagRunId) const
{
    return underV2(m_v1.dagRunRequest(dagId, dagRunId));
}

ApiRequest DialectV2::triggerDagRunRequest(const TriggerRequest &trigger) const
{
    // logical_date is required but nullable: null asks for a run without one (Airflow 3's default for
    // manual runs). Bodies are strict: nothing else than TriggerDAGRunPostBody's fields.
    QJsonObject body{
        {QStringLiteral("logical_date"), trigger.logicalDate.isValid()
                                             ? QJsonValue(DialectV1::formatDateTime(trigger.logicalDate))
                                             : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("conf"), trigger.conf}};
    if (!trigger.dagRunId.isEmpty())
        body.insert(QStringLiteral("dag_run_id"), trigger.dagRunId);
    if (!trigger.note.isEmpty())
        body.insert(QStringLiteral("note"), trigger.note);
    return jsonRequest(QByteArrayLiteral("POST"),
                       v2Root + QStringLiteral("/dags/") + ApiRequest::encodeSegment(trigger.dagId) +
                           QStringLiteral("/dagRuns"),
                       body);
}

ApiRequest DialectV2::deleteDagRunRequest(const QString &dagId, const QString &dagRunId) const
{
    return underV2(m_v1.deleteDagRunRequest(dagId, dagRunId));
}

ApiRequest DialectV2::taskInstancesRequest(const TaskInstanceQuery &query) const
{
    return underV2(m_v1.taskInstancesRequest(query));
}

ApiRequest DialectV2::taskLogRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                     int tryNumber) const
{
    ApiRequest request = underV2(m_v1.taskLogRequest(dagId, dagRunId, taskId, tryNumber));
    // The stream: one structured message a line, never the whole log held as one JSON document.
    request.accept = QByteArrayLiteral("application/x-ndjson");
    return request;
}

ApiRequest DialectV2::dagRunsBatchRequest(const DagRunBatchQuery &query) const
{
    DagRunBatchQuery renamed = query;
    if (renamed.orderBy.endsWith(QLatin1String("execution_date")))
        renamed.orderBy.replace(QLatin1String("execution_date"), QLatin1String("logical_date"));
    return withRenamedBody(m_v1.dagRunsBatchRequest(renamed));
}

ApiRequest DialectV2::taskInstancesBatchRequest(const TaskInstanceBatchQuery &query) const
{
    return withRenamedBody(m_v1.taskInstancesBatchRequest(query));
}

ApiRequest DialectV2::markDagRunRequest(const QString &dagId, const QString &dagRunId,
                                        const QString &state) const
{
    ApiRequest request = underV2(m_v1.markDagRunRequest(dagId, dagRunId, state));
    addUpdateMask(request, {QStringLiteral("state")});
    return request;
}

ApiRequest DialectV2::clearDagRunRequest(const QString &dagId, const QString &dagRunId, bool dryRun) const
{
    return underV2(m_v1.clearDagRunRequest(dagId, dagRunId, dryRun));
}

ApiRequest DialectV2::setDagRunNoteRequest(const QString &dagId, const QString &dagRunId,
                                           const QString &note) const
{
    // No setNote route in v2: the note is a field of the run's PATCH.
    ApiRequest request = jsonRequest(QByteArrayLiteral("PATCH"), runPath(dagId, dagRunId),
                                     QJsonObject{{QStringLiteral("note"), note}});
    addUpdateMask(request, {QStringLiteral("note")});
    return request;
}

ApiRequest DialectV2::clearTaskInstancesRequest(const ClearTaskInstancesRequest &request) const
{
    return underV2(m_v1.clearTaskInstancesRequest(request));
}

ApiRequest DialectV2::updateTaskInstancesStateRequest(const UpdateTaskInstancesStateRequest &update) const
{
    // updateTaskInstancesState is gone: the task instance's PATCH takes the same include_* flags.
    const QJsonObject body{{QStringLiteral("new_state"), update.newState},
                           {QStringLiteral("include_upstream"), update.includeUpstream},
                           {QStringLiteral("include_downstream"), update.includeDownstream},
                           {QStringLiteral("include_future"), update.includeFuture},
                           {QStringLiteral("include_past"), update.includePast}};
    return patchTaskInstance(update.dagId, update.dagRunId, update.taskId, update.dryRun, body,
                             {QStringLiteral("new_state")});
}

ApiRequest DialectV2::setTaskInstanceStateRequest(const QString &dagId, const QString &dagRunId,
                                                  const QString &taskId, const QString &newState,
                                                  bool dryRun) const
{
    return patchTaskInstance(dagId, dagRunId, taskId, dryRun,
                             QJsonObject{{QStringLiteral("new_state"), newState}},
                             {QStringLiteral("new_state")});
}

ApiRequest DialectV2::taskLogChunkRequest(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId, int tryNumber, const QString &token) const
{
    return underV2(m_v1.taskLogChunkRequest(dagId, dagRunId, taskId, tryNumber, token));
}

ApiRequest DialectV2::poolsRequest(int limit, int offset) const
{
    return underV2(m_v1.poolsRequest(limit, offset));
}

ApiRequest DialectV2::importErrorsRequest(int limit, int offset) const
{
    return underV2(m_v1.importErrorsRequest(limit, offset));
}

ApiRequest DialectV2::xcomEntriesRequest(const XComQuery &query) const
{
    return underV2(m_v1.xcomEntriesRequest(query));
}

ApiRequest DialectV2::xcomEntryRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                       const QString &key) const
{
    return underV2(m_v1.xcomEntryRequest(dagId, dagRunId, taskId, key));
}

ApiRequest DialectV2::dagSourceRequest(const QString &fileToken) const
{
    return underV2(m_v1.dagSourceRequest(fileToken));
}

ApiRequest DialectV2::taskInstanceRequest(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId) const
{
    return underV2(m_v1.taskInstanceRequest(dagId, dagRunId, taskId));
}

ApiRequest DialectV2::taskInstanceTriesRequest(const QString &dagId, const QString &dagRunId,
                                               const QString &taskId, int, int) const
{
    // v2's tries list takes no paging or ordering: every try comes in one answer, oldest first.
    ApiRequest request;
    request.encodedPath = taskInstancePath(dagId, dagRunId, taskId) + QStringLiteral("/tries");
    return request;
}

ApiRequest DialectV2::setTaskInstanceNoteRequest(const QString &dagId, const QString &dagRunId,
                                                 const QString &taskId, const QString &note) const
{
    return patchTaskInstance(dagId, dagRunId, taskId, false, QJsonObject{{QStringLiteral("note"), note}},
                             {QStringLiteral("note")});
}

ApiRequest DialectV2::tasksRequest(const QString &dagId) const
{
    return underV2(m_v1.tasksRequest(dagId));
}

ApiRequest DialectV2::importErrorRequest(int importErrorId) const
{
    return underV2(m_v1.importErrorRequest(importErrorId));
}

ApiRequest DialectV2::variablesRequest(const CollectionQuery &query) const
{
    return underV2(m_v1.variablesRequest(query));
}

ApiRequest DialectV2::variableRequest(const QString &key) const
{
    return underV2(m_v1.variableRequest(key));
}

ApiRequest DialectV2::createVariableRequest(const Variable &variable) const
{
    return underV2(m_v1.createVariableRequest(variable));
}

ApiRequest DialectV2::updateVariableRequest(const VariableUpdate &update) const
{
    // VariableBody needs key and value in every body; v2 has no "val" alias, so the mask names exactly the
    // fields that change.
    const QStringList mask = update.updateMask.isEmpty()
                                 ? QStringList{QStringLiteral("value"), QStringLiteral("description")}
                                 : update.updateMask;
    QJsonObject body{{QStringLiteral("key"), update.key}, {QStringLiteral("value"), update.value}};
    if (mask.contains(QLatin1String("description")))
        body.insert(QStringLiteral("description"), update.description.isEmpty()
                                                       ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(update.description));
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"),
                    v2Root + QStringLiteral("/variables/") + ApiRequest::encodeSegment(update.key), body);
    addUpdateMask(request, mask);
    return request;
}

ApiRequest DialectV2::deleteVariableRequest(const QString &key) const
{
    return underV2(m_v1.deleteVariableRequest(key));
}

ApiRequest DialectV2::connectionsRequest(const CollectionQuery &query) const
{
    return underV2(m_v1.connectionsRequest(query));
}

ApiRequest DialectV2::connectionRequest(const QString &connectionId) const
{
    return underV2(m_v1.connectionRequest(connectionId));
}

ApiRequest DialectV2::createConnectionRequest(const ConnectionRequest &connection) const
{
    return underV2(m_v1.createConnectionRequest(connection));
}

ApiRequest DialectV2::updateConnectionRequest(const ConnectionRequest &connection) const
{
    // The same body and fields as v1; v1's one comma-separated mask becomes one item per field.
    ApiRequest request = underV2(m_v1.updateConnectionRequest(connection));
    QStringList mask;
    request.query.removeIf([&mask](const QPair<QString, QString> &item) {
        if (item.first != QLatin1String("update_mask"))
            return false;
        mask += item.second.split(u',', Qt::SkipEmptyParts);
        return true;
    });
    addUpdateMask(request, mask);
    return request;
}

ApiRequest DialectV2::deleteConnectionRequest(const QString &connectionId) const
{
    return underV2(m_v1.deleteConnectionRequest(connectionId));
}

ApiRequest DialectV2::testConnectionRequest(const ConnectionRequest &connection) const
{
    return underV2(m_v1.testConnectionRequest(connection));
}

ApiRequest DialectV2::poolRequest(const QString &name) const
{
    return underV2(m_v1.poolRequest(name));
}

ApiRequest DialectV2::createPoolRequest(const PoolRequest &pool) const
{
    return underV2(m_v1.createPoolRequest(pool));
}

ApiRequest DialectV2::updatePoolRequest(const QString &name, const PoolRequest &pool) const
{
    // PoolPatchBody: every field optional, the new name is "pool"; only the fields that change are sent.
    QJsonObject body;
    QStringList mask;
    if (!pool.name.isEmpty() && pool.name != name) {
        body.insert(QStringLiteral("pool"), pool.name);
        mask.append(QStringLiteral("pool"));
    }
    if (pool.slots) {
        body.insert(QStringLiteral("slots"), *pool.slots);
        mask.append(QStringLiteral("slots"));
    }
    if (pool.description) {
        body.insert(QStringLiteral("description"), pool.description->isEmpty()
                                                       ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(*pool.description));
        mask.append(QStringLiteral("description"));
    }
    if (pool.includeDeferred) {
        body.insert(QStringLiteral("include_deferred"), *pool.includeDeferred);
        mask.append(QStringLiteral("include_deferred"));
    }
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"),
                    v2Root + QStringLiteral("/pools/") + ApiRequest::encodeSegment(name), body);
    addUpdateMask(request, mask);
    return request;
}

ApiRequest DialectV2::deletePoolRequest(const QString &name) const
{
    return underV2(m_v1.deletePoolRequest(name));
}

ApiRequest DialectV2::configRequest(const QString &section) const
{
    return underV2(m_v1.configRequest(section));
}

QString DialectV2::errorDetail(const QByteArray &body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue detail = doc.object().value(QLatin1String("detail"));
    if (detail.isArray()) {
        QStringList items;
        for (const QJsonValue &item : detail.toArray())
            items.append(item.isObject() ? validationItemText(item.toObject()) : textOfJson(item));
        items.removeAll(QString());
        return items.join(QStringLiteral("; "));
    }
    if (detail.isObject()) {
        // 409 unique-constraint: {"reason", "statement", "orig_error", "message"}; the statement is SQL.
        const QJsonObject object = detail.toObject();
        for (const auto *key : {"message", "reason", "detail", "msg"}) {
            const QString text = object.value(QLatin1String(key)).toString().trimmed();
            if (!text.isEmpty())
                return text;
        }
    }
    // A string detail, and the other error bodies a proxy or an older server may send.
    return m_v1.errorDetail(body);
}

} // namespace Windsock::Api

namespace Windsock::Api {

QString DialectV2::unavailableReason(Feature feature) const
{
    // Every feature Windsock uses is in 3.0; fields added in 3.1 and 3.2 are read when present.
    if (feature == Feature::LatestRuns)
        return m_v1.unavailableReason(feature);
    return {};
}

ApiRequest DialectV2::taskRequest(const QString &dagId, const QString &taskId) const
{
    return underV2(m_v1.taskRequest(dagId, taskId));
}

Result<Task> DialectV2::decodeTask(const QJsonDocument &json) const
{
    return m_v1.decodeTask(json);
}

} // namespace Windsock::Api
