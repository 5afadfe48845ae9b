// The fleet table on statuses made by hand (no refresher, no network): rows for every profile before their
// status arrives, "Refreshing…" while one is under way, the counts and their sort values, the colour as
// decoration, the message as tooltip, profiles added and removed without a reset, all under
// QAbstractItemModelTester.
#include "fleet/fleetstatus.h"
#include "models/fleetmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#ifdef WINDSOCK_TEST_WITH_GUI
#include <QColor>
#endif

using namespace Windsock;
using Fleet::FleetStatus;
using Fleet::Reachability;
using Models::FleetModel;

namespace {

Profiles::Profile profile(const QString &id, const QString &name, const QString &colour = {})
{
    Profiles::Profile p;
    p.id = id;
    p.name = name;
    p.colour = colour;
    p.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    return p;
}

FleetStatus okStatus(const QString &id, const QString &name, int dags)
{
    FleetStatus status;
    status.profileId = id;
    status.name = name;
    status.reachability = Reachability::Ok;
    status.apiName = QStringLiteral("Airflow 2 (/api/v1)");
    status.airflowVersion = QStringLiteral("2.10.5");
    status.healthText = QStringLiteral("healthy");
    status.dagCount = dags;
    status.pausedCount = 1;
    status.running = 2;
    status.failed24h = 3;
    status.importErrors = 0;
    status.lastRefresh = QDateTime::currentDateTimeUtc();
    return status;
}

} // namespace

class TestFleetModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsBeforeStatuses()
    {
        FleetModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles({profile(QStringLiteral("a"), QStringLiteral("alpha"), QStringLiteral("#ff0000")),
                           profile(QStringLiteral("b"), QStringLiteral("beta"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(FleetModel::ColumnCount));
        QCOMPARE(model.profileIdAt(0), QStringLiteral("a"));
        QCOMPARE(model.profileIdAt(1), QStringLiteral("b"));
        QCOMPARE(model.profileIdAt(2), QString());
        QCOMPARE(model.data(model.index(0, FleetModel::Deployment)).toString(), QStringLiteral("alpha"));
        QCOMPARE(model.data(model.index(0, FleetModel::Status)).toString(),
                 QStringLiteral("Not refreshed yet"));
        // Unknown counts show nothing rather than a number that is not known.
        QCOMPARE(model.data(model.index(0, FleetModel::Dags)).toString(), QString());
        QCOMPARE(model.data(model.index(0, FleetModel::Dags), FleetModel::SortRole).toInt(), -1);
        QCOMPARE(model.headerData(FleetModel::Failed24h, Qt::Horizontal).toString(),
                 QStringLiteral("Failed (24 h)"));
    }

    void statusesFillTheirRows()
    {
        FleetModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles({profile(QStringLiteral("a"), QStringLiteral("alpha"), QStringLiteral("#ff0000")),
                           profile(QStringLiteral("b"), QStringLiteral("beta"))});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        FleetStatus refreshing;
        refreshing.profileId = QStringLiteral("b");
        refreshing.name = QStringLiteral("beta");
        refreshing.reachability = Reachability::Refreshing;
        model.setStatus(refreshing);
        QCOMPARE(model.data(model.index(1, FleetModel::Status)).toString(), QStringLiteral("Refreshing…"));

        FleetStatus alpha = okStatus(QStringLiteral("a"), QStringLiteral("alpha"), 120);
        alpha.colour = QStringLiteral("#ff0000");
        alpha.message = QStringLiteral("No import errors: the server refused (HTTP 403).");
        alpha.importErrors = -1;
        model.setStatus(alpha);
        FleetStatus beta;
        beta.profileId = QStringLiteral("b");
        beta.name = QStringLiteral("beta");
        beta.reachability = Reachability::AuthFailed;
        beta.message = QStringLiteral("The server refused the credentials (HTTP 401).");
        model.setStatus(beta);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 3);
        QCOMPARE(model.rowCount(), 2);

        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, column), role);
        };
        QCOMPARE(cell(0, FleetModel::Status).toString(), QStringLiteral("Reachable"));
        QCOMPARE(cell(0, FleetModel::Api).toString(), QStringLiteral("Airflow 2 (/api/v1)"));
        QCOMPARE(cell(0, FleetModel::Version).toString(), QStringLiteral("2.10.5"));
        QCOMPARE(cell(0, FleetModel::Health).toString(), QStringLiteral("healthy"));
        QCOMPARE(cell(0, FleetModel::Dags).toString(), QStringLiteral("120"));
        QCOMPARE(cell(0, FleetModel::Dags, FleetModel::SortRole).toInt(), 120);
        QCOMPARE(cell(0, FleetModel::Paused).toString(), QStringLiteral("1"));
        QCOMPARE(cell(0, FleetModel::Running).toString(), QStringLiteral("2"));
        QCOMPARE(cell(0, FleetModel::Failed24h).toString(), QStringLiteral("3"));
        QCOMPARE(cell(0, FleetModel::ImportErrors).toString(), QStringLiteral("—"));
        QVERIFY(!cell(0, FleetModel::LastRefresh).toString().isEmpty());
        QCOMPARE(cell(0, FleetModel::Status, Qt::ToolTipRole).toString(), alpha.message);
        QCOMPARE(cell(0, FleetModel::Dags, FleetModel::ProfileIdRole).toString(), QStringLiteral("a"));
        QCOMPARE(cell(0, FleetModel::Dags, FleetModel::ReachabilityRole).toInt(), int(Reachability::Ok));
        QCOMPARE(cell(0, FleetModel::Dags, FleetModel::StatusRole).value<FleetStatus>().dagCount, 120);
        // The colour: a QColor when QtGui is loaded (the app), its "#rrggbb" name otherwise.
        QVERIFY(cell(0, FleetModel::Deployment, Qt::DecorationRole).isValid());
        QCOMPARE(cell(0, FleetModel::Deployment, Qt::DecorationRole).toString(), QStringLiteral("#ff0000"));
        QCOMPARE(cell(0, FleetModel::Running, FleetModel::ColourRole).toString(), QStringLiteral("#ff0000"));
        QVERIFY(!cell(0, FleetModel::Running, Qt::DecorationRole).isValid());
#ifdef WINDSOCK_TEST_WITH_GUI
        QCOMPARE(cell(0, FleetModel::Deployment, Qt::DecorationRole).metaType().id(), int(QMetaType::QColor));
        QCOMPARE(cell(0, FleetModel::Deployment, Qt::DecorationRole).value<QColor>(), QColor(Qt::red));
        QCOMPARE(cell(0, FleetModel::Dags, FleetModel::ColourRole).value<QColor>(), QColor(Qt::red));
#endif
        QVERIFY(!cell(1, FleetModel::Deployment, Qt::DecorationRole).isValid());

        QCOMPARE(cell(1, FleetModel::Status).toString(), QStringLiteral("Credentials refused"));
        QCOMPARE(cell(1, FleetModel::Status, Qt::ToolTipRole).toString(), beta.message);
        QCOMPARE(cell(1, FleetModel::Dags).toString(), QString());
        // Problems sort after what answered.
        QVERIFY(cell(1, FleetModel::Status, FleetModel::SortRole).toInt() >
                cell(0, FleetModel::Status, FleetModel::SortRole).toInt());
    }

    void sortsThroughAProxy()
    {
        FleetModel model(nullptr);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(FleetModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles({profile(QStringLiteral("a"), QStringLiteral("a")),
                           profile(QStringLiteral("b"), QStringLiteral("b")),
                           profile(QStringLiteral("c"), QStringLiteral("c"))});
        model.setStatus(okStatus(QStringLiteral("a"), QStringLiteral("a"), 9));
        model.setStatus(okStatus(QStringLiteral("b"), QStringLiteral("b"), 100));
        FleetStatus c = okStatus(QStringLiteral("c"), QStringLiteral("c"), 20);
        c.airflowVersion = QStringLiteral("2.9.3");
        model.setStatus(c);
        proxy.sort(FleetModel::Dags, Qt::DescendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, FleetModel::Deployment)).toString(), QStringLiteral("b"));
        QCOMPARE(proxy.data(proxy.index(2, FleetModel::Deployment)).toString(), QStringLiteral("a"));
        // 2.10 after 2.9: versions sort as numbers.
        proxy.sort(FleetModel::Version, Qt::DescendingOrder);
        QCOMPARE(proxy.data(proxy.index(2, FleetModel::Deployment)).toString(), QStringLiteral("c"));
    }

    void profilesChangeWithoutReset()
    {
        FleetModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles({profile(QStringLiteral("a"), QStringLiteral("alpha")),
                           profile(QStringLiteral("b"), QStringLiteral("beta"))});
        model.setStatus(okStatus(QStringLiteral("a"), QStringLiteral("alpha"), 5));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setProfiles({profile(QStringLiteral("a"), QStringLiteral("alpha renamed")),
                           profile(QStringLiteral("c"), QStringLiteral("gamma"))});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, FleetModel::Deployment)).toString(),
                 QStringLiteral("alpha renamed"));
        // The status of a profile that stays is kept.
        QCOMPARE(model.data(model.index(0, FleetModel::Dags)).toString(), QStringLiteral("5"));
        QCOMPARE(model.profileIdAt(1), QStringLiteral("c"));
        // A status for a profile without a row adds one.
        model.setStatus(okStatus(QStringLiteral("d"), QStringLiteral("delta"), 1));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("d")), 2);
        model.setProfiles({});
        QCOMPARE(model.rowCount(), 0);
    }

    void reachabilityWords()
    {
        QCOMPARE(Fleet::reachabilityText(Reachability::Ok), QStringLiteral("Reachable"));
        QCOMPARE(Fleet::reachabilityText(Reachability::Unreachable), QStringLiteral("Unreachable"));
        QCOMPARE(Fleet::reachabilityText(Reachability::AuthFailed), QStringLiteral("Credentials refused"));
        QCOMPARE(Fleet::reachabilityKey(Reachability::AuthFailed), QStringLiteral("auth-failed"));
        QCOMPARE(Fleet::reachabilityKey(Reachability::ProfileProblem), QStringLiteral("profile-problem"));
    }
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
