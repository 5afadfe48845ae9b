// Several deployments open at once in the main window, offscreen: two profiles on in-process sandboxes each
// in a tab of its own (the profile's colour on the tab, a strip above the view and in the status bar); the
// accessors, the DAG actions, the title and the status bar follow the current tab; opening an open profile
// shows its tab; a profile that cannot connect opens nothing; Ctrl+W closes a tab (view, then session) and
// the other tab still works; Ctrl+PgUp/PgDown go round the tabs.

#include "api/airflowclient.h"
#include "dags/dagsidebar.h"
#include "mainwindow/deploymentstatuswidget.h"
#include "mainwindow/deploymenttab.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/messagebar.h"
#include "mainwindow/session.h"
#include "mainwindow/sessionopener.h"
#include "models/dagmodel.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profileactions.h"
#include "profiles/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QPointer>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <sandbox/sandboxserver.h>

#include <memory>
#include <optional>

using Windsock::Models::DagModel;
using Windsock::Profiles::MemorySecretStore;
using Windsock::Profiles::Profile;
using Windsock::Profiles::ProfileStore;
using Windsock::Profiles::SecretResult;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::DeploymentTab;
using Windsock::Ui::MainWindow;
namespace Api = Windsock::Api;

class TestMultiDeployment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void twoDeploymentsOpenAtOnce();
    void accessorsAndActionsFollowTheTab();
    void actionsActOnTheCurrentDeploymentOnly();
    void openingAnOpenProfileShowsItsTab();
    void aProfileThatCannotConnectOpensNothing();
    void closingATabKeepsTheOtherWorking();
    void shortcutsGoRoundTheTabs();
    void readOnlyTabDisablesChanges();
    void deletingAnOpenProfileClosesItsTab();

private:
    void openWindow();
    QString addProfile(const QString &name, const QString &colour, const QUrl &url, bool readOnly = false);
    // Opens the profile and waits for its tab's DAGs.
    void openAndWait(const QString &profileId);
    std::optional<Api::Dag> serverDag(Api::AirflowClient *client, const QString &dagId);
    static void selectRow(QTreeView *tree, int row);
    int tabCount() const { return m_window->deploymentTabs()->count(); }

    static constexpr int LoadTimeoutMs = 30000;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_alphaServer;
    std::unique_ptr<SandboxServer> m_betaServer;
    std::unique_ptr<MainWindow> m_window;
    QString m_alpha;
    QString m_beta;
};

void TestMultiDeployment::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMultiDeployment::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    SandboxOptions alpha;
    alpha.dagCount = 12;
    alpha.runsPerDag = 4;
    m_alphaServer = std::make_unique<SandboxServer>(alpha);
    QVERIFY(m_alphaServer->listen());
    // The second deployment speaks Airflow 3 and holds other DAGs.
    SandboxOptions beta;
    beta.api = Windsock::Sandbox::ApiVersion::V2;
    beta.airflowVersion = QStringLiteral("3.0.2");
    beta.dagCount = 7;
    beta.runsPerDag = 4;
    beta.seed = 7;
    m_betaServer = std::make_unique<SandboxServer>(beta);
    QVERIFY(m_betaServer->listen());
    openWindow();
    m_alpha = addProfile(QStringLiteral("alpha"), QStringLiteral("#d64545"), m_alphaServer->baseUrl());
    m_beta = addProfile(QStringLiteral("beta"), QStringLiteral("#2f7ed8"), m_betaServer->baseUrl());
}

void TestMultiDeployment::cleanup()
{
    m_window.reset();
    m_alphaServer.reset();
    m_betaServer.reset();
    m_dir.reset();
}

void TestMultiDeployment::openWindow()
{
    MainWindow::ProfileServices services;
    services.store = std::make_unique<ProfileStore>(m_dir->filePath(QStringLiteral("profiles.json")));
    services.store->load();
    services.secrets = std::make_unique<MemorySecretStore>();
    m_window = std::make_unique<MainWindow>(std::move(services));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QString TestMultiDeployment::addProfile(const QString &name, const QString &colour, const QUrl &url,
                                        bool readOnly)
{
    Profile profile;
    profile.name = name;
    profile.baseUrl = url;
    profile.username = QStringLiteral("admin");
    profile.colour = colour;
    profile.readOnly = readOnly;
    const QString id = m_window->profileStore()->upsert(profile);
    std::optional<SecretResult> written;
    m_window->secretStore()->write(id, QStringLiteral("admin"), this,
                                   [&written](const SecretResult &r) { written = r; });
    [&] { QTRY_VERIFY(written.has_value()); }();
    return id;
}

void TestMultiDeployment::openAndWait(const QString &profileId)
{
    m_window->openProfile(profileId);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == profileId,
                             LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), LoadTimeoutMs);
}

std::optional<Api::Dag> TestMultiDeployment::serverDag(Api::AirflowClient *client, const QString &dagId)
{
    std::optional<Api::Result<Api::Dag>> answer;
    client->dag(dagId, this, [&answer](const Api::Result<Api::Dag> &result) { answer = result; });
    [&] { QTRY_VERIFY(answer.has_value()); }();
    if (!answer || !answer->ok())
        return std::nullopt;
    return answer->value();
}

void TestMultiDeployment::selectRow(QTreeView *tree, int row)
{
    if (row < 0) {
        tree->selectionModel()->clear();
        return;
    }
    tree->selectionModel()->setCurrentIndex(tree->model()->index(row, DagModel::DagId),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void TestMultiDeployment::twoDeploymentsOpenAtOnce()
{
    // Nothing open: the fleet tab alone, not closable.
    QCOMPARE(tabCount(), 1);
    QCOMPARE(m_window->deploymentTabs()->widget(0)->objectName(), QStringLiteral("fleetTab"));
    QVERIFY(!m_window->deploymentTabs()->tabBar()->tabButton(0, QTabBar::RightSide));
    QVERIFY(!m_window->deploymentTabs()->tabBar()->tabButton(0, QTabBar::LeftSide));
    QVERIFY(!m_window->session());
    QVERIFY(!m_window->deploymentView());

    // Both open at once: the second opening does not wait for, nor replace, the first.
    m_window->openProfile(m_alpha);
    m_window->openProfile(m_beta);
    QCOMPARE(tabCount(), 3);
    DeploymentTab *alpha = m_window->deploymentTab(m_alpha);
    DeploymentTab *beta = m_window->deploymentTab(m_beta);
    QVERIFY(alpha && beta);
    QTRY_VERIFY_WITH_TIMEOUT(alpha->view() && beta->view(), LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(alpha->view()->dagModel()->isComplete(), LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(beta->view()->dagModel()->isComplete(), LoadTimeoutMs);
    QCOMPARE(alpha->view()->dagModel()->rowCount(), 12);
    QCOMPARE(beta->view()->dagModel()->rowCount(), 7);

    // Each tab: the profile's name, a swatch of its colour, the strip above the view; closable.
    QTabWidget *tabs = m_window->deploymentTabs();
    QCOMPARE(tabs->tabText(tabs->indexOf(alpha)), QStringLiteral("alpha"));
    QCOMPARE(tabs->tabText(tabs->indexOf(beta)), QStringLiteral("beta"));
    QVERIFY(!tabs->tabIcon(tabs->indexOf(alpha)).isNull());
    const QImage swatch = tabs->tabIcon(tabs->indexOf(beta)).pixmap(16, 16).toImage();
    QCOMPARE(swatch.pixelColor(8, 8).name(), QStringLiteral("#2f7ed8"));
    QVERIFY(tabs->tabBar()->tabButton(tabs->indexOf(alpha), QTabBar::RightSide) ||
            tabs->tabBar()->tabButton(tabs->indexOf(alpha), QTabBar::LeftSide));
    QCOMPARE(beta->colourStrip()->palette().color(QPalette::Window).name(), QStringLiteral("#2f7ed8"));
    QVERIFY(beta->colourStrip()->isVisible() || tabs->currentWidget() != beta);
    QVERIFY(!m_window->errorBar()->isVisible());
}

void TestMultiDeployment::accessorsAndActionsFollowTheTab()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    DeploymentTab *alpha = m_window->deploymentTab(m_alpha);
    DeploymentTab *beta = m_window->deploymentTab(m_beta);
    QTabWidget *tabs = m_window->deploymentTabs();

    // beta is current: everything is beta's.
    QCOMPARE(m_window->currentDeploymentTab(), beta);
    QCOMPARE(m_window->session(), beta->session());
    QCOMPARE(m_window->deploymentView(), beta->view());
    QCOMPARE(m_window->dagModel(), beta->view()->dagModel());
    QCOMPARE(m_window->dagSidebar(), beta->view()->dagSidebar());
    QCOMPARE(m_window->deploymentStatus(), beta->view()->statusWidget());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("beta"));
    QCOMPARE(m_window->statusDeploymentName()->text(), QStringLiteral("beta"));
    QVERIFY(beta->view()->statusWidget()->isVisible());
    QVERIFY(!alpha->view()->statusWidget()->isVisible());
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_window->deploymentStatus()->versionText().startsWith(QLatin1String("Airflow 3.")),
        qPrintable(m_window->deploymentStatus()->versionText()), LoadTimeoutMs);

    // A DAG selected in beta enables Trigger and Copy DAG id there.
    QTreeView *betaTree = beta->view()->dagSidebar()->dagTree();
    selectRow(betaTree, 0);
    QVERIFY(m_window->triggerAction()->isEnabled());
    QVERIFY(m_window->copyDagIdAction()->isEnabled());
    QVERIFY(m_window->reloadAction()->isEnabled());

    // To alpha, where nothing is selected: the accessors, title, status bar and actions follow.
    selectRow(alpha->view()->dagSidebar()->dagTree(), -1);
    tabs->setCurrentWidget(alpha);
    QCOMPARE(m_window->session(), alpha->session());
    QCOMPARE(m_window->dagModel(), alpha->view()->dagModel());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("alpha"));
    QCOMPARE(m_window->statusDeploymentName()->text(), QStringLiteral("alpha"));
    QVERIFY(alpha->view()->statusWidget()->isVisible());
    QVERIFY(!beta->view()->statusWidget()->isVisible());
    QVERIFY(!m_window->triggerAction()->isEnabled());
    QVERIFY(!m_window->copyDagIdAction()->isEnabled());
    QVERIFY(m_window->closeTabAction()->isEnabled());

    // The fleet tab: no deployment, the deployment actions off.
    m_window->showFleet();
    QVERIFY(!m_window->session());
    QVERIFY(!m_window->deploymentView());
    QVERIFY(!m_window->dagModel());
    QVERIFY(!m_window->dagSidebar());
    QVERIFY(!m_window->deploymentStatus());
    QVERIFY(!m_window->triggerAction()->isEnabled());
    QVERIFY(!m_window->pauseAction()->isEnabled());
    QVERIFY(!m_window->reloadAction()->isEnabled());
    QVERIFY(!m_window->closeTabAction()->isEnabled());
    QVERIFY(!m_window->statusDeploymentName()->isVisible());
    QVERIFY(!alpha->view()->statusWidget()->isVisible());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Fleet"));
    QVERIFY(!m_window->openTriggerDialog());

    // Back to beta: its selection is still there, and so are the actions.
    tabs->setCurrentWidget(beta);
    QVERIFY(m_window->triggerAction()->isEnabled());
}

void TestMultiDeployment::actionsActOnTheCurrentDeploymentOnly()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    DeploymentTab *alpha = m_window->deploymentTab(m_alpha);
    DeploymentTab *beta = m_window->deploymentTab(m_beta);
    m_window->deploymentTabs()->setCurrentWidget(alpha);

    // The first unpaused DAG of alpha, paused with the window's action.
    QTreeView *tree = alpha->view()->dagSidebar()->dagTree();
    int row = 0;
    while (row < tree->model()->rowCount() &&
           tree->model()->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Checked)
        ++row;
    QVERIFY(row < tree->model()->rowCount());
    const QString dagId = tree->model()->index(row, 0).data(DagModel::DagIdRole).toString();
    selectRow(tree, row);
    QVERIFY(m_window->pauseAction()->isEnabled());
    m_window->pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(serverDag(alpha->session()->client(), dagId).value_or(Api::Dag{}).isPaused,
                             LoadTimeoutMs);
    // beta's server was not touched (beta holds other DAGs; its same-named DAG, if any, stays as it was).
    const std::optional<Api::Dag> onBeta = serverDag(beta->session()->client(), dagId);
    QVERIFY(!onBeta || !onBeta->isPaused);

    // Reload reloads the current deployment only.
    QPointer<DagModel> betaModel = beta->view()->dagModel();
    m_window->reloadAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(alpha->view()->dagModel()->isComplete(), LoadTimeoutMs);
    QVERIFY(betaModel && betaModel->isComplete());
    QCOMPARE(betaModel->rowCount(), 7);
}

void TestMultiDeployment::openingAnOpenProfileShowsItsTab()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    QPointer<Windsock::Ui::Session> alphaSession = m_window->deploymentTab(m_alpha)->session();
    QCOMPARE(tabCount(), 3);
    m_window->openProfile(m_alpha);
    QCOMPARE(tabCount(), 3);
    QCOMPARE(m_window->session(), alphaSession.data());
    QVERIFY(!m_window->sessionOpener()->isOpening());

    // The demo opens in a tab of its own too, and only once.
    m_window->openDemo(Windsock::Ui::Session::DemoReason::Requested);
    QCOMPARE(tabCount(), 4);
    QVERIFY(m_window->session()->isDemo());
    m_window->deploymentTabs()->setCurrentIndex(1);
    m_window->openDemo(Windsock::Ui::Session::DemoReason::Requested);
    QCOMPARE(tabCount(), 4);
    QVERIFY(m_window->session()->isDemo());
    QVERIFY(alphaSession); // untouched
}

void TestMultiDeployment::aProfileThatCannotConnectOpensNothing()
{
    openAndWait(m_alpha);
    // Nothing listens there: "connecting" shows in a tab of its own, then the failure goes to the error bar,
    // the tab goes away and the tab that was current comes back.
    const QString gone = addProfile(QStringLiteral("gone"), QStringLiteral("#888888"),
                                    QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_window->openProfile(gone);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->isVisible(), LoadTimeoutMs);
    QVERIFY2(m_window->errorBar()->text().startsWith(QLatin1String("Could not connect to \"gone\"")),
             qPrintable(m_window->errorBar()->text()));
    QCOMPARE(tabCount(), 2);
    QVERIFY(!m_window->deploymentTab(gone));
    QCOMPARE(m_window->session()->profileId(), m_alpha);

    // A profile being opened can be cancelled from its tab, which then goes away too.
    m_window->openProfile(m_beta);
    DeploymentTab *connecting = m_window->deploymentTab(m_beta);
    QVERIFY(connecting && connecting->isConnecting());
    QCOMPARE(m_window->currentDeploymentTab(), connecting);
    QVERIFY(!m_window->session());
    QPointer<DeploymentTab> guard = connecting;
    m_window->closeTabAction()->trigger();
    QVERIFY(!guard);
    QVERIFY(!m_window->sessionOpener()->isOpening());
    QCOMPARE(tabCount(), 2);
    QCOMPARE(m_window->session()->profileId(), m_alpha);
}

void TestMultiDeployment::closingATabKeepsTheOtherWorking()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    QPointer<Windsock::Ui::Session> betaSession = m_window->session();
    QPointer<Windsock::Ui::DeploymentView> betaView = m_window->deploymentView();
    QPointer<Windsock::Ui::DeploymentStatusWidget> betaStatus = m_window->deploymentStatus();
    QVERIFY(betaSession && betaView);

    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_W));
    QVERIFY(!betaView);
    QVERIFY(!betaSession);
    QVERIFY(!betaStatus);
    QCOMPARE(tabCount(), 2);
    QVERIFY(!m_window->deploymentTab(m_beta));

    // alpha is current again and works: a reload brings its DAGs back.
    QCOMPARE(m_window->session()->profileId(), m_alpha);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("alpha"));
    QVERIFY(m_window->deploymentStatus()->isVisible());
    m_window->reloadAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), LoadTimeoutMs);
    QCOMPARE(m_window->dagModel()->rowCount(), 12);
    QVERIFY(!m_window->errorBar()->isVisible());

    // Ctrl+W on the fleet tab closes nothing.
    m_window->showFleet();
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_W));
    QCOMPARE(tabCount(), 2);
}

void TestMultiDeployment::shortcutsGoRoundTheTabs()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    QTabWidget *tabs = m_window->deploymentTabs();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(tabs->currentIndex(), 2);
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QCOMPARE(tabs->currentIndex(), 0); // round to the fleet
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QCOMPARE(tabs->currentIndex(), 1);
    QCOMPARE(m_window->session()->profileId(), m_alpha);
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    QCOMPARE(tabs->currentIndex(), 0);
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    QCOMPARE(tabs->currentIndex(), 2);
    QCOMPARE(m_window->session()->profileId(), m_beta);

    // Ctrl+2 still picks the deployment's own second tab (its runs).
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->deploymentView()->tabs()->currentIndex(), 1);
    QCOMPARE(tabs->currentIndex(), 2);
}

void TestMultiDeployment::readOnlyTabDisablesChanges()
{
    const QString readOnly = addProfile(QStringLiteral("prod (read-only)"), QStringLiteral("#8e44ad"),
                                        m_alphaServer->baseUrl(), true);
    openAndWait(m_beta);
    openAndWait(readOnly);
    selectRow(m_window->dagSidebar()->dagTree(), 0);
    QVERIFY(!m_window->triggerAction()->isEnabled());
    QVERIFY(!m_window->pauseAction()->isEnabled());
    QVERIFY(!m_window->unpauseAction()->isEnabled());
    QVERIFY(m_window->copyDagIdAction()->isEnabled());
    QVERIFY(!m_window->openTriggerDialog());

    // beta, beside it, is not read-only.
    m_window->deploymentTabs()->setCurrentWidget(m_window->deploymentTab(m_beta));
    QTreeView *betaTree = m_window->dagSidebar()->dagTree();
    selectRow(betaTree, 0);
    QVERIFY(m_window->triggerAction()->isEnabled());
}

void TestMultiDeployment::deletingAnOpenProfileClosesItsTab()
{
    openAndWait(m_alpha);
    openAndWait(m_beta);
    QPointer<Windsock::Ui::Session> alphaSession = m_window->deploymentTab(m_alpha)->session();
    QVERIFY(m_window->profileStore()->remove(m_alpha));
    Q_EMIT m_window->profileActions()->profileDeleted(m_alpha);
    QVERIFY(!alphaSession);
    QVERIFY(!m_window->deploymentTab(m_alpha));
    QCOMPARE(tabCount(), 2);
    QVERIFY2(m_window->noticeBar()->text().contains(QStringLiteral("\"alpha\" was deleted")),
             qPrintable(m_window->noticeBar()->text()));
    QCOMPARE(m_window->session()->profileId(), m_beta);
}

QTEST_MAIN(TestMultiDeployment)
#include "tst_multideployment.moc"
