#pragma once

#include "dagmodel.h"
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

    DagRunProgress progress(const DagRun &run) const;
    QVector<TaskInstanceState> taskInstances(const DagRun &run) const;
    // Runs that may still be queued or running (the newest seeded run and the triggered ones).
    QVector<DagRun> recentRuns(int index) const;

private:
    DagRun historyRun(const DagModel &dag, int k) const;
    void shapeRun(DagRun &run, const DagModel &dag, qint64 minDuration, qint64 maxDuration) const;

    quint32 m_seed;
    int m_runsPerDag;
    const SandboxClock *m_clock;
    QVector<DagModel> m_dags;
    QHash<QString, int> m_indexById;
    QVector<int> m_dagIdOrder;
    qint64 m_nextRunId;
};

} // namespace Windsock::Sandbox
