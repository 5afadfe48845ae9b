// FleetNotifications offscreen (no system tray: the Notifier's fallback route) against two in-process
// sandboxes: only members that opted in are polled; failures already there are the baseline; a run that fails
// afterwards is said once as "<deployment>: 1 new failed run" with its DAG and run ids; a poll that fails is
// said once; a click on a notification maps back to the deployment and run; disabling a member stops it.
#include "api/airflowclient.h"
#include "fleet/fleetmember.h"
#include "notify/fleetnotifications.h"
#include "notify/notifier.h"
#include "watch/failedrunpoller.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using Windsock::Fleet::FleetMember;
using Windsock::Tests::awaitResult;
using Windsock::Ui::FleetNotifications;
using Windsock::Ui::Notifier;
using Windsock::Watch::FailedRunPoller;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestFleetNotifications final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newFailuresAreNotifiedOnce();
    void pollErrorsAreSaidOnce();
    void clickMapsBackToTheRun();
    void disabledMembersAreNotPolled();

private:
    FleetMember member(int index, const QString &name);
    Api::DagRun markSomeRunFailed(int index);
    void settle(FleetNotifications &notifications, const QString &profileId);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox::SandboxServer> m_sandboxes[2];
    std::shared_ptr<Api::AirflowClient> m_clients[2];
};

void TestFleetNotifications::init()
{
    for (int i = 0; i < 2; ++i) {
        Sandbox::SandboxOptions options;
        options.dagCount = 4;
        options.runsPerDag = 3;
        options.seed = 100 + i;
        options.clock = Sandbox::ClockKind::Manual;
        m_sandboxes[i] = std::make_unique<Sandbox::SandboxServer>(options);
        QVERIFY(m_sandboxes[i]->listen());
        m_clients[i] = Windsock::Tests::sandboxClient(&m_nam, m_sandboxes[i]->baseUrl());
    }
}

void TestFleetNotifications::cleanup()
{
    for (int i = 0; i < 2; ++i) {
        m_clients[i].reset();
        m_sandboxes[i].reset();
    }
}

FleetMember TestFleetNotifications::member(int index, const QString &name)
{
    FleetMember m;
    m.profileId = QStringLiteral("profile-%1").arg(index);
    m.name = name;
    m.client = m_clients[index];
    return m;
}

Api::DagRun TestFleetNotifications::markSomeRunFailed(int index)
{
    Api::DagRunQuery query;
    query.states = {QStringLiteral("success")};
    const auto runs =
        awaitResult<Api::Page<Api::DagRun>>([&](auto done) { m_clients[index]->dagRuns(query, this, done); });
    if (!runs || !runs->ok() || runs->value().items.isEmpty())
        return {};
    const Api::DagRun run = runs->value().items.first();
    const auto marked = awaitResult<Api::DagRun>([&](auto done) {
        m_clients[index]->markDagRun(run.dagId, run.dagRunId, QStringLiteral("failed"), this, done);
    });
    return marked && marked->ok() ? marked->value() : Api::DagRun();
}

void TestFleetNotifications::settle(FleetNotifications &notifications, const QString &profileId)
{
    FailedRunPoller *poller = notifications.poller(profileId);
    QVERIFY(poller);
    QTRY_VERIFY(poller->hasBaseline() && !poller->isPolling());
}

void TestFleetNotifications::newFailuresAreNotifiedOnce()
{
    Notifier notifier;
    notifier.setTrayDisabled(true);
    QSignalSpy shown(&notifier, &Notifier::fallbackMessage);
    FleetNotifications notifications(&notifier);
    notifications.setMember(member(0, QStringLiteral("staging")), true, 3600);
    notifications.setMember(member(1, QStringLiteral("prod")), true, 3600);
    QCOMPARE(notifications.watchedProfileIds(),
             (QStringList{QStringLiteral("profile-0"), QStringLiteral("profile-1")}));
    settle(notifications, QStringLiteral("profile-0"));
    settle(notifications, QStringLiteral("profile-1"));
    QCOMPARE(shown.count(), 0); // the seeds' failed runs are the baseline

    const Api::DagRun failed = markSomeRunFailed(1);
    QVERIFY(!failed.dagRunId.isEmpty());
    notifications.poller(QStringLiteral("profile-0"))->pollNow();
    notifications.poller(QStringLiteral("profile-1"))->pollNow();
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(shown.at(0).at(0).toString(), QStringLiteral("prod: 1 new failed run"));
    const QString message = shown.at(0).at(1).toString();
    QVERIFY2(message.contains(failed.dagId) && message.contains(failed.dagRunId), qPrintable(message));
    QCOMPARE(shown.at(0).at(2).value<Notifier::Severity>(), Notifier::Severity::Critical);

    // Asked again: nothing new.
    settle(notifications, QStringLiteral("profile-1"));
    notifications.poller(QStringLiteral("profile-1"))->pollNow();
    settle(notifications, QStringLiteral("profile-1"));
    QCOMPARE(shown.count(), 1);

    // Two more at once: one notification that counts them.
    QVERIFY(!markSomeRunFailed(0).dagRunId.isEmpty());
    QVERIFY(!markSomeRunFailed(0).dagRunId.isEmpty());
    notifications.poller(QStringLiteral("profile-0"))->pollNow();
    QTRY_COMPARE(shown.count(), 2);
    QCOMPARE(shown.at(1).at(0).toString(), QStringLiteral("staging: 2 new failed runs"));
}

void TestFleetNotifications::pollErrorsAreSaidOnce()
{
    Notifier notifier;
    notifier.setTrayDisabled(true);
    QSignalSpy shown(&notifier, &Notifier::fallbackMessage);
    FleetNotifications notifications(&notifier);
    notifications.setMember(member(0, QStringLiteral("staging")), true, 3600);
    settle(notifications, QStringLiteral("profile-0"));
    Sandbox::FaultOptions faults;
    faults.errorRate = 1.0;
    m_sandboxes[0]->setFaults(faults);
    for (int i = 0; i < 3; ++i) {
        notifications.poller(QStringLiteral("profile-0"))->pollNow();
        settle(notifications, QStringLiteral("profile-0"));
    }
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.at(0).at(0).toString(), QStringLiteral("staging: cannot check for failed runs"));
    QCOMPARE(shown.at(0).at(2).value<Notifier::Severity>(), Notifier::Severity::Warning);
    m_sandboxes[0]->setFaults(Sandbox::FaultOptions());
}

void TestFleetNotifications::clickMapsBackToTheRun()
{
    Notifier notifier;
    notifier.setTrayDisabled(true);
    FleetNotifications notifications(&notifier);
    QSignalSpy activated(&notifications, &FleetNotifications::failedRunActivated);
    // Another class's tag, and the window's own run notifications, are not the fleet's.
    Q_EMIT notifier.tagActivated(QStringLiteral("something-else"));
    Q_EMIT notifier.runActivated(QStringLiteral("dag"), QStringLiteral("run"));
    QCOMPARE(activated.count(), 0);
    Q_EMIT notifier.tagActivated(
        FleetNotifications::activationTag(QStringLiteral("profile-1"), QStringLiteral("etl"),
                                          QStringLiteral("scheduled__2026-01-01T00:00:00+00:00")));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("profile-1"));
    QCOMPARE(activated.at(0).at(1).toString(), QStringLiteral("etl"));
    QCOMPARE(activated.at(0).at(2).toString(), QStringLiteral("scheduled__2026-01-01T00:00:00+00:00"));
}

void TestFleetNotifications::disabledMembersAreNotPolled()
{
    Notifier notifier;
    notifier.setTrayDisabled(true);
    QSignalSpy shown(&notifier, &Notifier::fallbackMessage);
    FleetNotifications notifications(&notifier);
    notifications.setMember(member(0, QStringLiteral("staging")), false, 3600);
    QVERIFY(notifications.watchedProfileIds().isEmpty());
    QCOMPARE(m_sandboxes[0]->requestCount(), quint64(0));

    notifications.setMember(member(0, QStringLiteral("staging")), true, 3600);
    settle(notifications, QStringLiteral("profile-0"));
    // An update keeps the poller (and its baseline) and takes the new interval.
    FailedRunPoller *poller = notifications.poller(QStringLiteral("profile-0"));
    notifications.setMember(member(0, QStringLiteral("staging eu")), true, 600);
    QCOMPARE(notifications.poller(QStringLiteral("profile-0")), poller);
    QCOMPARE(poller->intervalSeconds(), 600);

    notifications.setMember(member(0, QStringLiteral("staging eu")), false, 600);
    QVERIFY(notifications.watchedProfileIds().isEmpty());
    QVERIFY(!markSomeRunFailed(0).dagRunId.isEmpty());
    const quint64 served = m_sandboxes[0]->requestCount();
    QCOMPARE(m_sandboxes[0]->requestCount(), served);
    QCOMPARE(shown.count(), 0);
}

QTEST_MAIN(TestFleetNotifications)
#include "tst_fleetnotifications.moc"
