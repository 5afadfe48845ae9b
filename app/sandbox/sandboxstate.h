#pragma once

#include "dagmodel.h"
#include "resourcestore.h"
#include "taskinstancestate.h"

#include <QHash>
#include <QVector>

#include <optional>

namespace Windsock::Sandbox {

class SandboxClock;

// What a trigger asks for, already validated.
struct DagRunTrigger
{
    QString runId;         // empty: manual__<logical date>
    qint64 logicalMs = -1; // -1: now
    qint64 dataIntervalStartMs = -1;
    qint64 dataIntervalEndMs = -1;
    QJsonObject conf;
    QString note;
    bool hasNote = false;
};

// The emulated metadata database and scheduler. Seeded history is derived from indices on demand;
// only what the API created, changed or deleted is stored. Run states follow from the clock when read.
class SandboxState
{
public:
    SandboxState(quint32 seed, int dagCount, int runsPerDag, const SandboxClock *clock);

    quint32 seed() const { return m_seed; }
    qint64 nowMs() const;
    int dagCount() const { return int(m_dags.size()); }
    const DagModel &dag(int index) const { return m_dags.at(index); }
    int dagIndex(const QString &dagId) const { return m_indexById.value(dagId, -1); }
    const QVector<int> &dagIdOrder() const { return m_dagIdOrder; }

    void setPaused(int index, bool paused);

    QVector<DagRun> runs(int index) const; // in id order
    std::optional<DagRun> findRun(int index, const QString &runId) const;
    bool hasLogicalDate(int index, qint64 logicalMs) const;
    DagRun trigger(int index, const DagRunTrigger &request);
    bool deleteRun(int index, const QString &runId);

    // With the changes made through the API (mark, clear, set state) applied.
    DagRunProgress progress(const DagRun &run) const;
    QVector<TaskInstanceState> taskInstances(const DagRun &run) const;

    // Changes made through the API. They are stored as overrides of the lazily derived states, which go on
    // for the runs and task instances they do not touch.
    // Marks a run as set_dag_run_state_to_success/failed/queued do, with its task instances.
    void markRun(const DagRun &run, DagRunState state);
    // Resets the task instances (state null, as clear_task_instances does); resetRun re-queues the run.
    void clearTaskInstances(const DagRun &run, const QVector<int> &taskIndices, bool resetRun);
    void setTaskInstanceState(const DagRun &run, int taskIndex, const QString &state);
    void setRunNote(const DagRun &run, const QString &note);
    void setTaskInstanceNote(const DagRun &run, int taskIndex, const QString &note);
    // Whether the seeded history makes this task of this run fail its first try and succeed on its second.
    bool seededRetry(const DagRun &run, int taskIndex) const;
    // Runs that may still be queued or running (the newest seeded run and the triggered ones).
    QVector<DagRun> recentRuns(int index) const;

    // Variables, connections and pools.
    ResourceStore &resources() { return m_resources; }
    const ResourceStore &resources() const { return m_resources; }

private:
    // What the API changed in one run.
    struct RunOverride
    {
        std::optional<DagRunState> state;
        qint64 stateWallMs = -1;
        QHash<int, QString> taskStates; // task index -> state (empty: null)
        qint64 taskWallMs = -1;
        bool hasNote = false;
        QString note;
        // A clear that re-queued the run: from rerunActiveMs (the DAG's unpaused clock) the run waits its
        // queue delay, then runs rerunTasks again in task order, one slot each, like a new run.
        qint64 rerunActiveMs = -1;
        QVector<int> rerunTasks;
        // Per task: the try numbers and earlier tries that clears and state changes left behind.
        QHash<int, int> tryNumbers;
        QHash<int, QVector<TaskInstanceState::EarlierTry>> earlierTries;
        QHash<int, QString> taskNotes;
    };
    // Keeps a task instance's current state, try and earlier tries as overrides (before a rerun changes).
    static void freezeTask(RunOverride &changed, const TaskInstanceState &ti);
    void applyRerun(const DagRun &run, const RunOverride &changed, QVector<TaskInstanceState> &result) const;
    qint64 rerunSlotMs(const DagRun &run) const;
    static QString overrideKey(const DagRun &run) { return QString::number(run.dagIndex) + u'/' + run.runId; }
    DagRunProgress rawProgress(const DagRun &run) const;
    DagRun historyRun(const DagModel &dag, int k) const;
    void shapeRun(DagRun &run, const DagModel &dag, qint64 minDuration, qint64 maxDuration) const;

    quint32 m_seed;
    int m_runsPerDag;
    const SandboxClock *m_clock;
    QVector<DagModel> m_dags;
    QHash<QString, int> m_indexById;
    QVector<int> m_dagIdOrder;
    qint64 m_nextRunId;
    QHash<QString, RunOverride> m_overrides;
    ResourceStore m_resources;
};

} // namespace Windsock::Sandbox
