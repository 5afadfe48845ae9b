// DagSortFilterProxyModel on its own, over a hand-made tree that carries DagModel's roles: the text filter,
// the tag (any/all), owner, paused and newest-run-state filters, children that follow their DAG, and sorting
// by the raw-value role.
// QStandardItemModel stands in for the source here only (a test may use QtGui; the core may not).

#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>

using Windsock::Models::DagModel;
using Windsock::Models::DagSortFilterProxyModel;

class TestDagSortFilterProxyModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void filters_data();
    void filters();
    void childrenFollowTheirDag();
    void filtersByTagsOwnerPausedAndState_data();
    void filtersByTagsOwnerPausedAndState();
    void countsActiveFilters();
    void sortsByRawValueWithTiesByDagId_data();
    void sortsByRawValueWithTiesByDagId();

private:
    QStandardItem *addDag(const QString &dagId, const QStringList &owners, const QStringList &tags,
                          bool paused, const QDateTime &nextRun, const QString &state);
    QStringList proxyDagIds() const;

    QStandardItemModel *m_source = nullptr;
    DagSortFilterProxyModel *m_proxy = nullptr;
};

void TestDagSortFilterProxyModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDagSortFilterProxyModel::init()
{
    m_source = new QStandardItemModel(0, DagModel::ColumnCount);
    const QDateTime base(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
    addDag(QStringLiteral("etl_orders"), {QStringLiteral("data-eng")},
           {QStringLiteral("etl"), QStringLiteral("critical")}, false, base, QStringLiteral("success"));
    addDag(QStringLiteral("ETL_finance"), {QStringLiteral("finance-data")}, {QStringLiteral("Critical")},
           true, {}, QStringLiteral("failed"));
    addDag(QStringLiteral("report_users"), {QStringLiteral("analytics"), QStringLiteral("jane.doe")}, {},
           false, base.addDays(-1), QString());
    QStandardItem *train = addDag(QStringLiteral("train_model"), {QStringLiteral("ml-platform")},
                                  {QStringLiteral("ml")}, true, base.addDays(2), QStringLiteral("failed"));
    // A child row (as a run is), matching "scheduled" where its DAG does not.
    auto *run = new QStandardItem(QStringLiteral("scheduled__2025-06-01"));
    run->setData(QStringLiteral("scheduled__2025-06-01"), DagModel::DagIdRole);
    train->appendRow(run);

    m_proxy = new DagSortFilterProxyModel(m_source);
    new QAbstractItemModelTester(m_source, QAbstractItemModelTester::FailureReportingMode::QtTest, m_source);
    m_proxy->setSourceModel(m_source);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, m_source);
}

void TestDagSortFilterProxyModel::cleanup()
{
    delete m_source; // the proxy and the testers are its children
    m_source = nullptr;
    m_proxy = nullptr;
}

QStandardItem *TestDagSortFilterProxyModel::addDag(const QString &dagId, const QStringList &owners,
                                                   const QStringList &tags, bool paused,
                                                   const QDateTime &nextRun, const QString &state)
{
    QList<QStandardItem *> row;
    for (int column = 0; column < DagModel::ColumnCount; ++column) {
        auto *item = new QStandardItem;
        item->setData(dagId, DagModel::DagIdRole);
        item->setData(owners, DagModel::OwnersRole);
        item->setData(tags, DagModel::TagsRole);
        row.append(item);
    }
    row[DagModel::DagId]->setText(dagId);
    row[DagModel::DagId]->setData(dagId, DagModel::SortRole);
    row[DagModel::Paused]->setData(paused, DagModel::SortRole);
    row[DagModel::Owners]->setData(owners.join(QStringLiteral(", ")), DagModel::SortRole);
    row[DagModel::NextRun]->setData(nextRun, DagModel::SortRole);
    row[DagModel::State]->setData(state, DagModel::StateRole);
    m_source->appendRow(row);
    return row.constFirst();
}

QStringList TestDagSortFilterProxyModel::proxyDagIds() const
{
    QStringList ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids.append(m_proxy->index(row, 0).data(DagModel::DagIdRole).toString());
    return ids;
}

void TestDagSortFilterProxyModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString()
                           << QStringList{QStringLiteral("ETL_finance"), QStringLiteral("etl_orders"),
                                          QStringLiteral("report_users"), QStringLiteral("train_model")};
    QTest::newRow("id, any case") << QStringLiteral("etl_")
                                  << QStringList{QStringLiteral("ETL_finance"), QStringLiteral("etl_orders")};
    QTest::newRow("surrounding blanks")
        << QStringLiteral("  orders ") << QStringList{QStringLiteral("etl_orders")};
    QTest::newRow("second owner") << QStringLiteral("JANE") << QStringList{QStringLiteral("report_users")};
    QTest::newRow("tag") << QStringLiteral("critical")
                         << QStringList{QStringLiteral("ETL_finance"), QStringLiteral("etl_orders")};
    QTest::newRow("part of a tag") << QStringLiteral("m") << QStringList{QStringLiteral("train_model")};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList{};
}

void TestDagSortFilterProxyModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    m_proxy->sort(DagModel::DagId);
    m_proxy->setFilterText(text);
    QCOMPARE(proxyDagIds(), expected);
    QCOMPARE(m_proxy->filterText(), text.trimmed());
}

void TestDagSortFilterProxyModel::childrenFollowTheirDag()
{
    // Only DAGs are filtered: a run that matches does not bring back a DAG that does not.
    m_proxy->setFilterText(QStringLiteral("scheduled__"));
    QCOMPARE(proxyDagIds(), QStringList{});

    // A shown DAG keeps all of its children, whatever the filters say about them.
    m_proxy->setFilterText(QStringLiteral("train"));
    QCOMPARE(proxyDagIds(), QStringList{QStringLiteral("train_model")});
    QCOMPARE(m_proxy->rowCount(m_proxy->index(0, 0)), 1);
    m_proxy->setStateFilter(QStringLiteral("failed"));
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::PausedOnly);
    QCOMPARE(m_proxy->rowCount(m_proxy->index(0, 0)), 1);

    // A hidden DAG hides them.
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::ActiveOnly);
    QCOMPARE(m_proxy->rowCount(), 0);
}

void TestDagSortFilterProxyModel::filtersByTagsOwnerPausedAndState_data()
{
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<bool>("matchAll");
    QTest::addColumn<QString>("owner");
    QTest::addColumn<int>("paused");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("expected");
    const QString etlOrders = QStringLiteral("etl_orders");
    const QString etlFinance = QStringLiteral("ETL_finance");
    const QString report = QStringLiteral("report_users");
    const QString train = QStringLiteral("train_model");
    const int all = int(DagSortFilterProxyModel::PausedFilter::All);
    QTest::newRow("nothing") << QStringList{} << false << QString() << all << QString()
                             << QStringList{etlFinance, etlOrders, report, train};
    QTest::newRow("one tag, any case") << QStringList{QStringLiteral("CRITICAL")} << false << QString() << all
                                       << QString() << QStringList{etlFinance, etlOrders};
    QTest::newRow("tags, any") << QStringList{QStringLiteral("etl"), QStringLiteral("ml")} << false
                               << QString() << all << QString() << QStringList{etlOrders, train};
    QTest::newRow("tags, all") << QStringList{QStringLiteral("etl"), QStringLiteral("critical")} << true
                               << QString() << all << QString() << QStringList{etlOrders};
    QTest::newRow("tags, all, none has both") << QStringList{QStringLiteral("etl"), QStringLiteral("ml")}
                                              << true << QString() << all << QString() << QStringList{};
    QTest::newRow("second owner") << QStringList{} << false << QStringLiteral("Jane.Doe") << all << QString()
                                  << QStringList{report};
    QTest::newRow("owner is whole, not a part")
        << QStringList{} << false << QStringLiteral("jane") << all << QString() << QStringList{};
    QTest::newRow("active only") << QStringList{} << false << QString()
                                 << int(DagSortFilterProxyModel::PausedFilter::ActiveOnly) << QString()
                                 << QStringList{etlOrders, report};
    QTest::newRow("paused only") << QStringList{} << false << QString()
                                 << int(DagSortFilterProxyModel::PausedFilter::PausedOnly) << QString()
                                 << QStringList{etlFinance, train};
    QTest::newRow("failed") << QStringList{} << false << QString() << all << QStringLiteral("failed")
                            << QStringList{etlFinance, train};
    QTest::newRow("failed with a tag") << QStringList{QStringLiteral("critical")} << false << QString() << all
                                       << QStringLiteral("failed") << QStringList{etlFinance};
    QTest::newRow("success, active, owner") << QStringList{} << false << QStringLiteral("data-eng")
                                            << int(DagSortFilterProxyModel::PausedFilter::ActiveOnly)
                                            << QStringLiteral("success") << QStringList{etlOrders};
}

void TestDagSortFilterProxyModel::filtersByTagsOwnerPausedAndState()
{
    QFETCH(QStringList, tags);
    QFETCH(bool, matchAll);
    QFETCH(QString, owner);
    QFETCH(int, paused);
    QFETCH(QString, state);
    QFETCH(QStringList, expected);
    m_proxy->sort(DagModel::DagId);
    QSignalSpy changed(m_proxy, &DagSortFilterProxyModel::filtersChanged);
    m_proxy->setTagFilter(tags, matchAll);
    m_proxy->setOwnerFilter(owner);
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter(paused));
    m_proxy->setStateFilter(state);
    QCOMPARE(proxyDagIds(), expected);
    QCOMPARE(m_proxy->tagFilter(), tags);
    QCOMPARE(m_proxy->ownerFilter(), owner);
    QCOMPARE(int(m_proxy->pausedFilter()), paused);
    QCOMPARE(m_proxy->stateFilter(), state);

    m_proxy->clearFilters();
    QCOMPARE(proxyDagIds().size(), 4);
    QCOMPARE(changed.isEmpty(), QLatin1String(QTest::currentDataTag()) == QLatin1String("nothing"));
}

void TestDagSortFilterProxyModel::countsActiveFilters()
{
    QCOMPARE(m_proxy->activeFilterCount(), 0);
    m_proxy->setFilterText(QStringLiteral("etl")); // the text is not one of the bar's filters
    QCOMPARE(m_proxy->activeFilterCount(), 0);
    m_proxy->setTagFilter({QStringLiteral("etl")});
    m_proxy->setOwnerFilter(QStringLiteral("data-eng"));
    m_proxy->setPausedFilter(DagSortFilterProxyModel::PausedFilter::ActiveOnly);
    m_proxy->setStateFilter(QStringLiteral("success"));
    QCOMPARE(m_proxy->activeFilterCount(), 4);
    QCOMPARE(proxyDagIds(), QStringList{QStringLiteral("etl_orders")});
    m_proxy->clearFilters();
    QCOMPARE(m_proxy->activeFilterCount(), 0);
    QCOMPARE(m_proxy->filterText(), QStringLiteral("etl"));
}

void TestDagSortFilterProxyModel::sortsByRawValueWithTiesByDagId_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("id, case-insensitive")
        << int(DagModel::DagId) << Qt::AscendingOrder
        << QStringList{QStringLiteral("ETL_finance"), QStringLiteral("etl_orders"),
                       QStringLiteral("report_users"), QStringLiteral("train_model")};
    QTest::newRow("paused first when descending")
        << int(DagModel::Paused) << Qt::DescendingOrder
        << QStringList{QStringLiteral("train_model"), QStringLiteral("ETL_finance"),
                       QStringLiteral("report_users"), QStringLiteral("etl_orders")};
    QTest::newRow("paused, ties by id")
        << int(DagModel::Paused) << Qt::AscendingOrder
        << QStringList{QStringLiteral("etl_orders"), QStringLiteral("report_users"),
                       QStringLiteral("ETL_finance"), QStringLiteral("train_model")};
    QTest::newRow("next run, none last")
        << int(DagModel::NextRun) << Qt::AscendingOrder
        << QStringList{QStringLiteral("report_users"), QStringLiteral("etl_orders"),
                       QStringLiteral("train_model"), QStringLiteral("ETL_finance")};
    QTest::newRow("owners") << int(DagModel::Owners) << Qt::AscendingOrder
                            << QStringList{QStringLiteral("report_users"), QStringLiteral("etl_orders"),
                                           QStringLiteral("ETL_finance"), QStringLiteral("train_model")};
}

void TestDagSortFilterProxyModel::sortsByRawValueWithTiesByDagId()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    QSignalSpy layout(m_proxy, &QAbstractItemModel::layoutChanged);
    m_proxy->sort(column, order);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(proxyDagIds(), expected);
}

QTEST_GUILESS_MAIN(TestDagSortFilterProxyModel)
#include "tst_dagsortfilterproxymodel.moc"
