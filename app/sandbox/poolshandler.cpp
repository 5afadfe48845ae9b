#include "poolshandler.h"

#include "apirequest.h"
#include "jsonbody.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

ApiResponse poolNotFound(const QString &name)
{
    return Problem::notFound(QStringLiteral("Pool not found"),
                             QStringLiteral("Pool with name:'") + name + QStringLiteral("' not found"));
}

bool isDefaultPool(const QString &name)
{
    return name == QString::fromUtf16(ResourceStore::defaultPoolName);
}

// Python's repr of a sorted list of names: ['name', 'slots']
QString pythonList(QStringList names)
{
    names.sort();
    for (QString &name : names)
        name = u'\'' + name + u'\'';
    return u'[' + names.join(QStringLiteral(", ")) + u']';
}

// The Pool schema's writable fields, checked as connexion checks them.
std::optional<QJsonObject> poolBody(const ApiRequest &request, ApiResponse *error)
{
    std::optional<QJsonObject> body = JsonBody::object(request, error);
    if (!body)
        return std::nullopt;
    if (!JsonBody::check(*body, QStringLiteral("name"), QJsonValue::String, false, error) ||
        !JsonBody::check(*body, QStringLiteral("slots"), QJsonValue::Double, false, error) ||
        !JsonBody::check(*body, QStringLiteral("description"), QJsonValue::String, true, error) ||
        !JsonBody::check(*body, QStringLiteral("include_deferred"), QJsonValue::Bool, false, error))
        return std::nullopt;
    for (const QString &readOnly : {QStringLiteral("occupied_slots"), QStringLiteral("running_slots"),
                                    QStringLiteral("queued_slots"), QStringLiteral("open_slots"),
                                    QStringLiteral("scheduled_slots"), QStringLiteral("deferred_slots")}) {
        if (body->contains(readOnly)) {
            *error = Problem::badRequest(QStringLiteral("Property is read-only - '") + readOnly + u'\'');
            return std::nullopt;
        }
    }
    // Unlimited is -1; anything below makes no pool.
    if (body->contains(QStringLiteral("slots")) && body->value(QStringLiteral("slots")).toInt() < -1) {
        *error = Problem::badRequest(QStringLiteral("{'slots': ['Must be greater than or equal to -1.']}"));
        return std::nullopt;
    }
    return body;
}

void apply(SandboxPool &pool, const QString &field, const QJsonValue &value)
{
    if (field == QLatin1String("name"))
        pool.name = value.toString();
    else if (field == QLatin1String("slots"))
        pool.slots = value.toInt();
    else if (field == QLatin1String("description"))
        pool.description = value;
    else if (field == QLatin1String("include_deferred"))
        pool.includeDeferred = value.toBool();
}

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

QJsonObject PoolsHandler::pool(const SandboxPool &p, const QHash<QString, QPair<int, int>> &used) const
{
    const QPair<int, int> u = used.value(p.name);
    const int occupied = u.first + u.second;
    // Airflow reports float('inf') open slots for an unlimited pool, which is not valid JSON (Python writes
    // Infinity); the sandbox says -1, which the spec's integer allows.
    const int open = p.slots < 0 ? -1 : p.slots - occupied;
    return QJsonObject{{QStringLiteral("name"), p.name},
                       {QStringLiteral("slots"), p.slots},
                       {QStringLiteral("occupied_slots"), occupied},
                       {QStringLiteral("running_slots"), u.first},
                       {QStringLiteral("queued_slots"), u.second},
                       {QStringLiteral("scheduled_slots"), 0},
                       {QStringLiteral("deferred_slots"), 0},
                       {QStringLiteral("open_slots"), open},
                       {QStringLiteral("description"), p.description},
                       {QStringLiteral("include_deferred"), p.includeDeferred}};
}

ApiResponse PoolsHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QVector<SandboxPool> rows = m_state->resources().pools;
    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    if (!field.isEmpty() && field != QLatin1String("id")) {
        if (field != QLatin1String("name") && field != QLatin1String("slots"))
            return Paging::disallowedOrdering(field);
        const bool byName = field == QLatin1String("name");
        std::stable_sort(rows.begin(), rows.end(), [byName](const SandboxPool &a, const SandboxPool &b) {
            return byName ? a.name < b.name : a.slots < b.slots;
        });
    }
    if (descending)
        std::reverse(rows.begin(), rows.end());
    const QHash<QString, QPair<int, int>> used = usage();
    QJsonArray items;
    for (int i = paging->offset; i < rows.size() && i < paging->offset + paging->limit; ++i)
        items.append(pool(rows.at(i), used));
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("pools"), items}, {QStringLiteral("total_entries"), int(rows.size())}});
}

ApiResponse PoolsHandler::get(const ApiRequest &, const QString &name) const
{
    const int index = m_state->resources().poolIndex(name);
    if (index < 0)
        return poolNotFound(name);
    return ApiResponse::json(pool(m_state->resources().pools.at(index), usage()));
}

ApiResponse PoolsHandler::create(const ApiRequest &request)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = poolBody(request, &error);
    if (!body)
        return error;
    QStringList missing;
    for (const QString &field : {QStringLiteral("name"), QStringLiteral("slots")}) {
        if (!body->contains(field))
            missing.append(field);
    }
    if (!missing.isEmpty())
        return Problem::badRequest(QStringLiteral("Missing required property(ies): ") + pythonList(missing));
    ResourceStore &store = m_state->resources();
    const QString name = body->value(QStringLiteral("name")).toString();
    if (store.poolIndex(name) >= 0)
        return Problem::alreadyExists(QStringLiteral("Pool: ") + name + QStringLiteral(" already exists"));
    SandboxPool created;
    created.id = store.nextId();
    created.description = QJsonValue(QJsonValue::Null);
    for (auto it = body->begin(); it != body->end(); ++it)
        apply(created, it.key(), it.value());
    store.pools.append(created);
    return ApiResponse::json(pool(created, usage()));
}

ApiResponse PoolsHandler::patch(const ApiRequest &request, const QString &name)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = poolBody(request, &error);
    if (!body)
        return error;
    QStringList fields = JsonBody::updateMask(request);
    // Only slots and include_deferred may change in default_pool.
    if (isDefaultPool(name) && body->value(QStringLiteral("name")).toString() != name) {
        const bool onlyAllowed =
            !fields.isEmpty() && std::all_of(fields.cbegin(), fields.cend(), [](const QString &f) {
                return f == QLatin1String("slots") || f == QLatin1String("include_deferred");
            });
        if (!onlyAllowed)
            return Problem::badRequest(QStringLiteral("Default Pool's name can't be modified"));
    }
    ResourceStore &store = m_state->resources();
    const int index = store.poolIndex(name);
    if (index < 0)
        return poolNotFound(name);
    if (fields.isEmpty()) {
        QStringList missing;
        for (const QString &field : {QStringLiteral("name"), QStringLiteral("slots")}) {
            if (!body->contains(field))
                missing.append(field);
        }
        if (!missing.isEmpty())
            return Problem::badRequest(QStringLiteral("Missing required property(ies): ") +
                                       pythonList(missing));
        fields = body->keys();
    } else {
        static const QStringList writable = {QStringLiteral("name"), QStringLiteral("slots"),
                                             QStringLiteral("description"),
                                             QStringLiteral("include_deferred")};
        for (const QString &field : fields) {
            if (!writable.contains(field))
                return Problem::badRequest(QStringLiteral("Invalid field: ") + field +
                                           QStringLiteral(" in update mask"));
            if (!body->contains(field)) // Airflow fails with a KeyError (500) here; the sandbox says why.
                return Problem::badRequest(QStringLiteral("Invalid field: ") + field +
                                           QStringLiteral(" in update mask: not in the request body"));
        }
    }
    if (fields.contains(QLatin1String("name"))) {
        const QString newName = body->value(QStringLiteral("name")).toString();
        if (newName != name && store.poolIndex(newName) >= 0)
            return Problem::alreadyExists(QStringLiteral("Pool: ") + newName +
                                          QStringLiteral(" already exists"));
    }
    SandboxPool &changed = store.pools[index];
    for (const QString &field : fields)
        apply(changed, field, body->value(field));
    return ApiResponse::json(pool(changed, usage()));
}

ApiResponse PoolsHandler::remove(const ApiRequest &, const QString &name)
{
    if (isDefaultPool(name))
        return Problem::badRequest(QStringLiteral("Default Pool can't be deleted"));
    ResourceStore &store = m_state->resources();
    const int index = store.poolIndex(name);
    if (index < 0)
        return poolNotFound(name);
    store.pools.removeAt(index);
    return ApiResponse::noContent();
}

} // namespace Windsock::Sandbox
