#include "dialectexperimental.h"
#include "dialectv1.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

// DialectExperimental: the requests, and what 1.10's experimental API cannot do.
namespace Windsock::Api {

namespace {

const QString root = QStringLiteral("/api/experimental");

QString noEndpoint(const QString &what)
{
    return QObject::tr("Airflow 1.10's experimental API has no endpoint for %1.").arg(what);
}

QString path(std::initializer_list<QString> segments)
{
    QString result = root;
    for (const QString &segment : segments)
        result += QLatin1Char('/') + ApiRequest::encodeSegment(segment);
    return result;
}

ApiRequest get(const QString &encodedPath)
{
    ApiRequest request;
    request.encodedPath = encodedPath;
    return request;
}

QString runKey(const QString &dagId, const QString &dagRunId)
{
    return dagId + QLatin1Char('\n') + dagRunId;
}

} // namespace

QString DialectExperimental::name() const
{
    return QObject::tr("Airflow 1.10 experimental API (/api/experimental)");
}

QString DialectExperimental::unavailableReason(Feature feature) const
{
    switch (feature) {
    case Feature::ListDags:
        return QObject::tr(
            "Airflow 1.10's experimental API cannot list DAGs: add the ids of the DAGs you want "
            "to see by hand.");
    case Feature::DagDetails:
        return QObject::tr(
            "Airflow 1.10's experimental API has no DAG details or params: trigger with a JSON "
            "conf instead of a form.");
    case Feature::PauseDags:
        return QObject::tr("Airflow 1.10's experimental API pauses one DAG at a time.");
    case Feature::RunsAcrossDags:
        return QObject::tr("Airflow 1.10's experimental API lists runs one DAG at a time: open a DAG to see "
                           "its runs.");
    case Feature::DeleteRun:
        return QObject::tr("Airflow 1.10's experimental API cannot delete runs.");
    case Feature::ClearRun:
    case Feature::ClearTaskInstances:
        return QObject::tr("Airflow 1.10's experimental API cannot clear runs or task instances.");
    case Feature::MarkRun:
    case Feature::MarkTaskInstances:
        return QObject::tr("Airflow 1.10's experimental API cannot set the state of runs or task instances.");
    case Feature::RunNotes:
    case Feature::TaskInstanceNotes:
        return QObject::tr("Airflow 1.10 has no notes (they arrived in Airflow 2.5).");
    case Feature::ListTaskInstances:
        return QObject::tr("Airflow 1.10's experimental API cannot list a run's task instances: look one up "
                           "by its task id.");
    case Feature::TaskInstanceTries:
        return noEndpoint(QObject::tr("a task instance's tries"));
    case Feature::TaskLogs:
        return noEndpoint(QObject::tr("task logs"));
    case Feature::XComs:
        return noEndpoint(QObject::tr("XComs"));
    case Feature::ListTasks:
        return QObject::tr("Airflow 1.10's experimental API cannot list a DAG's tasks: look one up by its "
                           "task id.");
    case Feature::ImportErrors:
        return noEndpoint(QObject::tr("import errors"));
    case Feature::Variables:
        return noEndpoint(QObject::tr("variables"));
    case Feature::Connections:
    case Feature::ConnectionTest:
        return noEndpoint(QObject::tr("connections"));
    case Feature::Config:
        return noEndpoint(QObject::tr("the configuration"));
    case Feature::Health:
        return noEndpoint(QObject::tr("health"));
    case Feature::Assets:
        return QObject::tr("Airflow 1.10 has no datasets or assets.");
    case Feature::RenamePools:
        return QObject::tr("Airflow 1.10's experimental API cannot rename a pool: create one with the new "
                           "name and delete the old one.");
    case Feature::PoolUsage:
        return QObject::tr(
            "Airflow 1.10's experimental API gives a pool's size, not how its slots are used.");
    case Feature::PoolDeferredSlots:
        return QObject::tr(
            "Airflow 1.10 pools have no setting for deferred tasks (it arrived in Airflow 2.7).");
    case Feature::DagSource:
    case Feature::ListRuns:
    case Feature::LatestRuns:
        return {};
    }
    return {};
}

ApiRequest DialectExperimental::unavailable(Feature feature) const
{
    return ApiRequest::unavailableBecause(unavailableReason(feature));
}

QString DialectExperimental::executionDateOf(const QString &dagId, const QString &dagRunId) const
{
    const QString known = m_executionDates.value(runKey(dagId, dagRunId));
    if (!known.isEmpty())
        return known;
    return parsePythonDateTime(dagRunId).isValid() ? dagRunId : QString();
}

ApiRequest DialectExperimental::versionRequest() const
{
    return ApiRequest::unavailableBecause(noEndpoint(QObject::tr("the Airflow version")));
}

ApiRequest DialectExperimental::healthRequest() const
{
    return unavailable(Feature::Health);
}

ApiRequest DialectExperimental::dagsRequest(const DagQuery &) const
{
    return unavailable(Feature::ListDags);
}

ApiRequest DialectExperimental::dagRequest(const QString &dagId) const
{
    return get(path({QStringLiteral("dags"), dagId, QStringLiteral("paused")}));
}

ApiRequest DialectExperimental::dagDetailsRequest(const QString &) const
{
    return unavailable(Feature::DagDetails);
}

ApiRequest DialectExperimental::patchDagRequest(const QString &dagId, bool paused) const
{
    // A GET that changes the DAG: 1.10's own design, not a choice made here.
    return get(path({QStringLiteral("dags"), dagId, QStringLiteral("paused"),
                     paused ? QStringLiteral("true") : QStringLiteral("false")}));
}

ApiRequest DialectExperimental::patchDagsRequest(const QString &, bool, int, int) const
{
    return unavailable(Feature::PauseDags);
}

ApiRequest DialectExperimental::dagRunsRequest(const DagRunQuery &query) const
{
    if (query.dagId.isEmpty() || query.dagId == QLatin1String("~"))
        return unavailable(Feature::RunsAcrossDags);
    // Every run of the DAG comes at once; the client filters, sorts and pages (filtersRunsOnServer).
    ApiRequest request = get(path({QStringLiteral("dags"), query.dagId, QStringLiteral("dag_runs")}));
    if (query.states.size() == 1)
        request.addQueryItem(QStringLiteral("state"), query.states.first());
    return request;
}

ApiRequest DialectExperimental::dagRunRequest(const QString &dagId, const QString &dagRunId) const
{
    const QString executionDate = executionDateOf(dagId, dagRunId);
    if (executionDate.isEmpty()) // a run not seen yet: find it in the DAG's list
        return get(path({QStringLiteral("dags"), dagId, QStringLiteral("dag_runs")}));
    return get(path({QStringLiteral("dags"), dagId, QStringLiteral("dag_runs"), executionDate}));
}

ApiRequest DialectExperimental::triggerDagRunRequest(const TriggerRequest &trigger) const
{
    if (!trigger.note.isEmpty())
        return unavailable(Feature::RunNotes);
    QJsonObject body;
    if (!trigger.dagRunId.isEmpty())
        body.insert(QStringLiteral("run_id"), trigger.dagRunId);
    if (trigger.logicalDate.isValid()) {
        body.insert(QStringLiteral("execution_date"), DialectV1::formatDateTime(trigger.logicalDate));
        // The date the user chose, to the second: 1.10 would otherwise zero its microseconds.
        body.insert(QStringLiteral("replace_microseconds"), QStringLiteral("false"));
    }
    if (!trigger.conf.isEmpty())
        body.insert(QStringLiteral("conf"), trigger.conf);
    ApiRequest request;
    request.method = QByteArrayLiteral("POST");
    request.encodedPath = path({QStringLiteral("dags"), trigger.dagId, QStringLiteral("dag_runs")});
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

ApiRequest DialectExperimental::deleteDagRunRequest(const QString &, const QString &) const
{
    return unavailable(Feature::DeleteRun);
}

ApiRequest DialectExperimental::taskInstancesRequest(const TaskInstanceQuery &) const
{
    return unavailable(Feature::ListTaskInstances);
}

ApiRequest DialectExperimental::taskLogRequest(const QString &, const QString &, const QString &, int) const
{
    return unavailable(Feature::TaskLogs);
}

ApiRequest DialectExperimental::dagRunsBatchRequest(const DagRunBatchQuery &) const
{
    return unavailable(Feature::RunsAcrossDags);
}

ApiRequest DialectExperimental::taskInstancesBatchRequest(const TaskInstanceBatchQuery &) const
{
    return unavailable(Feature::ListTaskInstances);
}

ApiRequest DialectExperimental::markDagRunRequest(const QString &, const QString &, const QString &) const
{
    return unavailable(Feature::MarkRun);
}

ApiRequest DialectExperimental::clearDagRunRequest(const QString &, const QString &, bool) const
{
    return unavailable(Feature::ClearRun);
}

ApiRequest DialectExperimental::setDagRunNoteRequest(const QString &, const QString &, const QString &) const
{
    return unavailable(Feature::RunNotes);
}

ApiRequest DialectExperimental::clearTaskInstancesRequest(const ClearTaskInstancesRequest &) const
{
    return unavailable(Feature::ClearTaskInstances);
}

ApiRequest DialectExperimental::updateTaskInstancesStateRequest(const UpdateTaskInstancesStateRequest &) const
{
    return unavailable(Feature::MarkTaskInstances);
}

ApiRequest DialectExperimental::setTaskInstanceStateRequest(const QString &, const QString &, const QString &,
                                                            const QString &, bool) const
{
    return unavailable(Feature::MarkTaskInstances);
}

ApiRequest DialectExperimental::taskLogChunkRequest(const QString &, const QString &, const QString &, int,
                                                    const QString &) const
{
    return unavailable(Feature::TaskLogs);
}

ApiRequest DialectExperimental::poolsRequest(int, int) const
{
    return get(path({QStringLiteral("pools")})); // every pool at once
}

ApiRequest DialectExperimental::importErrorsRequest(int, int) const
{
    return unavailable(Feature::ImportErrors);
}

ApiRequest DialectExperimental::xcomEntriesRequest(const XComQuery &) const
{
    return unavailable(Feature::XComs);
}

ApiRequest DialectExperimental::xcomEntryRequest(const QString &, const QString &, const QString &,
                                                 const QString &) const
{
    return unavailable(Feature::XComs);
}

ApiRequest DialectExperimental::dagSourceRequest(const QString &fileToken) const
{
    // 1.10 has no file tokens: the DAG's id is its token (decodeDagAnswer sets it so).
    ApiRequest request = get(path({QStringLiteral("dags"), fileToken, QStringLiteral("code")}));
    request.accept = QByteArrayLiteral("text/plain, */*");
    return request;
}

ApiRequest DialectExperimental::taskInstanceRequest(const QString &dagId, const QString &dagRunId,
                                                    const QString &taskId) const
{
    const QString executionDate = executionDateOf(dagId, dagRunId);
    if (executionDate.isEmpty())
        return ApiRequest::unavailableBecause(
            QObject::tr("Airflow 1.10's experimental API finds a task instance by its run's execution date, "
                        "and the run %1 of %2 is not known yet: open the DAG's runs first, or give the "
                        "execution date instead of the run id.")
                .arg(dagRunId, dagId));
    return get(path({QStringLiteral("dags"), dagId, QStringLiteral("dag_runs"), executionDate,
                     QStringLiteral("tasks"), taskId}));
}

ApiRequest DialectExperimental::taskInstanceTriesRequest(const QString &, const QString &, const QString &,
                                                         int, int) const
{
    return unavailable(Feature::TaskInstanceTries);
}

ApiRequest DialectExperimental::setTaskInstanceNoteRequest(const QString &, const QString &, const QString &,
                                                           const QString &) const
{
    return unavailable(Feature::TaskInstanceNotes);
}

ApiRequest DialectExperimental::tasksRequest(const QString &) const
{
    return unavailable(Feature::ListTasks);
}

ApiRequest DialectExperimental::importErrorRequest(int) const
{
    return unavailable(Feature::ImportErrors);
}

ApiRequest DialectExperimental::variablesRequest(const CollectionQuery &) const
{
    return unavailable(Feature::Variables);
}

ApiRequest DialectExperimental::variableRequest(const QString &) const
{
    return unavailable(Feature::Variables);
}

ApiRequest DialectExperimental::createVariableRequest(const Variable &) const
{
    return unavailable(Feature::Variables);
}

ApiRequest DialectExperimental::updateVariableRequest(const VariableUpdate &) const
{
    return unavailable(Feature::Variables);
}

ApiRequest DialectExperimental::deleteVariableRequest(const QString &) const
{
    return unavailable(Feature::Variables);
}

ApiRequest DialectExperimental::connectionsRequest(const CollectionQuery &) const
{
    return unavailable(Feature::Connections);
}

ApiRequest DialectExperimental::connectionRequest(const QString &) const
{
    return unavailable(Feature::Connections);
}

ApiRequest DialectExperimental::createConnectionRequest(const ConnectionRequest &) const
{
    return unavailable(Feature::Connections);
}

ApiRequest DialectExperimental::updateConnectionRequest(const ConnectionRequest &) const
{
    return unavailable(Feature::Connections);
}

ApiRequest DialectExperimental::deleteConnectionRequest(const QString &) const
{
    return unavailable(Feature::Connections);
}

ApiRequest DialectExperimental::testConnectionRequest(const ConnectionRequest &) const
{
    return unavailable(Feature::ConnectionTest);
}

ApiRequest DialectExperimental::poolRequest(const QString &name) const
{
    return get(path({QStringLiteral("pools"), name}));
}

ApiRequest DialectExperimental::createPoolRequest(const PoolRequest &pool) const
{
    if (pool.includeDeferred.value_or(false))
        return unavailable(Feature::PoolDeferredSlots);
    // 1.10's create_pool(name, slots, description): all three, or a 500 from the server.
    QJsonObject body{{QStringLiteral("name"), pool.name},
                     {QStringLiteral("slots"), pool.slots.value_or(0)},
                     {QStringLiteral("description"), pool.description.value_or(QString())}};
    ApiRequest request;
    request.method = QByteArrayLiteral("POST");
    request.encodedPath = path({QStringLiteral("pools")});
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

ApiRequest DialectExperimental::updatePoolRequest(const QString &name, const PoolRequest &pool) const
{
    if (!pool.name.isEmpty() && pool.name != name)
        return unavailable(Feature::RenamePools);
    // create_pool updates a pool that exists (the client fills what the update leaves out:
    // updatesPoolsWhole).
    PoolRequest whole = pool;
    whole.name = name;
    return createPoolRequest(whole);
}

ApiRequest DialectExperimental::deletePoolRequest(const QString &name) const
{
    ApiRequest request = poolRequest(name);
    request.method = QByteArrayLiteral("DELETE");
    return request;
}

ApiRequest DialectExperimental::configRequest(const QString &) const
{
    return unavailable(Feature::Config);
}

ApiRequest DialectExperimental::taskRequest(const QString &dagId, const QString &taskId) const
{
    return get(path({QStringLiteral("dags"), dagId, QStringLiteral("tasks"), taskId}));
}

ApiRequest DialectExperimental::latestRunsRequest() const
{
    return get(path({QStringLiteral("latest_runs")}));
}

bool DialectExperimental::conflictNamesRunId(const ApiError &error, const QString &dagRunId) const
{
    if (dagRunId.isEmpty() || (error.httpStatus() != 400 && error.httpStatus() != 409))
        return false;
    return error.detail().contains(QStringLiteral("Run id ") + dagRunId + QStringLiteral(" already exists"));
}

} // namespace Windsock::Api
