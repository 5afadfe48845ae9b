// AirflowClient's bulk calls (bulkVariables, bulkConnections, bulkPools) against the sandbox in both API
// modes: one PATCH on Airflow 3, one request per entity on Airflow 2, and the same result either way.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QPointer>
#include <QTest>

using namespace Windsock::Api;
using namespace Windsock::Sandbox;
using Windsock::Tests::awaitResult;
using Status = BulkItemResult::Status;

class TestApiBulk final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void variables_data() { modes(); }
    void variables();
    void connections_data() { modes(); }
    void connections();
    void pools_data() { modes(); }
    void pools();
    void requestsPerDialect_data() { modes(); }
    void requestsPerDialect();
    void serverRefusal_data() { modes(); }
    void serverRefusal();
    void cancel_data() { modes(); }
    void cancel();

private:
    static void modes()
    {
        QTest::addColumn<bool>("v2");
        QTest::newRow("Airflow 2 (one by one)") << false;
        QTest::newRow("Airflow 3 (bulk PATCH)") << true;
    }
    void start(bool v2, const QString &password = QStringLiteral("admin"));
    BulkResult variablesBulk(const QList<VariableBulkAction> &actions);
    std::optional<Variable> stored(const QString &key);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;
};

namespace {

Variable variable(const QString &key, const QString &value, const QString &description = {})
{
    Variable v;
    v.key = key;
    v.value = value;
    v.description = description;
    return v;
}

template<typename Entity>
BulkAction<Entity> creating(QList<Entity> entities, BulkOnExistence onExistence = BulkOnExistence::Fail)
{
    BulkAction<Entity> action;
    action.kind = BulkActionKind::Create;
    action.entities = std::move(entities);
    action.onExistence = onExistence;
    return action;
}

template<typename Entity>
BulkAction<Entity> updating(QList<Entity> entities, BulkOnNonExistence onMissing = BulkOnNonExistence::Fail,
                            QStringList mask = {})
{
    BulkAction<Entity> action;
    action.kind = BulkActionKind::Update;
    action.entities = std::move(entities);
    action.onNonExistence = onMissing;
    action.updateMask = std::move(mask);
    return action;
}

template<typename Entity>
BulkAction<Entity> deleting(QStringList keys, BulkOnNonExistence onMissing = BulkOnNonExistence::Fail)
{
    BulkAction<Entity> action;
    action.kind = BulkActionKind::Delete;
    action.keys = std::move(keys);
    action.onNonExistence = onMissing;
    return action;
}

// "key=status" for each item, to compare whole results at once.
QStringList summary(const BulkResult &result)
{
    QStringList lines;
    for (const BulkItemResult &item : result.items) {
        const char *status = item.status == Status::Succeeded ? "ok"
                             : item.status == Status::Skipped ? "skipped"
                                                              : "failed";
        lines.append(item.key + u'=' + QLatin1String(status));
    }
    return lines;
}

} // namespace

void TestApiBulk::init()
{
    QFETCH(bool, v2);
    start(v2);
}

void TestApiBulk::cleanup()
{
    m_api.reset();
    m_sandbox.reset();
}

void TestApiBulk::start(bool v2, const QString &password)
{
    SandboxOptions options;
    options.api = v2 ? ApiVersion::V2 : ApiVersion::V1;
    options.clock = ClockKind::Manual;
    options.dagCount = 3;
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY(m_sandbox->listen(0));
    if (v2)
        m_api = std::make_unique<AirflowClient>(
            &m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV2>(),
            std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), password));
    else
        m_api = std::make_unique<AirflowClient>(
            &m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV1>(),
            std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("admin"), password));
}

BulkResult TestApiBulk::variablesBulk(const QList<VariableBulkAction> &actions)
{
    const auto result =
        awaitResult<BulkResult>([&](auto done) { m_api->bulkVariables(actions, this, done); });
    if (!result || !result->ok()) {
        qWarning() << (result ? result->error().message() : QStringLiteral("no answer"));
        return {};
    }
    return result->value();
}

std::optional<Variable> TestApiBulk::stored(const QString &key)
{
    const auto result = awaitResult<Variable>([&](auto done) { m_api->variable(key, this, done); });
    if (!result || !result->ok())
        return std::nullopt;
    return result->value();
}

void TestApiBulk::variables()
{
    BulkResult result =
        variablesBulk({creating<Variable>({variable(QStringLiteral("a"), QStringLiteral("1")),
                                           variable(QStringLiteral("b"), QStringLiteral("2"))})});
    QCOMPARE(summary(result), (QStringList{QStringLiteral("a=ok"), QStringLiteral("b=ok")}));

    // fail: one clash and nothing of the action happens; every entity says why.
    result = variablesBulk({creating<Variable>({variable(QStringLiteral("c"), QStringLiteral("3")),
                                                variable(QStringLiteral("a"), QStringLiteral("9"))})});
    QCOMPARE(summary(result), (QStringList{QStringLiteral("c=failed"), QStringLiteral("a=failed")}));
    QVERIFY2(result.items.at(1).message.contains(QLatin1String("a")), qPrintable(result.items.at(1).message));
    QCOMPARE(result.items.at(1).httpStatus, 409);
    QVERIFY(!stored(QStringLiteral("c")));
    QCOMPARE(stored(QStringLiteral("a"))->value, QStringLiteral("1"));

    // skip and overwrite, then an update with a mask, then deletes; several actions in one call.
    result = variablesBulk(
        {creating<Variable>({variable(QStringLiteral("a"), QStringLiteral("x")),
                             variable(QStringLiteral("c"), QStringLiteral("3"))},
                            BulkOnExistence::Skip),
         creating<Variable>({variable(QStringLiteral("b"), QStringLiteral("20"), QStringLiteral("bee"))},
                            BulkOnExistence::Overwrite),
         updating<Variable>({variable(QStringLiteral("c"), QStringLiteral("30")),
                             variable(QStringLiteral("zz"), QStringLiteral("0"))},
                            BulkOnNonExistence::Skip, {QStringLiteral("value")})});
    QCOMPARE(summary(result),
             (QStringList{QStringLiteral("a=skipped"), QStringLiteral("c=ok"), QStringLiteral("b=ok"),
                          QStringLiteral("c=ok"), QStringLiteral("zz=skipped")}));
    QCOMPARE(result.count(Status::Succeeded), 3);
    QCOMPARE(stored(QStringLiteral("a"))->value, QStringLiteral("1"));
    QCOMPARE(stored(QStringLiteral("b"))->value, QStringLiteral("20"));
    QCOMPARE(stored(QStringLiteral("b"))->description, QStringLiteral("bee"));
    QCOMPARE(stored(QStringLiteral("c"))->value, QStringLiteral("30"));
    QVERIFY(!stored(QStringLiteral("zz")));

    result = variablesBulk({deleting<Variable>({QStringLiteral("a"), QStringLiteral("nope")})});
    QCOMPARE(summary(result), (QStringList{QStringLiteral("a=failed"), QStringLiteral("nope=failed")}));
    QCOMPARE(result.items.at(1).httpStatus, 404);
    QVERIFY(stored(QStringLiteral("a")));
    result = variablesBulk(
        {deleting<Variable>({QStringLiteral("a"), QStringLiteral("nope")}, BulkOnNonExistence::Skip)});
    QCOMPARE(summary(result), (QStringList{QStringLiteral("a=ok"), QStringLiteral("nope=skipped")}));
    QVERIFY(!stored(QStringLiteral("a")));
    QCOMPARE(result.failures().size(), 0);
}

void TestApiBulk::connections()
{
    ConnectionRequest connection;
    connection.connectionId = QStringLiteral("bulk_http");
    connection.connType = QStringLiteral("http");
    connection.host = QStringLiteral("example.org");
    auto result = awaitResult<BulkResult>(
        [&](auto done) { m_api->bulkConnections({creating<ConnectionRequest>({connection})}, this, done); });
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_http=ok")});

    ConnectionRequest port;
    port.connectionId = QStringLiteral("bulk_http");
    port.port = 8443;
    result = awaitResult<BulkResult>(
        [&](auto done) { m_api->bulkConnections({updating<ConnectionRequest>({port})}, this, done); });
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_http=ok")});
    const auto read = awaitResult<Connection>(
        [&](auto done) { m_api->connection(QStringLiteral("bulk_http"), this, done); });
    QCOMPARE(read->value().port, 8443);
    QCOMPARE(read->value().host, QStringLiteral("example.org")); // outside the update: kept

    result = awaitResult<BulkResult>([&](auto done) {
        m_api->bulkConnections({deleting<ConnectionRequest>({QStringLiteral("bulk_http")})}, this, done);
    });
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_http=ok")});
    const auto gone = awaitResult<Connection>(
        [&](auto done) { m_api->connection(QStringLiteral("bulk_http"), this, done); });
    QCOMPARE(gone->error().kind(), ApiError::Kind::NotFound);
}

void TestApiBulk::pools()
{
    PoolRequest pool;
    pool.name = QStringLiteral("bulk_pool");
    pool.slots = 4;
    auto result = awaitResult<BulkResult>(
        [&](auto done) { m_api->bulkPools({creating<PoolRequest>({pool})}, this, done); });
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_pool=ok")});

    PoolRequest resize;
    resize.name = QStringLiteral("bulk_pool");
    resize.slots = 12;
    result = awaitResult<BulkResult>(
        [&](auto done) { m_api->bulkPools({updating<PoolRequest>({resize})}, this, done); });
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_pool=ok")});
    QCOMPARE(awaitResult<Pool>([&](auto done) { m_api->pool(QStringLiteral("bulk_pool"), this, done); })
                 ->value()
                 .slots,
             12);

    // default_pool is refused by the server, in its words.
    result = awaitResult<BulkResult>([&](auto done) {
        m_api->bulkPools({deleting<PoolRequest>({QStringLiteral("default_pool")})}, this, done);
    });
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("default_pool=failed")});
    QVERIFY2(result->value().items.at(0).message.contains(QLatin1String("Default Pool")),
             qPrintable(result->value().items.at(0).message));
    result = awaitResult<BulkResult>([&](auto done) {
        m_api->bulkPools({deleting<PoolRequest>({QStringLiteral("bulk_pool")})}, this, done);
    });
    QCOMPARE(summary(result->value()), QStringList{QStringLiteral("bulk_pool=ok")});
}

void TestApiBulk::requestsPerDialect()
{
    QFETCH(bool, v2);
    // Warm up (Airflow 3 logs in first).
    QVERIFY(awaitResult<Page<Variable>>([&](auto done) { m_api->variables({}, this, done); })->ok());
    const quint64 before = m_sandbox->requestCount();
    QList<Variable> many;
    for (int i = 0; i < 5; ++i)
        many.append(variable(QStringLiteral("many_%1").arg(i), QString::number(i)));
    const BulkResult result = variablesBulk({creating<Variable>(many)});
    QCOMPARE(result.count(Status::Succeeded), 5);
    // One PATCH; or per entity a read (to keep "fail" all-or-nothing) and a create.
    QCOMPARE(m_sandbox->requestCount() - before, v2 ? quint64(1) : quint64(10));
}

void TestApiBulk::serverRefusal()
{
    QFETCH(bool, v2);
    start(v2, QStringLiteral("wrong"));
    QVERIFY(m_api);
    const auto result = awaitResult<BulkResult>(
        [&](auto done) { m_api->bulkVariables({deleting<Variable>({QStringLiteral("x")})}, this, done); });
    // The whole call fails with the refusal, in both modes: nothing was done.
    QVERIFY(!result->ok());
    QCOMPARE(result->error().kind(), ApiError::Kind::Unauthorized);
}

void TestApiBulk::cancel()
{
    QList<Variable> many;
    for (int i = 0; i < 20; ++i)
        many.append(variable(QStringLiteral("cancelled_%1").arg(i), QString::number(i)));
    std::optional<Result<BulkResult>> result;
    QPointer<ApiCall> call = m_api->bulkVariables({creating<Variable>(many)}, this,
                                                  [&result](const Result<BulkResult> &r) { result = r; });
    QVERIFY(call);
    call->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().kind(), ApiError::Kind::Cancelled);
    // Exactly one answer.
    QTest::qWait(50);
    QVERIFY(result.has_value());
}

QTEST_GUILESS_MAIN(TestApiBulk)
#include "tst_api_bulk.moc"
