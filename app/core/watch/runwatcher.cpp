#include "runwatcher.h"

#include "api/airflowclient.h"
#include "api/apierror.h"
#include "api/dialect.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcWatch, "windsock.watch", QtInfoMsg)

namespace Windsock::Watch {

RunWatcher::RunWatcher(Api::AirflowClient *client, QObject *parent)
    : RunWatcher(client, Options{}, parent)
{}

RunWatcher::RunWatcher(Api::AirflowClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{
    qRegisterMetaType<Api::DagRun>();
    qRegisterMetaType<RunOutcome>();
}

RunWatcher::~RunWatcher() = default;

QString RunWatcher::key(const QString &dagId, const QString &dagRunId)
{
    // A DAG id never contains a slash; a run id may, so the DAG id goes first.
    return dagId + u'/' + dagRunId;
}

bool RunWatcher::isFinishedState(const QString &state)
{
    return state == QLatin1String("success") || state == QLatin1String("failed");
}

void RunWatcher::watch(const QString &dagId, const QString &dagRunId)
{
    Api::DagRun run;
    run.dagId = dagId;
    run.dagRunId = dagRunId;
    watch(run);
}

void RunWatcher::watch(const Api::DagRun &run)
{
    const QString k = key(run.dagId, run.dagRunId);
    if (run.dagId.isEmpty() || run.dagRunId.isEmpty() || m_runs.contains(k))
        return;
    Watched watched;
    watched.run = run;
    watched.intervalMs = m_options.intervalMs;
    watched.timer = new QTimer(this);
    watched.timer->setSingleShot(true);
    connect(watched.timer, &QTimer::timeout, this, [this, k] { poll(k); });
    m_runs.insert(k, watched);
    qCDebug(lcWatch) << "watching" << k;
    poll(k); // the first answer at once: the window shows the state without waiting an interval
}

void RunWatcher::unwatch(const QString &dagId, const QString &dagRunId)
{
    remove(key(dagId, dagRunId));
}

void RunWatcher::unwatchAll()
{
    const QStringList keys = m_runs.keys();
    for (const QString &k : keys)
        remove(k);
}

void RunWatcher::remove(const QString &key)
{
    const auto it = m_runs.find(key);
    if (it == m_runs.end())
        return;
    delete it->timer;
    m_runs.erase(it);
}

bool RunWatcher::isWatching(const QString &dagId, const QString &dagRunId) const
{
    return m_runs.contains(key(dagId, dagRunId));
}

QList<Api::DagRun> RunWatcher::watchedRuns() const
{
    QList<Api::DagRun> runs;
    for (const Watched &watched : m_runs)
        runs.append(watched.run);
    return runs;
}

int RunWatcher::currentIntervalMs(const QString &dagId, const QString &dagRunId) const
{
    const auto it = m_runs.constFind(key(dagId, dagRunId));
    return it == m_runs.cend() ? -1 : it->intervalMs;
}

void RunWatcher::pollNow()
{
    const QStringList keys = m_runs.keys();
    for (const QString &k : keys)
        poll(k, true);
}

void RunWatcher::schedule(Watched &watched)
{
    watched.timer->start(watched.intervalMs);
}

void RunWatcher::poll(const QString &k, bool requested)
{
    const auto it = m_runs.find(k);
    if (it == m_runs.end() || it->finishing || !m_client)
        return;
    if (it->inFlight) {
        it->pollAgain = it->pollAgain || requested;
        return;
    }
    it->inFlight = true;
    it->pollAgain = false;
    it->timer->stop();
    ++m_pending;
    const QTimer *timer = it->timer; // tells this watch from a later one of the same run
    m_client->dagRun(it->run.dagId, it->run.dagRunId, this,
                     [this, k, timer](const Api::Result<Api::DagRun> &result) {
                         --m_pending;
                         const auto found = m_runs.find(k);
                         if (found == m_runs.end() || found->timer != timer)
                             return; // unwatched meanwhile
                         found->inFlight = false;
                         const bool again = found->pollAgain;
                         if (result)
                             answered(k, result.value());
                         else
                             pollFailed(k, result.error());
                         if (again)
                             poll(k); // does nothing once the run ended or was unwatched
                     });
}

void RunWatcher::answered(const QString &k, const Api::DagRun &run)
{
    Watched &watched = m_runs[k];
    const bool wasProblem = watched.problemSaid;
    const bool changed = run.state != watched.run.state;
    watched.problemSaid = false;
    watched.failures = 0;
    watched.intervalMs = m_options.intervalMs;
    watched.run = run;
    const bool ended = isFinishedState(run.state);
    if (ended)
        watched.finishing = true;
    else
        schedule(watched);
    // Slots may unwatch this run (or any other): nothing below holds on to the entry.
    if (wasProblem)
        Q_EMIT recovered(run.dagId, run.dagRunId);
    if (changed && m_runs.contains(k))
        Q_EMIT stateChanged(run);
    if (!ended || !m_runs.contains(k))
        return;
    if (run.state != QLatin1String("failed"))
        finish(k, 0);
    else if (m_client && m_client->dialect().supports(Api::Feature::ListTaskInstances))
        countFailedTasks(k, 0, 0);
    else
        finish(k, -1); // an API that cannot list task instances (1.10): the end without a count
}

void RunWatcher::pollFailed(const QString &k, const Api::ApiError &error)
{
    Watched &watched = m_runs[k];
    const QString dagId = watched.run.dagId;
    const QString runId = watched.run.dagRunId;
    if (error.kind() == Api::ApiError::Kind::NotFound) {
        qCInfo(lcWatch) << "run deleted" << k;
        remove(k);
        Q_EMIT deleted(dagId, runId, tr("%1: %2 was deleted, so it is no longer watched.").arg(dagId, runId));
        return;
    }
    ++watched.failures;
    // Double the wait after each failure, up to the ceiling: a server in trouble is not hammered.
    qint64 interval = m_options.intervalMs;
    for (int i = 0; i < watched.failures && interval < m_options.maxIntervalMs; ++i)
        interval *= 2;
    watched.intervalMs = int(qMin<qint64>(interval, m_options.maxIntervalMs));
    qCInfo(lcWatch) << "poll failed" << k << watched.failures << "times; next in" << watched.intervalMs
                    << "ms";
    const bool say = watched.failures >= m_options.failuresBeforeProblem && !watched.problemSaid;
    if (say)
        watched.problemSaid = true;
    schedule(watched);
    if (say)
        Q_EMIT problem(
            dagId, runId,
            tr("Cannot follow %1: %2 — %3 Windsock keeps trying.").arg(dagId, runId, error.message()));
}

void RunWatcher::countFailedTasks(const QString &k, int offset, int counted)
{
    if (!m_client) {
        finish(k, -1);
        return;
    }
    const Watched &watched = m_runs[k];
    Api::TaskInstanceQuery query;
    query.dagId = watched.run.dagId;
    query.dagRunId = watched.run.dagRunId;
    query.limit = m_client->maxPageSize();
    query.offset = offset;
    const QTimer *timer = watched.timer;
    ++m_pending;
    m_client->taskInstances(
        query, this,
        [this, k, timer, offset, counted](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
            --m_pending;
            const auto found = m_runs.find(k);
            if (found == m_runs.end() || found->timer != timer)
                return;
            if (!result) {
                // The run's end is still worth telling; only the count is missing.
                finish(k, -1);
                return;
            }
            int failed = counted;
            for (const Api::TaskInstance &ti : result.value().items)
                failed += ti.state == QLatin1String("failed") ? 1 : 0;
            const int next = offset + int(result.value().items.size());
            if (!result.value().items.isEmpty() && next < result.value().totalEntries)
                countFailedTasks(k, next, failed);
            else
                finish(k, failed);
        });
}

void RunWatcher::finish(const QString &k, int failedTaskInstances)
{
    RunOutcome outcome;
    outcome.run = m_runs[k].run;
    outcome.failedTaskInstances = failedTaskInstances;
    if (outcome.run.startDate.isValid() && outcome.run.endDate.isValid())
        outcome.durationMs = qMax<qint64>(0, outcome.run.startDate.msecsTo(outcome.run.endDate));
    remove(k);
    qCInfo(lcWatch) << "finished" << k << outcome.run.state;
    Q_EMIT finished(outcome);
}

} // namespace Windsock::Watch
