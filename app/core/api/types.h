#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

// Typed values of the Airflow REST API, the same for every API dialect. Names follow Airflow's words.
// Every field that the server may omit has a sensible empty value; unknown fields are ignored when decoding.
namespace Windsock::Api {

struct Version
{
    QString version;    // "2.10.5"
    QString gitVersion; // may be empty
    // Major/minor/patch parsed from version; 0 when unknown.
    int major() const;
    int minor() const;
    int patch() const;
    bool isAtLeast(int major, int minor, int patch = 0) const;
};

struct HealthComponent
{
    QString status;            // "healthy", "unhealthy", or empty when not reported (null)
    QDateTime latestHeartbeat; // invalid when not reported
    bool present = false;      // the component appears in the answer at all
};

struct Health
{
    HealthComponent metadatabase;
    HealthComponent scheduler;
    HealthComponent triggerer;
    HealthComponent dagProcessor;
    // healthy when every present component with a status says "healthy"
    bool isHealthy() const;
};

struct Dag
{
    QString dagId;
    QString displayName; // dag_display_name (2.9+), falls back to dagId
    QString description;
    bool isPaused = false;
    bool isActive = true; // v1 is_active; v2 !is_stale
    QStringList tags;
    QStringList owners;
    QString schedule; // human form: schedule_interval's value, or timetable_description
    QString timetableDescription;
    QDateTime nextDagrun; // next_dagrun (v1) / next_dagrun_logical_date (v2)
    QDateTime nextDagrunCreateAfter;
    QString fileloc;
    QString fileToken;
    bool hasImportErrors = false;
    int maxActiveRuns = 0;
};

// A DAG's parameter as GET /dags/{id}/details returns it: {"value": ..., "schema": {...}, "description": ...}
struct DagParam
{
    QString name;
    QJsonValue value;
    QJsonObject schema;
    QString description;
};

struct DagDetails
{
    Dag dag;
    QString timezone;
    bool catchup = false;
    QString docMd;
    QDateTime startDate;
    QList<DagParam> params; // in the server's order
};

struct DagRun
{
    QString dagId;
    QString dagRunId;
    QDateTime logicalDate;
    QDateTime startDate;
    QDateTime endDate;
    QDateTime dataIntervalStart;
    QDateTime dataIntervalEnd;
    QString state;   // queued, running, success, failed
    QString runType; // manual, scheduled, backfill, dataset_triggered, ...
    bool externalTrigger = false;
    QJsonObject conf;
    bool hasConf = true; // false when the API does not show a run's conf (1.10's experimental API)
    QString note;
    QString triggeredBy; // v2 triggered_by: "ui", "rest_api", "cli", "timetable", ...; empty in v1
    QDateTime runAfter;  // v2 run_after: when the run may start (set even without a logical date)
};

struct TaskInstance
{
    QString dagId;
    QString dagRunId;
    QString taskId;
    int mapIndex = -1;
    QString state; // empty for "no status" (null)
    int tryNumber = 0;
    int maxTries = 0;
    QDateTime startDate;
    QDateTime endDate;
    double duration = 0; // seconds
    QString operatorName;
    QString pool;
    QString queue;
    QString hostname;
    QString note;
};

// One line of a structured log (Airflow 3): its level and time when the server sent them.
struct TaskLogLine
{
    QDateTime timestamp; // invalid when the line has none
    QString level;       // lower case as sent ("info", "warning", "error"); empty when the line has none
    QString text;        // the line as a person reads it, timestamp and level included
};

// One read of a task log in JSON mode: the text since the previous token, and the token to read on from.
struct TaskLogChunk
{
    QString content;
    QString nextToken; // opaque; pass it back to get only what was written since
    // Airflow 3's structured lines, one per line of content; empty for the plain text of Airflow 2.
    QList<TaskLogLine> lines;
};

// Which task instance an action touched or would touch (TaskInstanceReference).
struct TaskInstanceReference
{
    QString dagId;
    QString dagRunId;
    QString taskId;
    QDateTime executionDate;
};

struct Pool
{
    QString name;
    int slots = 0; // -1 means unlimited
    int occupiedSlots = 0;
    int runningSlots = 0;
    int queuedSlots = 0;
    int openSlots = 0;
    int scheduledSlots = 0;
    int deferredSlots = 0;
    QString description;
    bool includeDeferred = false;
};

struct ImportError
{
    int id = 0;
    QString filename;
    QString stackTrace;
    QDateTime timestamp;
};

// A dataset (Airflow 2.4+, GET /api/v1/datasets) or an asset (Airflow 3, GET /api/v2/assets): data a DAG
// updates and other DAGs are scheduled on.
struct Asset
{
    int id = 0;
    QString name; // Airflow 3's name; a dataset has none, so its uri
    QString uri;
    QString group; // Airflow 3 ("asset" by default); empty for a dataset
    QDateTime createdAt;
    QDateTime updatedAt;
    QStringList consumingDagIds; // the DAGs scheduled on it (consuming_dags, scheduled_dags)
    QStringList producingTasks;  // the tasks that update it, as "dag_id.task_id"
    QString extra;               // JSON text (compact); empty when not set
};

// Task-level reading (XComs, DAG source, tasks): the apitasks block.

// An XCom entry (XComCollectionItem, XCom). The list carries no value; a single entry read carries one.
struct XComEntry
{
    QString dagId;
    QString dagRunId; // the run the entry was read from (the path's, the answer has only execution_date)
    QString taskId;
    QString key;
    int mapIndex = -1;
    QDateTime timestamp;
    QDateTime logicalDate; // execution_date
    // The stored value as JSON when the server honours stringify=false (2.10+); on older servers, or with
    // XCom pickling, a string holding Python's repr of it. Undefined in list entries.
    QJsonValue value;
    bool hasValue = false;
    // The value as a person reads it: JSON text (indented) for objects and lists, the string itself for a
    // string, the JSON literal otherwise; empty when there is no value.
    QString valueText() const;
};

// A task of a DAG (GET /dags/{dag_id}/tasks).
struct Task
{
    QString taskId;
    QString displayName;  // task_display_name (2.9+), falls back to taskId
    QString operatorName; // class_ref.class_name, e.g. "PythonOperator"
    QString owner;
    QString triggerRule;
    QString pool;
    QString queue;
    int retries = 0;
    bool dependsOnPast = false;
    bool isMapped = false;
    QStringList downstreamTaskIds;
    QString docMd;
};

// One page of a collection, with the server's total count.
template<typename T>
struct Page
{
    QList<T> items;
    int totalEntries = 0;
};

// Variables, connections, pools and configuration: the apires block.

// A Variable. The list (GET /variables) carries no values, only a single read does: hasValue tells which.
struct Variable
{
    QString key;
    QString value; // a string; many hold JSON text, which Airflow does not parse
    bool hasValue = false;
    QString description; // 2.4+; empty when not set (null)
};

// A Connection as the server shows it. Airflow's password is write-only: it is never in an answer, so this
// value has no field for it (ConnectionRequest carries a new one). The list carries no extra.
struct Connection
{
    QString connectionId;
    QString connType; // "postgres", "http", ...
    QString description;
    QString host;
    QString login;
    QString schema;
    int port = 0;  // 0 when not set (null)
    QString extra; // JSON text, with sensitive values masked by the server; empty when not set
};

// The answer of POST /connections/test.
struct ConnectionTestResult
{
    bool status = false; // the connection works
    QString message;     // the hook's own words, success or failure
};

struct ConfigOption
{
    QString key;
    QString value;
    QString source; // where the value comes from ("airflow.cfg", "env var", "default"); empty when not sent
};

struct ConfigSection
{
    QString name;
    QList<ConfigOption> options; // in the server's order
};

// GET /config: the configuration as the server chose to expose it (sensitive values may be masked).
struct Config
{
    QList<ConfigSection> sections; // in the server's order
};

} // namespace Windsock::Api

Q_DECLARE_METATYPE(Windsock::Api::Dag)
