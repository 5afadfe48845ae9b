// DagSidebar offscreen, with a real QTreeView over a DagModel on the in-process sandbox: expanding a DAG
// loads its runs and expanding a run its task instances (the view asks, through fetchMore), Refresh (F5)
// keeps the expansion, the current row and the selection while a triggered run appears at the top, the
// selection helpers for bulk actions, the filter bar and the auto-refresh choice.

#include "dags/dagsidebar.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::DagSidebar;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestDagSidebar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void expandsLevelsAndKeepsThemOnRefresh();
    void filterBarAndAutoRefresh();
    void asksLastRunsOnlyForRowsOnScreen();

private:
    QTreeView *tree() const { return m_sidebar->dagTree(); }
    QAbstractItemModel *viewModel() const { return tree()->model(); }
    // The proxy row of a child with this id (DagRunIdRole or TaskIdRole) under parent.
    QModelIndex childWithId(const QModelIndex &parent, int role, const QString &id) const;

    static constexpr int LoadTimeoutMs = 30000;
    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    DagModel *m_model = nullptr;
    DagSidebar *m_sidebar = nullptr;
};

void TestDagSidebar::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = 4;
    options.runsPerDag = 27;
    options.seed = 5;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestDagSidebar::init()
{
    // No model tester here: it would load every level itself; this test is about what the view asks for.
    // The models' testers are in tst_dagmodel and tst_dagtree.
    m_model = new DagModel(m_client.get());
    m_sidebar = new DagSidebar(m_model);
    m_model->setParent(m_sidebar);
    m_sidebar->resize(900, 700);
    m_sidebar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_sidebar));
    m_model->fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(viewModel()->rowCount(), 4, LoadTimeoutMs);
}

void TestDagSidebar::cleanup()
{
    delete m_sidebar; // the model is its child
    m_sidebar = nullptr;
    m_model = nullptr;
}

QModelIndex TestDagSidebar::childWithId(const QModelIndex &parent, int role, const QString &id) const
{
    for (int row = 0; row < viewModel()->rowCount(parent); ++row) {
        const QModelIndex child = viewModel()->index(row, 0, parent);
        if (child.data(role).toString() == id)
            return child;
    }
    return {};
}

void TestDagSidebar::expandsLevelsAndKeepsThemOnRefresh()
{
    const QModelIndex dag = viewModel()->index(0, 0);
    const QString dagId = dag.data(DagModel::DagIdRole).toString();
    QVERIFY(tree()->rootIsDecorated());
    QVERIFY(viewModel()->hasChildren(dag)); // an expander before anything is loaded
    QCOMPARE(viewModel()->rowCount(dag), 0);

    // Expanding a DAG loads a page of its runs (the view may ask for the next one when it reaches the end);
    // expanding a run, its task instances.
    tree()->expand(dag);
    QTRY_VERIFY_WITH_TIMEOUT(viewModel()->rowCount(dag) >= DagModel::RunPageSize, LoadTimeoutMs);
    const QModelIndex run = viewModel()->index(1, 0, dag);
    const QString runId = run.data(DagModel::DagRunIdRole).toString();
    QCOMPARE(viewModel()->rowCount(viewModel()->index(1, 0)), 0); // other DAGs: not asked for
    tree()->expand(run);
    QTRY_VERIFY_WITH_TIMEOUT(viewModel()->rowCount(run) > 0, LoadTimeoutMs);
    const QModelIndex instance = viewModel()->index(0, 0, run);
    const QString taskId = instance.data(DagModel::TaskIdRole).toString();
    QVERIFY(!taskId.isEmpty());

    // The current row is a task instance; the selection holds it and another run.
    QSignalSpy nodes(m_sidebar, &DagSidebar::currentNodeChanged);
    tree()->setCurrentIndex(instance);
    QCOMPARE(nodes.count(), 1);
    QCOMPARE(nodes.at(0).at(0).value<DagModel::NodeKind>(), DagModel::NodeKind::TaskInstance);
    QCOMPARE(nodes.at(0).at(1).toString(), dagId);
    QCOMPARE(nodes.at(0).at(2).toString(), runId);
    QCOMPARE(nodes.at(0).at(3).toString(), taskId);
    const QString otherRunId = viewModel()->index(2, 0, dag).data(DagModel::DagRunIdRole).toString();
    tree()->selectionModel()->select(viewModel()->index(2, 0, dag),
                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(tree()->selectionMode(), QAbstractItemView::ExtendedSelection);
    QCOMPARE(m_sidebar->currentDagId(), dagId);
    QCOMPARE(m_sidebar->currentNodeKind(), DagModel::NodeKind::TaskInstance);
    QVERIFY(m_sidebar->currentDagRun().has_value());
    QCOMPARE(m_sidebar->currentDagRun()->dagRunId, runId);
    QVERIFY(m_sidebar->currentTaskInstance().has_value());
    QCOMPARE(m_sidebar->currentTaskInstance()->taskId, taskId);
    QCOMPARE(m_sidebar->selectedRuns().size(), 1);
    QCOMPARE(m_sidebar->selectedRuns().constFirst().dagRunId, otherRunId);
    QCOMPARE(m_sidebar->selectedTaskInstances().size(), 1);
    QCOMPARE(m_sidebar->selectedTaskInstances().constFirst().taskId, taskId);
    QVERIFY(m_sidebar->selectedDagIds().isEmpty());

    // On the server: a new run, and time for the running ones to end. Then F5.
    Api::TriggerRequest trigger;
    trigger.dagId = dagId;
    trigger.dagRunId = QStringLiteral("manual__sidebar_test");
    const auto triggered =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY(triggered && triggered->ok());
    m_sandbox->advanceClock(3LL * 3600 * 1000);
    QSignalSpy reset(viewModel(), &QAbstractItemModel::modelReset);
    QSignalSpy refreshing(m_model, &DagModel::refreshingChanged);
    QCOMPARE(m_sidebar->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
    QApplication::setActiveWindow(m_sidebar);
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_F5);
    QCOMPARE(refreshing.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->isRefreshing(), LoadTimeoutMs);
    QCOMPARE(reset.count(), 0);

    // The new run is at the top; what was expanded, current and selected still is.
    const QModelIndex dagAfter = viewModel()->index(0, 0);
    QCOMPARE(dagAfter.data(DagModel::DagIdRole).toString(), dagId);
    QCOMPARE(viewModel()->index(0, 0, dagAfter).data(DagModel::DagRunIdRole).toString(), trigger.dagRunId);
    QVERIFY(tree()->isExpanded(dagAfter));
    const QModelIndex runAfter = childWithId(dagAfter, DagModel::DagRunIdRole, runId);
    QVERIFY(runAfter.isValid());
    QCOMPARE(runAfter.row(), 2); // pushed down by the new run, not rebuilt
    QVERIFY(tree()->isExpanded(runAfter));
    QCOMPARE(tree()->currentIndex().data(DagModel::TaskIdRole).toString(), taskId);
    QCOMPARE(tree()->currentIndex().parent(), runAfter);
    QCOMPARE(m_sidebar->selectedRuns().size(), 1);
    QCOMPARE(m_sidebar->selectedRuns().constFirst().dagRunId, otherRunId);
    QCOMPARE(m_sidebar->selectedTaskInstances().size(), 1);
    // The DAG's newest-run cell follows the triggered run.
    QTRY_COMPARE(viewModel()->index(0, DagModel::State).data().toString(),
                 viewModel()->index(0, DagModel::State, dagAfter).data().toString());
}

void TestDagSidebar::filterBarAndAutoRefresh()
{
    DagSortFilterProxyModel *proxy = m_sidebar->proxyModel();
    QToolButton *filters = m_sidebar->filterButton();
    QCOMPARE(filters->text(), QStringLiteral("Filters"));
    proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::ActiveOnly);
    proxy->setStateFilter(QStringLiteral("success"));
    QCOMPARE(filters->text(), QStringLiteral("Filters (2)"));
    for (int row = 0; row < viewModel()->rowCount(); ++row)
        QCOMPARE(viewModel()->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Unchecked));

    // The menu offers the tags and owners of the loaded DAGs; Clear filters clears them.
    QMenu *menu = filters->menu();
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow(); // the menu is built as it opens
    const QList<QAction *> actions = menu->actions();
    QAction *clear = nullptr;
    QStringList texts;
    for (QAction *action : actions) {
        texts.append(action->text());
        if (action->text() == QLatin1String("Clear filters"))
            clear = action;
    }
    QVERIFY2(texts.contains(QLatin1String("Tags")) && texts.contains(QLatin1String("Owner")),
             qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    QCOMPARE(filters->text(), QStringLiteral("Filters"));
    QCOMPARE(viewModel()->rowCount(), 4);

    // Auto-refresh: off by default; the box drives the model's timer.
    QComboBox *box = m_sidebar->autoRefreshBox();
    QCOMPARE(box->count(), DagSidebar::autoRefreshChoices().size());
    QCOMPARE(m_model->autoRefreshInterval(), 0);
    box->setCurrentIndex(box->findData(30000));
    QCOMPARE(m_model->autoRefreshInterval(), 30000);
    m_sidebar->setAutoRefreshInterval(0);
    QCOMPARE(box->currentData().toInt(), 0);
    QCOMPARE(m_model->autoRefreshInterval(), 0);
}

void TestDagSidebar::asksLastRunsOnlyForRowsOnScreen()
{
    // Many DAGs, a window that shows a few dozen: the newest-run states asked for are those painted.
    Sandbox::SandboxOptions options;
    options.dagCount = 600;
    options.runsPerDag = 1;
    options.clock = Sandbox::ClockKind::Manual;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    const std::unique_ptr<Api::AirflowClient> client =
        Windsock::Tests::sandboxClient(&m_network, sandbox.baseUrl());
    auto *model = new DagModel(client.get());
    DagSidebar sidebar(model);
    model->setParent(&sidebar);
    sidebar.resize(900, 500);
    sidebar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
    QTreeView *view = sidebar.dagTree();
    model->fetchMore({});
    while (model->canFetchMore({}) || model->isLoading()) {
        model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), LoadTimeoutMs);
    }
    QCOMPARE(model->rowCount(), options.dagCount);

    const int onScreen = view->viewport()->height() / view->sizeHintForRow(0) + 1;
    QVERIFY(onScreen < 60);
    QTRY_VERIFY(model->lastRunRequestCount() > 0);
    QTRY_VERIFY(view->indexAt(QPoint(5, 5)).siblingAtColumn(DagModel::State).data().toString().size() > 0);
    QTest::qWait(100); // nothing more comes
    const int first = model->lastRunRequestCount();
    QVERIFY2(first <= onScreen,
             qPrintable(QStringLiteral("%1 requests, %2 rows shown").arg(first).arg(onScreen)));

    // Scrolling to the end asks for the rows shown there, not for the ones scrolled past.
    view->scrollToBottom();
    QTRY_VERIFY(model->lastRunRequestCount() > first);
    QTest::qWait(100);
    const int second = model->lastRunRequestCount() - first;
    QVERIFY2(second <= onScreen,
             qPrintable(QStringLiteral("%1 more, %2 rows shown").arg(second).arg(onScreen)));
    qInfo("%d DAGs, %d rows on screen: %d newest-run requests, %d more after scrolling to the end",
          options.dagCount, onScreen, first, second);
    // The sidebar (and the model, its child) go before the client: declared after it.
}

QTEST_MAIN(TestDagSidebar)
#include "tst_dagsidebar.moc"
