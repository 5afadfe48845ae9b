#pragma once

#include "dagrun.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace Windsock::Sandbox {

struct DagSchedule
{
    enum class Kind
    {
        Cron,          // a cron expression or a preset such as @daily
        TimeDelta,     // a datetime.timedelta
        RelativeDelta, // a dateutil relativedelta
        None,          // triggered by hand only
        Dataset        // triggered by dataset updates
    };
    Kind kind = Kind::None;
    QString expression;  // cron text or preset
    qint64 periodMs = 0; // spacing of the seeded history
    QString description; // timetable_description
    int timeDeltaSeconds = 0;
    int relativeMonths = 0;
};

struct DagTask
{
    QString taskId;
    QString operatorName;
    QString pool;
    int priorityWeight = 1;
};

struct PauseInterval
{
    qint64 startMs = 0;
    qint64 endMs = -1; // -1: still paused
};

// A DAG as the metadata database holds it, plus the runs the API created or deleted.
struct DagModel
{
    int index = 0;
    QString dagId;
    QString fileloc;
    QStringList owners;
    QString description;
    QStringList tags;
    DagSchedule schedule;
    bool isPaused = false;
    QList<PauseInterval> pauses;
    qint64 startDateMs = 0;
    qint64 historyEndMs = 0; // the seeded history ends here
    qint64 lastParsedMs = 0;
    bool catchup = false;
    int maxActiveRuns = 16;
    int maxActiveTasks = 16;
    int paramsKind = 0;                       // which params set DagParams builds
    QString timezone = QStringLiteral("UTC"); // the DAG's zone (IANA name), as dag_details reports it
    QString docMd;
    QVector<DagTask> tasks;
    int historyCount = 0;
    QSet<int> deletedHistory;
    QVector<DagRun> createdRuns;

    // Unpaused milliseconds elapsed up to wallMs, on a clock that stops while the DAG is paused.
    qint64 activeMs(qint64 wallMs) const;
    // The wall time at which the unpaused clock reached activeMs (it must have been reached).
    qint64 wallMsAt(qint64 activeMs) const;
};

} // namespace Windsock::Sandbox
