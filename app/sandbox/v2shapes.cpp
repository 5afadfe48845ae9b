#include "v2shapes.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace Windsock::Sandbox::V2Shapes {

namespace {

using Field = std::pair<const char *, QJsonValue>;

const QJsonValue null(QJsonValue::Null);

// Exactly the listed fields: the source's value where it has one, else the default.
QJsonObject pick(const QJsonObject &source, std::initializer_list<Field> fields)
{
    QJsonObject result;
    for (const auto &[key, fallback] : fields) {
        const QString name = QLatin1String(key);
        result.insert(name, source.contains(name) ? source.value(name) : fallback);
    }
    return result;
}

// Python's str(timedelta) for v1's TimeDelta objects: "1 day, 0:00:00".
QString timeDeltaText(const QJsonObject &delta)
{
    const qint64 days = delta.value(QLatin1String("days")).toInteger();
    const qint64 seconds = delta.value(QLatin1String("seconds")).toInteger();
    QString text = QStringLiteral("%1:%2:%3")
                       .arg(seconds / 3600)
                       .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                       .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (days != 0)
        text = QStringLiteral("%1 day%2, ").arg(days).arg(days == 1 ? QString() : QStringLiteral("s")) + text;
    return text;
}

// timetable_summary: the cron expression, the interval, or null for "no schedule" (as Airflow 3 sends).
QJsonValue timetableSummary(const QJsonObject &v1)
{
    const QJsonValue schedule = v1.value(QLatin1String("schedule_interval"));
    const QJsonObject object = schedule.toObject();
    const QString type = object.value(QLatin1String("__type")).toString();
    if (type == QLatin1String("CronExpression"))
        return object.value(QLatin1String("value"));
    if (type == QLatin1String("TimeDelta"))
        return timeDeltaText(object);
    if (type == QLatin1String("RelativeDelta") || schedule.isString())
        return v1.value(QLatin1String("timetable_description"));
    if (v1.value(QLatin1String("timetable_description"))
            .toString()
            .contains(QLatin1String("dataset"), Qt::CaseInsensitive))
        return QStringLiteral("Asset");
    return null;
}

// ISO 8601 duration for DAGDetailsResponse.dag_run_timeout ("format: duration").
QJsonValue isoDuration(const QJsonValue &timeDelta)
{
    if (!timeDelta.isObject())
        return null;
    const QJsonObject delta = timeDelta.toObject();
    return QStringLiteral("P%1DT%2S")
        .arg(delta.value(QLatin1String("days")).toInteger())
        .arg(delta.value(QLatin1String("seconds")).toInteger());
}

QJsonValue seconds(const QJsonValue &start, const QJsonValue &end)
{
    const QDateTime from = QDateTime::fromString(start.toString(), Qt::ISODateWithMs);
    const QDateTime to = QDateTime::fromString(end.toString(), Qt::ISODateWithMs);
    if (!from.isValid() || !to.isValid())
        return null;
    return double(from.msecsTo(to)) / 1000.0;
}

QString runType(const QString &v1)
{
    return v1 == QLatin1String("dataset_triggered") ? QStringLiteral("asset_triggered") : v1;
}

// DagRunTriggeredByType from the run type, as Airflow 3 records the sandbox's kinds of runs.
QJsonValue triggeredBy(const QString &type)
{
    if (type == QLatin1String("manual"))
        return QStringLiteral("rest_api");
    if (type == QLatin1String("scheduled"))
        return QStringLiteral("timetable");
    if (type == QLatin1String("backfill"))
        return QStringLiteral("backfill");
    if (type == QLatin1String("asset_triggered"))
        return QStringLiteral("asset");
    return null;
}

QJsonObject dagFields(const QJsonObject &v1)
{
    const QString dagId = v1.value(QLatin1String("dag_id")).toString();
    const QJsonValue displayName = v1.value(QLatin1String("dag_display_name")).toString(dagId);
    QJsonArray tags;
    for (const QJsonValue &tag : v1.value(QLatin1String("tags")).toArray()) {
        const QString name =
            tag.isObject() ? tag.toObject().value(QLatin1String("name")).toString() : tag.toString();
        tags.append(QJsonObject{{QStringLiteral("name"), name},
                                {QStringLiteral("dag_id"), dagId},
                                {QStringLiteral("dag_display_name"), displayName}});
    }
    const QString fileloc = v1.value(QLatin1String("fileloc")).toString();
    const QString dagsFolder = QStringLiteral("/opt/airflow/dags/");
    QJsonObject renamed = v1;
    renamed.insert(QStringLiteral("dag_display_name"), displayName);
    renamed.insert(QStringLiteral("is_stale"), !v1.value(QLatin1String("is_active")).toBool(true));
    renamed.insert(QStringLiteral("tags"), tags);
    renamed.insert(QStringLiteral("timetable_summary"), timetableSummary(v1));
    renamed.insert(QStringLiteral("next_dagrun_logical_date"), v1.value(QLatin1String("next_dagrun")));
    renamed.insert(QStringLiteral("next_dagrun_run_after"),
                   v1.value(QLatin1String("next_dagrun_create_after")));
    renamed.insert(QStringLiteral("relative_fileloc"),
                   fileloc.startsWith(dagsFolder) ? fileloc.mid(dagsFolder.size()) : fileloc);
    return renamed;
}

} // namespace

QJsonObject dag(const QJsonObject &v1)
{
    return pick(dagFields(v1), {{"dag_id", QString()},
                                {"dag_display_name", QString()},
                                {"is_paused", false},
                                {"is_stale", false},
                                {"last_parsed_time", null},
                                {"last_parse_duration", null},
                                {"last_expired", null},
                                {"bundle_name", QStringLiteral("dags-folder")},
                                {"bundle_version", null},
                                {"relative_fileloc", null},
                                {"fileloc", QString()},
                                {"description", null},
                                {"timetable_summary", null},
                                {"timetable_description", null},
                                {"timetable_partitioned", false},
                                {"tags", QJsonArray()},
                                {"max_active_tasks", 16},
                                {"max_active_runs", null},
                                {"max_consecutive_failed_dag_runs", 0},
                                {"has_task_concurrency_limits", false},
                                {"has_import_errors", false},
                                {"next_dagrun_logical_date", null},
                                {"next_dagrun_data_interval_start", null},
                                {"next_dagrun_data_interval_end", null},
                                {"next_dagrun_run_after", null},
                                {"allowed_run_types", null},
                                {"owners", QJsonArray()},
                                {"file_token", QString()}});
}

QJsonObject dagDetails(const QJsonObject &v1)
{
    QJsonObject details = dag(v1);
    const QJsonObject more = pick(v1, {{"catchup", false},
                                       {"asset_expression", null},
                                       {"doc_md", null},
                                       {"start_date", null},
                                       {"end_date", null},
                                       {"is_paused_upon_creation", null},
                                       {"params", null},
                                       {"render_template_as_native_obj", false},
                                       {"template_search_path", null},
                                       {"timezone", null},
                                       {"last_parsed", null},
                                       {"default_args", null},
                                       {"owner_links", null}});
    for (auto it = more.begin(); it != more.end(); ++it)
        details.insert(it.key(), it.value());
    details.insert(QStringLiteral("dag_run_timeout"),
                   isoDuration(v1.value(QLatin1String("dag_run_timeout"))));
    details.insert(QStringLiteral("concurrency"), details.value(QLatin1String("max_active_tasks")));
    details.insert(QStringLiteral("latest_dag_version"), null);
    return details;
}

QJsonObject dagRun(const QJsonObject &v1, bool logicalDateNull)
{
    QJsonObject renamed = v1;
    const QJsonValue logical = v1.value(QLatin1String("logical_date"));
    const QString type = runType(v1.value(QLatin1String("run_type")).toString());
    renamed.insert(QStringLiteral("logical_date"), logicalDateNull ? null : logical);
    renamed.insert(QStringLiteral("run_after"), logical);
    renamed.insert(QStringLiteral("run_type"), type);
    renamed.insert(QStringLiteral("triggered_by"), triggeredBy(type));
    renamed.insert(QStringLiteral("duration"),
                   seconds(v1.value(QLatin1String("start_date")), v1.value(QLatin1String("end_date"))));
    renamed.insert(QStringLiteral("dag_display_name"), v1.value(QLatin1String("dag_id")));
    return pick(renamed, {{"dag_run_id", QString()},
                          {"dag_id", QString()},
                          {"logical_date", null},
                          {"queued_at", null},
                          {"start_date", null},
                          {"end_date", null},
                          {"duration", null},
                          {"data_interval_start", null},
                          {"data_interval_end", null},
                          {"run_after", QString()},
                          {"last_scheduling_decision", null},
                          {"run_type", QStringLiteral("manual")},
                          {"state", QStringLiteral("queued")},
                          {"triggered_by", null},
                          {"triggering_user_name", null},
                          {"conf", QJsonObject()},
                          {"note", null},
                          {"dag_versions", QJsonArray()},
                          {"bundle_version", null},
                          {"dag_display_name", QString()},
                          {"partition_key", null}});
}

QJsonObject taskInstanceTry(const QJsonObject &v1, const QString &dagDisplayName)
{
    QJsonObject renamed = v1;
    renamed.insert(QStringLiteral("dag_display_name"), dagDisplayName);
    renamed.insert(
        QStringLiteral("task_display_name"),
        v1.value(QLatin1String("task_display_name")).toString(v1.value(QLatin1String("task_id")).toString()));
    renamed.insert(QStringLiteral("operator_name"), v1.value(QLatin1String("operator")));
    if (v1.value(QLatin1String("state")) == QLatin1String("none"))
        renamed.insert(QStringLiteral("state"), null);
    if (!v1.value(QLatin1String("executor_config")).isString())
        renamed.insert(QStringLiteral("executor_config"), QStringLiteral("{}"));
    return pick(renamed, {{"task_id", QString()},
                          {"dag_id", QString()},
                          {"dag_run_id", QString()},
                          {"map_index", -1},
                          {"start_date", null},
                          {"end_date", null},
                          {"duration", null},
                          {"state", null},
                          {"try_number", 0},
                          {"max_tries", 0},
                          {"task_display_name", QString()},
                          {"dag_display_name", QString()},
                          {"hostname", null},
                          {"unixname", null},
                          {"pool", QStringLiteral("default_pool")},
                          {"pool_slots", 1},
                          {"queue", null},
                          {"priority_weight", null},
                          {"operator", null},
                          {"operator_name", null},
                          {"queued_when", null},
                          {"scheduled_when", null},
                          {"pid", null},
                          {"executor", null},
                          {"executor_config", QStringLiteral("{}")},
                          {"dag_version", null}});
}

QJsonObject taskInstance(const QJsonObject &v1, const QString &dagDisplayName, bool logicalDateNull)
{
    QJsonObject ti = taskInstanceTry(v1, dagDisplayName);
    const QJsonValue logical = v1.value(QLatin1String("execution_date"));
    // A stable id per task instance (Airflow 3 keys them by a uuid7).
    const QByteArray key = (ti.value(QLatin1String("dag_id")).toString() + u'\x1f' +
                            ti.value(QLatin1String("dag_run_id")).toString() + u'\x1f' +
                            ti.value(QLatin1String("task_id")).toString() + u'\x1f' +
                            QString::number(ti.value(QLatin1String("map_index")).toInt()))
                               .toUtf8();
    ti.insert(QStringLiteral("id"), QUuid::createUuidV5(QUuid(), key).toString(QUuid::WithoutBraces));
    ti.insert(QStringLiteral("logical_date"), logicalDateNull ? null : logical);
    ti.insert(QStringLiteral("run_after"), logical);
    ti.insert(QStringLiteral("note"),
              v1.value(QLatin1String("note")).isString() ? v1.value(QLatin1String("note")) : null);
    ti.insert(QStringLiteral("rendered_map_index"), v1.value(QLatin1String("rendered_map_index")).isString()
                                                        ? v1.value(QLatin1String("rendered_map_index"))
                                                        : null);
    ti.insert(QStringLiteral("rendered_fields"), v1.value(QLatin1String("rendered_fields")).toObject());
    ti.insert(QStringLiteral("trigger"), null);
    ti.insert(QStringLiteral("triggerer_job"), null);
    return ti;
}

QJsonObject xcom(const QJsonObject &v1, const QString &dagRunId, const QString &runAfter)
{
    QJsonObject renamed = v1;
    renamed.insert(QStringLiteral("logical_date"), v1.value(QLatin1String("execution_date")));
    renamed.insert(QStringLiteral("run_id"), dagRunId);
    renamed.insert(QStringLiteral("run_after"), runAfter);
    renamed.insert(QStringLiteral("dag_display_name"), v1.value(QLatin1String("dag_id")));
    renamed.insert(QStringLiteral("task_display_name"), v1.value(QLatin1String("task_id")));
    QJsonObject result = pick(renamed, {{"key", QString()},
                                        {"timestamp", QString()},
                                        {"logical_date", null},
                                        {"map_index", -1},
                                        {"task_id", QString()},
                                        {"dag_id", QString()},
                                        {"run_id", QString()},
                                        {"dag_display_name", QString()},
                                        {"task_display_name", QString()},
                                        {"run_after", QString()}});
    if (v1.contains(QLatin1String("value")))
        result.insert(QStringLiteral("value"), v1.value(QLatin1String("value")));
    return result;
}

QJsonObject pool(const QJsonObject &v1)
{
    return pick(v1, {{"name", QString()},
                     {"slots", 0},
                     {"description", null},
                     {"include_deferred", false},
                     {"occupied_slots", 0},
                     {"running_slots", 0},
                     {"queued_slots", 0},
                     {"scheduled_slots", 0},
                     {"open_slots", 0},
                     {"deferred_slots", 0},
                     {"team_name", null}});
}

QJsonObject variable(const QJsonObject &v1)
{
    return pick(v1, {{"key", QString()},
                     {"value", QString()},
                     {"description", null},
                     {"is_encrypted", false},
                     {"team_name", null}});
}

QJsonObject connection(const QJsonObject &v1)
{
    // The password is never shown (Airflow 3 sends it masked or null).
    QJsonObject result = pick(v1, {{"connection_id", QString()},
                                   {"conn_type", QString()},
                                   {"description", null},
                                   {"host", null},
                                   {"login", null},
                                   {"schema", null},
                                   {"port", null},
                                   {"extra", null},
                                   {"team_name", null}});
    result.insert(QStringLiteral("password"), null);
    return result;
}

QJsonObject importError(const QJsonObject &v1)
{
    return pick(v1, {{"import_error_id", 0},
                     {"timestamp", QString()},
                     {"filename", QString()},
                     {"bundle_name", QStringLiteral("dags-folder")},
                     {"stack_trace", QString()}});
}

QJsonObject task(const QJsonObject &v1)
{
    QJsonObject renamed = v1;
    const QJsonValue backoff = v1.value(QLatin1String("retry_exponential_backoff"));
    // A multiplier in Airflow 3 (0: no backoff); a boolean in Airflow 2.
    renamed.insert(QStringLiteral("retry_exponential_backoff"),
                   backoff.isBool() ? (backoff.toBool() ? 2.0 : 0.0) : backoff.toDouble());
    renamed.insert(QStringLiteral("operator_name"),
                   v1.value(QLatin1String("class_ref")).toObject().value(QLatin1String("class_name")));
    return pick(renamed, {{"task_id", null},
                          {"task_display_name", null},
                          {"owner", null},
                          {"start_date", null},
                          {"end_date", null},
                          {"trigger_rule", null},
                          {"depends_on_past", false},
                          {"wait_for_downstream", false},
                          {"retries", null},
                          {"queue", null},
                          {"pool", null},
                          {"pool_slots", null},
                          {"execution_timeout", null},
                          {"retry_delay", null},
                          {"retry_exponential_backoff", 0.0},
                          {"priority_weight", null},
                          {"weight_rule", null},
                          {"ui_color", null},
                          {"ui_fgcolor", null},
                          {"template_fields", null},
                          {"downstream_task_ids", null},
                          {"doc_md", null},
                          {"operator_name", null},
                          {"params", null},
                          {"class_ref", null},
                          {"is_mapped", null},
                          {"extra_links", QJsonArray()}});
}

QJsonObject logMessage(const QString &line)
{
    // "[2025-06-01T12:00:00.000+0000] {source} LEVEL - message", read by hand: logs reach 50 MB.
    const qsizetype stampEnd = line.indexOf(QLatin1String("+0000] {"));
    const qsizetype sourceEnd = stampEnd < 0 ? -1 : line.indexOf(QLatin1String("} "), stampEnd);
    const qsizetype levelEnd = sourceEnd < 0 ? -1 : line.indexOf(QLatin1String(" - "), sourceEnd + 2);
    if (!line.startsWith(u'[') || levelEnd < 0)
        return QJsonObject{{QStringLiteral("event"), line}};
    return QJsonObject{
        {QStringLiteral("timestamp"), QString(line.mid(1, stampEnd - 1) + QStringLiteral("Z"))},
        {QStringLiteral("event"), line.mid(levelEnd + 3)},
        {QStringLiteral("level"), line.mid(sourceEnd + 2, levelEnd - sourceEnd - 2).toLower()},
        {QStringLiteral("logger"), line.mid(stampEnd + 8, sourceEnd - stampEnd - 8)}};
}

ApiResponse detail(int status, const QString &text)
{
    return ApiResponse::json(QJsonObject{{QStringLiteral("detail"), text}}, status);
}

ApiResponse fromProblem(const ApiResponse &v1)
{
    // Airflow 2's plain-text refusals (a disabled connection test) are JSON details in Airflow 3.
    if (v1.status >= 400 && !v1.contentType.contains("json"))
        return detail(v1.status, QString::fromUtf8(v1.body).trimmed());
    if (!v1.contentType.startsWith("application/problem+json"))
        return v1;
    const QJsonObject problem = QJsonDocument::fromJson(v1.body).object();
    QString text = problem.value(QLatin1String("detail")).toString();
    if (text.isEmpty())
        text = problem.value(QLatin1String("title")).toString();
    return detail(v1.status, text);
}

ApiResponse validationError(const QList<Violation> &violations)
{
    QJsonArray items;
    for (const Violation &violation : violations) {
        QJsonArray loc;
        for (const QString &part : violation.loc) {
            bool number = false;
            const int index = part.toInt(&number);
            loc.append(number ? QJsonValue(index) : QJsonValue(part));
        }
        items.append(QJsonObject{{QStringLiteral("type"), violation.type},
                                 {QStringLiteral("loc"), loc},
                                 {QStringLiteral("msg"), violation.msg},
                                 {QStringLiteral("input"), violation.input}});
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("detail"), items}}, 422);
}

} // namespace Windsock::Sandbox::V2Shapes
