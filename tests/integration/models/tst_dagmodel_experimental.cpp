// DagModel on Airflow 1.10's experimental API (the sandbox's --api experimental) over loopback: no DAG list,
// so the model shows the DAG ids it is given; each is read with client.dag() (its pause state); an id the
// server does not know stays as a row that says so; runs load page by page; runs have no task instances
// (the API cannot list them) and none are asked for; refresh, sorting and filtering keep working. A
// QAbstractItemModelTester watches the model and the proxy for their whole life.

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "api/dialectexperimental.h"
#include "auth/authenticator.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include "fakes/awaitresult.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <memory>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Auth = Windsock::Auth;
namespace Sandbox = Windsock::Sandbox;

class TestDagModelExperimental final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsNothingUntilGivenIds();
    void readsEachIdAndKeepsUnknownOnes();
    void showsThePauseStateAndPauses();
    void runsLoadPageByPageWithoutTaskInstances();
    void removesAndAddsInPlace();
    void sortsAndFilters();
    void refreshUpdatesInPlace();
    void reloadReadsTheIdsAgain();

private:
    QString dagId(int i) const { return m_sandbox->state().dag(m_sandbox->state().dagIdOrder().at(i)).dagId; }
    void createModels();
    // Until every row given has been read (or failed).
    void waitForRead();
    QModelIndex row(const QString &dagId, int column = DagModel::DagId) const
    {
        return m_model->indexOfDag(dagId, column);
    }

    static constexpr int RunsPerDag = DagModel::RunPageSize + 5; // two pages
    static constexpr int TimeoutMs = 30000;
    static inline const QString Unknown = QStringLiteral("no_such_dag");

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    DagModel *m_model = nullptr;
    DagSortFilterProxyModel *m_proxy = nullptr;
};

void TestDagModelExperimental::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.api = Sandbox::ApiVersion::Experimental;
    options.dagCount = 6;
    options.runsPerDag = RunsPerDag;
    options.seed = 77;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = std::make_unique<Api::AirflowClient>(
        &m_network, m_sandbox->baseUrl(), std::make_unique<Api::DialectExperimental>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    QVERIFY(!m_client->dialect().supports(Api::Feature::ListDags));
    QVERIFY(!m_client->dialect().supports(Api::Feature::ListTaskInstances));
}

void TestDagModelExperimental::init()
{
    createModels();
}

void TestDagModelExperimental::cleanup()
{
    delete m_proxy; // the testers are their children
    delete m_model;
    m_proxy = nullptr;
    m_model = nullptr;
}

void TestDagModelExperimental::createModels()
{
    m_model = new DagModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = new DagSortFilterProxyModel;
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, m_proxy);
}

void TestDagModelExperimental::waitForRead()
{
    // A row is read when it is checkable (known) or says why not.
    const auto allRead = [this] {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QModelIndex paused = m_model->index(r, DagModel::Paused);
            if (!(m_model->flags(paused) & Qt::ItemIsUserCheckable) &&
                m_model->index(r, 0).data(DagModel::ErrorRole).toString().isEmpty())
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allRead(), TimeoutMs);
}

void TestDagModelExperimental::listsNothingUntilGivenIds()
{
    QVERIFY(!m_model->listsDags());
    QVERIFY(!m_model->listsTaskInstances());
    const quint64 before = m_sandbox->requestCount();
    QVERIFY(!m_model->canFetchMore({}));
    m_model->fetchMore({}); // what a view does first: nothing to ask for
    m_model->fetchDagsMatching(QStringLiteral("a"));
    QTest::qWait(50); // anything sent would have reached the in-process server by now
    QCOMPARE(m_sandbox->requestCount(), before);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isLoading());
    QVERIFY(m_model->isComplete());
    QVERIFY(m_model->dagIds().isEmpty());
}

void TestDagModelExperimental::readsEachIdAndKeepsUnknownOnes()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy errors(m_model, &DagModel::errorOccurred);
    // Blanks and repeats are dropped; ids are trimmed.
    m_model->setDagIds(
        {dagId(0), QStringLiteral("  ") + dagId(1) + QStringLiteral(" "), QString(), Unknown, dagId(0)});
    QCOMPARE(m_model->dagIds(), (QStringList{dagId(0), dagId(1), Unknown}));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->totalEntries(), 3);
    QCOMPARE(inserted.count(), 1);
    // Before the server answered: no expander, nothing to pause.
    QVERIFY(!m_model->hasChildren(row(Unknown)));
    waitForRead();

    for (const QString &known : {dagId(0), dagId(1)}) {
        QVERIFY(row(known).data(DagModel::ErrorRole).toString().isEmpty());
        QVERIFY(m_model->hasChildren(row(known)));
        QCOMPARE(row(known).data(Qt::DisplayRole).toString(), known);
        QCOMPARE(row(known, DagModel::Schedule).data().toString(), QString()); // unknown on 1.10: not "None"
    }
    const QString why = row(Unknown).data(DagModel::ErrorRole).toString();
    QVERIFY2(why.contains(QStringLiteral("no DAG \"no_such_dag\"")), qPrintable(why));
    QCOMPARE(row(Unknown).data(Qt::DisplayRole).toString(), Unknown); // the row stays
    QCOMPARE(row(Unknown, DagModel::State).data(Qt::ToolTipRole).toString(), why);
    QCOMPARE(row(Unknown, DagModel::Tags).data().toString(), why);
    QVERIFY(!m_model->hasChildren(row(Unknown)));
    QVERIFY(!m_model->canFetchMore(row(Unknown)));
    QVERIFY(!(m_model->flags(row(Unknown, DagModel::Paused)) & Qt::ItemIsUserCheckable));
    QVERIFY(!m_model->setPaused(Unknown, true));
    QCOMPARE(errors.count(), 0); // said on its row, not as an error of the whole model
    QCOMPARE(reset.count(), 0);

    // The newest run's state works as on v1, for the known DAGs only.
    const QModelIndex state = row(dagId(0), DagModel::State);
    state.data();
    QTRY_VERIFY_WITH_TIMEOUT(!state.data(DagModel::LastRunStateRole).toString().isEmpty(), TimeoutMs);
    QVERIFY(row(Unknown).data(DagModel::LastRunStateRole).toString().isEmpty());
    QCOMPARE(errors.count(), 0);
}

void TestDagModelExperimental::showsThePauseStateAndPauses()
{
    const QString dag = dagId(2);
    const auto paused =
        awaitResult<Api::Dag>([&](auto done) { m_client->setDagPaused(dag, true, this, done); });
    QVERIFY(paused && paused->ok());
    m_model->setDagIds({dag});
    waitForRead();
    QCOMPARE(row(dag, DagModel::Paused).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

    QVERIFY(m_model->setData(row(dag, DagModel::Paused), Qt::Unchecked, Qt::CheckStateRole));
    QTRY_VERIFY_WITH_TIMEOUT(!row(dag).data(DagModel::PauseInFlightRole).toBool(), TimeoutMs);
    QCOMPARE(row(dag, DagModel::Paused).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    const auto now = awaitResult<Api::Dag>([&](auto done) { m_client->dag(dag, this, done); });
    QVERIFY(now && now->ok());
    QVERIFY(!now->value().isPaused);
}

void TestDagModelExperimental::runsLoadPageByPageWithoutTaskInstances()
{
    // A DAG with more runs than a page (the seeder gives each about RunsPerDag).
    QString dag;
    int total = 0;
    for (int i = 0; i < 6 && dag.isEmpty(); ++i) {
        Api::DagRunQuery query;
        query.dagId = dagId(i);
        query.limit = 1;
        const auto runs =
            awaitResult<Api::Page<Api::DagRun>>([&](auto done) { m_client->dagRuns(query, this, done); });
        QVERIFY(runs && runs->ok());
        if (runs->value().totalEntries > DagModel::RunPageSize) {
            dag = dagId(i);
            total = runs->value().totalEntries;
        }
    }
    QVERIFY2(!dag.isEmpty(), "the sandbox seeds DAGs with more than a page of runs");
    m_model->setDagIds({dag});
    waitForRead();
    const QModelIndex dagIndex = row(dag);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    // The tester asks for the next page whenever one arrives, as a view scrolled to the end would.
    if (m_model->canFetchMore(dagIndex))
        m_model->fetchMore(dagIndex);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(dagIndex), total, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(dagIndex), TimeoutMs);
    QVERIFY(!m_model->canFetchMore(dagIndex));
    int pages = 0;
    for (const QList<QVariant> &signal : std::as_const(inserted)) {
        if (signal.at(0).toModelIndex() != dagIndex)
            continue;
        ++pages;
        QVERIFY(signal.at(2).toInt() - signal.at(1).toInt() + 1 <= DagModel::RunPageSize);
    }
    QVERIFY2(pages >= 2, "page by page");

    // Newest first, as on v1.
    QDateTime previous;
    for (int r = 0; r < m_model->rowCount(dagIndex); ++r) {
        const auto run = m_model->index(r, 0, dagIndex).data(DagModel::DagRunRole).value<Api::DagRun>();
        QCOMPARE(run.dagId, dag);
        if (previous.isValid())
            QVERIFY(run.logicalDate <= previous);
        previous = run.logicalDate;
    }
    QCOMPARE(dagIndex.siblingAtColumn(DagModel::State).data(DagModel::LastRunStateRole).toString(),
             m_model->index(0, 0, dagIndex).data(DagModel::StateRole).toString());

    // A run has no children, and asking sends nothing.
    const QModelIndex run = m_model->index(0, 0, dagIndex);
    const quint64 before = m_sandbox->requestCount();
    QVERIFY(!m_model->hasChildren(run));
    QVERIFY(!m_model->canFetchMore(run));
    QVERIFY(m_model->flags(run) & Qt::ItemNeverHasChildren);
    m_model->fetchMore(run);
    QTest::qWait(50);
    QCOMPARE(m_sandbox->requestCount(), before);
    QCOMPARE(m_model->rowCount(run), 0);
}

void TestDagModelExperimental::removesAndAddsInPlace()
{
    m_model->setDagIds({dagId(0), dagId(1), Unknown});
    waitForRead();
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex kept = row(Unknown);

    m_model->setDagIds({Unknown, dagId(4)}); // dagId(0) and dagId(1) go, dagId(4) comes, Unknown stays
    QCOMPARE(m_model->dagIds(), (QStringList{Unknown, dagId(4)}));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 0);
    QCOMPARE(m_model->rowOfDag(dagId(4)), 1);
    QCOMPARE(m_model->rowOfDag(dagId(0)), -1);
    QCOMPARE(m_model->totalEntries(), 2);
    waitForRead();
    QVERIFY(row(dagId(4)).data(DagModel::ErrorRole).toString().isEmpty());
    QVERIFY(!kept.data(DagModel::ErrorRole).toString().isEmpty());

    m_model->setDagIds({});
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(reset.count(), 0);
}

void TestDagModelExperimental::sortsAndFilters()
{
    const QStringList ids{dagId(5), dagId(0), Unknown, dagId(1)};
    m_model->setDagIds(ids);
    waitForRead();
    m_proxy->sort(DagModel::DagId, Qt::AscendingOrder);
    QStringList sorted = ids;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QStringList shown;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        shown.append(m_proxy->index(r, 0).data(DagModel::DagIdRole).toString());
    QCOMPARE(shown, sorted);

    m_proxy->setFilterText(QStringLiteral("SUCH"));
    QCOMPARE(m_proxy->rowCount(), 1);
    QCOMPARE(m_proxy->index(0, 0).data(DagModel::DagIdRole).toString(), Unknown);
    m_proxy->setFilterText(dagId(5));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setFilterText(QString());
    QCOMPARE(m_proxy->rowCount(), 4);
}

void TestDagModelExperimental::refreshUpdatesInPlace()
{
    const QString dag = dagId(1);
    m_model->setDagIds({dag, Unknown});
    waitForRead();
    const QModelIndex dagIndex = row(dag);
    if (m_model->canFetchMore(dagIndex) && m_model->rowCount(dagIndex) == 0)
        m_model->fetchMore(dagIndex);
    // At least the first page; the model tester may ask for the next one too, whenever its checks run.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(dagIndex) >= DagModel::RunPageSize, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(dagIndex), TimeoutMs);
    const QPersistentModelIndex oldTop = m_model->index(0, 0, dagIndex);

    // Meanwhile on the server: a new run, and the DAG paused by someone else.
    Api::TriggerRequest trigger;
    trigger.dagId = dag;
    trigger.dagRunId = QStringLiteral("refresh_me");
    const auto run =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY2(run && run->ok(), run ? qPrintable(run->error().message()) : "no answer");
    const bool wasPaused = row(dag, DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Checked;
    const auto toggled =
        awaitResult<Api::Dag>([&](auto done) { m_client->setDagPaused(dag, !wasPaused, this, done); });
    QVERIFY(toggled && toggled->ok());

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy refreshing(m_model, &DagModel::refreshingChanged);
    m_model->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!m_model->isRefreshing(), TimeoutMs);
    QVERIFY(refreshing.count() >= 2);
    QCOMPARE(reset.count(), 0);
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(m_model->index(0, 0, dagIndex).data(DagModel::DagRunIdRole).toString(),
             QStringLiteral("refresh_me"));
    QVERIFY(oldTop.isValid()); // the old rows moved down, in place
    QCOMPARE(oldTop.row(), 1);
    QCOMPARE(row(dag, DagModel::Paused).data(Qt::CheckStateRole).toInt(),
             int(!wasPaused ? Qt::Checked : Qt::Unchecked));
    QVERIFY(!row(Unknown).data(DagModel::ErrorRole).toString().isEmpty()); // still listed, still explained
}

void TestDagModelExperimental::reloadReadsTheIdsAgain()
{
    m_model->setDagIds({dagId(0), Unknown});
    waitForRead();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->reload();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->dagIds(), (QStringList{dagId(0), Unknown}));
    waitForRead();
    QVERIFY(row(dagId(0)).data(DagModel::ErrorRole).toString().isEmpty());
    QVERIFY(!row(Unknown).data(DagModel::ErrorRole).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestDagModelExperimental)
#include "tst_dagmodel_experimental.moc"
