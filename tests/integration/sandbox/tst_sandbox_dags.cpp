// The sandbox's DAG endpoints over loopback: auth, paging and its cap, ordering, filters, PATCH rules,
// details params, and startup time with 10,000 DAGs.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxDags final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void auth_data();
    void auth();
    void unknownPath();
    void paging_data();
    void paging();
    void orderBy();
    void filters_data();
    void filters();
    void patchDag();
    void patchRules_data();
    void patchRules();
    void bulkPatchChangesOnePage();
    void detailsParams();
    void tenThousandDags();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxDags::initTestCase()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    options.users.append({QStringLiteral("viewer"), QStringLiteral("s3cret")});
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

void TestSandboxDags::auth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("withAuth");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    QTest::newRow("version, no auth") << "version" << false << QByteArray() << 200;
    QTest::newRow("health, no auth") << "health" << false << QByteArray() << 200;
    QTest::newRow("dags, no auth") << "dags" << false << QByteArray() << 401;
    QTest::newRow("dags, wrong password") << "dags" << true << QByteArray("admin:nope") << 401;
    QTest::newRow("dags, admin") << "dags" << true << QByteArray("admin:admin") << 200;
    QTest::newRow("dags, second user") << "dags" << true << QByteArray("viewer:s3cret") << 200;
    QTest::newRow("pools, no auth") << "pools" << false << QByteArray() << 401;
}

void TestSandboxDags::auth()
{
    QFETCH(QString, path);
    QFETCH(bool, withAuth);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("GET"), path, {}, withAuth, {}, credentials);
    QCOMPARE(answer.status, status);
    if (status == 401) {
        QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
        QCOMPARE(answer.json().value(QStringLiteral("status")).toInt(), 401);
        QCOMPARE(answer.json().value(QStringLiteral("title")).toString(), QStringLiteral("Unauthorized"));
        QVERIFY(answer.json()
                    .value(QStringLiteral("type"))
                    .toString()
                    .startsWith(QLatin1String("https://airflow.apache.org/")));
    }
}

void TestSandboxDags::unknownPath()
{
    const HttpAnswer answer = m_http->get(QStringLiteral("nothingHere"));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
    QCOMPARE(m_http->get(QStringLiteral("dags/params_trigger_form/nothing")).status, 404);
}

void TestSandboxDags::paging_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::newRow("absent limit") << "" << 40;
    QTest::newRow("limit 5") << "?limit=5" << 5;
    QTest::newRow("limit 0 is the fallback") << "?limit=0" << 40;
    QTest::newRow("offset 35") << "?offset=35" << 5;
    QTest::newRow("offset past the end") << "?offset=100" << 0;
}

void TestSandboxDags::paging()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    const HttpAnswer answer = m_http->get(QStringLiteral("dags") + query);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("dags")).toArray().size(), count);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), 40);
}

void TestSandboxDags::orderBy()
{
    const QJsonArray ascending =
        m_http->get(QStringLiteral("dags")).json().value(QStringLiteral("dags")).toArray();
    const QJsonArray descending =
        m_http->get(QStringLiteral("dags?order_by=-dag_id")).json().value(QStringLiteral("dags")).toArray();
    QCOMPARE(ascending.size(), descending.size());
    QStringList ids;
    for (const QJsonValue &dag : ascending)
        ids.append(dag.toObject().value(QStringLiteral("dag_id")).toString());
    QStringList sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(ids, sorted);
    QCOMPARE(descending.first().toObject().value(QStringLiteral("dag_id")).toString(), ids.last());
    QCOMPARE(m_http->get(QStringLiteral("dags?order_by=no_such_field")).status, 400);
}

void TestSandboxDags::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("tags any") << "dags?tags=etl&tags=ml";
    QTest::newRow("pattern case-insensitive") << "dags?dag_id_pattern=ORDERS";
    QTest::newRow("paused") << "dags?paused=true";
    QTest::newRow("unpaused") << "dags?paused=false";
}

void TestSandboxDags::filters()
{
    QFETCH(QString, query);
    const HttpAnswer answer = m_http->get(query);
    QCOMPARE(answer.status, 200);
    const QJsonArray dags = answer.json().value(QStringLiteral("dags")).toArray();
    QVERIFY(!dags.isEmpty());
    QVERIFY(dags.size() < 40);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), dags.size());
    for (const QJsonValue &value : dags) {
        const QJsonObject dag = value.toObject();
        if (query.contains(QLatin1String("tags="))) {
            QStringList tags;
            for (const QJsonValue &t : dag.value(QStringLiteral("tags")).toArray())
                tags.append(t.toObject().value(QStringLiteral("name")).toString());
            QVERIFY(tags.contains(QStringLiteral("etl")) || tags.contains(QStringLiteral("ml")));
        } else if (query.contains(QLatin1String("pattern"))) {
            QVERIFY(dag.value(QStringLiteral("dag_id")).toString().contains(QLatin1String("orders")));
        } else {
            QCOMPARE(dag.value(QStringLiteral("is_paused")).toBool(), query.endsWith(QLatin1String("true")));
        }
    }
}

void TestSandboxDags::patchDag()
{
    HttpAnswer answer =
        m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders?update_mask=is_paused"),
                     R"({"is_paused": true})");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("is_paused")).toBool(), true);
    QCOMPARE(
        m_http->get(QStringLiteral("dags/etl_orders")).json().value(QStringLiteral("is_paused")).toBool(),
        true);
    answer = m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"),
                          R"({"is_paused": false})");
    QCOMPARE(answer.json().value(QStringLiteral("is_paused")).toBool(), false);
    QCOMPARE(
        m_http
            ->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/no_such_dag"), R"({"is_paused": false})")
            .status,
        404);
}

void TestSandboxDags::patchRules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    QTest::newRow("update_mask other field")
        << "dags/etl_orders?update_mask=description" << QByteArray(R"({"is_paused": true})")
        << "Only `is_paused` field can be updated through the REST API";
    QTest::newRow("update_mask two fields")
        << "dags/etl_orders?update_mask=is_paused,owners" << QByteArray(R"({"is_paused": true})")
        << "Only `is_paused` field can be updated through the REST API";
    QTest::newRow("read-only field") << "dags/etl_orders"
                                     << QByteArray(R"({"is_paused": true, "dag_id": "x"})")
                                     << "Property is read-only - 'dag_id'";
    QTest::newRow("not a boolean") << "dags/etl_orders" << QByteArray(R"({"is_paused": "yes"})")
                                   << "\"yes\" is not of type 'boolean' - 'is_paused'";
    QTest::newRow("bulk without pattern")
        << "dags?update_mask=is_paused" << QByteArray(R"({"is_paused": true})")
        << "Missing query parameter 'dag_id_pattern'";
}

void TestSandboxDags::patchRules()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("PATCH"), path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
    QCOMPARE(answer.json().value(QStringLiteral("detail")).toString(), detail);
}

void TestSandboxDags::bulkPatchChangesOnePage()
{
    SandboxOptions options;
    options.dagCount = 250;
    options.clock = ClockKind::Manual;
    SandboxServer server(options);
    QVERIFY(server.listen());
    SandboxHttp http(server.baseUrl());
    HttpAnswer answer =
        http.send(QByteArrayLiteral("PATCH"), QStringLiteral("dags?dag_id_pattern=~&update_mask=is_paused"),
                  R"({"is_paused": true})");
    QCOMPARE(answer.status, 200);
    const QJsonArray changed = answer.json().value(QStringLiteral("dags")).toArray();
    QCOMPARE(changed.size(), 100);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), 250);
    for (const QJsonValue &dag : changed)
        QVERIFY(dag.toObject().value(QStringLiteral("is_paused")).toBool());
    // Only the first page (by dag_id) changed.
    const QString lastChanged = changed.last().toObject().value(QStringLiteral("dag_id")).toString();
    const QJsonArray all =
        http.get(QStringLiteral("dags?offset=100&limit=1")).json().value(QStringLiteral("dags")).toArray();
    QVERIFY(all.first().toObject().value(QStringLiteral("dag_id")).toString() > lastChanged);
    const int paused =
        http.get(QStringLiteral("dags?paused=true")).json().value(QStringLiteral("total_entries")).toInt();
    QVERIFY(paused >= 100 && paused < 250);
    answer = http.send(QByteArrayLiteral("PATCH"),
                       QStringLiteral("dags?dag_id_pattern=~&update_mask=is_paused&offset=100&limit=500"),
                       R"({"is_paused": true})");
    QCOMPARE(answer.json().value(QStringLiteral("dags")).toArray().size(), 100);
}

void TestSandboxDags::detailsParams()
{
    const HttpAnswer answer = m_http->get(QStringLiteral("dags/params_trigger_form/details"));
    QCOMPARE(answer.status, 200);
    const QJsonObject details = answer.json();
    QCOMPARE(details.value(QStringLiteral("dag_id")).toString(), QStringLiteral("params_trigger_form"));
    QVERIFY(details.value(QStringLiteral("schedule_interval")).isNull());
    const QJsonObject params = details.value(QStringLiteral("params")).toObject();
    QVERIFY(params.size() >= 15);
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QJsonObject param = it.value().toObject();
        QCOMPARE(param.value(QStringLiteral("__class")).toString(),
                 QStringLiteral("airflow.models.param.Param"));
        QVERIFY(param.contains(QStringLiteral("value")));
        QVERIFY(param.contains(QStringLiteral("description")));
        QVERIFY(param.value(QStringLiteral("schema")).isObject());
    }
    auto schema = [&params](const char *name) {
        return params.value(QLatin1String(name)).toObject().value(QStringLiteral("schema")).toObject();
    };
    QCOMPARE(schema("sql_query").value(QStringLiteral("format")).toString(), QStringLiteral("multiline"));
    QCOMPARE(schema("worker_count").value(QStringLiteral("maximum")).toInt(), 10);
    QVERIFY(schema("environment").value(QStringLiteral("values_display")).isObject());
    QCOMPARE(schema("report_date").value(QStringLiteral("format")).toString(), QStringLiteral("date"));
    QCOMPARE(schema("run_at").value(QStringLiteral("format")).toString(), QStringLiteral("date-time"));
    QCOMPARE(schema("cutoff_time").value(QStringLiteral("format")).toString(), QStringLiteral("time"));
    QCOMPARE(schema("comment").value(QStringLiteral("type")).toArray().first().toString(),
             QStringLiteral("null"));
    QCOMPARE(schema("api_version").value(QStringLiteral("const")).toString(), QStringLiteral("v2"));
    QCOMPARE(schema("batch_label").value(QStringLiteral("section")).toString(), QStringLiteral("Advanced"));
    QVERIFY(schema("batch_label").value(QStringLiteral("examples")).isArray());
    QCOMPARE(
        schema("targets").value(QStringLiteral("items")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("object"));
    QVERIFY(params.value(QStringLiteral("comment")).toObject().value(QStringLiteral("value")).isNull());

    // Every kind of schedule_interval appears among the seeded DAGs.
    QSet<QString> kinds;
    for (const QJsonValue &dag :
         m_http->get(QStringLiteral("dags")).json().value(QStringLiteral("dags")).toArray()) {
        const QJsonValue s = dag.toObject().value(QStringLiteral("schedule_interval"));
        kinds.insert(s.isNull() ? QStringLiteral("null")
                                : s.toObject().value(QStringLiteral("__type")).toString());
    }
    QCOMPARE(kinds, (QSet<QString>{QStringLiteral("null"), QStringLiteral("CronExpression"),
                                   QStringLiteral("TimeDelta"), QStringLiteral("RelativeDelta")}));
}

void TestSandboxDags::tenThousandDags()
{
    QElapsedTimer timer;
    timer.start();
    SandboxOptions options;
    options.dagCount = 10000;
    SandboxServer server(options);
    QVERIFY(server.listen());
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    SandboxHttp http(server.baseUrl());
    timer.restart();
    const HttpAnswer answer = http.get(QStringLiteral("dags?offset=9950"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), 10000);
    QCOMPARE(answer.json().value(QStringLiteral("dags")).toArray().size(), 50);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSandboxDags)
#include "tst_sandbox_dags.moc"
