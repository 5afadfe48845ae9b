#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class DagRunsHandler;
class SandboxState;

// The batch list endpoints, which take their filters in a JSON body: POST /dags/~/dagRuns/list
// (ListDagRunsForm) and POST /dags/~/dagRuns/~/taskInstances/list (ListTaskInstanceForm).
class BatchListsHandler
{
public:
    BatchListsHandler(SandboxState *state, const DagRunsHandler *dagRuns);

    ApiResponse dagRuns(const ApiRequest &request) const;
    ApiResponse taskInstances(const ApiRequest &request) const;
    // GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances where either id is the "~" wildcard (e.g. a
    // pool's running task instances across DAGs): the query's filters, answered as the batch list.
    ApiResponse taskInstancesByQuery(const ApiRequest &request, const QString &dagId,
                                     const QString &runId) const;

private:
    SandboxState *m_state;
    const DagRunsHandler *m_dagRuns;
};

} // namespace Windsock::Sandbox
