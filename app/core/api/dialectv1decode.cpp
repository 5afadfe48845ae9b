#include "dialectv1.h"
#include "jsonfields.h"
#include "jsonkeyorder.h"
#include "pagedecode.h"

#include <QJsonArray>
#include <QJsonObject>

// DialectV1: decoding of the Airflow 2.x JSON shapes (spec airflow-2-v1.yaml, components/schemas).
namespace Windsock::Api {

namespace {

template<typename T>
using Decoder = T (*)(JsonFields &);

QString plural(qint64 n, const char *singular)
{
    return QStringLiteral("%1 %2%3").arg(QString::number(n), QLatin1String(singular),
                                         n == 1 ? QString() : QStringLiteral("s"));
}

// Python's str(timedelta): "1 day, 2:00:00", "0:30:00", "2 days, 0:00:00.500000"
QString timeDeltaText(qint64 days, qint64 seconds, qint64 microseconds)
{
    seconds += microseconds / 1000000;
    microseconds %= 1000000;
    days += seconds / 86400;
    seconds %= 86400;
    QString text = QStringLiteral("%1:%2:%3")
                       .arg(seconds / 3600)
                       .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                       .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (microseconds != 0)
        text += QStringLiteral(".%1").arg(microseconds, 6, 10, QLatin1Char('0'));
    if (days != 0)
        text = plural(days, "day") + QStringLiteral(", ") + text;
    return text;
}

QString relativeDeltaText(const QJsonObject &delta)
{
    QStringList parts;
    const std::pair<const char *, const char *> units[] = {
        {"years", "year"}, {"months", "month"},   {"days", "day"},
        {"hours", "hour"}, {"minutes", "minute"}, {"seconds", "second"},
    };
    for (const auto &[key, unit] : units) {
        const qint64 n = delta.value(QLatin1String(key)).toInteger();
        if (n != 0)
            parts.append(plural(n, unit));
    }
    return parts.isEmpty() ? QString() : QStringLiteral("every ") + parts.join(QStringLiteral(", "));
}

QDateTime dateTimeOr(JsonFields &fields, QLatin1String key, QLatin1String fallbackKey)
{
    return fields.has(key) ? fields.dateTime(key) : fields.dateTime(fallbackKey);
}

Dag readDag(JsonFields &f)
{
    Dag dag;
    dag.dagId = f.string(QLatin1String("dag_id"));
    if (f.ok() && dag.dagId.isEmpty())
        f.fail(QLatin1String("dag_id"), QStringLiteral("a DAG id"));
    dag.displayName = f.string(QLatin1String("dag_display_name"), dag.dagId);
    dag.description = f.string(QLatin1String("description"));
    dag.isPaused = f.boolean(QLatin1String("is_paused"));
    dag.isActive = f.boolean(QLatin1String("is_active"), true);
    const QJsonArray tags = f.array(QLatin1String("tags"));
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const QJsonValue tag = tags.at(i);
        if (tag.isString()) {
            dag.tags.append(tag.toString());
        } else if (tag.isObject() && tag.toObject().value(QLatin1String("name")).isString()) {
            dag.tags.append(tag.toObject().value(QLatin1String("name")).toString());
        } else if (!tag.isNull()) {
            f.fail(QLatin1String("tags"), QStringLiteral("a list of tags ({\"name\": ...})"),
                   QStringLiteral("item %1 is %2").arg(QString::number(i), JsonFields::describe(tag)));
        }
    }
    dag.owners = f.strings(QLatin1String("owners"));
    dag.timetableDescription = f.string(QLatin1String("timetable_description"));
    const QJsonValue schedule = f.value(QLatin1String("schedule_interval"));
    if (!schedule.isUndefined() && !schedule.isNull() && !schedule.isObject() && !schedule.isString())
        f.fail(QLatin1String("schedule_interval"), QStringLiteral("a schedule object or null"));
    else
        dag.schedule = DialectV1::scheduleText(schedule, dag.timetableDescription);
    dag.nextDagrun = f.dateTime(QLatin1String("next_dagrun"));
    dag.nextDagrunCreateAfter = f.dateTime(QLatin1String("next_dagrun_create_after"));
    dag.fileloc = f.string(QLatin1String("fileloc"));
    dag.fileToken = f.string(QLatin1String("file_token"));
    dag.hasImportErrors = f.boolean(QLatin1String("has_import_errors"));
    dag.maxActiveRuns = f.integer(QLatin1String("max_active_runs"));
    return dag;
}

DagRun readDagRun(JsonFields &f)
{
    DagRun run;
    run.dagId = f.string(QLatin1String("dag_id"));
    run.dagRunId = f.string(QLatin1String("dag_run_id"));
    run.logicalDate = dateTimeOr(f, QLatin1String("logical_date"), QLatin1String("execution_date"));
    run.startDate = f.dateTime(QLatin1String("start_date"));
    run.endDate = f.dateTime(QLatin1String("end_date"));
    run.dataIntervalStart = f.dateTime(QLatin1String("data_interval_start"));
    run.dataIntervalEnd = f.dateTime(QLatin1String("data_interval_end"));
    run.state = f.string(QLatin1String("state"));
    run.runType = f.string(QLatin1String("run_type"));
    run.externalTrigger = f.boolean(QLatin1String("external_trigger"));
    run.conf = f.object(QLatin1String("conf"));
    run.note = f.string(QLatin1String("note"));
    return run;
}

TaskInstance readTaskInstance(JsonFields &f)
{
    TaskInstance ti;
    ti.dagId = f.string(QLatin1String("dag_id"));
    ti.dagRunId = f.string(QLatin1String("dag_run_id"));
    ti.taskId = f.string(QLatin1String("task_id"));
    ti.mapIndex = f.integer(QLatin1String("map_index"), -1);
    ti.state = f.string(QLatin1String("state"));
    if (ti.state == QLatin1String("none")) // deprecated spelling of "no status" before 2.7
        ti.state.clear();
    ti.tryNumber = f.integer(QLatin1String("try_number"));
    ti.maxTries = f.integer(QLatin1String("max_tries"));
    ti.startDate = f.dateTime(QLatin1String("start_date"));
    ti.endDate = f.dateTime(QLatin1String("end_date"));
    ti.duration = f.number(QLatin1String("duration"));
    ti.operatorName = f.string(QLatin1String("operator"));
    ti.pool = f.string(QLatin1String("pool"));
    ti.queue = f.string(QLatin1String("queue"));
    ti.hostname = f.string(QLatin1String("hostname"));
    ti.note = f.string(QLatin1String("note"));
    return ti;
}

Pool readPool(JsonFields &f)
{
    Pool pool;
    pool.name = f.string(QLatin1String("name"));
    pool.slots = f.integer(QLatin1String("slots"));
    pool.occupiedSlots = f.integer(QLatin1String("occupied_slots"));
    pool.runningSlots = f.integer(QLatin1String("running_slots"));
    pool.queuedSlots = f.integer(QLatin1String("queued_slots"));
    pool.openSlots = f.integer(QLatin1String("open_slots"));
    pool.scheduledSlots = f.integer(QLatin1String("scheduled_slots"));
    pool.deferredSlots = f.integer(QLatin1String("deferred_slots"));
    pool.description = f.string(QLatin1String("description"));
    pool.includeDeferred = f.boolean(QLatin1String("include_deferred"));
    return pool;
}

ImportError readImportError(JsonFields &f)
{
    ImportError error;
    error.id = f.integer(QLatin1String("import_error_id"));
    error.filename = f.string(QLatin1String("filename"));
    error.stackTrace = f.string(QLatin1String("stack_trace"));
    error.timestamp = f.dateTime(QLatin1String("timestamp"));
    return error;
}

HealthComponent readHealthComponent(JsonFields &health, QLatin1String key, QLatin1String heartbeatKey)
{
    HealthComponent component;
    if (!health.has(key))
        return component;
    JsonFields f(health.value(key), QStringLiteral("\"%1\"").arg(key));
    component.present = true;
    component.status = f.string(QLatin1String("status"));
    component.latestHeartbeat = f.dateTime(heartbeatKey);
    health.adopt(f.error());
    return component;
}

template<typename T>
Result<T> decodeOne(const QJsonDocument &json, const QString &where, Decoder<T> read)
{
    JsonFields fields(json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()), where);
    if (json.isNull() || json.isEmpty()) // an empty document: "null" or nothing at all
        fields = JsonFields(QJsonValue(QJsonValue::Null), where);
    if (!fields.ok())
        return fields.error();
    T value = read(fields);
    if (!fields.ok())
        return fields.error();
    return value;
}

} // namespace

QString DialectV1::scheduleText(const QJsonValue &scheduleInterval, const QString &timetableDescription)
{
    if (scheduleInterval.isString() && !scheduleInterval.toString().isEmpty())
        return scheduleInterval.toString();
    // No schedule: as Airflow's DAG list, "Dataset" for dataset-triggered DAGs, else "None"; the timetable's
    // own sentence ("Never, external triggers only", "Triggered by datasets") stays in
    // Dag::timetableDescription.
    if (scheduleInterval.isNull() || scheduleInterval.isUndefined()) {
        return timetableDescription.contains(QLatin1String("dataset"), Qt::CaseInsensitive)
                   ? QStringLiteral("Dataset")
                   : QStringLiteral("None");
    }
    const QJsonObject object = scheduleInterval.toObject();
    const QString type = object.value(QLatin1String("__type")).toString();
    if (type == QLatin1String("CronExpression") && object.value(QLatin1String("value")).isString())
        return object.value(QLatin1String("value")).toString();
    if (type == QLatin1String("TimeDelta")) {
        return QStringLiteral("every ") +
               timeDeltaText(object.value(QLatin1String("days")).toInteger(),
                             object.value(QLatin1String("seconds")).toInteger(),
                             object.value(QLatin1String("microseconds")).toInteger());
    }
    if (type == QLatin1String("RelativeDelta")) {
        const QString text = relativeDeltaText(object);
        if (!text.isEmpty())
            return text;
    }
    return timetableDescription;
}

Result<Version> DialectV1::decodeVersion(const QJsonDocument &json) const
{
    return decodeOne<Version>(json, QStringLiteral("the version"), [](JsonFields &f) {
        Version version;
        version.version = f.string(QLatin1String("version"));
        if (f.ok() && version.version.isEmpty())
            f.fail(QLatin1String("version"), QStringLiteral("a version number"));
        version.gitVersion = f.string(QLatin1String("git_version"));
        return version;
    });
}

Result<Health> DialectV1::decodeHealth(const QJsonDocument &json) const
{
    return decodeOne<Health>(json, QStringLiteral("the health answer"), [](JsonFields &f) {
        Health health;
        health.metadatabase = readHealthComponent(f, QLatin1String("metadatabase"), QLatin1String("-"));
        health.scheduler =
            readHealthComponent(f, QLatin1String("scheduler"), QLatin1String("latest_scheduler_heartbeat"));
        health.triggerer =
            readHealthComponent(f, QLatin1String("triggerer"), QLatin1String("latest_triggerer_heartbeat"));
        health.dagProcessor = readHealthComponent(f, QLatin1String("dag_processor"),
                                                  QLatin1String("latest_dag_processor_heartbeat"));
        return health;
    });
}

Result<Page<Dag>> DialectV1::decodeDags(const QJsonDocument &json) const
{
    return decodePage<Dag>(json, QLatin1String("dags"), QStringLiteral("DAGs"), &readDag);
}

Result<Dag> DialectV1::decodeDag(const QJsonDocument &json) const
{
    return decodeOne<Dag>(json, QStringLiteral("the DAG"), &readDag);
}

Result<DagDetails> DialectV1::decodeDagDetails(const QJsonDocument &json, const QByteArray &raw) const
{
    Result<DagDetails> result =
        decodeOne<DagDetails>(json, QStringLiteral("the DAG details"), [](JsonFields &f) {
            DagDetails details;
            details.dag = readDag(f);
            const QJsonValue timezone = f.value(QLatin1String("timezone"));
            if (timezone.isObject()) // some 2.x versions send a Timezone object
                details.timezone = timezone.toObject().value(QLatin1String("name")).toString();
            else
                details.timezone = f.string(QLatin1String("timezone"));
            details.catchup = f.boolean(QLatin1String("catchup"));
            details.docMd = f.string(QLatin1String("doc_md"));
            details.startDate = f.dateTime(QLatin1String("start_date"));
            f.object(QLatin1String("params")); // only checks the type
            return details;
        });
    if (!result)
        return result;

    const QJsonObject params = json.object().value(QLatin1String("params")).toObject();
    QStringList order = JsonKeyOrder::keysOfMember(raw, QStringLiteral("params"));
    if (order.size() != params.size()) // unreadable order: fall back to the sorted keys
        order = params.keys();
    for (const QString &name : std::as_const(order)) {
        const QJsonValue entry = params.value(name);
        DagParam param;
        param.name = name;
        const QJsonObject object = entry.toObject();
        const bool serializedParam = entry.isObject() && (object.contains(QLatin1String("__class")) ||
                                                          object.contains(QLatin1String("schema")));
        if (serializedParam) {
            // Airflow 2.10: {"__class": "airflow.models.param.Param", "value": ..., "description": ...,
            // "schema": {...}}
            JsonFields f(object, QStringLiteral("the param \"%1\"").arg(name));
            param.value = f.value(QLatin1String("value"));
            param.description = f.string(QLatin1String("description"));
            param.schema = f.object(QLatin1String("schema"));
            if (!f.ok())
                return f.error();
        } else {
            param.value = entry; // older servers send the bare value
        }
        result.value().params.append(param);
    }
    return result;
}

Result<Page<DagRun>> DialectV1::decodeDagRuns(const QJsonDocument &json) const
{
    return decodePage<DagRun>(json, QLatin1String("dag_runs"), QStringLiteral("DAG runs"), &readDagRun);
}

Result<DagRun> DialectV1::decodeDagRun(const QJsonDocument &json) const
{
    return decodeOne<DagRun>(json, QStringLiteral("the DAG run"), &readDagRun);
}

Result<Page<TaskInstance>> DialectV1::decodeTaskInstances(const QJsonDocument &json) const
{
    return decodePage<TaskInstance>(json, QLatin1String("task_instances"), QStringLiteral("task instances"),
                                    &readTaskInstance);
}

Result<Page<Pool>> DialectV1::decodePools(const QJsonDocument &json) const
{
    return decodePage<Pool>(json, QLatin1String("pools"), QStringLiteral("pools"), &readPool);
}

Result<Page<ImportError>> DialectV1::decodeImportErrors(const QJsonDocument &json) const
{
    return decodePage<ImportError>(json, QLatin1String("import_errors"), QStringLiteral("import errors"),
                                   &readImportError);
}

} // namespace Windsock::Api
