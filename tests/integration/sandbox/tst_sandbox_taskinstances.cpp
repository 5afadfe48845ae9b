// Task instances, logs (text/plain and JSON), pools and import errors over loopback.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxTaskInstances final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void statesFollowTheRun();
    void paging();
    void singleTaskInstance();
    void logs_data();
    void logs();
    void pools();
    void importErrors();

private:
    QString triggerRun();

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxTaskInstances::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

QString TestSandboxTaskInstances::triggerRun()
{
    const HttpAnswer answer = m_http->send(
        QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"), R"({"dag_run_id": "ti_run"})");
    return answer.status == 200 ? QStringLiteral("dags/etl_orders/dagRuns/ti_run") : QString();
}

void TestSandboxTaskInstances::statesFollowTheRun()
{
    const QString run = triggerRun();
    QVERIFY(!run.isEmpty());
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"), R"({"is_paused": false})");
    auto states = [this, &run]() {
        QStringList result;
        for (const QJsonValue &ti : m_http->get(run + QStringLiteral("/taskInstances"))
                                        .json()
                                        .value(QStringLiteral("task_instances"))
                                        .toArray())
            result.append(ti.toObject().value(QStringLiteral("state")).isNull()
                              ? QStringLiteral("none")
                              : ti.toObject().value(QStringLiteral("state")).toString());
        return result;
    };
    QStringList queued = states();
    QVERIFY(queued.size() >= 3);
    QVERIFY(std::all_of(queued.cbegin(), queued.cend(),
                        [](const QString &s) { return s == QLatin1String("none"); }));
    m_server->advanceClock(11 * 1000); // queued for at most 10 s: now running
    QCOMPARE(m_http->get(run).json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    // Tasks run one after another: successes, then exactly one queued or running, then no state yet.
    const QStringList running = states();
    const QString shape = running.join(u' ');
    QCOMPARE(running.count(QStringLiteral("running")) + running.count(QStringLiteral("queued")), 1);
    int i = 0;
    while (running.at(i) == QLatin1String("success"))
        ++i;
    QVERIFY2(running.at(i) == QLatin1String("running") || running.at(i) == QLatin1String("queued"),
             qPrintable(shape));
    for (++i; i < running.size(); ++i)
        QCOMPARE(running.at(i), QStringLiteral("none"));
    m_server->advanceClock(3600 * 1000);
    const QString runState = m_http->get(run).json().value(QStringLiteral("state")).toString();
    const QStringList finished = states();
    if (runState == QLatin1String("success")) {
        QVERIFY(std::all_of(finished.cbegin(), finished.cend(),
                            [](const QString &s) { return s == QLatin1String("success"); }));
    } else {
        QCOMPARE(runState, QStringLiteral("failed"));
        QCOMPARE(finished.count(QStringLiteral("failed")), 1);
        QVERIFY(finished.contains(QStringLiteral("upstream_failed")) ||
                finished.last() == QLatin1String("failed"));
    }
}

void TestSandboxTaskInstances::paging()
{
    const QString run = triggerRun();
    const HttpAnswer all = m_http->get(run + QStringLiteral("/taskInstances"));
    const int total = all.json().value(QStringLiteral("total_entries")).toInt();
    QVERIFY(total >= 3);
    const HttpAnswer page = m_http->get(run + QStringLiteral("/taskInstances?limit=2&offset=1"));
    QCOMPARE(page.json().value(QStringLiteral("total_entries")).toInt(), total);
    const QJsonArray items = page.json().value(QStringLiteral("task_instances")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.first().toObject().value(QStringLiteral("task_id")),
             all.json()
                 .value(QStringLiteral("task_instances"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("task_id")));
    // As Airflow: the list of an unknown run is empty, not a 404.
    const HttpAnswer none = m_http->get(QStringLiteral("dags/etl_orders/dagRuns/nope/taskInstances"));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json().value(QStringLiteral("total_entries")).toInt(), 0);
    QVERIFY(none.json().value(QStringLiteral("task_instances")).toArray().isEmpty());
}

void TestSandboxTaskInstances::singleTaskInstance()
{
    const QString run = triggerRun();
    const QJsonObject ti = m_http->get(run + QStringLiteral("/taskInstances/start")).json();
    QCOMPARE(ti.value(QStringLiteral("task_id")).toString(), QStringLiteral("start"));
    QCOMPARE(ti.value(QStringLiteral("dag_run_id")).toString(), QStringLiteral("ti_run"));
    QCOMPARE(m_http->get(run + QStringLiteral("/taskInstances/no_such_task")).status, 404);
}

void TestSandboxTaskInstances::logs_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("text/plain");
    QTest::newRow("json") << QByteArray("application/json") << QByteArray("application/json");
    QTest::newRow("no accept") << QByteArray() << QByteArray("application/json");
}

void TestSandboxTaskInstances::logs()
{
    QFETCH(QByteArray, accept);
    QFETCH(QByteArray, contentType);
    // A finished seeded run of a DAG: its first task has a complete log.
    const QJsonArray runs = m_http->get(QStringLiteral("dags/etl_orders/dagRuns?state=success&limit=1"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    QVERIFY(!runs.isEmpty());
    const QString runId = runs.first().toObject().value(QStringLiteral("dag_run_id")).toString();
    const QString path = QStringLiteral("dags/etl_orders/dagRuns/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(runId)) +
                         QStringLiteral("/taskInstances/start/logs/1");
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("GET"), path, {}, true, accept);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, contentType);
    if (contentType == "text/plain") {
        QVERIFY(answer.body.startsWith("*** Found local files:"));
        QVERIFY(answer.body.contains("Marking task as SUCCESS"));
        QVERIFY(answer.body.contains("{taskinstance.py:"));
    } else {
        const QJsonObject json = answer.json();
        QVERIFY(json.value(QStringLiteral("continuation_token")).isString());
        QVERIFY(
            json.value(QStringLiteral("content")).toString().startsWith(QLatin1String("[('airflow-worker-")));
    }
    QCOMPARE(m_http->send(QByteArrayLiteral("GET"), path.chopped(1) + u'7', {}, true, accept).status, 404);
}

void TestSandboxTaskInstances::pools()
{
    const HttpAnswer answer = m_http->get(QStringLiteral("pools"));
    QCOMPARE(answer.status, 200);
    const QJsonArray pools = answer.json().value(QStringLiteral("pools")).toArray();
    QVERIFY(pools.size() >= 3);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), pools.size());
    QCOMPARE(pools.first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("default_pool"));
    for (const QJsonValue &value : pools) {
        const QJsonObject pool = value.toObject();
        QCOMPARE(pool.value(QStringLiteral("occupied_slots")).toInt(),
                 pool.value(QStringLiteral("running_slots")).toInt() +
                     pool.value(QStringLiteral("queued_slots")).toInt());
        QCOMPARE(pool.value(QStringLiteral("open_slots")).toInt(),
                 pool.value(QStringLiteral("slots")).toInt() -
                     pool.value(QStringLiteral("occupied_slots")).toInt());
    }
    // With no seeded history, the one running run's current task instance is the only occupied slot.
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    options.runsPerDag = 0;
    SandboxServer quiet(options);
    QVERIFY(quiet.listen());
    SandboxHttp http(quiet.baseUrl());
    auto occupied = [&http] {
        int sum = 0;
        for (const QJsonValue &pool :
             http.get(QStringLiteral("pools")).json().value(QStringLiteral("pools")).toArray())
            sum += pool.toObject().value(QStringLiteral("occupied_slots")).toInt();
        return sum;
    };
    QCOMPARE(occupied(), 0);
    QCOMPARE(
        http.send(QByteArrayLiteral("POST"), QStringLiteral("dags/params_trigger_form/dagRuns"), "{}").status,
        200);
    QCOMPARE(occupied(), 0); // queued runs hold no slots
    quiet.advanceClock(11 * 1000);
    QCOMPARE(occupied(), 1);
    quiet.advanceClock(3600 * 1000);
    QCOMPARE(occupied(), 0);
    QCOMPARE(m_http->get(QStringLiteral("pools/nope")).status, 404);
}

void TestSandboxTaskInstances::importErrors()
{
    const HttpAnswer answer = m_http->get(QStringLiteral("importErrors"));
    QCOMPARE(answer.status, 200);
    const QJsonArray errors = answer.json().value(QStringLiteral("import_errors")).toArray();
    QCOMPARE(errors.size(), 1);
    const QJsonObject error = errors.first().toObject();
    QVERIFY(error.value(QStringLiteral("stack_trace")).toString().contains(QLatin1String("Traceback")));
    const int id = error.value(QStringLiteral("import_error_id")).toInt();
    QCOMPARE(m_http->get(QStringLiteral("importErrors/%1").arg(id)).json(), error);
    QCOMPARE(m_http->get(QStringLiteral("importErrors/999")).status, 404);
}

QTEST_GUILESS_MAIN(TestSandboxTaskInstances)
#include "tst_sandbox_taskinstances.moc"
