// DagRunListModel against the real sandbox over loopback: paging newest first, refreshing in place while the
// sandbox's manual clock moves runs on (new runs at the top, deleted runs gone, persistent indexes kept, no
// reset), filters by state, date range and DAG ids, server-side sorting, and plain-words errors. A Fatal
// QAbstractItemModelTester watches the model (and a sorting proxy over it) for the model's whole life.

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/dagrunlistmodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <algorithm>
#include <memory>

using Windsock::Models::DagRunListModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestDagRunListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsPageByPageNewestFirst();
    void refreshesInPlace();
    void refreshWithNothingChangedSignalsNothing();
    void filtersByState_data();
    void filtersByState();
    void filtersByLogicalDateRange();
    void filtersByStartDateRange();
    void filtersBySeveralDags();
    void sortsOnTheServerOrInAProxy();
    void autoRefreshRefreshes();
    void reportsAnUnreachableServer();

private:
    void createModel(Api::AirflowClient *client);
    void loadEverything();
    // Every run the server has for the query, newest first.
    QList<Api::DagRun> serverRuns(const Api::DagRunBatchQuery &query = {});
    void refreshAndWait();

    static constexpr int DagCount = 30;
    static constexpr int RunsPerDag = 10;
    static constexpr int LoadTimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    DagRunListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

void TestDagRunListModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = DagCount;
    options.runsPerDag = RunsPerDag;
    options.seed = 777;
    options.clock = Sandbox::ClockKind::Manual; // states move only when a test moves the clock
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestDagRunListModel::init()
{
    createModel(m_client.get());
}

void TestDagRunListModel::cleanup()
{
    delete m_model; // the proxy and the testers are its children
    m_model = nullptr;
    m_proxy = nullptr;
}

void TestDagRunListModel::createModel(Api::AirflowClient *client)
{
    delete m_model;
    m_model = new DagRunListModel(client);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = new QSortFilterProxyModel(m_model);
    m_proxy->setSortRole(DagRunListModel::SortRole);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestDagRunListModel::loadEverything()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->totalEntries() >= 0 && !m_model->isLoading(), LoadTimeoutMs);
    while (m_model->canFetchMore({}) || m_model->isLoading()) {
        m_model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), LoadTimeoutMs);
    }
    QVERIFY(m_model->isComplete());
    QCOMPARE(m_model->rowCount(), m_model->totalEntries());
}

QList<Api::DagRun> TestDagRunListModel::serverRuns(const Api::DagRunBatchQuery &filter)
{
    QList<Api::DagRun> runs;
    Api::DagRunBatchQuery query = filter;
    query.orderBy = QStringLiteral("-execution_date");
    for (;;) {
        query.offset = int(runs.size());
        const auto page = awaitResult<Api::Page<Api::DagRun>>(
            [&](auto done) { m_client->listDagRunsBatch(query, this, done); });
        if (!page || !page->ok())
            return {};
        runs += page->value().items;
        if (page->value().items.isEmpty() || runs.size() >= page->value().totalEntries)
            return runs;
    }
}

void TestDagRunListModel::refreshAndWait()
{
    QSignalSpy refreshed(m_model, &DagRunListModel::refreshed);
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    QVERIFY(!m_model->canFetchMore({})); // no paging while the rows are re-read
    QVERIFY(refreshed.wait(LoadTimeoutMs));
    QVERIFY(!m_model->isRefreshing());
}

void TestDagRunListModel::loadsPageByPageNewestFirst()
{
    createModel(nullptr); // no client: nothing to load
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_model->rowCount(), 0);

    delete m_model;
    m_model = new DagRunListModel(m_client.get());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = nullptr;

    QCOMPARE(m_model->totalEntries(), -1);
    QVERIFY(m_model->isLoading()); // the tester asked for the first page, as a view does
    QVERIFY(!m_model->canFetchMore({}));
    loadEverything();

    const int total = DagCount * RunsPerDag;
    QCOMPARE(m_model->totalEntries(), total);
    // One insertion per page of 100, appended at the end; never a reset or a removal.
    QCOMPARE(inserted.count(), 3);
    for (int page = 0; page < inserted.count(); ++page) {
        QCOMPARE(inserted.at(page).at(1).toInt(), page * DagRunListModel::PageSize);
        QCOMPARE(inserted.at(page).at(2).toInt(), qMin(total, (page + 1) * DagRunListModel::PageSize) - 1);
    }
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);

    // Newest first, and exactly the server's runs.
    const QList<Api::DagRun> expected = serverRuns();
    QCOMPARE(expected.size(), total);
    QSet<QString> seen;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Api::DagRun run = m_model->index(row, DagRunListModel::DagId)
                                    .data(DagRunListModel::DagRunRole)
                                    .value<Api::DagRun>();
        seen.insert(run.dagId + QLatin1Char('/') + run.dagRunId);
        if (row > 0) {
            QVERIFY(m_model->index(row - 1, DagRunListModel::LogicalDate)
                        .data(DagRunListModel::SortRole)
                        .toDateTime() >= run.logicalDate);
        }
        QCOMPARE(m_model->index(row, DagRunListModel::State).data(DagRunListModel::StateRole).toString(),
                 run.state);
        QCOMPARE(m_model->index(row, DagRunListModel::RunId).data().toString(), run.dagRunId);
        QCOMPARE(m_model->rowOfRun(run.dagId, run.dagRunId), row);
    }
    QCOMPARE(seen.size(), total);

    // The columns show the run.
    const Api::DagRun &first = m_model->dagRun(0);
    QCOMPARE(m_model->index(0, DagRunListModel::DagId).data().toString(), first.dagId);
    QCOMPARE(m_model->index(0, DagRunListModel::RunType).data().toString(), first.runType);
    QCOMPARE(m_model->index(0, DagRunListModel::StartDate).data(DagRunListModel::SortRole).toDateTime(),
             first.startDate);
    int withDuration = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Api::DagRun &run = m_model->dagRun(row);
        const qint64 seconds =
            m_model->index(row, DagRunListModel::Duration).data(DagRunListModel::SortRole).toLongLong();
        if (run.endDate.isValid() && run.startDate.isValid()) {
            QCOMPARE(seconds, run.startDate.secsTo(run.endDate));
            QVERIFY(!m_model->index(row, DagRunListModel::Duration).data().toString().isEmpty());
            ++withDuration;
        } else {
            QCOMPARE(seconds, -1);
        }
    }
    QVERIFY(withDuration > 0);
    QVERIFY(!m_model->canFetchMore({}));
}

void TestDagRunListModel::refreshesInPlace()
{
    // The tester fetches every page, as a view scrolled to the end would: the refresh re-reads all three.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete() && !m_model->isLoading(), LoadTimeoutMs);
    QCOMPARE(m_model->rowCount(), DagCount * RunsPerDag);
    const int before = m_model->rowCount();
    const int totalBefore = m_model->totalEntries();

    // Some runs are still on their way (queued or running) when the clock stands still.
    QStringList unfinished;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString state = m_model->dagRun(row).state;
        if (state == QLatin1String("queued") || state == QLatin1String("running"))
            unfinished.append(m_model->dagRun(row).dagId + QLatin1Char('/') + m_model->dagRun(row).dagRunId);
    }
    QVERIFY2(!unfinished.isEmpty(), "the sandbox should have unfinished runs among the newest");

    // An untouched row (finished, not deleted), watched through a persistent index.
    int untouchedRow = -1;
    for (int row = m_model->rowCount() / 2; row < m_model->rowCount(); ++row) {
        const QString state = m_model->dagRun(row).state;
        if (state == QLatin1String("success") || state == QLatin1String("failed")) {
            untouchedRow = row;
            break;
        }
    }
    QVERIFY(untouchedRow > 0);
    const Api::DagRun untouched = m_model->dagRun(untouchedRow);
    const QPersistentModelIndex untouchedIndex(m_model->index(untouchedRow, DagRunListModel::RunId));

    // A loaded run is deleted on the server; a new run is triggered; the clock moves the rest on.
    const Api::DagRun doomed = m_model->dagRun(untouchedRow + 1);
    const auto deleted = awaitResult<Api::Nothing>(
        [&](auto done) { m_client->deleteDagRun(doomed.dagId, doomed.dagRunId, this, done); });
    QVERIFY(deleted && deleted->ok());
    m_sandbox->advanceClock(60 * 1000); // a logical date "now" that no seeded run has
    Api::TriggerRequest trigger;
    trigger.dagId = m_model->dagRun(0).dagId;
    trigger.dagRunId = QStringLiteral("windsock_refresh_test");
    const auto triggered =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY(triggered && triggered->ok());
    m_sandbox->advanceClock(6 * 3600 * 1000LL);

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    refreshAndWait();

    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    // The new run is on top, the deleted one is gone, the loaded stretch keeps its length.
    QCOMPARE(m_model->dagRun(0).dagRunId, trigger.dagRunId);
    QCOMPARE(m_model->dagRun(0).dagId, trigger.dagId);
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(m_model->rowOfRun(doomed.dagId, doomed.dagRunId), -1);
    QVERIFY(removed.count() >= 1);
    QCOMPARE(m_model->rowCount(), before);
    QCOMPARE(m_model->totalEntries(), totalBefore); // one in, one out

    // The persistent index follows its run one row down (the new run above it; the deleted one was below).
    QVERIFY(untouchedIndex.isValid());
    QCOMPARE(untouchedIndex.data(DagRunListModel::RunIdRole).toString(), untouched.dagRunId);
    QCOMPARE(untouchedIndex.data(DagRunListModel::DagIdRole).toString(), untouched.dagId);
    QCOMPARE(untouchedIndex.row(), untouchedRow + 1);

    // Every row now matches the server, and the runs that were on their way got a dataChanged.
    const QList<Api::DagRun> expected = serverRuns();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QCOMPARE(m_model->dagRun(row).dagRunId, expected.at(row).dagRunId);
        QCOMPARE(m_model->dagRun(row).state, expected.at(row).state);
    }
    int movedOn = 0;
    for (const QString &key : std::as_const(unfinished)) {
        const int row =
            m_model->rowOfRun(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1));
        QVERIFY(row >= 0);
        if (m_model->dagRun(row).state == QLatin1String("queued") ||
            m_model->dagRun(row).state == QLatin1String("running"))
            continue;
        ++movedOn;
        bool signalled = false;
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            if (signal.at(0).toModelIndex().row() <= row && row <= signal.at(1).toModelIndex().row())
                signalled = true;
        }
        QVERIFY2(signalled, qPrintable(key));
    }
    QVERIFY2(movedOn > 0, "six hours should finish some of the unfinished runs");
    // The untouched, finished run was not signalled.
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        QVERIFY(!(signal.at(0).toModelIndex().row() <= untouchedIndex.row() &&
                  untouchedIndex.row() <= signal.at(1).toModelIndex().row()));
    }

    // Nothing left to page, no run twice, none missing.
    QVERIFY(!m_model->canFetchMore({}));
    const QList<Api::DagRun> all = serverRuns();
    QCOMPARE(m_model->rowCount(), all.size());
    for (int row = 0; row < all.size(); ++row)
        QCOMPARE(m_model->dagRun(row).dagRunId, all.at(row).dagRunId);
}

void TestDagRunListModel::refreshWithNothingChangedSignalsNothing()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete() && !m_model->isLoading(), LoadTimeoutMs);
    const int rows = m_model->rowCount();
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(m_model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    refreshAndWait();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(moved.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), rows);
}

void TestDagRunListModel::filtersByState_data()
{
    QTest::addColumn<QStringList>("states");
    QTest::newRow("failed") << QStringList{QStringLiteral("failed")};
    QTest::newRow("success") << QStringList{QStringLiteral("success")};
    QTest::newRow("success and failed") << QStringList{QStringLiteral("success"), QStringLiteral("failed")};
    QTest::newRow("queued and running") << QStringList{QStringLiteral("queued"), QStringLiteral("running")};
}

void TestDagRunListModel::filtersByState()
{
    QFETCH(QStringList, states);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->totalEntries() >= 0 && !m_model->isLoading(), LoadTimeoutMs);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    DagRunListModel::Filter filter;
    filter.states = states;
    m_model->setFilter(filter);
    QCOMPARE(reset.count(), 1);
    m_model->setFilter(filter); // the same filter again: nothing to do
    QCOMPARE(reset.count(), 1);
    loadEverything();

    Api::DagRunBatchQuery query;
    query.states = states;
    const QList<Api::DagRun> expected = serverRuns(query);
    QCOMPARE(m_model->rowCount(), expected.size());
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY2(states.contains(m_model->dagRun(row).state), qPrintable(m_model->dagRun(row).state));
    if (states.contains(QStringLiteral("failed")))
        QVERIFY(m_model->rowCount() > 0); // the filter has something to show
}

void TestDagRunListModel::filtersByLogicalDateRange()
{
    const QList<Api::DagRun> all = serverRuns();
    QVERIFY(all.size() > 100);
    // A range in the middle of the history, bounds included.
    const QDateTime to = all.at(40).logicalDate;
    const QDateTime from = all.at(160).logicalDate;
    int expected = 0;
    for (const Api::DagRun &run : all)
        expected += (run.logicalDate >= from && run.logicalDate <= to) ? 1 : 0;
    QVERIFY(expected >= 121);

    DagRunListModel::Filter filter;
    filter.logicalDateFrom = from;
    filter.logicalDateTo = to;
    m_model->setFilter(filter);
    loadEverything();
    QCOMPARE(m_model->rowCount(), expected);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QDateTime logical = m_model->dagRun(row).logicalDate;
        QVERIFY(logical >= from && logical <= to);
    }

    // With a state on top, through the same request.
    filter.states = {QStringLiteral("failed")};
    m_model->setFilter(filter);
    loadEverything();
    int failed = 0;
    for (const Api::DagRun &run : all)
        failed += (run.logicalDate >= from && run.logicalDate <= to && run.state == QLatin1String("failed"));
    QCOMPARE(m_model->rowCount(), failed);
}

void TestDagRunListModel::filtersByStartDateRange()
{
    const QList<Api::DagRun> all = serverRuns();
    QDateTime latestStart;
    for (const Api::DagRun &run : all) {
        if (run.startDate.isValid() && (!latestStart.isValid() || run.startDate > latestStart))
            latestStart = run.startDate;
    }
    QVERIFY(latestStart.isValid());
    const QDateTime from = latestStart.addDays(-3);
    int expected = 0;
    for (const Api::DagRun &run : all)
        expected += (run.startDate.isValid() && run.startDate >= from) ? 1 : 0;
    QVERIFY(expected > 0 && expected < all.size());

    DagRunListModel::Filter filter;
    filter.startDateFrom = from; // "the last 3 days", open-ended
    m_model->setFilter(filter);
    loadEverything();
    QCOMPARE(m_model->rowCount(), expected);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->dagRun(row).startDate >= from);
}

void TestDagRunListModel::filtersBySeveralDags()
{
    const QList<Api::DagRun> all = serverRuns();
    const QStringList dagIds{all.at(0).dagId, all.at(all.size() - 1).dagId, QStringLiteral("no_such_dag")};
    int expected = 0;
    for (const Api::DagRun &run : all)
        expected += dagIds.contains(run.dagId) ? 1 : 0;

    DagRunListModel::Filter filter;
    filter.dagIds = dagIds;
    m_model->setFilter(filter);
    loadEverything();
    QCOMPARE(m_model->rowCount(), expected);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(dagIds.contains(m_model->dagRun(row).dagId));

    // One DAG goes through GET /dags/{id}/dagRuns, with the same rows for it.
    filter.dagIds = {all.at(0).dagId};
    m_model->setFilter(filter);
    loadEverything();
    const auto ofFirstDag = std::count_if(
        all.cbegin(), all.cend(), [&all](const Api::DagRun &run) { return run.dagId == all.at(0).dagId; });
    QVERIFY(ofFirstDag >= RunsPerDag);
    QCOMPARE(m_model->rowCount(), int(ofFirstDag));
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->dagRun(row).dagId, all.at(0).dagId);
}

void TestDagRunListModel::sortsOnTheServerOrInAProxy()
{
    QVERIFY(DagRunListModel::isServerSortable(DagRunListModel::DagId));
    QVERIFY(DagRunListModel::isServerSortable(DagRunListModel::StartDate));
    QVERIFY(!DagRunListModel::isServerSortable(DagRunListModel::RunType));
    QVERIFY(!DagRunListModel::isServerSortable(DagRunListModel::Duration));
    QVERIFY(!DagRunListModel::isServerSortable(DagRunListModel::Note));

    QTRY_VERIFY_WITH_TIMEOUT(m_model->totalEntries() >= 0 && !m_model->isLoading(), LoadTimeoutMs);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    // A column the server cannot order by: the model leaves it to the proxy.
    m_model->sort(DagRunListModel::Duration, Qt::DescendingOrder);
    QCOMPARE(reset.count(), 0);
    m_proxy->sort(DagRunListModel::Duration, Qt::DescendingOrder);
    for (int row = 1; row < m_proxy->rowCount(); ++row) {
        QVERIFY(
            m_proxy->index(row - 1, DagRunListModel::Duration).data(DagRunListModel::SortRole).toLongLong() >=
            m_proxy->index(row, DagRunListModel::Duration).data(DagRunListModel::SortRole).toLongLong());
    }
    m_proxy->sort(-1);

    // A column the server orders by: re-queried in that order (one reset), and paging keeps it.
    m_model->sort(DagRunListModel::StartDate, Qt::AscendingOrder);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->sortColumn(), int(DagRunListModel::StartDate));
    loadEverything();
    QDateTime previous;
    bool sawMissing = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QDateTime start = m_model->dagRun(row).startDate;
        if (!start.isValid()) {
            sawMissing = true; // not started: last, as NULLs sort
            continue;
        }
        QVERIFY(!sawMissing);
        if (previous.isValid())
            QVERIFY(previous <= start);
        previous = start;
    }
}

void TestDagRunListModel::autoRefreshRefreshes()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->totalEntries() >= 0 && !m_model->isLoading(), LoadTimeoutMs);
    QCOMPARE(m_model->autoRefreshInterval(), 0);
    QSignalSpy refreshed(m_model, &DagRunListModel::refreshed);
    m_model->setAutoRefreshInterval(50);
    QCOMPARE(m_model->autoRefreshInterval(), 50);
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 2, LoadTimeoutMs);
    m_model->setAutoRefreshInterval(0);
    QCOMPARE(m_model->autoRefreshInterval(), 0);
}

void TestDagRunListModel::reportsAnUnreachableServer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close(); // nothing listens there now
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    const std::unique_ptr<Api::AirflowClient> client = Windsock::Tests::sandboxClient(&m_network, url);
    createModel(client.get());
    QSignalSpy errors(m_model, &DagRunListModel::errorOccurred);
    QVERIFY(errors.wait(LoadTimeoutMs));
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the DAG runs")), qPrintable(message));
    QVERIFY(!m_model->canFetchMore({})); // no retry loop
    QCOMPARE(m_model->rowCount(), 0);
    delete m_model; // before the client
    m_model = nullptr;
}

QTEST_GUILESS_MAIN(TestDagRunListModel)
#include "tst_dagrunlistmodel.moc"
