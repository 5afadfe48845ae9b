#include "dialectv1.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>

// DialectV1: task-level reading. XCom entries, the DAG source, one task instance and its tries, task notes,
// the DAG's tasks and one import error (spec airflow-2-v1.yaml).
namespace Windsock::Api {

namespace {

QString taskInstancePath(const QString &dagId, const QString &dagRunId, const QString &taskId)
{
    return QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(dagId) + QStringLiteral("/dagRuns/") +
           ApiRequest::encodeSegment(dagRunId) + QStringLiteral("/taskInstances/") +
           ApiRequest::encodeSegment(taskId);
}

QJsonValue rootValue(const QJsonDocument &json)
{
    return json.isObject()  ? QJsonValue(json.object())
           : json.isArray() ? QJsonValue(json.array())
                            : QJsonValue(QJsonValue::Null);
}

XComEntry readXComEntry(JsonFields &f, const QString &dagRunId)
{
    XComEntry entry;
    entry.dagId = f.string(QLatin1String("dag_id"));
    entry.dagRunId = dagRunId;
    entry.taskId = f.string(QLatin1String("task_id"));
    entry.key = f.string(QLatin1String("key"));
    entry.mapIndex = f.integer(QLatin1String("map_index"), -1);
    entry.timestamp = f.dateTime(QLatin1String("timestamp"));
    entry.logicalDate = f.dateTime(QLatin1String("execution_date"));
    // Any JSON type is a valid value (XCom.value is anyOf string, number, boolean, array, object or null).
    entry.value = f.value(QLatin1String("value"));
    entry.hasValue = !entry.value.isUndefined();
    return entry;
}

Task readTask(JsonFields &f)
{
    Task task;
    task.taskId = f.string(QLatin1String("task_id"));
    if (f.ok() && task.taskId.isEmpty())
        f.fail(QLatin1String("task_id"), QStringLiteral("a task id"));
    task.displayName = f.string(QLatin1String("task_display_name"), task.taskId);
    JsonFields classRef(f.object(QLatin1String("class_ref")), f.where() + QStringLiteral(".class_ref"));
    task.operatorName = classRef.string(QLatin1String("class_name"));
    f.adopt(classRef.error());
    task.owner = f.string(QLatin1String("owner"));
    task.triggerRule = f.string(QLatin1String("trigger_rule"));
    task.pool = f.string(QLatin1String("pool"));
    task.queue = f.string(QLatin1String("queue"));
    // retries is a "number" in the spec: Airflow sends an integer, but a float must not be an error.
    task.retries = int(f.number(QLatin1String("retries")));
    task.dependsOnPast = f.boolean(QLatin1String("depends_on_past"));
    task.isMapped = f.boolean(QLatin1String("is_mapped"));
    task.downstreamTaskIds = f.strings(QLatin1String("downstream_task_ids"));
    task.docMd = f.string(QLatin1String("doc_md"));
    return task;
}

} // namespace

ApiRequest DialectV1::xcomEntriesRequest(const XComQuery &query) const
{
    ApiRequest request;
    request.encodedPath =
        taskInstancePath(query.dagId, query.dagRunId, query.taskId) + QStringLiteral("/xcomEntries");
    request.addQueryItem(QStringLiteral("limit"), QString::number(qMax(1, query.limit)));
    request.addQueryItem(QStringLiteral("offset"), QString::number(qMax(0, query.offset)));
    if (!query.key.isEmpty())
        request.addQueryItem(QStringLiteral("xcom_key"), query.key);
    return request;
}

ApiRequest DialectV1::xcomEntryRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                       const QString &key) const
{
    ApiRequest request;
    request.encodedPath = taskInstancePath(dagId, dagRunId, taskId) + QStringLiteral("/xcomEntries/") +
                          ApiRequest::encodeSegment(key);
    // stringify=true (the default) sends str() of the Python value, e.g. "{'rows': 3}"; false (2.10+)
    // sends the stored JSON itself, which the client can show indented. Older servers reject the
    // parameter with a 400; AirflowClient::xcomEntry then asks again without it.
    request.addQueryItem(QStringLiteral("stringify"), QStringLiteral("false"));
    return request;
}

ApiRequest DialectV1::dagSourceRequest(const QString &fileToken) const
{
    ApiRequest request;
    request.encodedPath = QStringLiteral("/api/v1/dagSources/") + ApiRequest::encodeSegment(fileToken);
    // The plain form is the file itself; decodeDagSource also reads {"content": ...} in case a proxy or
    // an older server answers with JSON anyway.
    request.accept = QByteArrayLiteral("text/plain");
    return request;
}

ApiRequest DialectV1::taskInstanceRequest(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId) const
{
    ApiRequest request;
    request.encodedPath = taskInstancePath(dagId, dagRunId, taskId);
    return request;
}

ApiRequest DialectV1::taskInstanceTriesRequest(const QString &dagId, const QString &dagRunId,
                                               const QString &taskId, int limit, int offset) const
{
    if (const QString reason = unavailableReason(Feature::TaskInstanceTries); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    ApiRequest request;
    request.encodedPath = taskInstancePath(dagId, dagRunId, taskId) + QStringLiteral("/tries");
    request.addQueryItem(QStringLiteral("limit"), QString::number(qMax(1, limit)));
    request.addQueryItem(QStringLiteral("offset"), QString::number(qMax(0, offset)));
    request.addQueryItem(QStringLiteral("order_by"), QStringLiteral("try_number"));
    return request;
}

ApiRequest DialectV1::setTaskInstanceNoteRequest(const QString &dagId, const QString &dagRunId,
                                                 const QString &taskId, const QString &note) const
{
    if (const QString reason = unavailableReason(Feature::TaskInstanceNotes); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    ApiRequest request;
    request.method = QByteArrayLiteral("PATCH");
    request.encodedPath = taskInstancePath(dagId, dagRunId, taskId) + QStringLiteral("/setNote");
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("note"), note}}).toJson(QJsonDocument::Compact);
    return request;
}

ApiRequest DialectV1::tasksRequest(const QString &dagId) const
{
    ApiRequest request;
    request.encodedPath =
        QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(dagId) + QStringLiteral("/tasks");
    return request;
}

ApiRequest DialectV1::importErrorRequest(int importErrorId) const
{
    ApiRequest request;
    request.encodedPath = QStringLiteral("/api/v1/importErrors/") + QString::number(importErrorId);
    return request;
}

Result<Page<XComEntry>> DialectV1::decodeXComEntries(const QJsonDocument &json, const QString &dagRunId) const
{
    JsonFields root(rootValue(json), QStringLiteral("the answer"));
    if (!root.ok())
        return root.error();
    const QLatin1String key("xcom_entries");
    if (!root.value(key).isArray()) {
        root.fail(key, QStringLiteral("a list of XCom entries"));
        return root.error();
    }
    const QJsonArray items = root.array(key);
    Page<XComEntry> page;
    page.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields fields(items.at(i), QStringLiteral("xcom_entries[%1]").arg(i));
        if (fields.ok())
            page.items.append(readXComEntry(fields, dagRunId));
        if (!fields.ok())
            return fields.error();
    }
    page.totalEntries = root.integer(QLatin1String("total_entries"), int(page.items.size()));
    if (!root.ok())
        return root.error();
    return page;
}

Result<XComEntry> DialectV1::decodeXComEntry(const QJsonDocument &json, const QString &dagRunId) const
{
    JsonFields fields(rootValue(json), QStringLiteral("the XCom entry"));
    if (!fields.ok())
        return fields.error();
    XComEntry entry = readXComEntry(fields, dagRunId);
    if (fields.ok() && !entry.hasValue) { // a single entry always has one, even if it is null
        entry.hasValue = true;
        entry.value = QJsonValue(QJsonValue::Null);
    }
    if (!fields.ok())
        return fields.error();
    return entry;
}

Result<QString> DialectV1::decodeDagSource(const QByteArray &body, const QByteArray &contentType) const
{
    if (!contentType.trimmed().toLower().startsWith("application/json"))
        return QString::fromUtf8(body);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return JsonFields::shapeError(
            QStringLiteral("The server said the DAG source is JSON, but it is not: %1.")
                .arg(parseError.errorString()));
    JsonFields fields(rootValue(json), QStringLiteral("the DAG source"));
    const QString content = fields.string(QLatin1String("content"));
    if (fields.ok() && !fields.has(QLatin1String("content")))
        fields.fail(QLatin1String("content"), QStringLiteral("the source text"));
    if (!fields.ok())
        return fields.error();
    return content;
}

Result<TaskInstance> DialectV1::decodeTaskInstance(const QJsonDocument &json) const
{
    // One task instance has the shape of an item of the list: decode it as a one-item page so that both
    // go through the same reader.
    if (!json.isObject())
        return JsonFields(rootValue(json), QStringLiteral("the task instance")).error();
    const QJsonObject page{{QStringLiteral("task_instances"), QJsonArray{json.object()}},
                           {QStringLiteral("total_entries"), 1}};
    const Result<Page<TaskInstance>> decoded = decodeTaskInstances(QJsonDocument(page));
    if (!decoded)
        return decoded.error();
    return decoded.value().items.first();
}

Result<Page<TaskInstance>> DialectV1::decodeTaskInstanceTries(const QJsonDocument &json) const
{
    // TaskInstanceHistoryCollection: {task_instances_history: [TaskInstanceHistory], total_entries}. A
    // TaskInstanceHistory has the fields of a TaskInstance that a try can have.
    JsonFields root(rootValue(json), QStringLiteral("the answer"));
    if (!root.ok())
        return root.error();
    const QLatin1String key("task_instances_history");
    if (!root.value(key).isArray()) {
        root.fail(key, QStringLiteral("a list of task instance tries"));
        return root.error();
    }
    const QJsonObject page{{QStringLiteral("task_instances"), root.array(key)},
                           {QStringLiteral("total_entries"), root.value(QLatin1String("total_entries"))}};
    return decodeTaskInstances(QJsonDocument(page));
}

Result<QList<Task>> DialectV1::decodeTasks(const QJsonDocument &json) const
{
    // TaskCollection has no total_entries: every task comes in one answer.
    JsonFields root(rootValue(json), QStringLiteral("the answer"));
    if (!root.ok())
        return root.error();
    const QLatin1String key("tasks");
    if (!root.value(key).isArray()) {
        root.fail(key, QStringLiteral("a list of tasks"));
        return root.error();
    }
    const QJsonArray items = root.array(key);
    QList<Task> tasks;
    tasks.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields fields(items.at(i), QStringLiteral("tasks[%1]").arg(i));
        if (fields.ok())
            tasks.append(readTask(fields));
        if (!fields.ok())
            return fields.error();
    }
    return tasks;
}

Result<ImportError> DialectV1::decodeImportError(const QJsonDocument &json) const
{
    JsonFields f(rootValue(json), QStringLiteral("the import error"));
    if (!f.ok())
        return f.error();
    ImportError error;
    error.id = f.integer(QLatin1String("import_error_id"));
    error.filename = f.string(QLatin1String("filename"));
    error.stackTrace = f.string(QLatin1String("stack_trace"));
    error.timestamp = f.dateTime(QLatin1String("timestamp"));
    if (!f.ok())
        return f.error();
    return error;
}

} // namespace Windsock::Api
