#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// .../dagRuns/{dag_run_id}/taskInstances[/{task_id}[/logs/{try_number}]].
class TaskInstancesHandler
{
public:
    explicit TaskInstancesHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request, const QString &dagId, const QString &runId) const;
    ApiResponse get(const ApiRequest &request, const QString &dagId, const QString &runId,
                    const QString &taskId) const;
    ApiResponse log(const ApiRequest &request, const QString &dagId, const QString &runId,
                    const QString &taskId, const QString &tryNumber) const;
    // .../taskInstances/{task_id}/tries (2.10): TaskInstanceHistory of every try, the current one included.
    ApiResponse tries(const ApiRequest &request, const QString &dagId, const QString &runId,
                      const QString &taskId) const;
    // PATCH .../taskInstances/{task_id}/setNote (2.5).
    ApiResponse setNote(const ApiRequest &request, const QString &dagId, const QString &runId,
                        const QString &taskId) const;

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
