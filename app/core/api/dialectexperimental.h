#pragma once

#include "dialect.h"

#include <QHash>

namespace Windsock::Api {

// Airflow 1.10's experimental API, /api/experimental (API notes section 1; there is no spec). It can trigger
// a run (execution_date, conf), list one DAG's runs and read a run's state, read a task and a task
// instance, read a DAG's code, read and toggle a DAG's pause state (with a GET), list the newest run of every
// DAG, and create, read, update and delete pools. Errors are {"error": "..."}.
//
// Everything else is unavailable with a reason (unavailableReason), and its requests are never sent: there
// is no DAG list (the user adds DAG ids by hand), no logs, no XComs, no variables, no connections, no
// actions on runs or task instances.
//
// 1.10 names a run by its execution date in paths, while Windsock names it by its run id: the dialect keeps
// the execution date of every run it has decoded (as the server wrote it, microseconds included), and a
// run id that is itself a date is taken as one. The dialect belongs to one client, on one thread.
class DialectExperimental final : public Dialect
{
public:
    ApiKind kind() const override { return ApiKind::Experimental; }
    QString name() const override;
    int maxPageSize() const override { return 100; }
    QString unavailableReason(Feature feature) const override;
    bool filtersRunsOnServer() const override { return false; }
    bool labelsSourceAsHtml() const override { return true; }
    bool updatesPoolsWhole() const override { return true; }

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
    Result<QString> decodeTaskLog(const QByteArray &body) const override;

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

    // {"error": "..."}, or 1.10's plain-text "Forbidden" (deny_all).
    QString errorDetail(const QByteArray &body) const override;

    ApiRequest taskRequest(const QString &dagId, const QString &taskId) const override;
    Result<Task> decodeTask(const QJsonDocument &json) const override;
    ApiRequest latestRunsRequest() const override;
    Result<QList<DagRun>> decodeLatestRuns(const QJsonDocument &json) const override;

    Result<Dag> decodeDagAnswer(const QJsonDocument &json, const QString &dagId) const override;
    Result<Dag> decodePauseAnswer(const QJsonDocument &json, const QString &dagId,
                                  bool paused) const override;
    Result<DagRun> decodeDagRunAnswer(const QJsonDocument &json, const QString &dagId,
                                      const QString &dagRunId) const override;
    Result<DagRun> decodeTriggerAnswer(const QJsonDocument &json,
                                       const TriggerRequest &request) const override;
    Result<TaskInstance> decodeTaskInstanceAnswer(const QJsonDocument &json, const QString &dagId,
                                                  const QString &dagRunId,
                                                  const QString &taskId) const override;
    // 1.10 answers a duplicate run id with 400 "Run id <id> already exists for dag id <dag>".
    bool conflictNamesRunId(const ApiError &error, const QString &dagRunId) const override;

    // A DAG's run as 1.10 lists it ({id, run_id, state, dag_id, execution_date, start_date, dag_run_url});
    // remembers its execution date.
    Result<DagRun> readRun(const QJsonValue &value, const QString &where) const;
    // A date as 1.10 writes it: isoformat() ("2026-11-22T10:00:00+00:00") or str() ("2026-11-22
    // 10:00:00.123456+00:00"); "", "None" and anything else give an invalid date.
    static QDateTime parsePythonDateTime(const QString &text);

private:
    ApiRequest unavailable(Feature feature) const;
    // The execution date to put in a run's path: the one the server gave for that run id, or the run id
    // itself when it is a date; empty when neither.
    QString executionDateOf(const QString &dagId, const QString &dagRunId) const;

    // Decoded runs by "dag_id\nrun_id", for the requests that name a run by execution date, and for the
    // fields a run-state answer ({"state": ...}) does not carry.
    mutable QHash<QString, DagRun> m_runs;
    mutable QHash<QString, QString> m_executionDates; // as the server wrote them
};

} // namespace Windsock::Api
