#pragma once

#include "dialect.h"

namespace Windsock::Api {

// Airflow 2.x stable REST API, /api/v1 (spec airflow-2-v1.yaml): problem+json errors, single-field order_by,
// comma-separated update_mask, schedule_interval objects, a page cap of 100.
class DialectV1 final : public Dialect
{
public:
    ApiKind kind() const override { return ApiKind::V1; }
    QString name() const override;
    int maxPageSize() const override { return 100; }
    QString unavailableReason(Feature feature) const override;
    ApiRequest taskRequest(const QString &dagId, const QString &taskId) const override;
    Result<Task> decodeTask(const QJsonDocument &json) const override;
    // Datasets (dialectv1assets.cpp).
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
    Result<TaskInstanceReference> decodeTaskInstanceReference(const QJsonDocument &json) const override;
    Result<TaskLogChunk> decodeTaskLogChunk(const QJsonDocument &json) const override;
    // The text of v1's JSON log content: str() of a Python list of (host, text) tuples, texts joined.
    static QString logTextFromPythonRepr(const QString &content);
    Result<QString> decodeTaskLog(const QByteArray &body) const override;

    // Task-level reading (dialectv1tasks.cpp).
    ApiRequest xcomEntriesRequest(const XComQuery &query) const override;
    ApiRequest xcomEntryRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                const QString &key) const override;
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
    Result<TaskInstance> decodeTaskInstance(const QJsonDocument &json) const override;
    Result<Page<TaskInstance>> decodeTaskInstanceTries(const QJsonDocument &json) const override;
    Result<QList<Task>> decodeTasks(const QJsonDocument &json) const override;
    Result<ImportError> decodeImportError(const QJsonDocument &json) const override;

    // Variables, connections, pools (CRUD) and configuration (dialectv1resources.cpp).
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

    QString errorDetail(const QByteArray &body) const override;

    // A DateTime as v1 wants it in bodies: ISO 8601 in UTC with an explicit offset,
    // "2026-11-22T10:00:00+00:00".
    static QString formatDateTime(const QDateTime &dateTime);
    // schedule_interval (CronExpression, TimeDelta, RelativeDelta, a plain string or null) in human form;
    // timetableDescription is the fallback when it says nothing usable.
    static QString scheduleText(const QJsonValue &scheduleInterval, const QString &timetableDescription);
};

} // namespace Windsock::Api
