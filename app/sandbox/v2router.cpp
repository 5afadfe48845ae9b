#include "v2router.h"

#include "apirouter.h"
#include "sandboxauth.h"
#include "v2requestcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

// V2Router: routing, authentication, DAGs, runs, DAG sources and the resources (pools, variables,
// connections, import errors, config). Task instances, logs, XComs and the batch lists are in
// v2routertasks.cpp.
namespace Windsock::Sandbox {

using namespace V2RequestCheck;

namespace {

const QString v2Prefix = QStringLiteral("/api/v2/");
const QString v1Prefix = QStringLiteral("/api/v1");

QByteArray rawMember(const QByteArray &json, const QByteArray &key)
{
    const QByteArray marker = '"' + key + "\":";
    const qsizetype start = json.indexOf(marker);
    if (start < 0)
        return {};
    qsizetype i = start + marker.size();
    const qsizetype from = i;
    int depth = 0;
    bool inString = false;
    for (; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                break;
            if (--depth == 0) {
                ++i;
                break;
            }
        } else if (c == ',' && depth == 0) {
            break;
        }
    }
    return json.mid(from, i - from);
}

QString runKey(const QString &dagId, const QString &runId)
{
    return dagId + u'\x1f' + runId;
}

} // namespace

V2Router::V2Router(ApiRouter *v1, SandboxAuth *auth)
    : m_v1(v1)
    , m_auth(auth)
{}

ApiResponse V2Router::v1(const ApiRequest &original, const Call &call) const
{
    ApiRequest request;
    request.method = call.method;
    request.segments = call.segments;
    QStringList encoded;
    for (const QString &segment : call.segments)
        encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(segment)));
    request.path = v1Prefix + u'/' + encoded.join(u'/');
    request.query = call.query;
    request.body = call.body;
    request.accept = call.accept;
    request.authorization = original.authorization;
    request.contentType = call.body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json");
    return m_v1->route(request);
}

ApiResponse V2Router::route(const ApiRequest &request)
{
    if (request.path == v1Prefix || request.path.startsWith(v1Prefix + u'/')) {
        return ApiResponse::json(
            QJsonObject{
                {QStringLiteral("error"),
                 QStringLiteral("/api/v1 has been removed in Airflow 3, please use its upgraded version "
                                "/api/v2 instead.")}},
            404);
    }
    if (!request.path.startsWith(v2Prefix)) // /auth/token, or nothing
        return V2Shapes::fromProblem(m_v1->route(request));
    QStringList segments;
    for (const QString &segment : request.path.mid(v2Prefix.size()).split(u'/'))
        segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));

    if (segments == QStringList{QStringLiteral("version")}) {
        return ApiResponse::json(
            QJsonObject{{QStringLiteral("version"), QStringLiteral("3.2.0")},
                        {QStringLiteral("git_version"), QStringLiteral(".release:windsock-sandbox")}});
    }
    if (segments == QStringList{QStringLiteral("monitor"), QStringLiteral("health")})
        return v1(request, Call{request.method, {QStringLiteral("health")}});
    if (std::optional<ApiResponse> refusal = m_auth->refusal(request))
        return V2Shapes::fromProblem(*refusal);
    if (std::optional<ApiResponse> invalid = pagingViolation(request))
        return *invalid;
    return V2Shapes::fromProblem(dispatch(request, segments));
}

ApiResponse V2Router::dispatch(const ApiRequest &request, const QStringList &s)
{
    const qsizetype n = s.size();
    const QByteArray &m = request.method;
    const auto is = [&s, n](qsizetype i, const char *word) { return i < n && s[i] == QLatin1String(word); };
    if (is(0, "dags")) {
        if (n <= 2 || (n == 3 && is(2, "details")))
            return dags(request, s);
        if (n == 3 && is(2, "tasks") && m == "GET") {
            const ApiResponse tasks = v1(request, Call{m, s});
            if (!ok(tasks))
                return tasks;
            QJsonArray items;
            for (const QJsonValue &task : jsonOf(tasks).value(QLatin1String("tasks")).toArray())
                items.append(V2Shapes::task(task.toObject()));
            return ApiResponse::json(QJsonObject{{QStringLiteral("tasks"), items},
                                                 {QStringLiteral("total_entries"), items.size()}});
        }
        if (n == 4 && is(2, "tasks") && m == "GET") {
            const ApiResponse task = v1(request, Call{m, s});
            return ok(task) ? ApiResponse::json(V2Shapes::task(jsonOf(task))) : task;
        }
        if (n == 3 && is(2, "clearTaskInstances") && m == "POST")
            return clearTaskInstances(request, s[1]);
        if (n == 4 && is(1, "~") && is(2, "dagRuns") && is(3, "list") && m == "POST")
            return batch(request, s, false);
        if (n == 6 && is(1, "~") && is(2, "dagRuns") && is(3, "~") && is(4, "taskInstances") &&
            is(5, "list") && m == "POST")
            return batch(request, s, true);
        if (is(2, "dagRuns") && (n <= 4 || (n == 5 && !is(4, "taskInstances"))))
            return dagRuns(request, s);
        if (is(2, "dagRuns") && is(4, "taskInstances"))
            return taskInstances(request, s);
        return V2Shapes::detail(404, QStringLiteral("Not Found"));
    }
    if (n == 2 && is(0, "dagSources") && m == "GET")
        return dagSource(request, s[1]);
    if (n == 1 && is(0, "assets") && m == "GET")
        return m_v1->assets(request, true);
    if (is(0, "pools") || is(0, "variables") || is(0, "connections") || is(0, "importErrors") ||
        is(0, "config"))
        return resources(request, s);
    return V2Shapes::detail(404, QStringLiteral("Not Found"));
}

ApiResponse V2Router::list(const ApiRequest &request, const QStringList &segments, const QString &itemsKey,
                           QJsonObject (*shape)(const QJsonObject &))
{
    const ApiResponse answer =
        v1(request, Call{QByteArrayLiteral("GET"), segments,
                         v1Query(request.query, true, {{"exclude_stale", "only_active"}})});
    if (!ok(answer))
        return answer;
    const QJsonObject page = jsonOf(answer);
    QJsonArray items;
    for (const QJsonValue &item : page.value(itemsKey).toArray())
        items.append(shape(item.toObject()));
    return ApiResponse::json(QJsonObject{
        {itemsKey, items}, {QStringLiteral("total_entries"), page.value(QLatin1String("total_entries"))}});
}

ApiResponse V2Router::one(const ApiRequest &request, const Call &call,
                          QJsonObject (*shape)(const QJsonObject &), int status)
{
    const ApiResponse answer = v1(request, call);
    if (!ok(answer) || answer.status == 204)
        return answer;
    return ApiResponse::json(shape(jsonOf(answer)), status);
}

ApiResponse V2Router::dags(const ApiRequest &request, const QStringList &s)
{
    const QByteArray &m = request.method;
    if (s.size() == 3)
        return m == "GET" ? dagDetails(request, s[1])
                          : V2Shapes::detail(405, QStringLiteral("Method Not Allowed"));
    if (m == "GET" && s.size() == 1)
        return list(request, s, QStringLiteral("dags"), &V2Shapes::dag);
    if (m == "GET")
        return one(request, Call{m, s}, &V2Shapes::dag);
    if (m != "PATCH")
        return V2Shapes::detail(405, QStringLiteral("Method Not Allowed"));
    QJsonObject body;
    if (std::optional<ApiResponse> invalid =
            strictBody(request, {{"is_paused", Type::Bool, false, true}}, &body))
        return *invalid;
    QUrlQuery query = v1Query(request.query, s.size() == 1, {{"exclude_stale", "only_active"}});
    // dag_id_pattern is optional in v2 (every DAG); v1 needs it, with "~" for every DAG.
    if (s.size() == 1 && !query.hasQueryItem(QStringLiteral("dag_id_pattern")))
        query.addQueryItem(QStringLiteral("dag_id_pattern"), QStringLiteral("~"));
    if (!query.hasQueryItem(QStringLiteral("update_mask")))
        query.addQueryItem(QStringLiteral("update_mask"), QStringLiteral("is_paused"));
    const ApiResponse answer = v1(request, Call{m, s, query, compact(body)});
    if (!ok(answer) || s.size() == 2)
        return ok(answer) ? ApiResponse::json(V2Shapes::dag(jsonOf(answer))) : answer;
    QJsonArray items;
    for (const QJsonValue &item : jsonOf(answer).value(QLatin1String("dags")).toArray())
        items.append(V2Shapes::dag(item.toObject()));
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("dags"), items},
                    {QStringLiteral("total_entries"), jsonOf(answer).value(QLatin1String("total_entries"))}});
}

ApiResponse V2Router::dagDetails(const ApiRequest &request, const QString &dagId)
{
    const ApiResponse answer = v1(
        request, Call{QByteArrayLiteral("GET"), {QStringLiteral("dags"), dagId, QStringLiteral("details")}});
    if (!ok(answer))
        return answer;
    // params keep the DAG's declaration order: spliced in as the v1 answer wrote them.
    QJsonObject details = V2Shapes::dagDetails(jsonOf(answer));
    const QByteArray params = rawMember(answer.body, QByteArrayLiteral("params"));
    details.remove(QStringLiteral("params"));
    QByteArray body = compact(details);
    body.chop(1);
    body += ",\"params\":" + (params.isEmpty() ? QByteArrayLiteral("null") : params) + '}';
    return ApiResponse{200, QByteArrayLiteral("application/json"), body};
}

QJsonObject V2Router::runJson(const QJsonObject &v1) const
{
    return V2Shapes::dagRun(
        v1, m_withoutLogicalDate.contains(runKey(v1.value(QLatin1String("dag_id")).toString(),
                                                 v1.value(QLatin1String("dag_run_id")).toString())));
}

QJsonObject V2Router::taskInstanceJson(const QJsonObject &v1) const
{
    const QString dagId = v1.value(QLatin1String("dag_id")).toString();
    return V2Shapes::taskInstance(
        v1, v1.value(QLatin1String("dag_display_name")).toString(dagId),
        m_withoutLogicalDate.contains(runKey(dagId, v1.value(QLatin1String("dag_run_id")).toString())));
}

ApiResponse V2Router::dagRuns(const ApiRequest &request, const QStringList &s)
{
    const QByteArray &m = request.method;
    if (s.size() == 3 && m == "POST")
        return trigger(request, s[1]);
    if (s.size() == 3 && m == "GET") {
        const ApiResponse answer = v1(request, Call{m, s,
                                                    v1Query(request.query, true,
                                                            {{"logical_date_gte", "execution_date_gte"},
                                                             {"logical_date_lte", "execution_date_lte"},
                                                             {"logical_date", "execution_date"},
                                                             {"run_after", "execution_date"}})});
        if (!ok(answer))
            return answer;
        QJsonArray items;
        for (const QJsonValue &run : jsonOf(answer).value(QLatin1String("dag_runs")).toArray())
            items.append(runJson(run.toObject()));
        return ApiResponse::json(QJsonObject{
            {QStringLiteral("dag_runs"), items},
            {QStringLiteral("total_entries"), jsonOf(answer).value(QLatin1String("total_entries"))}});
    }
    if (s.size() == 4 && m == "GET") {
        const ApiResponse answer = v1(request, Call{m, s});
        return ok(answer) ? ApiResponse::json(runJson(jsonOf(answer))) : answer;
    }
    if (s.size() == 4 && m == "DELETE")
        return v1(request, Call{m, s});
    if (s.size() == 4 && m == "PATCH")
        return patchRun(request, s[1], s[3]);
    if (s.size() == 5 && s[4] == QLatin1String("clear") && m == "POST")
        return clearRun(request, s[1], s[3]);
    if (s.size() == 5)
        return V2Shapes::detail(404, QStringLiteral("Not Found"));
    return V2Shapes::detail(405, QStringLiteral("Method Not Allowed"));
}

ApiResponse V2Router::trigger(const ApiRequest &request, const QString &dagId)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid = strictBody(request,
                                                        {{"dag_run_id", Type::String},
                                                         {"data_interval_start", Type::String},
                                                         {"data_interval_end", Type::String},
                                                         {"logical_date", Type::String, true, true},
                                                         {"run_after", Type::String},
                                                         {"conf", Type::Object},
                                                         {"note", Type::String},
                                                         {"partition_key", Type::String}},
                                                        &body))
        return *invalid;
    const bool withoutLogicalDate = body.value(QLatin1String("logical_date")).isNull();
    QJsonObject v1Body;
    for (const char *key :
         {"dag_run_id", "logical_date", "data_interval_start", "data_interval_end", "note"}) {
        if (body.value(QLatin1String(key)).isString())
            v1Body.insert(QLatin1String(key), body.value(QLatin1String(key)));
    }
    v1Body.insert(QStringLiteral("conf"), body.value(QLatin1String("conf")).toObject());
    const ApiResponse answer = v1(request, Call{QByteArrayLiteral("POST"),
                                                {QStringLiteral("dags"), dagId, QStringLiteral("dagRuns")},
                                                {},
                                                compact(v1Body)});
    if (!ok(answer))
        return answer;
    const QJsonObject run = jsonOf(answer);
    if (withoutLogicalDate)
        m_withoutLogicalDate.insert(runKey(dagId, run.value(QLatin1String("dag_run_id")).toString()));
    return ApiResponse::json(runJson(run));
}

ApiResponse V2Router::patchRun(const ApiRequest &request, const QString &dagId, const QString &runId)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid =
            strictBody(request, {{"state", Type::String}, {"note", Type::String}}, &body))
        return *invalid;
    const QStringList mask = updateMask(request);
    for (const QString &field : mask) {
        if (field != QLatin1String("state") && field != QLatin1String("note"))
            return V2Shapes::detail(400, QStringLiteral("Invalid fields to update: ['%1']").arg(field));
    }
    const QStringList run{QStringLiteral("dags"), dagId, QStringLiteral("dagRuns"), runId};
    const auto wanted = [&](const char *field) {
        return mask.isEmpty() ? body.contains(QLatin1String(field)) : mask.contains(QLatin1String(field));
    };
    if (wanted("state")) {
        const ApiResponse marked =
            v1(request, Call{QByteArrayLiteral("PATCH"),
                             run,
                             {},
                             compact({{QStringLiteral("state"), body.value(QLatin1String("state"))}})});
        if (!ok(marked))
            return marked;
    }
    if (wanted("note")) {
        const QJsonValue note = body.value(QLatin1String("note"));
        const ApiResponse noted =
            v1(request,
               Call{QByteArrayLiteral("PATCH"),
                    run + QStringList{QStringLiteral("setNote")},
                    {},
                    compact({{QStringLiteral("note"), note.isString() ? note : QJsonValue(QString())}})});
        if (!ok(noted))
            return noted;
    }
    const ApiResponse answer = v1(request, Call{QByteArrayLiteral("GET"), run});
    return ok(answer) ? ApiResponse::json(runJson(jsonOf(answer))) : answer;
}

ApiResponse V2Router::clearRun(const ApiRequest &request, const QString &dagId, const QString &runId)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid = strictBody(request,
                                                        {{"dry_run", Type::Bool, false},
                                                         {"only_failed", Type::Bool, false},
                                                         {"run_on_latest_version", Type::Bool, false}},
                                                        &body))
        return *invalid;
    const bool dryRun = body.value(QLatin1String("dry_run")).toBool(true);
    const ApiResponse answer =
        v1(request,
           Call{QByteArrayLiteral("POST"),
                {QStringLiteral("dags"), dagId, QStringLiteral("dagRuns"), runId, QStringLiteral("clear")},
                {},
                compact({{QStringLiteral("dry_run"), dryRun}})});
    if (!ok(answer))
        return answer;
    if (!dryRun)
        return ApiResponse::json(runJson(jsonOf(answer)));
    QJsonArray items;
    for (const QJsonValue &ti : jsonOf(answer).value(QLatin1String("task_instances")).toArray())
        items.append(taskInstanceJson(ti.toObject()));
    return ApiResponse::json(QJsonObject{{QStringLiteral("task_instances"), items},
                                         {QStringLiteral("total_entries"), items.size()}});
}

QString V2Router::dagDisplayName(const ApiRequest &request, const QString &dagId) const
{
    const ApiResponse dag = v1(request, Call{QByteArrayLiteral("GET"), {QStringLiteral("dags"), dagId}});
    return jsonOf(dag).value(QLatin1String("dag_display_name")).toString(dagId);
}

ApiResponse V2Router::dagSource(const ApiRequest &request, const QString &dagId)
{
    const ApiResponse dag = v1(request, Call{QByteArrayLiteral("GET"), {QStringLiteral("dags"), dagId}});
    if (!ok(dag))
        return dag;
    const QJsonObject dagJson = jsonOf(dag);
    const bool plain = request.accept.contains("text/plain");
    const ApiResponse source = v1(
        request, Call{QByteArrayLiteral("GET"),
                      {QStringLiteral("dagSources"), dagJson.value(QLatin1String("file_token")).toString()},
                      {},
                      {},
                      plain ? QByteArrayLiteral("text/plain") : QByteArrayLiteral("application/json")});
    if (!ok(source) || plain)
        return source;
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("content"), jsonOf(source).value(QLatin1String("content"))},
                    {QStringLiteral("dag_id"), dagId},
                    {QStringLiteral("version_number"), 1},
                    {QStringLiteral("dag_display_name"),
                     dagJson.value(QLatin1String("dag_display_name")).toString(dagId)}});
}

ApiResponse V2Router::resources(const ApiRequest &request, const QStringList &s)
{
    const QByteArray &m = request.method;
    const QString &collection = s[0];
    if (collection == QLatin1String("config"))
        return s.size() == 1 && m == "GET" ? v1(request, Call{m, s, request.query, {}, request.accept})
                                           : V2Shapes::detail(404, QStringLiteral("Not Found"));
    QJsonObject (*shape)(const QJsonObject &) =
        collection == QLatin1String("pools")         ? &V2Shapes::pool
        : collection == QLatin1String("variables")   ? &V2Shapes::variable
        : collection == QLatin1String("connections") ? &V2Shapes::connection
                                                     : &V2Shapes::importError;
    const QString itemsKey =
        collection == QLatin1String("importErrors") ? QStringLiteral("import_errors") : collection;
    if (s.size() == 1 && m == "GET") {
        ApiResponse page = list(request, s, itemsKey, shape);
        if (!ok(page) ||
            (collection != QLatin1String("variables") && collection != QLatin1String("connections")))
            return page;
        // v2 lists carry each variable's value and each connection's extra; v1's lists do not.
        QJsonObject object = jsonOf(page);
        QJsonArray items;
        const QString idKey = collection == QLatin1String("variables") ? QStringLiteral("key")
                                                                       : QStringLiteral("connection_id");
        for (const QJsonValue &item : object.value(itemsKey).toArray()) {
            const ApiResponse full =
                v1(request, Call{m, {collection, item.toObject().value(idKey).toString()}});
            items.append(ok(full) ? shape(jsonOf(full)) : item);
        }
        object.insert(itemsKey, items);
        return ApiResponse::json(object);
    }
    if (m == "PATCH" && s.size() == 1 && collection != QLatin1String("importErrors"))
        return bulk(request, collection);
    if (collection == QLatin1String("importErrors"))
        return m == "GET" ? one(request, Call{m, s}, shape)
                          : V2Shapes::detail(405, QStringLiteral("Method Not Allowed"));
    if (m == "GET" && s.size() == 2)
        return one(request, Call{m, s}, shape);
    if (m == "DELETE" && s.size() == 2)
        return v1(request, Call{m, s});

    QJsonObject body;
    std::optional<ApiResponse> invalid;
    QUrlQuery query;
    QStringList mask = updateMask(request);
    if (collection == QLatin1String("pools")) {
        if (m == "POST") {
            invalid = strictBody(request,
                                 {{"name", Type::String, false, true},
                                  {"slots", Type::Int, false, true},
                                  {"description", Type::String},
                                  {"include_deferred", Type::Bool, false},
                                  {"team_name", Type::String}},
                                 &body);
        } else {
            invalid = strictBody(request,
                                 {{"pool", Type::String},
                                  {"slots", Type::Int},
                                  {"description", Type::String},
                                  {"include_deferred", Type::Bool},
                                  {"team_name", Type::String}},
                                 &body);
            // v1 names the pool "name" and always wants it in the body.
            body.insert(QStringLiteral("name"), body.value(QLatin1String("pool")).toString(s.value(1)));
            body.remove(QStringLiteral("pool"));
            for (QString &field : mask)
                if (field == QLatin1String("pool"))
                    field = QStringLiteral("name");
            if (mask.isEmpty())
                mask = body.keys();
        }
        body.remove(QStringLiteral("team_name"));
    } else if (collection == QLatin1String("variables")) {
        invalid = strictBody(request,
                             {{"key", Type::String, false, true},
                              {"value", Type::Any, true, true},
                              {"description", Type::String},
                              {"team_name", Type::String}},
                             &body);
        body.remove(QStringLiteral("team_name"));
        const QJsonValue value = body.value(QLatin1String("value"));
        if (!value.isString()) // JsonValue: stored as its JSON text
            body.insert(
                QStringLiteral("value"),
                QString::fromUtf8(
                    QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1)));
        if (body.value(QLatin1String("description")).isNull())
            body.insert(QStringLiteral("description"), QString());
        // v1 refuses update_mask=value (Airflow 2 loads it as "val"): without a mask, v1 takes the whole
        // body.
        if (mask.contains(QLatin1String("value")))
            mask.clear();
    } else {
        const bool test = s.size() == 2 && s[1] == QLatin1String("test");
        invalid = strictBody(request,
                             {{"connection_id", Type::String, false, true},
                              {"conn_type", Type::String, false, true},
                              {"description", Type::String},
                              {"host", Type::String},
                              {"login", Type::String},
                              {"schema", Type::String},
                              {"port", Type::Int},
                              {"password", Type::String},
                              {"extra", Type::String},
                              {"team_name", Type::String}},
                             &body);
        body.remove(QStringLiteral("team_name"));
        if (test)
            return invalid ? *invalid : v1(request, Call{m, s, {}, compact(body)});
    }
    if (invalid)
        return *invalid;
    for (const QString &field : mask)
        query.addQueryItem(QStringLiteral("update_mask"), field);
    if (m == "POST" && s.size() == 1 && collection == QLatin1String("variables")) {
        // Airflow 2 overwrites an existing key; Airflow 3's unique constraint refuses it.
        const QString key = body.value(QLatin1String("key")).toString();
        if (ok(v1(request, Call{QByteArrayLiteral("GET"), {collection, key}}))) {
            return ApiResponse::json(
                QJsonObject{
                    {QStringLiteral("detail"),
                     QJsonObject{{QStringLiteral("reason"), QStringLiteral("Unique constraint violation")},
                                 {QStringLiteral("statement"),
                                  QStringLiteral("INSERT INTO variable (key, val, description) VALUES "
                                                 "(?, ?, ?)")},
                                 {QStringLiteral("orig_error"),
                                  QStringLiteral("UNIQUE constraint failed: variable.key")},
                                 {QStringLiteral("message"),
                                  QStringLiteral("The variable with key `%1` already exists").arg(key)}}}},
                409);
        }
    }
    if (m == "POST" && s.size() == 1)
        return one(request, Call{m, s, {}, compact(body)}, shape, 201);
    if (m == "PATCH" && s.size() == 2)
        return one(request, Call{m, s, query, compact(body)}, shape);
    return V2Shapes::detail(405, QStringLiteral("Method Not Allowed"));
}

} // namespace Windsock::Sandbox
