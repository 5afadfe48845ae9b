#include "sandboxstate.h"

#include "airflowtime.h"
#include "dagseeder.h"
#include "sandboxclock.h"
#include "seedhash.h"

#include <algorithm>

namespace Windsock::Sandbox {

namespace {
constexpr qint64 secondMs = 1000;
constexpr qint64 minuteMs = 60 * secondMs;
} // namespace

SandboxState::SandboxState(quint32 seed, int dagCount, int runsPerDag, const SandboxClock *clock)
    : m_seed(seed)
    , m_runsPerDag(qMax(0, runsPerDag))
    , m_clock(clock)
    , m_dags(DagSeeder(seed, qMax(0, runsPerDag), clock->nowMs()).build(qMax(0, dagCount)))
    , m_nextRunId(qint64(qMax(0, dagCount)) * qMax(0, runsPerDag) + 1)
{
    m_indexById.reserve(m_dags.size());
    m_dagIdOrder.reserve(m_dags.size());
    for (const DagModel &dag : std::as_const(m_dags)) {
        m_indexById.insert(dag.dagId, dag.index);
        m_dagIdOrder.append(dag.index);
    }
    std::sort(m_dagIdOrder.begin(), m_dagIdOrder.end(),
              [this](int a, int b) { return m_dags.at(a).dagId < m_dags.at(b).dagId; });
}

qint64 SandboxState::nowMs() const
{
    return m_clock->nowMs();
}

void SandboxState::setPaused(int index, bool paused)
{
    DagModel &dag = m_dags[index];
    if (dag.isPaused == paused)
        return;
    const qint64 now = nowMs();
    if (paused)
        dag.pauses.append(PauseInterval{now, -1});
    else if (!dag.pauses.isEmpty())
        dag.pauses.last().endMs = now;
    dag.isPaused = paused;
}

void SandboxState::shapeRun(DagRun &run, const DagModel &dag, qint64 minDuration, qint64 maxDuration) const
{
    const quint64 h = SeedHash::of(m_seed, dag.dagId + u'/' + run.runId);
    run.queueDelayMs = 2 * secondMs + qint64(h % 9) * secondMs; // 2..10 s
    const int taskCount = qMax(1, int(dag.tasks.size()));
    const qint64 slot = qMax<qint64>(secondMs, (minDuration + qint64(SeedHash::unit(SeedHash::mix(h)) *
                                                                     double(maxDuration - minDuration))) /
                                                   taskCount);
    run.succeeds = SeedHash::unit(SeedHash::mix(h ^ 0x5eed)) >= 0.15;
    run.failingTask = run.succeeds ? -1 : 1 + int((h >> 20) % quint64(qMax(1, taskCount - 1)));
    if (run.failingTask >= taskCount)
        run.failingTask = taskCount - 1;
    run.durationMs = slot * (run.succeeds ? taskCount : run.failingTask + 1);
}

DagRun SandboxState::historyRun(const DagModel &dag, int k) const
{
    const qint64 period = dag.schedule.periodMs;
    const quint64 h = SeedHash::of(m_seed, quint64(dag.index), quint64(k) + 0x4157);
    const bool busy = SeedHash::of(m_seed, quint64(dag.index), 0xb05) % 3 == 0;
    const bool last = k == dag.historyCount - 1;
    DagRun run;
    run.dagIndex = dag.index;
    run.id = qint64(dag.index) * m_runsPerDag + k + 1;
    run.historyIndex = k;
    const qint64 stepsBack = dag.historyCount - 1 - k;
    switch (dag.schedule.kind) {
    case DagSchedule::Kind::None:
    case DagSchedule::Kind::Dataset: {
        const bool manual = dag.schedule.kind == DagSchedule::Kind::None;
        run.queuedWallMs = dag.historyEndMs - stepsBack * period - qint64(h % 600) * secondMs - 30 * minuteMs;
        if (last && busy)
            run.queuedWallMs = dag.historyEndMs - qint64(h % 12) * minuteMs;
        run.logicalMs = run.queuedWallMs - run.queuedWallMs % secondMs;
        run.runType = manual ? QStringLiteral("manual") : QStringLiteral("dataset_triggered");
        run.externalTrigger = manual;
        run.runId = run.runType + QStringLiteral("__") + AirflowTime::iso(run.logicalMs);
        run.dataIntervalStartMs = run.logicalMs;
        run.dataIntervalEndMs = run.logicalMs;
        break;
    }
    default: {
        const qint64 lastStart = ((dag.historyEndMs - period) / period) * period;
        run.logicalMs = lastStart - stepsBack * period;
        run.queuedWallMs = qMin(dag.historyEndMs, run.logicalMs + period + qint64(1 + h % 30) * secondMs);
        if (last && busy)
            run.queuedWallMs = dag.historyEndMs - qint64(h % 12) * minuteMs;
        run.runType = QStringLiteral("scheduled");
        run.runId = QStringLiteral("scheduled__") + AirflowTime::iso(run.logicalMs);
        run.dataIntervalStartMs = run.logicalMs;
        run.dataIntervalEndMs = run.logicalMs + period;
        break;
    }
    }
    run.createdActiveMs = dag.activeMs(run.queuedWallMs);
    shapeRun(run, dag, minuteMs,
             qBound<qint64>(2 * minuteMs, period * 6 / 10, (last && busy) ? 40 * minuteMs : 20 * minuteMs));
    const auto changed = m_overrides.constFind(overrideKey(run));
    if (changed != m_overrides.cend() && changed->hasNote) {
        run.hasNote = true;
        run.note = changed->note;
    }
    return run;
}

QVector<DagRun> SandboxState::runs(int index) const
{
    const DagModel &dag = m_dags.at(index);
    QVector<DagRun> result;
    result.reserve(dag.historyCount - dag.deletedHistory.size() + dag.createdRuns.size());
    for (int k = 0; k < dag.historyCount; ++k) {
        if (!dag.deletedHistory.contains(k))
            result.append(historyRun(dag, k));
    }
    result.append(dag.createdRuns);
    return result;
}

QVector<DagRun> SandboxState::recentRuns(int index) const
{
    const DagModel &dag = m_dags.at(index);
    QVector<DagRun> result = dag.createdRuns;
    const int last = dag.historyCount - 1;
    if (last >= 0 && !dag.deletedHistory.contains(last))
        result.append(historyRun(dag, last));
    return result;
}

std::optional<DagRun> SandboxState::findRun(int index, const QString &runId) const
{
    const DagModel &dag = m_dags.at(index);
    for (const DagRun &run : dag.createdRuns) {
        if (run.runId == runId)
            return run;
    }
    for (int k = dag.historyCount - 1; k >= 0; --k) {
        if (dag.deletedHistory.contains(k))
            continue;
        DagRun run = historyRun(dag, k);
        if (run.runId == runId)
            return run;
    }
    return std::nullopt;
}

bool SandboxState::hasLogicalDate(int index, qint64 logicalMs) const
{
    const QVector<DagRun> all = runs(index);
    return std::any_of(all.cbegin(), all.cend(),
                       [logicalMs](const DagRun &r) { return r.logicalMs == logicalMs; });
}

DagRun SandboxState::trigger(int index, const DagRunTrigger &request)
{
    DagModel &dag = m_dags[index];
    const qint64 now = nowMs();
    DagRun run;
    run.dagIndex = index;
    run.id = m_nextRunId++;
    run.logicalMs = request.logicalMs >= 0 ? request.logicalMs : now;
    run.runId = request.runId.isEmpty() ? QStringLiteral("manual__") + AirflowTime::iso(run.logicalMs)
                                        : request.runId;
    run.runType = QStringLiteral("manual");
    run.externalTrigger = true;
    run.dataIntervalStartMs = request.dataIntervalStartMs >= 0 ? request.dataIntervalStartMs : run.logicalMs;
    run.dataIntervalEndMs = request.dataIntervalEndMs >= 0 ? request.dataIntervalEndMs : run.logicalMs;
    run.queuedWallMs = now;
    run.createdActiveMs = dag.activeMs(now);
    run.conf = request.conf;
    run.note = request.note;
    run.hasNote = request.hasNote;
    shapeRun(run, dag, 30 * secondMs, 5 * minuteMs);
    dag.createdRuns.append(run);
    return run;
}

bool SandboxState::deleteRun(int index, const QString &runId)
{
    DagModel &dag = m_dags[index];
    m_overrides.remove(QString::number(index) + u'/' + runId);
    for (int i = 0; i < dag.createdRuns.size(); ++i) {
        if (dag.createdRuns.at(i).runId == runId) {
            dag.createdRuns.removeAt(i);
            return true;
        }
    }
    const std::optional<DagRun> run = findRun(index, runId);
    if (!run)
        return false;
    dag.deletedHistory.insert(run->historyIndex);
    return true;
}

DagRunProgress SandboxState::progress(const DagRun &run) const
{
    DagRunProgress p = rawProgress(run);
    const auto changed = m_overrides.constFind(overrideKey(run));
    if (changed != m_overrides.cend() && changed->rerunActiveMs >= 0 && !changed->state) {
        // Re-queued by a clear: queued for the queue delay, running while the cleared tasks run again,
        // then success or failed from the task instances, as the scheduler decides a new run.
        const DagModel &dag = m_dags.at(run.dagIndex);
        const qint64 elapsed = dag.activeMs(nowMs()) - changed->rerunActiveMs;
        const qint64 runFor = rerunSlotMs(run) * changed->rerunTasks.size();
        DagRunProgress rerun;
        if (elapsed < run.queueDelayMs)
            return rerun;
        rerun.startWallMs = dag.wallMsAt(changed->rerunActiveMs + run.queueDelayMs);
        rerun.runningMs = qMin(elapsed - run.queueDelayMs, runFor);
        if (elapsed < run.queueDelayMs + runFor) {
            rerun.state = DagRunState::Running;
            return rerun;
        }
        rerun.endWallMs = dag.wallMsAt(changed->rerunActiveMs + run.queueDelayMs + runFor);
        rerun.state = DagRunState::Success;
        for (const TaskInstanceState &ti : taskInstances(run)) {
            if (ti.state != QLatin1String("success") && ti.state != QLatin1String("skipped"))
                rerun.state = DagRunState::Failed;
        }
        return rerun;
    }
    if (changed == m_overrides.cend() || !changed->state)
        return p;
    p.state = *changed->state;
    if (p.state == DagRunState::Queued)
        return DagRunProgress{};
    if (p.startWallMs < 0)
        p.startWallMs = changed->stateWallMs;
    if (p.endWallMs < 0 || p.endWallMs > changed->stateWallMs)
        p.endWallMs = changed->stateWallMs;
    return p;
}

DagRunProgress SandboxState::rawProgress(const DagRun &run) const
{
    const DagModel &dag = m_dags.at(run.dagIndex);
    const qint64 elapsed = dag.activeMs(nowMs()) - run.createdActiveMs;
    DagRunProgress p;
    if (elapsed < run.queueDelayMs)
        return p;
    p.startWallMs = dag.wallMsAt(run.createdActiveMs + run.queueDelayMs);
    if (elapsed < run.queueDelayMs + run.durationMs) {
        p.state = DagRunState::Running;
        p.runningMs = elapsed - run.queueDelayMs;
        return p;
    }
    p.state = run.succeeds ? DagRunState::Success : DagRunState::Failed;
    p.runningMs = run.durationMs;
    p.endWallMs = dag.wallMsAt(run.createdActiveMs + run.queueDelayMs + run.durationMs);
    return p;
}

QVector<TaskInstanceState> SandboxState::taskInstances(const DagRun &run) const
{
    const DagModel &dag = m_dags.at(run.dagIndex);
    const DagRunProgress p = rawProgress(run);
    const int taskCount = int(dag.tasks.size());
    const int slotsUsed = run.succeeds ? taskCount : run.failingTask + 1;
    const qint64 slot = slotsUsed > 0 ? run.durationMs / slotsUsed : 0;
    const qint64 runStartActive = run.createdActiveMs + run.queueDelayMs;
    QVector<TaskInstanceState> result;
    result.reserve(taskCount);
    for (int j = 0; j < taskCount; ++j) {
        TaskInstanceState ti;
        ti.taskIndex = j;
        const qint64 slotStart = qint64(j) * slot;
        const qint64 queuedFor = qMin<qint64>(3 * secondMs, slot / 5);
        const bool started = p.state != DagRunState::Queued && p.runningMs >= slotStart &&
                             (run.succeeds || j <= run.failingTask);
        if (!started) {
            if (p.state == DagRunState::Failed && j > run.failingTask)
                ti.state = QStringLiteral("upstream_failed");
            result.append(ti);
            continue;
        }
        ti.tryNumber = 1;
        ti.queuedWallMs = dag.wallMsAt(runStartActive + slotStart);
        if (p.runningMs < slotStart + queuedFor && p.state == DagRunState::Running) {
            ti.state = QStringLiteral("queued");
        } else if (seededRetry(run, j)) {
            // Try 1 fails two fifths into the slot, waits up_for_retry, and try 2 succeeds in the second
            // half.
            const bool running = p.state == DagRunState::Running;
            const qint64 firstEnd = slotStart + slot * 2 / 5;
            const qint64 secondStart = slotStart + slot / 2;
            ti.maxTries = 1;
            ti.startWallMs = dag.wallMsAt(runStartActive + slotStart + queuedFor);
            if (running && p.runningMs < firstEnd) {
                ti.state = QStringLiteral("running");
            } else if (running && p.runningMs < secondStart) {
                ti.endWallMs = dag.wallMsAt(runStartActive + firstEnd);
                ti.state = QStringLiteral("up_for_retry");
            } else {
                ti.earlierTries.append(
                    TaskInstanceState::EarlierTry{1, QStringLiteral("up_for_retry"), ti.startWallMs,
                                                  dag.wallMsAt(runStartActive + firstEnd)});
                ti.tryNumber = 2;
                ti.queuedWallMs = dag.wallMsAt(runStartActive + secondStart);
                ti.startWallMs = ti.queuedWallMs;
                if (running && p.runningMs < slotStart + slot) {
                    ti.state = QStringLiteral("running");
                } else {
                    ti.endWallMs = dag.wallMsAt(runStartActive + slotStart + slot);
                    ti.state = QStringLiteral("success");
                }
            }
        } else {
            ti.startWallMs = dag.wallMsAt(runStartActive + slotStart + queuedFor);
            if (p.runningMs < slotStart + slot && p.state == DagRunState::Running) {
                ti.state = QStringLiteral("running");
            } else {
                ti.endWallMs = dag.wallMsAt(runStartActive + slotStart + slot);
                ti.state = (!run.succeeds && j == run.failingTask) ? QStringLiteral("failed")
                                                                   : QStringLiteral("success");
            }
        }
        result.append(ti);
    }
    const auto changed = m_overrides.constFind(overrideKey(run));
    if (changed == m_overrides.cend())
        return result;
    for (TaskInstanceState &ti : result) {
        const auto state = changed->taskStates.constFind(ti.taskIndex);
        if (state == changed->taskStates.cend())
            continue;
        ti.state = *state;
        const bool finished = ti.state == QLatin1String("success") || ti.state == QLatin1String("failed") ||
                              ti.state == QLatin1String("skipped");
        if (finished && ti.endWallMs < 0)
            ti.endWallMs = changed->taskWallMs;
        if (finished && ti.startWallMs < 0)
            ti.startWallMs = ti.endWallMs;
        if (ti.tryNumber == 0 && ti.startWallMs >= 0)
            ti.tryNumber = 1;
    }
    for (TaskInstanceState &ti : result) {
        ti.tryNumber = changed->tryNumbers.value(ti.taskIndex, ti.tryNumber);
        const auto earlier = changed->earlierTries.constFind(ti.taskIndex);
        if (earlier != changed->earlierTries.cend())
            ti.earlierTries = *earlier;
        const auto note = changed->taskNotes.constFind(ti.taskIndex);
        if (note != changed->taskNotes.cend()) {
            ti.hasNote = true;
            ti.note = *note;
        }
    }
    applyRerun(run, *changed, result);
    return result;
}

bool SandboxState::seededRetry(const DagRun &run, int taskIndex) const
{
    const DagModel &dag = m_dags.at(run.dagIndex);
    // Only the real work retries: not the EmptyOperator start and end, nor the task that fails the run.
    if (taskIndex <= 0 || taskIndex >= dag.tasks.size() - 1 ||
        (!run.succeeds && taskIndex == run.failingTask))
        return false;
    // The newest seeded run retries its second task, so a running task on its second try is easy to find.
    if (run.historyIndex >= 0 && run.historyIndex == dag.historyCount - 1 && taskIndex == 1)
        return true;
    return SeedHash::of(m_seed, dag.dagId + u'/' + run.runId, quint64(taskIndex) + 0x7e7) % 6 == 0;
}

qint64 SandboxState::rerunSlotMs(const DagRun &run) const
{
    const DagModel &dag = m_dags.at(run.dagIndex);
    const int slotsUsed = run.succeeds ? int(dag.tasks.size()) : run.failingTask + 1;
    return slotsUsed > 0 ? qMax<qint64>(secondMs, run.durationMs / slotsUsed) : secondMs;
}

void SandboxState::applyRerun(const DagRun &run, const RunOverride &changed,
                              QVector<TaskInstanceState> &result) const
{
    if (changed.rerunActiveMs < 0)
        return;
    const DagModel &dag = m_dags.at(run.dagIndex);
    const qint64 elapsed = dag.activeMs(nowMs()) - changed.rerunActiveMs;
    const qint64 slot = rerunSlotMs(run);
    const qint64 queuedFor = qMin<qint64>(3 * secondMs, slot / 5);
    qint64 slotStart = run.queueDelayMs;
    for (int taskIndex : changed.rerunTasks) {
        TaskInstanceState &ti = result[taskIndex];
        ti.queuedWallMs = ti.startWallMs = ti.endWallMs = -1;
        ti.state.clear();
        if (elapsed >= slotStart) {
            ++ti.tryNumber; // the scheduler counts the new try when it queues it (2.10)
            ti.queuedWallMs = dag.wallMsAt(changed.rerunActiveMs + slotStart);
            ti.state = QStringLiteral("queued");
        }
        if (elapsed >= slotStart + queuedFor) {
            ti.startWallMs = dag.wallMsAt(changed.rerunActiveMs + slotStart + queuedFor);
            ti.state = QStringLiteral("running");
        }
        if (elapsed >= slotStart + slot) {
            ti.endWallMs = dag.wallMsAt(changed.rerunActiveMs + slotStart + slot);
            ti.state = QStringLiteral("success");
        }
        slotStart += slot;
    }
}

void SandboxState::freezeTask(RunOverride &changed, const TaskInstanceState &ti)
{
    changed.taskStates.insert(ti.taskIndex, ti.state);
    changed.tryNumbers.insert(ti.taskIndex, ti.tryNumber);
    changed.earlierTries.insert(ti.taskIndex, ti.earlierTries);
    changed.rerunTasks.removeAll(ti.taskIndex);
}

void SandboxState::setTaskInstanceNote(const DagRun &run, int taskIndex, const QString &note)
{
    m_overrides[overrideKey(run)].taskNotes.insert(taskIndex, note);
}

void SandboxState::markRun(const DagRun &run, DagRunState state)
{
    const QVector<TaskInstanceState> current = taskInstances(run);
    RunOverride &changed = m_overrides[overrideKey(run)];
    const qint64 now = nowMs();
    if (changed.rerunActiveMs >= 0) { // the mark ends a rerun: keep where its tasks got to
        for (const TaskInstanceState &ti : current) {
            if (changed.rerunTasks.contains(ti.taskIndex))
                freezeTask(changed, ti);
        }
        changed.rerunActiveMs = -1;
    }
    changed.state = state;
    changed.stateWallMs = now;
    for (const TaskInstanceState &ti : current) {
        const bool finished = ti.state == QLatin1String("success") || ti.state == QLatin1String("failed") ||
                              ti.state == QLatin1String("skipped") ||
                              ti.state == QLatin1String("upstream_failed");
        if (state == DagRunState::Success) {
            // set_dag_run_state_to_success: every task instance becomes success.
            if (ti.state != QLatin1String("success")) {
                changed.taskStates.insert(ti.taskIndex, QStringLiteral("success"));
                changed.taskWallMs = now;
            }
        } else if (state == DagRunState::Failed) {
            // set_dag_run_state_to_failed: running ones fail, the unfinished rest is skipped.
            if (ti.state == QLatin1String("running"))
                changed.taskStates.insert(ti.taskIndex, QStringLiteral("failed"));
            else if (!finished)
                changed.taskStates.insert(ti.taskIndex, QStringLiteral("skipped"));
            changed.taskWallMs = now;
        }
    }
}

void SandboxState::clearTaskInstances(const DagRun &run, const QVector<int> &taskIndices, bool resetRun)
{
    const QVector<TaskInstanceState> current = taskInstances(run);
    RunOverride &changed = m_overrides[overrideKey(run)];
    // A rerun in progress stops where it is; what it did stays.
    for (const TaskInstanceState &ti : current) {
        if (changed.rerunTasks.contains(ti.taskIndex))
            freezeTask(changed, ti);
    }
    changed.rerunActiveMs = -1;
    for (int taskIndex : taskIndices) {
        // clear_task_instances keeps the try that ran in the history (TaskInstanceHistory) and resets
        // the state; the next try number is taken when the scheduler queues it again.
        const TaskInstanceState &ti = current.at(taskIndex);
        QVector<TaskInstanceState::EarlierTry> earlier = ti.earlierTries;
        if (ti.startWallMs >= 0)
            earlier.append(
                TaskInstanceState::EarlierTry{ti.tryNumber, ti.state, ti.startWallMs, ti.endWallMs});
        changed.earlierTries.insert(taskIndex, earlier);
        changed.tryNumbers.insert(taskIndex, ti.tryNumber);
        changed.taskStates.insert(taskIndex, QString());
    }
    if (resetRun) {
        // Back to queued, and on with the clock like a new run: the cleared tasks run again in order.
        changed.state.reset();
        changed.stateWallMs = nowMs();
        changed.rerunActiveMs = m_dags.at(run.dagIndex).activeMs(nowMs());
        QVector<int> sorted = taskIndices;
        std::sort(sorted.begin(), sorted.end());
        changed.rerunTasks = sorted;
    }
}

void SandboxState::setTaskInstanceState(const DagRun &run, int taskIndex, const QString &state)
{
    const QVector<TaskInstanceState> current = taskInstances(run);
    RunOverride &changed = m_overrides[overrideKey(run)];
    if (changed.rerunTasks.contains(taskIndex))
        freezeTask(changed, current.at(taskIndex));
    changed.taskStates.insert(taskIndex, state);
    changed.taskWallMs = nowMs();
}

void SandboxState::setRunNote(const DagRun &run, const QString &note)
{
    if (run.historyIndex < 0) {
        for (DagRun &created : m_dags[run.dagIndex].createdRuns) {
            if (created.runId == run.runId) {
                created.hasNote = true;
                created.note = note;
            }
        }
        return;
    }
    RunOverride &changed = m_overrides[overrideKey(run)];
    changed.hasNote = true;
    changed.note = note;
}

} // namespace Windsock::Sandbox
