#pragma once

#include "apierror.h"
#include "apirequest.h"
#include "bulk.h"
#include "features.h"
#include "queries.h"
#include "result.h"
#include "types.h"

#include <QJsonDocument>
#include <QString>

namespace Windsock::Api {

// The REST API generations Airflow has had.
enum class ApiKind
{
    Unknown,
    Experimental, // Airflow 1.10 /api/experimental
    V1,           // Airflow 2.x /api/v1
    V2,           // Airflow 3.x /api/v2
};

// Everything that differs between Airflow's API versions: paths, query encoding, request bodies, the JSON
// shape of each value, the error body and the page cap. The client (transport, headers, errors, paging) is
// the same for every dialect; a new API version is a new subclass, not a change to the client.
class Dialect
{
public:
    virtual ~Dialect() = default;

    virtual ApiKind kind() const = 0;
    // "Airflow 2.x REST API (/api/v1)"
    virtual QString name() const = 0;
    // The largest page the server hands out; the paging helpers step by it.
    virtual int maxPageSize() const = 0;

    // The server's version as detected (empty when unknown: 1.10 has no version endpoint). Features that
    // arrived in a later version than the server's are unavailable; an unknown version refuses nothing.
    void setServerVersion(const Version &version) { m_serverVersion = version; }
    const Version &serverVersion() const { return m_serverVersion; }
    // Why this server cannot do `feature`, in plain words that name the API or the version ("Airflow 1.10's
    // experimental API has no endpoint for task logs."); empty when it can. The UI disables what is
    // unavailable and shows this sentence; the CLI refuses with it; a request for it is never sent.
    virtual QString unavailableReason(Feature feature) const = 0;
    bool supports(Feature feature) const { return unavailableReason(feature).isEmpty(); }
    // The dialect cannot filter, sort or page a DAG's runs on the server (1.10 lists them all): the client
    // applies the query to what it gets.
    virtual bool filtersRunsOnServer() const { return true; }
    // The server sends a DAG file as text/html (1.10): its Content-Type says nothing about the body.
    virtual bool labelsSourceAsHtml() const { return false; }
    // The server replaces a pool whole (1.10's create_pool takes name, slots and description): the client
    // reads the pool first to fill what an update leaves out.
    virtual bool updatesPoolsWhole() const { return false; }

    // Requests (paths relative to the deployment's root).
    virtual ApiRequest versionRequest() const = 0;
    virtual ApiRequest healthRequest() const = 0;
    virtual ApiRequest dagsRequest(const DagQuery &query) const = 0;
    virtual ApiRequest dagRequest(const QString &dagId) const = 0;
    virtual ApiRequest dagDetailsRequest(const QString &dagId) const = 0;
    virtual ApiRequest patchDagRequest(const QString &dagId, bool paused) const = 0;
    // One page of a bulk pause/unpause of the DAGs whose id contains dagIdPattern (empty = every DAG).
    virtual ApiRequest patchDagsRequest(const QString &dagIdPattern, bool paused, int limit,
                                        int offset) const = 0;
    virtual ApiRequest dagRunsRequest(const DagRunQuery &query) const = 0;
    virtual ApiRequest dagRunRequest(const QString &dagId, const QString &dagRunId) const = 0;
    virtual ApiRequest triggerDagRunRequest(const TriggerRequest &request) const = 0;
    virtual ApiRequest deleteDagRunRequest(const QString &dagId, const QString &dagRunId) const = 0;
    virtual ApiRequest taskInstancesRequest(const TaskInstanceQuery &query) const = 0;
    virtual ApiRequest taskLogRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                      int tryNumber) const = 0;
    // Actions. dry_run is always sent explicitly where the endpoint has it.
    virtual ApiRequest dagRunsBatchRequest(const DagRunBatchQuery &query) const = 0;
    virtual ApiRequest taskInstancesBatchRequest(const TaskInstanceBatchQuery &query) const = 0;
    virtual ApiRequest markDagRunRequest(const QString &dagId, const QString &dagRunId,
                                         const QString &state) const = 0;
    virtual ApiRequest clearDagRunRequest(const QString &dagId, const QString &dagRunId,
                                          bool dryRun) const = 0;
    virtual ApiRequest setDagRunNoteRequest(const QString &dagId, const QString &dagRunId,
                                            const QString &note) const = 0;
    virtual ApiRequest clearTaskInstancesRequest(const ClearTaskInstancesRequest &request) const = 0;
    virtual ApiRequest
    updateTaskInstancesStateRequest(const UpdateTaskInstancesStateRequest &request) const = 0;
    virtual ApiRequest setTaskInstanceStateRequest(const QString &dagId, const QString &dagRunId,
                                                   const QString &taskId, const QString &newState,
                                                   bool dryRun) const = 0;
    // A log read that continues from token (empty: from the start).
    virtual ApiRequest taskLogChunkRequest(const QString &dagId, const QString &dagRunId,
                                           const QString &taskId, int tryNumber,
                                           const QString &token) const = 0;
    virtual ApiRequest poolsRequest(int limit, int offset) const = 0;
    virtual ApiRequest importErrorsRequest(int limit, int offset) const = 0;

    // Decoding. Unknown fields are ignored, absent and null optional fields are fine, and a field of the
    // wrong type is an ApiError of kind UnexpectedShape that names the field.
    virtual Result<Version> decodeVersion(const QJsonDocument &json) const = 0;
    virtual Result<Health> decodeHealth(const QJsonDocument &json) const = 0;
    virtual Result<Page<Dag>> decodeDags(const QJsonDocument &json) const = 0;
    virtual Result<Dag> decodeDag(const QJsonDocument &json) const = 0;
    // raw: the body as received, for the order of the params (QJsonObject sorts its keys).
    virtual Result<DagDetails> decodeDagDetails(const QJsonDocument &json, const QByteArray &raw) const = 0;
    virtual Result<Page<DagRun>> decodeDagRuns(const QJsonDocument &json) const = 0;
    virtual Result<DagRun> decodeDagRun(const QJsonDocument &json) const = 0;
    virtual Result<Page<TaskInstance>> decodeTaskInstances(const QJsonDocument &json) const = 0;
    virtual Result<Page<Pool>> decodePools(const QJsonDocument &json) const = 0;
    virtual Result<Page<ImportError>> decodeImportErrors(const QJsonDocument &json) const = 0;
    virtual Result<QList<TaskInstanceReference>>
    decodeTaskInstanceReferences(const QJsonDocument &json) const = 0;
    virtual Result<TaskInstanceReference> decodeTaskInstanceReference(const QJsonDocument &json) const = 0;
    virtual Result<TaskLogChunk> decodeTaskLogChunk(const QJsonDocument &json) const = 0;
    // The body of a log request (taskLogRequest's Accept decides its form).
    virtual Result<QString> decodeTaskLog(const QByteArray &body) const = 0;

    // Task-level reading: XComs, DAG source, single task instances and their tries, tasks, import errors.
    virtual ApiRequest xcomEntriesRequest(const XComQuery &query) const = 0;
    // The entry with its value in the most readable form the server offers.
    virtual ApiRequest xcomEntryRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                        const QString &key) const = 0;
    virtual ApiRequest dagSourceRequest(const QString &fileToken) const = 0;
    virtual ApiRequest taskInstanceRequest(const QString &dagId, const QString &dagRunId,
                                           const QString &taskId) const = 0;
    virtual ApiRequest taskInstanceTriesRequest(const QString &dagId, const QString &dagRunId,
                                                const QString &taskId, int limit, int offset) const = 0;
    virtual ApiRequest setTaskInstanceNoteRequest(const QString &dagId, const QString &dagRunId,
                                                  const QString &taskId, const QString &note) const = 0;
    virtual ApiRequest tasksRequest(const QString &dagId) const = 0;
    virtual ApiRequest importErrorRequest(int importErrorId) const = 0;
    // dagRunId: the run the entries were asked for (the answer does not carry it).
    virtual Result<Page<XComEntry>> decodeXComEntries(const QJsonDocument &json,
                                                      const QString &dagRunId) const = 0;
    virtual Result<XComEntry> decodeXComEntry(const QJsonDocument &json, const QString &dagRunId) const = 0;
    // The body of a dagSourceRequest: the DAG file's text, whichever form (JSON or plain text) it came in.
    virtual Result<QString> decodeDagSource(const QByteArray &body, const QByteArray &contentType) const = 0;
    virtual Result<TaskInstance> decodeTaskInstance(const QJsonDocument &json) const = 0;
    // Every try of one task instance, as task instances (try_number tells them apart).
    virtual Result<Page<TaskInstance>> decodeTaskInstanceTries(const QJsonDocument &json) const = 0;
    virtual Result<QList<Task>> decodeTasks(const QJsonDocument &json) const = 0;
    virtual Result<ImportError> decodeImportError(const QJsonDocument &json) const = 0;

    // Variables, connections, pools (CRUD) and configuration (dialectv1resources.cpp for v1).
    virtual ApiRequest variablesRequest(const CollectionQuery &query) const = 0;
    virtual ApiRequest variableRequest(const QString &key) const = 0;
    virtual ApiRequest createVariableRequest(const Variable &variable) const = 0;
    virtual ApiRequest updateVariableRequest(const VariableUpdate &update) const = 0;
    virtual ApiRequest deleteVariableRequest(const QString &key) const = 0;
    virtual ApiRequest connectionsRequest(const CollectionQuery &query) const = 0;
    virtual ApiRequest connectionRequest(const QString &connectionId) const = 0;
    virtual ApiRequest createConnectionRequest(const ConnectionRequest &connection) const = 0;
    // Only the fields set in `connection` change (the update_mask); the stored password stays unless set.
    virtual ApiRequest updateConnectionRequest(const ConnectionRequest &connection) const = 0;
    virtual ApiRequest deleteConnectionRequest(const QString &connectionId) const = 0;
    virtual ApiRequest testConnectionRequest(const ConnectionRequest &connection) const = 0;
    virtual ApiRequest poolRequest(const QString &name) const = 0;
    virtual ApiRequest createPoolRequest(const PoolRequest &pool) const = 0;
    virtual ApiRequest updatePoolRequest(const QString &name, const PoolRequest &pool) const = 0;
    virtual ApiRequest deletePoolRequest(const QString &name) const = 0;
    // section: one section only; empty: all of them.
    virtual ApiRequest configRequest(const QString &section) const = 0;
    virtual Result<Page<Variable>> decodeVariables(const QJsonDocument &json) const = 0;
    virtual Result<Variable> decodeVariable(const QJsonDocument &json) const = 0;
    virtual Result<Page<Connection>> decodeConnections(const QJsonDocument &json) const = 0;
    virtual Result<Connection> decodeConnection(const QJsonDocument &json) const = 0;
    virtual Result<ConnectionTestResult> decodeConnectionTest(const QJsonDocument &json) const = 0;
    virtual Result<Pool> decodePool(const QJsonDocument &json) const = 0;
    virtual Result<Config> decodeConfig(const QJsonDocument &json) const = 0;

    // What the server said in an error body (problem+json detail, {"detail": ...}, {"error": ...}); empty
    // when the body says nothing usable.
    virtual QString errorDetail(const QByteArray &body) const = 0;

    // Bulk create/update/delete in one request (Airflow 3's PATCH /variables, /connections, /pools; see
    // dialectv2bulk.cpp). Not pure: the defaults say this API has no bulk endpoint, and the client then does
    // one request per entity with the same outcome.
    virtual bool hasBulkEndpoints() const { return false; }
    virtual ApiRequest bulkVariablesRequest(const QList<VariableBulkAction> &) const { return {}; }
    virtual ApiRequest bulkConnectionsRequest(const QList<ConnectionBulkAction> &) const { return {}; }
    virtual ApiRequest bulkPoolsRequest(const QList<PoolBulkAction> &) const { return {}; }
    virtual Result<BulkResponse> decodeBulkResponse(const QJsonDocument &) const
    {
        return ApiError(ApiError::Kind::Unsupported,
                        QStringLiteral("This Airflow API has no bulk endpoint."));
    }

    // A task of a DAG (GET /dags/{dag_id}/tasks/{task_id}).
    virtual ApiRequest taskRequest(const QString &dagId, const QString &taskId) const = 0;
    virtual Result<Task> decodeTask(const QJsonDocument &json) const = 0;
    // The newest run of every DAG (1.10's /latest_runs): dag id, logical date and start date of each.
    virtual ApiRequest latestRunsRequest() const
    {
        return ApiRequest::unavailableBecause(unavailableReason(Feature::LatestRuns));
    }
    virtual Result<QList<DagRun>> decodeLatestRuns(const QJsonDocument &json) const
    {
        Q_UNUSED(json)
        return ApiError(ApiError::Kind::Unsupported, unavailableReason(Feature::LatestRuns));
    }

    // Datasets (Airflow 2.4+) or assets (Airflow 3): dialectv1assets.cpp, dialectv2assets.cpp. Not pure: the
    // defaults say this API has none.
    virtual ApiRequest assetsRequest(const CollectionQuery &query) const
    {
        Q_UNUSED(query)
        return ApiRequest::unavailableBecause(unavailableReason(Feature::Assets));
    }
    virtual Result<Page<Asset>> decodeAssets(const QJsonDocument &json) const
    {
        Q_UNUSED(json)
        return ApiError(ApiError::Kind::Unsupported, unavailableReason(Feature::Assets));
    }

    // Decoders that also know what was asked, for answers that do not carry it (1.10 answers a run's state
    // without its ids, a pause toggle with "ok"). By default the answer says everything.
    virtual Result<Dag> decodeDagAnswer(const QJsonDocument &json, const QString &dagId) const
    {
        Q_UNUSED(dagId)
        return decodeDag(json);
    }
    virtual Result<Dag> decodePauseAnswer(const QJsonDocument &json, const QString &dagId, bool paused) const
    {
        Q_UNUSED(dagId)
        Q_UNUSED(paused)
        return decodeDag(json);
    }
    virtual Result<DagRun> decodeDagRunAnswer(const QJsonDocument &json, const QString &dagId,
                                              const QString &dagRunId) const
    {
        Q_UNUSED(dagId)
        Q_UNUSED(dagRunId)
        return decodeDagRun(json);
    }
    virtual Result<DagRun> decodeTriggerAnswer(const QJsonDocument &json, const TriggerRequest &request) const
    {
        Q_UNUSED(request)
        return decodeDagRun(json);
    }
    virtual Result<TaskInstance> decodeTaskInstanceAnswer(const QJsonDocument &json, const QString &dagId,
                                                          const QString &dagRunId,
                                                          const QString &taskId) const
    {
        Q_UNUSED(dagId)
        Q_UNUSED(dagRunId)
        Q_UNUSED(taskId)
        return decodeTaskInstance(json);
    }
    // Whether a trigger's error says a run with this id exists already (a retry after a lost answer finds
    // its own run so): a 409 quoting the id in Airflow 2 and 3.
    virtual bool conflictNamesRunId(const ApiError &error, const QString &dagRunId) const;

private:
    Version m_serverVersion;
};

} // namespace Windsock::Api
