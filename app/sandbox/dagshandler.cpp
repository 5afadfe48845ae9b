#include "dagshandler.h"

#include "airflowjson.h"
#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <functional>

namespace Windsock::Sandbox {

namespace {

const QStringList dagReadOnlyFields = {QStringLiteral("dag_id"),
                                       QStringLiteral("dag_display_name"),
                                       QStringLiteral("root_dag_id"),
                                       QStringLiteral("is_active"),
                                       QStringLiteral("is_subdag"),
                                       QStringLiteral("last_parsed_time"),
                                       QStringLiteral("last_pickled"),
                                       QStringLiteral("last_expired"),
                                       QStringLiteral("scheduler_lock"),
                                       QStringLiteral("pickle_id"),
                                       QStringLiteral("default_view"),
                                       QStringLiteral("fileloc"),
                                       QStringLiteral("file_token"),
                                       QStringLiteral("owners"),
                                       QStringLiteral("description"),
                                       QStringLiteral("schedule_interval"),
                                       QStringLiteral("timetable_description"),
                                       QStringLiteral("tags"),
                                       QStringLiteral("max_active_tasks"),
                                       QStringLiteral("max_active_runs"),
                                       QStringLiteral("has_task_concurrency_limits"),
                                       QStringLiteral("has_import_errors"),
                                       QStringLiteral("next_dagrun"),
                                       QStringLiteral("next_dagrun_data_interval_start"),
                                       QStringLiteral("next_dagrun_data_interval_end"),
                                       QStringLiteral("next_dagrun_create_after"),
                                       QStringLiteral("max_consecutive_failed_dag_runs")};

QJsonObject collection(const SandboxState &state, const QVector<int> &indices, int total)
{
    QJsonArray dags;
    for (int i : indices)
        dags.append(AirflowJson::dag(state, state.dag(i)));
    return QJsonObject{{QStringLiteral("dags"), dags}, {QStringLiteral("total_entries"), total}};
}

QVector<int> page(const QVector<int> &all, const Paging &paging)
{
    if (paging.offset >= all.size())
        return {};
    return all.mid(paging.offset, paging.limit);
}

} // namespace

DagsHandler::DagsHandler(SandboxState *state)
    : m_state(state)
{}

ApiResponse DagsHandler::dagNotFound(const QString &dagId) const
{
    return Problem::notFound(QStringLiteral("DAG not found"),
                             QStringLiteral("DAG with dag_id: '") + dagId + QStringLiteral("' not found"));
}

QVector<int> DagsHandler::matching(const ApiRequest &request, bool honourPausedFilter,
                                   ApiResponse *error) const
{
    error->status = 0;
    const std::optional<bool> onlyActive = Paging::boolean(request, QStringLiteral("only_active"), error);
    if (error->status != 0)
        return {};
    std::optional<bool> paused;
    if (honourPausedFilter) {
        paused = Paging::boolean(request, QStringLiteral("paused"), error);
        if (error->status != 0)
            return {};
    }
    Q_UNUSED(onlyActive) // every seeded DAG is active
    const QStringList tags = request.queryValues(QStringLiteral("tags"));
    QString pattern = request.queryValue(QStringLiteral("dag_id_pattern"));
    if (!honourPausedFilter && pattern == QLatin1String("~"))
        pattern.clear();
    QVector<int> result;
    for (int index : m_state->dagIdOrder()) {
        const DagModel &dag = m_state->dag(index);
        if (paused && dag.isPaused != *paused)
            continue;
        if (!pattern.isEmpty() && !dag.dagId.contains(pattern, Qt::CaseInsensitive))
            continue;
        if (!tags.isEmpty() && std::none_of(tags.cbegin(), tags.cend(),
                                            [&dag](const QString &t) { return dag.tags.contains(t); }))
            continue;
        result.append(index);
    }
    return result;
}

ApiResponse DagsHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QVector<int> all = matching(request, true, &error);
    if (error.status != 0)
        return error;
    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    const SandboxState &state = *m_state;
    using Less = std::function<bool(const DagModel &, const DagModel &)>;
    Less less;
    if (field.isEmpty() || field == QLatin1String("dag_id") || field == QLatin1String("dag_display_name")) {
        less = [](const DagModel &a, const DagModel &b) { return a.dagId < b.dagId; };
    } else if (field == QLatin1String("is_paused")) {
        less = [](const DagModel &a, const DagModel &b) { return a.isPaused < b.isPaused; };
    } else if (field == QLatin1String("owners")) {
        less = [](const DagModel &a, const DagModel &b) { return a.owners.join(u',') < b.owners.join(u','); };
    } else if (field == QLatin1String("last_parsed_time")) {
        less = [](const DagModel &a, const DagModel &b) { return a.lastParsedMs < b.lastParsedMs; };
    } else if (field == QLatin1String("fileloc")) {
        less = [](const DagModel &a, const DagModel &b) { return a.fileloc < b.fileloc; };
    } else if (field == QLatin1String("description")) {
        less = [](const DagModel &a, const DagModel &b) { return a.description < b.description; };
    } else if (field == QLatin1String("next_dagrun") || field == QLatin1String("max_active_runs") ||
               field == QLatin1String("max_active_tasks") || field == QLatin1String("is_active")) {
        less = [](const DagModel &, const DagModel &) { return false; };
    } else {
        return Paging::disallowedOrdering(field);
    }
    if (!field.isEmpty() && field != QLatin1String("dag_id")) {
        std::stable_sort(all.begin(), all.end(), [&](int a, int b) {
            return descending ? less(state.dag(b), state.dag(a)) : less(state.dag(a), state.dag(b));
        });
    } else if (descending) {
        std::reverse(all.begin(), all.end());
    }
    return ApiResponse::json(collection(state, page(all, *paging), int(all.size())));
}

bool DagsHandler::pausedFromBody(const ApiRequest &request, ApiResponse *error) const
{
    error->status = 0;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = Problem::badRequest(QStringLiteral("Request body is not valid JSON"));
        return false;
    }
    const QJsonObject body = doc.object();
    for (const QString &key : body.keys()) {
        if (dagReadOnlyFields.contains(key)) {
            *error = Problem::badRequest(QStringLiteral("Property is read-only - '") + key + u'\'');
            return false;
        }
    }
    if (request.hasQuery(QStringLiteral("update_mask"))) {
        QStringList mask;
        for (const QString &value : request.queryValues(QStringLiteral("update_mask")))
            for (const QString &part : value.split(u',', Qt::SkipEmptyParts))
                mask.append(part.trimmed());
        if (mask != QStringList{QStringLiteral("is_paused")}) {
            *error = Problem::badRequest(
                QStringLiteral("Only `is_paused` field can be updated through the REST API"));
            return false;
        }
    }
    const QJsonValue value = body.value(QStringLiteral("is_paused"));
    if (value.isUndefined()) {
        *error = Problem::badRequest(QStringLiteral("{'is_paused': ['Missing data for required field.']}"));
        return false;
    }
    if (!value.isBool()) {
        *error = Problem::badRequest(
            QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                .mid(1)
                .chopped(1) +
            QStringLiteral(" is not of type 'boolean' - 'is_paused'"));
        return false;
    }
    return value.toBool();
}

ApiResponse DagsHandler::patchMany(const ApiRequest &request)
{
    if (!request.hasQuery(QStringLiteral("dag_id_pattern")))
        return Problem::badRequest(QStringLiteral("Missing query parameter 'dag_id_pattern'"));
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    const bool paused = pausedFromBody(request, &error);
    if (error.status != 0)
        return error;
    const QVector<int> all = matching(request, false, &error);
    if (error.status != 0)
        return error;
    const QVector<int> changed = page(all, *paging);
    for (int index : changed)
        m_state->setPaused(index, paused);
    return ApiResponse::json(collection(*m_state, changed, int(all.size())));
}

ApiResponse DagsHandler::get(const ApiRequest &, const QString &dagId) const
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return dagNotFound(dagId);
    return ApiResponse::json(AirflowJson::dag(*m_state, m_state->dag(index)));
}

ApiResponse DagsHandler::details(const ApiRequest &, const QString &dagId) const
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return dagNotFound(dagId);
    return ApiResponse{200, QByteArrayLiteral("application/json"),
                       AirflowJson::dagDetailJson(*m_state, m_state->dag(index))};
}

ApiResponse DagsHandler::patch(const ApiRequest &request, const QString &dagId)
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return dagNotFound(dagId);
    ApiResponse error;
    const bool paused = pausedFromBody(request, &error);
    if (error.status != 0)
        return error;
    m_state->setPaused(index, paused);
    return ApiResponse::json(AirflowJson::dag(*m_state, m_state->dag(index)));
}

} // namespace Windsock::Sandbox
