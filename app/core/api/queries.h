#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// What a caller asks for; the dialect turns these into paths, query strings and bodies.
namespace Windsock::Api {

struct DagQuery
{
    int limit = 100; // asked per page; the server caps it (100 in 2.x)
    int offset = 0;
    QString orderBy;  // a field name, "-" prefix for descending; empty = server default (dag_id)
    QStringList tags; // match any
    QString dagIdPattern;
    std::optional<bool> paused;
    bool onlyActive = true;
};

struct DagRunQuery
{
    QString dagId = QStringLiteral("~");
    int limit = 100;
    int offset = 0;
    QString orderBy; // empty = server default (id, oldest first); "-execution_date" for newest first
    QStringList states;
    // Date ranges, inclusive; an invalid date is not sent (no bound).
    QDateTime logicalDateFrom, logicalDateTo; // execution_date_gte / _lte
    QDateTime startDateFrom, startDateTo;
    QDateTime endDateFrom, endDateTo;
};

struct TaskInstanceQuery
{
    QString dagId;
    QString dagRunId;
    int limit = 100;
    int offset = 0;
};

// A request to trigger a DAG run. Only what the user set is sent: read-only fields never are.
struct TriggerRequest
{
    QString dagId;
    QString dagRunId;      // empty = let the server choose (the UI always sets one, so retries are safe)
    QDateTime logicalDate; // invalid = now (the server's default)
    QJsonObject conf;
    QString note; // sent only when non-empty (2.5+)
};

// POST /dags/{dag_id}/clearTaskInstances. Every field is sent, dry_run always: the server's defaults
// (dry_run and only_failed true) are not relied upon.
struct ClearTaskInstancesRequest
{
    QString dagId;
    bool dryRun = true;     // true: only list what would be cleared
    QStringList taskIds;    // empty: every task
    QString dagRunId;       // empty: every run (or the date range)
    QDateTime startDate;    // invalid: not sent
    QDateTime endDate;      // invalid: not sent
    bool onlyFailed = true; // Airflow's default
    bool onlyRunning = false;
    bool includeUpstream = false;
    bool includeDownstream = false;
    bool includeFuture = false; // the same tasks in the runs with a later logical date
    bool includePast = false;   // ... and with an earlier one
    bool resetDagRuns = false;  // re-queue the runs of the cleared task instances
};

// GET .../taskInstances/{task_id}/xcomEntries: one task instance's XCom entries ("~" for any id).
struct XComQuery
{
    QString dagId;
    QString dagRunId;
    QString taskId;
    QString key; // empty: every key
    int limit = 100;
    int offset = 0;
};

// POST /dags/~/dagRuns/list (ListDagRunsForm): runs of several DAGs in one request. Empty lists and invalid
// dates are not sent (no filter).
struct DagRunBatchQuery
{
    QStringList dagIds; // empty: every DAG
    QStringList states;
    QString orderBy; // empty = server default (id)
    int limit = 100;
    int offset = 0;
    QDateTime logicalDateFrom, logicalDateTo; // execution_date_gte / _lte
    QDateTime startDateFrom, startDateTo;
    QDateTime endDateFrom, endDateTo;
};

// POST /dags/~/dagRuns/~/taskInstances/list (ListTaskInstanceForm).
struct TaskInstanceBatchQuery
{
    QStringList dagIds;
    QStringList dagRunIds;
    QStringList taskIds;
    QStringList states; // "none" for no state
    QStringList pools;
    QStringList queues;
    int limit = 100;
    int offset = 0;
    QDateTime logicalDateFrom, logicalDateTo;
    QDateTime startDateFrom, startDateTo;
    QDateTime endDateFrom, endDateTo;
};

// POST /dags/{dag_id}/updateTaskInstancesState: one task's state in one run (by its id), optionally with
// its upstream/downstream tasks and the runs before/after. Every field is sent; dry_run always.
struct UpdateTaskInstancesStateRequest
{
    QString dagId;
    QString taskId;
    QString dagRunId;
    QString newState; // success, failed or skipped
    bool dryRun = true;
    bool includeUpstream = false;
    bool includeDownstream = false;
    bool includeFuture = false;
    bool includePast = false;
};

// Variables, connections, pools and configuration: the apires block.

// One page of a plain collection (GET /variables, /connections, /pools).
struct CollectionQuery
{
    int limit = 100; // the server caps it (100 in 2.x)
    int offset = 0;
    QString orderBy; // a field name, "-" prefix for descending; empty = server default (id)
};

// PATCH /variables/{key}. The server's schema needs key and value in every body, so value is always sent;
// updateMask says which fields change ("value", "description"); empty: both.
struct VariableUpdate
{
    QString key;
    QString value;
    QString description; // empty: cleared (sent as "", as Airflow's schema refuses null)
    QStringList updateMask;
};

// POST /connections, POST /connections/test and PATCH /connections/{id}. For an update only the set fields
// change (they become the update_mask), so a stored password stays unless a new one is set here.
struct ConnectionRequest
{
    QString connectionId;
    std::optional<QString> connType;
    std::optional<QString> description; // empty: cleared (sent as null), as for host, login, schema, extra
    std::optional<QString> host;
    std::optional<QString> login;
    std::optional<QString> schema;
    std::optional<int> port;         // 0: cleared (sent as null)
    std::optional<QString> password; // write-only; never logged, never read back
    std::optional<QString> extra;    // JSON text
};

// POST /pools and PATCH /pools/{name}. For an update only the set fields change (the update_mask); a name
// different from the pool's renames it (default_pool cannot be renamed).
struct PoolRequest
{
    QString name;
    std::optional<int> slots;           // -1: unlimited
    std::optional<QString> description; // empty: cleared (sent as null)
    std::optional<bool> includeDeferred;
};

} // namespace Windsock::Api
