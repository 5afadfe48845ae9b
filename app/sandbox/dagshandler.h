#pragma once

#include "apiresponse.h"

#include <QVector>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /dags, /dags/{dag_id}, /dags/{dag_id}/details: listing with Airflow's filters and page cap,
// and pausing (one DAG, or one page of DAGs matching a pattern).
class DagsHandler
{
public:
    explicit DagsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse patchMany(const ApiRequest &request);
    ApiResponse get(const ApiRequest &request, const QString &dagId) const;
    ApiResponse details(const ApiRequest &request, const QString &dagId) const;
    ApiResponse patch(const ApiRequest &request, const QString &dagId);

private:
    // DAG indices matching the request's filters; nullopt-like failure through *error (status != 0).
    QVector<int> matching(const ApiRequest &request, bool honourPausedFilter, ApiResponse *error) const;
    // Validates a PATCH body and update_mask; returns the new is_paused or sets *error.
    bool pausedFromBody(const ApiRequest &request, ApiResponse *error) const;
    ApiResponse dagNotFound(const QString &dagId) const;

    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
