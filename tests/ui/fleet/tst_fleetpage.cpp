// The main window's fleet tab, offscreen, over three profiles: two in-process sandboxes (Airflow 2 and 3) and
// one where nothing listens. The table fills for every profile (the colour swatch first), sorts by a header
// click and filters as you type; a double-click opens the deployment's tab; the runs tree holds the runs of
// both deployments that answer and activating one opens it on that run; F5 refreshes only while the fleet is
// in front; Compare and Copy get the deployments that answer; the page follows the profile store, and says
// how to add a profile when there is none.

#include "dags/dagsidebar.h"
#include "fleet/comparedagdialog.h"
#include "fleet/copyresourcesdialog.h"
#include "fleet/fleetpage.h"
#include "fleet/fleetrefresher.h"
#include "fleet/fleetrunspanel.h"
#include "mainwindow/deploymenttab.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/messagebar.h"
#include "mainwindow/session.h"
#include "models/dagmodel.h"
#include "models/fleetmodel.h"
#include "models/fleetrunsmodel.h"
#include "notify/fleetnotifications.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profileactions.h"
#include "profiles/profilestore.h"
#include "runs/runpage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <sandbox/sandboxserver.h>

#include <memory>
#include <optional>

using Windsock::Fleet::Reachability;
using Windsock::Models::FleetModel;
using Windsock::Models::FleetRunsModel;
using Windsock::Profiles::MemorySecretStore;
using Windsock::Profiles::Profile;
using Windsock::Profiles::ProfileStore;
using Windsock::Profiles::SecretResult;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::FleetPage;
using Windsock::Ui::MainWindow;

class TestFleetPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fillsForEveryProfile();
    void headerClickSortsAndTheFilterNarrows();
    void doubleClickOpensTheDeployment();
    void runsTreeHoldsBothDeploymentsAndOpensARun();
    void refreshAllOnlyWhileTheFleetIsInFront();
    void compareAndCopyGetTheDeploymentsThatAnswer();
    void followsTheProfileStore();
    void withoutProfilesSaysHowToAddOne();

private:
    QString addProfile(ProfileStore *store, Windsock::Profiles::SecretStore *secrets, const QString &name,
                       const QString &colour, const QUrl &url, bool notify = false);
    void openWindow(bool withProfiles = true);
    void waitForRefresh();
    FleetPage *page() const { return m_window->fleetPage(); }
    int proxyRowOf(const QString &profileId) const;
    QModelIndex runIndexOf(const QString &profileId) const;

    static constexpr int LoadTimeoutMs = 30000;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_alphaServer;
    std::unique_ptr<SandboxServer> m_betaServer;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_fleetTester;
    std::unique_ptr<QAbstractItemModelTester> m_runsTester;
    QString m_alpha;
    QString m_beta;
    QString m_gone;
};

void TestFleetPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFleetPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    SandboxOptions alpha;
    alpha.dagCount = 12;
    alpha.runsPerDag = 6;
    m_alphaServer = std::make_unique<SandboxServer>(alpha);
    QVERIFY(m_alphaServer->listen());
    SandboxOptions beta;
    beta.api = Windsock::Sandbox::ApiVersion::V2;
    beta.airflowVersion = QStringLiteral("3.0.2");
    beta.dagCount = 7;
    beta.runsPerDag = 6;
    beta.seed = 7;
    m_betaServer = std::make_unique<SandboxServer>(beta);
    QVERIFY(m_betaServer->listen());
}

void TestFleetPage::cleanup()
{
    m_fleetTester.reset();
    m_runsTester.reset();
    m_window.reset();
    m_alphaServer.reset();
    m_betaServer.reset();
    m_dir.reset();
}

QString TestFleetPage::addProfile(ProfileStore *store, Windsock::Profiles::SecretStore *secrets,
                                  const QString &name, const QString &colour, const QUrl &url, bool notify)
{
    Profile profile;
    profile.name = name;
    profile.baseUrl = url;
    profile.username = QStringLiteral("admin");
    profile.colour = colour;
    profile.notifyFailedRuns = notify;
    profile.notifyIntervalSeconds = 600;
    const QString id = store->upsert(profile);
    std::optional<SecretResult> written;
    secrets->write(id, QStringLiteral("admin"), this, [&written](const SecretResult &r) { written = r; });
    [&] { QTRY_VERIFY(written.has_value()); }();
    return id;
}

void TestFleetPage::openWindow(bool withProfiles)
{
    MainWindow::ProfileServices services;
    services.store = std::make_unique<ProfileStore>(m_dir->filePath(QStringLiteral("profiles.json")));
    services.store->load();
    services.secrets = std::make_unique<MemorySecretStore>();
    if (withProfiles) {
        m_alpha = addProfile(services.store.get(), services.secrets.get(), QStringLiteral("alpha"),
                             QStringLiteral("#d64545"), m_alphaServer->baseUrl(), true);
        m_beta = addProfile(services.store.get(), services.secrets.get(), QStringLiteral("beta"),
                            QStringLiteral("#2f7ed8"), m_betaServer->baseUrl());
        m_gone = addProfile(services.store.get(), services.secrets.get(), QStringLiteral("gone"),
                            QStringLiteral("#888888"), QUrl(QStringLiteral("http://127.0.0.1:9")));
    }
    m_window = std::make_unique<MainWindow>(std::move(services));
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    m_fleetTester = std::make_unique<QAbstractItemModelTester>(page()->proxyModel(), Mode::Fatal);
    m_runsTester = std::make_unique<QAbstractItemModelTester>(page()->runsModel(), Mode::Fatal);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestFleetPage::waitForRefresh()
{
    // Shown first: the fleet refreshes by itself.
    QVERIFY(page()->hasRefreshed());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->fleetRefresher()->isRefreshing(), LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(page()->summaryLabel()->text().contains(QLatin1String("refreshed")),
                             LoadTimeoutMs);
}

int TestFleetPage::proxyRowOf(const QString &profileId) const
{
    QAbstractItemModel *model = page()->proxyModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(FleetModel::ProfileIdRole).toString() == profileId)
            return row;
    }
    return -1;
}

QModelIndex TestFleetPage::runIndexOf(const QString &profileId) const
{
    // The first run under the deployment's row, in the panel's view.
    QTreeView *view = page()->runsPanel()->view();
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex deployment = model->index(row, 0);
        if (deployment.data(FleetRunsModel::ProfileIdRole).toString() == profileId &&
            model->rowCount(deployment) > 0)
            return model->index(0, FleetRunsModel::RunId, deployment);
    }
    return {};
}

void TestFleetPage::fillsForEveryProfile()
{
    openWindow();
    QCOMPARE(m_window->deploymentTabs()->currentWidget(), page());
    waitForRefresh();
    FleetModel *model = page()->fleetModel();
    QCOMPARE(model->rowCount(), 3);

    const auto status = [model](const QString &id) { return model->statusAt(model->rowOf(id)); };
    QCOMPARE(status(m_alpha).reachability, Reachability::Ok);
    QCOMPARE(status(m_alpha).airflowVersion, QStringLiteral("2.10.5"));
    QCOMPARE(status(m_alpha).dagCount, 12);
    QCOMPARE(status(m_beta).reachability, Reachability::Ok);
    QVERIFY2(status(m_beta).airflowVersion.startsWith(QLatin1String("3.")),
             qPrintable(status(m_beta).airflowVersion));
    QCOMPARE(status(m_beta).dagCount, 7);
    QCOMPARE(status(m_gone).reachability, Reachability::Unreachable);
    QVERIFY(!status(m_gone).message.isEmpty());

    // The colour swatch in the first column (a QColor decoration is painted as one).
    const QModelIndex alphaName = page()->proxyModel()->index(proxyRowOf(m_alpha), FleetModel::Deployment);
    QCOMPARE(alphaName.data().toString(), QStringLiteral("alpha"));
    QCOMPARE(alphaName.data(Qt::DecorationRole).value<QColor>().name(), QStringLiteral("#d64545"));
    QCOMPARE(page()->table()->model(), page()->proxyModel());
    QVERIFY(page()->table()->isVisible());
    QVERIFY(!page()->emptyNotice()->isVisible());
    QVERIFY2(page()->summaryLabel()->text().startsWith(QLatin1String("2 of 3 answer")),
             qPrintable(page()->summaryLabel()->text()));
    QCOMPARE(page()->reachableMembers().size(), 2);

    // alpha asked for failed-run notifications: its deployment is polled, the others are not.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->fleetNotifications()->watchedProfileIds().contains(m_alpha),
                             LoadTimeoutMs);
    QVERIFY(!m_window->fleetNotifications()->watchedProfileIds().contains(m_beta));
    QVERIFY(!m_window->fleetNotifications()->watchedProfileIds().contains(m_gone));
}

void TestFleetPage::headerClickSortsAndTheFilterNarrows()
{
    openWindow();
    waitForRefresh();
    QTableView *table = page()->table();
    QAbstractItemModel *proxy = page()->proxyModel();
    QHeaderView *header = table->horizontalHeader();
    const auto clickHeader = [header](int section) {
        const QPoint centre(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    };

    // By name from the start.
    QCOMPARE(proxy->index(0, FleetModel::Deployment).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(proxy->index(2, FleetModel::Deployment).data().toString(), QStringLiteral("gone"));

    clickHeader(FleetModel::Dags);
    QTRY_COMPARE(header->sortIndicatorSection(), int(FleetModel::Dags));
    const Qt::SortOrder order = header->sortIndicatorOrder();
    for (int row = 0; row + 1 < proxy->rowCount(); ++row) {
        const int a = proxy->index(row, FleetModel::Dags).data(FleetModel::SortRole).toInt();
        const int b = proxy->index(row + 1, FleetModel::Dags).data(FleetModel::SortRole).toInt();
        QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b,
                 qPrintable(QStringLiteral("%1 %2").arg(a).arg(b)));
    }
    clickHeader(FleetModel::Dags);
    QTRY_VERIFY(header->sortIndicatorOrder() != order);
    QCOMPARE(proxy->index(order == Qt::AscendingOrder ? 0 : 2, FleetModel::Deployment).data().toString(),
             QStringLiteral("alpha")); // 12 DAGs, the most

    // The filter matches any column: a name, a status.
    QLineEdit *filter = page()->filterEdit();
    QTest::keyClicks(filter, QStringLiteral("BET"));
    QTRY_COMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, 0).data(FleetModel::ProfileIdRole).toString(), m_beta);
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("unreachable"));
    QTRY_COMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, 0).data(FleetModel::ProfileIdRole).toString(), m_gone);
    filter->clear();
    QCOMPARE(proxy->rowCount(), 3);
}

void TestFleetPage::doubleClickOpensTheDeployment()
{
    openWindow();
    waitForRefresh();
    QTableView *table = page()->table();
    const auto doubleClick = [table](const QModelIndex &index) {
        // The first click of a double-click selects, as a person's would.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    };
    doubleClick(page()->proxyModel()->index(proxyRowOf(m_beta), FleetModel::Status));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == m_beta,
                             LoadTimeoutMs);
    QCOMPARE(m_window->deploymentTabs()->count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), LoadTimeoutMs);
    QCOMPARE(m_window->dagModel()->rowCount(), 7);

    // Again from the fleet: the open tab is shown, no second one.
    m_window->showFleet();
    doubleClick(page()->proxyModel()->index(proxyRowOf(m_beta), FleetModel::Deployment));
    QCOMPARE(m_window->session()->profileId(), m_beta);
    QCOMPARE(m_window->deploymentTabs()->count(), 2);

    // Enter on a row opens it too; one that cannot connect opens nothing and says why.
    m_window->showFleet();
    table->setFocus();
    table->setCurrentIndex(page()->proxyModel()->index(proxyRowOf(m_gone), 0));
    QTest::keyClick(table, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->isVisible(), LoadTimeoutMs);
    QVERIFY2(m_window->errorBar()->text().contains(QLatin1String("\"gone\"")),
             qPrintable(m_window->errorBar()->text()));
    QTRY_COMPARE(m_window->deploymentTabs()->count(), 2);
    QCOMPARE(m_window->deploymentTabs()->currentWidget(), page());
}

void TestFleetPage::runsTreeHoldsBothDeploymentsAndOpensARun()
{
    openWindow();
    waitForRefresh();
    FleetRunsModel *runs = page()->runsModel();
    QTRY_COMPARE_WITH_TIMEOUT(runs->rowCount(), 2, LoadTimeoutMs); // the two that answer
    QTRY_VERIFY_WITH_TIMEOUT(!runs->isLoading(), LoadTimeoutMs);
    QStringList deployments;
    for (int row = 0; row < runs->rowCount(); ++row) {
        const QModelIndex deployment = runs->index(row, 0);
        deployments << deployment.data(FleetRunsModel::ProfileIdRole).toString();
        QVERIFY2(deployment.data(FleetRunsModel::ErrorRole).toString().isEmpty(),
                 qPrintable(deployment.data(FleetRunsModel::ErrorRole).toString()));
        QVERIFY2(runs->rowCount(deployment) > 0, qPrintable(deployment.data().toString()));
    }
    deployments.sort();
    QStringList expected{m_alpha, m_beta};
    expected.sort();
    QCOMPARE(deployments, expected);

    // Activating one of beta's runs opens beta on that run.
    QTreeView *view = page()->runsPanel()->view();
    const QModelIndex run = runIndexOf(m_beta);
    QVERIFY(run.isValid());
    const QString dagId = run.data(FleetRunsModel::DagIdRole).toString();
    const QString runId = run.data(FleetRunsModel::RunIdRole).toString();
    view->scrollTo(run);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(run).center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(run).center());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == m_beta,
                             LoadTimeoutMs);
    Windsock::Ui::DeploymentView *deployment = m_window->deploymentView();
    QTRY_VERIFY_WITH_TIMEOUT(deployment && deployment->runPage()->runId() == runId, LoadTimeoutMs);
    QCOMPARE(deployment->runPage()->dagId(), dagId);
    // And stays there once the DAG tree's first rows arrive (it selects its first DAG then).
    QTRY_VERIFY_WITH_TIMEOUT(deployment->dagModel()->rowCount() > 0, LoadTimeoutMs);
    QTRY_COMPARE(deployment->currentNodePage(), static_cast<QWidget *>(deployment->runPage()));
    QCOMPARE(deployment->runPage()->runId(), runId);

    // One of alpha's, from the fleet again, while beta stays open.
    m_window->showFleet();
    const QModelIndex alphaRun = runIndexOf(m_alpha);
    QVERIFY(alphaRun.isValid());
    Q_EMIT page()->runsPanel()->runActivated(m_alpha, alphaRun.data(FleetRunsModel::DagIdRole).toString(),
                                             alphaRun.data(FleetRunsModel::RunIdRole).toString());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == m_alpha,
                             LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->deploymentView() &&
                                 m_window->deploymentView()->runPage()->runId() ==
                                     alphaRun.data(FleetRunsModel::RunIdRole).toString(),
                             LoadTimeoutMs);
    QCOMPARE(m_window->deploymentTabs()->count(), 3);
}

void TestFleetPage::refreshAllOnlyWhileTheFleetIsInFront()
{
    openWindow();
    waitForRefresh();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    page()->table()->setFocus();
    QSignalSpy finished(m_window->fleetRefresher(), &Windsock::Fleet::FleetRefresher::refreshFinished);
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QVERIFY(m_window->fleetRefresher()->isRefreshing());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, LoadTimeoutMs);

    // On a deployment's tab F5 belongs to its pages.
    m_window->openProfile(m_alpha);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel() && m_window->dagModel()->isComplete(), LoadTimeoutMs);
    m_window->dagSidebar()->dagTree()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QVERIFY(!m_window->fleetRefresher()->isRefreshing());
    QCOMPARE(finished.size(), 1);

    // Refresh All from the toolbar.
    m_window->showFleet();
    page()->refreshAction()->trigger();
    QVERIFY(m_window->fleetRefresher()->isRefreshing());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, LoadTimeoutMs);
}

void TestFleetPage::compareAndCopyGetTheDeploymentsThatAnswer()
{
    openWindow();
    waitForRefresh();
    Windsock::Ui::CompareDagDialog *compare = page()->openCompare();
    QVERIFY(compare);
    QVERIFY(compare->isVisible());
    QCOMPARE(page()->compareDialog(), compare);
    compare->close();
    QTRY_VERIFY(!page()->compareDialog());

    page()->copyVariablesAction()->trigger();
    Windsock::Ui::CopyResourcesDialog *copy = page()->copyDialog();
    QVERIFY(copy);
    QCOMPARE(copy->sourceCombo()->count(), 2); // alpha and beta, not "gone"
    copy->close();
    QTRY_VERIFY(!page()->copyDialog());

    // With one deployment that answers there is nothing to compare with: the page says so.
    QVERIFY(m_window->profileStore()->remove(m_beta));
    QCOMPARE(page()->reachableMembers().size(), 1);
    QVERIFY(!page()->openCompare());
    QVERIFY(m_window->noticeBar()->isVisible());
    QVERIFY2(m_window->noticeBar()->text().contains(QLatin1String("1 of 2 answer")),
             qPrintable(m_window->noticeBar()->text()));
    QVERIFY(!page()->openCopy(true));
}

void TestFleetPage::followsTheProfileStore()
{
    openWindow();
    waitForRefresh();
    // A new profile gets a row and is probed at once.
    const QString delta =
        addProfile(m_window->profileStore(), m_window->secretStore(), QStringLiteral("delta"),
                   QStringLiteral("#27ae60"), m_alphaServer->baseUrl());
    FleetModel *model = page()->fleetModel();
    QCOMPARE(model->rowCount(), 4);
    QVERIFY(model->rowOf(delta) >= 0);
    // Its secret is written after the profile: the editor (and discovery) say profileSaved once both are.
    Q_EMIT m_window->profileActions()->profileSaved(delta);
    QTRY_COMPARE_WITH_TIMEOUT(model->statusAt(model->rowOf(delta)).reachability, Reachability::Ok,
                              LoadTimeoutMs);

    // A deleted one goes, with its client.
    QVERIFY(m_window->profileStore()->remove(m_gone));
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->rowOf(m_gone), -1);
    QVERIFY(!m_window->fleetRefresher()->status(m_gone));
}

void TestFleetPage::withoutProfilesSaysHowToAddOne()
{
    openWindow(false);
    QVERIFY(page()->emptyNotice()->isVisible());
    QVERIFY(page()->emptyNotice()->text().contains(QLatin1String("New Profile")));
    QVERIFY(page()->emptyNotice()->text().contains(QLatin1String("Discover")));
    QVERIFY(!page()->table()->isVisible());
    QVERIFY(!page()->refreshAction()->isEnabled());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Fleet"));

    // The first profile brings the table.
    m_alpha = addProfile(m_window->profileStore(), m_window->secretStore(), QStringLiteral("alpha"),
                         QStringLiteral("#d64545"), m_alphaServer->baseUrl());
    QVERIFY(page()->table()->isVisible());
    QVERIFY(!page()->emptyNotice()->isVisible());
    Q_EMIT m_window->profileActions()->profileSaved(m_alpha);
    FleetModel *model = page()->fleetModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->statusAt(model->rowOf(m_alpha)).reachability, Reachability::Ok,
                              LoadTimeoutMs);
}

QTEST_MAIN(TestFleetPage)
#include "tst_fleetpage.moc"
