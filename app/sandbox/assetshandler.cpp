#include "assetshandler.h"

#include "airflowtime.h"
#include "apirequest.h"
#include "paging.h"
#include "sandboxstate.h"

#include <QJsonArray>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;

QString lastTaskId(const DagModel &dag)
{
    return dag.tasks.isEmpty() ? QStringLiteral("publish") : dag.tasks.constLast().taskId;
}

} // namespace

AssetsHandler::AssetsHandler(SandboxState *state)
    : m_state(state)
{}

QList<AssetsHandler::Asset> AssetsHandler::assets() const
{
    QList<Asset> result;
    Asset upstream;
    upstream.id = 1;
    upstream.name = QStringLiteral("upstream");
    upstream.uri = QStringLiteral("s3://warehouse/upstream");
    QList<int> scheduledOnDatasets;
    int producer = -1;
    for (int i = 0; i < m_state->dagCount(); ++i) {
        const DagModel &dag = m_state->dag(i);
        if (dag.schedule.kind == DagSchedule::Kind::Dataset)
            scheduledOnDatasets.append(i);
        else if (producer < 0 && dag.schedule.kind != DagSchedule::Kind::None)
            producer = i;
    }
    const qint64 now = m_state->nowMs();
    const qint64 created = now - now % dayMs - 30 * dayMs;
    upstream.createdMs = created;
    upstream.updatedMs = created;
    if (producer >= 0) {
        const DagModel &dag = m_state->dag(producer);
        upstream.producers.append({dag.dagId, lastTaskId(dag)});
        upstream.updatedMs = qMax(created, dag.historyEndMs - dag.historyEndMs % 1000);
    }
    for (int index : scheduledOnDatasets)
        upstream.consumers.append(m_state->dag(index).dagId);
    result.append(upstream);
    for (int index : scheduledOnDatasets) {
        const DagModel &dag = m_state->dag(index);
        Asset output;
        output.id = int(result.size()) + 1;
        output.name = dag.dagId;
        output.uri = QStringLiteral("s3://warehouse/") + dag.dagId;
        output.createdMs = created;
        output.updatedMs = qMax(created, dag.historyEndMs - dag.historyEndMs % 1000);
        output.producers.append({dag.dagId, lastTaskId(dag)});
        result.append(output);
    }
    return result;
}

QJsonObject AssetsHandler::shape(const Asset &asset, bool v2) const
{
    const QString created = AirflowTime::iso(asset.createdMs);
    const QString updated = AirflowTime::iso(asset.updatedMs);
    QJsonArray consumers;
    for (const QString &dagId : asset.consumers)
        consumers.append(QJsonObject{{QStringLiteral("dag_id"), dagId},
                                     {QStringLiteral("created_at"), created},
                                     {QStringLiteral("updated_at"), created}});
    QJsonArray producers;
    for (const Producer &producer : asset.producers)
        producers.append(QJsonObject{{QStringLiteral("dag_id"), producer.dagId},
                                     {QStringLiteral("task_id"), producer.taskId},
                                     {QStringLiteral("created_at"), created},
                                     {QStringLiteral("updated_at"), created}});
    QJsonObject o{
        {QStringLiteral("id"), asset.id},
        {QStringLiteral("uri"), asset.uri},
        {QStringLiteral("extra"), QJsonObject{{QStringLiteral("owner"), QStringLiteral("data-eng")}}},
        {QStringLiteral("created_at"), created},
        {QStringLiteral("updated_at"), updated},
        {QStringLiteral("producing_tasks"), producers}};
    if (v2) {
        o.insert(QStringLiteral("name"), asset.name);
        o.insert(QStringLiteral("group"), QStringLiteral("asset"));
        o.insert(QStringLiteral("scheduled_dags"), consumers);
        o.insert(QStringLiteral("consuming_tasks"), QJsonArray());
        o.insert(QStringLiteral("aliases"), QJsonArray());
        o.insert(QStringLiteral("watchers"), QJsonArray());
    } else {
        o.insert(QStringLiteral("consuming_dags"), consumers);
    }
    return o;
}

ApiResponse AssetsHandler::list(const ApiRequest &request, bool v2) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QList<Asset> rows = assets();
    // Airflow matches the patterns with ILIKE %pattern%.
    const QString uriPattern = request.queryValue(QStringLiteral("uri_pattern"));
    const QString namePattern = v2 ? request.queryValue(QStringLiteral("name_pattern")) : QString();
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const Asset &asset) {
                                  return !asset.uri.contains(uriPattern, Qt::CaseInsensitive) ||
                                         !asset.name.contains(namePattern, Qt::CaseInsensitive);
                              }),
               rows.end());
    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    if (!field.isEmpty() && field != QLatin1String("id")) {
        const bool known = field == QLatin1String("uri") || field == QLatin1String("created_at") ||
                           field == QLatin1String("updated_at") || (v2 && field == QLatin1String("name"));
        if (!known)
            return Paging::disallowedOrdering(field);
        std::stable_sort(rows.begin(), rows.end(), [&field](const Asset &a, const Asset &b) {
            if (field == QLatin1String("uri"))
                return a.uri < b.uri;
            if (field == QLatin1String("name"))
                return a.name < b.name;
            if (field == QLatin1String("created_at"))
                return a.createdMs < b.createdMs;
            return a.updatedMs < b.updatedMs;
        });
    }
    if (descending)
        std::reverse(rows.begin(), rows.end());
    QJsonArray items;
    for (qsizetype i = paging->offset; i < rows.size() && i < paging->offset + paging->limit; ++i)
        items.append(shape(rows.at(i), v2));
    return ApiResponse::json(QJsonObject{{v2 ? QStringLiteral("assets") : QStringLiteral("datasets"), items},
                                         {QStringLiteral("total_entries"), int(rows.size())}});
}

} // namespace Windsock::Sandbox
