// LogFollower against the sandbox over loopback, with its manual clock: a running try followed to its end
// (every piece of text once, in order, then taskEnded), pause and resume without duplicates, a finished try
// read whole (the multi-megabyte one too), and a try that does not exist.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "logs/logfollower.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Windsock::Api;
using Windsock::Logs::LogFollower;
using Windsock::Logs::TaskInstanceKey;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

class TestLogFollower final : public QObject
{
    Q_OBJECT

private:
    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = QStringLiteral("etl_orders");
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    // Triggers a run of etl_orders and moves the clock until one of its tasks runs.
    TaskInstance runningTask(const QString &runId)
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = runId;
        [&] {
            QVERIFY(awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); })->ok());
        }();
        [&] {
            QVERIFY(awaitResult<Dag>([&](auto done) {
                        m_api->setDagPaused(QStringLiteral("etl_orders"), false, this, done);
                    })->ok());
        }();
        for (int step = 0; step < 600; ++step) {
            m_sandbox->advanceClock(1000);
            for (const TaskInstance &ti : taskInstances(runId)) {
                if (ti.state == QLatin1String("running"))
                    return ti;
            }
        }
        return {};
    }

    QString wholeLog(const TaskInstanceKey &key, int tryNumber)
    {
        const auto whole = awaitResult<QString>(
            [&](auto done) { m_api->taskLog(key.dagId, key.dagRunId, key.taskId, tryNumber, this, done); },
            60000);
        return whole && whole->ok() ? whole->value() : QStringLiteral("<no log>");
    }

    static TaskInstanceKey keyOf(const TaskInstance &ti)
    {
        return {ti.dagId, ti.dagRunId, ti.taskId, ti.mapIndex};
    }

    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = Windsock::Tests::sandboxClient(m_nam.get(), m_sandbox->baseUrl());
    }

    void cleanup()
    {
        m_api.reset();
        m_nam.reset();
        m_sandbox.reset();
    }

    void followsARunningTryToItsEnd()
    {
        const TaskInstance ti = runningTask(QStringLiteral("follow"));
        QVERIFY(!ti.taskId.isEmpty());
        LogFollower follower(m_api.get());
        follower.setPollIntervalMs(20);
        QString received;
        int pieces = 0;
        connect(&follower, &LogFollower::textReceived, this, [&](const QString &text) {
            received += text;
            ++pieces;
        });
        QSignalSpy loaded(&follower, &LogFollower::loaded);
        QSignalSpy ended(&follower, &LogFollower::taskEnded);
        QSignalSpy failed(&follower, &LogFollower::failed);
        follower.start(keyOf(ti), ti.tryNumber, true);
        QVERIFY(follower.isFollowing());
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(received.startsWith(QLatin1String("*** Found local files:")));
        for (int step = 0; step < 600 && ended.isEmpty(); ++step) {
            const qsizetype before = received.size();
            m_sandbox->advanceClock(4000);
            // A progress line every 2 s: the text grows, or the try has ended.
            QTRY_VERIFY(received.size() > before || !ended.isEmpty());
        }
        QCOMPARE(ended.size(), 1);
        QVERIFY(failed.isEmpty());
        QVERIFY(LogFollower::isFinalState(ended.at(0).at(0).toString()));
        QVERIFY(!follower.isFollowing());
        QVERIFY(pieces > 2);
        // Every piece once, in order: the pieces add up to the whole log, closing lines included.
        QCOMPARE(received, wholeLog(keyOf(ti), ti.tryNumber));
        QVERIFY(received.contains(QLatin1String("Marking task as")));
        // Nothing more is asked for after the end.
        const quint64 requests = m_sandbox->requestCount();
        QTest::qWait(200);
        QCOMPARE(m_sandbox->requestCount(), requests);
    }

    void pauseAndResumeLoseAndRepeatNothing()
    {
        const TaskInstance ti = runningTask(QStringLiteral("pause"));
        QVERIFY(!ti.taskId.isEmpty());
        LogFollower follower(m_api.get());
        follower.setPollIntervalMs(20);
        QString received;
        connect(&follower, &LogFollower::textReceived, this, [&](const QString &text) { received += text; });
        QSignalSpy loaded(&follower, &LogFollower::loaded);
        follower.start(keyOf(ti), ti.tryNumber, true);
        QTRY_COMPARE(loaded.size(), 1);
        follower.pause();
        QVERIFY(!follower.isFollowing());
        QVERIFY(follower.canResume());
        const QString atPause = received;
        m_sandbox->advanceClock(10000);
        QTest::qWait(150);
        QCOMPARE(received, atPause);
        follower.resume();
        QTRY_VERIFY(received.size() > atPause.size());
        follower.stop();
        QVERIFY(wholeLog(keyOf(ti), ti.tryNumber).startsWith(received));
        QVERIFY(received.startsWith(atPause));
    }

    void readsAFinishedTryWhole()
    {
        DagRunQuery query;
        query.dagId = QStringLiteral("etl_orders");
        query.states = QStringList{QStringLiteral("success")};
        query.limit = 1;
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        QVERIFY(runs && runs->ok() && !runs->value().items.isEmpty());
        const QList<TaskInstance> tis = taskInstances(runs->value().items.constFirst().dagRunId);
        QVERIFY(tis.size() >= 2);
        // The second task writes the multi-megabyte log; it arrives as one piece.
        LogFollower follower(m_api.get());
        QString received;
        connect(&follower, &LogFollower::textReceived, this, [&](const QString &text) { received += text; });
        QSignalSpy loaded(&follower, &LogFollower::loaded);
        follower.start(keyOf(tis.at(1)), tis.at(1).tryNumber, false);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 60000);
        QVERIFY(received.size() >= 5 * 1024 * 1024);
        QVERIFY(!follower.isActive());
    }

    void aTryWithoutALogFails()
    {
        LogFollower follower(m_api.get());
        QSignalSpy failed(&follower, &LogFollower::failed);
        QSignalSpy received(&follower, &LogFollower::textReceived);
        follower.start(
            {QStringLiteral("etl_orders"), QStringLiteral("no_such_run"), QStringLiteral("extract"), -1}, 1,
            false);
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<ApiError>().kind(), ApiError::Kind::NotFound);
        QVERIFY(received.isEmpty());
        QVERIFY(!follower.isActive());
    }

    void waitsForATaskThatHasNotStarted()
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = QStringLiteral("waiting");
        QVERIFY(awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); })->ok());
        const QList<TaskInstance> tis = taskInstances(trigger.dagRunId);
        QVERIFY(!tis.isEmpty());
        QVERIFY(LogFollower::isNotStartedState(tis.constLast().state));
        LogFollower follower(m_api.get());
        follower.setPollIntervalMs(20);
        QSignalSpy waiting(&follower, &LogFollower::waitingForStart);
        QSignalSpy received(&follower, &LogFollower::textReceived);
        follower.start(keyOf(tis.constLast()), 1, true);
        QTRY_VERIFY(waiting.size() >= 2);
        QVERIFY(received.isEmpty());
        QVERIFY(follower.isFollowing());
    }
};

QTEST_GUILESS_MAIN(TestLogFollower)
#include "tst_logfollower.moc"
