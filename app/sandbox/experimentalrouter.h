#pragma once

#include "apiresponse.h"
#include "dagrun.h"
#include "dagsourceshandler.h"
#include "sandboxoptions.h"

#include <QByteArrayList>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// Airflow 1.10.15's /api/experimental blueprint (airflow/www_rbac/api/experimental/endpoints.py) over the
// sandbox's state: the same DAGs, runs, task instances and pools as the other modes, in 1.10's shapes
// (ExperimentalShapes) with its {"error": ...} answers. Routing comes first, as in Flask: an unknown path
// is the webserver's HTML 404 and a known one with another method an HTML 405, both without
// authentication; then the auth backend of SandboxOptions::experimentalAuth judges the request.
// /api/v1 and /api/v2 do not exist here.
class ExperimentalRouter
{
public:
    ExperimentalRouter(SandboxState *state, const SandboxOptions &options);

    ApiResponse route(const ApiRequest &request);

private:
    struct Route
    {
        QByteArrayList methods; // GET also answers HEAD
        std::function<ApiResponse(const QByteArray &method)> call;
    };
    std::optional<Route> match(const ApiRequest &request, const QStringList &s);
    std::optional<ApiResponse> refusal(const ApiRequest &request) const;

    ApiResponse health() const;
    ApiResponse trigger(const ApiRequest &request, const QString &dagId);
    ApiResponse dagRuns(const ApiRequest &request, const QString &dagId) const;
    ApiResponse dagRunState(const QString &dagId, const QString &date) const;
    ApiResponse taskInstance(const QString &dagId, const QString &date, const QString &taskId) const;
    ApiResponse task(const ApiRequest &request, const QString &dagId, const QString &taskId) const;
    ApiResponse code(const QString &dagId) const;
    ApiResponse paused(const QString &dagId) const;
    ApiResponse setPaused(const QString &dagId, const QString &value);
    ApiResponse latestRuns() const;
    ApiResponse pools() const;
    ApiResponse pool(const QString &name) const;
    ApiResponse createPool(const ApiRequest &request);
    ApiResponse deletePool(const QString &name);

    // check_and_get_dag: the DAG's index, or -1 and *error set to the 404.
    int dagIndex(const QString &dagId, ApiResponse *error) const;
    // check_and_get_dagrun for the execution date in a URL: the run, or nullopt and *error set (400, 404).
    std::optional<DagRun> runAt(int dagIndex, const QString &date, ApiResponse *error) const;

    SandboxState *m_state;
    ExperimentalAuth m_authMode;
    QList<QPair<QString, QString>> m_users;
    DagSourcesHandler m_dagSources;
};

} // namespace Windsock::Sandbox
