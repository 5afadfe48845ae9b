#pragma once

#include "dialect.h"
#include "dialectv1.h"

namespace Windsock::Api {

// Airflow 3.x REST API, /api/v2 (spec airflow-3-v2.yaml): JWT auth, {"detail": ...} errors (422 lists for
// invalid requests), strict request bodies, repeated update_mask and order_by, logical_date always present in
// a trigger, is_stale and timetable_summary, structured JSON logs and their NDJSON stream.
//
// Where v2 kept v1's paths and shapes, the request is v1's with the /api/v2 root and the decoder is v1's
// (whose readers ignore unknown fields) followed by the v2 fields; only what changed is written here.
class DialectV2 final : public Dialect
{
public:
    ApiKind kind() const override { return ApiKind::V2; }
    QString name() const override;
    // [api] maximum_page_limit: enforced from 3.2; earlier 3.x serve any limit, so 100 is safe for both.
    int maxPageSize() const override { return 100; }
    QString unavailableReason(Feature feature) const override;
    ApiRequest taskRequest(const QString &dagId, const QString &taskId) const override;
    Result<Task> decodeTask(const QJsonDocument &json) const override;
    // Assets (dialectv2assets.cpp).
    ApiRequest assetsRequest(const CollectionQuery &query) const override;
    Result<Page<Asset>> decodeAssets(const QJsonDocument &json) const override;

    ApiRequest versionRequest() const override;
    ApiRequest healthRequest() const override;
    ApiRequest dagsRequest(const DagQuery &query) const override;
    ApiRequest dagRequest(const QString &dagId) const override;
    ApiRequest dagDetailsRequest(const QString &dagId) const override;
    ApiRequest patchDagRequest(const QString &dagId, bool paused) const override;
    ApiRequest patchDagsRequest(const QString &dagIdPattern, bool paused, int limit,
                                int offset) const override;
    ApiRequest dagRunsRequest(const DagRunQuery &query) const override;
    ApiRequest dagRunRequest(const QString &dagId, const QString &dagRunId) const override;
    ApiRequest triggerDagRunRequest(const TriggerRequest &request) const override;
    ApiRequest deleteDagRunRequest(const QString &dagId, const QString &dagRunId) const override;
    ApiRequest taskInstancesRequest(const TaskInstanceQuery &query) const override;
    ApiRequest taskLogRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                              int tryNumber) const override;
    ApiRequest dagRunsBatchRequest(const DagRunBatchQuery &query) const override;
    ApiRequest taskInstancesBatchRequest(const TaskInstanceBatchQuery &query) const override;
    ApiRequest markDagRunRequest(const QString &dagId, const QString &dagRunId,
                                 const QString &state) const override;
    ApiRequest clearDagRunRequest(const QString &dagId, const QString &dagRunId, bool dryRun) const override;
    ApiRequest setDagRunNoteRequest(const QString &dagId, const QString &dagRunId,
                                    const QString &note) const override;
    ApiRequest clearTaskInstancesRequest(const ClearTaskInstancesRequest &request) const override;
    ApiRequest updateTaskInstancesStateRequest(const UpdateTaskInstancesStateRequest &request) const override;
    ApiRequest setTaskInstanceStateRequest(const QString &dagId, const QString &dagRunId,
                                           const QString &taskId, const QString &newState,
                                           bool dryRun) const override;
    ApiRequest taskLogChunkRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                   int tryNumber, const QString &token) const override;
    ApiRequest poolsRequest(int limit, int offset) const override;
    ApiRequest importErrorsRequest(int limit, int offset) const override;

    Result<Version> decodeVersion(const QJsonDocument &json) const override;
    Result<Health> decodeHealth(const QJsonDocument &json) const override;
    Result<Page<Dag>> decodeDags(const QJsonDocument &json) const override;
    Result<Dag> decodeDag(const QJsonDocument &json) const override;
    Result<DagDetails> decodeDagDetails(const QJsonDocument &json, const QByteArray &raw) const override;
    Result<Page<DagRun>> decodeDagRuns(const QJsonDocument &json) const override;
    Result<DagRun> decodeDagRun(const QJsonDocument &json) const override;
    Result<Page<TaskInstance>> decodeTaskInstances(const QJsonDocument &json) const override;
    Result<Page<Pool>> decodePools(const QJsonDocument &json) const override;
    Result<Page<ImportError>> decodeImportErrors(const QJsonDocument &json) const override;
    Result<QList<TaskInstanceReference>>
    decodeTaskInstanceReferences(const QJsonDocument &json) const override;
    // The first task instance of the PATCH's collection; an empty reference when it is empty (nothing
    // changes, or would: the task instance has that state already).
    Result<TaskInstanceReference> decodeTaskInstanceReference(const QJsonDocument &json) const override;
    Result<TaskLogChunk> decodeTaskLogChunk(const QJsonDocument &json) const override;
    // The NDJSON stream (one structured message a line), or the JSON form if a proxy changed it.
    Result<QString> decodeTaskLog(const QByteArray &body) const override;

    ApiRequest xcomEntriesRequest(const XComQuery &query) const override;
    ApiRequest xcomEntryRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                const QString &key) const override;
    // v2 keys the source by DAG id: decodeDag puts the DAG id into Dag::fileToken for this.
    ApiRequest dagSourceRequest(const QString &fileToken) const override;
    ApiRequest taskInstanceRequest(const QString &dagId, const QString &dagRunId,
                                   const QString &taskId) const override;
    ApiRequest taskInstanceTriesRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                        int limit, int offset) const override;
    ApiRequest setTaskInstanceNoteRequest(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId, const QString &note) const override;
    ApiRequest tasksRequest(const QString &dagId) const override;
    ApiRequest importErrorRequest(int importErrorId) const override;
    Result<Page<XComEntry>> decodeXComEntries(const QJsonDocument &json,
                                              const QString &dagRunId) const override;
    Result<XComEntry> decodeXComEntry(const QJsonDocument &json, const QString &dagRunId) const override;
    Result<QString> decodeDagSource(const QByteArray &body, const QByteArray &contentType) const override;
    // A task instance, or the TaskInstanceCollectionResponse of a PATCH (its first item).
    Result<TaskInstance> decodeTaskInstance(const QJsonDocument &json) const override;
    Result<Page<TaskInstance>> decodeTaskInstanceTries(const QJsonDocument &json) const override;
    Result<QList<Task>> decodeTasks(const QJsonDocument &json) const override;
    Result<ImportError> decodeImportError(const QJsonDocument &json) const override;

    ApiRequest variablesRequest(const CollectionQuery &query) const override;
    ApiRequest variableRequest(const QString &key) const override;
    ApiRequest createVariableRequest(const Variable &variable) const override;
    ApiRequest updateVariableRequest(const VariableUpdate &update) const override;
    ApiRequest deleteVariableRequest(const QString &key) const override;
    ApiRequest connectionsRequest(const CollectionQuery &query) const override;
    ApiRequest connectionRequest(const QString &connectionId) const override;
    ApiRequest createConnectionRequest(const ConnectionRequest &connection) const override;
    ApiRequest updateConnectionRequest(const ConnectionRequest &connection) const override;
    ApiRequest deleteConnectionRequest(const QString &connectionId) const override;
    ApiRequest testConnectionRequest(const ConnectionRequest &connection) const override;
    ApiRequest poolRequest(const QString &name) const override;
    ApiRequest createPoolRequest(const PoolRequest &pool) const override;
    ApiRequest updatePoolRequest(const QString &name, const PoolRequest &pool) const override;
    ApiRequest deletePoolRequest(const QString &name) const override;
    ApiRequest configRequest(const QString &section) const override;
    Result<Page<Variable>> decodeVariables(const QJsonDocument &json) const override;
    Result<Variable> decodeVariable(const QJsonDocument &json) const override;
    Result<Page<Connection>> decodeConnections(const QJsonDocument &json) const override;
    Result<Connection> decodeConnection(const QJsonDocument &json) const override;
    Result<ConnectionTestResult> decodeConnectionTest(const QJsonDocument &json) const override;
    Result<Pool> decodePool(const QJsonDocument &json) const override;
    Result<Config> decodeConfig(const QJsonDocument &json) const override;

    // {"detail": "..."}, {"detail": {...}} (409 "reason"/"message") and the 422 list, each item in plain
    // words: "logical_date: Field required; extra_field: Extra inputs are not permitted".
    QString errorDetail(const QByteArray &body) const override;

    // PATCH /variables, /connections, /pools with a BulkBody (dialectv2bulk.cpp).
    bool hasBulkEndpoints() const override { return true; }
    ApiRequest bulkVariablesRequest(const QList<VariableBulkAction> &actions) const override;
    ApiRequest bulkConnectionsRequest(const QList<ConnectionBulkAction> &actions) const override;
    ApiRequest bulkPoolsRequest(const QList<PoolBulkAction> &actions) const override;
    Result<BulkResponse> decodeBulkResponse(const QJsonDocument &json) const override;

    // One log message as a line: a StructuredLogMessage {timestamp, event, level, logger, ...extra}, or a
    // plain string (older 3.0 servers and unstructured sources).
    static TaskLogLine logLine(const QJsonValue &message);

private:
    DialectV1 m_v1; // the requests and readers v2 kept
};

} // namespace Windsock::Api
