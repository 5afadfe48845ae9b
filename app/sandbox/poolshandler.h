#pragma once

#include "apiresponse.h"

#include <QHash>
#include <QPair>
#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
struct SandboxPool;
class SandboxState;

// /pools and /pools/{pool_name}: default_pool and a few more, with slot counts taken from the task
// instances that are queued or running at this moment. Create, update (with update_mask) and delete as
// Airflow 2.10 answers them: default_pool can be neither deleted nor renamed (400), a taken name is a 409.
class PoolsHandler
{
public:
    explicit PoolsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &name) const;
    ApiResponse create(const ApiRequest &request);
    ApiResponse patch(const ApiRequest &request, const QString &name);
    ApiResponse remove(const ApiRequest &request, const QString &name);

private:
    QJsonObject pool(const SandboxPool &pool, const QHash<QString, QPair<int, int>> &usage) const;
    QHash<QString, QPair<int, int>> usage() const; // pool -> (running, queued)

    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
