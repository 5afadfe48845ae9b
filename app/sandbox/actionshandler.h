#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// The endpoints that change runs and task instances: mark a run (PATCH .../dagRuns/{id}), clear a run,
// set a run's note, clear task instances (POST /dags/{id}/clearTaskInstances) and set one task instance's
// state (PATCH .../taskInstances/{task_id}). Each takes dry_run with Airflow's default (true) where it has
// one.
class ActionsHandler
{
public:
    explicit ActionsHandler(SandboxState *state);

    ApiResponse markRun(const ApiRequest &request, const QString &dagId, const QString &runId);
    ApiResponse clearRun(const ApiRequest &request, const QString &dagId, const QString &runId);
    ApiResponse setRunNote(const ApiRequest &request, const QString &dagId, const QString &runId);
    ApiResponse clearTaskInstances(const ApiRequest &request, const QString &dagId);
    ApiResponse updateTaskInstancesState(const ApiRequest &request, const QString &dagId);
    ApiResponse setTaskInstanceState(const ApiRequest &request, const QString &dagId, const QString &runId,
                                     const QString &taskId);

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
