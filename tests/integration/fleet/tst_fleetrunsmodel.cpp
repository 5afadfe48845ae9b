// The failed and running runs of several deployments as one tree, against an Airflow 2 and an Airflow 3
// sandbox and one that refuses our credentials, on the sandboxes' manual clocks: the counts and children
// equal what the API says for the same questions, the refused deployment shows its error on its row, and
// QAbstractItemModelTesters (Fatal) watch the model and a recursive filter proxy through refreshes.
#include "api/airflowclient.h"
#include "api/queries.h"
#include "models/fleetrunsmodel.h"

#include "fakes/awaitresult.h"
#include "fakes/fleetsandboxes.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Windsock;
using Models::FleetRunsModel;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::ClockKind;
using Sandbox::SandboxOptions;
using Tests::awaitResult;
using Tests::FleetSandbox;

class TestFleetRunsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void countsAndChildrenMatchTheApi();
    void refusedDeploymentShowsItsError();
    void refreshAgainKeepsTheTreeConsistent();
    void filterAndSortThroughAProxy();
    void setMembersResets();

private:
    struct Expected
    {
        int failed = -1, running = -1;
        QSet<QString> runKeys; // dagId/runId of the first page of each
    };
    Expected expected(FleetSandbox &sandbox);
    void refresh();
    int deploymentRow(const QString &profileId) const;

    QNetworkAccessManager m_nam;
    FleetSandbox m_v1, m_v2, m_refused;
    FleetRunsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

void TestFleetRunsModel::initTestCase()
{
    SandboxOptions v1;
    v1.dagCount = 25;
    v1.runsPerDag = 30;
    v1.clock = ClockKind::Manual;
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    v2.seed = 3;
    m_v1 = Tests::startFleetSandbox(
        &m_nam, v1, {QStringLiteral("v1"), QStringLiteral("airflow2"), QStringLiteral("#1f77b4")});
    m_v2 = Tests::startFleetSandbox(
        &m_nam, v2, {QStringLiteral("v2"), QStringLiteral("airflow3"), QStringLiteral("#d62728")});
    Tests::FleetSandboxOptions refused{QStringLiteral("bad"), QStringLiteral("locked out")};
    refused.password = QStringLiteral("wrong");
    m_refused = Tests::startFleetSandbox(&m_nam, v1, refused);
    QVERIFY(m_v1.server && m_v2.server && m_refused.server);
}

void TestFleetRunsModel::init()
{
    m_model = new FleetRunsModel(this);
    // Both sandboxes start their manual clocks at the same instant.
    const qint64 nowMs = m_v1.server->nowMs();
    m_model->setClock([nowMs] { return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC); });
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    m_proxy = new QSortFilterProxyModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setSortRole(FleetRunsModel::SortRole);
    m_proxy->setFilterKeyColumn(FleetRunsModel::DagId);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, m_proxy);
    m_model->setMembers({m_v1.member, m_v2.member, m_refused.member});
}

void TestFleetRunsModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
    m_proxy = nullptr;
}

void TestFleetRunsModel::cleanupTestCase()
{
    m_v1 = {};
    m_v2 = {};
    m_refused = {};
}

TestFleetRunsModel::Expected TestFleetRunsModel::expected(FleetSandbox &sandbox)
{
    Expected result;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(sandbox.server->nowMs(), Qt::UTC);
    for (const QString &state : {QStringLiteral("failed"), QStringLiteral("running")}) {
        Api::DagRunQuery query;
        query.dagId = QStringLiteral("~");
        query.limit = 100;
        query.states = {state};
        if (state == QLatin1String("failed"))
            query.endDateFrom = now.addSecs(-24 * 3600);
        const auto page = awaitResult<Api::Page<Api::DagRun>>(
            [&](auto done) { sandbox.member.client->dagRuns(query, this, done); });
        if (!page || !page->ok())
            return {};
        (state == QLatin1String("failed") ? result.failed : result.running) = page->value().totalEntries;
        for (const Api::DagRun &run : page->value().items)
            result.runKeys.insert(run.dagId + QLatin1Char('/') + run.dagRunId);
    }
    return result;
}

void TestFleetRunsModel::refresh()
{
    QSignalSpy refreshed(m_model, &FleetRunsModel::refreshed);
    QSignalSpy loading(m_model, &FleetRunsModel::loadingChanged);
    m_model->refresh();
    QVERIFY(m_model->isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
    QVERIFY(!m_model->isLoading());
    QCOMPARE(loading.count(), 2);
}

int TestFleetRunsModel::deploymentRow(const QString &profileId) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(FleetRunsModel::ProfileIdRole).toString() == profileId)
            return row;
    }
    return -1;
}

void TestFleetRunsModel::countsAndChildrenMatchTheApi()
{
    QCOMPARE(m_model->rowCount(), 3);
    refresh();
    int children = 0;
    for (FleetSandbox *sandbox : {&m_v1, &m_v2}) {
        const Expected want = expected(*sandbox);
        QVERIFY(want.failed >= 0);
        const int row = deploymentRow(sandbox->member.profileId);
        QVERIFY(row >= 0);
        QCOMPARE(m_model->failedCount(row), want.failed);
        QCOMPARE(m_model->runningCount(row), want.running);
        const QModelIndex parent = m_model->index(row, 0);
        QCOMPARE(parent.data().toString(), sandbox->member.name);
        QCOMPARE(parent.data(FleetRunsModel::ColourRole).toString(), sandbox->member.colour);
        QVERIFY(parent.data(FleetRunsModel::ErrorRole).toString().isEmpty());
        QSet<QString> got;
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex child = m_model->index(r, 0, parent);
            got.insert(child.data(FleetRunsModel::DagIdRole).toString() + QLatin1Char('/') +
                       child.data(FleetRunsModel::RunIdRole).toString());
            QCOMPARE(child.data(FleetRunsModel::ProfileIdRole).toString(), sandbox->member.profileId);
            const QString state = m_model->index(r, FleetRunsModel::State, parent).data().toString();
            QVERIFY2(state == QLatin1String("failed") || state == QLatin1String("running"),
                     qPrintable(state));
        }
        QCOMPARE(got, want.runKeys);
        children += m_model->rowCount(parent);
    }
    QVERIFY2(children > 0, "the sandboxes have no failed or running runs: the test proves nothing");
}

void TestFleetRunsModel::refusedDeploymentShowsItsError()
{
    QSignalSpy errors(m_model, &FleetRunsModel::errorOccurred);
    refresh();
    const int row = deploymentRow(QStringLiteral("bad"));
    const QModelIndex parent = m_model->index(row, 0);
    const QString error = parent.data(FleetRunsModel::ErrorRole).toString();
    QVERIFY(!error.isEmpty());
    QCOMPARE(m_model->rowCount(parent), 0);
    QCOMPARE(m_model->failedCount(row), -1);
    QCOMPARE(m_model->index(row, FleetRunsModel::DagId).data().toString(), error);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).toString(), QStringLiteral("bad"));
}

void TestFleetRunsModel::refreshAgainKeepsTheTreeConsistent()
{
    refresh();
    const QPersistentModelIndex v1Row = m_model->index(deploymentRow(QStringLiteral("v1")), 0);
    // Time passes on both sandboxes: runs end, new ones start.
    m_v1.server->advanceClock(3 * 3600 * 1000);
    m_v2.server->advanceClock(3 * 3600 * 1000);
    const qint64 nowMs = m_v1.server->nowMs();
    m_model->setClock([nowMs] { return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC); });
    refresh();
    QVERIFY(v1Row.isValid());
    QCOMPARE(v1Row.data().toString(), m_v1.member.name);
    const Expected want = expected(m_v1);
    QCOMPARE(m_model->failedCount(v1Row.row()), want.failed);
    QCOMPARE(m_model->runningCount(v1Row.row()), want.running);
    // A refresh while one runs: the first is dropped, the second completes.
    QSignalSpy refreshed(m_model, &FleetRunsModel::refreshed);
    m_model->refresh();
    m_model->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
    QTest::qWait(200);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(m_model->failedCount(v1Row.row()), want.failed);
}

void TestFleetRunsModel::filterAndSortThroughAProxy()
{
    refresh();
    const int row = deploymentRow(QStringLiteral("v1"));
    const QModelIndex parent = m_model->index(row, 0);
    QVERIFY(m_model->rowCount(parent) > 0);
    const QString dagId = m_model->index(0, 0, parent).data(FleetRunsModel::DagIdRole).toString();
    int matching = 0;
    for (FleetSandbox *sandbox : {&m_v1, &m_v2}) {
        const QModelIndex p = m_model->index(deploymentRow(sandbox->member.profileId), 0);
        for (int r = 0; r < m_model->rowCount(p); ++r)
            matching += m_model->index(r, 0, p).data(FleetRunsModel::DagIdRole).toString() == dagId ? 1 : 0;
    }
    m_proxy->setFilterFixedString(dagId);
    int shown = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex p = m_proxy->index(r, 0);
        for (int c = 0; c < m_proxy->rowCount(p); ++c) {
            QVERIFY(m_proxy->index(c, FleetRunsModel::DagId, p).data().toString().contains(dagId));
            ++shown;
        }
    }
    QCOMPARE(shown, matching);
    m_proxy->setFilterFixedString(QString());
    m_proxy->sort(FleetRunsModel::Start, Qt::DescendingOrder);
    const QModelIndex p = m_proxy->index(m_proxy->mapFromSource(parent).row(), 0);
    for (int r = 1; r < m_proxy->rowCount(p); ++r) {
        QVERIFY(m_proxy->index(r - 1, FleetRunsModel::Start, p).data(FleetRunsModel::SortRole).toDateTime() >=
                m_proxy->index(r, FleetRunsModel::Start, p).data(FleetRunsModel::SortRole).toDateTime());
    }
    refresh(); // the proxy follows removals and inserts while sorted
    QCOMPARE(m_proxy->rowCount(), 3);
}

void TestFleetRunsModel::setMembersResets()
{
    refresh();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setMembers({m_v2.member});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 0);
    QCOMPARE(m_model->failedCount(0), -1);
    refresh();
    QCOMPARE(m_model->failedCount(0), expected(m_v2).failed);
}

QTEST_GUILESS_MAIN(TestFleetRunsModel)
#include "tst_fleetrunsmodel.moc"
