#include "dagrunshandler.h"

#include "airflowjson.h"
#include "airflowtime.h"
#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <functional>
#include <limits>

#include <QVariant>

namespace Windsock::Sandbox {

namespace {

// DAGRun properties the spec marks readOnly: connexion refuses them in a request body.
const QStringList readOnlyRunFields = {
    QStringLiteral("dag_id"),          QStringLiteral("start_date"),
    QStringLiteral("end_date"),        QStringLiteral("last_scheduling_decision"),
    QStringLiteral("run_type"),        QStringLiteral("state"),
    QStringLiteral("external_trigger")};

ApiResponse dagNotFound(const QString &dagId)
{
    return Problem::notFound(QStringLiteral("DAG not found"),
                             QStringLiteral("DAG with dag_id: '") + dagId + QStringLiteral("' not found"));
}

ApiResponse runNotFound(const QString &dagId, const QString &runId)
{
    return Problem::notFound(QStringLiteral("DAGRun not found"), QStringLiteral("DAGRun with DAG ID: '") +
                                                                     dagId +
                                                                     QStringLiteral("' and DagRun ID: '") +
                                                                     runId + QStringLiteral("' not found"));
}

QString jsonRepr(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// A nullable date-time body field: -1 when absent or null; *bad set when present and malformed or naive.
qint64 bodyDate(const QJsonObject &body, const QString &key, ApiResponse *error)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return -1;
    if (!value.isString()) {
        *error = Problem::badRequest(jsonRepr(value) + QStringLiteral(" is not of type 'string' - '") + key +
                                     u'\'');
        return -1;
    }
    const std::optional<qint64> ms = AirflowTime::parse(value.toString());
    if (!ms) {
        *error = Problem::badRequest(u'\'' + value.toString() + QStringLiteral("' is not a 'date-time' - '") +
                                     key + u'\'');
        return -1;
    }
    return *ms;
}

std::optional<qint64> queryDate(const ApiRequest &request, const QString &key, ApiResponse *error)
{
    if (!request.hasQuery(key))
        return std::nullopt;
    const std::optional<qint64> ms = AirflowTime::parse(request.queryValue(key));
    if (!ms)
        *error = Problem::badRequest(u'\'' + request.queryValue(key) +
                                     QStringLiteral("' is not a 'date-time' - '") + key + u'\'');
    return ms;
}

struct RunRow
{
    DagRun run;
    DagRunProgress progress;
};

} // namespace

DagRunsHandler::DagRunsHandler(SandboxState *state)
    : m_state(state)
{}

ApiResponse DagRunsHandler::list(const ApiRequest &request, const QString &dagId) const
{
    QVector<int> dagIndices;
    if (dagId == QLatin1String("~")) {
        dagIndices = m_state->dagIdOrder();
    } else {
        // As Airflow: runs of an unknown DAG are an empty list, not a 404 (get_dag_runs only filters).
        const int index = m_state->dagIndex(dagId);
        if (index >= 0)
            dagIndices.append(index);
    }
    return list(request, dagIndices);
}

ApiResponse DagRunsHandler::list(const ApiRequest &request, const QVector<int> &dagIndices) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    error.status = 0;
    struct DateFilter
    {
        std::optional<qint64> gte, lte;
    };
    DateFilter logical{queryDate(request, QStringLiteral("execution_date_gte"), &error),
                       queryDate(request, QStringLiteral("execution_date_lte"), &error)};
    DateFilter started{queryDate(request, QStringLiteral("start_date_gte"), &error),
                       queryDate(request, QStringLiteral("start_date_lte"), &error)};
    DateFilter ended{queryDate(request, QStringLiteral("end_date_gte"), &error),
                     queryDate(request, QStringLiteral("end_date_lte"), &error)};
    if (error.status != 0)
        return error;
    QStringList states;
    for (const QString &value : request.queryValues(QStringLiteral("state")))
        states += value.split(u',', Qt::SkipEmptyParts);

    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    using Key = std::function<QVariant(const RunRow &)>;
    Key key;
    if (field.isEmpty() || field == QLatin1String("id")) {
        key = [](const RunRow &r) { return QVariant(r.run.id); };
    } else if (field == QLatin1String("execution_date") || field == QLatin1String("logical_date")) {
        key = [](const RunRow &r) { return QVariant(r.run.logicalMs); };
    } else if (field == QLatin1String("start_date")) {
        key = [](const RunRow &r) { return QVariant(r.progress.startWallMs); };
    } else if (field == QLatin1String("end_date")) {
        key = [](const RunRow &r) { return QVariant(r.progress.endWallMs); };
    } else if (field == QLatin1String("state")) {
        key = [](const RunRow &r) { return QVariant(AirflowJson::dagRunStateName(r.progress.state)); };
    } else if (field == QLatin1String("dag_run_id") || field == QLatin1String("run_id")) {
        key = [](const RunRow &r) { return QVariant(r.run.runId); };
    } else if (field == QLatin1String("dag_id")) {
        key = [](const RunRow &r) { return QVariant(r.run.dagIndex); };
    } else if (field == QLatin1String("run_type")) {
        key = [](const RunRow &r) { return QVariant(r.run.runType); };
    } else if (field == QLatin1String("external_trigger")) {
        key = [](const RunRow &r) { return QVariant(r.run.externalTrigger); };
    } else {
        return Paging::disallowedOrdering(field);
    }

    auto inRange = [](const DateFilter &f, qint64 value) {
        if (!f.gte && !f.lte)
            return true;
        if (value < 0)
            return false;
        return (!f.gte || value >= *f.gte) && (!f.lte || value <= *f.lte);
    };
    QVector<RunRow> rows;
    for (int index : dagIndices) {
        const QVector<DagRun> runs = m_state->runs(index);
        for (const DagRun &run : runs) {
            if (!inRange(logical, run.logicalMs))
                continue;
            RunRow row{run, m_state->progress(run)};
            if (!states.isEmpty() && !states.contains(AirflowJson::dagRunStateName(row.progress.state)))
                continue;
            if (!inRange(started, row.progress.startWallMs) || !inRange(ended, row.progress.endWallMs))
                continue;
            rows.append(row);
        }
    }
    const bool byId = field.isEmpty() || field == QLatin1String("id");
    if (!byId || dagIndices.size() > 1) {
        std::stable_sort(rows.begin(), rows.end(), [&key, descending](const RunRow &a, const RunRow &b) {
            const QVariant ka = key(a);
            const QVariant kb = key(b);
            // Missing dates (-1) sort last ascending and first descending, as NULLs do in PostgreSQL.
            if (ka.userType() == QMetaType::LongLong) {
                qint64 x = ka.toLongLong(), y = kb.toLongLong();
                if (x < 0)
                    x = std::numeric_limits<qint64>::max();
                if (y < 0)
                    y = std::numeric_limits<qint64>::max();
                return descending ? y < x : x < y;
            }
            const int c = QVariant::compare(ka, kb) == QPartialOrdering::Less      ? -1
                          : QVariant::compare(ka, kb) == QPartialOrdering::Greater ? 1
                                                                                   : 0;
            return descending ? c > 0 : c < 0;
        });
    } else if (descending) {
        std::reverse(rows.begin(), rows.end());
    }
    QJsonArray items;
    for (int i = paging->offset; i < rows.size() && i < paging->offset + paging->limit; ++i)
        items.append(AirflowJson::dagRun(*m_state, rows.at(i).run));
    return ApiResponse::json(QJsonObject{{QStringLiteral("dag_runs"), items},
                                         {QStringLiteral("total_entries"), int(rows.size())}});
}

ApiResponse DagRunsHandler::trigger(const ApiRequest &request, const QString &dagId)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Problem::badRequest(QStringLiteral("Request body is not valid JSON"));
    if (!doc.isObject())
        return Problem::badRequest(QString::fromUtf8(request.body.trimmed()) +
                                   QStringLiteral(" is not of type 'object'"));
    const QJsonObject body = doc.object();
    for (const QString &field : readOnlyRunFields) {
        if (body.contains(field))
            return Problem::badRequest(QStringLiteral("Property is read-only - '") + field + u'\'');
    }
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return dagNotFound(dagId);

    ApiResponse error;
    error.status = 0;
    DagRunTrigger trigger;
    const QJsonValue runId = body.value(QStringLiteral("dag_run_id"));
    if (!runId.isUndefined() && !runId.isNull() && !runId.isString())
        return Problem::badRequest(jsonRepr(runId) +
                                   QStringLiteral(" is not of type 'string' - 'dag_run_id'"));
    trigger.runId = runId.toString();
    const QJsonValue conf = body.value(QStringLiteral("conf"));
    if (!conf.isUndefined() && !conf.isObject())
        return Problem::badRequest(jsonRepr(conf) + QStringLiteral(" is not of type 'object' - 'conf'"));
    trigger.conf = conf.toObject();
    const QJsonValue note = body.value(QStringLiteral("note"));
    if (!note.isUndefined() && !note.isNull() && !note.isString())
        return Problem::badRequest(jsonRepr(note) + QStringLiteral(" is not of type 'string' - 'note'"));
    trigger.hasNote = note.isString();
    trigger.note = note.toString();

    const qint64 logical = bodyDate(body, QStringLiteral("logical_date"), &error);
    const qint64 execution = bodyDate(body, QStringLiteral("execution_date"), &error);
    trigger.dataIntervalStartMs = bodyDate(body, QStringLiteral("data_interval_start"), &error);
    trigger.dataIntervalEndMs = bodyDate(body, QStringLiteral("data_interval_end"), &error);
    if (error.status != 0)
        return error;
    if (logical >= 0 && execution >= 0 && logical != execution)
        return Problem::badRequest(QStringLiteral("logical_date conflicts with execution_date"));
    if ((trigger.dataIntervalStartMs >= 0) != (trigger.dataIntervalEndMs >= 0))
        return Problem::badRequest(
            QStringLiteral("{'_schema': ['Both \"data_interval_start\" and \"data_interval_end\" must be "
                           "specified together']}"));
    trigger.logicalMs = logical >= 0 ? logical : execution >= 0 ? execution : m_state->nowMs();

    const QString effectiveRunId = trigger.runId.isEmpty()
                                       ? QStringLiteral("manual__") + AirflowTime::iso(trigger.logicalMs)
                                       : trigger.runId;
    if (m_state->findRun(index, effectiveRunId))
        return Problem::alreadyExists(QStringLiteral("DAGRun with DAG ID: '") + dagId +
                                      QStringLiteral("' and DAGRun ID: '") + effectiveRunId +
                                      QStringLiteral("' already exists"));
    if (m_state->hasLogicalDate(index, trigger.logicalMs))
        return Problem::alreadyExists(
            QStringLiteral("DAGRun with DAG ID: '") + dagId + QStringLiteral("' and DAGRun logical date: '") +
            AirflowTime::iso(trigger.logicalMs) + QStringLiteral("' already exists"));
    const DagRun run = m_state->trigger(index, trigger);
    return ApiResponse::json(AirflowJson::dagRun(*m_state, run));
}

ApiResponse DagRunsHandler::get(const ApiRequest &, const QString &dagId, const QString &runId) const
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return runNotFound(dagId, runId);
    const std::optional<DagRun> run = m_state->findRun(index, runId);
    if (!run)
        return runNotFound(dagId, runId);
    return ApiResponse::json(AirflowJson::dagRun(*m_state, *run));
}

ApiResponse DagRunsHandler::remove(const ApiRequest &, const QString &dagId, const QString &runId)
{
    const int index = m_state->dagIndex(dagId);
    if (index < 0 || !m_state->deleteRun(index, runId))
        return runNotFound(dagId, runId);
    return ApiResponse::noContent();
}

} // namespace Windsock::Sandbox
