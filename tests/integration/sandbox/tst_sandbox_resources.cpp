// Variables, connections, pools (CRUD) and configuration over loopback, answered as Airflow 2.10 answers
// them: the password never leaves the sandbox, default_pool is protected, /config and /connections/test are
// refused (403) unless switched on, by SandboxOptions or by the executable's flags.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxResources final : public QObject
{
    Q_OBJECT

private:
    void start(bool exposeConfig = false, bool allowConnectionTest = false)
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        options.dagCount = 5;
        options.exposeConfig = exposeConfig;
        options.allowConnectionTest = allowConnectionTest;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen(0));
        m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
    }
    HttpAnswer send(const char *verb, const QString &path, const QByteArray &body = QByteArray())
    {
        return m_http->send(QByteArray(verb), path, body);
    }
    static QString detail(const HttpAnswer &answer)
    {
        return answer.json().value(QStringLiteral("detail")).toString();
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;

private Q_SLOTS:
    void init() { start(); }

    void variablesSeededWithoutValuesInTheList()
    {
        const HttpAnswer list = m_http->get(QStringLiteral("variables"));
        QCOMPARE(list.status, 200);
        const QJsonArray items = list.json().value(QStringLiteral("variables")).toArray();
        QVERIFY(items.size() >= 3);
        QCOMPARE(list.json().value(QStringLiteral("total_entries")).toInt(), items.size());
        bool sawDescription = false;
        for (const QJsonValue &item : items) {
            QVERIFY(!item.toObject().contains(QStringLiteral("value")));
            sawDescription =
                sawDescription || item.toObject().value(QStringLiteral("description")).isString();
        }
        QVERIFY(sawDescription);
        const HttpAnswer json = m_http->get(QStringLiteral("variables/etl_settings"));
        QCOMPARE(json.status, 200);
        // A JSON value is stored and answered as text.
        QVERIFY(json.json().value(QStringLiteral("value")).isString());
        QVERIFY(QJsonDocument::fromJson(json.json().value(QStringLiteral("value")).toString().toUtf8())
                    .isObject());

        const HttpAnswer page = m_http->get(QStringLiteral("variables?limit=2&offset=1&order_by=key"));
        QCOMPARE(page.json().value(QStringLiteral("variables")).toArray().size(), 2);
        QCOMPARE(m_http->get(QStringLiteral("variables?order_by=no_such_field")).status, 400);
    }

    void variableUpsertAndPatch()
    {
        QCOMPARE(send("POST", QStringLiteral("variables"),
                      "{\"key\": \"v1\", \"value\": \"a\", \"description\": \"d\"}")
                     .status,
                 200);
        // Airflow 2's POST is Variable.set: the second one overwrites, with no conflict.
        const HttpAnswer again =
            send("POST", QStringLiteral("variables"), "{\"key\": \"v1\", \"value\": \"b\"}");
        QCOMPARE(again.status, 200);
        const HttpAnswer read = m_http->get(QStringLiteral("variables/v1"));
        QCOMPARE(read.json().value(QStringLiteral("value")).toString(), QStringLiteral("b"));
        QVERIFY(read.json().value(QStringLiteral("description")).isNull());

        const HttpAnswer masked =
            send("PATCH", QStringLiteral("variables/v1?update_mask=description"),
                 "{\"key\": \"v1\", \"value\": \"not taken\", \"description\": \"new\"}");
        QCOMPARE(masked.status, 200);
        QCOMPARE(masked.json().value(QStringLiteral("value")).toString(), QStringLiteral("b"));
        QCOMPARE(masked.json().value(QStringLiteral("description")).toString(), QStringLiteral("new"));

        const HttpAnswer missingValue = send("PATCH", QStringLiteral("variables/v1"), "{\"key\": \"v1\"}");
        QCOMPARE(missingValue.status, 400);
        QCOMPARE(missingValue.json().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Invalid Variable schema"));
        QVERIFY(detail(missingValue).contains(QLatin1String("'value'")));
        QCOMPARE(send("PATCH", QStringLiteral("variables/v1"), "{\"key\": \"v2\", \"value\": \"x\"}").status,
                 400);
        QCOMPARE(send("PATCH", QStringLiteral("variables/v1?update_mask=key"),
                      "{\"key\": \"v1\", \"value\": \"x\"}")
                     .status,
                 400);
        const HttpAnswer nullDescription = send("PATCH", QStringLiteral("variables/v1"),
                                                "{\"key\": \"v1\", \"value\": \"x\", \"description\": null}");
        QCOMPARE(nullDescription.status, 400);
        QVERIFY(detail(nullDescription).contains(QLatin1String("may not be null")));
        QCOMPARE(send("PATCH", QStringLiteral("variables/v1?update_mask=value"),
                      "{\"key\": \"v1\", \"value\": \"x\"}")
                     .status,
                 400);
        QCOMPARE(
            send("PATCH", QStringLiteral("variables/nope"), "{\"key\": \"nope\", \"value\": \"x\"}").status,
            404);
        QCOMPARE(send("POST", QStringLiteral("variables"), "{\"key\": 3, \"value\": \"x\"}").status, 400);
        QCOMPARE(send("POST", QStringLiteral("variables"), "not json").status, 400);

        QCOMPARE(send("DELETE", QStringLiteral("variables/v1")).status, 204);
        const HttpAnswer gone = m_http->get(QStringLiteral("variables/v1"));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.contentType, QByteArray("application/problem+json"));
        QCOMPARE(detail(gone), QStringLiteral("Variable does not exist"));
        QCOMPARE(send("DELETE", QStringLiteral("variables/v1")).status, 404);
    }

    void passwordIsWriteOnly()
    {
        const HttpAnswer created = send("POST", QStringLiteral("connections"),
                                        "{\"connection_id\": \"c1\", \"conn_type\": \"postgres\", \"host\": "
                                        "\"h\", \"password\": \"pw1\"}");
        QCOMPARE(created.status, 200);
        QVERIFY(!created.body.contains("pw1"));
        QVERIFY(!created.json().contains(QStringLiteral("password")));
        QVERIFY(created.json().value(QStringLiteral("port")).isNull());

        // A PATCH without the password (with or without a mask) keeps it.
        QCOMPARE(
            send("PATCH", QStringLiteral("connections/c1"), "{\"connection_id\": \"c1\", \"login\": \"me\"}")
                .status,
            200);
        const HttpAnswer masked =
            send("PATCH", QStringLiteral("connections/c1?update_mask=host"),
                 "{\"connection_id\": \"c1\", \"host\": \"h2\", \"password\": \"ignored\"}");
        QCOMPARE(masked.status, 200);
        QCOMPARE(masked.json().value(QStringLiteral("login")).toString(), QStringLiteral("me"));
        QCOMPARE(masked.json().value(QStringLiteral("host")).toString(), QStringLiteral("h2"));
        QCOMPARE(m_server->state().resources().connections.last().password, QStringLiteral("pw1"));
        QCOMPARE(send("PATCH", QStringLiteral("connections/c1?update_mask=password"),
                      "{\"connection_id\": \"c1\", \"password\": \"pw2\"}")
                     .status,
                 200);
        QCOMPARE(m_server->state().resources().connections.last().password, QStringLiteral("pw2"));

        for (const QString &path : {QStringLiteral("connections"), QStringLiteral("connections/c1"),
                                    QStringLiteral("connections/warehouse")}) {
            const HttpAnswer answer = m_http->get(path);
            QCOMPARE(answer.status, 200);
            QVERIFY(!answer.body.contains("\"password\""));
            QVERIFY(!answer.body.contains("pw2"));
            QVERIFY(!answer.body.contains("s3cr3t")); // the seeded warehouse password
        }
        // The list leaves extra out; a single read has it.
        QVERIFY(!m_http->get(QStringLiteral("connections")).body.contains("\"extra\""));
        QVERIFY(m_http->get(QStringLiteral("connections/warehouse"))
                    .json()
                    .value(QStringLiteral("extra"))
                    .isString());
    }

    void connectionRefusals()
    {
        const HttpAnswer duplicate = send("POST", QStringLiteral("connections"),
                                          "{\"connection_id\": \"warehouse\", \"conn_type\": \"http\"}");
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(detail(duplicate), QStringLiteral("Connection already exist. ID: warehouse"));
        QCOMPARE(send("POST", QStringLiteral("connections"), "{\"connection_id\": \"x\"}").status, 400);
        QCOMPARE(send("POST", QStringLiteral("connections"),
                      "{\"connection_id\": \"a b\", \"conn_type\": \"http\"}")
                     .status,
                 400);
        QCOMPARE(send("POST", QStringLiteral("connections"),
                      "{\"connection_id\": \"x\", \"conn_type\": \"http\", \"port\": \"80\"}")
                     .status,
                 400);
        QCOMPARE(
            send("PATCH", QStringLiteral("connections/warehouse"), "{\"connection_id\": \"other\"}").status,
            400);
        QCOMPARE(send("PATCH", QStringLiteral("connections/warehouse?update_mask=login"),
                      "{\"connection_id\": \"warehouse\"}")
                     .status,
                 400);
        const HttpAnswer unknown = m_http->get(QStringLiteral("connections/nope"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(detail(unknown), QStringLiteral("The Connection with connection_id: `nope` was not found"));
        QCOMPARE(send("DELETE", QStringLiteral("connections/warehouse")).status, 204);
        QCOMPARE(send("DELETE", QStringLiteral("connections/warehouse")).status, 404);
    }

    void connectionTestDisabled()
    {
        const HttpAnswer refused =
            send("POST", QStringLiteral("connections/test"),
                 "{\"connection_id\": \"t\", \"conn_type\": \"postgres\", \"host\": \"h\"}");
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.contentType.startsWith("text/html"));
        QCOMPARE(refused.body,
                 QByteArray("Testing connections is disabled in Airflow configuration. Contact your "
                            "deployment admin to enable it."));
        // Only POST is the static rule: GET reads a connection named "test".
        const HttpAnswer named = m_http->get(QStringLiteral("connections/test"));
        QCOMPARE(named.status, 404);
        QCOMPARE(detail(named), QStringLiteral("The Connection with connection_id: `test` was not found"));
    }

    void connectionTestEnabled()
    {
        start(false, true);
        const HttpAnswer works =
            send("POST", QStringLiteral("connections/test"),
                 "{\"connection_id\": \"t\", \"conn_type\": \"postgres\", \"host\": \"h\"}");
        QCOMPARE(works.status, 200);
        QCOMPARE(works.json().value(QStringLiteral("status")).toBool(), true);
        const HttpAnswer noHost = send("POST", QStringLiteral("connections/test"),
                                       "{\"connection_id\": \"t\", \"conn_type\": \"mysql\"}");
        QCOMPARE(noHost.json().value(QStringLiteral("status")).toBool(), false);
        QVERIFY(!noHost.json().value(QStringLiteral("message")).toString().isEmpty());
        const HttpAnswer unknownType =
            send("POST", QStringLiteral("connections/test"),
                 "{\"connection_id\": \"t\", \"conn_type\": \"nope\", \"host\": \"h\"}");
        QCOMPARE(unknownType.json().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Unknown hook type \"nope\""));
        QCOMPARE(send("POST", QStringLiteral("connections/test"), "{\"connection_id\": \"t\"}").status, 400);
    }

    void poolCrud()
    {
        const HttpAnswer created = send("POST", QStringLiteral("pools"),
                                        "{\"name\": \"p1\", \"slots\": -1, \"include_deferred\": true}");
        QCOMPARE(created.status, 200);
        QCOMPARE(created.json().value(QStringLiteral("slots")).toInt(), -1);
        QCOMPARE(created.json().value(QStringLiteral("open_slots")).toInt(), -1);
        QVERIFY(created.json().value(QStringLiteral("description")).isNull());
        const HttpAnswer again = send("POST", QStringLiteral("pools"), "{\"name\": \"p1\", \"slots\": 1}");
        QCOMPARE(again.status, 409);
        QCOMPARE(detail(again), QStringLiteral("Pool: p1 already exists"));
        const HttpAnswer missing = send("POST", QStringLiteral("pools"), "{\"description\": \"x\"}");
        QCOMPARE(missing.status, 400);
        QCOMPARE(detail(missing), QStringLiteral("Missing required property(ies): ['name', 'slots']"));
        QCOMPARE(send("POST", QStringLiteral("pools"), "{\"name\": \"p2\", \"slots\": -5}").status, 400);

        const HttpAnswer masked = send("PATCH", QStringLiteral("pools/p1?update_mask=slots"),
                                       "{\"name\": \"p1\", \"slots\": 7, \"description\": \"x\"}");
        QCOMPARE(masked.status, 200);
        QCOMPARE(masked.json().value(QStringLiteral("slots")).toInt(), 7);
        QVERIFY(masked.json().value(QStringLiteral("description")).isNull());
        QCOMPARE(send("PATCH", QStringLiteral("pools/p1"), "{\"name\": \"p1\"}").status,
                 400); // no mask: slots needed
        QCOMPARE(
            send("PATCH", QStringLiteral("pools/p1?update_mask=open_slots"), "{\"name\": \"p1\"}").status,
            400);
        QCOMPARE(
            send("PATCH", QStringLiteral("pools/p1?update_mask=name"), "{\"name\": \"etl_pool\"}").status,
            409);
        const HttpAnswer renamed =
            send("PATCH", QStringLiteral("pools/p1?update_mask=name"), "{\"name\": \"p9\"}");
        QCOMPARE(renamed.json().value(QStringLiteral("name")).toString(), QStringLiteral("p9"));
        QCOMPARE(m_http->get(QStringLiteral("pools/p1")).status, 404);
        QCOMPARE(send("PATCH", QStringLiteral("pools/nope?update_mask=slots"), "{\"slots\": 1}").status, 404);
        QCOMPARE(send("DELETE", QStringLiteral("pools/p9")).status, 204);
        QCOMPARE(send("DELETE", QStringLiteral("pools/p9")).status, 404);
    }

    void defaultPoolProtected()
    {
        const HttpAnswer deleted = send("DELETE", QStringLiteral("pools/default_pool"));
        QCOMPARE(deleted.status, 400);
        QCOMPARE(detail(deleted), QStringLiteral("Default Pool can't be deleted"));
        const HttpAnswer renamed =
            send("PATCH", QStringLiteral("pools/default_pool"), "{\"name\": \"x\", \"slots\": 1}");
        QCOMPARE(renamed.status, 400);
        QCOMPARE(detail(renamed), QStringLiteral("Default Pool's name can't be modified"));
        // A mask of slots alone needs no name in the body.
        const HttpAnswer resized =
            send("PATCH", QStringLiteral("pools/default_pool?update_mask=slots"), "{\"slots\": 5}");
        QCOMPARE(resized.status, 200);
        QCOMPARE(resized.json().value(QStringLiteral("slots")).toInt(), 5);
        QCOMPARE(m_http->get(QStringLiteral("pools?order_by=-slots"))
                     .json()
                     .value(QStringLiteral("pools"))
                     .toArray()
                     .last()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("ml_training"));
    }

    void configRefusedByDefault()
    {
        const HttpAnswer refused = m_http->send(QByteArrayLiteral("GET"), QStringLiteral("config"),
                                                QByteArray(), true, QByteArrayLiteral("application/json"));
        QCOMPARE(refused.status, 403);
        QCOMPARE(detail(refused), QStringLiteral("Your Airflow administrator chose not to expose the "
                                                 "configuration, most likely for security reasons."));
        QCOMPARE(m_http
                     ->send(QByteArrayLiteral("GET"), QStringLiteral("config"), QByteArray(), true,
                            QByteArrayLiteral("image/png"))
                     .status,
                 406);
    }

    void configExposed()
    {
        start(true, false);
        const HttpAnswer json = m_http->send(QByteArrayLiteral("GET"), QStringLiteral("config"), QByteArray(),
                                             true, QByteArrayLiteral("application/json"));
        QCOMPARE(json.status, 200);
        const QJsonArray sections = json.json().value(QStringLiteral("sections")).toArray();
        QVERIFY(sections.size() >= 3);
        for (const QJsonValue &section : sections) {
            for (const QJsonValue &option : section.toObject().value(QStringLiteral("options")).toArray()) {
                QVERIFY(option.toObject().value(QStringLiteral("key")).isString());
                QVERIFY(option.toObject().value(QStringLiteral("value")).isString());
            }
        }
        QVERIFY(json.body.contains("< hidden >")); // non-sensitive-only
        const HttpAnswer text = m_http->send(QByteArrayLiteral("GET"), QStringLiteral("config?section=core"),
                                             QByteArray(), true, QByteArrayLiteral("text/plain"));
        QCOMPARE(text.status, 200);
        QVERIFY(text.body.startsWith("[core]\n"));
        QVERIFY(!text.body.contains("[webserver]"));
        const HttpAnswer unknown =
            m_http->send(QByteArrayLiteral("GET"), QStringLiteral("config?section=nope"), QByteArray(), true,
                         QByteArrayLiteral("application/json"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(detail(unknown), QStringLiteral("section=nope not found."));
    }

    void needCredentials_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("variables") << QByteArray("GET") << QStringLiteral("variables");
        QTest::newRow("variable delete") << QByteArray("DELETE") << QStringLiteral("variables/environment");
        QTest::newRow("connections") << QByteArray("GET") << QStringLiteral("connections");
        QTest::newRow("connection test") << QByteArray("POST") << QStringLiteral("connections/test");
        QTest::newRow("pool create") << QByteArray("POST") << QStringLiteral("pools");
        QTest::newRow("config") << QByteArray("GET") << QStringLiteral("config");
    }

    void needCredentials()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QCOMPARE(m_http->send(verb, path, QByteArray("{}"), false).status, 401);
        QVERIFY(m_server->state().resources().variableIndex(QStringLiteral("environment")) >= 0);
    }

    void executableFlags()
    {
        QProcess process;
        process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                      {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                       QStringLiteral("20"), QStringLiteral("--expose-config"),
                       QStringLiteral("--allow-connection-test")});
        QVERIFY(process.waitForStarted());
        QVERIFY(QTest::qWaitFor([&process] { return process.canReadLine(); }, 10000));
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$"))
                .match(QString::fromUtf8(process.readLine()).trimmed());
        QVERIFY(match.hasMatch());
        SandboxHttp http(QUrl(match.captured(1)));
        QCOMPARE(http.send(QByteArrayLiteral("GET"), QStringLiteral("config"), QByteArray(), true,
                           QByteArrayLiteral("application/json"))
                     .status,
                 200);
        QCOMPARE(http.send(QByteArrayLiteral("POST"), QStringLiteral("connections/test"),
                           QByteArrayLiteral(
                               "{\"connection_id\": \"t\", \"conn_type\": \"http\", \"host\": \"h\"}"))
                     .status,
                 200);
        process.kill();
        process.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestSandboxResources)
#include "tst_sandbox_resources.moc"
