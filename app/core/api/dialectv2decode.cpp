#include "dialectv2.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>

// DialectV2: decoding of the Airflow 3 JSON shapes (spec airflow-3-v2.yaml, components/schemas). v1's
// readers take every field v2 kept; the fields v2 renamed or added are read here on top of them.
namespace Windsock::Api {

namespace {

// Reads the v2 fields of each item of a decoded page from the same JSON items.
template<typename T, typename Fix>
Result<Page<T>> withV2Fields(Result<Page<T>> page, const QJsonDocument &json, QLatin1String itemsKey, Fix fix)
{
    if (!page)
        return page;
    const QJsonArray items = json.object().value(itemsKey).toArray();
    QList<T> &decoded = page.value().items;
    for (qsizetype i = 0; i < decoded.size() && i < items.size(); ++i) {
        JsonFields fields(items.at(i).toObject(), QStringLiteral("%1[%2]").arg(itemsKey).arg(i));
        fix(decoded[i], fields);
        if (!fields.ok())
            return fields.error();
    }
    return page;
}

template<typename T, typename Fix>
Result<T> withV2Fields(Result<T> value, const QJsonObject &object, const QString &where, Fix fix)
{
    if (!value)
        return value;
    JsonFields fields(object, where);
    fix(value.value(), fields);
    if (!fields.ok())
        return fields.error();
    return value;
}

// DAGResponse: is_stale (the inverse of is_active), timetable_summary (schedule_interval's successor), the
// next run's logical date and run_after. The source is keyed by DAG id, so the id is the file token.
void readDagV2(Dag &dag, JsonFields &f)
{
    if (f.has(QLatin1String("is_stale")))
        dag.isActive = !f.boolean(QLatin1String("is_stale"));
    const QString summary = f.string(QLatin1String("timetable_summary"));
    if (!summary.isEmpty())
        dag.schedule = summary;
    else
        dag.schedule = dag.timetableDescription.contains(QLatin1String("asset"), Qt::CaseInsensitive)
                           ? QStringLiteral("Asset")
                           : QStringLiteral("None");
    dag.nextDagrun = f.dateTime(QLatin1String("next_dagrun_logical_date"));
    if (f.has(QLatin1String("next_dagrun_run_after")))
        dag.nextDagrunCreateAfter = f.dateTime(QLatin1String("next_dagrun_run_after"));
    dag.fileToken = dag.dagId;
}

// DAGRunResponse: external_trigger is gone; triggered_by and run_after are new.
void readDagRunV2(DagRun &run, JsonFields &f)
{
    run.triggeredBy = f.string(QLatin1String("triggered_by"));
    run.runAfter = f.dateTime(QLatin1String("run_after"));
    if (!f.has(QLatin1String("external_trigger")))
        run.externalTrigger = run.runType == QLatin1String("manual");
}

// TaskInstanceResponse and XComResponse: logical_date instead of execution_date.
void readReferenceV2(TaskInstanceReference &reference, JsonFields &f)
{
    if (!reference.executionDate.isValid())
        reference.executionDate = f.dateTime(QLatin1String("logical_date"));
}

void readXComV2(XComEntry &entry, JsonFields &f)
{
    if (!entry.logicalDate.isValid())
        entry.logicalDate = f.dateTime(QLatin1String("logical_date"));
}

// A PATCH of a task instance answers with a TaskInstanceCollectionResponse: its first item stands for it.
QJsonDocument firstOfCollection(const QJsonDocument &json)
{
    const QJsonValue items = json.object().value(QLatin1String("task_instances"));
    if (!json.isObject() || !items.isArray() || json.object().contains(QLatin1String("task_id")))
        return json;
    const QJsonArray array = items.toArray();
    return array.isEmpty() ? QJsonDocument() : QJsonDocument(array.first().toObject());
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
}

} // namespace

TaskLogLine DialectV2::logLine(const QJsonValue &message)
{
    TaskLogLine line;
    if (!message.isObject()) {
        line.text = scalarText(message);
        return line;
    }
    // {"timestamp", "event", "level", "logger", ...extra}: written as Airflow 2 wrote its lines,
    // "[timestamp] {logger} LEVEL - event key=value", so that both versions read alike.
    const QJsonObject object = message.toObject();
    const QString timestamp = object.value(QLatin1String("timestamp")).toString();
    line.timestamp = JsonFields::parseDateTime(timestamp);
    line.level = object.value(QLatin1String("level")).toString().toLower();
    const QString logger = object.value(QLatin1String("logger")).toString();
    QStringList parts;
    if (!timestamp.isEmpty())
        parts.append(QLatin1Char('[') + timestamp + QLatin1Char(']'));
    if (!logger.isEmpty())
        parts.append(QLatin1Char('{') + logger + QLatin1Char('}'));
    if (!line.level.isEmpty())
        parts.append(line.level.toUpper() + QStringLiteral(" -"));
    parts.append(scalarText(object.value(QLatin1String("event"))));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("timestamp") || it.key() == QLatin1String("event") ||
            it.key() == QLatin1String("level") || it.key() == QLatin1String("logger"))
            continue;
        parts.append(it.key() + QLatin1Char('=') +
                     (it.value().isObject() || it.value().isArray()
                          ? QString::fromUtf8((it.value().isObject() ? QJsonDocument(it.value().toObject())
                                                                     : QJsonDocument(it.value().toArray()))
                                                  .toJson(QJsonDocument::Compact))
                          : scalarText(it.value())));
    }
    line.text = parts.join(QLatin1Char(' '));
    return line;
}

Result<Version> DialectV2::decodeVersion(const QJsonDocument &json) const
{
    return m_v1.decodeVersion(json);
}

Result<Health> DialectV2::decodeHealth(const QJsonDocument &json) const
{
    return m_v1.decodeHealth(json);
}

Result<Page<Dag>> DialectV2::decodeDags(const QJsonDocument &json) const
{
    return withV2Fields(m_v1.decodeDags(json), json, QLatin1String("dags"), &readDagV2);
}

Result<Dag> DialectV2::decodeDag(const QJsonDocument &json) const
{
    return withV2Fields(m_v1.decodeDag(json), json.object(), QStringLiteral("the DAG"), &readDagV2);
}

Result<DagDetails> DialectV2::decodeDagDetails(const QJsonDocument &json, const QByteArray &raw) const
{
    return withV2Fields(m_v1.decodeDagDetails(json, raw), json.object(), QStringLiteral("the DAG details"),
                        [](DagDetails &details, JsonFields &f) { readDagV2(details.dag, f); });
}

Result<Page<DagRun>> DialectV2::decodeDagRuns(const QJsonDocument &json) const
{
    return withV2Fields(m_v1.decodeDagRuns(json), json, QLatin1String("dag_runs"), &readDagRunV2);
}

Result<DagRun> DialectV2::decodeDagRun(const QJsonDocument &json) const
{
    return withV2Fields(m_v1.decodeDagRun(json), json.object(), QStringLiteral("the DAG run"), &readDagRunV2);
}

Result<Page<TaskInstance>> DialectV2::decodeTaskInstances(const QJsonDocument &json) const
{
    return m_v1.decodeTaskInstances(json);
}

Result<Page<Pool>> DialectV2::decodePools(const QJsonDocument &json) const
{
    return m_v1.decodePools(json);
}

Result<Page<ImportError>> DialectV2::decodeImportErrors(const QJsonDocument &json) const
{
    return m_v1.decodeImportErrors(json);
}

Result<QList<TaskInstanceReference>> DialectV2::decodeTaskInstanceReferences(const QJsonDocument &json) const
{
    // v2 answers the clears and state changes with whole task instances (TaskInstanceCollectionResponse).
    Result<QList<TaskInstanceReference>> references = m_v1.decodeTaskInstanceReferences(json);
    if (!references)
        return references;
    Page<TaskInstanceReference> page{references.value(), int(references.value().size())};
    const Result<Page<TaskInstanceReference>> fixed = withV2Fields(
        Result<Page<TaskInstanceReference>>(page), json, QLatin1String("task_instances"), &readReferenceV2);
    if (!fixed)
        return fixed.error();
    return fixed.value().items;
}

Result<TaskInstanceReference> DialectV2::decodeTaskInstanceReference(const QJsonDocument &json) const
{
    const QJsonDocument item = firstOfCollection(json);
    if (item.isNull()) // nothing changes (or would): the task instance already has that state
        return TaskInstanceReference();
    return withV2Fields(m_v1.decodeTaskInstanceReference(item), item.object(),
                        QStringLiteral("the task instance reference"), &readReferenceV2);
}

Result<TaskLogChunk> DialectV2::decodeTaskLogChunk(const QJsonDocument &json) const
{
    // TaskInstancesLogResponse: {"content": [StructuredLogMessage] or [string], "continuation_token":
    // str|null}. A content that is not a list (one text, or a wrong type to report) is read as v1 reads it.
    QJsonObject object = json.object();
    const QJsonValue content = object.take(QLatin1String("content"));
    if (!content.isArray())
        return m_v1.decodeTaskLogChunk(json);
    Result<TaskLogChunk> chunk = m_v1.decodeTaskLogChunk(QJsonDocument(object)); // the token
    if (!chunk)
        return chunk;
    for (const QJsonValue &message : content.toArray()) {
        chunk.value().lines.append(logLine(message));
        chunk.value().content += chunk.value().lines.constLast().text + QLatin1Char('\n');
    }
    return chunk;
}

Result<QString> DialectV2::decodeTaskLog(const QByteArray &body) const
{
    // The JSON form, if something between asked for it instead of the stream.
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') && trimmed.contains("\"content\"")) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
        if (error.error == QJsonParseError::NoError &&
            doc.object().value(QLatin1String("content")).isArray()) {
            const Result<TaskLogChunk> chunk = decodeTaskLogChunk(doc);
            if (!chunk)
                return chunk.error();
            return chunk.value().content;
        }
    }
    // NDJSON: one StructuredLogMessage a line; a line that is not JSON is kept as it is.
    QString text;
    for (const QByteArray &raw : body.split('\n')) {
        if (raw.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
        text += (error.error == QJsonParseError::NoError && doc.isObject() ? logLine(doc.object()).text
                                                                           : QString::fromUtf8(raw)) +
                QLatin1Char('\n');
    }
    return text;
}

Result<Page<XComEntry>> DialectV2::decodeXComEntries(const QJsonDocument &json, const QString &dagRunId) const
{
    return withV2Fields(m_v1.decodeXComEntries(json, dagRunId), json, QLatin1String("xcom_entries"),
                        &readXComV2);
}

Result<XComEntry> DialectV2::decodeXComEntry(const QJsonDocument &json, const QString &dagRunId) const
{
    return withV2Fields(m_v1.decodeXComEntry(json, dagRunId), json.object(), QStringLiteral("the XCom entry"),
                        &readXComV2);
}

Result<QString> DialectV2::decodeDagSource(const QByteArray &body, const QByteArray &contentType) const
{
    return m_v1.decodeDagSource(body, contentType);
}

Result<TaskInstance> DialectV2::decodeTaskInstance(const QJsonDocument &json) const
{
    const QJsonDocument item = firstOfCollection(json);
    if (item.isNull())
        return JsonFields::shapeError(QStringLiteral("The server changed no task instance."));
    return m_v1.decodeTaskInstance(item);
}

Result<Page<TaskInstance>> DialectV2::decodeTaskInstanceTries(const QJsonDocument &json) const
{
    // TaskInstanceHistoryCollectionResponse keeps its items under "task_instances" (v1:
    // "task_instances_history").
    if (json.object().value(QLatin1String("task_instances")).isArray())
        return m_v1.decodeTaskInstances(json);
    return m_v1.decodeTaskInstanceTries(json);
}

Result<QList<Task>> DialectV2::decodeTasks(const QJsonDocument &json) const
{
    return m_v1.decodeTasks(json);
}

Result<ImportError> DialectV2::decodeImportError(const QJsonDocument &json) const
{
    return m_v1.decodeImportError(json);
}

Result<Page<Variable>> DialectV2::decodeVariables(const QJsonDocument &json) const
{
    return m_v1.decodeVariables(json);
}

Result<Variable> DialectV2::decodeVariable(const QJsonDocument &json) const
{
    return m_v1.decodeVariable(json);
}

Result<Page<Connection>> DialectV2::decodeConnections(const QJsonDocument &json) const
{
    return m_v1.decodeConnections(json);
}

Result<Connection> DialectV2::decodeConnection(const QJsonDocument &json) const
{
    return m_v1.decodeConnection(json);
}

Result<ConnectionTestResult> DialectV2::decodeConnectionTest(const QJsonDocument &json) const
{
    return m_v1.decodeConnectionTest(json);
}

Result<Pool> DialectV2::decodePool(const QJsonDocument &json) const
{
    return m_v1.decodePool(json);
}

Result<Config> DialectV2::decodeConfig(const QJsonDocument &json) const
{
    return m_v1.decodeConfig(json);
}

} // namespace Windsock::Api
