#pragma once

#include "apicall.h"
#include "bulk.h"
#include "queries.h"
#include "result.h"
#include "types.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Windsock::Auth {
class Authenticator;
}

namespace Windsock::Api {

class Dialect;

// No value, for calls that only succeed or fail (DELETE → 204).
struct Nothing
{};

// An HTTP request as the explorer and the contract tests build it: path relative to the server root.
struct RawRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // "/api/v1/dags?limit=5" (query may be included)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // sent as application/json unless a Content-Type header is given
};

struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 elapsedMs = 0;
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
};

// The typed, asynchronous façade over one Airflow deployment's REST API.
//
// One injected QNetworkAccessManager (never a global), one Dialect that knows the API version's paths,
// parameters and JSON shapes, one Authenticator that stamps credentials. Every call returns at once with an
// ApiCall handle; `done` is called exactly once on `context`'s thread, unless `context` is destroyed first.
// Redirects are never followed (a 302 to a login page is an error), TLS errors are reported and never
// ignored, transfers time out, and bodies are size-limited.
class AirflowClient final : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(const Result<T> &)>;

    struct Options
    {
        int transferTimeoutMs = 30000;
        qint64 maxBodyBytes = 256LL * 1024 * 1024;
        QByteArray userAgent; // default "Windsock/<version>"
        // Certificate authorities trusted on top of the system's (a profile's CA bundle, see loadCaBundle());
        // used by every request, token requests included. Verification is always on.
        QList<QSslCertificate> caCertificates;
        // The profile is read-only: every changing request fails at once with ApiError::Kind::ReadOnly and
        // nothing is sent. Reads are GET, HEAD and OPTIONS, and the POSTs the dialect marks reading (batch
        // lists, dry runs); send() judges by the method alone.
        bool readOnly = false;
        QString profileName; // for the read-only message; empty = "This profile"
    };

    // The certificates of a PEM CA bundle, with a plain error for a missing, unreadable, empty or non-PEM
    // file.
    static Result<QList<QSslCertificate>> loadCaBundle(const QString &path);

    // baseUrl is the deployment's root (e.g. http://127.0.0.1:8080 or https://host/prefix), without /api/v1.
    AirflowClient(QNetworkAccessManager *nam, QUrl baseUrl, std::unique_ptr<Dialect> dialect,
                  std::unique_ptr<Auth::Authenticator> authenticator, QObject *parent = nullptr);
    AirflowClient(QNetworkAccessManager *nam, QUrl baseUrl, std::unique_ptr<Dialect> dialect,
                  std::unique_ptr<Auth::Authenticator> authenticator, Options options,
                  QObject *parent = nullptr);
    ~AirflowClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    const Dialect &dialect() const { return *m_dialect; }
    const Auth::Authenticator &authenticator() const { return *m_authenticator; }
    Auth::Authenticator &authenticator() { return *m_authenticator; }
    const Options &options() const { return m_options; }
    void setAuthenticator(std::unique_ptr<Auth::Authenticator> authenticator);
    // The largest page the server hands out (the dialect's cap); paging helpers use it.
    int maxPageSize() const;

    // Monitoring (no credentials needed on the server, but they are sent anyway).
    ApiCall *version(QObject *context, Callback<Version> done);
    ApiCall *health(QObject *context, Callback<Health> done);

    // DAGs
    ApiCall *dags(const DagQuery &query, QObject *context, Callback<Page<Dag>> done);
    // Every DAG matching the query, paging past the server's cap; progress(done, total) per page.
    ApiCall *allDags(const DagQuery &query, QObject *context, Callback<QList<Dag>> done);
    ApiCall *dag(const QString &dagId, QObject *context, Callback<Dag> done);
    ApiCall *dagDetails(const QString &dagId, QObject *context, Callback<DagDetails> done);
    ApiCall *setDagPaused(const QString &dagId, bool paused, QObject *context, Callback<Dag> done);
    // Bulk pause/unpause of every DAG whose id contains dagIdPattern, one server page at a time.
    ApiCall *setDagsPaused(const QString &dagIdPattern, bool paused, QObject *context,
                           Callback<QList<Dag>> done);

    // DAG runs
    ApiCall *dagRuns(const DagRunQuery &query, QObject *context, Callback<Page<DagRun>> done);
    ApiCall *dagRun(const QString &dagId, const QString &dagRunId, QObject *context, Callback<DagRun> done);
    ApiCall *triggerDagRun(const TriggerRequest &request, QObject *context, Callback<DagRun> done);
    ApiCall *deleteDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                          Callback<Nothing> done);

    // Batch lists: one page of the runs / task instances across DAGs matching the body's filters.
    ApiCall *listDagRunsBatch(const DagRunBatchQuery &query, QObject *context, Callback<Page<DagRun>> done);
    ApiCall *listTaskInstancesBatch(const TaskInstanceBatchQuery &query, QObject *context,
                                    Callback<Page<TaskInstance>> done);

    // Run actions. state: "success", "failed" or "queued" (task instances follow as Airflow marks them).
    ApiCall *markDagRun(const QString &dagId, const QString &dagRunId, const QString &state, QObject *context,
                        Callback<DagRun> done);
    // The dry run of clearDagRun: the task instances it would clear; nothing changes.
    ApiCall *previewClearDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                                Callback<QList<TaskInstanceReference>> done);
    // Clears every task instance of the run and re-queues it.
    ApiCall *clearDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                         Callback<DagRun> done);
    ApiCall *setDagRunNote(const QString &dagId, const QString &dagRunId, const QString &note,
                           QObject *context, Callback<DagRun> done);

    // Task instance actions; request.dryRun / dryRun true only lists what would change.
    ApiCall *clearTaskInstances(const ClearTaskInstancesRequest &request, QObject *context,
                                Callback<QList<TaskInstanceReference>> done);
    // One task's state in a run, with the related task instances the request includes.
    ApiCall *updateTaskInstancesState(const UpdateTaskInstancesStateRequest &request, QObject *context,
                                      Callback<QList<TaskInstanceReference>> done);
    // newState: "success", "failed" or "skipped".
    ApiCall *setTaskInstanceState(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                  const QString &newState, bool dryRun, QObject *context,
                                  Callback<TaskInstanceReference> done);

    // Task instances and logs
    ApiCall *taskInstances(const TaskInstanceQuery &query, QObject *context,
                           Callback<Page<TaskInstance>> done);
    ApiCall *taskLog(const QString &dagId, const QString &dagRunId, const QString &taskId, int tryNumber,
                     QObject *context, Callback<QString> done);

    // A log read in JSON mode from a continuation token (empty: from the start): what was written since,
    // and the token for the next read. For following a running task.
    ApiCall *taskLogChunk(const QString &dagId, const QString &dagRunId, const QString &taskId, int tryNumber,
                          const QString &token, QObject *context, Callback<TaskLogChunk> done);

    // Pools and import errors
    ApiCall *pools(int limit, int offset, QObject *context, Callback<Page<Pool>> done);
    ApiCall *importErrors(int limit, int offset, QObject *context, Callback<Page<ImportError>> done);

    // Task-level reading (airflowclienttasks.cpp)
    ApiCall *taskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                          QObject *context, Callback<TaskInstance> done);
    // Every try of a task instance (2.10+), oldest first; each has its own log (taskLog with its try_number).
    ApiCall *taskInstanceTries(const QString &dagId, const QString &dagRunId, const QString &taskId,
                               QObject *context, Callback<QList<TaskInstance>> done);
    ApiCall *setTaskInstanceNote(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                 const QString &note, QObject *context, Callback<TaskInstance> done);
    ApiCall *xcomEntries(const XComQuery &query, QObject *context, Callback<Page<XComEntry>> done);
    ApiCall *xcomEntry(const QString &dagId, const QString &dagRunId, const QString &taskId,
                       const QString &key, QObject *context, Callback<XComEntry> done);
    // The DAG file's source; fileToken is Dag::fileToken.
    ApiCall *dagSource(const QString &fileToken, QObject *context, Callback<QString> done);
    ApiCall *tasks(const QString &dagId, QObject *context, Callback<QList<Task>> done);
    ApiCall *task(const QString &dagId, const QString &taskId, QObject *context, Callback<Task> done);
    // The newest run of every DAG in one request (Feature::LatestRuns: 1.10's experimental API only).
    ApiCall *latestRuns(QObject *context, Callback<QList<DagRun>> done);
    ApiCall *importError(int importErrorId, QObject *context, Callback<ImportError> done);
    // The run of dagId at exactly logicalDate, or none (after a "logical date already exists" 409).
    ApiCall *dagRunAtLogicalDate(const QString &dagId, const QDateTime &logicalDate, QObject *context,
                                 Callback<std::optional<DagRun>> done);

    // Datasets (Airflow 2.4+) or assets (Airflow 3), in airflowclientassets.cpp.
    ApiCall *assets(const CollectionQuery &query, QObject *context, Callback<Page<Asset>> done);
    // Every asset, paging past the server's cap.
    ApiCall *allAssets(QObject *context, Callback<QList<Asset>> done);

    // Variables (airflowclientresources.cpp). The list carries no values; variable() does.
    ApiCall *variables(const CollectionQuery &query, QObject *context, Callback<Page<Variable>> done);
    // Every variable, paging past the server's cap; progress(done, total) per page.
    ApiCall *allVariables(QObject *context, Callback<QList<Variable>> done);
    ApiCall *variable(const QString &key, QObject *context, Callback<Variable> done);
    // Airflow 2's POST overwrites an existing key without a word; this checks first and fails with a
    // Conflict error instead, so a create never replaces someone's value.
    ApiCall *createVariable(const Variable &variable, QObject *context, Callback<Variable> done);
    ApiCall *updateVariable(const VariableUpdate &update, QObject *context, Callback<Variable> done);
    ApiCall *deleteVariable(const QString &key, QObject *context, Callback<Nothing> done);

    // Connections. No answer ever carries a password.
    ApiCall *connections(const CollectionQuery &query, QObject *context, Callback<Page<Connection>> done);
    ApiCall *connection(const QString &connectionId, QObject *context, Callback<Connection> done);
    ApiCall *createConnection(const ConnectionRequest &connection, QObject *context,
                              Callback<Connection> done);
    // Changes only the fields set in `connection`: without a new password, the stored one stays.
    ApiCall *updateConnection(const ConnectionRequest &connection, QObject *context,
                              Callback<Connection> done);
    ApiCall *deleteConnection(const QString &connectionId, QObject *context, Callback<Nothing> done);
    // Tests a connection as given (it need not be saved). A server with testing disabled (the default since
    // 2.7) gives a Forbidden error that says what the administrator must set.
    ApiCall *testConnection(const ConnectionRequest &connection, QObject *context,
                            Callback<ConnectionTestResult> done);

    // Pools (CRUD); the list is pools() above.
    ApiCall *pool(const QString &name, QObject *context, Callback<Pool> done);
    ApiCall *createPool(const PoolRequest &pool, QObject *context, Callback<Pool> done);
    // Changes only the fields set in `pool`; a different name renames it.
    ApiCall *updatePool(const QString &name, const PoolRequest &pool, QObject *context, Callback<Pool> done);
    ApiCall *deletePool(const QString &name, QObject *context, Callback<Nothing> done);

    // Bulk create/update/delete (airflowclientbulk.cpp): one PATCH on Airflow 3, one request per entity on
    // an API without bulk endpoints, with the same rules and the same result (what became of each entity).
    ApiCall *bulkVariables(const QList<VariableBulkAction> &actions, QObject *context,
                           Callback<BulkResult> done);
    ApiCall *bulkConnections(const QList<ConnectionBulkAction> &actions, QObject *context,
                             Callback<BulkResult> done);
    ApiCall *bulkPools(const QList<PoolBulkAction> &actions, QObject *context, Callback<BulkResult> done);

    // Configuration. A server that does not expose it (the default) gives a Forbidden error in plain words.
    ApiCall *config(const QString &section, QObject *context, Callback<Config> done);

    // Any request, with the profile's authentication applied; HTTP error statuses are not errors here, only
    // transport failures are (the explorer shows a 404 as a 404).
    ApiCall *send(const RawRequest &request, QObject *context, Callback<RawResponse> done);

private:
    friend class ClientRequest;
    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    std::unique_ptr<Dialect> m_dialect;
    std::unique_ptr<Auth::Authenticator> m_authenticator;
    Options m_options;
};

} // namespace Windsock::Api
