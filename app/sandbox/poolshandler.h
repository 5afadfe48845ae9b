#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /pools and /pools/{pool_name}: default_pool and a few more, with slot counts taken from the task
// instances that are queued or running at this moment.
class PoolsHandler
{
public:
    explicit PoolsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &name) const;

private:
    QJsonObject pool(int which, const QHash<QString, QPair<int, int>> &usage) const;
    QHash<QString, QPair<int, int>> usage() const; // pool -> (running, queued)

    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
