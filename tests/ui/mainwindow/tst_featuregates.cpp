// What the connected server cannot do is disabled and says why, in the deployment view opened on a sandbox
// through a profile (so the API and the version are detected as for a user): Airflow 1.10's experimental API
// (tabs, run actions, notes, logs, XComs, tries, pool renames; the DAG overview, code and pools still work,
// and nothing gated is ever sent), Airflow 2.4.3 (notes and tries need later versions), 2.1.4 (no connection
// test), and a current Airflow 2 where everything is enabled.

#include "actions/runactions.h"
#include "api/airflowclient.h"
#include "api/dialectexperimental.h"
#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "dags/dagsourceview.h"
#include "mainwindow/deploymentstatuswidget.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/session.h"
#include "models/poolmodel.h"
#include "pools/pooleditdialog.h"
#include "pools/poolspage.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profile.h"
#include "resources/connectioneditdialog.h"
#include "runs/runpage.h"
#include "taskinstance/noteeditor.h"
#include "taskinstance/taskinstancepage.h"

#include "fakes/awaitresult.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <memory>
#include <optional>

using Windsock::Actions::ActionKind;
using Windsock::Api::Feature;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Ui::DeploymentView;
using Windsock::Ui::Session;
using Windsock::Ui::TaskInstancePage;
namespace Api = Windsock::Api;

namespace {

// Every request the sandbox serves, as its log line ("GET" "/api/v1/pools" 200): what reached the server.
QStringList served;
QtMessageHandler previousHandler = nullptr;

void recordSandboxLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && qstrcmp(context.category, "windsock.sandbox") == 0) {
        served.append(message);
        return;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

const QString notesNeed25 =
    QStringLiteral("Notes need Airflow 2.5 or later; this deployment runs Airflow 2.4.3.");
const QString triesNeed210 = QStringLiteral(
    "The list of a task instance's tries needs Airflow 2.10 or later; this deployment runs Airflow 2.4.3.");

} // namespace

class TestFeatureGates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void experimentalServerGatesWhatItCannotDo();
    void airflow243GatesNotesAndTries();
    void airflow214HasNoConnectionTest();
    void currentServerEnablesEverything();

private:
    // Starts a sandbox with these options, opens it through a profile (detection included) and shows a
    // deployment view on the session.
    void openView(const SandboxOptions &options);
    Api::AirflowClient *client() const { return m_session->client(); }
    // A DAG of the sandbox with seeded runs, its newest run as the client reads it, and its first task.
    void pickRun(QString *dagId, Api::DagRun *run, QString *taskId);
    // The requests served since the view was opened whose log line contains this.
    QStringList servedContaining(const QString &part) const;

    static constexpr int TimeoutMs = 30000;
    std::unique_ptr<SandboxServer> m_sandbox;
    Windsock::Profiles::MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<DeploymentView> m_view;
};

void TestFeatureGates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("windsock.sandbox.debug=true"));
    previousHandler = qInstallMessageHandler(recordSandboxLog);
}

void TestFeatureGates::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QLoggingCategory::setFilterRules(QString());
}

void TestFeatureGates::cleanup()
{
    if (m_view) {
        // The status widget's first answers first: it does not survive a cancelled call in its destructor
        // (DeploymentStatusWidget's callbacks do not check for Cancelled).
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->statusWidget()->healthText().isEmpty(), TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->statusWidget()->versionText().contains(QLatin1String("asking")),
                                 TimeoutMs);
    }
    m_view.reset(); // before the session whose client its pages hold
    m_session.reset();
    m_sandbox.reset();
    served.clear();
}

void TestFeatureGates::openView(const SandboxOptions &options)
{
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY(m_sandbox->listen());
    Windsock::Profiles::Profile profile;
    profile.id = QStringLiteral("feature-gates");
    profile.name = QStringLiteral("gated");
    profile.baseUrl = m_sandbox->baseUrl();
    profile.username = QStringLiteral("admin");
    std::optional<Windsock::Profiles::SecretResult> written;
    m_secrets.write(profile.id, QStringLiteral("admin"), this,
                    [&written](const Windsock::Profiles::SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());

    bool opened = false;
    Session *session = nullptr;
    QString error;
    Session::openProfile(profile, &m_secrets, [&](Session *result, const QString &message) {
        opened = true;
        session = result;
        error = message;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, TimeoutMs);
    QVERIFY2(session, qPrintable(error));
    m_session.reset(session);
    served.clear(); // detection is not the view's doing
    m_view = std::make_unique<DeploymentView>(m_session.get());
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestFeatureGates::pickRun(QString *dagId, Api::DagRun *run, QString *taskId)
{
    const Windsock::Sandbox::SandboxState &state = m_sandbox->state();
    for (int index = 0; index < state.dagCount() && dagId->isEmpty(); ++index) {
        if (!state.runs(index).isEmpty() && !state.dag(index).tasks.isEmpty()) {
            *dagId = state.dag(index).dagId;
            *taskId = state.dag(index).tasks.constFirst().taskId;
        }
    }
    QVERIFY(!dagId->isEmpty());
    Api::DagRunQuery query;
    query.dagId = *dagId;
    query.limit = 5;
    query.orderBy = QStringLiteral("-execution_date");
    const auto runs = awaitResult<Api::Page<Api::DagRun>>(
        [&](auto done) { client()->dagRuns(query, this, done); }, TimeoutMs);
    QVERIFY(runs);
    QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
    QVERIFY(!runs->value().items.isEmpty());
    *run = runs->value().items.constFirst();
}

QStringList TestFeatureGates::servedContaining(const QString &part) const
{
    QStringList lines;
    for (const QString &line : std::as_const(served)) {
        if (line.contains(part))
            lines.append(line);
    }
    return lines;
}

void TestFeatureGates::experimentalServerGatesWhatItCannotDo()
{
    SandboxOptions options;
    options.api = Windsock::Sandbox::ApiVersion::Experimental;
    options.dagCount = 6;
    options.runsPerDag = 4;
    openView(options);
    QCOMPARE(client()->dialect().kind(), Api::ApiKind::Experimental);
    const Api::DialectExperimental reasons; // the sentences, from a dialect of its own
    QSignalSpy errors(m_view.get(), &DeploymentView::errorOccurred);
    QSignalSpy notices(m_view.get(), &DeploymentView::noticeOccurred);

    // The tabs 1.10 cannot feed are greyed with the reason; DAGs and Pools stay.
    QTabWidget *tabs = m_view->tabs();
    const QList<QPair<int, Feature>> gatedTabs{{1, Feature::RunsAcrossDags}, {3, Feature::Variables},
                                               {4, Feature::Connections},    {5, Feature::ImportErrors},
                                               {6, Feature::Assets},         {7, Feature::Health},
                                               {8, Feature::Config}};
    for (const auto &[tab, feature] : gatedTabs) {
        QVERIFY2(!tabs->isTabEnabled(tab), qPrintable(tabs->tabText(tab)));
        QVERIFY(!reasons.unavailableReason(feature).isEmpty());
        QCOMPARE(tabs->tabToolTip(tab), reasons.unavailableReason(feature));
    }
    QVERIFY(tabs->isTabEnabled(0));
    QVERIFY(tabs->isTabEnabled(2));
    QVERIFY(m_view->featureNotice()->isVisible());
    QCOMPARE(m_view->featureNotice()->text(),
             QStringLiteral(
                 "Airflow 1.10 experimental API: some views are unavailable (hover a greyed tab for why)."));

    // Ctrl+4 sets the index whatever the tab's state: the view stays where it was and says why.
    tabs->setCurrentIndex(3);
    QCOMPARE(tabs->currentIndex(), 0);
    QCOMPARE(notices.count(), 1);
    QVERIFY(
        notices.constFirst().constFirst().toString().contains(reasons.unavailableReason(Feature::Variables)));

    // Pools work on 1.10.
    tabs->setCurrentIndex(2);
    QCOMPARE(tabs->currentIndex(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->poolsPage()->model()->rowCount() > 0, TimeoutMs);
    QVERIFY2(m_view->poolsPage()->errorText().isEmpty(), qPrintable(m_view->poolsPage()->errorText()));
    // 1.10 gives a pool's size only: the usage columns would claim every slot free, so they are hidden.
    auto *poolTree = m_view->poolsPage()->findChild<QTreeView *>(QStringLiteral("poolTree"));
    QVERIFY(poolTree);
    QVERIFY(!poolTree->isColumnHidden(Windsock::Models::PoolModel::Slots));
    QVERIFY(poolTree->isColumnHidden(Windsock::Models::PoolModel::Open));
    QVERIFY(poolTree->isColumnHidden(Windsock::Models::PoolModel::Occupied));
    QCOMPARE(poolTree->toolTip(), reasons.unavailableReason(Feature::PoolUsage));
    tabs->setCurrentIndex(0);

    QString dagId, taskId;
    Api::DagRun run;
    pickRun(&dagId, &run, &taskId);
    if (QTest::currentTestFailed())
        return;

    // Every run and task-instance action is greyed with its reason, whatever the selection, and cannot be
    // started (a shortcut triggers the action; start() is what it calls).
    Windsock::Ui::RunActions *actions = m_view->runActions();
    Api::TaskInstance ti;
    ti.dagId = dagId;
    ti.dagRunId = run.dagRunId;
    ti.taskId = taskId;
    ti.state = QStringLiteral("success");
    actions->setSelection({run}, {ti});
    const QList<QPair<ActionKind, Feature>> gatedActions{
        {ActionKind::ClearRuns, Feature::ClearRun},
        {ActionKind::MarkRunsSuccess, Feature::MarkRun},
        {ActionKind::MarkRunsFailed, Feature::MarkRun},
        {ActionKind::DeleteRuns, Feature::DeleteRun},
        {ActionKind::SetRunNote, Feature::RunNotes},
        {ActionKind::ClearTaskInstances, Feature::ClearTaskInstances},
        {ActionKind::MarkTaskInstancesSuccess, Feature::MarkTaskInstances},
        {ActionKind::MarkTaskInstancesFailed, Feature::MarkTaskInstances}};
    for (const auto &[kind, feature] : gatedActions) {
        QAction *action = actions->action(kind);
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        QCOMPARE(action->toolTip(), reasons.unavailableReason(feature));
        QCOMPARE(action->statusTip(), reasons.unavailableReason(feature));
        action->trigger();
        actions->start(kind);
        QVERIFY(!actions->previewDialog());
    }

    // The DAG's overview shows what 1.10 knows (id, paused, recent runs) and why the rest is missing; its
    // code is read by the DAG's id.
    Q_EMIT m_view->dagSidebar()->currentNodeChanged(Windsock::Models::DagModel::NodeKind::Dag, dagId, {}, {});
    Windsock::Ui::DagDetailsPage *details = m_view->dagDetailsPage();
    QCOMPARE(m_view->currentNodePage()->objectName(), QStringLiteral("dagTabs"));
    QCOMPARE(details->findChild<QLabel *>(QStringLiteral("dagTitle"))->text(), dagId);
    auto *unavailable = details->findChild<QLabel *>(QStringLiteral("dagDetailsUnavailable"));
    QCOMPARE(unavailable->text(), reasons.unavailableReason(Feature::DagDetails));
    QVERIFY(unavailable->isVisibleTo(details));
    QTRY_COMPARE_WITH_TIMEOUT(details->findChild<QLabel *>(QStringLiteral("dagOwners"))->text(),
                              QStringLiteral("not given by this server"), TimeoutMs);
    const QString paused = details->findChild<QLabel *>(QStringLiteral("dagPausedState"))->text();
    QVERIFY2(paused == QLatin1String("Paused") || paused == QLatin1String("Active"), qPrintable(paused));
    QTRY_VERIFY_WITH_TIMEOUT(details->runList()->topLevelItemCount() > 0, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->dagSourceView()->isShowingSource(), TimeoutMs);
    QVERIFY(!m_view->dagSourceView()->source().isEmpty());

    // The run page: the run's fields, no note editor, and why its task instances are not listed.
    m_view->showRun(dagId, run.dagRunId);
    Windsock::Ui::RunPage *runPage = m_view->runPage();
    QTRY_VERIFY_WITH_TIMEOUT(runPage->hasRun(), TimeoutMs);
    QVERIFY2(runPage->errorText().isEmpty(), qPrintable(runPage->errorText()));
    QVERIFY(!runPage->noteEditor()->editButton()->isEnabled());
    QCOMPARE(runPage->noteEditor()->editButton()->toolTip(), reasons.unavailableReason(Feature::RunNotes));
    QCOMPARE(runPage->noteEditor()->noteLabel()->text(), reasons.unavailableReason(Feature::RunNotes));
    QCOMPARE(runPage->stateCountsLabel()->text(), reasons.unavailableReason(Feature::ListTaskInstances));
    QVERIFY(!runPage->copyConfButton()->isEnabled()); // 1.10 does not show the conf

    // The task-instance page: fields; Log, XComs and Tries greyed with their reasons; no note editor.
    m_view->showTaskInstance(dagId, run.dagRunId, taskId);
    TaskInstancePage *tiPage = m_view->taskInstancePage();
    QTRY_VERIFY_WITH_TIMEOUT(tiPage->hasTaskInstance() || !tiPage->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(tiPage->errorText().isEmpty(), qPrintable(tiPage->errorText()));
    const QList<QPair<int, Feature>> gatedTiTabs{{TaskInstancePage::LogTab, Feature::TaskLogs},
                                                 {TaskInstancePage::XComTab, Feature::XComs},
                                                 {TaskInstancePage::TriesTab, Feature::TaskInstanceTries}};
    for (const auto &[tab, feature] : gatedTiTabs) {
        QVERIFY(!tiPage->tabs()->isTabEnabled(tab));
        QCOMPARE(tiPage->tabs()->tabToolTip(tab), reasons.unavailableReason(feature));
    }
    QVERIFY(!tiPage->noteEditor()->editButton()->isEnabled());
    QCOMPARE(tiPage->noteEditor()->editButton()->toolTip(),
             reasons.unavailableReason(Feature::TaskInstanceNotes));

    // A pool keeps its name on 1.10 (the rest can change); the connection test is greyed.
    Api::Pool pool;
    pool.name = QStringLiteral("etl");
    pool.slots = 4;
    Windsock::Ui::PoolEditDialog poolDialog(client(), pool);
    QVERIFY(poolDialog.nameEdit()->isReadOnly());
    QCOMPARE(poolDialog.nameEdit()->toolTip(), reasons.unavailableReason(Feature::RenamePools));
    QVERIFY(poolDialog.slotsEdit()->isEnabled());
    Windsock::Ui::ConnectionEditDialog connectionDialog(client());
    connectionDialog.idEdit()->setText(QStringLiteral("warehouse"));
    connectionDialog.typeEdit()->setEditText(QStringLiteral("postgres"));
    QVERIFY(!connectionDialog.testButton()->isEnabled());
    QCOMPARE(connectionDialog.testButton()->toolTip(), reasons.unavailableReason(Feature::ConnectionTest));

    // Nothing gated reached the server: every request was one of 1.10's, and none failed as "unsupported".
    QVERIFY(!served.isEmpty());
    for (const QString &line : std::as_const(served))
        QVERIFY2(line.contains(QLatin1String("/api/experimental/")), qPrintable(line));
    for (const QString &part :
         {QStringLiteral("variables"), QStringLiteral("connections"), QStringLiteral("health"),
          QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("logs"), QStringLiteral("xcom")})
        QVERIFY2(servedContaining(part).isEmpty(), qPrintable(servedContaining(part).join(u'\n')));
    for (const QList<QVariant> &error : std::as_const(errors))
        QFAIL(qPrintable(error.constFirst().toString()));
}

void TestFeatureGates::airflow243GatesNotesAndTries()
{
    SandboxOptions options;
    options.dagCount = 6;
    options.runsPerDag = 4;
    options.airflowVersion = QStringLiteral("2.4.3");
    openView(options);
    QCOMPARE(client()->dialect().serverVersion().version, QStringLiteral("2.4.3"));

    for (int tab = 0; tab < m_view->tabs()->count(); ++tab)
        QVERIFY2(m_view->tabs()->isTabEnabled(tab), qPrintable(m_view->tabs()->tabText(tab)));
    QVERIFY(m_view->featureNotice()->isHidden());

    QString dagId, taskId;
    Api::DagRun run;
    pickRun(&dagId, &run, &taskId);
    if (QTest::currentTestFailed())
        return;

    m_view->showRun(dagId, run.dagRunId);
    Windsock::Ui::RunPage *runPage = m_view->runPage();
    QTRY_VERIFY_WITH_TIMEOUT(runPage->hasRun() && !runPage->isLoading(), TimeoutMs);
    QVERIFY(!runPage->noteEditor()->editButton()->isEnabled());
    QCOMPARE(runPage->noteEditor()->editButton()->toolTip(), notesNeed25);
    QVERIFY(!runPage->taskInstances().isEmpty()); // 2.4 lists them

    m_view->showTaskInstance(dagId, run.dagRunId, taskId);
    TaskInstancePage *tiPage = m_view->taskInstancePage();
    QTRY_VERIFY_WITH_TIMEOUT(tiPage->hasTaskInstance() && !tiPage->isLoading(), TimeoutMs);
    QVERIFY2(tiPage->errorText().isEmpty(), qPrintable(tiPage->errorText()));
    QVERIFY(!tiPage->tabs()->isTabEnabled(TaskInstancePage::TriesTab));
    QCOMPARE(tiPage->tabs()->tabToolTip(TaskInstancePage::TriesTab), triesNeed210);
    QVERIFY(tiPage->tabs()->isTabEnabled(TaskInstancePage::LogTab));
    QVERIFY(tiPage->tabs()->isTabEnabled(TaskInstancePage::XComTab));
    QVERIFY(!tiPage->noteEditor()->editButton()->isEnabled());
    QCOMPARE(tiPage->noteEditor()->editButton()->toolTip(), notesNeed25);

    // The note action too; clearing a run (2.4) stays.
    Windsock::Ui::RunActions *actions = m_view->runActions();
    actions->setSelection({run}, {});
    QVERIFY(!actions->action(ActionKind::SetRunNote)->isEnabled());
    QCOMPARE(actions->action(ActionKind::SetRunNote)->toolTip(), notesNeed25);
    QVERIFY(actions->action(ActionKind::ClearRuns)->isEnabled());
    QVERIFY(actions->action(ActionKind::DeleteRuns)->isEnabled());
    // A read-only profile keeps its own reason.
    actions->setReadOnly(true);
    runPage->setReadOnly(true);
    QVERIFY(actions->action(ActionKind::SetRunNote)->toolTip().contains(QLatin1String("read-only")));
    QVERIFY(!actions->action(ActionKind::SetRunNote)->toolTip().contains(notesNeed25));
    QVERIFY(runPage->noteEditor()->editButton()->toolTip().contains(QLatin1String("read-only")));
    QVERIFY(!actions->action(ActionKind::ClearRuns)->isEnabled());

    QVERIFY(!served.isEmpty());
    QVERIFY2(servedContaining(QStringLiteral("/tries")).isEmpty(),
             qPrintable(servedContaining(QStringLiteral("/tries")).join(u'\n')));
    QVERIFY(servedContaining(QStringLiteral("setNote")).isEmpty());
}

void TestFeatureGates::airflow214HasNoConnectionTest()
{
    SandboxOptions options;
    options.dagCount = 2;
    options.runsPerDag = 1;
    options.airflowVersion = QStringLiteral("2.1.4");
    openView(options);
    Windsock::Ui::ConnectionEditDialog dialog(client());
    dialog.idEdit()->setText(QStringLiteral("warehouse"));
    dialog.typeEdit()->setEditText(QStringLiteral("postgres"));
    QVERIFY(dialog.saveButton()->isEnabled());
    QVERIFY(!dialog.testButton()->isEnabled());
    QCOMPARE(dialog.testButton()->toolTip(),
             QStringLiteral(
                 "Testing a connection needs Airflow 2.2 or later; this deployment runs Airflow 2.1.4."));
    dialog.testConnection();
    QVERIFY(!dialog.isBusy());
}

void TestFeatureGates::currentServerEnablesEverything()
{
    SandboxOptions options;
    options.dagCount = 6;
    options.runsPerDag = 4;
    openView(options);
    QCOMPARE(client()->dialect().serverVersion().version, QStringLiteral("2.10.5"));
    QTabWidget *tabs = m_view->tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        QVERIFY2(tabs->isTabEnabled(tab), qPrintable(tabs->tabText(tab)));
        QVERIFY(tabs->tabToolTip(tab).isEmpty());
    }
    QVERIFY(m_view->featureNotice()->isHidden());
    // The import errors load at once, as before.
    QTRY_VERIFY_WITH_TIMEOUT(!servedContaining(QStringLiteral("importErrors")).isEmpty(), TimeoutMs);
    tabs->setCurrentIndex(3);
    QCOMPARE(tabs->currentIndex(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!servedContaining(QStringLiteral("/variables")).isEmpty(), TimeoutMs);

    QString dagId, taskId;
    Api::DagRun run;
    pickRun(&dagId, &run, &taskId);
    if (QTest::currentTestFailed())
        return;

    Windsock::Ui::RunActions *actions = m_view->runActions();
    Api::TaskInstance ti;
    ti.dagId = dagId;
    ti.dagRunId = run.dagRunId;
    ti.taskId = taskId;
    actions->setSelection({run}, {ti});
    for (const ActionKind kind : {ActionKind::ClearRuns, ActionKind::DeleteRuns, ActionKind::SetRunNote,
                                  ActionKind::ClearTaskInstances, ActionKind::MarkTaskInstancesSuccess,
                                  ActionKind::MarkTaskInstancesFailed}) {
        QVERIFY2(actions->action(kind)->isEnabled(), qPrintable(actions->action(kind)->text()));
        QVERIFY(actions->unavailableReason(kind).isEmpty());
    }
    QVERIFY(actions->action(ActionKind::MarkRunsSuccess)->isEnabled() ||
            actions->action(ActionKind::MarkRunsFailed)->isEnabled());

    m_view->showRun(dagId, run.dagRunId);
    Windsock::Ui::RunPage *runPage = m_view->runPage();
    QTRY_VERIFY_WITH_TIMEOUT(runPage->hasRun() && !runPage->isLoading(), TimeoutMs);
    QVERIFY(runPage->noteEditor()->editButton()->isEnabled());
    QVERIFY(!runPage->taskInstances().isEmpty());

    m_view->showTaskInstance(dagId, run.dagRunId, taskId);
    TaskInstancePage *tiPage = m_view->taskInstancePage();
    QTRY_VERIFY_WITH_TIMEOUT(tiPage->hasTaskInstance() && !tiPage->isLoading(), TimeoutMs);
    for (int tab : {TaskInstancePage::LogTab, TaskInstancePage::XComTab, TaskInstancePage::TriesTab})
        QVERIFY(tiPage->tabs()->isTabEnabled(tab));
    QVERIFY(tiPage->noteEditor()->editButton()->isEnabled());
    QVERIFY(!servedContaining(QStringLiteral("/tries")).isEmpty());

    auto *poolTree = m_view->poolsPage()->findChild<QTreeView *>(QStringLiteral("poolTree"));
    QVERIFY(poolTree);
    QVERIFY(!poolTree->isColumnHidden(Windsock::Models::PoolModel::Occupied));
    Api::Pool pool;
    pool.name = QStringLiteral("etl");
    Windsock::Ui::PoolEditDialog poolDialog(client(), pool);
    QVERIFY(!poolDialog.nameEdit()->isReadOnly());
    Windsock::Ui::ConnectionEditDialog connectionDialog(client());
    connectionDialog.idEdit()->setText(QStringLiteral("warehouse"));
    connectionDialog.typeEdit()->setEditText(QStringLiteral("postgres"));
    QVERIFY(connectionDialog.testButton()->isEnabled());
}

QTEST_MAIN(TestFeatureGates)
#include "tst_featuregates.moc"
