// FailedRunPoller against the real sandbox over loopback, on its manual clock, on Airflow 2 (/api/v1) and
// Airflow 3 (/api/v2, JWT login): the first poll is a baseline (failures already there are not reported); a
// run that fails afterwards is reported exactly once; an overlapping pollNow() does not start a second poll;
// server errors are said once per streak; stop() drops a poll on the way.
#include "api/airflowclient.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "watch/failedrunpoller.h"

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
using Windsock::Watch::FailedRunPoller;

class TestFailedRunPoller final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void baselineThenEachNewFailureOnce();
    void overlappingPollIsNotStartedTwice();
    void errorsAreSaidOncePerStreak();
    void stopDropsThePollOnTheWay();

private:
    // Every run of the sandbox, oldest first.
    QList<DagRun> allRuns();
    DagRun someRunNotFailed();
    void markFailed(const DagRun &run);
    std::unique_ptr<FailedRunPoller> newPoller();

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::shared_ptr<AirflowClient> m_client;
};

void TestFailedRunPoller::initTestCase_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("v1") << QStringLiteral("v1");
    QTest::newRow("v2") << QStringLiteral("v2");
}

void TestFailedRunPoller::init()
{
    QFETCH_GLOBAL(QString, mode);
    SandboxOptions options;
    options.dagCount = 6;
    options.runsPerDag = 4;
    options.clock = ClockKind::Manual;
    if (mode == QLatin1String("v2")) {
        options.api = ApiVersion::V2;
        options.auth = AuthMode::Jwt;
    }
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY(m_sandbox->listen(0));
    if (mode == QLatin1String("v2"))
        m_client =
            std::make_shared<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV2>(),
                                            std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                                QStringLiteral("admin"), QStringLiteral("admin")));
    else
        m_client = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
}

void TestFailedRunPoller::cleanup()
{
    m_client.reset();
    m_sandbox.reset();
}

std::unique_ptr<FailedRunPoller> TestFailedRunPoller::newPoller()
{
    auto poller = std::make_unique<FailedRunPoller>(m_client, QStringLiteral("profile-1"));
    poller->setIntervalSeconds(3600); // the tests drive polls with pollNow()
    return poller;
}

QList<DagRun> TestFailedRunPoller::allRuns()
{
    DagRunQuery query;
    query.limit = 100;
    const auto page = awaitResult<Page<DagRun>>([&](auto done) { m_client->dagRuns(query, this, done); });
    if (!page || !page->ok())
        return {};
    return page->value().items;
}

DagRun TestFailedRunPoller::someRunNotFailed()
{
    const QList<DagRun> runs = allRuns();
    for (const DagRun &run : runs) {
        if (run.state == QLatin1String("success"))
            return run;
    }
    return {};
}

void TestFailedRunPoller::markFailed(const DagRun &run)
{
    const auto marked = awaitResult<DagRun>([&](auto done) {
        m_client->markDagRun(run.dagId, run.dagRunId, QStringLiteral("failed"), this, done);
    });
    QVERIFY(marked);
    QVERIFY2(marked->ok(), qPrintable(marked->error().message()));
    QCOMPARE(marked->value().state, QStringLiteral("failed"));
}

void TestFailedRunPoller::baselineThenEachNewFailureOnce()
{
    int failedBefore = 0;
    for (const DagRun &run : allRuns())
        failedBefore += run.state == QLatin1String("failed") ? 1 : 0;
    QVERIFY2(failedBefore > 0, "the seed has failed runs: the baseline must not report them");

    const std::unique_ptr<FailedRunPoller> poller = newPoller();
    QSignalSpy reported(poller.get(), &FailedRunPoller::newFailedRuns);
    QSignalSpy failed(poller.get(), &FailedRunPoller::pollFailed);
    poller->start();
    QVERIFY(poller->isRunning());
    QTRY_VERIFY(poller->hasBaseline());
    QCOMPARE(reported.count(), 0);

    // Nothing new: nothing said.
    poller->pollNow();
    QTRY_VERIFY(!poller->isPolling());
    QCOMPARE(reported.count(), 0);

    const DagRun victim = someRunNotFailed();
    QVERIFY(!victim.dagRunId.isEmpty());
    m_sandbox->advanceClock(60000);
    markFailed(victim);
    poller->pollNow();
    QTRY_COMPARE(reported.count(), 1);
    QCOMPARE(reported.at(0).at(0).toString(), QStringLiteral("profile-1"));
    const auto runs = reported.at(0).at(1).value<QList<DagRun>>();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().dagId, victim.dagId);
    QCOMPARE(runs.first().dagRunId, victim.dagRunId);

    // The same failure is not news twice.
    poller->pollNow();
    QTRY_VERIFY(!poller->isPolling());
    poller->pollNow();
    QTRY_VERIFY(!poller->isPolling());
    QCOMPARE(reported.count(), 1);
    QCOMPARE(failed.count(), 0);
}

void TestFailedRunPoller::overlappingPollIsNotStartedTwice()
{
    const std::unique_ptr<FailedRunPoller> poller = newPoller();
    poller->start();
    QVERIFY(poller->isPolling());
    const quint64 before = m_sandbox->requestCount();
    poller->pollNow();
    poller->pollNow();
    QTRY_VERIFY(poller->hasBaseline());
    QVERIFY(!poller->isPolling());
    // One list request (and, on v2, one token request): never three lists.
    int lists = 0;
    for (const auto &request : m_sandbox->requestLog())
        lists += request.path.endsWith(QLatin1String("/dagRuns")) ? 1 : 0;
    QCOMPARE(lists, 1);
    QVERIFY(m_sandbox->requestCount() - before <= 2);
}

void TestFailedRunPoller::errorsAreSaidOncePerStreak()
{
    const std::unique_ptr<FailedRunPoller> poller = newPoller();
    QSignalSpy failed(poller.get(), &FailedRunPoller::pollFailed);
    QSignalSpy recovered(poller.get(), &FailedRunPoller::recovered);
    QSignalSpy reported(poller.get(), &FailedRunPoller::newFailedRuns);
    poller->start();
    QTRY_VERIFY(poller->hasBaseline());

    FaultOptions faults;
    faults.errorRate = 1.0;
    m_sandbox->setFaults(faults);
    for (int i = 0; i < 3; ++i) {
        poller->pollNow();
        QTRY_VERIFY(!poller->isPolling());
    }
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("profile-1"));
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());

    m_sandbox->setFaults(FaultOptions());
    poller->pollNow();
    QTRY_COMPARE(recovered.count(), 1);
    QCOMPARE(reported.count(), 0); // the baseline held through the errors

    // A new streak is said again.
    m_sandbox->setFaults(faults);
    poller->pollNow();
    QTRY_COMPARE(failed.count(), 2);
    m_sandbox->setFaults(FaultOptions());
}

void TestFailedRunPoller::stopDropsThePollOnTheWay()
{
    const std::unique_ptr<FailedRunPoller> poller = newPoller();
    QSignalSpy reported(poller.get(), &FailedRunPoller::newFailedRuns);
    poller->start();
    poller->stop();
    QVERIFY(!poller->isRunning());
    // Another request's answer: by then the dropped poll's has come back too (or is dropped with its call).
    QTRY_VERIFY(m_sandbox->requestCount() >= 1);
    QVERIFY(!allRuns().isEmpty());
    QVERIFY(!poller->hasBaseline());

    // Started again: a new baseline, so a failure from before the restart is not reported.
    const DagRun victim = someRunNotFailed();
    markFailed(victim);
    poller->start();
    QTRY_VERIFY(poller->hasBaseline());
    poller->pollNow();
    QTRY_VERIFY(!poller->isPolling());
    QCOMPARE(reported.count(), 0);
}

QTEST_GUILESS_MAIN(TestFailedRunPoller)
#include "tst_failedrunpoller.moc"
