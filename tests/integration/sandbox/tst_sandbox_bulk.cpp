// The sandbox's Airflow 3 bulk endpoints (PATCH /api/v2/variables, /connections, /pools) over loopback:
// create/update/delete with every action_on_existence / action_on_non_existence, the per-action errors that
// name the keys, the 422 for a bad body (nothing done), and default_pool.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxBulk final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createFailsAsAWholeOnAClash();
    void createSkipsOrOverwrites();
    void updateWithMaskAndMissingKeys();
    void deleteAcceptsKeysAndObjects();
    void connectionsAndPools();
    void defaultPoolIsNotDeleted();
    void invalidBody_data();
    void invalidBody();
    void needsCredentials();

private:
    HttpAnswer call(const QByteArray &verb, const QString &path, const QByteArray &body = QByteArray(),
                    bool withAuth = true);
    HttpAnswer bulk(const QString &collection, const QJsonArray &actions);
    QJsonObject variable(const QString &key);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
    QByteArray m_token;
};

namespace {

QJsonObject var(const QString &key, const QJsonValue &value, const QJsonValue &description = QJsonValue::Null)
{
    return QJsonObject{{QStringLiteral("key"), key},
                       {QStringLiteral("value"), value},
                       {QStringLiteral("description"), description}};
}

QJsonObject action(const char *kind, const QJsonArray &entities, const char *rule = nullptr,
                   const char *value = nullptr)
{
    QJsonObject object{{QStringLiteral("action"), QLatin1String(kind)},
                       {QStringLiteral("entities"), entities}};
    if (rule)
        object.insert(QLatin1String(rule), QLatin1String(value));
    return object;
}

QStringList strings(const QJsonValue &array)
{
    QStringList list;
    for (const QJsonValue &item : array.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

void TestSandboxBulk::initTestCase()
{
    SandboxOptions options;
    options.api = ApiVersion::V2;
    options.clock = ClockKind::Manual;
    options.dagCount = 3;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
    const HttpAnswer login = call("POST", QStringLiteral("/auth/token"),
                                  "{\"username\": \"admin\", \"password\": \"admin\"}", false);
    QCOMPARE(login.status, 201);
    m_token = login.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(!m_token.isEmpty());
}

HttpAnswer TestSandboxBulk::call(const QByteArray &verb, const QString &path, const QByteArray &body,
                                 bool withAuth)
{
    QNetworkRequest request(m_http->url(path));
    if (withAuth)
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_http->exchange(request, verb, body);
}

HttpAnswer TestSandboxBulk::bulk(const QString &collection, const QJsonArray &actions)
{
    return call(
        "PATCH", QStringLiteral("/api/v2/") + collection,
        QJsonDocument(QJsonObject{{QStringLiteral("actions"), actions}}).toJson(QJsonDocument::Compact));
}

QJsonObject TestSandboxBulk::variable(const QString &key)
{
    const HttpAnswer answer = call("GET", QStringLiteral("/api/v2/variables/") + key);
    return answer.status == 200 ? answer.json() : QJsonObject();
}

void TestSandboxBulk::createFailsAsAWholeOnAClash()
{
    QCOMPARE(bulk(QStringLiteral("variables"),
                  {action("create", {var(QStringLiteral("bk_a"), QStringLiteral("1"))})})
                 .status,
             200);
    const HttpAnswer answer =
        bulk(QStringLiteral("variables"), {action("create",
                                                  {var(QStringLiteral("bk_new"), QStringLiteral("x")),
                                                   var(QStringLiteral("bk_a"), QStringLiteral("2"))},
                                                  "action_on_existence", "fail")});
    QCOMPARE(answer.status, 200);
    const QJsonObject create = answer.json().value(QStringLiteral("create")).toObject();
    QCOMPARE(strings(create.value(QStringLiteral("success"))), QStringList());
    const QJsonArray errors = create.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(QStringLiteral("status_code")).toInt(), 409);
    QVERIFY(
        errors.at(0).toObject().value(QStringLiteral("error")).toString().contains(QStringLiteral("'bk_a'")));
    QVERIFY(answer.json().value(QStringLiteral("update")).isNull());
    QVERIFY(answer.json().value(QStringLiteral("delete")).isNull());
    // Nothing of the action happened.
    QVERIFY(variable(QStringLiteral("bk_new")).isEmpty());
    QCOMPARE(variable(QStringLiteral("bk_a")).value(QStringLiteral("value")).toString(), QStringLiteral("1"));
}

void TestSandboxBulk::createSkipsOrOverwrites()
{
    QCOMPARE(bulk(QStringLiteral("variables"),
                  {action("create", {var(QStringLiteral("bk_s"), QStringLiteral("old"))})})
                 .status,
             200);
    HttpAnswer answer = bulk(QStringLiteral("variables"),
                             {action("create",
                                     {var(QStringLiteral("bk_s"), QStringLiteral("new")),
                                      var(QStringLiteral("bk_s2"), QJsonObject{{QStringLiteral("n"), 1}})},
                                     "action_on_existence", "skip")});
    QCOMPARE(answer.status, 200);
    QJsonObject create = answer.json().value(QStringLiteral("create")).toObject();
    QCOMPARE(strings(create.value(QStringLiteral("success"))), QStringList{QStringLiteral("bk_s2")});
    QVERIFY(create.value(QStringLiteral("errors")).toArray().isEmpty());
    QCOMPARE(variable(QStringLiteral("bk_s")).value(QStringLiteral("value")).toString(),
             QStringLiteral("old"));
    // A JSON value is stored as its text, as the single endpoint stores it.
    QCOMPARE(variable(QStringLiteral("bk_s2")).value(QStringLiteral("value")).toString(),
             QStringLiteral("{\"n\":1}"));

    answer = bulk(QStringLiteral("variables"),
                  {action("create", {var(QStringLiteral("bk_s"), QStringLiteral("new"), QStringLiteral("d"))},
                          "action_on_existence", "overwrite")});
    create = answer.json().value(QStringLiteral("create")).toObject();
    QCOMPARE(strings(create.value(QStringLiteral("success"))), QStringList{QStringLiteral("bk_s")});
    QCOMPARE(variable(QStringLiteral("bk_s")).value(QStringLiteral("value")).toString(),
             QStringLiteral("new"));
    QCOMPARE(variable(QStringLiteral("bk_s")).value(QStringLiteral("description")).toString(),
             QStringLiteral("d"));
}

void TestSandboxBulk::updateWithMaskAndMissingKeys()
{
    QCOMPARE(
        bulk(QStringLiteral("variables"),
             {action("create", {var(QStringLiteral("bk_u"), QStringLiteral("v"), QStringLiteral("keep"))})})
            .status,
        200);
    // fail: one missing key refuses the whole action.
    HttpAnswer answer = bulk(QStringLiteral("variables"),
                             {action("update", {var(QStringLiteral("bk_u"), QStringLiteral("v2")),
                                                var(QStringLiteral("bk_missing"), QStringLiteral("x"))})});
    QJsonObject update = answer.json().value(QStringLiteral("update")).toObject();
    QCOMPARE(strings(update.value(QStringLiteral("success"))), QStringList());
    QCOMPARE(update.value(QStringLiteral("errors"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status_code"))
                 .toInt(),
             404);
    QCOMPARE(variable(QStringLiteral("bk_u")).value(QStringLiteral("value")).toString(), QStringLiteral("v"));

    // skip, with a mask: only the value changes, the description stays.
    QJsonObject masked = action("update",
                                {var(QStringLiteral("bk_u"), QStringLiteral("v3")),
                                 var(QStringLiteral("bk_missing"), QStringLiteral("x"))},
                                "action_on_non_existence", "skip");
    masked.insert(QStringLiteral("update_mask"), QJsonArray{QStringLiteral("value")});
    answer = bulk(QStringLiteral("variables"), {masked});
    QCOMPARE(answer.status, 200);
    update = answer.json().value(QStringLiteral("update")).toObject();
    QCOMPARE(strings(update.value(QStringLiteral("success"))), QStringList{QStringLiteral("bk_u")});
    QVERIFY(update.value(QStringLiteral("errors")).toArray().isEmpty());
    QCOMPARE(variable(QStringLiteral("bk_u")).value(QStringLiteral("value")).toString(),
             QStringLiteral("v3"));
    QCOMPARE(variable(QStringLiteral("bk_u")).value(QStringLiteral("description")).toString(),
             QStringLiteral("keep"));
    QVERIFY(variable(QStringLiteral("bk_missing")).isEmpty());
}

void TestSandboxBulk::deleteAcceptsKeysAndObjects()
{
    QCOMPARE(bulk(QStringLiteral("variables"),
                  {action("create", {var(QStringLiteral("bk_d1"), QStringLiteral("1")),
                                     var(QStringLiteral("bk_d2"), QStringLiteral("2"))})})
                 .status,
             200);
    const HttpAnswer answer =
        bulk(QStringLiteral("variables"),
             {action("delete",
                     {QStringLiteral("bk_d1"), var(QStringLiteral("bk_d2"), QStringLiteral("2")),
                      QStringLiteral("bk_gone")},
                     "action_on_non_existence", "skip"),
              action("delete", {QStringLiteral("bk_gone")})});
    QCOMPARE(answer.status, 200);
    const QJsonObject remove = answer.json().value(QStringLiteral("delete")).toObject();
    // Two actions of one kind share one part of the answer.
    QCOMPARE(strings(remove.value(QStringLiteral("success"))),
             (QStringList{QStringLiteral("bk_d1"), QStringLiteral("bk_d2")}));
    const QJsonArray errors = remove.value(QStringLiteral("errors")).toArray();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.at(0)
                .toObject()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("'bk_gone'")));
    QVERIFY(variable(QStringLiteral("bk_d1")).isEmpty());
    QVERIFY(variable(QStringLiteral("bk_d2")).isEmpty());
}

void TestSandboxBulk::connectionsAndPools()
{
    const QJsonObject connection{{QStringLiteral("connection_id"), QStringLiteral("bk_conn")},
                                 {QStringLiteral("conn_type"), QStringLiteral("http")},
                                 {QStringLiteral("host"), QStringLiteral("example.org")}};
    HttpAnswer answer = bulk(QStringLiteral("connections"), {action("create", {connection})});
    QCOMPARE(
        strings(answer.json().value(QStringLiteral("create")).toObject().value(QStringLiteral("success"))),
        QStringList{QStringLiteral("bk_conn")});
    QJsonObject update =
        action("update", {QJsonObject{{QStringLiteral("connection_id"), QStringLiteral("bk_conn")},
                                      {QStringLiteral("conn_type"), QStringLiteral("http")},
                                      {QStringLiteral("port"), 8443}}});
    update.insert(QStringLiteral("update_mask"), QJsonArray{QStringLiteral("port")});
    answer = bulk(QStringLiteral("connections"), {update, action("delete", {QStringLiteral("bk_conn")})});
    QCOMPARE(
        strings(answer.json().value(QStringLiteral("update")).toObject().value(QStringLiteral("success"))),
        QStringList{QStringLiteral("bk_conn")});
    QCOMPARE(
        strings(answer.json().value(QStringLiteral("delete")).toObject().value(QStringLiteral("success"))),
        QStringList{QStringLiteral("bk_conn")});
    QCOMPARE(call("GET", QStringLiteral("/api/v2/connections/bk_conn")).status, 404);

    const QJsonObject pool{{QStringLiteral("name"), QStringLiteral("bk_pool")}, {QStringLiteral("slots"), 3}};
    answer = bulk(QStringLiteral("pools"), {action("create", {pool})});
    QCOMPARE(
        strings(answer.json().value(QStringLiteral("create")).toObject().value(QStringLiteral("success"))),
        QStringList{QStringLiteral("bk_pool")});
    QJsonObject resize = action("update", {QJsonObject{{QStringLiteral("name"), QStringLiteral("bk_pool")},
                                                       {QStringLiteral("slots"), 9}}});
    resize.insert(QStringLiteral("update_mask"), QJsonArray{QStringLiteral("slots")});
    answer = bulk(QStringLiteral("pools"), {resize});
    QCOMPARE(
        strings(answer.json().value(QStringLiteral("update")).toObject().value(QStringLiteral("success"))),
        QStringList{QStringLiteral("bk_pool")});
    QCOMPARE(
        call("GET", QStringLiteral("/api/v2/pools/bk_pool")).json().value(QStringLiteral("slots")).toInt(),
        9);
}

void TestSandboxBulk::defaultPoolIsNotDeleted()
{
    const HttpAnswer answer =
        bulk(QStringLiteral("pools"), {action("delete", {QStringLiteral("default_pool")})});
    QCOMPARE(answer.status, 200);
    const QJsonObject remove = answer.json().value(QStringLiteral("delete")).toObject();
    QVERIFY(strings(remove.value(QStringLiteral("success"))).isEmpty());
    const QJsonObject error = remove.value(QStringLiteral("errors")).toArray().at(0).toObject();
    QCOMPARE(error.value(QStringLiteral("status_code")).toInt(), 400);
    QVERIFY(error.value(QStringLiteral("error")).toString().contains(QStringLiteral("Default Pool")));
    QCOMPARE(call("GET", QStringLiteral("/api/v2/pools/default_pool")).status, 200);
}

void TestSandboxBulk::invalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("loc"); // the first violation's location, joined with "/"
    QTest::newRow("not JSON") << QByteArray("{nope") << QStringLiteral("body");
    QTest::newRow("no actions") << QByteArray("{}") << QStringLiteral("body/actions");
    QTest::newRow("unknown top field")
        << QByteArray("{\"actions\": [], \"x\": 1}") << QStringLiteral("body/x");
    QTest::newRow("unknown action") << QByteArray(
                                           "{\"actions\": [{\"action\": \"upsert\", \"entities\": []}]}")
                                    << QStringLiteral("body/actions/0/action");
    QTest::newRow("bad on existence") << QByteArray("{\"actions\": [{\"action\": \"create\", \"entities\": "
                                                    "[], \"action_on_existence\": \"replace\"}]}")
                                      << QStringLiteral("body/actions/0/action_on_existence");
    QTest::newRow("field of another action")
        << QByteArray("{\"actions\": [{\"action\": \"delete\", \"entities\": [], \"action_on_existence\": "
                      "\"skip\"}]}")
        << QStringLiteral("body/actions/0/action_on_existence");
    QTest::newRow("entity without value")
        << QByteArray("{\"actions\": [{\"action\": \"create\", \"entities\": [{\"key\": \"bk_bad\"}]}]}")
        << QStringLiteral("body/actions/0/entities/0/value");
    QTest::newRow("unknown entity field")
        << QByteArray("{\"actions\": [{\"action\": \"create\", \"entities\": [{\"key\": \"bk_bad\", "
                      "\"value\": \"1\", "
                      "\"val\": \"1\"}]}]}")
        << QStringLiteral("body/actions/0/entities/0/val");
}

void TestSandboxBulk::invalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, loc);
    const HttpAnswer answer = call("PATCH", QStringLiteral("/api/v2/variables"), body);
    QCOMPARE(answer.status, 422);
    const QJsonObject first = answer.json().value(QStringLiteral("detail")).toArray().at(0).toObject();
    QStringList parts;
    for (const QJsonValue &part : first.value(QStringLiteral("loc")).toArray())
        parts.append(part.isDouble() ? QString::number(part.toInt()) : part.toString());
    QCOMPARE(parts.join(u'/'), loc);
    QVERIFY(variable(QStringLiteral("bk_bad")).isEmpty());
}

void TestSandboxBulk::needsCredentials()
{
    QCOMPARE(call("PATCH", QStringLiteral("/api/v2/variables"), "{\"actions\": []}", false).status, 401);
    const HttpAnswer empty = call("PATCH", QStringLiteral("/api/v2/variables"), "{\"actions\": []}");
    QCOMPARE(empty.status, 200);
    QVERIFY(empty.json().value(QStringLiteral("create")).isNull());
}

QTEST_GUILESS_MAIN(TestSandboxBulk)
#include "tst_sandbox_bulk.moc"
