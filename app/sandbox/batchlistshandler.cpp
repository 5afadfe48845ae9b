#include "batchlistshandler.h"

#include "airflowjson.h"
#include "airflowtime.h"
#include "apirequest.h"
#include "dagrunshandler.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

namespace Windsock::Sandbox {

namespace {

QString jsonRepr(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

enum class FieldType
{
    Integer,
    Number,
    String,
    DateTime,
    Strings
};

// Checks the body against the form's field types as connexion does; nullopt and *error on a mismatch.
std::optional<QJsonObject> form(const ApiRequest &request, const QList<QPair<QString, FieldType>> &fields,
                                ApiResponse *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = Problem::badRequest(QStringLiteral("Request body is not a JSON object"));
        return std::nullopt;
    }
    const QJsonObject body = doc.object();
    for (const auto &[key, type] : fields) {
        const QJsonValue value = body.value(key);
        if (value.isUndefined())
            continue;
        QString expected;
        switch (type) {
        case FieldType::Integer:
            if (!value.isDouble() || value.toDouble() != double(value.toInteger()))
                expected = QStringLiteral("integer");
            else if (value.toInteger() < (key == QLatin1String("page_limit") ? 1 : 0))
                expected = QStringLiteral("minimum");
            break;
        case FieldType::Number:
            if (!value.isDouble())
                expected = QStringLiteral("number");
            break;
        case FieldType::String:
            if (!value.isString())
                expected = QStringLiteral("string");
            break;
        case FieldType::DateTime:
            if (!value.isString())
                expected = QStringLiteral("string");
            else if (!AirflowTime::parse(value.toString()))
                expected = QStringLiteral("date-time");
            break;
        case FieldType::Strings:
            if (!value.isArray())
                expected = QStringLiteral("array");
            break;
        }
        if (expected == QLatin1String("minimum")) {
            *error = Problem::badRequest(
                jsonRepr(value) + QStringLiteral(" is less than the minimum of ") +
                (key == QLatin1String("page_limit") ? QStringLiteral("1") : QStringLiteral("0")) +
                QStringLiteral(" - '") + key + u'\'');
            return std::nullopt;
        }
        if (expected == QLatin1String("date-time")) {
            *error = Problem::badRequest(jsonRepr(value) + QStringLiteral(" is not a 'date-time' - '") + key +
                                         u'\'');
            return std::nullopt;
        }
        if (!expected.isEmpty()) {
            *error = Problem::badRequest(jsonRepr(value) + QStringLiteral(" is not of type '") + expected +
                                         QStringLiteral("' - '") + key + u'\'');
            return std::nullopt;
        }
    }
    return body;
}

QStringList strings(const QJsonObject &body, const QString &key)
{
    QStringList result;
    for (const QJsonValue &v : body.value(key).toArray())
        result.append(v.isNull() ? QStringLiteral("none") : v.toString());
    return result;
}

struct Range
{
    qint64 gte = -1;
    qint64 lte = -1;
    bool set() const { return gte >= 0 || lte >= 0; }
    bool contains(qint64 ms) const
    {
        if (!set())
            return true;
        return ms >= 0 && (gte < 0 || ms >= gte) && (lte < 0 || ms <= lte);
    }
};

Range range(const QJsonObject &body, const QString &prefix)
{
    Range r;
    if (const auto gte = AirflowTime::parse(body.value(prefix + QStringLiteral("_gte")).toString()))
        r.gte = *gte;
    if (const auto lte = AirflowTime::parse(body.value(prefix + QStringLiteral("_lte")).toString()))
        r.lte = *lte;
    return r;
}

} // namespace

BatchListsHandler::BatchListsHandler(SandboxState *state, const DagRunsHandler *dagRuns)
    : m_state(state)
    , m_dagRuns(dagRuns)
{}

ApiResponse BatchListsHandler::dagRuns(const ApiRequest &request) const
{
    ApiResponse error;
    const QList<QPair<QString, FieldType>> fields = {
        {QStringLiteral("order_by"), FieldType::String},
        {QStringLiteral("page_offset"), FieldType::Integer},
        {QStringLiteral("page_limit"), FieldType::Integer},
        {QStringLiteral("dag_ids"), FieldType::Strings},
        {QStringLiteral("states"), FieldType::Strings},
        {QStringLiteral("execution_date_gte"), FieldType::DateTime},
        {QStringLiteral("execution_date_lte"), FieldType::DateTime},
        {QStringLiteral("start_date_gte"), FieldType::DateTime},
        {QStringLiteral("start_date_lte"), FieldType::DateTime},
        {QStringLiteral("end_date_gte"), FieldType::DateTime},
        {QStringLiteral("end_date_lte"), FieldType::DateTime}};
    const std::optional<QJsonObject> body = form(request, fields, &error);
    if (!body)
        return error;
    // The same filters as GET /dags/~/dagRuns, so the same code answers: the form becomes a query.
    ApiRequest query = request;
    query.query.clear();
    query.query.addQueryItem(QStringLiteral("limit"),
                             QString::number(body->value(QStringLiteral("page_limit")).toInteger(100)));
    query.query.addQueryItem(QStringLiteral("offset"),
                             QString::number(body->value(QStringLiteral("page_offset")).toInteger(0)));
    if (body->contains(QStringLiteral("order_by")))
        query.query.addQueryItem(QStringLiteral("order_by"),
                                 body->value(QStringLiteral("order_by")).toString());
    for (const QString &state : strings(*body, QStringLiteral("states")))
        query.query.addQueryItem(QStringLiteral("state"), state);
    for (const auto &[key, type] : fields) {
        if (type == FieldType::DateTime && body->contains(key))
            query.query.addQueryItem(
                key, QString::fromLatin1(QUrl::toPercentEncoding(body->value(key).toString())));
    }
    QVector<int> dagIndices;
    const QStringList dagIds = strings(*body, QStringLiteral("dag_ids"));
    for (int index : m_state->dagIdOrder()) {
        if (dagIds.isEmpty() || dagIds.contains(m_state->dag(index).dagId))
            dagIndices.append(index);
    }
    return m_dagRuns->list(query, dagIndices);
}

ApiResponse BatchListsHandler::taskInstancesByQuery(const ApiRequest &request, const QString &dagId,
                                                    const QString &runId) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QJsonObject body{{QStringLiteral("page_limit"), paging->limit},
                     {QStringLiteral("page_offset"), paging->offset}};
    if (dagId != QLatin1String("~"))
        body.insert(QStringLiteral("dag_ids"), QJsonArray{dagId});
    if (runId != QLatin1String("~"))
        body.insert(QStringLiteral("dag_run_ids"), QJsonArray{runId});
    for (const char *key : {"state", "pool", "queue", "executor"}) {
        QStringList values;
        for (const QString &value : request.queryValues(QLatin1String(key)))
            values += value.split(u',', Qt::SkipEmptyParts);
        if (!values.isEmpty())
            body.insert(QLatin1String(key), QJsonArray::fromStringList(values));
    }
    for (const char *key : {"execution_date_gte", "execution_date_lte", "start_date_gte", "start_date_lte",
                            "end_date_gte", "end_date_lte"}) {
        if (request.hasQuery(QLatin1String(key)))
            body.insert(QLatin1String(key), request.queryValue(QLatin1String(key)));
    }
    ApiRequest batch = request;
    batch.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return taskInstances(batch);
}

ApiResponse BatchListsHandler::taskInstances(const ApiRequest &request) const
{
    ApiResponse error;
    const QList<QPair<QString, FieldType>> fields = {
        {QStringLiteral("page_offset"), FieldType::Integer},
        {QStringLiteral("page_limit"), FieldType::Integer},
        {QStringLiteral("dag_ids"), FieldType::Strings},
        {QStringLiteral("dag_run_ids"), FieldType::Strings},
        {QStringLiteral("task_ids"), FieldType::Strings},
        {QStringLiteral("execution_date_gte"), FieldType::DateTime},
        {QStringLiteral("execution_date_lte"), FieldType::DateTime},
        {QStringLiteral("start_date_gte"), FieldType::DateTime},
        {QStringLiteral("start_date_lte"), FieldType::DateTime},
        {QStringLiteral("end_date_gte"), FieldType::DateTime},
        {QStringLiteral("end_date_lte"), FieldType::DateTime},
        {QStringLiteral("duration_gte"), FieldType::Number},
        {QStringLiteral("duration_lte"), FieldType::Number},
        {QStringLiteral("state"), FieldType::Strings},
        {QStringLiteral("pool"), FieldType::Strings},
        {QStringLiteral("queue"), FieldType::Strings},
        {QStringLiteral("executor"), FieldType::Strings}};
    const std::optional<QJsonObject> body = form(request, fields, &error);
    if (!body)
        return error;
    const int limit =
        qMin<int>(Paging::maximumPageLimit,
                  int(body->value(QStringLiteral("page_limit")).toInteger(Paging::maximumPageLimit)));
    const int offset = int(body->value(QStringLiteral("page_offset")).toInteger(0));
    const QStringList dagIds = strings(*body, QStringLiteral("dag_ids"));
    const QStringList runIds = strings(*body, QStringLiteral("dag_run_ids"));
    const QStringList taskIds = strings(*body, QStringLiteral("task_ids"));
    const QStringList states = strings(*body, QStringLiteral("state"));
    const QStringList pools = strings(*body, QStringLiteral("pool"));
    const QStringList queues = strings(*body, QStringLiteral("queue"));
    const QStringList executors = strings(*body, QStringLiteral("executor"));
    const Range logical = range(*body, QStringLiteral("execution_date"));
    const Range started = range(*body, QStringLiteral("start_date"));
    const Range ended = range(*body, QStringLiteral("end_date"));
    const QJsonValue durationGte = body->value(QStringLiteral("duration_gte"));
    const QJsonValue durationLte = body->value(QStringLiteral("duration_lte"));

    QJsonArray items;
    int total = 0;
    for (int index : m_state->dagIdOrder()) {
        const DagModel &dag = m_state->dag(index);
        if (!dagIds.isEmpty() && !dagIds.contains(dag.dagId))
            continue;
        for (const DagRun &run : m_state->runs(index)) {
            if ((!runIds.isEmpty() && !runIds.contains(run.runId)) || !logical.contains(run.logicalMs))
                continue;
            for (const TaskInstanceState &ti : m_state->taskInstances(run)) {
                const DagTask &task = dag.tasks.at(ti.taskIndex);
                const QString state = ti.state.isEmpty() ? QStringLiteral("none") : ti.state;
                const double duration =
                    ti.endWallMs >= 0 ? double(ti.endWallMs - ti.startWallMs) / 1000.0 : -1;
                if ((!taskIds.isEmpty() && !taskIds.contains(task.taskId)) ||
                    (!states.isEmpty() && !states.contains(state)) ||
                    (!pools.isEmpty() && !pools.contains(task.pool)) ||
                    (!queues.isEmpty() && !queues.contains(QStringLiteral("default"))) ||
                    !executors.isEmpty() || !started.contains(ti.startWallMs) ||
                    !ended.contains(ti.endWallMs))
                    continue;
                if ((durationGte.isDouble() && (duration < 0 || duration < durationGte.toDouble())) ||
                    (durationLte.isDouble() && (duration < 0 || duration > durationLte.toDouble())))
                    continue;
                if (total >= offset && total < offset + limit)
                    items.append(AirflowJson::taskInstance(*m_state, run, ti));
                ++total;
            }
        }
    }
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("task_instances"), items}, {QStringLiteral("total_entries"), total}});
}

} // namespace Windsock::Sandbox
