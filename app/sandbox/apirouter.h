#pragma once

#include "apiresponse.h"
#include "dagrunshandler.h"
#include "dagshandler.h"
#include "importerrorshandler.h"
#include "poolshandler.h"
#include "taskinstanceshandler.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// Matches /api/v1 paths to handlers, and checks HTTP Basic credentials for everything except
// /version and /health (as the basic_auth backend does).
class ApiRouter
{
public:
    ApiRouter(SandboxState *state, QList<QPair<QString, QString>> users);

    ApiResponse route(const ApiRequest &request);
    void setUsers(const QList<QPair<QString, QString>> &users) { m_users = users; }

private:
    bool authenticated(const ApiRequest &request) const;
    ApiResponse version() const;
    ApiResponse health() const;

    SandboxState *m_state;
    QList<QPair<QString, QString>> m_users;
    DagsHandler m_dags;
    DagRunsHandler m_dagRuns;
    TaskInstancesHandler m_taskInstances;
    PoolsHandler m_pools;
    ImportErrorsHandler m_importErrors;
};

} // namespace Windsock::Sandbox
