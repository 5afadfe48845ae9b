#include "poolshandler.h"

#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QHash>
#include <QJsonArray>

#include <array>

namespace Windsock::Sandbox {

namespace {

struct PoolDefinition
{
    const char16_t *name;
    int slots;
    const char16_t *description;
};

const std::array<PoolDefinition, 4> pools = {
    {{u"default_pool", 128, u"Default pool"},
     {u"etl_pool", 16, u"Warehouse loads; keeps the database responsive"},
     {u"ml_training", 4, u"GPU nodes for model training"},
     {u"reporting", 8, nullptr}}};

} // namespace

PoolsHandler::PoolsHandler(SandboxState *state)
    : m_state(state)
{}

QHash<QString, QPair<int, int>> PoolsHandler::usage() const
{
    QHash<QString, QPair<int, int>> result;
    for (int i = 0; i < m_state->dagCount(); ++i) {
        const DagModel &dag = m_state->dag(i);
        for (const DagRun &run : m_state->recentRuns(i)) {
            if (m_state->progress(run).state != DagRunState::Running)
                continue;
            for (const TaskInstanceState &ti : m_state->taskInstances(run)) {
                QPair<int, int> &slot = result[dag.tasks.at(ti.taskIndex).pool];
                if (ti.state == QLatin1String("running"))
                    ++slot.first;
                else if (ti.state == QLatin1String("queued"))
                    ++slot.second;
            }
        }
    }
    return result;
}

QJsonObject PoolsHandler::pool(int which, const QHash<QString, QPair<int, int>> &used) const
{
    const PoolDefinition &p = pools.at(size_t(which));
    const QString name = QString::fromUtf16(p.name);
    const QPair<int, int> u = used.value(name);
    const int occupied = u.first + u.second;
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("slots"), p.slots},
                       {QStringLiteral("occupied_slots"), occupied},
                       {QStringLiteral("running_slots"), u.first},
                       {QStringLiteral("queued_slots"), u.second},
                       {QStringLiteral("scheduled_slots"), 0},
                       {QStringLiteral("deferred_slots"), 0},
                       {QStringLiteral("open_slots"), p.slots - occupied},
                       {QStringLiteral("description"), p.description
                                                           ? QJsonValue(QString::fromUtf16(p.description))
                                                           : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("include_deferred"), false}};
}

ApiResponse PoolsHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    const QHash<QString, QPair<int, int>> used = usage();
    QJsonArray items;
    for (int i = paging->offset; i < int(pools.size()) && i < paging->offset + paging->limit; ++i)
        items.append(pool(i, used));
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("pools"), items}, {QStringLiteral("total_entries"), int(pools.size())}});
}

ApiResponse PoolsHandler::get(const ApiRequest &, const QString &name) const
{
    for (size_t i = 0; i < pools.size(); ++i) {
        if (QString::fromUtf16(pools.at(i).name) == name)
            return ApiResponse::json(pool(int(i), usage()));
    }
    return Problem::notFound(QStringLiteral("Pool not found"),
                             QStringLiteral("Pool with name:'") + name + QStringLiteral("' not found"));
}

} // namespace Windsock::Sandbox
