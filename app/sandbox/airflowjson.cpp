#include "airflowjson.h"

#include "airflowtime.h"
#include "dagparams.h"

#include "sandboxstate.h"
#include "seedhash.h"
#include <QJsonDocument>

#include <QJsonArray>

namespace Windsock::Sandbox::AirflowJson {

QJsonValue timestamp(qint64 ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(AirflowTime::iso(ms));
}

QJsonValue scheduleInterval(const DagSchedule &schedule)
{
    switch (schedule.kind) {
    case DagSchedule::Kind::Cron:
    case DagSchedule::Kind::Dataset:
        return QJsonObject{{QStringLiteral("__type"), QStringLiteral("CronExpression")},
                           {QStringLiteral("value"), schedule.expression}};
    case DagSchedule::Kind::TimeDelta:
        return QJsonObject{{QStringLiteral("__type"), QStringLiteral("TimeDelta")},
                           {QStringLiteral("days"), schedule.timeDeltaSeconds / 86400},
                           {QStringLiteral("seconds"), schedule.timeDeltaSeconds % 86400},
                           {QStringLiteral("microseconds"), 0}};
    case DagSchedule::Kind::RelativeDelta: {
        QJsonObject o{{QStringLiteral("__type"), QStringLiteral("RelativeDelta")}};
        const char *const fields[] = {"years",   "days",         "leapdays", "hours",      "minutes",
                                      "seconds", "microseconds", "year",     "month",      "day",
                                      "hour",    "minute",       "second",   "microsecond"};
        for (const char *f : fields)
            o.insert(QLatin1String(f), 0);
        o.insert(QStringLiteral("months"), schedule.relativeMonths);
        return o;
    }
    case DagSchedule::Kind::None:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

namespace {

QJsonArray tagArray(const QStringList &tags)
{
    QJsonArray a;
    for (const QString &t : tags)
        a.append(QJsonObject{{QStringLiteral("name"), t}});
    return a;
}

bool hasTimetable(const DagSchedule &s)
{
    return s.kind != DagSchedule::Kind::None && s.kind != DagSchedule::Kind::Dataset;
}

QString fileToken(const QString &fileloc)
{
    const QByteArray payload = (u'"' + fileloc + u'"').toUtf8();
    return QString::fromLatin1(
               payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) +
           QStringLiteral(".sandbox");
}

} // namespace

QJsonObject dag(const SandboxState &state, const DagModel &d)
{
    qint64 nextLogical = -1;
    if (hasTimetable(d.schedule) && d.schedule.periodMs > 0) {
        const qint64 now = state.nowMs();
        nextLogical = ((now - d.schedule.periodMs) / d.schedule.periodMs + 1) * d.schedule.periodMs;
    }
    QJsonObject o;
    o.insert(QStringLiteral("dag_id"), d.dagId);
    o.insert(QStringLiteral("dag_display_name"), d.dagId);
    o.insert(QStringLiteral("root_dag_id"), QJsonValue::Null);
    o.insert(QStringLiteral("is_paused"), d.isPaused);
    o.insert(QStringLiteral("is_active"), true);
    o.insert(QStringLiteral("is_subdag"), false);
    o.insert(QStringLiteral("last_parsed_time"), timestamp(d.lastParsedMs));
    o.insert(QStringLiteral("last_pickled"), QJsonValue::Null);
    o.insert(QStringLiteral("last_expired"), QJsonValue::Null);
    o.insert(QStringLiteral("scheduler_lock"), QJsonValue::Null);
    o.insert(QStringLiteral("pickle_id"), QJsonValue::Null);
    o.insert(QStringLiteral("default_view"), QStringLiteral("grid"));
    o.insert(QStringLiteral("fileloc"), d.fileloc);
    o.insert(QStringLiteral("file_token"), fileToken(d.fileloc));
    o.insert(QStringLiteral("owners"), QJsonArray::fromStringList(d.owners));
    o.insert(QStringLiteral("description"),
             d.description.isEmpty() ? QJsonValue(QJsonValue::Null) : d.description);
    o.insert(QStringLiteral("schedule_interval"), scheduleInterval(d.schedule));
    o.insert(QStringLiteral("timetable_description"), d.schedule.description);
    o.insert(QStringLiteral("tags"), tagArray(d.tags));
    o.insert(QStringLiteral("max_active_tasks"), d.maxActiveTasks);
    o.insert(QStringLiteral("max_active_runs"), d.maxActiveRuns);
    o.insert(QStringLiteral("max_consecutive_failed_dag_runs"), 0);
    o.insert(QStringLiteral("has_task_concurrency_limits"), false);
    o.insert(QStringLiteral("has_import_errors"), false);
    o.insert(QStringLiteral("next_dagrun"), timestamp(nextLogical));
    o.insert(QStringLiteral("next_dagrun_data_interval_start"), timestamp(nextLogical));
    o.insert(QStringLiteral("next_dagrun_data_interval_end"),
             timestamp(nextLogical < 0 ? -1 : nextLogical + d.schedule.periodMs));
    o.insert(QStringLiteral("next_dagrun_create_after"),
             timestamp(nextLogical < 0 ? -1 : nextLogical + d.schedule.periodMs));
    return o;
}

QJsonObject dagDetail(const SandboxState &state, const DagModel &d)
{
    QJsonObject o = dag(state, d);
    o.insert(QStringLiteral("timezone"),
             QString(QStringLiteral("Timezone('") + d.timezone + QStringLiteral("')")));
    o.insert(QStringLiteral("catchup"), d.catchup);
    o.insert(QStringLiteral("orientation"), QStringLiteral("LR"));
    o.insert(QStringLiteral("concurrency"), d.maxActiveTasks);
    o.insert(QStringLiteral("start_date"), timestamp(d.startDateMs));
    o.insert(QStringLiteral("dag_run_timeout"), QJsonValue::Null);
    o.insert(QStringLiteral("dataset_expression"),
             d.schedule.kind == DagSchedule::Kind::Dataset
                 ? QJsonValue(QJsonObject{
                       {QStringLiteral("any"),
                        QJsonArray{QString(QStringLiteral("s3://warehouse/") + d.dagId.section(u'_', 1, 1) +
                                           QStringLiteral("/latest.parquet"))}}})
                 : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("doc_md"), d.docMd);
    o.insert(QStringLiteral("params"), DagParams::build(d.paramsKind).toObject());
    o.insert(QStringLiteral("end_date"), QJsonValue::Null);
    o.insert(QStringLiteral("is_paused_upon_creation"), QJsonValue::Null);
    o.insert(QStringLiteral("last_parsed"), timestamp(d.lastParsedMs));
    o.insert(QStringLiteral("template_search_path"), QJsonValue::Null);
    o.insert(QStringLiteral("render_template_as_native_obj"), false);
    return o;
}

QString dagRunStateName(DagRunState s)
{
    switch (s) {
    case DagRunState::Queued:
        return QStringLiteral("queued");
    case DagRunState::Running:
        return QStringLiteral("running");
    case DagRunState::Success:
        return QStringLiteral("success");
    case DagRunState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("queued");
}

QJsonObject dagRun(const SandboxState &state, const DagRun &run)
{
    const DagRunProgress p = state.progress(run);
    QJsonObject o;
    o.insert(QStringLiteral("dag_run_id"), run.runId);
    o.insert(QStringLiteral("dag_id"), state.dag(run.dagIndex).dagId);
    o.insert(QStringLiteral("logical_date"), timestamp(run.logicalMs));
    o.insert(QStringLiteral("execution_date"), timestamp(run.logicalMs));
    o.insert(QStringLiteral("start_date"), timestamp(p.startWallMs));
    o.insert(QStringLiteral("end_date"), timestamp(p.endWallMs));
    o.insert(QStringLiteral("data_interval_start"), timestamp(run.dataIntervalStartMs));
    o.insert(QStringLiteral("data_interval_end"), timestamp(run.dataIntervalEndMs));
    o.insert(QStringLiteral("last_scheduling_decision"), timestamp(p.endWallMs >= 0     ? p.endWallMs
                                                                   : p.startWallMs >= 0 ? p.startWallMs
                                                                                        : -1));
    o.insert(QStringLiteral("run_type"), run.runType);
    o.insert(QStringLiteral("state"), dagRunStateName(p.state));
    o.insert(QStringLiteral("external_trigger"), run.externalTrigger);
    o.insert(QStringLiteral("conf"), run.conf);
    o.insert(QStringLiteral("note"), run.hasNote ? QJsonValue(run.note) : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject taskInstance(const SandboxState &state, const DagRun &run, const TaskInstanceState &ti)
{
    const DagModel &d = state.dag(run.dagIndex);
    const DagTask &task = d.tasks.at(ti.taskIndex);
    const bool started = ti.startWallMs >= 0;
    QJsonObject o;
    o.insert(QStringLiteral("task_id"), task.taskId);
    o.insert(QStringLiteral("task_display_name"), task.taskId);
    o.insert(QStringLiteral("dag_id"), d.dagId);
    o.insert(QStringLiteral("dag_run_id"), run.runId);
    o.insert(QStringLiteral("execution_date"), AirflowTime::iso(run.logicalMs));
    o.insert(QStringLiteral("start_date"), timestamp(ti.startWallMs));
    o.insert(QStringLiteral("end_date"), timestamp(ti.endWallMs));
    o.insert(QStringLiteral("duration"), ti.endWallMs >= 0
                                             ? QJsonValue(double(ti.endWallMs - ti.startWallMs) / 1000.0)
                                             : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("state"),
             ti.state.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ti.state));
    o.insert(QStringLiteral("try_number"), ti.tryNumber);
    o.insert(QStringLiteral("map_index"), -1);
    o.insert(QStringLiteral("max_tries"), ti.maxTries);
    const quint64 h = SeedHash::of(state.seed(), run.runId, quint64(ti.taskIndex));
    o.insert(QStringLiteral("hostname"),
             started ? QStringLiteral("airflow-worker-%1").arg(h % 3) : QString());
    o.insert(QStringLiteral("unixname"), QStringLiteral("airflow"));
    o.insert(QStringLiteral("pool"), task.pool);
    o.insert(QStringLiteral("pool_slots"), 1);
    o.insert(QStringLiteral("queue"), QStringLiteral("default"));
    o.insert(QStringLiteral("priority_weight"), task.priorityWeight);
    o.insert(QStringLiteral("operator"), task.operatorName);
    o.insert(QStringLiteral("queued_when"), timestamp(ti.queuedWallMs));
    o.insert(QStringLiteral("pid"),
             started ? QJsonValue(qint64(1000 + h % 60000)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("executor"), QJsonValue::Null);
    o.insert(QStringLiteral("executor_config"), QStringLiteral("{}"));
    o.insert(QStringLiteral("sla_miss"), QJsonValue::Null);
    o.insert(QStringLiteral("rendered_map_index"), QJsonValue::Null);
    o.insert(QStringLiteral("rendered_fields"), QJsonObject());
    o.insert(QStringLiteral("trigger"), QJsonValue::Null);
    o.insert(QStringLiteral("triggerer_job"), QJsonValue::Null);
    o.insert(QStringLiteral("note"), ti.hasNote ? QJsonValue(ti.note) : QJsonValue(QJsonValue::Null));
    return o;
}

QByteArray dagDetailJson(const SandboxState &state, const DagModel &dag)
{
    QJsonObject detail = dagDetail(state, dag);
    detail.remove(QStringLiteral("params"));
    QByteArray json = QJsonDocument(detail).toJson(QJsonDocument::Compact);
    json.chop(1); // the closing brace
    return json + ",\"params\":" + DagParams::build(dag.paramsKind).toJson() + '}';
}

} // namespace Windsock::Sandbox::AirflowJson
