// The notifier offscreen, where there is no system tray: every message goes to the fallback signal exactly
// once, and a message bar wired to it shows the run's outcome in plain words. With a watcher on the sandbox,
// a watched run's end arrives in the bar.
#include "api/airflowclient.h"
#include "mainwindow/messagebar.h"
#include "notify/notifier.h"
#include "watch/runwatcher.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using Windsock::Ui::MessageBar;
using Windsock::Ui::Notifier;
using Windsock::Watch::RunOutcome;
using Windsock::Watch::RunWatcher;
namespace Api = Windsock::Api;

class TestNotifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offscreenHasNoTray();
    void finishedRunGoesToTheFallback_data();
    void finishedRunGoesToTheFallback();
    void problemsAndDeletionsGoToTheFallback();
    void disabledTrayUsesTheFallback();
    void watchedRunEndsInTheMessageBar();

private:
    static RunOutcome outcome(const QString &state, qint64 durationMs, int failed)
    {
        RunOutcome o;
        o.run.dagId = QStringLiteral("etl_orders");
        o.run.dagRunId = QStringLiteral("manual__2026-11-22T07:00:00+00:00");
        o.run.state = state;
        o.durationMs = durationMs;
        o.failedTaskInstances = failed;
        return o;
    }
};

void TestNotifier::offscreenHasNoTray()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    Notifier notifier;
    QCOMPARE(notifier.route(), Notifier::Route::Fallback);
}

void TestNotifier::finishedRunGoesToTheFallback_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("failed");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("severity");
    const QString run = QStringLiteral("etl_orders: manual__2026-11-22T07:00:00+00:00");
    QTest::newRow("success") << QStringLiteral("success") << 0 << QStringLiteral("etl_orders succeeded")
                             << run + QStringLiteral(" succeeded after 4 min 12 s")
                             << int(Notifier::Severity::Information);
    QTest::newRow("failed") << QStringLiteral("failed") << 2 << QStringLiteral("etl_orders failed")
                            << run + QStringLiteral(" failed after 4 min 12 s — 2 task instances failed")
                            << int(Notifier::Severity::Critical);
}

void TestNotifier::finishedRunGoesToTheFallback()
{
    QFETCH(QString, state);
    QFETCH(int, failed);
    QFETCH(QString, title);
    QFETCH(QString, message);
    QFETCH(int, severity);
    Notifier notifier;
    QSignalSpy fallback(&notifier, &Notifier::fallbackMessage);
    notifier.notifyFinished(outcome(state, 252000, failed));
    QCOMPARE(fallback.count(), 1);
    QCOMPARE(fallback.first().at(0).toString(), title);
    QCOMPARE(fallback.first().at(1).toString(), message);
    QCOMPARE(int(fallback.first().at(2).value<Notifier::Severity>()), severity);
    QVERIFY(!notifier.trayIcon()); // nothing was put in a tray that does not exist
}

void TestNotifier::problemsAndDeletionsGoToTheFallback()
{
    Notifier notifier;
    QSignalSpy fallback(&notifier, &Notifier::fallbackMessage);
    notifier.notifyProblem(
        QStringLiteral("etl_orders"), QStringLiteral("r1"),
        QStringLiteral("Cannot follow etl_orders: r1 — the server is down. Windsock keeps trying."));
    notifier.notifyDeleted(QStringLiteral("etl_orders"), QStringLiteral("r1"),
                           QStringLiteral("etl_orders: r1 was deleted, so it is no longer watched."));
    QCOMPARE(fallback.count(), 2);
    QCOMPARE(fallback.at(0).at(2).value<Notifier::Severity>(), Notifier::Severity::Warning);
    QVERIFY(fallback.at(0).at(1).toString().contains(QStringLiteral("keeps trying")));
    QVERIFY(fallback.at(1).at(1).toString().contains(QStringLiteral("was deleted")));
}

void TestNotifier::disabledTrayUsesTheFallback()
{
    Notifier notifier;
    notifier.setTrayDisabled(true);
    QCOMPARE(notifier.route(), Notifier::Route::Fallback);
    QSignalSpy fallback(&notifier, &Notifier::fallbackMessage);
    notifier.notify(QStringLiteral("Title"), QStringLiteral("Text"), Notifier::Severity::Information);
    QCOMPARE(fallback.count(), 1);
}

void TestNotifier::watchedRunEndsInTheMessageBar()
{
    Windsock::Sandbox::SandboxOptions options;
    options.dagCount = 3;
    options.runsPerDag = 2;
    options.clock = Windsock::Sandbox::ClockKind::Manual;
    Windsock::Sandbox::SandboxServer sandbox(options);
    QVERIFY(sandbox.listen(0));
    QNetworkAccessManager nam;
    auto client = Windsock::Tests::sandboxClient(&nam, sandbox.baseUrl());
    const QString dagId = QStringLiteral("params_trigger_form");
    const auto unpaused = Windsock::Tests::awaitResult<Api::Dag>(
        [&](auto done) { client->setDagPaused(dagId, false, this, done); });
    QVERIFY(unpaused && unpaused->ok());
    Api::TriggerRequest request;
    request.dagId = dagId;
    request.dagRunId = QStringLiteral("notified_run");
    const auto run = Windsock::Tests::awaitResult<Api::DagRun>(
        [&](auto done) { client->triggerDagRun(request, this, done); });
    QVERIFY(run && run->ok());

    // Wired as the window does: the watcher's end goes to the notifier, its fallback to the bar.
    RunWatcher watcher(client.get(), RunWatcher::Options{20, 200, 3});
    Notifier notifier;
    MessageBar bar(MessageBar::Kind::Information);
    connect(&watcher, &RunWatcher::finished, &notifier, &Notifier::notifyFinished);
    connect(
        &notifier, &Notifier::fallbackMessage, &bar,
        [&bar](const QString &, const QString &message, Notifier::Severity) { bar.showMessage(message); });
    QSignalSpy fallback(&notifier, &Notifier::fallbackMessage);
    bar.show();
    watcher.watch(run->value());
    sandbox.advanceClock(3600000);
    QTRY_COMPARE_WITH_TIMEOUT(fallback.count(), 1, 20000);
    QVERIFY(bar.isVisible());
    QVERIFY2(bar.text().startsWith(QStringLiteral("params_trigger_form: notified_run ")),
             qPrintable(bar.text()));
    QVERIFY(bar.text().contains(QStringLiteral(" after ")));
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
