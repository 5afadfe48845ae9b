// The bulk block of the dialects: DialectV2's BulkBody requests (one action per BulkAction, the entity bodies
// of the single endpoints, the mask an update sends) and its BulkResponse decoder (null parts, error entries,
// wrong types named); and DialectV1's defaults, which say there is no bulk endpoint.
#include "api/dialectv1.h"
#include "api/dialectv2.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Windsock::Api;

class TestApiBulkShapes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void v1HasNoBulkEndpoint();
    void variablesBody();
    void updateMaskFollowsTheSetFields();
    void decodesTheResponse();
    void wrongTypesAreNamed_data();
    void wrongTypesAreNamed();
};

namespace {

QJsonArray actionsOf(const ApiRequest &request)
{
    return QJsonDocument::fromJson(request.body).object().value(QLatin1String("actions")).toArray();
}

} // namespace

void TestApiBulkShapes::v1HasNoBulkEndpoint()
{
    const DialectV1 v1;
    QVERIFY(!v1.hasBulkEndpoints());
    const Result<BulkResponse> decoded = v1.decodeBulkResponse(QJsonDocument(QJsonObject()));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind(), ApiError::Kind::Unsupported);
    QVERIFY(DialectV2().hasBulkEndpoints());
}

void TestApiBulkShapes::variablesBody()
{
    VariableBulkAction create;
    create.entities = {Variable{QStringLiteral("a"), QStringLiteral("1"), true, QStringLiteral("d")},
                       Variable{QStringLiteral("b/c"), QStringLiteral("2"), true, {}}};
    create.onExistence = BulkOnExistence::Skip;
    VariableBulkAction remove;
    remove.kind = BulkActionKind::Delete;
    remove.keys = {QStringLiteral("a")};
    const ApiRequest request = DialectV2().bulkVariablesRequest({create, remove});
    QCOMPARE(request.method, QByteArray("PATCH"));
    QCOMPARE(request.encodedPath, QStringLiteral("/api/v2/variables"));
    QVERIFY(request.query.isEmpty());
    const QJsonArray actions = actionsOf(request);
    QCOMPARE(actions.size(), 2);
    const QJsonObject first = actions.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("action")).toString(), QStringLiteral("create"));
    QCOMPARE(first.value(QLatin1String("action_on_existence")).toString(), QStringLiteral("skip"));
    QVERIFY(!first.contains(QLatin1String("action_on_non_existence")));
    const QJsonArray entities = first.value(QLatin1String("entities")).toArray();
    QCOMPARE(entities.at(0).toObject().value(QLatin1String("description")).toString(), QStringLiteral("d"));
    QVERIFY(entities.at(1).toObject().value(QLatin1String("description")).isNull());
    QCOMPARE(entities.at(1).toObject().value(QLatin1String("key")).toString(), QStringLiteral("b/c"));
    const QJsonObject second = actions.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("action")).toString(), QStringLiteral("delete"));
    QCOMPARE(second.value(QLatin1String("entities")).toArray(), QJsonArray{QStringLiteral("a")});
    QCOMPARE(second.value(QLatin1String("action_on_non_existence")).toString(), QStringLiteral("fail"));
}

void TestApiBulkShapes::updateMaskFollowsTheSetFields()
{
    // A pool update changes only the fields set, as a single PATCH does: PoolBody still needs slots.
    PoolRequest pool;
    pool.name = QStringLiteral("etl");
    pool.description = QString();
    PoolBulkAction update;
    update.kind = BulkActionKind::Update;
    update.entities = {pool};
    update.onNonExistence = BulkOnNonExistence::Skip;
    QJsonObject action = actionsOf(DialectV2().bulkPoolsRequest({update})).at(0).toObject();
    QCOMPARE(action.value(QLatin1String("update_mask")).toArray(), QJsonArray{QStringLiteral("description")});
    QCOMPARE(action.value(QLatin1String("action_on_non_existence")).toString(), QStringLiteral("skip"));
    QVERIFY(
        action.value(QLatin1String("entities")).toArray().at(0).toObject().contains(QLatin1String("slots")));

    // A connection update without conn_type: ConnectionBody needs one, the mask leaves it out.
    ConnectionRequest connection;
    connection.connectionId = QStringLiteral("db");
    connection.port = 5433;
    ConnectionBulkAction moved;
    moved.kind = BulkActionKind::Update;
    moved.entities = {connection};
    action = actionsOf(DialectV2().bulkConnectionsRequest({moved})).at(0).toObject();
    QCOMPARE(action.value(QLatin1String("update_mask")).toArray(), QJsonArray{QStringLiteral("port")});
    const QJsonObject entity = action.value(QLatin1String("entities")).toArray().at(0).toObject();
    QCOMPARE(entity.value(QLatin1String("conn_type")).toString(), QString());
    QCOMPARE(entity.value(QLatin1String("port")).toInt(), 5433);

    // An explicit mask wins.
    moved.updateMask = {QStringLiteral("host")};
    action = actionsOf(DialectV2().bulkConnectionsRequest({moved})).at(0).toObject();
    QCOMPARE(action.value(QLatin1String("update_mask")).toArray(), QJsonArray{QStringLiteral("host")});
}

void TestApiBulkShapes::decodesTheResponse()
{
    const QByteArray body =
        "{\"create\": {\"success\": [\"a\"], \"errors\": [{\"error\": \"The variables with "
        "these keys: {'b'} already exist.\", \"status_code\": 409}]}, \"update\": null, "
        "\"delete\": {\"success\": [], \"errors\": [{\"error\": {\"odd\": 1}}]}}";
    const Result<BulkResponse> decoded = DialectV2().decodeBulkResponse(QJsonDocument::fromJson(body));
    QVERIFY2(decoded.ok(), qPrintable(decoded.error().message()));
    const BulkResponse &response = decoded.value();
    QVERIFY(response.create);
    QVERIFY(!response.update);
    QVERIFY(response.remove);
    QCOMPARE(response.create->success, QStringList{QStringLiteral("a")});
    QCOMPARE(response.create->errors.size(), 1);
    QCOMPARE(response.create->errors.at(0).httpStatus, 409);
    QVERIFY(response.create->errors.at(0).message.contains(QLatin1String("'b'")));
    // An error that is not text is kept as its JSON, not dropped.
    QCOMPARE(response.remove->errors.at(0).message, QStringLiteral("{\"odd\":1}"));
    QCOMPARE(response.remove->errors.at(0).httpStatus, 0);
}

void TestApiBulkShapes::wrongTypesAreNamed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    QTest::newRow("success not a list")
        << QByteArray("{\"create\": {\"success\": \"a\"}}") << QStringLiteral("success");
    QTest::newRow("status not a number")
        << QByteArray("{\"delete\": {\"errors\": [{\"error\": \"x\", \"status_code\": \"404\"}]}}")
        << QStringLiteral("status_code");
    QTest::newRow("part not an object") << QByteArray("{\"update\": [1]}") << QStringLiteral("update");
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("bulk");
}

void TestApiBulkShapes::wrongTypesAreNamed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const Result<BulkResponse> decoded = DialectV2().decodeBulkResponse(QJsonDocument::fromJson(body));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().kind(), ApiError::Kind::UnexpectedShape);
    QVERIFY2(decoded.error().message().contains(named), qPrintable(decoded.error().message()));
}

QTEST_GUILESS_MAIN(TestApiBulkShapes)
#include "tst_api_bulk_shapes.moc"
