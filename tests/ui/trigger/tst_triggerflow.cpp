// The trigger dialog's flows beyond the form, offscreen against the in-process sandbox: a DAG without
// params (JSON only), a logical date that already has a run found on the server (older than the recent runs
// the dialog loads), the logical date's time zone, the paused warning, schema errors that send nothing,
// numbers and check boxes as a person reads them, and "Trigger and watch". The trigger-and-watch flow runs
// the same steps on Airflow 2's /api/v1 (Basic), Airflow 3's /api/v2 (JWT) and 1.10's experimental API
// (Basic), where the DAG is first added by hand in the sidebar, there is no params form and no note.

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "api/dialectexperimental.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "dags/adddagbar.h"
#include "dags/dagsidebar.h"
#include "mainwindow/session.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"
#include "trigger/paramsformwidget.h"
#include "trigger/triggerdialog.h"

#include "fakes/awaitresult.h"
#include "watch/runwatcher.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::DagSidebar;
using Windsock::Ui::ParamsFormWidget;
using Windsock::Ui::Session;
using Windsock::Ui::TriggerDialog;
using Windsock::Watch::RunOutcome;
using Windsock::Watch::RunWatcher;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestTriggerFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void dagWithoutParamsUsesJsonOnly();
    void logicalDateConflictFindsTheRunOnTheServer();
    void logicalDateInTheDagsZone();
    void logicalDateZoneParsing_data();
    void logicalDateZoneParsing();
    void pausedDagWithoutUnpauseStaysPaused();
    void schemaErrorsSendNothing();
    void numbersAndCheckBoxesReadNaturally();
    void triggerAndWatchIsRemembered();
    void triggerAndWatchOnEveryApi_data();
    void triggerAndWatchOnEveryApi();
    void watchedFailuresEndWithoutTaskCountsOn110();

private:
    std::unique_ptr<TriggerDialog> openDialog(const QString &dagId = QStringLiteral("params_trigger_form"));
    Api::AirflowClient *client() const { return m_session->client(); }
    QString dagWithoutParams();

    static constexpr int TimeoutMs = 20000;
    std::unique_ptr<Session> m_session;
};

void TestTriggerFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTriggerFlow::init()
{
    Session::DemoOptions options;
    options.dagCount = 6;
    options.runsPerDag = 60; // more than the 25 recent runs the dialog loads
    QString error;
    m_session.reset(Session::startDemo(Session::DemoReason::Requested, options, &error));
    QVERIFY2(m_session, qPrintable(error));
    QSettings().remove(QLatin1String(TriggerDialog::WatchSettingKey));
}

void TestTriggerFlow::cleanup()
{
    m_session.reset();
    QSettings().remove(QLatin1String(TriggerDialog::WatchSettingKey));
}

std::unique_ptr<TriggerDialog> TestTriggerFlow::openDialog(const QString &dagId)
{
    auto dialog = std::make_unique<TriggerDialog>(client(), dagId);
    dialog->show();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), TimeoutMs); }();
    return dialog;
}

QString TestTriggerFlow::dagWithoutParams()
{
    const auto dags = awaitResult<Api::Page<Api::Dag>>([&](auto done) { client()->dags({}, this, done); });
    if (!dags || !dags->ok())
        return {};
    for (const Api::Dag &dag : dags->value().items) {
        const auto details =
            awaitResult<Api::DagDetails>([&](auto done) { client()->dagDetails(dag.dagId, this, done); });
        if (details && details->ok() && details->value().params.isEmpty())
            return dag.dagId;
    }
    return {};
}

void TestTriggerFlow::dagWithoutParamsUsesJsonOnly()
{
    const QString dagId = dagWithoutParams();
    QVERIFY2(!dagId.isEmpty(), "the sandbox seeds DAGs without params");
    auto dialog = openDialog(dagId);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    auto *tabs = dialog->findChild<QTabWidget *>();
    QVERIFY(tabs);
    QVERIFY(!tabs->isTabEnabled(TriggerDialog::FormMode));
    QVERIFY(dialog->paramsForm()->isEmpty());
    QCOMPARE(dialog->jsonEdit()->toPlainText(), QStringLiteral("{}"));
    QVERIFY(dialog->triggerButton()->isEnabled());
    dialog->setMode(TriggerDialog::FormMode); // there is no form to go to
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);

    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"rows\": 5, \"note\": \"ad hoc\"}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    const auto run = triggered.first().first().value<Api::DagRun>();
    const auto stored =
        awaitResult<Api::DagRun>([&](auto done) { client()->dagRun(dagId, run.dagRunId, this, done); });
    QVERIFY(stored && stored->ok());
    QCOMPARE(stored->value().conf,
             (QJsonObject{{QStringLiteral("rows"), 5}, {QStringLiteral("note"), QStringLiteral("ad hoc")}}));
}

void TestTriggerFlow::logicalDateConflictFindsTheRunOnTheServer()
{
    const QString dagId = QStringLiteral("params_trigger_form");
    Api::DagRunQuery oldestFirst;
    oldestFirst.dagId = dagId;
    oldestFirst.orderBy = QStringLiteral("execution_date");
    oldestFirst.limit = 1;
    const auto oldest =
        awaitResult<Api::Page<Api::DagRun>>([&](auto done) { client()->dagRuns(oldestFirst, this, done); });
    QVERIFY(oldest && oldest->ok() && !oldest->value().items.isEmpty());
    QVERIFY(oldest->value().totalEntries > 25);
    const Api::DagRun old = oldest->value().items.first();

    auto dialog = openDialog(dagId);
    for (int i = 0; i < dialog->reuseCombo()->count(); ++i) // not among the runs the dialog knows
        QVERIFY(!dialog->reuseCombo()->itemText(i).contains(old.dagRunId));
    dialog->logicalDateCheck()->setChecked(true);
    dialog->setDateZone(TriggerDialog::DateZone::Utc);
    const QDateTime utc = old.logicalDate.toUTC();
    dialog->logicalDateEdit()->setDateTime(QDateTime(utc.date(), utc.time(), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, utc);

    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    QSignalSpy openRun(dialog.get(), &TriggerDialog::openRunRequested);
    dialog->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->openExistingButton()->isVisible(), TimeoutMs);
    QVERIFY(dialog->existingRun());
    QCOMPARE(dialog->existingRun()->dagRunId, old.dagRunId);
    QVERIFY2(dialog->errorLabel()->text().contains(old.dagRunId), qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(triggered.count(), 0);
    QVERIFY(dialog->triggerButton()->isEnabled()); // the user can pick another date and go on

    QTest::mouseClick(dialog->openExistingButton(), Qt::LeftButton);
    QCOMPARE(openRun.count(), 1);
    QCOMPARE(openRun.first().first().value<Api::DagRun>().dagRunId, old.dagRunId);
}

void TestTriggerFlow::logicalDateInTheDagsZone()
{
    auto dialog = openDialog();
    QCOMPARE(QString::fromUtf8(dialog->dagTimeZone().id()), QStringLiteral("Europe/Amsterdam"));
    QCOMPARE(dialog->dateZone(), TriggerDialog::DateZone::Dag);
    QVERIFY(!dialog->dateZoneCombo()->isEnabled());
    QCOMPARE(dialog->logicalDateShown()->text(), QStringLiteral("Now (the server's time)"));
    QVERIFY(!dialog->request().logicalDate.isValid());

    dialog->logicalDateCheck()->setChecked(true);
    QVERIFY(dialog->dateZoneCombo()->isEnabled());
    QCOMPARE(dialog->dateZoneCombo()->count(), 3);
    // Summer: Amsterdam is UTC+2.
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 6, 1), QTime(8, 0), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 6, 1), QTime(6, 0), Qt::UTC));
    const QString shown = dialog->logicalDateShown()->text();
    QVERIFY2(shown.contains(QStringLiteral("2025-06-01 06:00:00 UTC")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("2025-06-01 08:00:00 in the DAG's zone, Europe/Amsterdam")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral(" local, ")), qPrintable(shown));
    // Winter: UTC+1.
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 1, 15), QTime(8, 0), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 1, 15), QTime(7, 0), Qt::UTC));

    dialog->setDateZone(TriggerDialog::DateZone::Utc);
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 1, 15), QTime(8, 0), Qt::UTC));
    QVERIFY(dialog->logicalDateShown()->text().startsWith(QStringLiteral("2025-01-15 08:00:00 UTC")));
    dialog->setDateZone(TriggerDialog::DateZone::Local);
    QCOMPARE(dialog->request().logicalDate,
             QDateTime(QDate(2025, 1, 15), QTime(8, 0), QTimeZone::systemTimeZone()).toUTC());

    // The run gets the instant, whatever zone it was typed in.
    dialog->setDateZone(TriggerDialog::DateZone::Dag);
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 3, 3), QTime(9, 30), Qt::UTC));
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QCOMPARE(triggered.first().first().value<Api::DagRun>().logicalDate.toUTC(),
             QDateTime(QDate(2025, 3, 3), QTime(8, 30), Qt::UTC));
}

void TestTriggerFlow::logicalDateZoneParsing_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("id");
    QTest::newRow("pendulum repr") << QStringLiteral("Timezone('Europe/Amsterdam')")
                                   << QStringLiteral("Europe/Amsterdam");
    QTest::newRow("utc") << QStringLiteral("Timezone('UTC')") << QStringLiteral("UTC");
    QTest::newRow("double quotes") << QStringLiteral("Timezone(\"Asia/Tokyo\")")
                                   << QStringLiteral("Asia/Tokyo");
    QTest::newRow("bare name") << QStringLiteral("America/New_York") << QStringLiteral("America/New_York");
    QTest::newRow("none") << QString() << QString();
}

void TestTriggerFlow::logicalDateZoneParsing()
{
    QFETCH(QString, given);
    QFETCH(QString, id);
    QCOMPARE(TriggerDialog::timeZoneId(given), id);
}

void TestTriggerFlow::pausedDagWithoutUnpauseStaysPaused()
{
    const QString dagId = QStringLiteral("params_trigger_form");
    const auto paused =
        awaitResult<Api::Dag>([&](auto done) { client()->setDagPaused(dagId, true, this, done); });
    QVERIFY(paused && paused->ok());
    auto dialog = openDialog(dagId);
    QVERIFY(dialog->pausedWarning()->isVisible());
    QVERIFY(dialog->unpauseCheck()->isVisible());
    QVERIFY(!dialog->unpauseCheck()->isChecked());
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QCOMPARE(triggered.first().first().value<Api::DagRun>().state, QStringLiteral("queued"));
    const auto dag = awaitResult<Api::Dag>([&](auto done) { client()->dag(dagId, this, done); });
    QVERIFY(dag && dag->ok());
    QVERIFY(dag->value().isPaused);
}

void TestTriggerFlow::schemaErrorsSendNothing()
{
    auto dialog = openDialog();
    Windsock::Sandbox::SandboxServer *sandbox = m_session->sandbox();
    QVERIFY(sandbox);
    const quint64 before = sandbox->requestCount();

    // In the form: a value the schema refuses.
    auto *label = qobject_cast<QLineEdit *>(dialog->paramsForm()->editor(QStringLiteral("batch_label")));
    QVERIFY(label);
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("NO"));
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QVERIFY(!dialog->errorLabel()->text().isEmpty());
    dialog->trigger(); // Enter, or a click that raced the check
    QVERIFY(dialog->isVisible());

    // As JSON: parses, but worker_count breaks its maximum.
    dialog->setMode(TriggerDialog::JsonMode);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": 99}"));
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->jsonErrorLabel()->text().isEmpty());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("10 or less")),
             qPrintable(dialog->errorLabel()->text()));
    dialog->trigger();

    // As JSON that does not parse.
    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": }"));
    QTRY_VERIFY(!dialog->jsonErrorLabel()->text().isEmpty());
    dialog->trigger();

    QTest::qWait(50); // anything sent would have reached the in-process server by now
    QCOMPARE(sandbox->requestCount(), before);

    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": 4}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->errorLabel()->text().isEmpty());
}

void TestTriggerFlow::numbersAndCheckBoxesReadNaturally()
{
    auto dialog = openDialog();
    ParamsFormWidget *form = dialog->paramsForm();
    auto *ratio = qobject_cast<QDoubleSpinBox *>(form->editor(QStringLiteral("sample_ratio")));
    QVERIFY(ratio);
    QCOMPARE(ratio->text(), QStringLiteral("0.25"));
    ratio->setValue(0.5);
    QCOMPARE(ratio->text(), QStringLiteral("0.5"));
    ratio->setValue(1);
    QCOMPARE(ratio->text(), QStringLiteral("1"));
    ratio->clear();
    QTest::keyClicks(ratio, QStringLiteral("0.125"));
    QCOMPARE(form->form().value(QStringLiteral("sample_ratio")).toDouble(), 0.125);

    auto *checks = qobject_cast<QCheckBox *>(form->editor(QStringLiteral("run_extra_checks")));
    QVERIFY(checks);
    QVERIFY(checks->text().isEmpty()); // the label beside it names it, once
    QCOMPARE(checks->accessibleName(), QStringLiteral("Extra checks"));
    int labels = 0;
    for (const QLabel *l : form->findChildren<QLabel *>()) {
        if (l->text().startsWith(QStringLiteral("Extra checks")))
            ++labels;
    }
    QCOMPARE(labels, 1);
}

void TestTriggerFlow::triggerAndWatchIsRemembered()
{
    {
        auto dialog = openDialog();
        QVERIFY(dialog->watchCheck()->isChecked()); // watching is the default
        dialog->watchCheck()->setChecked(false);
        QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
        dialog->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
        QVERIFY(!dialog->watchRequested());
    }
    auto again = openDialog();
    QVERIFY(!again->watchCheck()->isChecked());
    again->watchCheck()->setChecked(true);
    QSignalSpy triggered(again.get(), &TriggerDialog::triggered);
    again->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QVERIFY(again->watchRequested());
    QVERIFY(QSettings().value(QLatin1String(TriggerDialog::WatchSettingKey)).toBool());
}

void TestTriggerFlow::triggerAndWatchOnEveryApi_data()
{
    QTest::addColumn<Sandbox::ApiVersion>("api");
    QTest::newRow("v1, Basic") << Sandbox::ApiVersion::V1;
    QTest::newRow("v2, JWT") << Sandbox::ApiVersion::V2;
    QTest::newRow("1.10 experimental, Basic") << Sandbox::ApiVersion::Experimental;
}

void TestTriggerFlow::triggerAndWatchOnEveryApi()
{
    QFETCH(Sandbox::ApiVersion, api);
    Sandbox::SandboxOptions options;
    options.api = api;
    options.auth = api == Sandbox::ApiVersion::V2 ? Sandbox::AuthMode::Jwt : Sandbox::AuthMode::Basic;
    options.clock = Sandbox::ClockKind::Manual;
    options.dagCount = 8;
    options.runsPerDag = 3;
    options.seed = 31;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    QNetworkAccessManager network;
    std::unique_ptr<Api::Dialect> dialect;
    std::unique_ptr<Windsock::Auth::Authenticator> auth;
    const QString user = QStringLiteral("admin");
    switch (api) {
    case Sandbox::ApiVersion::V1:
        dialect = std::make_unique<Api::DialectV1>();
        auth = std::make_unique<Windsock::Auth::BasicAuthenticator>(user, user);
        break;
    case Sandbox::ApiVersion::V2:
        dialect = std::make_unique<Api::DialectV2>();
        auth = std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(user, user);
        break;
    case Sandbox::ApiVersion::Experimental:
        dialect = std::make_unique<Api::DialectExperimental>();
        auth = std::make_unique<Windsock::Auth::BasicAuthenticator>(user, user);
        break;
    }
    const bool experimental = api == Sandbox::ApiVersion::Experimental;
    Api::AirflowClient client(&network, sandbox.baseUrl(), std::move(dialect), std::move(auth));

    // A DAG without params: the same JSON conf is valid on every API.
    QString dagId;
    for (int i = 0; i < sandbox.state().dagCount() && dagId.isEmpty(); ++i) {
        const auto &dag = sandbox.state().dag(i);
        if (dag.paramsKind != 0 && dag.paramsKind != 2 && dag.paramsKind != 3)
            dagId = dag.dagId;
    }
    QVERIFY2(!dagId.isEmpty(), "the sandbox seeds DAGs without params");
    const auto unpaused =
        awaitResult<Api::Dag>([&](auto done) { client.setDagPaused(dagId, false, this, done); });
    QVERIFY(unpaused && unpaused->ok());

    // The tree, as the DAGs tab shows it.
    auto *model = new DagModel(&client);
    std::unique_ptr<DagSidebar> sidebar(new DagSidebar(model));
    model->setParent(sidebar.get());
    sidebar->resize(900, 600);
    sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(sidebar.get()));
    QCOMPARE(sidebar->addDagBar() != nullptr, experimental);
    if (experimental) {
        // No DAG list: the DAG is added by hand.
        QTest::keyClicks(sidebar->addDagBar()->dagIdEdit(), dagId);
        QTest::keyClick(sidebar->addDagBar()->dagIdEdit(), Qt::Key_Return);
    } else {
        model->fetchMore({});
    }
    QTRY_VERIFY_WITH_TIMEOUT(model->indexOfDag(dagId).isValid(), TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->flags(model->indexOfDag(dagId, DagModel::Paused)) & Qt::ItemIsUserCheckable, TimeoutMs);
    QTreeView *tree = sidebar->dagTree();
    const QModelIndex dagRow = sidebar->proxyModel()->mapFromSource(model->indexOfDag(dagId));
    tree->setCurrentIndex(dagRow);
    QCOMPARE(sidebar->currentDagId(), dagId);
    tree->expand(dagRow);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(model->indexOfDag(dagId)) > 0, TimeoutMs);

    // The dialog on the DAG: a JSON conf; on 1.10 no params form and no note, each saying why.
    auto dialog = std::make_unique<TriggerDialog>(&client, dagId);
    dialog->show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), TimeoutMs);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    QCOMPARE(dialog->paramsUnavailableLabel()->isVisible(), experimental);
    QCOMPARE(dialog->reuseCombo()->isEnabled(), !experimental); // 1.10 does not show a run's conf
    QCOMPARE(dialog->noteEdit()->isEnabled(), !experimental);
    QCOMPARE(dialog->noteHint()->isVisible(), experimental);
    if (experimental) {
        const QString noDetails = client.dialect().unavailableReason(Api::Feature::DagDetails);
        QCOMPARE(dialog->paramsUnavailableLabel()->text(), noDetails);
        const QString noNotes = client.dialect().unavailableReason(Api::Feature::RunNotes);
        QCOMPARE(dialog->noteEdit()->toolTip(), noNotes);
        QCOMPARE(dialog->noteHint()->text(), noNotes);
    } else {
        dialog->noteEdit()->setText(QStringLiteral("from the flow test"));
    }
    QVERIFY(dialog->logicalDateCheck()->isEnabled()); // the logical date stays on every API
    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"rows\": 5}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    dialog->watchCheck()->setChecked(true);

    // "Trigger and watch", handled as the deployment view does.
    RunWatcher watcher(&client, RunWatcher::Options{3600000, 3600000, 3});
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    QSignalSpy problems(&watcher, &RunWatcher::problem);
    connect(dialog.get(), &TriggerDialog::triggered, this, [&](const Api::DagRun &run) {
        model->refreshDag(run.dagId);
        if (dialog->watchRequested())
            watcher.watch(run);
    });
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    const auto run = triggered.first().first().value<Api::DagRun>();
    QCOMPARE(run.dagId, dagId);
    QVERIFY(watcher.isWatching(dagId, run.dagRunId));

    // The run appears in the tree, under its DAG.
    QTRY_VERIFY_WITH_TIMEOUT(model->indexOfRun(dagId, run.dagRunId).isValid(), TimeoutMs);
    const QModelIndex runRow = model->indexOfRun(dagId, run.dagRunId);
    QCOMPARE(model->hasChildren(runRow), !experimental); // 1.10 cannot list its task instances

    // The clock moves on: the watcher reports the end.
    sandbox.advanceClock(6LL * 60 * 60 * 1000);
    watcher.pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TimeoutMs);
    const auto outcome = finished.first().first().value<RunOutcome>();
    QCOMPARE(outcome.run.dagRunId, run.dagRunId);
    QVERIFY2(RunWatcher::isFinishedState(outcome.run.state), qPrintable(outcome.run.state));
    QVERIFY(outcome.message().startsWith(dagId + QStringLiteral(": ") + run.dagRunId));
    if (experimental)
        QVERIFY(outcome.failedTaskInstances <= 0); // never counted on 1.10; omitted from the sentence
    QCOMPARE(problems.count(), 0);
    QCOMPARE(watcher.watchedCount(), 0);

    // What was sent arrived: the conf (where the API shows it) and the note.
    const auto stored =
        awaitResult<Api::DagRun>([&](auto done) { client.dagRun(dagId, run.dagRunId, this, done); });
    QVERIFY(stored && stored->ok());
    if (stored->value().hasConf)
        QCOMPARE(stored->value().conf, (QJsonObject{{QStringLiteral("rows"), 5}}));
    if (!experimental)
        QCOMPARE(stored->value().note, QStringLiteral("from the flow test"));
    // And the tree follows: refreshed, the run shows its end state.
    model->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!model->isRefreshing(), TimeoutMs);
    QCOMPARE(model->indexOfRun(dagId, run.dagRunId).data(DagModel::StateRole).toString(), outcome.run.state);
}

void TestTriggerFlow::watchedFailuresEndWithoutTaskCountsOn110()
{
    Sandbox::SandboxOptions options;
    options.api = Sandbox::ApiVersion::Experimental;
    options.clock = Sandbox::ClockKind::Manual;
    options.dagCount = 4;
    options.runsPerDag = 0;
    options.seed = 31;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    QNetworkAccessManager network;
    Api::AirflowClient client(&network, sandbox.baseUrl(), std::make_unique<Api::DialectExperimental>(),
                              std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("admin"),
                                                                                   QStringLiteral("admin")));
    RunWatcher watcher(&client, RunWatcher::Options{3600000, 3600000, 3});
    QSignalSpy finished(&watcher, &RunWatcher::finished);

    // Enough runs that some fail (the sandbox decides from the seed and the run).
    constexpr int Runs = 40; // about 15% fail
    for (int d = 0; d < sandbox.state().dagCount(); ++d) {
        const QString dagId = sandbox.state().dag(d).dagId;
        const auto unpaused =
            awaitResult<Api::Dag>([&](auto done) { client.setDagPaused(dagId, false, this, done); });
        QVERIFY(unpaused && unpaused->ok());
        for (int i = 0; i < Runs / sandbox.state().dagCount(); ++i) {
            Api::TriggerRequest trigger;
            trigger.dagId = dagId;
            trigger.dagRunId = QStringLiteral("watched_%1").arg(i);
            // Each at its own logical date: the clock stands still, and 1.10 names runs by their date.
            trigger.logicalDate = QDateTime::fromMSecsSinceEpoch(options.manualClockStartMs, QTimeZone::utc())
                                      .addSecs(-3600 * (i + 1));
            const auto run =
                awaitResult<Api::DagRun>([&](auto done) { client.triggerDagRun(trigger, this, done); });
            QVERIFY(run && run->ok());
            watcher.watch(run->value());
        }
    }
    QCOMPARE(watcher.watchedCount(), Runs);
    const quint64 before = sandbox.requestCount();
    sandbox.advanceClock(6LL * 60 * 60 * 1000);
    watcher.pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), Runs, TimeoutMs);
    int failed = 0;
    for (const QList<QVariant> &signal : std::as_const(finished)) {
        const auto outcome = signal.first().value<RunOutcome>();
        if (outcome.succeeded())
            continue;
        ++failed;
        QCOMPARE(outcome.failedTaskInstances, -1); // not counted: 1.10 cannot list them
        QVERIFY2(!outcome.message().contains(QStringLiteral("task instance")), qPrintable(outcome.message()));
        QVERIFY(outcome.message().contains(QStringLiteral(" failed")));
    }
    QVERIFY2(failed > 0, "some of the runs fail in the sandbox");
    // One poll per run, and nothing asked for the task instances (it would have been refused, not sent).
    QCOMPARE(sandbox.requestCount() - before, quint64(Runs));
    QCOMPARE(watcher.pendingRequests(), 0);
}

QTEST_MAIN(TestTriggerFlow)
#include "tst_triggerflow.moc"
