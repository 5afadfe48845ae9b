#include "dialectv1.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

// DialectV1: what Airflow 2 can do by version (the spec's "New in version" notes, API notes section 2.2),
// and the single-task read.
namespace Windsock::Api {

QString DialectV1::unavailableReason(Feature feature) const
{
    const Version &server = serverVersion();
    switch (feature) {
    case Feature::MarkRun:
        return versionGate(server, 2, 2, QObject::tr("Setting a run's state needs"));
    case Feature::ConnectionTest:
        return versionGate(server, 2, 2, QObject::tr("Testing a connection needs"));
    case Feature::PauseDags:
        return versionGate(server, 2, 3, QObject::tr("Pausing many DAGs at once needs"));
    case Feature::ClearRun:
        return versionGate(server, 2, 4, QObject::tr("Clearing a whole run needs"));
    case Feature::RunNotes:
    case Feature::TaskInstanceNotes:
        return versionGate(server, 2, 5, QObject::tr("Notes need"));
    case Feature::MarkTaskInstances:
        return versionGate(server, 2, 5, QObject::tr("Marking a task instance with a dry run needs"));
    case Feature::PoolDeferredSlots:
        return versionGate(server, 2, 7, QObject::tr("Deferred tasks taking pool slots need"));
    case Feature::TaskInstanceTries:
        return versionGate(server, 2, 10, QObject::tr("The list of a task instance's tries needs"));
    case Feature::Assets:
        return versionGate(server, 2, 4, QObject::tr("Datasets need"));
    case Feature::LatestRuns:
        return QObject::tr("Only Airflow 1.10's experimental API has a latest-runs list; the DAG list shows "
                           "each DAG's newest run.");
    default:
        return {};
    }
}

ApiRequest DialectV1::taskRequest(const QString &dagId, const QString &taskId) const
{
    ApiRequest request;
    request.encodedPath = QStringLiteral("/api/v1/dags/") + ApiRequest::encodeSegment(dagId) +
                          QStringLiteral("/tasks/") + ApiRequest::encodeSegment(taskId);
    return request;
}

Result<Task> DialectV1::decodeTask(const QJsonDocument &json) const
{
    if (!json.isObject())
        return ApiError(ApiError::Kind::UnexpectedShape,
                        QObject::tr("The server's answer is not a task (expected a JSON object)."));
    // A Task is one element of decodeTasks' collection.
    const QJsonObject collection{{QStringLiteral("tasks"), QJsonArray{json.object()}}};
    Result<QList<Task>> tasks = decodeTasks(QJsonDocument(collection));
    if (!tasks)
        return tasks.error();
    return tasks.value().first();
}

} // namespace Windsock::Api
