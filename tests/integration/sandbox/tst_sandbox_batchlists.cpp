// The batch list endpoints over loopback: POST /dags/~/dagRuns/list and /dags/~/dagRuns/~/taskInstances/list
// answer as their GET counterparts do, with the filters in the body.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxBatchLists final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dagRunsMatchTheGetList_data();
    void dagRunsMatchTheGetList();
    void dagRunsOfSomeDags();
    void taskInstances_data();
    void taskInstances();
    void wildcardGet();
    void badForms_data();
    void badForms();

private:
    HttpAnswer post(const QString &path, const QByteArray &body)
    {
        return m_http->send(QByteArrayLiteral("POST"), path, body);
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxBatchLists::initTestCase()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    options.dagCount = 12;
    options.runsPerDag = 5;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

void TestSandboxBatchLists::dagRunsMatchTheGetList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("query");
    QTest::newRow("default") << QByteArray("{}") << QString();
    QTest::newRow("page") << QByteArray("{\"page_limit\": 7, \"page_offset\": 3}")
                          << QStringLiteral("?limit=7&offset=3");
    QTest::newRow("order") << QByteArray("{\"order_by\": \"-execution_date\"}")
                           << QStringLiteral("?order_by=-execution_date");
    QTest::newRow("states") << QByteArray("{\"states\": [\"success\", \"failed\"]}")
                            << QStringLiteral("?state=success&state=failed");
    QTest::newRow("dates") << QByteArray("{\"execution_date_gte\": \"2020-01-01T00:00:00+00:00\"}")
                           << QStringLiteral("?execution_date_gte=2020-01-01T00%3A00%3A00%2B00%3A00");
}

void TestSandboxBatchLists::dagRunsMatchTheGetList()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, query);
    const HttpAnswer batch = post(QStringLiteral("dags/~/dagRuns/list"), body);
    QCOMPARE(batch.status, 200);
    const HttpAnswer list = m_http->get(QStringLiteral("dags/~/dagRuns") + query);
    QCOMPARE(list.status, 200);
    QVERIFY(batch.json().value(QStringLiteral("total_entries")).toInt() > 0);
    QCOMPARE(batch.json(), list.json());
}

void TestSandboxBatchLists::dagRunsOfSomeDags()
{
    const QJsonArray dags =
        m_http->get(QStringLiteral("dags")).json().value(QStringLiteral("dags")).toArray();
    QVERIFY(dags.size() >= 3);
    const QString a = dags.at(0).toObject().value(QStringLiteral("dag_id")).toString();
    const QString b = dags.at(2).toObject().value(QStringLiteral("dag_id")).toString();
    const HttpAnswer batch = post(QStringLiteral("dags/~/dagRuns/list"),
                                  QByteArrayLiteral("{\"dag_ids\": [\"") + a.toUtf8() +
                                      QByteArrayLiteral("\", \"") + b.toUtf8() + QByteArrayLiteral("\"]}"));
    QCOMPARE(batch.status, 200);
    const int expected = m_http->get(QStringLiteral("dags/") + a + QStringLiteral("/dagRuns"))
                             .json()
                             .value(QStringLiteral("total_entries"))
                             .toInt() +
                         m_http->get(QStringLiteral("dags/") + b + QStringLiteral("/dagRuns"))
                             .json()
                             .value(QStringLiteral("total_entries"))
                             .toInt();
    QCOMPARE(batch.json().value(QStringLiteral("total_entries")).toInt(), expected);
    for (const QJsonValue &run : batch.json().value(QStringLiteral("dag_runs")).toArray()) {
        const QString dagId = run.toObject().value(QStringLiteral("dag_id")).toString();
        QVERIFY(dagId == a || dagId == b);
    }
}

void TestSandboxBatchLists::taskInstances_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("all") << QByteArray("{}") << QString() << QString();
    QTest::newRow("success") << QByteArray("{\"state\": [\"success\"]}") << QStringLiteral("state")
                             << QStringLiteral("success");
    QTest::newRow("pool") << QByteArray("{\"pool\": [\"default_pool\"]}") << QStringLiteral("pool")
                          << QStringLiteral("default_pool");
}

void TestSandboxBatchLists::taskInstances()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, value);
    const HttpAnswer batch = post(QStringLiteral("dags/~/dagRuns/~/taskInstances/list"), body);
    QCOMPARE(batch.status, 200);
    const QJsonArray items = batch.json().value(QStringLiteral("task_instances")).toArray();
    QVERIFY(!items.isEmpty());
    QVERIFY(items.size() <= 100);
    QVERIFY(batch.json().value(QStringLiteral("total_entries")).toInt() >= items.size());
    if (field.isEmpty())
        return;
    for (const QJsonValue &ti : items)
        QCOMPARE(ti.toObject().value(field).toString(), value);
}

void TestSandboxBatchLists::wildcardGet()
{
    // A pool's task instances across every DAG and run, as the pools tree asks for them.
    const HttpAnswer answer = m_http->get(
        QStringLiteral("dags/~/dagRuns/~/taskInstances?pool=default_pool&state=success,failed&limit=20"));
    QCOMPARE(answer.status, 200);
    const QJsonArray items = answer.json().value(QStringLiteral("task_instances")).toArray();
    QVERIFY(!items.isEmpty());
    QVERIFY(items.size() <= 20);
    for (const QJsonValue &ti : items) {
        QCOMPARE(ti.toObject().value(QStringLiteral("pool")).toString(), QStringLiteral("default_pool"));
        const QString state = ti.toObject().value(QStringLiteral("state")).toString();
        QVERIFY(state == QLatin1String("success") || state == QLatin1String("failed"));
    }
    const HttpAnswer same = post(QStringLiteral("dags/~/dagRuns/~/taskInstances/list"),
                                 QByteArrayLiteral("{\"pool\": [\"default_pool\"], \"state\": [\"success\", "
                                                   "\"failed\"], \"page_limit\": 20}"));
    QCOMPARE(same.json(), answer.json());
}

void TestSandboxBatchLists::badForms_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("runs limit text") << QStringLiteral("dags/~/dagRuns/list")
                                     << QByteArray("{\"page_limit\": \"x\"}");
    QTest::newRow("runs limit 0") << QStringLiteral("dags/~/dagRuns/list")
                                  << QByteArray("{\"page_limit\": 0}");
    QTest::newRow("runs naive date") << QStringLiteral("dags/~/dagRuns/list")
                                     << QByteArray("{\"start_date_gte\": \"yesterday\"}");
    QTest::newRow("runs ids not a list")
        << QStringLiteral("dags/~/dagRuns/list") << QByteArray("{\"dag_ids\": \"a\"}");
    QTest::newRow("tis offset negative")
        << QStringLiteral("dags/~/dagRuns/~/taskInstances/list") << QByteArray("{\"page_offset\": -1}");
}

void TestSandboxBatchLists::badForms()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const HttpAnswer answer = post(path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
}

QTEST_GUILESS_MAIN(TestSandboxBatchLists)
#include "tst_sandbox_batchlists.moc"
