#pragma once

#include <QDateTime>
#include <QJsonObject>
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
    QString note;
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

// One read of a task log in JSON mode: the text since the previous token, and the token to read on from.
struct TaskLogChunk
{
    QString content;
    QString nextToken; // opaque; pass it back to get only what was written since
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

// One page of a collection, with the server's total count.
template<typename T>
struct Page
{
    QList<T> items;
    int totalEntries = 0;
};

} // namespace Windsock::Api

Q_DECLARE_METATYPE(Windsock::Api::Dag)
