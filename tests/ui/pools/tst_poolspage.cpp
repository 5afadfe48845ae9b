// The pools page offscreen on the sandbox: the tree lists the pools, expanding a busy pool shows its running
// task instances, the slot-usage bar paints, Refresh re-reads in place, and a dead server is reported in
// plain words.

#include "models/poolmodel.h"
#include "pools/poolspage.h"
#include "pools/slotusagedelegate.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "profiles/messagebox.h"

#include "api/dialectv2.h"
#include "auth/jwtloginauthenticator.h"

#include <sandbox/sandboxserver.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

#include <memory>

using Windsock::Models::PoolModel;
using Windsock::Ui::PoolsPage;
using Windsock::Ui::SlotUsageDelegate;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestPoolsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsThePools();
    void expandingAPoolShowsItsRunningTaskInstances();
    void drawsTheSlotUsage();
    void refreshKeepsTheTree();
    void reportsAnUnreachableServer();
    void bulkDeleteOnAirflow3KeepsDefaultPool();

private:
    QModelIndex busyPool() const;

    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<PoolsPage> m_page;
};

void TestPoolsPage::initTestCase()
{
    Sandbox::SandboxOptions options;
    options.dagCount = 40;
    options.runsPerDag = 5;
    options.seed = 99;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestPoolsPage::init()
{
    m_page = std::make_unique<PoolsPage>(m_client.get());
    m_page->resize(1100, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isComplete(), TimeoutMs);
}

void TestPoolsPage::cleanup()
{
    m_page.reset();
}

QModelIndex TestPoolsPage::busyPool() const
{
    PoolModel *model = m_page->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->pool(row).runningSlots > 0)
            return model->index(row, PoolModel::Name);
    }
    return {};
}

void TestPoolsPage::listsThePools()
{
    PoolModel *model = m_page->model();
    QVERIFY(model->rowCount() >= 2);
    QCOMPARE(m_page->view()->model(), model);
    QCOMPARE(m_page->statusText(), QStringLiteral("%1 pools").arg(model->rowCount()));
    QVERIFY(m_page->errorText().isEmpty());
    QVERIFY(m_page->toolBar()->actions().contains(m_page->refreshAction()));
    // Nothing is fetched for a pool until it is expanded.
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->rowCount(model->index(row, 0)), 0);
}

void TestPoolsPage::expandingAPoolShowsItsRunningTaskInstances()
{
    PoolModel *model = m_page->model();
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_page.get());
    const QModelIndex pool = busyPool();
    QVERIFY2(pool.isValid(), "the sandbox should have a pool with running task instances");
    const Api::Pool value = pool.data(PoolModel::PoolRole).value<Api::Pool>();
    QTreeView *view = m_page->view();
    view->expand(pool); // as a click on the arrow does: the view asks the model for the children
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(pool) == value.runningSlots + value.queuedSlots, TimeoutMs);
    QVERIFY(view->isExpanded(pool));
    int running = 0;
    for (int row = 0; row < model->rowCount(pool); ++row) {
        const QModelIndex child = model->index(row, PoolModel::TaskId, pool);
        const Api::TaskInstance ti = child.data(PoolModel::TaskInstanceRole).value<Api::TaskInstance>();
        QCOMPARE(ti.pool, value.name);
        QVERIFY(PoolModel::slotStates().contains(ti.state));
        running += ti.state == QLatin1String("running");
        QCOMPARE(model->index(row, PoolModel::TaskState, pool).data().toString(), ti.state);
        QVERIFY(view->visualRect(child).isValid()); // shown under its pool
    }
    QCOMPARE(running, value.runningSlots);

    // Double-clicking a task instance hands it on.
    QSignalSpy activated(m_page.get(), &PoolsPage::taskInstanceActivated);
    const QModelIndex first = model->index(0, PoolModel::TaskId, pool);
    view->scrollTo(first);
    const QPoint where = view->visualRect(first).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, where);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, where);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(2).toString(),
             first.data(PoolModel::TaskInstanceRole).value<Api::TaskInstance>().taskId);
    QCOMPARE(m_page->currentPoolName(), value.name);
}

void TestPoolsPage::drawsTheSlotUsage()
{
    QCOMPARE(SlotUsageDelegate::usageText(3, 16), QStringLiteral("3 / 16"));
    QCOMPARE(SlotUsageDelegate::usageText(3, -1), QStringLiteral("3 (unlimited)"));
    auto *delegate =
        qobject_cast<SlotUsageDelegate *>(m_page->view()->itemDelegateForColumn(PoolModel::Occupied));
    QVERIFY(delegate);

    // A busy pool's cell gets a bar filled in the highlight colour.
    const QModelIndex pool = busyPool();
    QVERIFY(pool.isValid());
    const QModelIndex cell = pool.siblingAtColumn(PoolModel::Occupied);
    QVERIFY(cell.data(PoolModel::SlotUsageRole).toDouble() > 0);
    QStyleOptionViewItem option;
    option.initFrom(m_page->view());
    option.rect = QRect(0, 0, 120, 22);
    option.widget = m_page->view();
    QImage image(option.rect.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        delegate->paint(&painter, option, cell);
    }
    const QColor highlight = option.palette.color(QPalette::Highlight);
    int tinted = 0;
    for (int x = 2; x < image.width() - 2; ++x) {
        const QColor pixel = image.pixelColor(x, image.height() / 2);
        if (pixel != Qt::white && qAbs(pixel.hue() - highlight.hue()) < 20)
            ++tinted;
    }
    QVERIFY(tinted > 0);
    QVERIFY(delegate->sizeHint(option, cell).width() >=
            option.fontMetrics.horizontalAdvance(QStringLiteral("0 / 0")));
}

void TestPoolsPage::refreshKeepsTheTree()
{
    PoolModel *model = m_page->model();
    const QModelIndex pool = busyPool();
    m_page->view()->expand(pool);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(pool) > 0, TimeoutMs);
    const QPersistentModelIndex kept(pool);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy refreshed(model, &PoolModel::refreshed);
    m_sandbox->advanceClock(2 * 60 * 1000);
    m_page->refreshAction()->trigger();
    QVERIFY(m_page->statusText().contains(QStringLiteral("refreshing")));
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(reset.count(), 0);
    QVERIFY(kept.isValid());
    QVERIFY(m_page->view()->isExpanded(kept));
    QVERIFY(!m_page->statusText().contains(QStringLiteral("refreshing")));
}

void TestPoolsPage::reportsAnUnreachableServer()
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
    auto page = std::make_unique<PoolsPage>(client.get());
    page->show();
    QTRY_VERIFY_WITH_TIMEOUT(!page->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(page->errorText().startsWith(QStringLiteral("Could not load the pools: Nothing is listening")),
             qPrintable(page->errorText()));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("poolsError"))->isVisible());
}

// Several selected pools go in one bulk PATCH on Airflow 3; default_pool among them is refused by the server
// in its words, the page says why, and the others are deleted.
void TestPoolsPage::bulkDeleteOnAirflow3KeepsDefaultPool()
{
    Sandbox::SandboxOptions options;
    options.api = Sandbox::ApiVersion::V2;
    options.dagCount = 3;
    options.clock = Sandbox::ClockKind::Manual;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    Api::AirflowClient client(&m_network, sandbox.baseUrl(), std::make_unique<Api::DialectV2>(),
                              std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                  QStringLiteral("admin"), QStringLiteral("admin")));
    PoolsPage page(&client);
    page.resize(1100, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isComplete(), TimeoutMs);
    QItemSelectionModel *selection = page.view()->selectionModel();
    selection->clearSelection();
    for (const char *name : {"default_pool", "etl_pool", "reporting"})
        selection->select(page.model()->indexOfPool(QLatin1String(name)),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(page.selectedPoolNames(),
             (QStringList{QStringLiteral("default_pool"), QStringLiteral("etl_pool"),
                          QStringLiteral("reporting")}));
    Windsock::Ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    page.deleteAction()->trigger();
    QVERIFY(Windsock::Ui::MessageBox::lastText().contains(QLatin1String("these 3 pools")));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isDeleting(), TimeoutMs);
    const QString error = page.errorText();
    QVERIFY2(error.contains(QLatin1String("1 of 3")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("pool default_pool: Default Pool can't be deleted")),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not deleted or renamed")), qPrintable(error));
    const auto exists = [&](const char *name) {
        return Windsock::Tests::awaitResult<Api::Pool>(
                   [&](auto done) { client.pool(QLatin1String(name), this, done); })
            ->ok();
    };
    QVERIFY(exists("default_pool"));
    QVERIFY(!exists("etl_pool"));
    QVERIFY(!exists("reporting"));
    QVERIFY(exists("ml_training"));
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfPool(QStringLiteral("etl_pool")) < 0, TimeoutMs);
}

QTEST_MAIN(TestPoolsPage)
#include "tst_poolspage.moc"
