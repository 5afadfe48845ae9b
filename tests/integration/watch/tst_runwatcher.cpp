// RunWatcher against the real sandbox over loopback, on its manual clock: triggered runs go queued ->
// running -> success/failed and each state is reported once, the end once (with the duration and the failed
// task instances); a deleted run; server errors with back-off, a problem said once, then recovery. Every test
// runs on Airflow 2 (/api/v1), Airflow 3 (/api/v2, JWT login) and Airflow 1.10 (/api/experimental: runs are
// created running, have no end date, and their task instances cannot be listed).
#include "api/airflowclient.h"
#include "api/dialect.h"
#include "api/dialectexperimental.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "watch/runwatcher.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Windsock::Api;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Watch::RunOutcome;
using Windsock::Watch::RunWatcher;

class TestRunWatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void reportsEachStateOnceAndTheEndOnce();
    void pollsOnItsOwnTimer();
    void pollNowDuringAPollAsksAgain();
    void deletedRunIsReported();
    void serverErrorsBackOffThenRecover();
    void unwatchStopsReporting();
    void outcomeMessages_data();
    void outcomeMessages();

private:
    static constexpr int SlowIntervalMs = 600000; // the tests drive polls with pollNow()
    static constexpr int StepMs = 1000;

    QString dagId() const { return QStringLiteral("params_trigger_form"); }
    bool experimental() const { return m_mode == QLatin1String("experimental"); }
    // The state a run is created in: 1.10 creates triggered runs running.
    QString createdState() const
    {
        return experimental() ? QStringLiteral("running") : QStringLiteral("queued");
    }
    DagRun trigger(const QString &runId);
    QString serverState(const QString &runId);
    // Lets every poll in flight answer.
    void settle(RunWatcher &watcher);
    // Moves the clock a second at a time, letting the watcher look after each step, until it watches nothing.
    void stepUntilIdle(RunWatcher &watcher, int maxSteps = 1200);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_client;
    int m_triggered = 0;
    QString m_mode; // the global row: v1, v2 or experimental
};

void TestRunWatcher::initTestCase_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("v1") << QStringLiteral("v1");
    QTest::newRow("v2") << QStringLiteral("v2");
    QTest::newRow("experimental") << QStringLiteral("experimental");
}

void TestRunWatcher::init()
{
    QFETCH_GLOBAL(QString, mode);
    m_mode = mode;
    SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 3;
    options.clock = ClockKind::Manual;
    if (mode == QLatin1String("v2")) {
        options.api = ApiVersion::V2;
        options.auth = AuthMode::Jwt;
    } else if (experimental()) {
        options.api = ApiVersion::Experimental;
    }
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY(m_sandbox->listen(0));
    if (mode == QLatin1String("v2"))
        m_client =
            std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV2>(),
                                            std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                                QStringLiteral("admin"), QStringLiteral("admin")));
    else if (experimental())
        m_client = std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(),
                                                   std::make_unique<DialectExperimental>(),
                                                   std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                       QStringLiteral("admin"), QStringLiteral("admin")));
    else
        m_client = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    m_triggered = 0;
    const auto unpaused =
        awaitResult<Dag>([&](auto done) { m_client->setDagPaused(dagId(), false, this, done); });
    QVERIFY(unpaused && unpaused->ok());
}

void TestRunWatcher::cleanup()
{
    m_client.reset();
    m_sandbox.reset();
    m_nam.clearConnectionCache();
}

DagRun TestRunWatcher::trigger(const QString &runId)
{
    TriggerRequest request;
    request.dagId = dagId();
    request.dagRunId = runId;
    // The manual clock stands still, so "now" would be the same logical date for every run: one hour apart.
    request.logicalDate =
        QDateTime::fromMSecsSinceEpoch(m_sandbox->nowMs() - 3600000LL * ++m_triggered, Qt::UTC);
    const auto result = awaitResult<DagRun>([&](auto done) { m_client->triggerDagRun(request, this, done); });
    if (!result || !result->ok())
        qFatal("trigger failed: %s", result ? qPrintable(result->error().message()) : "no answer");
    return result->value();
}

QString TestRunWatcher::serverState(const QString &runId)
{
    const auto result = awaitResult<DagRun>([&](auto done) { m_client->dagRun(dagId(), runId, this, done); });
    return result && result->ok() ? result->value().state : QString();
}

void TestRunWatcher::settle(RunWatcher &watcher)
{
    QTRY_COMPARE_WITH_TIMEOUT(watcher.pendingRequests(), 0, 20000);
}

void TestRunWatcher::stepUntilIdle(RunWatcher &watcher, int maxSteps)
{
    for (int step = 0; step < maxSteps && watcher.watchedCount() > 0; ++step) {
        m_sandbox->advanceClock(StepMs);
        watcher.pollNow();
        settle(watcher);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(watcher.watchedCount(), 0);
}

void TestRunWatcher::reportsEachStateOnceAndTheEndOnce()
{
    RunWatcher watcher(m_client.get(), RunWatcher::Options{SlowIntervalMs, SlowIntervalMs, 3});
    QSignalSpy changed(&watcher, &RunWatcher::stateChanged);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    QStringList runIds;
    for (int i = 0; i < 16; ++i) {
        runIds.append(QStringLiteral("watch_%1").arg(i));
        trigger(runIds.constLast());
        watcher.watch(dagId(), runIds.constLast());
    }
    QCOMPARE(watcher.watchedCount(), 16);
    settle(watcher);
    stepUntilIdle(watcher);

    int succeeded = 0;
    int failed = 0;
    for (const QString &runId : runIds) {
        QStringList states;
        for (const QList<QVariant> &args : changed) {
            const auto run = args.first().value<DagRun>();
            if (run.dagRunId == runId)
                states.append(run.state);
        }
        const QString end = serverState(runId);
        QVERIFY(RunWatcher::isFinishedState(end));
        if (experimental())
            QCOMPARE(states, (QStringList{QStringLiteral("running"), end}));
        else
            QCOMPARE(states, (QStringList{QStringLiteral("queued"), QStringLiteral("running"), end}));
        int ends = 0;
        for (const QList<QVariant> &args : finished) {
            const auto outcome = args.first().value<RunOutcome>();
            if (outcome.run.dagRunId != runId)
                continue;
            ++ends;
            QCOMPARE(outcome.run.state, end);
            if (experimental()) {
                // 1.10's run state has no dates, and its task instances cannot be listed: the end is told
                // without a duration, and a failure without a count.
                QCOMPARE(outcome.durationMs, qint64(-1));
                QCOMPARE(outcome.failedTaskInstances, outcome.succeeded() ? 0 : -1);
                const QString expected =
                    outcome.succeeded() ? QStringLiteral(" succeeded") : QStringLiteral(" failed");
                QVERIFY2(outcome.message().endsWith(expected), qPrintable(outcome.message()));
                outcome.succeeded() ? ++succeeded : ++failed;
                continue;
            }
            QVERIFY(outcome.durationMs > 0);
            QCOMPARE(outcome.durationMs, outcome.run.startDate.msecsTo(outcome.run.endDate));
            const auto tis = awaitResult<Page<TaskInstance>>([&](auto done) {
                TaskInstanceQuery query;
                query.dagId = dagId();
                query.dagRunId = runId;
                m_client->taskInstances(query, this, done);
            });
            QVERIFY(tis && tis->ok());
            int failedTis = 0;
            for (const TaskInstance &ti : tis->value().items)
                failedTis += ti.state == QLatin1String("failed") ? 1 : 0;
            if (outcome.succeeded()) {
                ++succeeded;
                QVERIFY2(outcome.message().contains(QStringLiteral(" succeeded after ")),
                         qPrintable(outcome.message()));
            } else {
                ++failed;
                QVERIFY(failedTis > 0);
                QCOMPARE(outcome.failedTaskInstances, failedTis);
                QVERIFY2(outcome.message().contains(QStringLiteral("failed")), qPrintable(outcome.message()));
            }
        }
        QCOMPARE(ends, 1);
    }
    // The seed decides which runs fail; this one has both kinds, so both paths are checked.
    QVERIFY(succeeded > 0);
    QVERIFY(failed > 0);

    // Nothing more is said once the runs are over.
    const qsizetype changes = changed.count();
    m_sandbox->advanceClock(60000);
    watcher.pollNow();
    settle(watcher);
    QCOMPARE(changed.count(), changes);
    QCOMPARE(finished.count(), 16);
}

void TestRunWatcher::pollsOnItsOwnTimer()
{
    RunWatcher watcher(m_client.get(), RunWatcher::Options{20, 100, 3});
    QSignalSpy changed(&watcher, &RunWatcher::stateChanged);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    const DagRun run = trigger(QStringLiteral("own_timer"));
    QCOMPARE(run.state, createdState());
    watcher.watch(run); // starts from the trigger's answer: its first state is not news
    m_sandbox->advanceClock(3600000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(changed.count(), 1); // straight to its end: the clock jumped past running
    QVERIFY(RunWatcher::isFinishedState(changed.first().first().value<DagRun>().state));
    QVERIFY(!watcher.isWatching(dagId(), run.dagRunId));
}

void TestRunWatcher::pollNowDuringAPollAsksAgain()
{
    // A poll the server has already answered (queued), but whose answer is still on the way, when the clock
    // jumps past the run's end and pollNow() is called: that answer predates the call, so the watcher asks
    // again instead of waiting an interval (here ten minutes) for the next poll.
    RunWatcher watcher(m_client.get(), RunWatcher::Options{SlowIntervalMs, SlowIntervalMs, 3});
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    const DagRun run = trigger(QStringLiteral("poll_now_in_flight"));
    FaultOptions slow;
    slow.latencyMs = 400;
    m_sandbox->setFaults(slow);
    const quint64 before = m_sandbox->requestCount();
    watcher.watch(run); // its first poll goes out at once
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->requestCount() > before, 20000);
    QCOMPARE(watcher.pendingRequests(), 1); // answered by the server, not yet read by the watcher
    m_sandbox->advanceClock(6LL * 60 * 60 * 1000);
    watcher.pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY(RunWatcher::isFinishedState(finished.first().first().value<RunOutcome>().run.state));
}

void TestRunWatcher::deletedRunIsReported()
{
    if (!m_client->dialect().supports(Feature::DeleteRun))
        QSKIP("This API cannot delete a run (1.10's experimental API).");
    RunWatcher watcher(m_client.get(), RunWatcher::Options{SlowIntervalMs, SlowIntervalMs, 3});
    QSignalSpy deleted(&watcher, &RunWatcher::deleted);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    QSignalSpy problem(&watcher, &RunWatcher::problem);
    const QString runId = QStringLiteral("to_be_deleted");
    trigger(runId);
    trigger(QStringLiteral("still_here"));
    watcher.watch(dagId(), runId);
    watcher.watch(dagId(), QStringLiteral("still_here"));
    settle(watcher);
    const auto gone =
        awaitResult<Nothing>([&](auto done) { m_client->deleteDagRun(dagId(), runId, this, done); });
    QVERIFY(gone && gone->ok());
    watcher.pollNow();
    settle(watcher);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().at(1).toString(), runId);
    QVERIFY2(deleted.first().at(2).toString().contains(QStringLiteral("was deleted")),
             qPrintable(deleted.first().at(2).toString()));
    QVERIFY(!watcher.isWatching(dagId(), runId));
    QVERIFY(watcher.isWatching(dagId(), QStringLiteral("still_here")));
    QCOMPARE(problem.count(), 0);
    QCOMPARE(finished.count(), 0);
}

void TestRunWatcher::serverErrorsBackOffThenRecover()
{
    RunWatcher watcher(m_client.get(), RunWatcher::Options{SlowIntervalMs, 4 * SlowIntervalMs, 3});
    QSignalSpy changed(&watcher, &RunWatcher::stateChanged);
    QSignalSpy problem(&watcher, &RunWatcher::problem);
    QSignalSpy recovered(&watcher, &RunWatcher::recovered);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    const QString runId = QStringLiteral("through_errors");
    trigger(runId);
    watcher.watch(dagId(), runId);
    settle(watcher);
    QCOMPARE(changed.count(), 1);

    FaultOptions faults;
    faults.errorRate = 1.0;
    m_sandbox->setFaults(faults);
    const QList<int> expected{2 * SlowIntervalMs, 4 * SlowIntervalMs, 4 * SlowIntervalMs, 4 * SlowIntervalMs};
    for (int i = 0; i < expected.size(); ++i) {
        watcher.pollNow();
        settle(watcher);
        QCOMPARE(watcher.currentIntervalMs(dagId(), runId), expected.at(i));
        QCOMPARE(problem.count(), i < 2 ? 0 : 1); // said once, after the third failure
    }
    const QString message = problem.first().at(2).toString();
    QVERIFY2(message.contains(runId) && message.contains(QStringLiteral("keeps trying")),
             qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("admin")));
    QVERIFY(watcher.isWatching(dagId(), runId));
    QCOMPARE(changed.count(), 1);

    m_sandbox->setFaults(FaultOptions{});
    watcher.pollNow();
    settle(watcher);
    QCOMPARE(recovered.count(), 1);
    QCOMPARE(watcher.currentIntervalMs(dagId(), runId), SlowIntervalMs);
    stepUntilIdle(watcher);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(problem.count(), 1);
    QCOMPARE(recovered.count(), 1);
}

void TestRunWatcher::unwatchStopsReporting()
{
    RunWatcher watcher(m_client.get(), RunWatcher::Options{SlowIntervalMs, SlowIntervalMs, 3});
    QSignalSpy changed(&watcher, &RunWatcher::stateChanged);
    trigger(QStringLiteral("dropped"));
    watcher.watch(dagId(), QStringLiteral("dropped"));
    watcher.watch(dagId(), QStringLiteral("dropped")); // twice is once
    QCOMPARE(watcher.watchedCount(), 1);
    watcher.unwatch(dagId(), QStringLiteral("dropped")); // with its first poll on the way
    QVERIFY(!watcher.isWatching(dagId(), QStringLiteral("dropped")));
    settle(watcher);
    m_sandbox->advanceClock(3600000);
    watcher.pollNow();
    settle(watcher);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(watcher.currentIntervalMs(dagId(), QStringLiteral("dropped")), -1);
}

void TestRunWatcher::outcomeMessages_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<int>("failedTis");
    QTest::addColumn<QString>("message");
    const QString run = QStringLiteral("etl_orders: manual__2026-11-22T07:00:00+00:00");
    QTest::newRow("success") << QStringLiteral("success") << qint64(252000) << 0
                             << run + QStringLiteral(" succeeded after 4 min 12 s");
    QTest::newRow("failed") << QStringLiteral("failed") << qint64(45400) << 2
                            << run + QStringLiteral(" failed after 45 s — 2 task instances failed");
    QTest::newRow("one failed") << QStringLiteral("failed") << qint64(3600000) << 1
                                << run + QStringLiteral(" failed after 1 h — 1 task instance failed");
    QTest::newRow("no dates") << QStringLiteral("failed") << qint64(-1) << -1
                              << run + QStringLiteral(" failed");
    QTest::newRow("days") << QStringLiteral("success") << qint64(97200000) << 0
                          << run + QStringLiteral(" succeeded after 1 d 3 h");
}

void TestRunWatcher::outcomeMessages()
{
    QFETCH(QString, state);
    QFETCH(qint64, durationMs);
    QFETCH(int, failedTis);
    QFETCH(QString, message);
    RunOutcome outcome;
    outcome.run.dagId = QStringLiteral("etl_orders");
    outcome.run.dagRunId = QStringLiteral("manual__2026-11-22T07:00:00+00:00");
    outcome.run.state = state;
    outcome.durationMs = durationMs;
    outcome.failedTaskInstances = failedTis;
    QCOMPARE(outcome.message(), message);
}

QTEST_GUILESS_MAIN(TestRunWatcher)
#include "tst_runwatcher.moc"
