#include "dialectv1.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>

// DialectV1: the action endpoints (mark, clear, set state, notes) and their TaskInstanceReference answers.
namespace Windsock::Api {

namespace {

QString runPath(const QString &dagId, const QString &dagRunId)
{
    return QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(dagId) + QStringLiteral("/dagRuns/") +
           ApiRequest::encodeSegment(dagRunId);
}

ApiRequest jsonRequest(const QByteArray &method, const QString &encodedPath, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.encodedPath = encodedPath;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

TaskInstanceReference readReference(JsonFields &f)
{
    TaskInstanceReference reference;
    reference.dagId = f.string(QLatin1String("dag_id"));
    reference.dagRunId = f.string(QLatin1String("dag_run_id"));
    reference.taskId = f.string(QLatin1String("task_id"));
    reference.executionDate = f.dateTime(QLatin1String("execution_date"));
    return reference;
}

void insertDates(QJsonObject &body, const QString &prefix, const QDateTime &from, const QDateTime &to)
{
    if (from.isValid())
        body.insert(prefix + QStringLiteral("_gte"), DialectV1::formatDateTime(from));
    if (to.isValid())
        body.insert(prefix + QStringLiteral("_lte"), DialectV1::formatDateTime(to));
}

void insertList(QJsonObject &body, const QString &key, const QStringList &values)
{
    if (!values.isEmpty())
        body.insert(key, QJsonArray::fromStringList(values));
}

} // namespace

ApiRequest DialectV1::dagRunsBatchRequest(const DagRunBatchQuery &query) const
{
    QJsonObject body{{QStringLiteral("page_offset"), query.offset},
                     {QStringLiteral("page_limit"), qMax(1, query.limit)}};
    if (!query.orderBy.isEmpty())
        body.insert(QStringLiteral("order_by"), query.orderBy);
    insertList(body, QStringLiteral("dag_ids"), query.dagIds);
    insertList(body, QStringLiteral("states"), query.states);
    insertDates(body, QStringLiteral("execution_date"), query.logicalDateFrom, query.logicalDateTo);
    insertDates(body, QStringLiteral("start_date"), query.startDateFrom, query.startDateTo);
    insertDates(body, QStringLiteral("end_date"), query.endDateFrom, query.endDateTo);
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/dags/~/dagRuns/list"), body);
    request.reads = true; // a list sent as a POST for its long filters
    return request;
}

ApiRequest DialectV1::taskInstancesBatchRequest(const TaskInstanceBatchQuery &query) const
{
    QJsonObject body{{QStringLiteral("page_offset"), query.offset},
                     {QStringLiteral("page_limit"), qMax(1, query.limit)}};
    insertList(body, QStringLiteral("dag_ids"), query.dagIds);
    insertList(body, QStringLiteral("dag_run_ids"), query.dagRunIds);
    insertList(body, QStringLiteral("task_ids"), query.taskIds);
    insertList(body, QStringLiteral("state"), query.states);
    insertList(body, QStringLiteral("pool"), query.pools);
    insertList(body, QStringLiteral("queue"), query.queues);
    insertDates(body, QStringLiteral("execution_date"), query.logicalDateFrom, query.logicalDateTo);
    insertDates(body, QStringLiteral("start_date"), query.startDateFrom, query.startDateTo);
    insertDates(body, QStringLiteral("end_date"), query.endDateFrom, query.endDateTo);
    ApiRequest request = jsonRequest(QByteArrayLiteral("POST"),
                                     QStringLiteral("/api/v1/dags/~/dagRuns/~/taskInstances/list"), body);
    request.reads = true;
    return request;
}

ApiRequest DialectV1::markDagRunRequest(const QString &dagId, const QString &dagRunId,
                                        const QString &state) const
{
    if (const QString reason = unavailableReason(Feature::MarkRun); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    return jsonRequest(QByteArrayLiteral("PATCH"), runPath(dagId, dagRunId),
                       QJsonObject{{QStringLiteral("state"), state}});
}

ApiRequest DialectV1::clearDagRunRequest(const QString &dagId, const QString &dagRunId, bool dryRun) const
{
    if (const QString reason = unavailableReason(Feature::ClearRun); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    // dry_run defaults to true on the server: always say which one is meant.
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("POST"), runPath(dagId, dagRunId) + QStringLiteral("/clear"),
                    QJsonObject{{QStringLiteral("dry_run"), dryRun}});
    request.reads = dryRun;
    return request;
}

ApiRequest DialectV1::setDagRunNoteRequest(const QString &dagId, const QString &dagRunId,
                                           const QString &note) const
{
    if (const QString reason = unavailableReason(Feature::RunNotes); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    return jsonRequest(QByteArrayLiteral("PATCH"), runPath(dagId, dagRunId) + QStringLiteral("/setNote"),
                       QJsonObject{{QStringLiteral("note"), note}});
}

ApiRequest DialectV1::clearTaskInstancesRequest(const ClearTaskInstancesRequest &clear) const
{
    QJsonObject body{{QStringLiteral("dry_run"), clear.dryRun},
                     {QStringLiteral("only_failed"), clear.onlyFailed},
                     {QStringLiteral("only_running"), clear.onlyRunning},
                     {QStringLiteral("include_upstream"), clear.includeUpstream},
                     {QStringLiteral("include_downstream"), clear.includeDownstream},
                     {QStringLiteral("include_future"), clear.includeFuture},
                     {QStringLiteral("include_past"), clear.includePast},
                     {QStringLiteral("reset_dag_runs"), clear.resetDagRuns}};
    if (!clear.taskIds.isEmpty())
        body.insert(QStringLiteral("task_ids"), QJsonArray::fromStringList(clear.taskIds));
    if (!clear.dagRunId.isEmpty())
        body.insert(QStringLiteral("dag_run_id"), clear.dagRunId);
    if (clear.startDate.isValid())
        body.insert(QStringLiteral("start_date"), formatDateTime(clear.startDate));
    if (clear.endDate.isValid())
        body.insert(QStringLiteral("end_date"), formatDateTime(clear.endDate));
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("POST"),
                    QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(clear.dagId) +
                        QStringLiteral("/clearTaskInstances"),
                    body);
    request.reads = clear.dryRun;
    return request;
}

ApiRequest DialectV1::updateTaskInstancesStateRequest(const UpdateTaskInstancesStateRequest &update) const
{
    // The include_* flags are required by the server's form schema, so they are always sent.
    const QJsonObject body{{QStringLiteral("dry_run"), update.dryRun},
                           {QStringLiteral("task_id"), update.taskId},
                           {QStringLiteral("dag_run_id"), update.dagRunId},
                           {QStringLiteral("new_state"), update.newState},
                           {QStringLiteral("include_upstream"), update.includeUpstream},
                           {QStringLiteral("include_downstream"), update.includeDownstream},
                           {QStringLiteral("include_future"), update.includeFuture},
                           {QStringLiteral("include_past"), update.includePast}};
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("POST"),
                    QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(update.dagId) +
                        QStringLiteral("/updateTaskInstancesState"),
                    body);
    request.reads = update.dryRun;
    return request;
}

ApiRequest DialectV1::setTaskInstanceStateRequest(const QString &dagId, const QString &dagRunId,
                                                  const QString &taskId, const QString &newState,
                                                  bool dryRun) const
{
    if (const QString reason = unavailableReason(Feature::MarkTaskInstances); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    ApiRequest request = jsonRequest(
        QByteArrayLiteral("PATCH"),
        runPath(dagId, dagRunId) + QStringLiteral("/taskInstances/") + ApiRequest::encodeSegment(taskId),
        QJsonObject{{QStringLiteral("dry_run"), dryRun}, {QStringLiteral("new_state"), newState}});
    request.reads = dryRun;
    return request;
}

ApiRequest DialectV1::taskLogChunkRequest(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId, int tryNumber, const QString &token) const
{
    ApiRequest request;
    request.encodedPath = runPath(dagId, dagRunId) + QStringLiteral("/taskInstances/") +
                          ApiRequest::encodeSegment(taskId) + QStringLiteral("/logs/") +
                          QString::number(tryNumber);
    if (!token.isEmpty())
        request.addQueryItem(QStringLiteral("token"), token);
    request.accept = QByteArrayLiteral("application/json"); // only the JSON form carries the token
    return request;
}

Result<TaskLogChunk> DialectV1::decodeTaskLogChunk(const QJsonDocument &json) const
{
    JsonFields fields(json.isObject() ? QJsonValue(json.object()) : QJsonValue(QJsonValue::Null),
                      QStringLiteral("the log"));
    if (!fields.ok())
        return fields.error();
    TaskLogChunk chunk;
    chunk.nextToken = fields.string(QLatin1String("continuation_token"));
    chunk.content = logTextFromPythonRepr(fields.string(QLatin1String("content")));
    if (!fields.ok())
        return fields.error();
    return chunk;
}

QString DialectV1::logTextFromPythonRepr(const QString &content)
{
    if (!content.startsWith(QLatin1String("[(")))
        return content; // not the repr form: the text itself
    QString text;
    int stringInTuple = 0;
    const qsizetype n = content.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = content.at(i);
        if (c == u'(') {
            stringInTuple = 0;
            continue;
        }
        if (c != u'\'' && c != u'"')
            continue;
        QString value;
        for (++i; i < n && content.at(i) != c; ++i) {
            const QChar d = content.at(i);
            if (d != u'\\' || i + 1 >= n) {
                value += d;
                continue;
            }
            const QChar e = content.at(++i);
            auto hex = [&](int digits) {
                const uint code = content.mid(i + 1, digits).toUInt(nullptr, 16);
                i += digits;
                value += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
            };
            if (e == u'n')
                value += u'\n';
            else if (e == u'r')
                value += u'\r';
            else if (e == u't')
                value += u'\t';
            else if (e == u'x')
                hex(2);
            else if (e == u'u')
                hex(4);
            else if (e == u'U')
                hex(8);
            else if (e == u'\\' || e == u'\'' || e == u'"')
                value += e;
            else
                value += QString(u'\\') + e;
        }
        if (stringInTuple++ == 1) // (host, text): the second string is the log
            text += value;
    }
    return text;
}

Result<QList<TaskInstanceReference>> DialectV1::decodeTaskInstanceReferences(const QJsonDocument &json) const
{
    JsonFields root(json.isObject() ? QJsonValue(json.object()) : QJsonValue(QJsonValue::Null),
                    QStringLiteral("the answer"));
    if (!root.ok())
        return root.error();
    const QLatin1String key("task_instances");
    if (!root.value(key).isArray()) {
        root.fail(key, QStringLiteral("a list of task instance references"));
        return root.error();
    }
    const QJsonArray items = root.array(key);
    QList<TaskInstanceReference> references;
    references.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields fields(items.at(i), QStringLiteral("task_instances[%1]").arg(i));
        if (fields.ok())
            references.append(readReference(fields));
        if (!fields.ok())
            return fields.error();
    }
    return references;
}

Result<TaskInstanceReference> DialectV1::decodeTaskInstanceReference(const QJsonDocument &json) const
{
    JsonFields fields(json.isObject() ? QJsonValue(json.object()) : QJsonValue(QJsonValue::Null),
                      QStringLiteral("the task instance reference"));
    if (!fields.ok())
        return fields.error();
    TaskInstanceReference reference = readReference(fields);
    if (!fields.ok())
        return fields.error();
    return reference;
}

} // namespace Windsock::Api
