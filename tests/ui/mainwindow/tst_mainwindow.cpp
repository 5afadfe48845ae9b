// The main window in demo mode, offscreen, against the in-process sandbox: the DAG tree, the filter, sorting
// by a header click, pausing from the check box, the context menu and the keyboard, the status bar, the
// notice, and errors in plain words.

#include "api/airflowclient.h"
#include "auth/authenticator.h"
#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "mainwindow/deploymentstatuswidget.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/messagebar.h"
#include "mainwindow/session.h"
#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <sandbox/sandboxserver.h>

#include <memory>
#include <optional>

using Windsock::Models::DagModel;
using Windsock::Ui::DagSidebar;
using Windsock::Ui::MainWindow;
using Windsock::Ui::Session;
namespace Api = Windsock::Api;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void showsTheDemoDags();
    void saysWhyTheDemoShows_data();
    void saysWhyTheDemoShows();
    void filterNarrowsAsYouType();
    void headerClickSorts();
    void checkBoxPausesOnTheServer();
    void contextMenuAndShortcutsPauseAndCopy();
    void statusBarShowsVersionAndHealth();
    void detailsShowTheSelectedDag();
    void refusedPasswordShowsAPlainMessage();
    void failingServerKeepsWhatWasTyped();

private:
    void openWindow(Session::DemoReason reason = Session::DemoReason::Requested,
                    const Session::DemoOptions &options = {});
    void waitForAllDags();
    QTreeView *tree() const { return m_window->dagSidebar()->dagTree(); }
    QAbstractItemModel *treeModel() const { return tree()->model(); }
    int proxyRowOf(const QString &dagId) const;
    std::optional<Api::Dag> serverDag(const QString &dagId);
    void clickHeader(int section);
    void clickCheckBox(const QModelIndex &index);

    // The demo's DAGs load in well under a second; the margin is for a busy machine.
    static constexpr int LoadTimeoutMs = 30000;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

void TestMainWindow::openWindow(Session::DemoReason reason, const Session::DemoOptions &options)
{
    QString error;
    std::unique_ptr<Session> session(Session::startDemo(reason, options, &error));
    QVERIFY2(session, qPrintable(error));
    m_window = std::make_unique<MainWindow>(std::move(session));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::waitForAllDags()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), LoadTimeoutMs);
    QCOMPARE(treeModel()->rowCount(), Session::DemoOptions{}.dagCount);
}

int TestMainWindow::proxyRowOf(const QString &dagId) const
{
    for (int row = 0; row < treeModel()->rowCount(); ++row) {
        if (treeModel()->index(row, 0).data(DagModel::DagIdRole).toString() == dagId)
            return row;
    }
    return -1;
}

std::optional<Api::Dag> TestMainWindow::serverDag(const QString &dagId)
{
    // A GET of its own, past the window's model: what the server holds now.
    std::optional<Api::Result<Api::Dag>> answer;
    m_window->session()->client()->dag(dagId, this,
                                       [&answer](const Api::Result<Api::Dag> &result) { answer = result; });
    [&] { QTRY_VERIFY(answer.has_value()); }();
    if (!answer || !answer->ok())
        return std::nullopt;
    return answer->value();
}

void TestMainWindow::clickHeader(int section)
{
    QHeaderView *header = tree()->header();
    const QPoint centre(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
}

void TestMainWindow::clickCheckBox(const QModelIndex &index)
{
    // Where the delegate draws the box, as QStyledItemDelegate::editorEvent finds it.
    QStyleOptionViewItem option;
    option.initFrom(tree()->viewport());
    option.rect = tree()->visualRect(index);
    option.features |= QStyleOptionViewItem::HasCheckIndicator;
    option.checkState = Qt::CheckState(index.data(Qt::CheckStateRole).toInt());
    const QRect box = tree()->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, tree());
    QVERIFY(box.isValid());
    QTest::mouseClick(tree()->viewport(), Qt::LeftButton, {}, box.center());
}

void TestMainWindow::showsTheDemoDags()
{
    openWindow();
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Demo sandbox"));
    QCOMPARE(m_window->dagSidebar()->findChild<QLabel *>(QStringLiteral("deploymentName"))->text(),
             QStringLiteral("Demo sandbox"));
    waitForAllDags();
    QCOMPARE(m_window->dagModel()->totalEntries(), Session::DemoOptions{}.dagCount);

    // Sorted by DAG id from the start, like the server's own order.
    std::optional<Api::Result<Api::Page<Api::Dag>>> firstPage;
    Api::DagQuery query;
    query.limit = 1;
    m_window->session()->client()->dags(
        query, this, [&](const Api::Result<Api::Page<Api::Dag>> &result) { firstPage = result; });
    QTRY_VERIFY(firstPage.has_value());
    QVERIFY(firstPage->ok());
    QCOMPARE(treeModel()->index(0, DagModel::DagId).data().toString(),
             firstPage->value().items.constFirst().dagId);
    QCOMPARE(tree()->header()->sortIndicatorSection(), int(DagModel::DagId));
    QCOMPARE(tree()->header()->sortIndicatorOrder(), Qt::AscendingOrder);

    // The last-run states come in and the footer counts.
    QTRY_VERIFY(!treeModel()->index(0, DagModel::LastRunState).data().toString().isEmpty());
    QTRY_COMPARE(m_window->dagSidebar()->findChild<QLabel *>(QStringLiteral("dagCount"))->text(),
                 QStringLiteral("%1 DAGs").arg(Session::DemoOptions{}.dagCount));
    QVERIFY(!m_window->errorBar()->isVisible());
}

void TestMainWindow::saysWhyTheDemoShows_data()
{
    QTest::addColumn<Session::DemoReason>("reason");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no profile yet") << Session::DemoReason::NoProfile
                                    << QStringLiteral("No connection profile yet");
    QTest::newRow("--demo") << Session::DemoReason::Requested << QStringLiteral("Demo mode");
}

void TestMainWindow::saysWhyTheDemoShows()
{
    QFETCH(Session::DemoReason, reason);
    QFETCH(QString, expected);
    openWindow(reason);
    QVERIFY(m_window->noticeBar()->isVisible());
    QVERIFY2(m_window->noticeBar()->text().startsWith(expected), qPrintable(m_window->noticeBar()->text()));
    m_window->noticeBar()->dismiss();
    QVERIFY(!m_window->noticeBar()->isVisible());
}

void TestMainWindow::filterNarrowsAsYouType()
{
    openWindow();
    waitForAllDags();
    const int all = treeModel()->rowCount();
    QLineEdit *filter = m_window->dagSidebar()->filterEdit();

    QTest::keyClicks(filter, QStringLiteral("orde"));
    QTRY_VERIFY(treeModel()->rowCount() < all);
    QTest::keyClicks(filter, QStringLiteral("rs"));
    QTRY_VERIFY(treeModel()->rowCount() > 0);
    for (int row = 0; row < treeModel()->rowCount(); ++row)
        QVERIFY(treeModel()->index(row, DagModel::DagId).data().toString().contains(QLatin1String("orders")));

    // Owners and tags match too, whatever the case.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("Jane.Doe"));
    QTRY_VERIFY(treeModel()->rowCount() > 0);
    for (int row = 0; row < treeModel()->rowCount(); ++row) {
        QVERIFY(
            treeModel()->index(row, DagModel::Owners).data().toString().contains(QLatin1String("jane.doe")));
    }

    filter->clear();
    QTRY_COMPARE(treeModel()->rowCount(), all);
}

void TestMainWindow::headerClickSorts()
{
    openWindow();
    waitForAllDags();
    const int rows = treeModel()->rowCount();
    const auto text = [this](int row, int column) {
        return treeModel()->index(row, column).data().toString();
    };

    clickHeader(DagModel::DagId); // ascending -> descending
    QTRY_COMPARE(tree()->header()->sortIndicatorOrder(), Qt::DescendingOrder);
    for (int row = 0; row + 1 < rows; ++row)
        QVERIFY(QString::compare(text(row, DagModel::DagId), text(row + 1, DagModel::DagId),
                                 Qt::CaseInsensitive) >= 0);

    clickHeader(DagModel::Owners);
    QTRY_COMPARE(tree()->header()->sortIndicatorSection(), int(DagModel::Owners));
    const Qt::SortOrder order = tree()->header()->sortIndicatorOrder();
    for (int row = 0; row + 1 < rows; ++row) {
        const int cmp = QString::compare(text(row, DagModel::Owners), text(row + 1, DagModel::Owners),
                                         Qt::CaseInsensitive);
        QVERIFY(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0);
    }
    QVERIFY(text(0, DagModel::Owners) != text(rows - 1, DagModel::Owners));
}

void TestMainWindow::checkBoxPausesOnTheServer()
{
    openWindow();
    waitForAllDags();
    int row = 0;
    while (row < treeModel()->rowCount() &&
           treeModel()->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Checked)
        ++row;
    QVERIFY(row < treeModel()->rowCount());
    const QString dagId = treeModel()->index(row, 0).data(DagModel::DagIdRole).toString();
    std::optional<Api::Dag> before = serverDag(dagId);
    QVERIFY(before);
    QVERIFY(!before->isPaused);

    clickCheckBox(treeModel()->index(row, DagModel::Paused));
    const auto pausedCell = [&] { return treeModel()->index(proxyRowOf(dagId), DagModel::Paused); };
    QCOMPARE(pausedCell().data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QTRY_VERIFY(!pausedCell().data(DagModel::PauseInFlightRole).toBool());
    std::optional<Api::Dag> after = serverDag(dagId);
    QVERIFY(after);
    QVERIFY(after->isPaused);

    // And back.
    clickCheckBox(pausedCell());
    QCOMPARE(pausedCell().data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QTRY_VERIFY(!pausedCell().data(DagModel::PauseInFlightRole).toBool());
    after = serverDag(dagId);
    QVERIFY(after);
    QVERIFY(!after->isPaused);
    QVERIFY(!m_window->errorBar()->isVisible());
}

void TestMainWindow::contextMenuAndShortcutsPauseAndCopy()
{
    openWindow();
    waitForAllDags();
    QCOMPARE(tree()->contextMenuPolicy(), Qt::CustomContextMenu);
    // A DAG row offers the DAG actions (and only those).
    const QList<QAction *> menu = m_window->dagSidebar()->contextActions(treeModel()->index(0, 0));
    QVERIFY(menu.contains(m_window->triggerAction()));
    QVERIFY(menu.contains(m_window->pauseAction()));
    QVERIFY(menu.contains(m_window->unpauseAction()));
    QVERIFY(menu.contains(m_window->copyDagIdAction()));
    QVERIFY(!menu.contains(m_window->deploymentView()->watchAction()));

    int row = 0;
    while (treeModel()->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Checked)
        ++row;
    const QString dagId = treeModel()->index(row, 0).data(DagModel::DagIdRole).toString();
    tree()->setFocus();
    tree()->setCurrentIndex(treeModel()->index(row, DagModel::DagId));
    QCOMPARE(m_window->dagSidebar()->selectedDagIds(), QStringList{dagId});
    QVERIFY(m_window->pauseAction()->isEnabled());
    QVERIFY(!m_window->unpauseAction()->isEnabled());

    m_window->copyDagIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), dagId);

    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keySequence(m_window.get(), m_window->pauseAction()->shortcut());
    QTRY_VERIFY(!treeModel()->index(proxyRowOf(dagId), 0).data(DagModel::PauseInFlightRole).toBool());
    std::optional<Api::Dag> onServer = serverDag(dagId);
    QVERIFY(onServer);
    QVERIFY(onServer->isPaused);
    QTRY_VERIFY(m_window->unpauseAction()->isEnabled());
    QVERIFY(!m_window->pauseAction()->isEnabled());

    QTest::keySequence(m_window.get(), m_window->unpauseAction()->shortcut());
    QTRY_COMPARE(treeModel()->index(proxyRowOf(dagId), DagModel::Paused).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Unchecked));
    QTRY_VERIFY(!treeModel()->index(proxyRowOf(dagId), 0).data(DagModel::PauseInFlightRole).toBool());
    onServer = serverDag(dagId);
    QVERIFY(onServer);
    QVERIFY(!onServer->isPaused);
}

void TestMainWindow::statusBarShowsVersionAndHealth()
{
    openWindow();
    Windsock::Ui::DeploymentStatusWidget *status = m_window->deploymentStatus();
    QTRY_VERIFY2(status->versionText().startsWith(QLatin1String("Airflow 2.")),
                 qPrintable(status->versionText()));
    QTRY_VERIFY(status->healthText().contains(QLatin1String("Metadatabase: healthy")));
    QVERIFY(status->healthText().contains(QLatin1String("Scheduler: healthy")));

    const QList<QLabel *> components = status->findChildren<QLabel *>();
    bool sawGreen = false;
    for (const QLabel *label : components) {
        if (!label->text().endsWith(QLatin1String(": healthy")))
            continue;
        const QColor colour = label->palette().color(QPalette::WindowText);
        QVERIFY2(colour.green() > colour.red() && colour.green() > colour.blue(), qPrintable(colour.name()));
        sawGreen = true;
    }
    QVERIFY(sawGreen);
}

void TestMainWindow::detailsShowTheSelectedDag()
{
    openWindow();
    waitForAllDags();
    const QModelIndex third = treeModel()->index(2, DagModel::DagId);
    const QString dagId = third.data().toString();
    tree()->setCurrentIndex(third);
    Windsock::Ui::DagDetailsPage *details = m_window->dagDetailsPage();
    QCOMPARE(details->dagId(), dagId);
    QCOMPARE(details->findChild<QLabel *>(QStringLiteral("dagTitle"))->text(), dagId);
    QTRY_VERIFY(details->findChild<QLabel *>(QStringLiteral("dagFile"))
                    ->text()
                    .endsWith(dagId + QStringLiteral(".py")));
    QTRY_VERIFY(details->runList()->topLevelItemCount() > 0);
    QVERIFY(details->runList()->topLevelItemCount() <= Windsock::Ui::DagDetailsPage::RecentRunCount);
}

void TestMainWindow::refusedPasswordShowsAPlainMessage()
{
    Session::DemoOptions options;
    options.password = QStringLiteral("not-the-password");
    openWindow(Session::DemoReason::Requested, options);
    QTRY_VERIFY(m_window->errorBar()->isVisible());
    const QString message = m_window->errorBar()->text();
    QVERIFY2(message.contains(QLatin1String("401")) ||
                 message.contains(QLatin1String("credentials"), Qt::CaseInsensitive),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('{')), qPrintable(message));
    QCOMPARE(treeModel()->rowCount(), 0);
    // The window stays usable: the notice is still there and the status bar still answers (no credentials
    // needed).
    QVERIFY(m_window->noticeBar()->isVisible());
}

void TestMainWindow::failingServerKeepsWhatWasTyped()
{
    openWindow();
    waitForAllDags();
    QLineEdit *filter = m_window->dagSidebar()->filterEdit();
    QTest::keyClicks(filter, QStringLiteral("etl_"));
    QTRY_VERIFY(treeModel()->rowCount() > 0);
    const QString dagId = treeModel()->index(0, 0).data(DagModel::DagIdRole).toString();
    const int pausedBefore = treeModel()->index(0, DagModel::Paused).data(Qt::CheckStateRole).toInt();

    // The server now fails every request: a pause goes back, and the reason shows in plain words.
    Windsock::Sandbox::FaultOptions faults;
    faults.errorRate = 1.0;
    m_window->session()->sandbox()->setFaults(faults);
    clickCheckBox(treeModel()->index(0, DagModel::Paused));
    // (The newest message shows: last-run states still on their way may fail first.)
    QTRY_VERIFY2(m_window->errorBar()->text().contains(dagId), qPrintable(m_window->errorBar()->text()));
    QVERIFY(m_window->errorBar()->isVisible());
    QVERIFY(!m_window->errorBar()->text().contains(QLatin1Char('{')));
    QTRY_COMPARE(treeModel()->index(proxyRowOf(dagId), DagModel::Paused).data(Qt::CheckStateRole).toInt(),
                 pausedBefore);

    // A server that drops every connection, on reload.
    faults = {};
    faults.dropRate = 1.0;
    m_window->session()->sandbox()->setFaults(faults);
    m_window->errorBar()->dismiss();
    m_window->reloadAction()->trigger();
    QTRY_VERIFY(m_window->errorBar()->isVisible());
    // The newest message shows: the list, the filter's server search and the details page each say what
    // failed, all in plain words with the cause.
    const QString message = m_window->errorBar()->text();
    QVERIFY2(message.startsWith(QLatin1String("Could not ")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("closed the connection")), qPrintable(message));
    QCOMPARE(filter->text(), QStringLiteral("etl_"));

    // Once the server is back, a reload brings the DAGs back under the same filter.
    m_window->session()->sandbox()->setFaults({});
    m_window->reloadAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->isComplete(), LoadTimeoutMs);
    QVERIFY(treeModel()->rowCount() > 0);
    QVERIFY(treeModel()->index(0, 0).data(DagModel::DagIdRole).toString().contains(QLatin1String("etl_")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
