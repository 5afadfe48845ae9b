// PoolModel against the real sandbox over loopback: pools at the top with their slot counters and usage,
// each pool's running and queued task instances loaded through fetchMore() on the pool, refresh in place
// while the manual clock moves the runs on (no reset, persistent indexes of pools kept), and plain-words
// errors. A Fatal QAbstractItemModelTester watches the model for its whole life.

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/poolmodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::PoolModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestPoolModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsThePoolsWithTheirCounters();
    void expandsAPoolToItsTaskInstances();
    void refreshesInPlace();
    void reportsAnUnreachableServer();

private:
    void createModel(Api::AirflowClient *client);
    QList<Api::Pool> serverPools();
    QList<Api::TaskInstance> serverTaskInstances(const QString &pool);
    void loadChildren(const QModelIndex &pool);
    // The pool's children in the model equal the server's running and queued task instances of that pool.
    void compareChildren(const QString &pool);

    static constexpr int LoadTimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    PoolModel *m_model = nullptr;
};

void TestPoolModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = 40;
    options.runsPerDag = 5;
    options.seed = 99;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestPoolModel::init()
{
    createModel(m_client.get());
}

void TestPoolModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestPoolModel::createModel(Api::AirflowClient *client)
{
    delete m_model;
    m_model = new PoolModel(client);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

QList<Api::Pool> TestPoolModel::serverPools()
{
    const auto page =
        awaitResult<Api::Page<Api::Pool>>([&](auto done) { m_client->pools(100, 0, this, done); });
    return page && page->ok() ? page->value().items : QList<Api::Pool>();
}

QList<Api::TaskInstance> TestPoolModel::serverTaskInstances(const QString &pool)
{
    QList<Api::TaskInstance> result;
    Api::TaskInstanceBatchQuery query;
    query.pools = {pool};
    query.states = PoolModel::slotStates();
    for (;;) {
        query.offset = int(result.size());
        const auto page = awaitResult<Api::Page<Api::TaskInstance>>(
            [&](auto done) { m_client->listTaskInstancesBatch(query, this, done); });
        if (!page || !page->ok())
            return {};
        result += page->value().items;
        if (page->value().items.isEmpty() || result.size() >= page->value().totalEntries)
            return result;
    }
}

void TestPoolModel::loadChildren(const QModelIndex &pool)
{
    const QString name = pool.data(PoolModel::PoolNameRole).toString();
    // The tester may have asked already, as a view does when the pool is expanded.
    while (m_model->canFetchMore(pool) || m_model->isLoadingTaskInstances(name)) {
        m_model->fetchMore(pool);
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoadingTaskInstances(name), LoadTimeoutMs);
    }
}

void TestPoolModel::compareChildren(const QString &pool)
{
    const QModelIndex parent = m_model->indexOfPool(pool);
    QVERIFY(parent.isValid());
    const QList<Api::TaskInstance> expected = serverTaskInstances(pool);
    QCOMPARE(m_model->rowCount(parent), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
        const QModelIndex child = m_model->index(row, PoolModel::TaskId, parent);
        const Api::TaskInstance ti = child.data(PoolModel::TaskInstanceRole).value<Api::TaskInstance>();
        QCOMPARE(ti.taskId, expected.at(row).taskId);
        QCOMPARE(ti.dagRunId, expected.at(row).dagRunId);
        QCOMPARE(ti.state, expected.at(row).state);
        QCOMPARE(child.parent(), parent);
        QCOMPARE(child.data(PoolModel::PoolNameRole).toString(), pool);
        QCOMPARE(m_model->index(row, PoolModel::TaskDagId, parent).data().toString(), ti.dagId);
        QCOMPARE(m_model->index(row, PoolModel::TaskRunId, parent).data().toString(), ti.dagRunId);
        QCOMPARE(m_model->index(row, PoolModel::TaskState, parent).data().toString(), ti.state);
        QVERIFY(PoolModel::slotStates().contains(child.data(PoolModel::StateRole).toString()));
        QVERIFY(!m_model->hasChildren(child));
    }
}

void TestPoolModel::loadsThePoolsWithTheirCounters()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    const QList<Api::Pool> expected = serverPools();
    QVERIFY(expected.size() >= 2);
    QCOMPARE(m_model->rowCount(), expected.size());
    QCOMPARE(m_model->totalEntries(), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
        const Api::Pool &pool = expected.at(row);
        QCOMPARE(m_model->index(row, PoolModel::Name).data().toString(), pool.name);
        QCOMPARE(m_model->index(row, PoolModel::Slots).data().toString(), QString::number(pool.slots));
        QCOMPARE(m_model->index(row, PoolModel::Running).data().toInt(), pool.runningSlots);
        QCOMPARE(m_model->index(row, PoolModel::Queued).data().toInt(), pool.queuedSlots);
        QCOMPARE(m_model->index(row, PoolModel::Open).data().toString(), QString::number(pool.openSlots));
        QCOMPARE(m_model->index(row, PoolModel::Occupied).data().toInt(), pool.occupiedSlots);
        QCOMPARE(m_model->index(row, PoolModel::Description).data().toString(), pool.description);
        QCOMPARE(m_model->index(row, PoolModel::Slots).data(PoolModel::SortRole).toInt(), pool.slots);
        QCOMPARE(m_model->index(row, PoolModel::Occupied).data(PoolModel::OccupiedSlotsRole).toInt(),
                 pool.occupiedSlots);
        QCOMPARE(m_model->index(row, PoolModel::Occupied).data(PoolModel::TotalSlotsRole).toInt(),
                 pool.slots);
        QVERIFY(qFuzzyCompare(
            1.0 + m_model->index(row, PoolModel::Occupied).data(PoolModel::SlotUsageRole).toDouble(),
            1.0 + double(pool.occupiedSlots) / double(pool.slots)));
        QCOMPARE(m_model->index(row, 0).data(PoolModel::PoolRole).value<Api::Pool>().name, pool.name);
        QCOMPARE(m_model->rowOfPool(pool.name), row);
        QVERIFY(m_model->isPoolIndex(m_model->index(row, 0)));
        QCOMPARE(m_model->hasChildren(m_model->index(row, 0)), pool.runningSlots + pool.queuedSlots > 0);
    }
    QVERIFY(!m_model->canFetchMore({}));
}

void TestPoolModel::expandsAPoolToItsTaskInstances()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    int busyPools = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex pool = m_model->index(row, 0);
        const Api::Pool value = pool.data(PoolModel::PoolRole).value<Api::Pool>();
        loadChildren(pool);
        if (value.runningSlots + value.queuedSlots > 0)
            ++busyPools;
        QCOMPARE(m_model->rowCount(pool), value.runningSlots + value.queuedSlots);
        compareChildren(value.name);
        QVERIFY(!m_model->canFetchMore(pool));
    }
    QVERIFY2(busyPools > 0, "the sandbox should have running task instances in some pool");
}

void TestPoolModel::refreshesInPlace()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    QList<QPersistentModelIndex> pools;
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        loadChildren(m_model->index(row, 0));
        pools.append(QPersistentModelIndex(m_model->index(row, PoolModel::Name)));
        names.append(m_model->pool(row).name);
    }
    int childrenBefore = 0;
    for (const QPersistentModelIndex &pool : std::as_const(pools))
        childrenBefore += m_model->rowCount(pool);
    QVERIFY(childrenBefore > 0);

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshed(m_model, &PoolModel::refreshed);

    // The clock moves on: the tasks that held slots finish, others start.
    for (int step = 0; step < 3; ++step) {
        m_sandbox->advanceClock(90 * 1000LL * (step + 1));
        refreshed.clear();
        m_model->refresh();
        QVERIFY(m_model->isRefreshing());
        QVERIFY(refreshed.wait(LoadTimeoutMs));
        QVERIFY(!m_model->isRefreshing());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        const QList<Api::Pool> expected = serverPools();
        QCOMPARE(m_model->rowCount(), expected.size());
        for (int row = 0; row < expected.size(); ++row) {
            QVERIFY(pools.at(row).isValid());
            QCOMPARE(pools.at(row).row(), row);
            QCOMPARE(pools.at(row).data().toString(), names.at(row));
            QCOMPARE(m_model->pool(row).occupiedSlots, expected.at(row).occupiedSlots);
            QCOMPARE(m_model->pool(row).runningSlots, expected.at(row).runningSlots);
            compareChildren(expected.at(row).name);
        }
    }
    QVERIFY(changed.count() > 0);

    // A long time later every seeded run is over: the task instances are removed, the pools stay.
    m_sandbox->advanceClock(7 * 24 * 3600 * 1000LL);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    refreshed.clear();
    m_model->refresh();
    QVERIFY(refreshed.wait(LoadTimeoutMs));
    QCOMPARE(reset.count(), 0);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        compareChildren(m_model->pool(row).name);
        QVERIFY(pools.at(row).isValid());
    }
    QVERIFY(removed.count() > 0);
    for (const QList<QVariant> &signal : std::as_const(removed))
        QVERIFY(signal.at(0).toModelIndex().isValid()); // children only
}

void TestPoolModel::reportsAnUnreachableServer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    const std::unique_ptr<Api::AirflowClient> client = Windsock::Tests::sandboxClient(&m_network, url);
    createModel(client.get());
    QSignalSpy errors(m_model, &PoolModel::errorOccurred);
    QVERIFY(errors.wait(LoadTimeoutMs));
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the pools")), qPrintable(message));
    QVERIFY(!m_model->canFetchMore({}));
    delete m_model;
    m_model = nullptr;
}

QTEST_GUILESS_MAIN(TestPoolModel)
#include "tst_poolmodel.moc"
