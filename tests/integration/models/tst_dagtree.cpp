// DagModel as a three-level tree (DAG -> runs -> task instances) against the real sandbox over loopback:
// each level loaded through fetchMore, refresh in place while the sandbox's manual clock moves runs on, a
// triggered run appears at the top and a deleted one goes, persistent indexes of untouched rows stay valid,
// no reset; refreshes that do not pile up; and the proxy sorting each level among its siblings and filtering
// DAGs with their children. A Fatal QAbstractItemModelTester watches every model for its whole life (it
// also walks the tree and asks for more at every level, as an expanding view would).

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestDagTree final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsEachLevelThroughFetchMore();
    void refreshUpdatesEveryLevelInPlace();
    void refreshesDoNotPileUp();
    void reloadDropsARefreshOnItsWay();
    void sortsEachLevelAmongItsSiblings();
    void filtersDagsWithTheirChildren();

private:
    void createModels();
    // Waits until every DAG, run and task instance is loaded (the tester asks; so does this, as a view).
    void loadEverything();
    void waitForRefresh();
    QList<Api::DagRun> serverRuns(const QString &dagId);
    QStringList modelRunIds(const QModelIndex &dag) const;

    // Small on purpose: the testers walk the whole tree after every signal.
    static constexpr int DagCount = 3;
    static constexpr int RunsPerDag = 27; // more than a page of runs (25)
    static constexpr int LoadTimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    DagModel *m_model = nullptr;
    DagSortFilterProxyModel *m_proxy = nullptr;
};

void TestDagTree::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = DagCount;
    options.runsPerDag = RunsPerDag;
    options.seed = 77;
    options.clock = Sandbox::ClockKind::Manual; // runs move only when the test says
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestDagTree::init()
{
    createModels();
}

void TestDagTree::cleanup()
{
    delete m_model; // the proxy and both testers are its children
    m_model = nullptr;
    m_proxy = nullptr;
}

void TestDagTree::createModels()
{
    delete m_model;
    m_model = new DagModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = new DagSortFilterProxyModel(m_model);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestDagTree::loadEverything()
{
    const auto pending = [this] {
        if (m_model->isLoading() || m_model->canFetchMore({})) {
            m_model->fetchMore({});
            return true;
        }
        bool busy = false;
        for (int d = 0; d < m_model->rowCount(); ++d) {
            const QModelIndex dag = m_model->index(d, 0);
            for (const QModelIndex &parent : [&] {
                     QModelIndexList parents{dag};
                     for (int r = 0; r < m_model->rowCount(dag); ++r)
                         parents.append(m_model->index(r, 0, dag));
                     return parents;
                 }()) {
                if (m_model->canFetchMore(parent)) {
                    m_model->fetchMore(parent);
                    busy = true;
                }
                busy = busy || m_model->isLoading(parent);
            }
        }
        return busy;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!pending(), LoadTimeoutMs);
}

void TestDagTree::waitForRefresh()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->isRefreshing(), LoadTimeoutMs);
}

QList<Api::DagRun> TestDagTree::serverRuns(const QString &dagId)
{
    Api::DagRunQuery query;
    query.dagId = dagId;
    query.orderBy = QStringLiteral("-execution_date");
    const auto answer =
        awaitResult<Api::Page<Api::DagRun>>([&](auto done) { m_client->dagRuns(query, this, done); });
    if (!answer || !answer->ok())
        return {};
    return answer->value().items;
}

QStringList TestDagTree::modelRunIds(const QModelIndex &dag) const
{
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(dag); ++row)
        ids.append(m_model->index(row, 0, dag).data(DagModel::DagRunIdRole).toString());
    return ids;
}

void TestDagTree::loadsEachLevelThroughFetchMore()
{
    // A fresh model, watched from its first signal.
    delete m_model;
    m_model = new DagModel(m_client.get());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = new DagSortFilterProxyModel(m_model);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);

    // Before loading, DAGs and runs have expanders and ask to be fetched.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() == DagCount, LoadTimeoutMs);
    for (int d = 0; d < DagCount; ++d) {
        const QModelIndex dag = m_model->index(d, 0);
        QVERIFY(m_model->hasChildren(dag));
        QVERIFY(m_model->canFetchMore(dag) || m_model->isLoading(dag) || m_model->rowCount(dag) > 0);
    }
    loadEverything();
    QCOMPARE(reset.count(), 0);

    for (int d = 0; d < DagCount; ++d) {
        const QModelIndex dag = m_model->index(d, 0);
        QCOMPARE(DagModel::nodeKind(dag), DagModel::NodeKind::Dag);
        const QString dagId = dag.data(DagModel::DagIdRole).toString();

        // Runs came a page of 25 at a time, newest first, in the server's order.
        QList<int> pageSizes;
        for (const QList<QVariant> &signal : std::as_const(inserted)) {
            if (signal.at(0).toModelIndex() == dag)
                pageSizes.append(signal.at(2).toInt() - signal.at(1).toInt() + 1);
        }
        QCOMPARE(pageSizes, (QList<int>{DagModel::RunPageSize, RunsPerDag - DagModel::RunPageSize}));
        const QList<Api::DagRun> runs = serverRuns(dagId);
        QCOMPARE(runs.size(), RunsPerDag);
        QStringList expected;
        for (const Api::DagRun &run : runs)
            expected.append(run.dagRunId);
        QCOMPARE(modelRunIds(dag), expected);
        QVERIFY(!m_model->canFetchMore(dag));
        // The first page tells the newest run's state.
        QCOMPARE(m_model->index(d, DagModel::State).data(DagModel::LastRunStateRole).toString(),
                 runs.constFirst().state);

        // A run's task instances: all of them, at once, each with its ids and roles.
        const QModelIndex run = m_model->index(0, 0, dag);
        QCOMPARE(DagModel::nodeKind(run), DagModel::NodeKind::Run);
        QCOMPARE(run.parent(), dag);
        QCOMPARE(run.data(DagModel::DagRunRole).value<Api::DagRun>().dagRunId, runs.constFirst().dagRunId);
        QCOMPARE(m_model->index(0, DagModel::State, dag).data().toString(), runs.constFirst().state);
        Api::TaskInstanceQuery query;
        query.dagId = dagId;
        query.dagRunId = runs.constFirst().dagRunId;
        const auto instances = awaitResult<Api::Page<Api::TaskInstance>>(
            [&](auto done) { m_client->taskInstances(query, this, done); });
        QVERIFY(instances && instances->ok());
        QCOMPARE(m_model->rowCount(run), instances->value().totalEntries);
        QVERIFY(m_model->rowCount(run) > 0);
        for (int t = 0; t < m_model->rowCount(run); ++t) {
            const QModelIndex instance = m_model->index(t, 0, run);
            QCOMPARE(DagModel::nodeKind(instance), DagModel::NodeKind::TaskInstance);
            QCOMPARE(instance.parent(), run);
            QVERIFY(!m_model->hasChildren(instance));
            QVERIFY(m_model->flags(instance).testFlag(Qt::ItemNeverHasChildren));
            const auto value = instance.data(DagModel::TaskInstanceRole).value<Api::TaskInstance>();
            QCOMPARE(instance.data(DagModel::TaskIdRole).toString(), value.taskId);
            QCOMPARE(instance.data(DagModel::DagRunIdRole).toString(), runs.constFirst().dagRunId);
            QCOMPARE(instance.data(DagModel::DagIdRole).toString(), dagId);
            QCOMPARE(m_model->index(t, DagModel::State, run).data(DagModel::StateRole).toString(),
                     value.state);
            QCOMPARE(m_model->index(t, DagModel::Schedule, run).data().toString(), value.operatorName);
        }
        // Below a DAG there is no Paused box.
        QVERIFY(!m_model->flags(m_model->index(0, DagModel::Paused, dag)).testFlag(Qt::ItemIsUserCheckable));
        QVERIFY(!m_model->index(0, DagModel::Paused, dag).data(Qt::CheckStateRole).isValid());
    }
}

void TestDagTree::refreshUpdatesEveryLevelInPlace()
{
    loadEverything();
    const QString triggeredDag = m_model->index(0, 0).data(DagModel::DagIdRole).toString();
    const QString deletedFromDag = m_model->index(1, 0).data(DagModel::DagIdRole).toString();
    const QModelIndex untouchedDag = m_model->index(2, 0);
    const QModelIndex oldRun = m_model->index(10, 0, untouchedDag);
    const QString oldRunId = oldRun.data(DagModel::DagRunIdRole).toString();
    const QPersistentModelIndex keptDag(untouchedDag);
    const QPersistentModelIndex keptRun(oldRun);
    const QPersistentModelIndex keptInstance(m_model->index(0, 0, oldRun));
    const QString keptTaskId = keptInstance.data(DagModel::TaskIdRole).toString();
    // The newest run of the triggered DAG moves one row down, and stays valid.
    const QPersistentModelIndex pushedDown(m_model->index(0, 0, m_model->index(0, 0)));
    const QString pushedDownId = pushedDown.data(DagModel::DagRunIdRole).toString();
    const QPersistentModelIndex deleted(m_model->index(3, 0, m_model->index(1, 0)));
    const QString deletedRunId = deleted.data(DagModel::DagRunIdRole).toString();
    QVERIFY(deleted.isValid());

    // On the server: a new run and a deleted run.
    Api::TriggerRequest trigger;
    trigger.dagId = triggeredDag;
    trigger.dagRunId = QStringLiteral("manual__windsock_tree_test");
    const auto triggered =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY(triggered && triggered->ok());
    const auto removed = awaitResult<Api::Nothing>(
        [&](auto done) { m_client->deleteDagRun(deletedFromDag, deletedRunId, this, done); });
    QVERIFY(removed && removed->ok());

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removedRows(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshing(m_model, &DagModel::refreshingChanged);
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    waitForRefresh();
    loadEverything(); // the new run's task instances, as the tester or a view asks for them
    QCOMPARE(refreshing.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);

    // The triggered run is at the top, inserted there; the deleted run is gone, removed.
    const QModelIndex firstDag = m_model->indexOfDag(triggeredDag);
    QCOMPARE(m_model->index(0, 0, firstDag).data(DagModel::DagRunIdRole).toString(), trigger.dagRunId);
    bool insertedAtTop = false;
    for (const QList<QVariant> &signal : std::as_const(inserted))
        insertedAtTop |= signal.at(0).toModelIndex() == firstDag && signal.at(1).toInt() == 0;
    QVERIFY(insertedAtTop);
    QVERIFY(!m_model->indexOfRun(deletedFromDag, deletedRunId).isValid());
    QVERIFY(!deleted.isValid());
    QCOMPARE(removedRows.count(), 1);

    // Untouched rows kept their indexes.
    QVERIFY(keptDag.isValid());
    QVERIFY(keptRun.isValid());
    QVERIFY(keptInstance.isValid());
    QCOMPARE(keptRun.data(DagModel::DagRunIdRole).toString(), oldRunId);
    QCOMPARE(keptInstance.data(DagModel::TaskIdRole).toString(), keptTaskId);
    QCOMPARE(keptInstance.parent(), QModelIndex(keptRun));
    QVERIFY(pushedDown.isValid());
    QCOMPARE(pushedDown.row(), 1);
    QCOMPARE(pushedDown.data(DagModel::DagRunIdRole).toString(), pushedDownId);

    // The clock moves on: the triggered run leaves the queue, in place, and a view asks for nothing new.
    QCOMPARE(triggered->value().state, QStringLiteral("queued"));
    QCOMPARE(m_model->index(firstDag.row(), DagModel::LastRunState).data().toString(),
             QStringLiteral("queued"));
    const QPersistentModelIndex triggeredRow(m_model->index(0, 0, firstDag));
    m_sandbox->advanceClock(6LL * 3600 * 1000);
    changed.clear();
    inserted.clear();
    removedRows.clear();
    m_model->refresh();
    waitForRefresh();
    loadEverything(); // new scheduled runs may have come with the clock: their task instances
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(removedRows.count(), 0);
    QVERIFY(triggeredRow.isValid());
    QCOMPARE(triggeredRow.data(DagModel::DagRunIdRole).toString(), trigger.dagRunId);
    QVERIFY(triggeredRow.sibling(triggeredRow.row(), DagModel::State).data().toString() !=
            QLatin1String("queued"));
    bool triggeredChanged = false;
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        const QModelIndex topLeft = signal.at(0).toModelIndex();
        triggeredChanged |= topLeft.parent() == firstDag && topLeft.row() == triggeredRow.row();
    }
    QVERIFY(triggeredChanged);
    QVERIFY(keptRun.isValid());
    QCOMPARE(keptRun.data(DagModel::DagRunIdRole).toString(), oldRunId);

    // Every level says what the server says now, in its order.
    for (int d = 0; d < DagCount; ++d) {
        const QModelIndex dag = m_model->index(d, 0);
        const QList<Api::DagRun> runs = serverRuns(dag.data(DagModel::DagIdRole).toString());
        QStringList expected;
        for (const Api::DagRun &run : runs)
            expected.append(run.dagRunId);
        QCOMPARE(modelRunIds(dag), expected);
        for (int r = 0; r < runs.size(); ++r)
            QCOMPARE(m_model->index(r, DagModel::State, dag).data().toString(), runs.at(r).state);
        QCOMPARE(m_model->index(d, DagModel::LastRunState).data().toString(), runs.constFirst().state);
        for (int r = 0; r < runs.size(); ++r) {
            const QModelIndex run = m_model->index(r, 0, dag);
            Api::TaskInstanceQuery query;
            query.dagId = runs.at(r).dagId;
            query.dagRunId = runs.at(r).dagRunId;
            const auto instances = awaitResult<Api::Page<Api::TaskInstance>>(
                [&](auto done) { m_client->taskInstances(query, this, done); });
            QVERIFY(instances && instances->ok());
            QCOMPARE(m_model->rowCount(run), int(instances->value().items.size()));
            for (int t = 0; t < instances->value().items.size(); ++t) {
                QCOMPARE(m_model->index(t, 0, run).data(DagModel::TaskIdRole).toString(),
                         instances->value().items.at(t).taskId);
                QCOMPARE(m_model->index(t, DagModel::State, run).data(DagModel::StateRole).toString(),
                         instances->value().items.at(t).state);
            }
        }
    }
}

void TestDagTree::refreshesDoNotPileUp()
{
    loadEverything();
    QSignalSpy refreshing(m_model, &DagModel::refreshingChanged);
    const quint64 before = m_sandbox->requestCount();
    m_model->refresh();
    waitForRefresh();
    const quint64 one = m_sandbox->requestCount() - before;
    QVERIFY(one > 0);

    // Five more while the first runs: one after it, not five.
    const quint64 start = m_sandbox->requestCount();
    m_model->refresh();
    for (int i = 0; i < 5; ++i)
        m_model->refresh();
    waitForRefresh();
    const quint64 many = m_sandbox->requestCount() - start;
    QVERIFY2(many <= 2 * one,
             qPrintable(QStringLiteral("%1 requests, one refresh takes %2").arg(many).arg(one)));
    QVERIFY(refreshing.count() >= 4); // true/false for the first, then the queued one
}

void TestDagTree::reloadDropsARefreshOnItsWay()
{
    loadEverything();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    m_model->reload(); // the refresh's answers belong to rows that are gone: dropped
    QVERIFY(!m_model->isRefreshing());
    QCOMPARE(reset.count(), 1);
    loadEverything();
    QCOMPARE(m_model->rowCount(), DagCount);
    QSet<QString> ids;
    for (int d = 0; d < DagCount; ++d) {
        const QModelIndex dag = m_model->index(d, 0);
        ids.insert(dag.data(DagModel::DagIdRole).toString());
        const QStringList runIds = modelRunIds(dag);
        QCOMPARE(QSet<QString>(runIds.begin(), runIds.end()).size(), runIds.size()); // no run twice
    }
    QCOMPARE(ids.size(), DagCount);
    QCOMPARE(reset.count(), 1);
}

void TestDagTree::sortsEachLevelAmongItsSiblings()
{
    loadEverything();
    // By the run's name, runs stay newest first; DAGs are by id.
    m_proxy->sort(DagModel::DagId, Qt::AscendingOrder);
    for (int d = 0; d + 1 < m_proxy->rowCount(); ++d) {
        QVERIFY(QString::compare(m_proxy->index(d, 0).data().toString(),
                                 m_proxy->index(d + 1, 0).data().toString(), Qt::CaseInsensitive) < 0);
    }
    const QModelIndex firstDag = m_proxy->index(0, 0);
    QCOMPARE(m_proxy->rowCount(firstDag), m_model->rowCount(m_proxy->mapToSource(firstDag)));
    for (int r = 0; r + 1 < m_proxy->rowCount(firstDag); ++r) {
        const QDateTime a =
            m_proxy->index(r, DagModel::Start, firstDag).data(DagModel::SortRole).toDateTime();
        const QDateTime b =
            m_proxy->index(r + 1, DagModel::Start, firstDag).data(DagModel::SortRole).toDateTime();
        QVERIFY(a >= b);
    }

    // By state: every level among its own siblings, children stay under their parent.
    m_proxy->sort(DagModel::State, Qt::AscendingOrder);
    const auto checkSorted = [&](const QModelIndex &parent) {
        for (int r = 0; r + 1 < m_proxy->rowCount(parent); ++r) {
            const QString a = m_proxy->index(r, DagModel::State, parent).data(DagModel::SortRole).toString();
            const QString b =
                m_proxy->index(r + 1, DagModel::State, parent).data(DagModel::SortRole).toString();
            if (!a.isEmpty() && !b.isEmpty())
                QVERIFY2(QString::compare(a, b, Qt::CaseInsensitive) <= 0,
                         qPrintable(a + QLatin1Char('>') + b));
            else
                QVERIFY(!a.isEmpty() || b.isEmpty()); // no state last
        }
    };
    checkSorted({});
    for (int d = 0; d < m_proxy->rowCount(); ++d) {
        const QModelIndex dag = m_proxy->index(d, 0);
        checkSorted(dag);
        QCOMPARE(m_proxy->rowCount(dag), m_model->rowCount(m_proxy->mapToSource(dag)));
        for (int r = 0; r < m_proxy->rowCount(dag); ++r) {
            const QModelIndex run = m_proxy->index(r, 0, dag);
            QCOMPARE(run.data(DagModel::DagIdRole), dag.data(DagModel::DagIdRole));
            checkSorted(run);
        }
    }
}

void TestDagTree::filtersDagsWithTheirChildren()
{
    loadEverything();
    // A state the newest run of some DAGs has and others do not.
    const QString state = m_model->index(0, DagModel::State).data(DagModel::StateRole).toString();
    QVERIFY(!state.isEmpty());
    int expected = 0;
    for (int d = 0; d < DagCount; ++d)
        expected += int(m_model->index(d, DagModel::State).data(DagModel::StateRole).toString() == state);
    m_proxy->setStateFilter(state);
    QCOMPARE(m_proxy->rowCount(), expected);
    for (int d = 0; d < m_proxy->rowCount(); ++d) {
        const QModelIndex dag = m_proxy->index(d, 0);
        QCOMPARE(m_proxy->index(d, DagModel::State).data(DagModel::StateRole).toString(), state);
        // Its runs, whatever their states.
        QCOMPARE(m_proxy->rowCount(dag), m_model->rowCount(m_proxy->mapToSource(dag)));
        QVERIFY(m_proxy->rowCount(dag) >= RunsPerDag);
    }

    m_proxy->setStateFilter(QString());
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::ActiveOnly);
    for (int d = 0; d < m_proxy->rowCount(); ++d)
        QCOMPARE(m_proxy->index(d, DagModel::Paused).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    const QStringList tags = m_model->knownTags();
    QVERIFY(!tags.isEmpty());
    QVERIFY(!m_model->knownOwners().isEmpty());
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::All);
    m_proxy->setTagFilter({tags.constFirst()});
    QVERIFY(m_proxy->rowCount() > 0);
    for (int d = 0; d < m_proxy->rowCount(); ++d)
        QVERIFY(m_proxy->index(d, 0).data(DagModel::TagsRole).toStringList().contains(tags.constFirst()));
}

QTEST_GUILESS_MAIN(TestDagTree)
#include "tst_dagtree.moc"
