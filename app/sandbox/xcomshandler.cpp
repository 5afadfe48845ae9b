#include "xcomshandler.h"

#include "airflowjson.h"
#include "airflowtime.h"
#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"
#include "seedhash.h"
#include "tasklog.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

namespace Windsock::Sandbox {

namespace {

ApiResponse xcomNotFound()
{
    // xcom_endpoint.get_xcom_entry: NotFound("XCom entry not found") with no detail.
    return Problem::notFound(QStringLiteral("XCom entry not found"), QString());
}

} // namespace

XComsHandler::XComsHandler(SandboxState *state)
    : m_state(state)
{}

QVector<XComsHandler::Entry> XComsHandler::entries(const DagRun &run, const TaskInstanceState &ti,
                                                   bool withValues) const
{
    const DagModel &dag = m_state->dag(run.dagIndex);
    QVector<Entry> result;
    if (ti.state != QLatin1String("success") || ti.taskIndex <= 0 || ti.taskIndex >= dag.tasks.size() - 1)
        return result;
    const DagTask &task = dag.tasks.at(ti.taskIndex);
    const quint64 h = SeedHash::of(m_state->seed(), run.runId, quint64(ti.taskIndex) + 0x4c0);
    const QString path = QStringLiteral("s3://warehouse/") + dag.dagId + u'/' + task.taskId + u'/' +
                         AirflowTime::iso(run.logicalMs).left(10) + QStringLiteral(".parquet");
    if (run.dagIndex == 1 && ti.taskIndex == 1 && !withValues) {
        result.append(Entry{QStringLiteral("manifest"), QJsonValue()});
    } else if (run.dagIndex == 1 && ti.taskIndex == 1) {
        // The big one: a manifest of every file the task wrote (about 400 KB of JSON).
        QJsonArray files;
        for (int i = 0; i < 4000; ++i) {
            files.append(
                QJsonObject{{QStringLiteral("path"),
                             QString(path.chopped(8) +
                                     QStringLiteral("/part-%1.parquet").arg(i, 5, 10, QLatin1Char('0')))},
                            {QStringLiteral("rows"),
                             qint64(SeedHash::of(m_state->seed(), run.runId, quint64(i)) % 100000)},
                            {QStringLiteral("ok"), true}});
        }
        result.append(Entry{QStringLiteral("manifest"), QJsonObject{{QStringLiteral("files"), files},
                                                                    {QStringLiteral("complete"), true}}});
    }
    if (h % 3 == 2) {
        result.append(Entry{QStringLiteral("return_value"), path}); // a plain string
    } else {
        result.append(Entry{QStringLiteral("return_value"),
                            QJsonObject{{QStringLiteral("rows"), qint64(h % 250000)},
                                        {QStringLiteral("path"), path},
                                        {QStringLiteral("checksum"), QString::number(h, 16)},
                                        {QStringLiteral("partitions"),
                                         QJsonArray{QStringLiteral("eu"), QStringLiteral("us")}},
                                        {QStringLiteral("late"), QJsonValue::Null},
                                        {QStringLiteral("complete"), h % 3 == 0}}});
    }
    if (h % 4 == 0)
        result.append(Entry{QStringLiteral("row_count"), qint64(h % 250000)});
    return result;
}

QString XComsHandler::pythonStr(const QJsonValue &value, bool nested)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double:
        return value.toDouble() == double(value.toInteger()) ? QString::number(value.toInteger())
                                                             : QString::number(value.toDouble());
    case QJsonValue::String:
        // str() of a str is the text itself; inside a container it is repr()'d.
        return nested ? TaskLog::pythonRepr(value.toString()) : value.toString();
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(pythonStr(item, true));
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            items.append(TaskLog::pythonRepr(it.key()) + QStringLiteral(": ") + pythonStr(it.value(), true));
        return u'{' + items.join(QStringLiteral(", ")) + u'}';
    }
    }
    return QString();
}

ApiResponse XComsHandler::list(const ApiRequest &request, const QString &dagId, const QString &runId,
                               const QString &taskId) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    const QString keyFilter = request.queryValue(QStringLiteral("xcom_key"));
    const QString mapIndex = request.queryValue(QStringLiteral("map_index"));
    // "~" stands for every DAG, run or task. An unknown DAG, run or task is an empty list (the query
    // filters), not a 404, as in Airflow.
    struct Row
    {
        qint64 logicalMs;
        QString taskId, dagId, key;
        QJsonObject json;
    };
    QVector<Row> rows;
    QVector<int> dagIndices;
    if (dagId == QLatin1String("~"))
        dagIndices = m_state->dagIdOrder();
    else if (m_state->dagIndex(dagId) >= 0)
        dagIndices.append(m_state->dagIndex(dagId));
    const bool mapped = !mapIndex.isEmpty() && mapIndex != QLatin1String("-1"); // no mapped tasks here
    for (int index : std::as_const(dagIndices)) {
        const DagModel &dag = m_state->dag(index);
        QVector<DagRun> runs;
        if (runId == QLatin1String("~"))
            runs = m_state->runs(index);
        else if (const std::optional<DagRun> run = m_state->findRun(index, runId))
            runs.append(*run);
        for (const DagRun &run : std::as_const(runs)) {
            for (const TaskInstanceState &ti : m_state->taskInstances(run)) {
                const DagTask &task = dag.tasks.at(ti.taskIndex);
                if (mapped || (taskId != QLatin1String("~") && task.taskId != taskId))
                    continue;
                for (const Entry &entry : entries(run, ti, false)) {
                    if (!keyFilter.isEmpty() && entry.key != keyFilter)
                        continue;
                    rows.append(
                        Row{run.logicalMs, task.taskId, dag.dagId, entry.key,
                            QJsonObject{{QStringLiteral("key"), entry.key},
                                        {QStringLiteral("timestamp"), AirflowJson::timestamp(ti.endWallMs)},
                                        {QStringLiteral("execution_date"), AirflowTime::iso(run.logicalMs)},
                                        {QStringLiteral("map_index"), -1},
                                        {QStringLiteral("task_id"), task.taskId},
                                        {QStringLiteral("dag_id"), dag.dagId}}});
                }
            }
        }
    }
    // get_xcom_entries orders by execution_date, task_id, dag_id, key.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return std::tie(a.logicalMs, a.taskId, a.dagId, a.key) <
               std::tie(b.logicalMs, b.taskId, b.dagId, b.key);
    });
    QJsonArray all;
    for (const Row &row : std::as_const(rows))
        all.append(row.json);
    QJsonArray items;
    for (int i = paging->offset; i < all.size() && i < paging->offset + paging->limit; ++i)
        items.append(all.at(i));
    return ApiResponse::json(QJsonObject{{QStringLiteral("xcom_entries"), items},
                                         {QStringLiteral("total_entries"), int(all.size())}});
}

ApiResponse XComsHandler::get(const ApiRequest &request, const QString &dagId, const QString &runId,
                              const QString &taskId, const QString &key) const
{
    ApiResponse error;
    error.status = 0;
    const std::optional<bool> deserialize = Paging::boolean(request, QStringLiteral("deserialize"), &error);
    const std::optional<bool> stringify = Paging::boolean(request, QStringLiteral("stringify"), &error);
    if (error.status != 0)
        return error;
    if (deserialize.value_or(false)) // [api] enable_xcom_deserialize_support is False by default
        return Problem::badRequest(QStringLiteral("XCom deserialization is disabled in configuration."));
    const int index = m_state->dagIndex(dagId);
    const std::optional<DagRun> run = index < 0 ? std::nullopt : m_state->findRun(index, runId);
    if (!run)
        return xcomNotFound();
    const DagModel &dag = m_state->dag(index);
    for (const TaskInstanceState &ti : m_state->taskInstances(*run)) {
        if (dag.tasks.at(ti.taskIndex).taskId != taskId)
            continue;
        for (const Entry &entry : entries(*run, ti)) {
            if (entry.key != key)
                continue;
            const QJsonValue value =
                stringify.value_or(true) ? QJsonValue(pythonStr(entry.value)) : entry.value;
            return ApiResponse::json(
                QJsonObject{{QStringLiteral("key"), entry.key},
                            {QStringLiteral("timestamp"), AirflowJson::timestamp(ti.endWallMs)},
                            {QStringLiteral("execution_date"), AirflowTime::iso(run->logicalMs)},
                            {QStringLiteral("map_index"), -1},
                            {QStringLiteral("task_id"), taskId},
                            {QStringLiteral("dag_id"), dagId},
                            {QStringLiteral("value"), value}});
        }
    }
    return xcomNotFound();
}

} // namespace Windsock::Sandbox
