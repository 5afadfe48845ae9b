// Decoding of variables, connections, pools and configuration (DialectV1), with odd and missing fields, and
// the requests that create and update them (update_mask, the write-only password).
#include "api/dialectv1.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace Windsock::Api;

class TestApiResourcesDecoding final : public QObject
{
    Q_OBJECT

private:
    static QJsonDocument json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)); }
    static QJsonObject body(const ApiRequest &request)
    {
        return QJsonDocument::fromJson(request.body).object();
    }
    static QString queryValue(const ApiRequest &request, const QString &key)
    {
        for (const auto &[name, value] : request.query) {
            if (name == key)
                return value;
        }
        return QString();
    }
    static bool hasQuery(const ApiRequest &request, const QString &key)
    {
        for (const auto &item : request.query) {
            if (item.first == key)
                return true;
        }
        return false;
    }

    DialectV1 m_dialect;

private Q_SLOTS:
    void variables()
    {
        // The list has no values; a null description and an unknown field are fine.
        const auto page = m_dialect.decodeVariables(json(
            "{\"variables\": [{\"key\": \"a\", \"description\": null}, {\"key\": \"b\", \"description\": "
            "\"Bee\", \"extra_field\": 1}], \"total_entries\": 7}"));
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        QCOMPARE(page.value().totalEntries, 7);
        QCOMPARE(page.value().items.size(), 2);
        QCOMPARE(page.value().items.at(0).key, QStringLiteral("a"));
        QVERIFY(!page.value().items.at(0).hasValue);
        QVERIFY(page.value().items.at(0).description.isEmpty());
        QCOMPARE(page.value().items.at(1).description, QStringLiteral("Bee"));

        const auto one = m_dialect.decodeVariable(json("{\"key\": \"k\", \"value\": \"{\\\"a\\\": 1}\"}"));
        QVERIFY(one.ok());
        QVERIFY(one.value().hasValue);
        QCOMPARE(one.value().value, QStringLiteral("{\"a\": 1}"));
        // An empty value is a value.
        const auto empty = m_dialect.decodeVariable(json("{\"key\": \"k\", \"value\": \"\"}"));
        QVERIFY(empty.ok());
        QVERIFY(empty.value().hasValue);
        // Before 2.1 there was no total_entries: the page's size stands in.
        const auto old = m_dialect.decodeVariables(json("{\"variables\": [{\"key\": \"a\"}]}"));
        QVERIFY(old.ok());
        QCOMPARE(old.value().totalEntries, 1);
    }

    void connections()
    {
        const auto page = m_dialect.decodeConnections(json(
            "{\"connections\": [{\"connection_id\": \"pg\", \"conn_type\": \"postgres\", \"host\": \"db\", "
            "\"port\": 5432, \"login\": null, \"schema\": null, \"description\": null}, {\"connection_id\": "
            "\"bare\"}], \"total_entries\": 2}"));
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        const Connection &pg = page.value().items.at(0);
        QCOMPARE(pg.connectionId, QStringLiteral("pg"));
        QCOMPARE(pg.connType, QStringLiteral("postgres"));
        QCOMPARE(pg.host, QStringLiteral("db"));
        QCOMPARE(pg.port, 5432);
        QVERIFY(pg.login.isEmpty());
        const Connection &bare = page.value().items.at(1);
        QCOMPARE(bare.port, 0);
        QVERIFY(bare.connType.isEmpty());

        // A server that sends a password anyway: the value has nowhere to put it, and nothing else holds it.
        const auto one = m_dialect.decodeConnection(
            json("{\"connection_id\": \"c\", \"conn_type\": \"http\", \"password\": \"hunter2\", \"extra\": "
                 "\"{\\\"token\\\": \\\"***\\\"}\"}"));
        QVERIFY(one.ok());
        QCOMPARE(one.value().extra, QStringLiteral("{\"token\": \"***\"}"));
        QVERIFY(!one.value().host.contains(QLatin1String("hunter2")));
        QVERIFY(!one.value().extra.contains(QLatin1String("hunter2")));
    }

    void connectionTest()
    {
        const auto ok = m_dialect.decodeConnectionTest(
            json("{\"status\": true, \"message\": \"Connection successfully tested\"}"));
        QVERIFY(ok.ok());
        QVERIFY(ok.value().status);
        const auto missing = m_dialect.decodeConnectionTest(json("{}"));
        QVERIFY(missing.ok());
        QVERIFY(!missing.value().status);
        QVERIFY(missing.value().message.isEmpty());
    }

    void pool()
    {
        const auto unlimited = m_dialect.decodePool(
            json("{\"name\": \"p\", \"slots\": -1, \"open_slots\": -1, \"description\": null}"));
        QVERIFY(unlimited.ok());
        QCOMPARE(unlimited.value().slots, -1);
        QVERIFY(unlimited.value().description.isEmpty());
        // 2.6 and older have no deferred fields.
        const auto old = m_dialect.decodePool(json("{\"name\": \"q\", \"slots\": 3, \"occupied_slots\": 1}"));
        QVERIFY(old.ok());
        QCOMPARE(old.value().deferredSlots, 0);
        QCOMPARE(old.value().includeDeferred, false);
    }

    void config()
    {
        const auto config = m_dialect.decodeConfig(json(
            "{\"sections\": [{\"name\": \"core\", \"options\": [{\"key\": \"executor\", \"value\": "
            "\"LocalExecutor\"}, {\"key\": \"parallelism\", \"value\": 32}, {\"key\": \"dags_folder\", "
            "\"value\": [\"/dags\", \"airflow.cfg\"]}, {\"key\": \"fernet_key\", \"value\": \"< hidden >\", "
            "\"source\": \"env var\"}]}, {\"name\": \"empty\"}]}"));
        QVERIFY2(config.ok(), qPrintable(config.error().message()));
        QCOMPARE(config.value().sections.size(), 2);
        const ConfigSection &core = config.value().sections.at(0);
        QCOMPARE(core.name, QStringLiteral("core"));
        QCOMPARE(core.options.size(), 4);
        QCOMPARE(core.options.at(0).key, QStringLiteral("executor"));
        QCOMPARE(core.options.at(0).value, QStringLiteral("LocalExecutor"));
        QVERIFY(core.options.at(0).source.isEmpty());
        QCOMPARE(core.options.at(1).value, QStringLiteral("32"));
        QCOMPARE(core.options.at(2).value, QStringLiteral("/dags"));
        QCOMPARE(core.options.at(2).source, QStringLiteral("airflow.cfg"));
        QCOMPARE(core.options.at(3).source, QStringLiteral("env var"));
        QVERIFY(config.value().sections.at(1).options.isEmpty());
    }

    void wrongShapes_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("variables not a list")
            << QByteArray("variables") << QByteArray("{\"variables\": {}}") << QStringLiteral("variables");
        QTest::newRow("variable value a number")
            << QByteArray("variable") << QByteArray("{\"key\": \"k\", \"value\": 3}")
            << QStringLiteral("value");
        QTest::newRow("variable is a list") << QByteArray("variable") << QByteArray("[1]") << QString();
        QTest::newRow("connection port text")
            << QByteArray("connection") << QByteArray("{\"connection_id\": \"c\", \"port\": \"x\"}")
            << QStringLiteral("port");
        QTest::newRow("connections item not object")
            << QByteArray("connections") << QByteArray("{\"connections\": [3]}")
            << QStringLiteral("connections[0]");
        QTest::newRow("test status text")
            << QByteArray("test") << QByteArray("{\"status\": \"yes\"}") << QStringLiteral("status");
        QTest::newRow("pool slots text")
            << QByteArray("pool") << QByteArray("{\"name\": \"p\", \"slots\": \"4\"}")
            << QStringLiteral("slots");
        QTest::newRow("config no sections")
            << QByteArray("config") << QByteArray("{}") << QStringLiteral("sections");
        QTest::newRow("config options not list")
            << QByteArray("config") << QByteArray("{\"sections\": [{\"name\": \"core\", \"options\": 1}]}")
            << QStringLiteral("options");
        QTest::newRow("config option key number")
            << QByteArray("config")
            << QByteArray("{\"sections\": [{\"name\": \"core\", \"options\": [{\"key\": 1}]}]}")
            << QStringLiteral("key");
        QTest::newRow("config empty document") << QByteArray("config") << QByteArray("") << QString();
    }

    void wrongShapes()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, body);
        QFETCH(QString, named);
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        ApiError error;
        if (kind == "variables")
            error = m_dialect.decodeVariables(doc).error();
        else if (kind == "variable")
            error = m_dialect.decodeVariable(doc).error();
        else if (kind == "connection")
            error = m_dialect.decodeConnection(doc).error();
        else if (kind == "connections")
            error = m_dialect.decodeConnections(doc).error();
        else if (kind == "test")
            error = m_dialect.decodeConnectionTest(doc).error();
        else if (kind == "pool")
            error = m_dialect.decodePool(doc).error();
        else
            error = m_dialect.decodeConfig(doc).error();
        QCOMPARE(error.kind(), ApiError::Kind::UnexpectedShape);
        QVERIFY2(error.message().contains(named), qPrintable(error.message()));
    }

    void variableRequests()
    {
        Variable variable;
        variable.key = QStringLiteral("my key/1");
        variable.value = QStringLiteral("v");
        const ApiRequest create = m_dialect.createVariableRequest(variable);
        QCOMPARE(create.method, QByteArray("POST"));
        QCOMPARE(create.encodedPath, QStringLiteral("/api/v1/variables"));
        QCOMPARE(body(create), (QJsonObject{{QStringLiteral("key"), QStringLiteral("my key/1")},
                                            {QStringLiteral("value"), QStringLiteral("v")}}));
        QCOMPARE(m_dialect.variableRequest(variable.key).encodedPath,
                 QStringLiteral("/api/v1/variables/my%20key%2F1"));

        VariableUpdate update;
        update.key = QStringLiteral("k");
        update.value = QStringLiteral("v");
        update.updateMask = {QStringLiteral("description")};
        const ApiRequest patch = m_dialect.updateVariableRequest(update);
        QCOMPARE(patch.method, QByteArray("PATCH"));
        QCOMPARE(queryValue(patch, QStringLiteral("update_mask")), QStringLiteral("description"));
        // Cleared as "": VariableSchema refuses a null description.
        QCOMPARE(body(patch).value(QStringLiteral("description")), QJsonValue(QString()));
        QCOMPARE(body(patch).value(QStringLiteral("key")).toString(), QStringLiteral("k"));

        update.updateMask.clear();
        update.description = QStringLiteral("d");
        const ApiRequest full = m_dialect.updateVariableRequest(update);
        QVERIFY(!hasQuery(full, QStringLiteral("update_mask")));
        QCOMPARE(body(full).value(QStringLiteral("description")).toString(), QStringLiteral("d"));
        QCOMPARE(m_dialect.deleteVariableRequest(QStringLiteral("k")).method, QByteArray("DELETE"));

        // Only the value: Airflow refuses update_mask=value (it loads the field as "val"), so no mask, and
        // the description is left out of the body, which keeps it.
        update.updateMask = {QStringLiteral("value")};
        const ApiRequest valueOnly = m_dialect.updateVariableRequest(update);
        QVERIFY(!hasQuery(valueOnly, QStringLiteral("update_mask")));
        QVERIFY(!body(valueOnly).contains(QStringLiteral("description")));
        QCOMPARE(body(valueOnly).value(QStringLiteral("value")).toString(), QStringLiteral("v"));
    }

    void connectionUpdateKeepsPassword()
    {
        ConnectionRequest edit;
        edit.connectionId = QStringLiteral("pg");
        edit.host = QStringLiteral("db2");
        edit.port = 0; // cleared
        const ApiRequest patch = m_dialect.updateConnectionRequest(edit);
        QCOMPARE(patch.method, QByteArray("PATCH"));
        QCOMPARE(patch.encodedPath, QStringLiteral("/api/v1/connections/pg"));
        QCOMPARE(queryValue(patch, QStringLiteral("update_mask")), QStringLiteral("host,port"));
        const QJsonObject sent = body(patch);
        QVERIFY(!sent.contains(QStringLiteral("password")));
        QVERIFY(sent.value(QStringLiteral("port")).isNull());
        QCOMPARE(sent.value(QStringLiteral("connection_id")).toString(), QStringLiteral("pg"));

        edit.password = QStringLiteral("new");
        const ApiRequest withPassword = m_dialect.updateConnectionRequest(edit);
        QCOMPARE(queryValue(withPassword, QStringLiteral("update_mask")),
                 QStringLiteral("host,port,password"));
        QCOMPARE(body(withPassword).value(QStringLiteral("password")).toString(), QStringLiteral("new"));

        ConnectionRequest test;
        test.connectionId = QStringLiteral("t");
        test.connType = QStringLiteral("http");
        const ApiRequest testRequest = m_dialect.testConnectionRequest(test);
        QCOMPARE(testRequest.method, QByteArray("POST"));
        QCOMPARE(testRequest.encodedPath, QStringLiteral("/api/v1/connections/test"));
        QVERIFY(testRequest.query.isEmpty());
    }

    void poolRequests()
    {
        PoolRequest create;
        create.name = QStringLiteral("p");
        create.slots = -1;
        const ApiRequest post = m_dialect.createPoolRequest(create);
        QCOMPARE(body(post),
                 (QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}, {QStringLiteral("slots"), -1}}));

        PoolRequest slotsOnly;
        slotsOnly.slots = 10;
        const ApiRequest patch = m_dialect.updatePoolRequest(QStringLiteral("default_pool"), slotsOnly);
        QCOMPARE(patch.encodedPath, QStringLiteral("/api/v1/pools/default_pool"));
        QCOMPARE(queryValue(patch, QStringLiteral("update_mask")), QStringLiteral("slots"));
        // The body names the pool, so Airflow's default_pool guard sees it unchanged.
        QCOMPARE(body(patch).value(QStringLiteral("name")).toString(), QStringLiteral("default_pool"));

        PoolRequest rename;
        rename.name = QStringLiteral("q");
        rename.description = QString();
        const ApiRequest renamePatch = m_dialect.updatePoolRequest(QStringLiteral("p"), rename);
        QCOMPARE(queryValue(renamePatch, QStringLiteral("update_mask")), QStringLiteral("name,description"));
        QVERIFY(body(renamePatch).value(QStringLiteral("description")).isNull());

        QCOMPARE(m_dialect.configRequest(QStringLiteral("core")).query.size(), 1);
        QVERIFY(m_dialect.configRequest(QString()).query.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiResourcesDecoding)
#include "tst_api_resources_decoding.moc"
