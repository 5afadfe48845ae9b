#pragma once

#include "actionshandler.h"
#include "apiresponse.h"
#include "assetshandler.h"
#include "batchlistshandler.h"
#include "confighandler.h"
#include "connectionshandler.h"
#include "dagrunshandler.h"
#include "dagshandler.h"
#include "dagsourceshandler.h"
#include "importerrorshandler.h"
#include "openapihandler.h"
#include "poolshandler.h"
#include "taskinstanceshandler.h"
#include "variableshandler.h"
#include "xcomshandler.h"

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxAuth;
class SandboxState;
struct SandboxOptions;

// Matches /api/v1 paths to handlers, lets SandboxAuth answer its token endpoints, and has it judge the
// credentials of everything except /version and /health (as Airflow does).
class ApiRouter
{
public:
    // options: exposeConfig, allowConnectionTest and airflowVersion.
    ApiRouter(SandboxState *state, SandboxAuth *auth, const SandboxOptions &options);

    ApiResponse route(const ApiRequest &request);
    // /datasets for V2Router's /assets (v2: in Airflow 3's shape); the caller has checked the credentials.
    ApiResponse assets(const ApiRequest &request, bool v2) const { return m_assets.list(request, v2); }

private:
    ApiResponse version() const;
    ApiResponse health() const;
    bool datasetsServed() const;

    SandboxState *m_state;
    SandboxAuth *m_auth;
    DagsHandler m_dags;
    DagRunsHandler m_dagRuns;
    TaskInstancesHandler m_taskInstances;
    PoolsHandler m_pools;
    ImportErrorsHandler m_importErrors;
    AssetsHandler m_assets;
    ActionsHandler m_actions;
    BatchListsHandler m_batchLists;
    XComsHandler m_xcoms;
    DagSourcesHandler m_dagSources;
    VariablesHandler m_variables;
    ConnectionsHandler m_connections;
    ConfigHandler m_config;
    OpenApiHandler m_openApi;
    QString m_airflowVersion;
};

} // namespace Windsock::Sandbox
