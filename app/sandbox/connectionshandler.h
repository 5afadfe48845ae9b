#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /connections, /connections/{connection_id} and /connections/test as Airflow 2.10 answers them. The
// password is write-only: stored, never answered. PATCH changes the body's fields, or only the update_mask's.
// /connections/test is refused with Airflow's plain-text 403 unless allowTest ([core] test_connection =
// Enabled, off by default since 2.7).
class ConnectionsHandler
{
public:
    ConnectionsHandler(SandboxState *state, bool allowTest);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &connectionId) const;
    ApiResponse create(const ApiRequest &request);
    ApiResponse patch(const ApiRequest &request, const QString &connectionId);
    ApiResponse remove(const ApiRequest &request, const QString &connectionId);
    ApiResponse test(const ApiRequest &request) const;

private:
    SandboxState *m_state;
    bool m_allowTest;
};

} // namespace Windsock::Sandbox
