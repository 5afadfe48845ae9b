#include "apirouter.h"

#include "airflowtime.h"
#include "apirequest.h"
#include "problem.h"
#include "sandboxauth.h"
#include "sandboxoptions.h"
#include "sandboxstate.h"

#include <functional>

namespace Windsock::Sandbox {

ApiRouter::ApiRouter(SandboxState *state, SandboxAuth *auth, const SandboxOptions &options)
    : m_state(state)
    , m_auth(auth)
    , m_dags(state)
    , m_dagRuns(state)
    , m_taskInstances(state)
    , m_pools(state)
    , m_importErrors(state, options.importErrorCount)
    , m_assets(state)
    , m_actions(state)
    , m_batchLists(state, &m_dagRuns)
    , m_xcoms(state)
    , m_dagSources(state)
    , m_variables(state)
    , m_connections(state, options.allowConnectionTest)
    , m_config(options.exposeConfig, options.allowConnectionTest)
    , m_openApi(options)
    , m_airflowVersion(options.airflowVersion)
{}

// Datasets arrived in Airflow 2.4: an older version's server has no such path.
bool ApiRouter::datasetsServed() const
{
    const QStringList parts = m_airflowVersion.split(QLatin1Char('.'));
    const int major = parts.value(0).toInt();
    const int minor = parts.value(1).toInt();
    return major > 2 || (major == 2 && minor >= 4);
}

ApiResponse ApiRouter::version() const
{
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("version"), m_airflowVersion},
                    {QStringLiteral("git_version"), QStringLiteral(".release:windsock-sandbox")}});
}

ApiResponse ApiRouter::health() const
{
    const QString beat = AirflowTime::iso(m_state->nowMs() - 2000);
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("metadatabase"), QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")}}},
        {QStringLiteral("scheduler"), QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                                  {QStringLiteral("latest_scheduler_heartbeat"), beat}}},
        {QStringLiteral("triggerer"), QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                                  {QStringLiteral("latest_triggerer_heartbeat"), beat}}},
        {QStringLiteral("dag_processor"),
         QJsonObject{{QStringLiteral("status"), QJsonValue::Null},
                     {QStringLiteral("latest_dag_processor_heartbeat"), QJsonValue::Null}}}});
}

ApiResponse ApiRouter::route(const ApiRequest &request)
{
    if (std::optional<ApiResponse> answer = m_auth->answerTokenRequest(request))
        return *answer;
    // The OpenAPI document needs no credentials (v2's /openapi.json arrives here through V2Router too).
    if (std::optional<ApiResponse> document = m_openApi.answer(request))
        return *document;
    const QStringList &s = request.segments;
    const int n = int(s.size());
    const QByteArray &m = request.method;
    const bool get = m == "GET" || m == "HEAD";
    std::function<ApiResponse()> action;
    bool pathKnown = true;
    bool needsAuth = true;

    if (n == 1 && s[0] == QLatin1String("version")) {
        needsAuth = false;
        if (get)
            action = [this] { return version(); };
    } else if (n == 1 && s[0] == QLatin1String("health")) {
        needsAuth = false;
        if (get)
            action = [this] { return health(); };
    } else if (n == 1 && s[0] == QLatin1String("dags")) {
        if (get)
            action = [&] { return m_dags.list(request); };
        else if (m == "PATCH")
            action = [&] { return m_dags.patchMany(request); };
    } else if (n >= 2 && s[0] == QLatin1String("dags")) {
        const QString &dagId = s[1];
        if (n == 2) {
            if (get)
                action = [&] { return m_dags.get(request, dagId); };
            else if (m == "PATCH")
                action = [&] { return m_dags.patch(request, dagId); };
        } else if (n == 3 && s[2] == QLatin1String("details")) {
            if (get)
                action = [&] { return m_dags.details(request, dagId); };
        } else if (n == 3 && s[2] == QLatin1String("clearTaskInstances")) {
            if (m == "POST")
                action = [&] { return m_actions.clearTaskInstances(request, dagId); };
        } else if (n == 3 && s[2] == QLatin1String("updateTaskInstancesState")) {
            if (m == "POST")
                action = [&] { return m_actions.updateTaskInstancesState(request, dagId); };
        } else if (n == 3 && s[2] == QLatin1String("dagRuns")) {
            if (get)
                action = [&] { return m_dagRuns.list(request, dagId); };
            else if (m == "POST")
                action = [&] { return m_dagRuns.trigger(request, dagId); };
        } else if (n == 4 && dagId == QLatin1String("~") && s[2] == QLatin1String("dagRuns") &&
                   s[3] == QLatin1String("list")) {
            if (m == "POST")
                action = [&] { return m_batchLists.dagRuns(request); };
        } else if (n == 6 && dagId == QLatin1String("~") && s[2] == QLatin1String("dagRuns") &&
                   s[3] == QLatin1String("~") && s[4] == QLatin1String("taskInstances") &&
                   s[5] == QLatin1String("list")) {
            if (m == "POST")
                action = [&] { return m_batchLists.taskInstances(request); };
        } else if (n == 4 && s[2] == QLatin1String("dagRuns")) {
            if (get)
                action = [&] { return m_dagRuns.get(request, dagId, s[3]); };
            else if (m == "DELETE")
                action = [&] { return m_dagRuns.remove(request, dagId, s[3]); };
            else if (m == "PATCH")
                action = [&] { return m_actions.markRun(request, dagId, s[3]); };
        } else if (n == 5 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("clear")) {
            if (m == "POST")
                action = [&] { return m_actions.clearRun(request, dagId, s[3]); };
        } else if (n == 5 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("setNote")) {
            if (m == "PATCH")
                action = [&] { return m_actions.setRunNote(request, dagId, s[3]); };
        } else if (n == 5 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("taskInstances")) {
            if (get && (dagId == QLatin1String("~") || s[3] == QLatin1String("~")))
                action = [&] { return m_batchLists.taskInstancesByQuery(request, dagId, s[3]); };
            else if (get)
                action = [&] { return m_taskInstances.list(request, dagId, s[3]); };
        } else if (n == 6 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("taskInstances")) {
            if (get)
                action = [&] { return m_taskInstances.get(request, dagId, s[3], s[5]); };
            else if (m == "PATCH")
                action = [&] { return m_actions.setTaskInstanceState(request, dagId, s[3], s[5]); };
        } else if (n == 3 && s[2] == QLatin1String("tasks")) {
            if (get)
                action = [&] { return m_dagSources.tasks(request, dagId); };
        } else if (n == 4 && s[2] == QLatin1String("tasks")) {
            if (get)
                action = [&] { return m_dagSources.task(request, dagId, s[3]); };
        } else if (n == 7 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("taskInstances") &&
                   (s[6] == QLatin1String("tries") || s[6] == QLatin1String("setNote") ||
                    s[6] == QLatin1String("xcomEntries"))) {
            if (get && s[6] == QLatin1String("tries"))
                action = [&] { return m_taskInstances.tries(request, dagId, s[3], s[5]); };
            else if (m == "PATCH" && s[6] == QLatin1String("setNote"))
                action = [&] { return m_taskInstances.setNote(request, dagId, s[3], s[5]); };
            else if (get && s[6] == QLatin1String("xcomEntries"))
                action = [&] { return m_xcoms.list(request, dagId, s[3], s[5]); };
        } else if (n == 8 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("taskInstances") &&
                   s[6] == QLatin1String("xcomEntries")) {
            if (get)
                action = [&] { return m_xcoms.get(request, dagId, s[3], s[5], s[7]); };
        } else if (n == 8 && s[2] == QLatin1String("dagRuns") && s[4] == QLatin1String("taskInstances") &&
                   s[6] == QLatin1String("logs")) {
            if (get)
                action = [&] { return m_taskInstances.log(request, dagId, s[3], s[5], s[7]); };
        } else {
            pathKnown = false;
        }
    } else if (n == 1 && s[0] == QLatin1String("pools")) {
        if (get)
            action = [&] { return m_pools.list(request); };
        else if (m == "POST")
            action = [&] { return m_pools.create(request); };
    } else if (n == 2 && s[0] == QLatin1String("pools")) {
        if (get)
            action = [&] { return m_pools.get(request, s[1]); };
        else if (m == "PATCH")
            action = [&] { return m_pools.patch(request, s[1]); };
        else if (m == "DELETE")
            action = [&] { return m_pools.remove(request, s[1]); };
    } else if (n == 1 && s[0] == QLatin1String("variables")) {
        if (get)
            action = [&] { return m_variables.list(request); };
        else if (m == "POST")
            action = [&] { return m_variables.create(request); };
    } else if (n == 2 && s[0] == QLatin1String("variables")) {
        if (get)
            action = [&] { return m_variables.get(request, s[1]); };
        else if (m == "PATCH")
            action = [&] { return m_variables.patch(request, s[1]); };
        else if (m == "DELETE")
            action = [&] { return m_variables.remove(request, s[1]); };
    } else if (n == 1 && s[0] == QLatin1String("connections")) {
        if (get)
            action = [&] { return m_connections.list(request); };
        else if (m == "POST")
            action = [&] { return m_connections.create(request); };
    } else if (n == 2 && s[0] == QLatin1String("connections")) {
        // Werkzeug prefers the static rule /connections/test, for POST only: the other methods reach the
        // connection named "test".
        if (m == "POST" && s[1] == QLatin1String("test"))
            action = [&] { return m_connections.test(request); };
        else if (get)
            action = [&] { return m_connections.get(request, s[1]); };
        else if (m == "PATCH")
            action = [&] { return m_connections.patch(request, s[1]); };
        else if (m == "DELETE")
            action = [&] { return m_connections.remove(request, s[1]); };
    } else if (n == 1 && s[0] == QLatin1String("config")) {
        if (get)
            action = [&] { return m_config.get(request); };
    } else if (n == 2 && s[0] == QLatin1String("dagSources")) {
        if (get)
            action = [&] { return m_dagSources.source(request, s[1]); };
    } else if (n == 1 && s[0] == QLatin1String("importErrors")) {
        if (get)
            action = [&] { return m_importErrors.list(request); };
    } else if (n == 2 && s[0] == QLatin1String("importErrors")) {
        if (get)
            action = [&] { return m_importErrors.get(request, s[1]); };
    } else if (n == 1 && s[0] == QLatin1String("datasets") && datasetsServed()) {
        if (get)
            action = [&] { return m_assets.list(request, false); };
    } else {
        pathKnown = false;
    }

    if (!pathKnown)
        return Problem::unknownPath();
    if (needsAuth) {
        if (std::optional<ApiResponse> refusal = m_auth->refusal(request))
            return *refusal;
    }
    if (!action)
        return Problem::methodNotAllowed();
    return action();
}

} // namespace Windsock::Sandbox
