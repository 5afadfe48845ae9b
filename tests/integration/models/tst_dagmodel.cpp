// DagModel and DagSortFilterProxyModel against the real sandbox over loopback, at the DAG level: loading,
// paging past the server's cap of 100, last-run states asked for only for the rows shown, refreshDag after a
// trigger, sorting, filtering and pausing, with a QAbstractItemModelTester on each model for its whole life
// and the structural signals checked with QSignalSpy. The runs and task instances below the DAGs are
// tst_dagtree's.

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>
#include <optional>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;
namespace Api = Windsock::Api;
namespace Auth = Windsock::Auth;
namespace Sandbox = Windsock::Sandbox;

class TestDagModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsPageByPageWithoutReset();
    void sortsByTheRawValue_data();
    void sortsByTheRawValue();
    void filtersAsYouType_data();
    void filtersAsYouType();
    void filtersOnTheServerByDagIdPattern();
    void findsDagsNotLoadedYet();
    void pausesAndUnpausesInPlace();
    void revertsAPauseTheServerRefuses();
    void readOnlyRefusesPausing();
    void reloadResetsOnce();
    void reportsAnUnreachableServer();
    // These trigger runs on the shared sandbox: last.
    void lastRunStatesAreAskedOnlyForRowsShown();
    void refreshDagShowsATriggeredRun();

private:
    // dataChanged signals in spy whose range covers (row, column).
    static int countChanges(const QSignalSpy &spy, int row, int column);
    std::unique_ptr<Api::AirflowClient> makeClient(const QUrl &baseUrl,
                                                   const QString &password = QStringLiteral("admin"));
    // A DagModel (and a proxy over it), each watched by a tester that lives as long as the model.
    void createModels(Api::AirflowClient *client);
    void loadEverything();
    // Until the run list of every DAG is loaded (the testers ask for them, as an expanding view would).
    void waitForRunLists();
    QString triggerRun(const QString &dagId, const QString &runId);
    Api::Dag fetchDag(const QString &dagId);
    QList<Api::Dag> fetchDags(const Api::DagQuery &query, int *totalEntries = nullptr);

    static constexpr int DagCount = 250;
    // Loading 250 DAGs and their last runs takes well under a second; the margin is for a busy machine.
    static constexpr int LoadTimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    DagModel *m_model = nullptr;
    DagSortFilterProxyModel *m_proxy = nullptr;
};

void TestDagModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = DagCount;
    // No seeded history: the testers walk the whole tree and load every DAG's runs and their task instances,
    // which for 250 DAGs would make every signal a walk over thousands of rows. Runs are tst_dagtree's; the
    // tests here trigger the few they need.
    options.runsPerDag = 0;
    options.seed = 4242;
    options.users = {{QStringLiteral("admin"), QStringLiteral("admin")}};
    options.clock = Sandbox::ClockKind::Manual; // runs stay where they are while a test compares states
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = makeClient(m_sandbox->baseUrl());
}

std::unique_ptr<Api::AirflowClient> TestDagModel::makeClient(const QUrl &baseUrl, const QString &password)
{
    return std::make_unique<Api::AirflowClient>(
        &m_network, baseUrl, std::make_unique<Api::DialectV1>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), password));
}

int TestDagModel::countChanges(const QSignalSpy &spy, int row, int column)
{
    int count = 0;
    for (const QList<QVariant> &signal : spy) {
        const QModelIndex topLeft = signal.at(0).toModelIndex();
        const QModelIndex bottomRight = signal.at(1).toModelIndex();
        if (topLeft.row() <= row && row <= bottomRight.row() && topLeft.column() <= column &&
            column <= bottomRight.column())
            ++count;
    }
    return count;
}

void TestDagModel::init()
{
    createModels(m_client.get());
}

void TestDagModel::cleanup()
{
    delete m_model; // the proxy and both testers are its children
    m_model = nullptr;
    m_proxy = nullptr;
}

void TestDagModel::createModels(Api::AirflowClient *client)
{
    delete m_model;
    m_model = new DagModel(client);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    m_proxy = new DagSortFilterProxyModel(m_model);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestDagModel::loadEverything()
{
    // The testers ask for the first page; every further page is asked for like a view would.
    QTRY_VERIFY(m_model->totalEntries() >= 0);
    while (m_model->canFetchMore({}) || m_model->isLoading()) {
        m_model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), LoadTimeoutMs);
    }
    QCOMPARE(m_model->rowCount(), DagCount);
}

void TestDagModel::waitForRunLists()
{
    const auto loaded = [this] {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex dag = m_model->index(row, 0);
            if (m_model->isLoading(dag) || m_model->canFetchMore(dag))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(loaded(), LoadTimeoutMs);
}

QString TestDagModel::triggerRun(const QString &dagId, const QString &runId)
{
    Api::TriggerRequest request;
    request.dagId = dagId;
    request.dagRunId = runId;
    std::optional<Api::Result<Api::DagRun>> answer;
    m_client->triggerDagRun(request, this,
                            [&answer](const Api::Result<Api::DagRun> &result) { answer = result; });
    [&] { QTRY_VERIFY(answer.has_value()); }();
    if (!answer || !answer->ok())
        return {};
    return answer->value().state;
}

Api::Dag TestDagModel::fetchDag(const QString &dagId)
{
    std::optional<Api::Result<Api::Dag>> answer;
    m_client->dag(dagId, this, [&answer](const Api::Result<Api::Dag> &result) { answer = result; });
    [&] { QTRY_VERIFY(answer.has_value()); }();
    if (!answer || !answer->ok())
        return {};
    return answer->value();
}

QList<Api::Dag> TestDagModel::fetchDags(const Api::DagQuery &query, int *totalEntries)
{
    std::optional<Api::Result<Api::Page<Api::Dag>>> answer;
    m_client->dags(query, this,
                   [&answer](const Api::Result<Api::Page<Api::Dag>> &result) { answer = result; });
    [&] { QTRY_VERIFY(answer.has_value()); }();
    if (!answer || !answer->ok())
        return {};
    if (totalEntries)
        *totalEntries = answer->value().totalEntries;
    return answer->value().items;
}

void TestDagModel::loadsPageByPageWithoutReset()
{
    createModels(nullptr); // no client: nothing to load, and a tester that is happy with an empty model
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_model->rowCount(), 0);

    delete m_model;
    m_model = new DagModel(m_client.get());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy loading(m_model, &DagModel::loadingChanged);
    QSignalSpy total(m_model, &DagModel::totalEntriesChanged);
    // The tester asks for more whenever the model changes, as a QTreeView does on each layout: so the pages
    // come one after the other, each asked for through canFetchMore()/fetchMore().
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    m_proxy = new DagSortFilterProxyModel(m_model);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);

    QCOMPARE(m_model->totalEntries(), -1);
    QVERIFY(m_model->isLoading());
    QVERIFY(!m_model->canFetchMore({})); // one page at a time
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    QVERIFY(!m_model->isLoading());

    // One insertion per page of at most 100 (the server's cap): 100, 100, 50; never a reset or a removal.
    QCOMPARE(inserted.count(), 3);
    const QList<QPair<int, int>> pages{{0, 99}, {100, 199}, {200, 249}};
    for (int page = 0; page < pages.size(); ++page) {
        QCOMPARE(inserted.at(page).at(1).toInt(), pages.at(page).first);
        QCOMPARE(inserted.at(page).at(2).toInt(), pages.at(page).second);
    }
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(loading.count(), 6);
    for (int i = 0; i < loading.count(); ++i)
        QCOMPARE(loading.at(i).at(0).toBool(), i % 2 == 0);
    QCOMPARE(total.count(), 1);
    QCOMPARE(m_model->totalEntries(), DagCount);
    QCOMPARE(m_model->rowCount(), DagCount);
    QCOMPARE(m_proxy->rowCount(), DagCount);
    QVERIFY(!m_model->canFetchMore({}));
    m_model->fetchMore({}); // nothing left: no request, no signal
    QVERIFY(!m_model->isLoading());
    QCOMPARE(inserted.count(), 3);

    QSet<QString> ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ids.insert(m_model->index(row, 0).data(DagModel::DagIdRole).toString());
    QCOMPARE(ids.size(), DagCount);

    // The first rows are the server's first page, in its order, with every column filled from the DAG.
    int serverTotal = 0;
    const QList<Api::Dag> firstPage = fetchDags(Api::DagQuery{}, &serverTotal);
    QCOMPARE(serverTotal, DagCount);
    QCOMPARE(firstPage.size(), DagModel::PageSize);
    for (int row = 0; row < firstPage.size(); ++row) {
        const Api::Dag &expected = firstPage.at(row);
        QCOMPARE(m_model->index(row, DagModel::DagId).data().toString(), expected.dagId);
        QCOMPARE(m_model->index(row, DagModel::Tags).data(DagModel::DagIdRole).toString(), expected.dagId);
        QCOMPARE(m_model->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt(),
                 int(expected.isPaused ? Qt::Checked : Qt::Unchecked));
        QCOMPARE(m_model->index(row, DagModel::Paused).data(DagModel::SortRole).toBool(), expected.isPaused);
        QCOMPARE(m_model->index(row, DagModel::Owners).data().toString(),
                 expected.owners.join(QStringLiteral(", ")));
        QCOMPARE(m_model->index(row, DagModel::Owners).data(DagModel::OwnersRole).toStringList(),
                 expected.owners);
        QCOMPARE(m_model->index(row, DagModel::Tags).data(DagModel::TagsRole).toStringList(), expected.tags);
        QCOMPARE(m_model->index(row, DagModel::NextRun).data(DagModel::SortRole).toDateTime(),
                 expected.nextDagrun);
        QCOMPARE(m_model->index(row, DagModel::DagId).data(DagModel::DagRole).value<Api::Dag>().fileloc,
                 expected.fileloc);
        QCOMPARE(m_model->rowOfDag(expected.dagId), row);
    }
    QVERIFY(m_model->flags(m_model->index(0, DagModel::Paused)) & Qt::ItemIsUserCheckable);
    QVERIFY(!(m_model->flags(m_model->index(0, DagModel::DagId)) & Qt::ItemIsUserCheckable));
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 0);
}

void TestDagModel::sortsByTheRawValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("DAG id, ascending") << int(DagModel::DagId) << Qt::AscendingOrder;
    QTest::newRow("DAG id, descending") << int(DagModel::DagId) << Qt::DescendingOrder;
    QTest::newRow("paused") << int(DagModel::Paused) << Qt::AscendingOrder;
    QTest::newRow("owners") << int(DagModel::Owners) << Qt::AscendingOrder;
    QTest::newRow("last run") << int(DagModel::LastRunState) << Qt::AscendingOrder;
    QTest::newRow("next run, ascending") << int(DagModel::NextRun) << Qt::AscendingOrder;
    QTest::newRow("next run, descending") << int(DagModel::NextRun) << Qt::DescendingOrder;
}

void TestDagModel::sortsByTheRawValue()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    loadEverything();
    QSignalSpy sourceReset(m_model, &QAbstractItemModel::modelReset);
    m_proxy->sort(column, order);
    QCOMPARE(m_proxy->rowCount(), DagCount);
    QCOMPARE(sourceReset.count(), 0);

    // Rows are ordered by the raw value, ties by DAG id; empty values (no next run) come last when ascending.
    const auto key = [&](int row) { return m_proxy->index(row, column).data(DagModel::SortRole); };
    const auto dagId = [&](int row) {
        return m_proxy->index(row, column).data(DagModel::DagIdRole).toString();
    };
    for (int row = 0; row + 1 < m_proxy->rowCount(); ++row) {
        const QVariant a = key(row);
        const QVariant b = key(row + 1);
        int cmp = 0;
        if (a.metaType().id() == QMetaType::QDateTime) {
            const QDateTime x = a.toDateTime();
            const QDateTime y = b.toDateTime();
            cmp = x.isValid() != y.isValid() ? (x.isValid() ? -1 : 1) : (x < y ? -1 : (y < x ? 1 : 0));
        } else if (a.metaType().id() == QMetaType::Bool) {
            cmp = int(a.toBool()) - int(b.toBool());
        } else {
            const QString x = a.toString();
            const QString y = b.toString();
            cmp = x.isEmpty() != y.isEmpty() ? (x.isEmpty() ? 1 : -1)
                                             : QString::compare(x, y, Qt::CaseInsensitive);
        }
        if (cmp == 0)
            cmp = QString::compare(dagId(row), dagId(row + 1), Qt::CaseInsensitive);
        if (order == Qt::DescendingOrder)
            cmp = -cmp;
        QVERIFY2(cmp <= 0, qPrintable(QStringLiteral("row %1 (%2) before row %3 (%4)")
                                          .arg(row)
                                          .arg(a.toString(), QString::number(row + 1), b.toString())));
    }
}

void TestDagModel::filtersAsYouType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("matchedBy");
    QTest::newRow("part of a DAG id") << QStringLiteral("orders") << QStringLiteral("id");
    QTest::newRow("DAG id, other case") << QStringLiteral("ETL_Fin") << QStringLiteral("id");
    QTest::newRow("an owner") << QStringLiteral("jane.doe") << QStringLiteral("owner");
    QTest::newRow("a tag, other case") << QStringLiteral("CRITICAL") << QStringLiteral("tag");
    QTest::newRow("nothing") << QStringLiteral("no-such-dag-anywhere") << QString();
}

void TestDagModel::filtersAsYouType()
{
    QFETCH(QString, text);
    QFETCH(QString, matchedBy);
    loadEverything();
    m_proxy->sort(DagModel::DagId);

    // Typing one key at a time narrows the list step by step.
    QSignalSpy sourceReset(m_model, &QAbstractItemModel::modelReset);
    for (int typed = 1; typed <= text.size(); ++typed)
        m_proxy->setFilterText(text.left(typed));
    QCOMPARE(sourceReset.count(), 0);
    QCOMPARE(m_proxy->filterText(), text);

    int expected = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const bool byId = index.data(DagModel::DagIdRole).toString().contains(text, Qt::CaseInsensitive);
        const bool byOwner =
            !index.data(DagModel::OwnersRole).toStringList().filter(text, Qt::CaseInsensitive).isEmpty();
        const bool byTag =
            !index.data(DagModel::TagsRole).toStringList().filter(text, Qt::CaseInsensitive).isEmpty();
        if (byId || byOwner || byTag)
            ++expected;
        if (matchedBy == QLatin1String("owner") && byOwner)
            QVERIFY(!byId);
    }
    QCOMPARE(m_proxy->rowCount(), expected);
    if (matchedBy.isEmpty())
        QCOMPARE(expected, 0);
    else
        QVERIFY(expected > 0);

    m_proxy->setFilterText(QString());
    QCOMPARE(m_proxy->rowCount(), DagCount);
}

void TestDagModel::filtersOnTheServerByDagIdPattern()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    const QString pattern = QStringLiteral("Customers"); // dag_id_pattern is case-insensitive (ILIKE)
    int serverTotal = 0;
    Api::DagQuery query;
    query.dagIdPattern = pattern;
    fetchDags(query, &serverTotal);
    QVERIFY(serverTotal > 0);
    QVERIFY(serverTotal < DagCount);

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setDagIdPattern(pattern);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->dagIdPattern(), pattern);
    while (m_model->canFetchMore({}) || m_model->isLoading()) {
        m_model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), LoadTimeoutMs);
    }
    QCOMPARE(m_model->totalEntries(), serverTotal);
    QCOMPARE(m_model->rowCount(), serverTotal);
    QVERIFY(!m_model->canFetchMore({}));
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->index(row, 0).data().toString().contains(pattern, Qt::CaseInsensitive));
    QCOMPARE(reset.count(), 1);

    m_model->setDagIdPattern(pattern); // unchanged: no new query
    QCOMPARE(reset.count(), 1);

    m_model->setDagIdPattern(QString());
    QCOMPARE(reset.count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    QCOMPARE(m_model->rowCount(), DagCount);
}

void TestDagModel::findsDagsNotLoadedYet()
{
    Api::DagQuery lastPage;
    lastPage.offset = DagCount - 10;
    const QList<Api::Dag> farAway = fetchDags(lastPage);
    QVERIFY(!farAway.isEmpty());
    const QString wanted = farAway.constLast().dagId;

    // A fresh model: its first page is on its way, the page with `wanted` is far off.
    delete m_model;
    m_model = new DagModel(m_client.get());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    QVERIFY(m_model->isLoading());
    m_model->fetchDagsMatching(wanted);
    QTRY_VERIFY(m_model->rowOfDag(wanted) >= 0);
    QCOMPARE(m_model->dagIdPattern(), QString()); // a search, not a filter

    // The search inserted it on its own (a one-row insertion), before paging reached it...
    bool insertedBySearch = false;
    for (const QList<QVariant> &signal : std::as_const(inserted)) {
        const int first = signal.at(1).toInt();
        if (first == signal.at(2).toInt() && m_model->index(first, 0).data(DagModel::DagIdRole) == wanted)
            insertedBySearch = true;
    }
    QVERIFY(insertedBySearch);
    // ...and paging on skips it: every DAG once, in the end, and no reset on the way.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    QCOMPARE(m_model->rowCount(), DagCount);
    QCOMPARE(m_model->totalEntries(), DagCount);
    QCOMPARE(reset.count(), 0);
}

void TestDagModel::pausesAndUnpausesInPlace()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    int row = -1;
    for (int candidate = 0; candidate < m_model->rowCount(); ++candidate) {
        if (!m_model->dag(candidate).isPaused) {
            row = candidate;
            break;
        }
    }
    QVERIFY(row >= 0);
    const QString dagId = m_model->dag(row).dagId;
    const QModelIndex pausedCell = m_model->index(row, DagModel::Paused);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy errors(m_model, &DagModel::errorOccurred);
    // Last-run states may still be arriving for other rows: count the changes of this row's Paused cell.
    const auto pauseChanges = [&changed, row] { return countChanges(changed, row, DagModel::Paused); };

    QVERIFY(m_model->setPaused(row, true));
    // At once, in place: the box is ticked while the server is asked.
    QCOMPARE(pauseChanges(), 1);
    QCOMPARE(pausedCell.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(pausedCell.data(DagModel::PauseInFlightRole).toBool());
    QTRY_VERIFY(!pausedCell.data(DagModel::PauseInFlightRole).toBool());
    QCOMPARE(pauseChanges(), 2);
    QCOMPARE(pausedCell.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(fetchDag(dagId).isPaused);

    // The view's way: a click on the box is setData(CheckStateRole), here through the proxy.
    const QModelIndex proxyCell = m_proxy->mapFromSource(pausedCell);
    QVERIFY(m_proxy->setData(proxyCell, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(pausedCell.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QTRY_VERIFY(!pausedCell.data(DagModel::PauseInFlightRole).toBool());
    QVERIFY(!fetchDag(dagId).isPaused);
    QCOMPARE(pauseChanges(), 4);

    // By DAG id, and the unchanged state is no request at all.
    QVERIFY(m_model->setPaused(dagId, false));
    QCOMPARE(pauseChanges(), 4);
    QVERIFY(!m_model->setPaused(QStringLiteral("not_loaded_dag"), true));
    QVERIFY(!m_model->setData(m_model->index(row, DagModel::DagId), Qt::Checked, Qt::CheckStateRole));

    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(errors.count(), 0);
}

void TestDagModel::readOnlyRefusesPausing()
{
    const std::unique_ptr<Api::AirflowClient> client = makeClient(m_sandbox->baseUrl());
    createModels(client.get());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 0, LoadTimeoutMs);
    const QModelIndex paused = m_model->index(0, DagModel::Paused);
    QVERIFY(m_model->flags(paused).testFlag(Qt::ItemIsUserCheckable));

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setReadOnly(true);
    QVERIFY(countChanges(changed, 0, DagModel::Paused) >= 1); // views repaint the checkboxes as not checkable
    QVERIFY(!m_model->flags(paused).testFlag(Qt::ItemIsUserCheckable));
    const QString dagId = m_model->dag(0).dagId;
    const bool before = m_model->dag(0).isPaused;
    QVERIFY(!m_model->setPaused(0, !before));
    QVERIFY(!m_model->setData(paused, before ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(m_model->dag(0).isPaused, before);
    QCOMPARE(fetchDag(dagId).isPaused, before); // nothing reached the server

    m_model->setReadOnly(false);
    QVERIFY(m_model->flags(paused).testFlag(Qt::ItemIsUserCheckable));
    delete m_model; // before its client goes
    m_model = nullptr;
}

void TestDagModel::revertsAPauseTheServerRefuses()
{
    // The same sandbox, a client whose password the server refuses once the list is loaded.
    const std::unique_ptr<Api::AirflowClient> client = makeClient(m_sandbox->baseUrl());
    createModels(client.get());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    waitForRunLists(); // every run list is in: nothing else in flight
    const QString dagId = m_model->dag(3).dagId;
    const bool before = m_model->dag(3).isPaused;
    client->setAuthenticator(
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("wrong")));

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy errors(m_model, &DagModel::errorOccurred);
    QVERIFY(m_model->setPaused(3, !before));
    QCOMPARE(m_model->dag(3).isPaused, !before);
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(m_model->dag(3).isPaused, before); // reverted, in place
    QVERIFY(!m_model->index(3, 0).data(DagModel::PauseInFlightRole).toBool());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(countChanges(changed, 3, DagModel::Paused), 2);
    const QString message = errors.at(0).at(0).toString();
    QVERIFY2(message.contains(dagId), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('{')), qPrintable(message)); // plain words, not the JSON body
    QCOMPARE(fetchDag(dagId).isPaused, before);

    delete m_model; // before its client goes
    m_model = nullptr;
}

void TestDagModel::reloadResetsOnce()
{
    loadEverything();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy total(m_model, &DagModel::totalEntriesChanged);
    m_model->reload();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->totalEntries(), -1);
    QVERIFY(m_model->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    int pages = 0;
    for (const QList<QVariant> &signal : std::as_const(inserted))
        pages += int(!signal.at(0).toModelIndex().isValid()); // DAGs, not the runs below them
    QCOMPARE(pages, 3);
    QCOMPARE(m_model->rowCount(), DagCount);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(total.count(), 2); // -1, then the server's count
}

void TestDagModel::reportsAnUnreachableServer()
{
    // A port where nothing listens any more.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(probe.serverPort());
    probe.close();
    const std::unique_ptr<Api::AirflowClient> client = makeClient(url);

    delete m_model;
    m_model = new DagModel(client.get());
    QSignalSpy errors(m_model, &DagModel::errorOccurred);
    QSignalSpy loading(m_model, &DagModel::loadingChanged);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    QTRY_COMPARE(errors.count(), 1);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(loading.count(), 2);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY2(errors.at(0).at(0).toString().startsWith(QLatin1String("Could not load the DAGs")),
             qPrintable(errors.at(0).at(0).toString()));
    // No retry storm: a view asks again on every layout, the model waits for reload().
    QVERIFY(!m_model->canFetchMore({}));
    m_model->fetchMore({});
    QVERIFY(!m_model->isLoading());

    delete m_model;
    m_model = nullptr;
}

void TestDagModel::lastRunStatesAreAskedOnlyForRowsShown()
{
    // This model has no tester on purpose: a tester walks every row and asks every DAG for its runs, which
    // is exactly what a view showing a few rows does not do, and what this test proves the model does not.
    delete m_model;
    m_model = new DagModel(m_client.get());
    m_proxy = nullptr;
    m_model->fetchMore({});
    while (m_model->canFetchMore({}) || m_model->isLoading()) {
        m_model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), LoadTimeoutMs);
    }
    QCOMPARE(m_model->rowCount(), DagCount);
    QCOMPARE(m_model->lastRunRequestCount(), 0); // loading the list asks for no run at all
    const QString queuedDag = m_model->dag(11).dagId;
    QCOMPARE(triggerRun(queuedDag, QStringLiteral("manual__shown_rows_test")), QStringLiteral("queued"));

    // A view shows rows 10 to 19: it asks for their cells, the State cell among them, and for nothing else.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    const quint64 before = m_sandbox->requestCount();
    for (int row = 10; row < 20; ++row) {
        for (int column = 0; column < DagModel::ColumnCount; ++column)
            m_model->index(row, column).data();
    }
    QCOMPARE(m_model->lastRunRequestCount(), 0); // coalesced: sent from the event loop, not from data()
    QTRY_COMPARE(changed.count(), 10);           // each State cell once: a state, or "no runs yet"
    QTRY_COMPARE(m_sandbox->requestCount() - before, quint64(10));
    QCOMPARE(m_model->lastRunRequestCount(), 10);
    QCOMPARE(m_model->index(11, DagModel::LastRunState).data().toString(), QStringLiteral("queued"));
    QCOMPARE(m_model->index(11, DagModel::LastRunState).data(Qt::ToolTipRole).toString(),
             QStringLiteral("queued"));
    QCOMPARE(m_model->index(12, DagModel::LastRunState).data(Qt::ToolTipRole).toString(),
             QStringLiteral("No runs yet"));

    // Painting the same rows again asks for nothing; scrolling to two more rows asks for those two.
    for (int row = 10; row < 20; ++row)
        m_model->index(row, DagModel::LastRunState).data();
    m_model->index(100, DagModel::LastRunState).data();
    m_model->index(101, DagModel::LastRunState).data(DagModel::StateRole);
    QTRY_COMPARE(m_model->lastRunRequestCount(), 12);
    QTest::qWait(50);
    QCOMPARE(m_model->lastRunRequestCount(), 12);
    QCOMPARE(m_sandbox->requestCount() - before, quint64(12));

    // A refresh makes them outdated; only the rows shown again are asked for again.
    QSignalSpy refreshed(m_model, &QAbstractItemModel::dataChanged);
    m_model->refresh();
    QVERIFY(!refreshed.isEmpty()); // the State column repaints, so a view asks again for what it shows
    m_model->index(11, DagModel::LastRunState).data();
    QTRY_COMPARE(m_model->lastRunRequestCount(), 13);
    QTRY_VERIFY(!m_model->isRefreshing());
    QTest::qWait(50);
    QCOMPARE(m_model->lastRunRequestCount(), 13);
}

void TestDagModel::refreshDagShowsATriggeredRun()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isComplete(), LoadTimeoutMs);
    waitForRunLists();
    const int row = 20;
    const QString dagId = m_model->dag(row).dagId;
    const QModelIndex dag = m_model->index(row, 0);
    const QModelIndex lastRun = m_model->index(row, DagModel::LastRunState);
    const int runsBefore = m_model->rowCount(dag);
    const QString stateBefore = lastRun.data().toString();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);

    const QString runId = QStringLiteral("manual__refresh_dag_test");
    QCOMPARE(triggerRun(dagId, runId), QStringLiteral("queued"));
    QCOMPARE(lastRun.data().toString(), stateBefore); // the model does not know yet
    m_model->refreshDag(dagId);
    QTRY_COMPARE(lastRun.data().toString(), QStringLiteral("queued"));
    QCOMPARE(m_model->rowCount(dag), runsBefore + 1);
    QCOMPARE(m_model->index(0, 0, dag).data(DagModel::DagRunIdRole).toString(), runId);
    QCOMPARE(reset.count(), 0);
}

QTEST_GUILESS_MAIN(TestDagModel)
#include "tst_dagmodel.moc"
