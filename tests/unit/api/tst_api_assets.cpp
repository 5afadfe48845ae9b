// Datasets (Airflow 2.4+, DialectV1) and assets (Airflow 3, DialectV2): the requests, both answer shapes with
// absent and null fields, a field of the wrong type named in the error, and where neither exists.
#include "api/dialectexperimental.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Windsock::Api;

class TestApiAssets final : public QObject
{
    Q_OBJECT

private:
    static QString queryValue(const ApiRequest &request, const QString &key)
    {
        for (const auto &[name, value] : request.query) {
            if (name == key)
                return value;
        }
        return QString();
    }
    static QJsonObject reference(const char *dagId, const char *taskId = nullptr)
    {
        QJsonObject o{{QStringLiteral("dag_id"), QLatin1String(dagId)},
                      {QStringLiteral("created_at"), QStringLiteral("2025-06-01T12:00:00+00:00")},
                      {QStringLiteral("updated_at"), QStringLiteral("2025-06-01T12:00:00+00:00")}};
        if (taskId)
            o.insert(QStringLiteral("task_id"), QLatin1String(taskId));
        return o;
    }
    static QJsonDocument collection(const char *key, const QJsonObject &item, int total = 1)
    {
        return QJsonDocument(
            QJsonObject{{QLatin1String(key), QJsonArray{item}}, {QStringLiteral("total_entries"), total}});
    }
    static Version version(const char *text)
    {
        Version v;
        v.version = QLatin1String(text);
        return v;
    }

private Q_SLOTS:
    void requests()
    {
        CollectionQuery query;
        query.limit = 25;
        query.offset = 50;
        query.orderBy = QStringLiteral("-updated_at");
        const ApiRequest v1 = DialectV1().assetsRequest(query);
        QVERIFY(v1.unavailable.isEmpty());
        QCOMPARE(v1.encodedPath, QStringLiteral("/api/v1/datasets"));
        QCOMPARE(queryValue(v1, QStringLiteral("limit")), QStringLiteral("25"));
        QCOMPARE(queryValue(v1, QStringLiteral("offset")), QStringLiteral("50"));
        QCOMPARE(queryValue(v1, QStringLiteral("order_by")), QStringLiteral("-updated_at"));
        const ApiRequest v2 = DialectV2().assetsRequest(query);
        QCOMPARE(v2.encodedPath, QStringLiteral("/api/v2/assets"));
        QCOMPARE(queryValue(v2, QStringLiteral("limit")), QStringLiteral("25"));
        QCOMPARE(queryValue(v2, QStringLiteral("order_by")), QStringLiteral("-updated_at"));
    }

    void decodesDatasets()
    {
        QJsonObject item{
            {QStringLiteral("id"), 3},
            {QStringLiteral("uri"), QStringLiteral("s3://warehouse/orders")},
            {QStringLiteral("extra"), QJsonObject{{QStringLiteral("owner"), QStringLiteral("de")}}},
            {QStringLiteral("created_at"), QStringLiteral("2025-06-01T10:00:00+00:00")},
            {QStringLiteral("updated_at"), QStringLiteral("2025-06-02T11:30:00+00:00")},
            {QStringLiteral("consuming_dags"), QJsonArray{reference("report"), reference("ml")}},
            {QStringLiteral("producing_tasks"), QJsonArray{reference("etl", "load")}},
            {QStringLiteral("unknown_field"), true}};
        const Result<Page<Asset>> page = DialectV1().decodeAssets(collection("datasets", item, 7));
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        QCOMPARE(page.value().totalEntries, 7);
        QCOMPARE(page.value().items.size(), 1);
        const Asset &asset = page.value().items.first();
        QCOMPARE(asset.id, 3);
        QCOMPARE(asset.uri, QStringLiteral("s3://warehouse/orders"));
        QCOMPARE(asset.name, asset.uri); // a dataset has no name
        QVERIFY(asset.group.isEmpty());
        QCOMPARE(asset.consumingDagIds, (QStringList{QStringLiteral("report"), QStringLiteral("ml")}));
        QCOMPARE(asset.producingTasks, QStringList{QStringLiteral("etl.load")});
        QCOMPARE(asset.updatedAt, QDateTime(QDate(2025, 6, 2), QTime(11, 30), Qt::UTC));
        QCOMPARE(asset.extra, QStringLiteral("{\"owner\":\"de\"}"));
    }

    void decodesAssets()
    {
        QJsonObject item{{QStringLiteral("id"), 9},
                         {QStringLiteral("name"), QStringLiteral("orders")},
                         {QStringLiteral("uri"), QStringLiteral("s3://warehouse/orders")},
                         {QStringLiteral("group"), QStringLiteral("asset")},
                         {QStringLiteral("extra"), QJsonValue::Null},
                         {QStringLiteral("created_at"), QStringLiteral("2025-06-01T10:00:00Z")},
                         {QStringLiteral("updated_at"), QStringLiteral("2025-06-01T10:00:00Z")},
                         {QStringLiteral("scheduled_dags"), QJsonArray{reference("report")}},
                         {QStringLiteral("producing_tasks"), QJsonArray{reference("etl", "load")}},
                         {QStringLiteral("consuming_tasks"), QJsonArray{}},
                         {QStringLiteral("aliases"), QJsonArray{}},
                         {QStringLiteral("watchers"), QJsonArray{}},
                         {QStringLiteral("last_asset_event"), QJsonValue::Null}};
        const Result<Page<Asset>> page = DialectV2().decodeAssets(collection("assets", item));
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        const Asset &asset = page.value().items.first();
        QCOMPARE(asset.id, 9);
        QCOMPARE(asset.name, QStringLiteral("orders"));
        QCOMPARE(asset.group, QStringLiteral("asset"));
        QCOMPARE(asset.consumingDagIds, QStringList{QStringLiteral("report")});
        QCOMPARE(asset.producingTasks, QStringList{QStringLiteral("etl.load")});
        QVERIFY(asset.extra.isEmpty());

        // Every field is optional: an empty object is an asset with nothing known.
        const Result<Page<Asset>> bare = DialectV2().decodeAssets(collection("assets", QJsonObject()));
        QVERIFY2(bare.ok(), qPrintable(bare.error().message()));
        QCOMPARE(bare.value().items.first().id, 0);
        QVERIFY(bare.value().items.first().consumingDagIds.isEmpty());
    }

    void wrongTypesNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("uri") << QStringLiteral("uri") << QJsonValue(5) << QStringLiteral("uri");
        QTest::newRow("extra") << QStringLiteral("extra") << QJsonValue(QStringLiteral("x"))
                               << QStringLiteral("extra");
        QTest::newRow("consumers") << QStringLiteral("scheduled_dags") << QJsonValue(QStringLiteral("a"))
                                   << QStringLiteral("scheduled_dags");
        QTest::newRow("producer") << QStringLiteral("producing_tasks") << QJsonValue(QJsonArray{7})
                                  << QStringLiteral("producing_tasks[0]");
        QTest::newRow("date") << QStringLiteral("updated_at") << QJsonValue(true)
                              << QStringLiteral("updated_at");
    }

    void wrongTypesNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, named);
        const Result<Page<Asset>> page =
            DialectV2().decodeAssets(collection("assets", QJsonObject{{field, value}}));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind(), ApiError::Kind::UnexpectedShape);
        QVERIFY2(page.error().message().contains(named), qPrintable(page.error().message()));
        QVERIFY2(page.error().message().contains(QStringLiteral("assets[0]")),
                 qPrintable(page.error().message()));

        const Result<Page<Asset>> notAList =
            DialectV1().decodeAssets(QJsonDocument(QJsonObject{{QStringLiteral("datasets"), 3}}));
        QVERIFY(!notAList.ok());
        QVERIFY(notAList.error().message().contains(QStringLiteral("datasets")));
    }

    void whereThereAreNone()
    {
        DialectV1 old;
        old.setServerVersion(version("2.3.4"));
        QCOMPARE(old.unavailableReason(Feature::Assets),
                 QStringLiteral("Datasets need Airflow 2.4 or later; this deployment runs Airflow 2.3.4."));
        QCOMPARE(old.assetsRequest({}).unavailable, old.unavailableReason(Feature::Assets));
        DialectV1 current;
        current.setServerVersion(version("2.4.0"));
        QVERIFY(current.supports(Feature::Assets));
        QVERIFY(DialectV2().supports(Feature::Assets));

        const DialectExperimental experimental;
        QCOMPARE(experimental.unavailableReason(Feature::Assets),
                 QStringLiteral("Airflow 1.10 has no datasets or assets."));
        QCOMPARE(experimental.assetsRequest({}).unavailable, experimental.unavailableReason(Feature::Assets));
        const Result<Page<Asset>> decoded = experimental.decodeAssets(QJsonDocument(QJsonObject()));
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind(), ApiError::Kind::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestApiAssets)
#include "tst_api_assets.moc"
