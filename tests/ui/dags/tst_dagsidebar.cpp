// DagSidebar offscreen, with a real QTreeView over a DagModel on the in-process sandbox: expanding a DAG
// loads its runs and expanding a run its task instances (the view asks, through fetchMore), Refresh (F5)
// keeps the expansion, the current row and the selection while a triggered run appears at the top, the
// selection helpers for bulk actions, the filter bar and the auto-refresh choice. On Airflow 1.10's
// experimental API (no DAG list): the reason shown, DAG ids added by hand (Enter, Add), refused when empty or
// repeated, an unknown id kept with its reason, Remove from list (Delete), the list kept per profile, and
// the completer suggesting the DAGs that have runs.

#include "api/dialect.h"
#include "api/dialectexperimental.h"
#include "auth/authenticator.h"
#include "dags/adddagbar.h"
#include "dags/dagsidebar.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::AddDagBar;
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
    void listingApiShowsNoAddBar();
    void experimentalAddsAndRefuses();
    void experimentalRemovesAndPersistsPerProfile();
    void experimentalKeepsAnUnknownDag();
    void experimentalCompleterSuggestsDagsWithRuns();

private:
    // A sidebar over a DagModel on the experimental sandbox, shown; the caller deletes it.
    DagSidebar *experimentalSidebar(const QString &profileId);
    QString experimentalDagId(int i) const
    {
        return m_experimental->state().dag(m_experimental->state().dagIdOrder().at(i)).dagId;
    }
    static void removeSaved(const QString &profileId)
    {
        QSettings().remove(AddDagBar::settingsKey(profileId));
    }

    QTreeView *tree() const { return m_sidebar->dagTree(); }
    QAbstractItemModel *viewModel() const { return tree()->model(); }
    // The proxy row of a child with this id (DagRunIdRole or TaskIdRole) under parent.
    QModelIndex childWithId(const QModelIndex &parent, int role, const QString &id) const;

    static constexpr int LoadTimeoutMs = 30000;
    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<Sandbox::SandboxServer> m_experimental;
    std::unique_ptr<Api::AirflowClient> m_experimentalClient;
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

    options.api = Sandbox::ApiVersion::Experimental;
    options.dagCount = 6;
    options.runsPerDag = 0; // no history: the DAGs that have runs are those the test triggers
    m_experimental = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_experimental->listen(), qPrintable(m_experimental->errorString()));
    m_experimentalClient = std::make_unique<Api::AirflowClient>(
        &m_network, m_experimental->baseUrl(), std::make_unique<Api::DialectExperimental>(),
        std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("admin"),
                                                             QStringLiteral("admin")));
}

DagSidebar *TestDagSidebar::experimentalSidebar(const QString &profileId)
{
    auto *model = new DagModel(m_experimentalClient.get());
    auto *sidebar = new DagSidebar(model);
    model->setParent(sidebar);
    sidebar->setProfileId(profileId);
    sidebar->resize(900, 700);
    sidebar->show();
    return sidebar;
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

void TestDagSidebar::listingApiShowsNoAddBar()
{
    QVERIFY(m_model->listsDags());
    QVERIFY(!m_sidebar->addDagBar());
    QVERIFY(!m_sidebar->removeDagAction());
    QVERIFY(!m_sidebar->findChild<QLineEdit *>(QStringLiteral("addDagEdit")));
    QVERIFY(!m_sidebar->findChild<QLabel *>(QStringLiteral("dagListUnavailable")));
}

void TestDagSidebar::experimentalAddsAndRefuses()
{
    const QString profile = QStringLiteral("adds-and-refuses");
    removeSaved(profile);
    std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(profile));
    QVERIFY(QTest::qWaitForWindowExposed(sidebar.get()));
    AddDagBar *bar = sidebar->addDagBar();
    QVERIFY(bar);
    QVERIFY(bar->reasonLabel()->isVisible());
    QCOMPARE(bar->reasonLabel()->text(),
             m_experimentalClient->dialect().unavailableReason(Api::Feature::ListDags));
    QCOMPARE(sidebar->dagTree()->model()->rowCount(), 0);
    QVERIFY(sidebar->findChild<QLabel *>(QStringLiteral("dagCount"))->text().contains(QStringLiteral("add")));

    // Enter adds, and selects the new row.
    const QString first = experimentalDagId(0);
    QTest::keyClicks(bar->dagIdEdit(), first);
    QTest::keyClick(bar->dagIdEdit(), Qt::Key_Return);
    QCOMPARE(sidebar->dagTree()->model()->rowCount(), 1);
    QVERIFY(bar->dagIdEdit()->text().isEmpty());
    QVERIFY(!bar->messageLabel()->isVisible());
    QCOMPARE(sidebar->currentDagId(), first);
    // The Add button, with blanks around the id.
    const QString second = experimentalDagId(1);
    bar->dagIdEdit()->setText(QStringLiteral("  ") + second + QStringLiteral(" "));
    QTest::mouseClick(bar->addButton(), Qt::LeftButton);
    QCOMPARE(sidebar->dagTree()->model()->rowCount(), 2);
    QCOMPARE(QSettings().value(AddDagBar::settingsKey(profile)).toStringList(), (QStringList{first, second}));

    // A repeat is refused, and what was typed stays.
    bar->dagIdEdit()->setText(first);
    QTest::keyClick(bar->dagIdEdit(), Qt::Key_Return);
    QCOMPARE(sidebar->dagTree()->model()->rowCount(), 2);
    QCOMPARE(bar->dagIdEdit()->text(), first);
    QVERIFY(bar->messageLabel()->isVisible());
    QCOMPARE(bar->messageLabel()->text(), QStringLiteral("%1 is already in the list.").arg(first));
    // Typing again clears the refusal; an empty id is refused too.
    bar->dagIdEdit()->clear();
    QTest::keyClicks(bar->dagIdEdit(), QStringLiteral("  "));
    QVERIFY(!bar->messageLabel()->isVisible());
    QTest::mouseClick(bar->addButton(), Qt::LeftButton);
    QCOMPARE(bar->messageLabel()->text(), QStringLiteral("Type the id of a DAG to add it."));
    QCOMPARE(sidebar->dagTree()->model()->rowCount(), 2);
    removeSaved(profile);
}

void TestDagSidebar::experimentalRemovesAndPersistsPerProfile()
{
    const QString profile = QStringLiteral("a/profile with/slashes");
    const QString other = QStringLiteral("another-profile");
    removeSaved(profile);
    removeSaved(other);
    const QStringList ids{experimentalDagId(2), experimentalDagId(3), experimentalDagId(4)};
    {
        std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(profile));
        QVERIFY(QTest::qWaitForWindowExposed(sidebar.get()));
        for (const QString &id : ids)
            QVERIFY(sidebar->addDagBar()->addDagId(id));
        QTreeView *view = sidebar->dagTree();
        QCOMPARE(view->model()->rowCount(), 3);

        // The context menu of a DAG row offers Remove from list; Delete on the tree does it.
        QModelIndex middle;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            if (view->model()->index(row, 0).data(DagModel::DagIdRole).toString() == ids.at(1))
                middle = view->model()->index(row, 0);
        }
        QVERIFY(middle.isValid());
        QVERIFY(sidebar->contextActions(middle).contains(sidebar->removeDagAction()));
        view->setFocus();
        view->setCurrentIndex(middle);
        view->selectionModel()->select(middle,
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(sidebar->removeDagAction()->isEnabled());
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(sidebar->addDagBar()->dagIdEdit()->text(), QString());
        QCOMPARE(QSettings().value(AddDagBar::settingsKey(profile)).toStringList(),
                 (QStringList{ids.at(0), ids.at(2)}));
    }
    // Opened again: the list comes back, for this profile only.
    {
        std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(profile));
        QCOMPARE(sidebar->dagTree()->model()->rowCount(), 2);
        QCOMPARE(qobject_cast<DagModel *>(sidebar->proxyModel()->sourceModel())->dagIds(),
                 (QStringList{ids.at(0), ids.at(2)}));
        std::unique_ptr<DagSidebar> another(experimentalSidebar(other));
        QCOMPARE(another->dagTree()->model()->rowCount(), 0);
    }
    // No profile (the demo): nothing is saved.
    {
        std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(QString()));
        QVERIFY(sidebar->addDagBar()->addDagId(ids.at(1)));
        QVERIFY(!QSettings().contains(AddDagBar::settingsKey(QString())));
    }
    removeSaved(profile);
}

void TestDagSidebar::experimentalKeepsAnUnknownDag()
{
    std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(QString()));
    QVERIFY(sidebar->addDagBar()->addDagId(QStringLiteral("not_a_dag")));
    QVERIFY(sidebar->addDagBar()->addDagId(experimentalDagId(0)));
    QAbstractItemModel *model = sidebar->dagTree()->model();
    QCOMPARE(model->rowCount(), 2);
    QModelIndex unknown;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < model->rowCount(); ++row) {
                const QModelIndex index = model->index(row, 0);
                if (!index.data(DagModel::ErrorRole).toString().isEmpty())
                    unknown = index;
            }
            return unknown.isValid();
        }(),
        LoadTimeoutMs);
    QCOMPARE(unknown.data(DagModel::DagIdRole).toString(), QStringLiteral("not_a_dag"));
    QVERIFY2(unknown.data(Qt::ToolTipRole).toString().contains(QStringLiteral("no DAG")),
             qPrintable(unknown.data(Qt::ToolTipRole).toString()));
    QVERIFY(!model->hasChildren(unknown)); // no expander
    QCOMPARE(model->rowCount(), 2);        // still listed, so it can be removed or corrected
}

void TestDagSidebar::experimentalCompleterSuggestsDagsWithRuns()
{
    // Two DAGs get runs: those, and only those, are suggested.
    const QStringList withRuns{experimentalDagId(5), experimentalDagId(1)};
    for (const QString &dagId : withRuns) {
        Api::TriggerRequest trigger;
        trigger.dagId = dagId;
        trigger.dagRunId = QStringLiteral("for_suggestions");
        const auto run = awaitResult<Api::DagRun>(
            [&](auto done) { m_experimentalClient->triggerDagRun(trigger, this, done); });
        QVERIFY(run && run->ok());
    }
    std::unique_ptr<DagSidebar> sidebar(experimentalSidebar(QString()));
    QVERIFY(QTest::qWaitForWindowExposed(sidebar.get()));
    AddDagBar *bar = sidebar->addDagBar();
    QStringList expected = withRuns;
    std::sort(expected.begin(), expected.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QTRY_COMPARE_WITH_TIMEOUT(bar->suggestions(), expected, LoadTimeoutMs);

    // Typing part of an id (any case) offers it.
    const QString part = withRuns.first().mid(1, 4).toUpper();
    bar->dagIdEdit()->setFocus();
    QTest::keyClicks(bar->dagIdEdit(), part);
    QCompleter *completer = bar->completer();
    QCOMPARE(completer->completionPrefix(), part);
    QStringList offered;
    for (int row = 0; row < completer->completionModel()->rowCount(); ++row)
        offered.append(completer->completionModel()->index(row, 0).data().toString());
    QVERIFY2(offered.contains(withRuns.first()), qPrintable(offered.join(u',')));
    for (const QString &id : std::as_const(offered))
        QVERIFY(id.contains(part, Qt::CaseInsensitive));
}

QTEST_MAIN(TestDagSidebar)
#include "tst_dagsidebar.moc"
