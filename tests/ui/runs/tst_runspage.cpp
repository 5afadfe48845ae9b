// The runs page offscreen on the sandbox: the state toggles filter the runs (failed shows only failed runs),
// "last 24 h" follows the page's clock, the status line counts what is loaded, sorting goes to the server or
// to the proxy by column, a double-click emits runActivated, and a dead server is reported in plain words.

#include "models/dagrunlistmodel.h"
#include "runs/runspage.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

#include <memory>

using Windsock::Models::DagRunListModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::RunsPage;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestRunsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheNewestRunsWithACount();
    void statusCountsTheLoadedRuns();
    void refreshReadsTheLoadedStretchOnly();
    void filterByFailedShowsOnlyFailedRuns();
    void lastDayFollowsThePageClock();
    void dagIdsNarrowTheList();
    void sortsByHeaderClicks();
    void doubleClickActivatesARun();
    void refreshKeepsTheRows();
    void reportsAnUnreachableServer();

private:
    void loadAll();
    int serverCount(const Api::DagRunBatchQuery &query);

    static constexpr int DagCount = 30;
    static constexpr int RunsPerDag = 10;
    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<RunsPage> m_page;
};

void TestRunsPage::initTestCase()
{
    Sandbox::SandboxOptions options;
    options.dagCount = DagCount;
    options.runsPerDag = RunsPerDag;
    options.seed = 31;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestRunsPage::init()
{
    m_page = std::make_unique<RunsPage>(m_client.get());
    new QAbstractItemModelTester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                 m_page.get());
    m_page->resize(1200, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestRunsPage::cleanup()
{
    m_page.reset();
}

void TestRunsPage::loadAll()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->totalEntries() >= 0 && !model->isLoading(), TimeoutMs);
    while (model->canFetchMore({}) || model->isLoading()) {
        model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), TimeoutMs);
    }
}

int TestRunsPage::serverCount(const Api::DagRunBatchQuery &filter)
{
    Api::DagRunBatchQuery query = filter;
    query.limit = 1;
    const auto page = awaitResult<Api::Page<Api::DagRun>>(
        [&](auto done) { m_client->listDagRunsBatch(query, this, done); });
    return page && page->ok() ? page->value().totalEntries : -1;
}

void TestRunsPage::showsTheNewestRunsWithACount()
{
    DagRunListModel *model = m_page->model();
    // The tester loads every page; the status line then counts them all.
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), TimeoutMs);
    const int total = DagCount * RunsPerDag;
    QCOMPARE(model->totalEntries(), total);
    QCOMPARE(m_page->statusText(), QStringLiteral("%1 runs").arg(QLocale().toString(total)));
    QCOMPARE(m_page->view()->model()->rowCount(), total);
    QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorSection(), int(DagRunListModel::LogicalDate));
    QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(m_page->errorText().isEmpty());
}

void TestRunsPage::statusCountsTheLoadedRuns()
{
    // Without a tester only the view asks for pages: the first fills it, the rest wait for scrolling.
    RunsPage page(m_client.get());
    page.resize(1200, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    DagRunListModel *model = page.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->totalEntries() >= 0 && !model->isLoading(), TimeoutMs);
    QCOMPARE(model->rowCount(), DagRunListModel::PageSize);
    const QLocale locale;
    QCOMPARE(page.statusText(),
             QStringLiteral("%1 of %2 runs loaded")
                 .arg(locale.toString(DagRunListModel::PageSize), locale.toString(DagCount * RunsPerDag)));
    QTableView *view = page.view();
    view->scrollToBottom(); // the view asks for the next page
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > DagRunListModel::PageSize && !model->isLoading(), TimeoutMs);
    QVERIFY(page.statusText().startsWith(locale.toString(model->rowCount()) + QStringLiteral(" of ")));
}

void TestRunsPage::refreshReadsTheLoadedStretchOnly()
{
    // The view alone asks for pages: one page is loaded, and a refresh keeps to it.
    RunsPage page(m_client.get());
    page.resize(1200, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    DagRunListModel *model = page.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->totalEntries() >= 0 && !model->isLoading(), TimeoutMs);
    QCOMPARE(model->rowCount(), DagRunListModel::PageSize);
    const int total = model->totalEntries();

    // One loaded run deleted, one new run triggered.
    const Api::DagRun doomed = model->dagRun(50);
    const auto deleted = awaitResult<Api::Nothing>(
        [&](auto done) { m_client->deleteDagRun(doomed.dagId, doomed.dagRunId, this, done); });
    QVERIFY(deleted && deleted->ok());
    m_sandbox->advanceClock(60 * 1000); // a logical date no run has yet
    Api::TriggerRequest trigger;
    trigger.dagId = model->dagRun(0).dagId;
    trigger.dagRunId = QStringLiteral("windsock_page_refresh");
    const auto triggered =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY(triggered && triggered->ok());

    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy refreshed(model, &DagRunListModel::refreshed);
    page.refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model->rowCount(), DagRunListModel::PageSize); // one in, one out: the same stretch
    QCOMPARE(model->dagRun(0).dagRunId, trigger.dagRunId);
    QCOMPARE(model->rowOfRun(doomed.dagId, doomed.dagRunId), -1);
    QCOMPARE(model->totalEntries(), total);

    // Paging goes on right after the stretch: the whole list, in the server's order, each run once.
    page.view()->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > DagRunListModel::PageSize && !model->isLoading(), TimeoutMs);
    while (model->canFetchMore({}) || model->isLoading()) {
        model->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), TimeoutMs);
    }
    Api::DagRunBatchQuery query;
    query.orderBy = QStringLiteral("-execution_date");
    QList<Api::DagRun> expected;
    while (expected.size() < total) {
        query.offset = int(expected.size());
        const auto answer = awaitResult<Api::Page<Api::DagRun>>(
            [&](auto done) { m_client->listDagRunsBatch(query, this, done); });
        QVERIFY(answer && answer->ok() && !answer->value().items.isEmpty());
        expected += answer->value().items;
    }
    QCOMPARE(model->rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(model->dagRun(row).dagRunId, expected.at(row).dagRunId);
}

void TestRunsPage::filterByFailedShowsOnlyFailedRuns()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), TimeoutMs);
    auto *failed = m_page->findChild<QToolButton *>(QStringLiteral("stateToggle_failed"));
    QVERIFY(failed);
    QVERIFY(!failed->isChecked());
    QTest::mouseClick(failed, Qt::LeftButton);
    QVERIFY(failed->isChecked());
    QCOMPARE(m_page->states(), QStringList{QStringLiteral("failed")});
    QCOMPARE(model->filter().states, QStringList{QStringLiteral("failed")});
    loadAll();

    Api::DagRunBatchQuery query;
    query.states = {QStringLiteral("failed")};
    const int expected = serverCount(query);
    QVERIFY(expected > 0);
    QAbstractItemModel *shown = m_page->view()->model();
    QCOMPARE(shown->rowCount(), expected);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, DagRunListModel::State).data().toString(), QStringLiteral("failed"));
    QCOMPARE(m_page->statusText(), QStringLiteral("%1 runs").arg(QLocale().toString(expected)));

    // Success as well: both states; then neither: every run again.
    QTest::mouseClick(m_page->findChild<QToolButton *>(QStringLiteral("stateToggle_success")),
                      Qt::LeftButton);
    loadAll();
    query.states = {QStringLiteral("success"), QStringLiteral("failed")};
    QCOMPARE(shown->rowCount(), serverCount(query));
    m_page->setStates({});
    loadAll();
    QCOMPARE(shown->rowCount(), DagCount * RunsPerDag);
}

void TestRunsPage::lastDayFollowsThePageClock()
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_sandbox->nowMs(), Qt::UTC);
    m_page->setClock([now] { return now; });
    m_page->setDateRange(RunsPage::DateRange::Last24Hours);
    QCOMPARE(m_page->model()->filter().logicalDateFrom, now.addDays(-1));
    QVERIFY(!m_page->model()->filter().logicalDateTo.isValid());
    loadAll();
    Api::DagRunBatchQuery query;
    query.logicalDateFrom = now.addDays(-1);
    const int expected = serverCount(query);
    QVERIFY(expected > 0 && expected < DagCount * RunsPerDag);
    QCOMPARE(m_page->model()->rowCount(), expected);
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        QVERIFY(m_page->model()->dagRun(row).logicalDate >= now.addDays(-1));

    // The same range on the start date instead.
    m_page->setDateRange(RunsPage::DateRange::Last7Days, RunsPage::DateField::StartDate);
    QCOMPARE(m_page->model()->filter().startDateFrom, now.addDays(-7));
    QVERIFY(!m_page->model()->filter().logicalDateFrom.isValid());
    loadAll();
    for (int row = 0; row < m_page->model()->rowCount(); ++row)
        QVERIFY(m_page->model()->dagRun(row).startDate >= now.addDays(-7));

    // A custom range typed backwards means the same range.
    m_page->setCustomDateRange(now, now.addDays(-2));
    QCOMPARE(m_page->model()->filter().logicalDateFrom.toSecsSinceEpoch() / 60,
             now.addDays(-2).toSecsSinceEpoch() / 60);
    QCOMPARE(m_page->model()->filter().logicalDateTo.toSecsSinceEpoch() / 60, now.toSecsSinceEpoch() / 60);

    m_page->setDateRange(RunsPage::DateRange::AnyTime);
    QVERIFY(!m_page->model()->filter().hasDateRange());
}

void TestRunsPage::dagIdsNarrowTheList()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), TimeoutMs);
    const QString first = model->dagRun(0).dagId;
    const QString last = model->dagRun(model->rowCount() - 1).dagId;
    auto *edit = m_page->findChild<QLineEdit *>(QStringLiteral("dagIdFilter"));
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, first + QStringLiteral(", ") + last);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(model->filter().dagIds, (QStringList{first, last}));
    loadAll();
    QVERIFY(model->rowCount() >= RunsPerDag);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->dagRun(row).dagId == first || model->dagRun(row).dagId == last);
}

void TestRunsPage::sortsByHeaderClicks()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), TimeoutMs);
    QHeaderView *header = m_page->view()->horizontalHeader();
    const auto clickSection = [header](int section) {
        const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };

    // Duration: the server cannot order by it, so the proxy sorts the loaded runs.
    clickSection(DagRunListModel::Duration);
    QCOMPARE(m_page->proxy()->sortColumn(), int(DagRunListModel::Duration));
    QCOMPARE(model->sortColumn(), int(DagRunListModel::LogicalDate));
    QAbstractItemModel *shown = m_page->view()->model();
    const Qt::SortOrder order = m_page->proxy()->sortOrder();
    for (int row = 1; row < shown->rowCount(); ++row) {
        const qint64 a =
            shown->index(row - 1, DagRunListModel::Duration).data(DagRunListModel::SortRole).toLongLong();
        const qint64 b =
            shown->index(row, DagRunListModel::Duration).data(DagRunListModel::SortRole).toLongLong();
        QVERIFY(order == Qt::AscendingOrder ? a <= b : a >= b);
    }

    // DAG: the server orders by it; the proxy steps back.
    clickSection(DagRunListModel::DagId);
    QCOMPARE(m_page->proxy()->sortColumn(), -1);
    QCOMPARE(model->sortColumn(), int(DagRunListModel::DagId));
    loadAll();
    QCOMPARE(shown->rowCount(), DagCount * RunsPerDag);
}

void TestRunsPage::doubleClickActivatesARun()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 3 && !model->isLoading(), TimeoutMs);
    QSignalSpy activated(m_page.get(), &RunsPage::runActivated);
    QTableView *view = m_page->view();
    const QModelIndex index = view->model()->index(2, DagRunListModel::RunId);
    const QRect rect = view->visualRect(index);
    QVERIFY(rect.isValid());
    // The first click of a double-click selects, as a person's would.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(activated.count() >= 1);
    QCOMPARE(activated.first().at(0).toString(), model->dagRun(2).dagId);
    QCOMPARE(activated.first().at(1).toString(), model->dagRun(2).dagRunId);
}

void TestRunsPage::refreshKeepsTheRows()
{
    DagRunListModel *model = m_page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), TimeoutMs);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy refreshed(model, &DagRunListModel::refreshed);
    auto *button = m_page->findChild<QPushButton *>(QStringLiteral("refreshButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(m_page->statusText().contains(QStringLiteral("refreshing")));
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(reset.count(), 0);
    QVERIFY(!m_page->statusText().contains(QStringLiteral("refreshing")));

    auto *autoRefresh = m_page->findChild<QComboBox *>(QStringLiteral("autoRefreshCombo"));
    QVERIFY(autoRefresh);
    autoRefresh->setFocus();
    QTest::keyClick(autoRefresh, Qt::Key_Down); // "Every 10 s"
    QCOMPARE(model->autoRefreshInterval(), 10 * 1000);
}

void TestRunsPage::reportsAnUnreachableServer()
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
    auto page = std::make_unique<RunsPage>(client.get());
    page->show();
    QTRY_VERIFY_WITH_TIMEOUT(!page->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(
        page->errorText().startsWith(QStringLiteral("Could not load the DAG runs: Nothing is listening")),
        qPrintable(page->errorText()));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("runsError"))->isVisible());
}

QTEST_MAIN(TestRunsPage)
#include "tst_runspage.moc"
