#include "v2router.h"

#include "v2requestcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

// V2Router: task instances (PATCH and its dry-run route, tries, clears), the structured logs, XComs and the
// batch lists.
namespace Windsock::Sandbox {

using namespace V2RequestCheck;
using V2Shapes::Violation;

ApiResponse V2Router::taskInstances(const ApiRequest &request, const QStringList &s)
{
    const QByteArray &m = request.method;
    const qsizetype n = s.size();
    if (n == 5 && m == "GET") {
        const ApiResponse answer = v1(request, Call{m, s, v1Query(request.query, true, {})});
        if (!ok(answer))
            return answer;
        QJsonArray items;
        for (const QJsonValue &ti : jsonOf(answer).value(QLatin1String("task_instances")).toArray())
            items.append(taskInstanceJson(ti.toObject()));
        return ApiResponse::json(QJsonObject{
            {QStringLiteral("task_instances"), items},
            {QStringLiteral("total_entries"), jsonOf(answer).value(QLatin1String("total_entries"))}});
    }
    if (n == 6 && m == "GET") {
        const ApiResponse answer = v1(request, Call{m, s});
        return ok(answer) ? ApiResponse::json(taskInstanceJson(jsonOf(answer))) : answer;
    }
    if (n == 6 && m == "PATCH")
        return patchTaskInstance(request, s[1], s[3], s[5], false);
    if (n == 7 && s[6] == QLatin1String("dry_run") && m == "PATCH")
        return patchTaskInstance(request, s[1], s[3], s[5], true);
    if (n == 7 && s[6] == QLatin1String("tries") && m == "GET") {
        QUrlQuery all;
        all.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        const ApiResponse answer = v1(request, Call{m, s, all});
        if (!ok(answer))
            return answer;
        const QString name = dagDisplayName(request, s[1]);
        QJsonArray items;
        for (const QJsonValue &ti : jsonOf(answer).value(QLatin1String("task_instances_history")).toArray())
            items.append(V2Shapes::taskInstanceTry(ti.toObject(), name));
        return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items},
                                             {QStringLiteral("total_entries"), items.size()}});
    }
    if (n >= 7 && s[6] == QLatin1String("xcomEntries") && m == "GET")
        return xcoms(request, s);
    if (n == 8 && s[6] == QLatin1String("logs") && m == "GET")
        return log(request, s);
    return V2Shapes::detail(404, QStringLiteral("Not Found"));
}

ApiResponse V2Router::referencedTaskInstances(const ApiRequest &request, const ApiResponse &references) const
{
    if (!ok(references))
        return references;
    QJsonArray items;
    for (const QJsonValue &reference : jsonOf(references).value(QLatin1String("task_instances")).toArray()) {
        const QJsonObject r = reference.toObject();
        const ApiResponse ti = v1(
            request, Call{QByteArrayLiteral("GET"),
                          {QStringLiteral("dags"), r.value(QLatin1String("dag_id")).toString(),
                           QStringLiteral("dagRuns"), r.value(QLatin1String("dag_run_id")).toString(),
                           QStringLiteral("taskInstances"), r.value(QLatin1String("task_id")).toString()}});
        if (ok(ti))
            items.append(taskInstanceJson(jsonOf(ti)));
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items},
                                         {QStringLiteral("total_entries"), items.size()}});
}

ApiResponse V2Router::patchTaskInstance(const ApiRequest &request, const QString &dagId, const QString &runId,
                                        const QString &taskId, bool dryRun)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid = strictBody(request,
                                                        {{"new_state", Type::String},
                                                         {"note", Type::String},
                                                         {"include_upstream", Type::Bool, false},
                                                         {"include_downstream", Type::Bool, false},
                                                         {"include_future", Type::Bool, false},
                                                         {"include_past", Type::Bool, false}},
                                                        &body))
        return *invalid;
    const QJsonValue newState = body.value(QLatin1String("new_state"));
    if (newState.isString() && newState != QLatin1String("success") && newState != QLatin1String("failed") &&
        newState != QLatin1String("skipped")) {
        return V2Shapes::validationError({Violation{
            QStringLiteral("value_error"),
            {QStringLiteral("body"), QStringLiteral("new_state")},
            QStringLiteral("Value error, 'new_state' should be one of ['success', 'failed', 'skipped']"),
            newState}});
    }
    const QStringList mask = updateMask(request);
    const auto wanted = [&](const char *field) {
        return mask.isEmpty() ? body.contains(QLatin1String(field)) : mask.contains(QLatin1String(field));
    };
    const QStringList ti{QStringLiteral("dags"),          dagId, QStringLiteral("dagRuns"), runId,
                         QStringLiteral("taskInstances"), taskId};
    ApiResponse references = ApiResponse::json(QJsonObject{
        {QStringLiteral("task_instances"), QJsonArray{QJsonObject{{QStringLiteral("dag_id"), dagId},
                                                                  {QStringLiteral("dag_run_id"), runId},
                                                                  {QStringLiteral("task_id"), taskId}}}}});
    if (wanted("new_state")) {
        // With its include_* flags: what v1's updateTaskInstancesState did, dry run included.
        QJsonObject update{{QStringLiteral("dry_run"), dryRun},
                           {QStringLiteral("task_id"), taskId},
                           {QStringLiteral("dag_run_id"), runId},
                           {QStringLiteral("new_state"), newState}};
        for (const char *flag : {"include_upstream", "include_downstream", "include_future", "include_past"})
            update.insert(QLatin1String(flag), body.value(QLatin1String(flag)).toBool(false));
        references =
            v1(request, Call{QByteArrayLiteral("POST"),
                             {QStringLiteral("dags"), dagId, QStringLiteral("updateTaskInstancesState")},
                             {},
                             compact(update)});
        if (!ok(references))
            return references;
    }
    if (wanted("note") && !dryRun) {
        const QJsonValue note = body.value(QLatin1String("note"));
        const ApiResponse noted =
            v1(request,
               Call{QByteArrayLiteral("PATCH"),
                    ti + QStringList{QStringLiteral("setNote")},
                    {},
                    compact({{QStringLiteral("note"), note.isString() ? note : QJsonValue(QString())}})});
        if (!ok(noted))
            return noted;
    }
    return referencedTaskInstances(request, references);
}

ApiResponse V2Router::clearTaskInstances(const ApiRequest &request, const QString &dagId)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid = strictBody(request,
                                                        {{"dry_run", Type::Bool, false},
                                                         {"start_date", Type::String},
                                                         {"end_date", Type::String},
                                                         {"only_failed", Type::Bool, false},
                                                         {"only_running", Type::Bool, false},
                                                         {"reset_dag_runs", Type::Bool, false},
                                                         {"task_ids", Type::Array},
                                                         {"dag_run_id", Type::String},
                                                         {"include_upstream", Type::Bool, false},
                                                         {"include_downstream", Type::Bool, false},
                                                         {"include_future", Type::Bool, false},
                                                         {"include_past", Type::Bool, false},
                                                         {"run_on_latest_version", Type::Bool, false},
                                                         {"prevent_running_task", Type::Bool, false}},
                                                        &body))
        return *invalid;
    body.remove(QStringLiteral("run_on_latest_version"));
    body.remove(QStringLiteral("prevent_running_task"));
    // task_ids may hold [task_id, map_index] pairs in v2; the sandbox has no mapped tasks.
    QJsonArray taskIds;
    for (const QJsonValue &id : body.value(QLatin1String("task_ids")).toArray())
        taskIds.append(id.isArray() ? id.toArray().first() : id);
    if (body.contains(QLatin1String("task_ids")))
        body.insert(QStringLiteral("task_ids"), taskIds);
    for (auto it = body.begin(); it != body.end();)
        it = it.value().isNull() ? body.erase(it) : it + 1;
    if (!body.contains(QLatin1String("reset_dag_runs")))
        body.insert(QStringLiteral("reset_dag_runs"), true); // v2's default
    return referencedTaskInstances(
        request, v1(request, Call{QByteArrayLiteral("POST"),
                                  {QStringLiteral("dags"), dagId, QStringLiteral("clearTaskInstances")},
                                  {},
                                  compact(body)}));
}

ApiResponse V2Router::batch(const ApiRequest &request, const QStringList &s, bool taskInstances)
{
    QJsonObject body;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    const std::initializer_list<Field> common{{"page_offset", Type::Int, false},
                                              {"page_limit", Type::Int, false},
                                              {"order_by", Type::String},
                                              {"dag_ids", Type::Array},
                                              {"logical_date_gte", Type::String},
                                              {"logical_date_lte", Type::String},
                                              {"start_date_gte", Type::String},
                                              {"start_date_lte", Type::String},
                                              {"end_date_gte", Type::String},
                                              {"end_date_lte", Type::String},
                                              {"run_after_gte", Type::String},
                                              {"run_after_lte", Type::String},
                                              {"states", Type::Array},
                                              {"dag_run_ids", Type::Array},
                                              {"task_ids", Type::Array},
                                              {"state", Type::Array},
                                              {"pool", Type::Array},
                                              {"queue", Type::Array},
                                              {"executor", Type::Array}};
    if (std::optional<ApiResponse> invalid = strictBody(request, common, &body))
        return *invalid;
    // The fields of the other batch body are unknown here, as in Airflow's two models.
    static const QList<const char *> runOnlyFields = {"states"};
    static const QList<const char *> taskOnlyFields = {"dag_run_ids", "task_ids", "state",
                                                       "pool",        "queue",    "executor"};
    for (const char *key : taskInstances ? runOnlyFields : taskOnlyFields) {
        if (doc.object().contains(QLatin1String(key)))
            return V2Shapes::validationError({Violation{QStringLiteral("extra_forbidden"),
                                                        {QStringLiteral("body"), QLatin1String(key)},
                                                        QStringLiteral("Extra inputs are not permitted"),
                                                        doc.object().value(QLatin1String(key))}});
    }
    for (const char *bound : {"_gte", "_lte"}) {
        const QString from = QStringLiteral("logical_date") + QLatin1String(bound);
        if (body.contains(from))
            body.insert(QStringLiteral("execution_date") + QLatin1String(bound), body.take(from));
    }
    body.remove(QStringLiteral("run_after_gte"));
    body.remove(QStringLiteral("run_after_lte"));
    body.remove(QStringLiteral("executor"));
    if (!body.contains(QLatin1String("page_limit")))
        body.insert(QStringLiteral("page_limit"), 50);
    const QString orderBy = body.value(QLatin1String("order_by")).toString();
    if (orderBy.endsWith(QLatin1String("logical_date")))
        body.insert(QStringLiteral("order_by"),
                    QString(orderBy).replace(QLatin1String("logical_date"), QLatin1String("execution_date")));
    for (auto it = body.begin(); it != body.end();)
        it = it.value().isNull() ? body.erase(it) : it + 1;
    const ApiResponse answer = v1(request, Call{QByteArrayLiteral("POST"), s, {}, compact(body)});
    if (!ok(answer))
        return answer;
    const QString key = taskInstances ? QStringLiteral("task_instances") : QStringLiteral("dag_runs");
    QJsonArray items;
    for (const QJsonValue &item : jsonOf(answer).value(key).toArray())
        items.append(taskInstances ? taskInstanceJson(item.toObject()) : runJson(item.toObject()));
    return ApiResponse::json(
        QJsonObject{{key, items},
                    {QStringLiteral("total_entries"), jsonOf(answer).value(QLatin1String("total_entries"))}});
}

ApiResponse V2Router::log(const ApiRequest &request, const QStringList &s)
{
    const bool ndjson = request.accept.contains("application/x-ndjson");
    if (!ndjson && !request.accept.isEmpty() && !request.accept.contains("application/json") &&
        !request.accept.contains("*/*"))
        return V2Shapes::detail(406,
                                QStringLiteral("Only application/json or application/x-ndjson is supported"));
    QUrlQuery query;
    if (request.hasQuery(QStringLiteral("token")))
        query.addQueryItem(QStringLiteral("token"), QString::fromLatin1(QUrl::toPercentEncoding(
                                                        request.queryValue(QStringLiteral("token")))));
    // The text comes from v1's plain answer; whether the log has ended, from the task instance (v1's JSON
    // answer would say it too, but builds a Python repr of the whole log).
    const ApiResponse ti = v1(request, Call{QByteArrayLiteral("GET"), s.mid(0, 6)});
    if (!ok(ti))
        return ti;
    const QJsonObject tiJson = jsonOf(ti);
    const bool ended = !tiJson.value(QLatin1String("end_date")).isNull() ||
                       s[7].toInt() < tiJson.value(QLatin1String("try_number")).toInt();
    const ApiResponse plain =
        v1(request, Call{QByteArrayLiteral("GET"), s, query, {}, QByteArrayLiteral("text/plain")});
    if (!ok(plain))
        return plain;
    const QString text =
        QString::fromUtf8(plain.stream ? plain.stream->read(0, plain.stream->size()) : plain.body);
    QJsonArray messages;
    QByteArray lines;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject message = V2Shapes::logMessage(line);
        if (ndjson)
            lines += compact(message) + '\n';
        else
            messages.append(message);
    }
    const QJsonObject metadata =
        QJsonDocument::fromJson(QByteArray::fromBase64(request.queryValue(QStringLiteral("token")).toLatin1(),
                                                       QByteArray::Base64UrlEncoding))
            .object();
    const qint64 position = metadata.value(QLatin1String("log_pos")).toInteger() + text.size();
    const QByteArray token =
        QByteArray(QByteArrayLiteral("{\"end_of_log\":") + (ended ? "true" : "false") +
                   QByteArrayLiteral(",\"log_pos\":") + QByteArray::number(position) + '}')
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (ndjson) {
        ApiResponse answer{200, QByteArrayLiteral("application/x-ndjson"), lines};
        answer.headers.append({QByteArrayLiteral("Airflow-Continuation-Token"), token});
        return answer;
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("content"), messages},
                                         {QStringLiteral("continuation_token"), QString::fromLatin1(token)}});
}

ApiResponse V2Router::xcoms(const ApiRequest &request, const QStringList &s)
{
    const ApiResponse answer =
        v1(request, Call{QByteArrayLiteral("GET"), s, v1Query(request.query, s.size() == 7, {})});
    if (!ok(answer))
        return answer;
    const QJsonObject object = jsonOf(answer);
    const auto shape = [&s](const QJsonObject &entry) {
        return V2Shapes::xcom(entry, s[3], entry.value(QLatin1String("execution_date")).toString());
    };
    if (s.size() == 8)
        return ApiResponse::json(shape(object));
    QJsonArray items;
    for (const QJsonValue &entry : object.value(QLatin1String("xcom_entries")).toArray())
        items.append(shape(entry.toObject()));
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("xcom_entries"), items},
                    {QStringLiteral("total_entries"), object.value(QLatin1String("total_entries"))}});
}

} // namespace Windsock::Sandbox
