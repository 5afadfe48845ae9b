// The deployment view put together in the main window, offscreen, on the demo sandbox: the tabs and their
// shortcuts, the page beside the tree for each level (the DAG with its code, a run, a task instance with its
// log), the context menu and run actions following the tree's selection, a run opened from the Runs tab, and
// a trigger that updates the tree at once and is watched to its end with a notification.

#include "actions/runactions.h"
#include "api/airflowclient.h"
#include "dags/dagsidebar.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/messagebar.h"
#include "mainwindow/session.h"
#include "models/dagmodel.h"
#include "models/dagrunlistmodel.h"
#include "models/dagsortfilterproxymodel.h"
#include "resources/configpage.h"
#include "runs/runpage.h"
#include "runs/runspage.h"
#include "taskinstance/taskinstancepage.h"
#include "trigger/triggerdialog.h"
#include "watch/runwatcher.h"

#include "fakes/awaitresult.h"

#include <QAction>
#include <QCheckBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Ui::DeploymentView;
using Windsock::Ui::MainWindow;
using Windsock::Ui::Session;
namespace Api = Windsock::Api;
using NodeKind = DagModel::NodeKind;

class TestDeploymentView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tabsAndTheirShortcuts();
    void eachLevelShowsItsPage();
    void actionsFollowTheSelection();
    void runsTabOpensARun();
    void triggerUpdatesTheTreeAndIsWatched();

private:
    DeploymentView *view() const { return m_window->deploymentView(); }
    QTreeView *tree() const { return view()->dagSidebar()->dagTree(); }
    QAbstractItemModel *treeModel() const { return tree()->model(); }
    // The first DAG row (in the view's order) whose newest run is known, expanded down to its runs.
    QModelIndex expandFirstDag();
    QModelIndex firstChild(const QModelIndex &parent);
    // A click on the row, as a user selects it.
    void click(const QModelIndex &index)
    {
        tree()->scrollTo(index);
        QTest::mouseClick(tree()->viewport(), Qt::LeftButton, {}, tree()->visualRect(index).center());
    }

    static constexpr int TimeoutMs = 30000;
    std::unique_ptr<MainWindow> m_window;
};

void TestDeploymentView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDeploymentView::init()
{
    Session::DemoOptions options;
    options.dagCount = 12;
    options.runsPerDag = 5;
    QString error;
    std::unique_ptr<Session> session(Session::startDemo(Session::DemoReason::Requested, options, &error));
    QVERIFY2(session, qPrintable(error));
    m_window = std::make_unique<MainWindow>(std::move(session));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), TimeoutMs);
}

void TestDeploymentView::cleanup()
{
    m_window.reset();
}

QModelIndex TestDeploymentView::firstChild(const QModelIndex &parent)
{
    tree()->expand(parent);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(treeModel()->rowCount(parent) > 0, TimeoutMs); }();
    return treeModel()->index(0, 0, parent);
}

QModelIndex TestDeploymentView::expandFirstDag()
{
    return firstChild(treeModel()->index(0, 0));
}

void TestDeploymentView::tabsAndTheirShortcuts()
{
    QTabWidget *tabs = view()->tabs();
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles << tabs->tabText(i).section(QLatin1Char(' '), 0, 0);
    QCOMPARE(titles,
             (QStringList{QStringLiteral("DAGs"), QStringLiteral("Runs"), QStringLiteral("Pools"),
                          QStringLiteral("Variables"), QStringLiteral("Connections"),
                          QStringLiteral("Import"), QStringLiteral("Datasets"), QStringLiteral("Health"),
                          QStringLiteral("Configuration"), QStringLiteral("Explorer")}));
    // The import errors load at once: their count is on the tab.
    QTRY_VERIFY_WITH_TIMEOUT(tabs->tabText(5).contains(QLatin1Char('(')), TimeoutMs);

    // Ctrl+2 opens the Runs tab, with the runs of every DAG.
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(tabs->currentWidget(), view()->runsPage());
    QTRY_VERIFY_WITH_TIMEOUT(view()->runsPage()->model()->rowCount() > 0, TimeoutMs);
    // A page asks the server nothing until it is first shown: the configuration (a 403 on the demo).
    QVERIFY(!view()->configPage()->isLoading());
    QVERIFY(view()->configPage()->errorText().isEmpty());
    QTest::keyClick(m_window.get(), Qt::Key_9, Qt::ControlModifier);
    QCOMPARE(tabs->currentWidget(), view()->configPage());
    QTRY_VERIFY_WITH_TIMEOUT(!view()->configPage()->errorText().isEmpty(), TimeoutMs);
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 0);
}

void TestDeploymentView::eachLevelShowsItsPage()
{
    const QModelIndex run = expandFirstDag();
    QCOMPARE(run.data(DagModel::NodeKindRole).value<NodeKind>(), NodeKind::Run);
    tree()->setCurrentIndex(run);
    QCOMPARE(view()->currentNodePage(), view()->runPage());

    const QModelIndex task = firstChild(run);
    QCOMPARE(task.data(DagModel::NodeKindRole).value<NodeKind>(), NodeKind::TaskInstance);
    tree()->setCurrentIndex(task);
    QCOMPARE(view()->currentNodePage(), view()->taskInstancePage());

    tree()->setCurrentIndex(treeModel()->index(1, 0));
    QVERIFY(view()->currentNodePage() != view()->runPage());
    QVERIFY(view()->currentNodePage() != view()->taskInstancePage());
}

void TestDeploymentView::actionsFollowTheSelection()
{
    const QModelIndex run = expandFirstDag();
    click(run);
    Windsock::Ui::RunActions *actions = view()->runActions();
    QCOMPARE(actions->selectedRuns().size(), 1);
    QCOMPARE(actions->selectedRuns().first().dagRunId, run.data(DagModel::DagRunIdRole).toString());
    QVERIFY(actions->selectedTaskInstances().isEmpty());
    QVERIFY(view()->watchAction()->isEnabled());

    const QList<QAction *> runMenu = view()->dagSidebar()->contextActions(run);
    QVERIFY(runMenu.contains(view()->watchAction()));
    QVERIFY(runMenu.contains(actions->runActions().first()));
    QVERIFY(!runMenu.contains(m_window->pauseAction()));

    const QModelIndex task = firstChild(run);
    click(task);
    QCOMPARE(actions->selectedTaskInstances().size(), 1);
    QVERIFY(actions->selectedRuns().isEmpty());
    QVERIFY(!view()->watchAction()->isEnabled());
    const QList<QAction *> taskMenu = view()->dagSidebar()->contextActions(task);
    QCOMPARE(taskMenu, actions->taskInstanceActions());
}

void TestDeploymentView::runsTabOpensARun()
{
    view()->tabs()->setCurrentWidget(view()->runsPage());
    QTRY_VERIFY_WITH_TIMEOUT(view()->runsPage()->model()->rowCount() > 0, TimeoutMs);
    const QModelIndex first = view()->runsPage()->proxy()->index(0, 0);
    const QString dagId = first.data(Windsock::Models::DagRunListModel::DagIdRole).toString();
    const QString runId = first.data(Windsock::Models::DagRunListModel::RunIdRole).toString();
    QVERIFY(!runId.isEmpty());
    // What a double-click on the row says.
    Q_EMIT view()->runsPage()->runActivated(dagId, runId);
    QCOMPARE(view()->tabs()->currentIndex(), 0);
    QCOMPARE(view()->currentNodePage(), view()->runPage());
    QTRY_COMPARE_WITH_TIMEOUT(view()->runPage()->run().dagRunId, runId, TimeoutMs);
    QCOMPARE(view()->runPage()->run().dagId, dagId);
}

void TestDeploymentView::triggerUpdatesTheTreeAndIsWatched()
{
    QSettings().setValue(QLatin1String(Windsock::Ui::TriggerDialog::WatchSettingKey), true);
    const QModelIndex dagIndex = treeModel()->index(0, 0);
    const QString dagId = dagIndex.data(DagModel::DagIdRole).toString();
    tree()->setCurrentIndex(dagIndex);
    Windsock::Ui::TriggerDialog *dialog = m_window->openTriggerDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), TimeoutMs);
    QVERIFY(dialog->watchCheck()->isChecked());
    QSignalSpy triggered(dialog, &Windsock::Ui::TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    const auto run = triggered.first().first().value<Api::DagRun>();

    // The tree shows the new run at once: the DAG's newest-run cell, and the run among its children.
    const QModelIndex dagRow = view()->dagSidebar()->proxyModel()->mapFromSource(
        m_window->dagModel()->indexOfDag(dagId, DagModel::State));
    QTRY_VERIFY_WITH_TIMEOUT(QStringList({QStringLiteral("queued"), QStringLiteral("running")})
                                 .contains(dagRow.data(DagModel::StateRole).toString()),
                             TimeoutMs);
    QVERIFY(view()->runWatcher()->isWatching(dagId, run.dagRunId));

    // The run ends (marked here, to be quick): the watcher tells, and without a system tray (offscreen) the
    // notice bar says how it ended.
    const auto marked = Windsock::Tests::awaitResult<Api::DagRun>([&](auto done) {
        m_window->session()->client()->markDagRun(dagId, run.dagRunId, QStringLiteral("success"), this, done);
    });
    QVERIFY(marked && marked->ok());
    view()->runWatcher()->pollNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->noticeBar()->text().contains(QStringLiteral("succeeded")), TimeoutMs);
    QVERIFY(m_window->noticeBar()->text().contains(dagId));
    QVERIFY(!view()->runWatcher()->isWatching(dagId, run.dagRunId));
}

QTEST_MAIN(TestDeploymentView)
#include "tst_deploymentview.moc"
