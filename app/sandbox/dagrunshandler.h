#pragma once

#include "apiresponse.h"

#include <QString>
#include <QVector>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /dags/{dag_id}/dagRuns[/{dag_run_id}]: listing (dag_id "~" for all DAGs), triggering with the
// rules Airflow enforces, reading and deleting one run.
class DagRunsHandler
{
public:
    explicit DagRunsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request, const QString &dagId) const;
    // The runs of the given DAGs (indices in dag_id order), filtered, ordered and paged by the query.
    ApiResponse list(const ApiRequest &request, const QVector<int> &dagIndices) const;
    ApiResponse trigger(const ApiRequest &request, const QString &dagId);
    ApiResponse get(const ApiRequest &request, const QString &dagId, const QString &runId) const;
    ApiResponse remove(const ApiRequest &request, const QString &dagId, const QString &runId);

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
