#include "experimentalrouter.h"

#include "airflowtime.h"
#include "apirequest.h"
#include "experimentalshapes.h"
#include "resourcestore.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

const QString prefix = QStringLiteral("/api/experimental/");
const QByteArray htmlType = QByteArrayLiteral("text/html; charset=utf-8");
// Pool.pool is a String(50) column in 1.10.
constexpr int poolNameLength = 50;

ApiResponse error(const QString &message, int status)
{
    return ApiResponse::json(ExperimentalShapes::error(message), status);
}

ApiResponse html(int status, const QByteArray &body)
{
    return ApiResponse{status, htmlType, body};
}

// The RBAC webserver's 404 page (views.circles), for every path it has no route for.
ApiResponse notFoundPage()
{
    return html(404, QByteArrayLiteral("<!DOCTYPE html>\n<html>\n<head><title>Airflow 404 = lots of "
                                       "circles</title></head>\n<body>\n<h1>Airflow 404 = lots of "
                                       "circles</h1>\n<p>The requested URL was not found on the server.</p>\n"
                                       "</body>\n</html>\n"));
}

ApiResponse methodNotAllowedPage(const QByteArrayList &methods)
{
    ApiResponse answer =
        html(405, QByteArrayLiteral("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
                                    "<title>405 Method Not Allowed</title>\n"
                                    "<h1>Method Not Allowed</h1>\n"
                                    "<p>The method is not allowed for the requested URL.</p>\n"));
    answer.headers.append({QByteArrayLiteral("Allow"), methods.join(", ")});
    return answer;
}

// request.get_json(force=True) on a body that is not JSON: Werkzeug's HTML 400.
ApiResponse undecodableBody(const QJsonParseError &parseError)
{
    return html(400, QByteArrayLiteral("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
                                       "<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n"
                                       "<p>Failed to decode JSON object: ") +
                         parseError.errorString().toHtmlEscaped().toUtf8() + QByteArrayLiteral("</p>\n"));
}

// The body as a JSON object; a body that is JSON but not an object makes 1.10 fail with a TypeError (500),
// the sandbox says why with a 400.
std::optional<QJsonObject> bodyObject(const ApiRequest &request, ApiResponse *answer)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *answer = undecodableBody(parseError);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *answer = error(QStringLiteral("The request body must be a JSON object"), 400);
        return std::nullopt;
    }
    return doc.object();
}

QString badDate(const QString &text)
{
    return QStringLiteral("Given execution date, '") + text +
           QStringLiteral("', could not be identified as a date. Example date format: "
                          "2015-11-16T14:34:15+00:00");
}

// airflow.utils.strings.to_boolean, applied to str() of the value (a JSON true is "True" there).
bool toBoolean(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isBool())
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (value.isDouble())
        text = QString::number(value.toDouble());
    static const QStringList truthy{QStringLiteral("true"), QStringLiteral("t"), QStringLiteral("y"),
                                    QStringLiteral("yes"), QStringLiteral("1")};
    return truthy.contains(text.toLower());
}

// How "{}".format(value) shows a JSON value in a message: text as is, null as None, the rest as JSON.
QString pythonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return QStringLiteral("None");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

bool blank(const QString &name)
{
    return name.trimmed().isEmpty();
}

} // namespace

ExperimentalRouter::ExperimentalRouter(SandboxState *state, const SandboxOptions &options)
    : m_state(state)
    , m_authMode(options.experimentalAuth)
    , m_users(options.users)
    , m_dagSources(state)
{}

ApiResponse ExperimentalRouter::route(const ApiRequest &request)
{
    // The webserver's /health (no authentication), which 1.10.15 has beside the API.
    if (request.path == QLatin1String("/health")) {
        if (request.method != "GET" && request.method != "HEAD")
            return methodNotAllowedPage({"GET", "HEAD", "OPTIONS"});
        return health();
    }
    if (!request.path.startsWith(prefix))
        return notFoundPage(); // /api/v1, /api/v2 and everything else
    QStringList segments;
    for (const QString &segment : request.path.mid(prefix.size()).split(u'/')) {
        if (segment.isEmpty()) // Werkzeug's string converter needs a character; no rule ends with '/'
            return notFoundPage();
        segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    }
    const std::optional<Route> found = match(request, segments);
    if (!found)
        return notFoundPage();
    QByteArrayList allowed = found->methods;
    if (allowed.contains("GET"))
        allowed.append("HEAD");
    allowed.append("OPTIONS");
    std::sort(allowed.begin(), allowed.end());
    if (request.method == "OPTIONS") { // Flask's automatic OPTIONS: the Allow header, nothing to check
        ApiResponse answer = html(200, QByteArray());
        answer.headers.append({QByteArrayLiteral("Allow"), allowed.join(", ")});
        return answer;
    }
    if (!allowed.contains(request.method))
        return methodNotAllowedPage(allowed);
    if (std::optional<ApiResponse> refused = refusal(request))
        return *refused;
    return found->call(request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method);
}

std::optional<ExperimentalRouter::Route> ExperimentalRouter::match(const ApiRequest &request,
                                                                   const QStringList &s)
{
    const qsizetype n = s.size();
    const auto is = [&s, n](qsizetype i, const char *word) { return i < n && s[i] == QLatin1String(word); };
    const QByteArrayList get{"GET"};
    if (n == 1 && is(0, "test"))
        return Route{
            get, [](const QByteArray &) {
                return ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("OK")}});
            }};
    if (n == 1 && is(0, "latest_runs"))
        return Route{get, [this](const QByteArray &) { return latestRuns(); }};
    if (n == 1 && is(0, "pools"))
        return Route{{"GET", "POST"}, [this, &request](const QByteArray &method) {
                         return method == "POST" ? createPool(request) : pools();
                     }};
    if (n == 2 && is(0, "pools"))
        return Route{{"GET", "DELETE"}, [this, name = s[1]](const QByteArray &method) {
                         return method == "DELETE" ? deletePool(name) : pool(name);
                     }};
    if (n < 3 || !is(0, "dags"))
        return std::nullopt;
    const QString dagId = s[1];
    if (n == 3 && is(2, "dag_runs"))
        return Route{{"GET", "POST"}, [this, &request, dagId](const QByteArray &method) {
                         return method == "POST" ? trigger(request, dagId) : dagRuns(request, dagId);
                     }};
    if (n == 4 && is(2, "dag_runs"))
        return Route{get,
                     [this, dagId, date = s[3]](const QByteArray &) { return dagRunState(dagId, date); }};
    if (n == 6 && is(2, "dag_runs") && is(4, "tasks"))
        return Route{get, [this, dagId, date = s[3], taskId = s[5]](const QByteArray &) {
                         return taskInstance(dagId, date, taskId);
                     }};
    if (n == 4 && is(2, "tasks"))
        return Route{get, [this, &request, dagId, taskId = s[3]](const QByteArray &) {
                         return task(request, dagId, taskId);
                     }};
    if (n == 3 && is(2, "code"))
        return Route{get, [this, dagId](const QByteArray &) { return code(dagId); }};
    if (n == 3 && is(2, "paused"))
        return Route{get, [this, dagId](const QByteArray &) { return paused(dagId); }};
    if (n == 4 && is(2, "paused"))
        return Route{get,
                     [this, dagId, value = s[3]](const QByteArray &) { return setPaused(dagId, value); }};
    return std::nullopt;
}

std::optional<ApiResponse> ExperimentalRouter::refusal(const ApiRequest &request) const
{
    switch (m_authMode) {
    case ExperimentalAuth::Default:
        return std::nullopt;
    case ExperimentalAuth::DenyAll: // airflow.api.auth.backend.deny_all: Response("Forbidden", 403)
        return html(403, QByteArrayLiteral("Forbidden"));
    case ExperimentalAuth::Basic:
        break;
    }
    // airflow.contrib.auth.backends.password_auth: Response("Unauthorized", 401, {"WWW-Authenticate":
    // "Basic"}), without a realm, when the header is missing or the user or password is wrong. It does not
    // look at the scheme and fails with a 500 on a header it cannot decode; the sandbox answers 401.
    const QList<QByteArray> parts = request.authorization.trimmed().split(' ');
    if (parts.size() >= 2) {
        const QByteArray decoded = QByteArray::fromBase64(parts.mid(1).join());
        const qsizetype colon = decoded.indexOf(':');
        const QString user = QString::fromUtf8(decoded.left(colon));
        const QString password = QString::fromUtf8(decoded.mid(colon + 1));
        for (const auto &known : m_users) {
            if (colon >= 0 && known.first == user && known.second == password)
                return std::nullopt;
        }
    }
    ApiResponse unauthorized = html(401, QByteArrayLiteral("Unauthorized"));
    unauthorized.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic")});
    return unauthorized;
}

ApiResponse ExperimentalRouter::health() const
{
    const QString beat = AirflowTime::iso(m_state->nowMs() - 2000);
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("metadatabase"), QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")}}},
        {QStringLiteral("scheduler"), QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                                  {QStringLiteral("latest_scheduler_heartbeat"), beat}}}});
}

int ExperimentalRouter::dagIndex(const QString &dagId, ApiResponse *answer) const
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        *answer = error(QStringLiteral("Dag id ") + dagId + QStringLiteral(" not found"), 404);
    return index;
}

std::optional<DagRun> ExperimentalRouter::runAt(int index, const QString &date, ApiResponse *answer) const
{
    const std::optional<qint64> micros = ExperimentalShapes::parseDate(date);
    if (!micros) {
        *answer = error(badDate(date), 400);
        return std::nullopt;
    }
    // dag.get_dagrun(execution_date=...) matches the date exactly; the sandbox's dates are whole ms.
    if (*micros % 1000 == 0) {
        for (const DagRun &run : m_state->runs(index)) {
            if (run.logicalMs * 1000 == *micros)
                return run;
        }
    }
    *answer = error(QStringLiteral("Dag Run for date ") + ExperimentalShapes::isoMicros(*micros) +
                        QStringLiteral(" not found in dag ") + m_state->dag(index).dagId,
                    404);
    return std::nullopt;
}

ApiResponse ExperimentalRouter::trigger(const ApiRequest &request, const QString &dagId)
{
    ApiResponse answer;
    const std::optional<QJsonObject> body = bodyObject(request, &answer);
    if (!body)
        return answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;

    DagRunTrigger trigger;
    const QJsonValue runId = body->value(QLatin1String("run_id"));
    if (!runId.isUndefined() && !runId.isNull() && !runId.isString())
        return error(QStringLiteral("run_id must be a string"), 400);
    trigger.runId = runId.toString();

    // conf: a dict, or a JSON text that _trigger_dag json.loads. A falsy conf ({} or "") means none. Text
    // that is not JSON, or JSON that is no object, fails in 1.10 with a ValueError (a 500); here it is a 400.
    const QJsonValue conf = body->value(QLatin1String("conf"));
    if (conf.isObject()) {
        trigger.conf = conf.toObject();
    } else if (conf.isString() && !conf.toString().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument decoded = QJsonDocument::fromJson(conf.toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return error(QStringLiteral("conf is not valid JSON: ") + parseError.errorString(), 400);
        if (!decoded.isObject())
            return error(QStringLiteral("conf must be a JSON object"), 400);
        trigger.conf = decoded.object();
    } else if (!conf.isUndefined() && !conf.isNull() && !(conf.isString() && conf.toString().isEmpty())) {
        return error(QStringLiteral("conf must be a JSON object"), 400);
    }

    const QJsonValue date = body->value(QLatin1String("execution_date"));
    const bool hasDate = !date.isUndefined() && !date.isNull();
    qint64 micros = m_state->nowMs() * 1000;
    if (hasDate) {
        const std::optional<qint64> parsed =
            date.isString() ? ExperimentalShapes::parseDate(date.toString()) : std::nullopt;
        if (!parsed) {
            return error(badDate(pythonText(date)), 400);
        }
        micros = *parsed;
    }
    // replace_microseconds defaults to true only when no execution_date is given.
    const QJsonValue replace = body->value(QLatin1String("replace_microseconds"));
    const bool replaceMicroseconds = replace.isUndefined() ? !hasDate : toBoolean(replace);
    if (replaceMicroseconds)
        micros -= ((micros % 1000000) + 1000000) % 1000000;
    // The sandbox keeps dates in whole milliseconds: finer microseconds are dropped.
    trigger.logicalMs = micros >= 0 ? micros / 1000 : (micros - 999) / 1000;

    const QString isoDate = AirflowTime::iso(trigger.logicalMs);
    if (trigger.runId.isEmpty())
        trigger.runId = QStringLiteral("manual__") + isoDate;
    if (m_state->findRun(index, trigger.runId))
        return error(QStringLiteral("Run id ") + trigger.runId +
                         QStringLiteral(" already exists for dag id ") + dagId,
                     400);
    // 1.10 fails here on the (dag_id, execution_date) unique constraint with an IntegrityError (a 500); the
    // sandbox answers 400 as for a taken run_id, naming the date.
    if (m_state->hasLogicalDate(index, trigger.logicalMs))
        return error(QStringLiteral("Dag Run for date ") + isoDate +
                         QStringLiteral(" already exists for dag id ") + dagId,
                     400);
    const DagRun run = m_state->trigger(index, trigger);
    // "Created {}".format(dr): DagRun.__repr__ with str() of the datetime the database gives back.
    const QString message = QStringLiteral("Created <DagRun ") + dagId + QStringLiteral(" @ ") +
                            ExperimentalShapes::pythonStr(run.logicalMs) + QStringLiteral(": ") + run.runId +
                            QStringLiteral(", externally triggered: True>");
    return ApiResponse::json(QJsonObject{{QStringLiteral("message"), message},
                                         {QStringLiteral("execution_date"), AirflowTime::iso(run.logicalMs)},
                                         {QStringLiteral("run_id"), run.runId}});
}

ApiResponse ExperimentalRouter::dagRuns(const ApiRequest &request, const QString &dagId) const
{
    // 1.10.15's get_dag_runs raises a plain AirflowException for an unknown DAG, which this endpoint turns
    // into a 400; the sandbox answers 404 like every other unknown DAG.
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    const QString state = request.queryValue(QStringLiteral("state")).toLower();
    QVector<DagRun> runs = m_state->runs(index);
    // DagRun.find orders by execution_date.
    std::stable_sort(runs.begin(), runs.end(),
                     [](const DagRun &a, const DagRun &b) { return a.logicalMs < b.logicalMs; });
    QJsonArray items;
    for (const DagRun &run : runs) {
        const QJsonObject item = ExperimentalShapes::dagRun(*m_state, run);
        if (state.isEmpty() || item.value(QLatin1String("state")).toString() == state)
            items.append(item);
    }
    return ApiResponse{200, QByteArrayLiteral("application/json"),
                       QJsonDocument(items).toJson(QJsonDocument::Compact)};
}

ApiResponse ExperimentalRouter::dagRunState(const QString &dagId, const QString &date) const
{
    // The date is parsed before the DAG is looked up, as in dag_run_status.
    if (!ExperimentalShapes::parseDate(date))
        return error(badDate(date), 400);
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    const std::optional<DagRun> run = runAt(index, date, &answer);
    if (!run)
        return answer;
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("state"), ExperimentalShapes::runState(m_state->progress(*run))}});
}

ApiResponse ExperimentalRouter::taskInstance(const QString &dagId, const QString &date,
                                             const QString &taskId) const
{
    if (!ExperimentalShapes::parseDate(date))
        return error(badDate(date), 400);
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    const DagModel &dag = m_state->dag(index);
    const auto task = std::find_if(dag.tasks.cbegin(), dag.tasks.cend(),
                                   [&taskId](const DagTask &t) { return t.taskId == taskId; });
    if (task == dag.tasks.cend())
        return error(QStringLiteral("Task ") + taskId + QStringLiteral(" not found in dag ") + dagId, 404);
    const std::optional<DagRun> run = runAt(index, date, &answer);
    if (!run)
        return answer;
    const int taskIndex = int(task - dag.tasks.cbegin());
    for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
        if (ti.taskIndex == taskIndex)
            return ApiResponse::json(ExperimentalShapes::taskInstance(*m_state, *run, ti));
    }
    return error(QStringLiteral("Task ") + taskId + QStringLiteral(" instance for date ") +
                     AirflowTime::iso(run->logicalMs) + QStringLiteral(" not found"),
                 404);
}

ApiResponse ExperimentalRouter::task(const ApiRequest &request, const QString &dagId,
                                     const QString &taskId) const
{
    ApiResponse answer;
    if (dagIndex(dagId, &answer) < 0)
        return answer;
    // The v1 sandbox's task list is the one description of the DAG's operators: reshape its entry.
    const ApiResponse tasks = m_dagSources.tasks(request, dagId);
    const QJsonArray list =
        QJsonDocument::fromJson(tasks.body).object().value(QLatin1String("tasks")).toArray();
    for (const QJsonValue &entry : list) {
        if (entry.toObject().value(QLatin1String("task_id")).toString() == taskId)
            return ApiResponse::json(ExperimentalShapes::task(entry.toObject()));
    }
    return error(QStringLiteral("Task ") + taskId + QStringLiteral(" not found in dag ") + dagId, 404);
}

ApiResponse ExperimentalRouter::code(const QString &dagId) const
{
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    // get_code returns the file's text, which Flask sends as text/html.
    return html(200, DagSourcesHandler::pythonSource(m_state->dag(index)).toUtf8());
}

ApiResponse ExperimentalRouter::paused(const QString &dagId) const
{
    // An unknown DAG makes 1.10's get_dag_paused raise DagNotFound uncaught (a 500); here it is the 404.
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    return ApiResponse::json(QJsonObject{{QStringLiteral("is_paused"), m_state->dag(index).isPaused}});
}

ApiResponse ExperimentalRouter::setPaused(const QString &dagId, const QString &value)
{
    // GET /paused/<value> pauses when value == 'true' and unpauses for anything else, as dag_paused does.
    // An unknown DAG is an AttributeError on None there (a 500); here it is the 404.
    ApiResponse answer;
    const int index = dagIndex(dagId, &answer);
    if (index < 0)
        return answer;
    m_state->setPaused(index, value == QLatin1String("true"));
    return ApiResponse::json(QJsonObject{{QStringLiteral("response"), QStringLiteral("ok")}});
}

ApiResponse ExperimentalRouter::latestRuns() const
{
    // DagRun.get_latest_runs: the run with the newest execution_date of each DAG (here in dag_id order).
    QJsonArray items;
    for (int index : m_state->dagIdOrder()) {
        const QVector<DagRun> runs = m_state->runs(index);
        if (runs.isEmpty())
            continue;
        const DagRun &latest =
            *std::max_element(runs.cbegin(), runs.cend(),
                              [](const DagRun &a, const DagRun &b) { return a.logicalMs < b.logicalMs; });
        const QString dagId = m_state->dag(index).dagId;
        items.append(QJsonObject{
            {QStringLiteral("dag_id"), dagId},
            {QStringLiteral("execution_date"), AirflowTime::iso(latest.logicalMs)},
            {QStringLiteral("start_date"), AirflowTime::iso(latest.queuedWallMs)},
            {QStringLiteral("dag_run_url"), ExperimentalShapes::dagRunUrl(dagId, latest.logicalMs)}});
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("items"), items}});
}

ApiResponse ExperimentalRouter::pools() const
{
    QJsonArray items;
    for (const SandboxPool &p : m_state->resources().pools)
        items.append(ExperimentalShapes::pool(p));
    return ApiResponse{200, QByteArrayLiteral("application/json"),
                       QJsonDocument(items).toJson(QJsonDocument::Compact)};
}

ApiResponse ExperimentalRouter::pool(const QString &name) const
{
    if (blank(name))
        return error(QStringLiteral("Pool name shouldn't be empty"), 400);
    const int index = m_state->resources().poolIndex(name);
    if (index < 0)
        return error(QStringLiteral("Pool '") + name + QStringLiteral("' doesn't exist"), 404);
    return ApiResponse::json(ExperimentalShapes::pool(m_state->resources().pools.at(index)));
}

ApiResponse ExperimentalRouter::createPool(const ApiRequest &request)
{
    ApiResponse answer;
    const std::optional<QJsonObject> body = bodyObject(request, &answer);
    if (!body)
        return answer;
    // create_pool(**params) takes exactly name, slots and description: another key, or a missing name or
    // slots, is a TypeError (a 500) in 1.10; the sandbox answers 400 and lets description default to null.
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != QLatin1String("name") && it.key() != QLatin1String("slots") &&
            it.key() != QLatin1String("description"))
            return error(
                QStringLiteral("create_pool() got an unexpected keyword argument '") + it.key() + u'\'', 400);
    }
    const QJsonValue nameValue = body->value(QLatin1String("name"));
    const QString name = nameValue.toString();
    if (!nameValue.isString() || blank(name))
        return error(QStringLiteral("Pool name shouldn't be empty"), 400);
    // int(slots): an integer, an integral float's floor, or text of an integer.
    const QJsonValue slotsValue = body->value(QLatin1String("slots"));
    bool good = false;
    int slots = 0;
    if (slotsValue.isDouble()) {
        slots = int(slotsValue.toDouble());
        good = true;
    } else if (slotsValue.isBool()) {
        slots = slotsValue.toBool() ? 1 : 0;
        good = true;
    } else if (slotsValue.isString()) {
        slots = slotsValue.toString().trimmed().toInt(&good);
    }
    if (!good) {
        return error(QStringLiteral("Bad value for `slots`: ") + pythonText(slotsValue), 400);
    }
    if (name.size() > poolNameLength)
        return error(QStringLiteral("Pool name can't be more than %1 characters").arg(poolNameLength), 400);
    const QJsonValue description = body->value(QLatin1String("description"));
    ResourceStore &store = m_state->resources();
    const int index = store.poolIndex(name);
    // An existing pool is updated: its slots and description are replaced.
    if (index >= 0) {
        SandboxPool &changed = store.pools[index];
        changed.slots = slots;
        changed.description = description.isString() ? description : QJsonValue(QJsonValue::Null);
        return ApiResponse::json(ExperimentalShapes::pool(changed));
    }
    SandboxPool created;
    created.id = store.nextId();
    created.name = name;
    created.slots = slots;
    created.description = description.isString() ? description : QJsonValue(QJsonValue::Null);
    store.pools.append(created);
    return ApiResponse::json(ExperimentalShapes::pool(created));
}

ApiResponse ExperimentalRouter::deletePool(const QString &name)
{
    if (blank(name))
        return error(QStringLiteral("Pool name shouldn't be empty"), 400);
    if (name == QString::fromUtf16(ResourceStore::defaultPoolName))
        return error(QStringLiteral("default_pool cannot be deleted"), 400);
    ResourceStore &store = m_state->resources();
    const int index = store.poolIndex(name);
    if (index < 0)
        return error(QStringLiteral("Pool '") + name + QStringLiteral("' doesn't exist"), 404);
    const SandboxPool removed = store.pools.takeAt(index);
    return ApiResponse::json(ExperimentalShapes::pool(removed));
}

} // namespace Windsock::Sandbox
