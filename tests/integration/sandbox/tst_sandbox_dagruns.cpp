// DAG runs over loopback: Airflow's trigger rules, listing filters and order, percent-encoded run ids,
// delete, and the queued -> running -> success/failed state machine on a manual clock.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

namespace {
QString encoded(const QString &runId)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(runId));
}
constexpr qint64 hourMs = 3600 * 1000;
} // namespace

class TestSandboxDagRuns final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void triggerDefaults();
    void triggerRejects_data();
    void triggerRejects();
    void duplicateRunId();
    void duplicateLogicalDate();
    void unknownDag();
    void getAndDeleteEncodedRunId();
    void listFiltersAndOrder_data();
    void listFiltersAndOrder();
    void listAcrossDags();
    void historyHasEveryState();
    void stateMachine();
    void pausedDagDoesNotAdvance();
    void deterministicFromSeed();

private:
    QJsonObject trigger(const QString &dagId, const QByteArray &body, int expectedStatus = 200);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxDagRuns::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

QJsonObject TestSandboxDagRuns::trigger(const QString &dagId, const QByteArray &body, int expectedStatus)
{
    const HttpAnswer answer = m_http->send(
        QByteArrayLiteral("POST"), QStringLiteral("dags/") + dagId + QStringLiteral("/dagRuns"), body);
    if (answer.status != expectedStatus)
        qWarning() << answer.status << answer.body;
    return answer.status == expectedStatus ? answer.json() : QJsonObject();
}

void TestSandboxDagRuns::triggerDefaults()
{
    const QJsonObject run =
        trigger(QStringLiteral("params_trigger_form"), R"({"conf": {"worker_count": 4}, "note": "n"})");
    QCOMPARE(run.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QCOMPARE(run.value(QStringLiteral("run_type")).toString(), QStringLiteral("manual"));
    QCOMPARE(run.value(QStringLiteral("external_trigger")).toBool(), true);
    QCOMPARE(run.value(QStringLiteral("logical_date")).toString(),
             QStringLiteral("2025-06-01T12:00:00+00:00"));
    QCOMPARE(run.value(QStringLiteral("dag_run_id")).toString(),
             QStringLiteral("manual__2025-06-01T12:00:00+00:00"));
    QCOMPARE(run.value(QStringLiteral("conf")).toObject().value(QStringLiteral("worker_count")).toInt(), 4);
    QCOMPARE(run.value(QStringLiteral("note")).toString(), QStringLiteral("n"));
    QVERIFY(run.value(QStringLiteral("start_date")).isNull());
}

void TestSandboxDagRuns::triggerRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");
    const char *readOnly[] = {"state",
                              "dag_id",
                              "run_type",
                              "external_trigger",
                              "start_date",
                              "end_date",
                              "last_scheduling_decision"};
    for (const char *field : readOnly) {
        QTest::newRow(field) << (QByteArrayLiteral("{\"") + field + QByteArrayLiteral("\": \"x\"}"))
                             << QStringLiteral("Property is read-only - '%1'").arg(QLatin1String(field));
    }
    QTest::newRow("invalid json") << QByteArray("{nope") << QStringLiteral("Request body is not valid JSON");
    QTest::newRow("conf not an object")
        << QByteArray(R"({"conf": [1, 2]})") << QStringLiteral("[1,2] is not of type 'object' - 'conf'");
    QTest::newRow("naive date") << QByteArray(R"({"logical_date": "2025-01-01T00:00:00"})")
                                << QStringLiteral(
                                       "'2025-01-01T00:00:00' is not a 'date-time' - 'logical_date'");
    QTest::newRow("not a date") << QByteArray(R"({"logical_date": "yesterday"})")
                                << QStringLiteral("'yesterday' is not a 'date-time' - 'logical_date'");
    QTest::newRow("logical and execution differ")
        << QByteArray(R"({"logical_date": "2025-01-01T00:00:00Z", "execution_date": "2025-01-02T00:00:00Z"})")
        << QStringLiteral("logical_date conflicts with execution_date");
}

void TestSandboxDagRuns::triggerRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/params_trigger_form/dagRuns"), body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
    QCOMPARE(answer.json().value(QStringLiteral("title")).toString(), QStringLiteral("Bad Request"));
    QCOMPARE(answer.json().value(QStringLiteral("detail")).toString(), detail);
}

void TestSandboxDagRuns::duplicateRunId()
{
    trigger(QStringLiteral("etl_orders"), R"({"dag_run_id": "mine"})");
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                     R"({"dag_run_id": "mine", "logical_date": "2020-01-01T00:00:00Z"})");
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
    QVERIFY(answer.json()
                .value(QStringLiteral("detail"))
                .toString()
                .contains(QLatin1String("DAGRun ID: 'mine'")));
}

void TestSandboxDagRuns::duplicateLogicalDate()
{
    trigger(QStringLiteral("etl_orders"), R"({"logical_date": "2020-01-01T00:00:00+00:00"})");
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                     R"({"dag_run_id": "other", "execution_date": "2020-01-01T01:00:00+01:00"})");
    QCOMPARE(answer.status, 409);
    QVERIFY(answer.json().value(QStringLiteral("detail")).toString().contains(QLatin1String("logical date")));
}

void TestSandboxDagRuns::unknownDag()
{
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/no_such_dag/dagRuns"), "{}");
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.json().value(QStringLiteral("detail")).toString(),
             QStringLiteral("DAG with dag_id: 'no_such_dag' not found"));
    // As Airflow: the run list of an unknown DAG is empty, not a 404 (only the trigger says 404).
    const HttpAnswer runs = m_http->get(QStringLiteral("dags/no_such_dag/dagRuns"));
    QCOMPARE(runs.status, 200);
    QCOMPARE(runs.json().value(QStringLiteral("total_entries")).toInt(), 0);
}

void TestSandboxDagRuns::getAndDeleteEncodedRunId()
{
    const QString runId =
        trigger(QStringLiteral("etl_orders"), R"({"logical_date": "2025-05-05T05:05:05.5+00:00"})")
            .value(QStringLiteral("dag_run_id"))
            .toString();
    QCOMPARE(runId, QStringLiteral("manual__2025-05-05T05:05:05.500000+00:00"));
    const QString path = QStringLiteral("dags/etl_orders/dagRuns/") + encoded(runId);
    QVERIFY(path.contains(QLatin1String("%2B")));
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("dag_run_id")).toString(), runId);
    QCOMPARE(m_http->send(QByteArrayLiteral("DELETE"), path).status, 204);
    QCOMPARE(m_http->get(path).status, 404);
    QCOMPARE(m_http->send(QByteArrayLiteral("DELETE"), path).status, 404);

    // Seeded history can be deleted too.
    const QJsonArray runs = m_http->get(QStringLiteral("dags/etl_orders/dagRuns?limit=1"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    const QString seeded = runs.first().toObject().value(QStringLiteral("dag_run_id")).toString();
    const int before = m_http->get(QStringLiteral("dags/etl_orders/dagRuns"))
                           .json()
                           .value(QStringLiteral("total_entries"))
                           .toInt();
    QCOMPARE(
        m_http
            ->send(QByteArrayLiteral("DELETE"), QStringLiteral("dags/etl_orders/dagRuns/") + encoded(seeded))
            .status,
        204);
    QCOMPARE(m_http->get(QStringLiteral("dags/etl_orders/dagRuns"))
                 .json()
                 .value(QStringLiteral("total_entries"))
                 .toInt(),
             before - 1);
}

void TestSandboxDagRuns::listFiltersAndOrder_data()
{
    QTest::addColumn<QString>("orderBy");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("descending");
    QTest::newRow("id") << "id"
                        << "" << false;
    QTest::newRow("-execution_date") << "-execution_date"
                                     << "execution_date" << true;
    QTest::newRow("logical_date") << "logical_date"
                                  << "logical_date" << false;
    QTest::newRow("-start_date") << "-start_date"
                                 << "start_date" << true;
    QTest::newRow("end_date") << "end_date"
                              << "end_date" << false;
    QTest::newRow("state") << "state"
                           << "state" << false;
}

void TestSandboxDagRuns::listFiltersAndOrder()
{
    QFETCH(QString, orderBy);
    QFETCH(QString, field);
    QFETCH(bool, descending);
    const HttpAnswer answer =
        m_http->get(QStringLiteral("dags/etl_orders/dagRuns?limit=200&order_by=") + orderBy);
    QCOMPARE(answer.status, 200);
    const QJsonArray runs = answer.json().value(QStringLiteral("dag_runs")).toArray();
    QCOMPARE(runs.size(), 25);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), 25);
    if (field.isEmpty())
        return;
    for (int i = 1; i < runs.size(); ++i) {
        const QString a = runs.at(i - 1).toObject().value(field).toString();
        const QString b = runs.at(i).toObject().value(field).toString();
        if (a.isEmpty() || b.isEmpty())
            continue; // nulls sort last ascending, first descending
        QVERIFY2(descending ? a >= b : a <= b, qPrintable(a + u' ' + b));
    }

    // Filters: state (repeated) and a logical date window.
    const QJsonArray done = m_http->get(QStringLiteral("dags/etl_orders/dagRuns?state=success&state=failed"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    for (const QJsonValue &run : done) {
        const QString state = run.toObject().value(QStringLiteral("state")).toString();
        QVERIFY(state == QLatin1String("success") || state == QLatin1String("failed"));
    }
    const QString middle = runs.at(12).toObject().value(QStringLiteral("execution_date")).toString();
    const HttpAnswer window =
        m_http->get(QStringLiteral("dags/etl_orders/dagRuns?execution_date_gte=") + encoded(middle) +
                    QStringLiteral("&execution_date_lte=") + encoded(middle));
    QCOMPARE(window.json().value(QStringLiteral("total_entries")).toInt(), 1);
    QCOMPARE(m_http->get(QStringLiteral("dags/etl_orders/dagRuns?order_by=nope")).status, 400);
}

void TestSandboxDagRuns::listAcrossDags()
{
    const HttpAnswer answer = m_http->get(QStringLiteral("dags/~/dagRuns?limit=500"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("total_entries")).toInt(), 40 * 25);
    QCOMPARE(answer.json().value(QStringLiteral("dag_runs")).toArray().size(), 100);
}

void TestSandboxDagRuns::historyHasEveryState()
{
    QSet<QString> states;
    for (const QString &state : {QStringLiteral("queued"), QStringLiteral("running"),
                                 QStringLiteral("success"), QStringLiteral("failed")}) {
        if (m_http->get(QStringLiteral("dags/~/dagRuns?state=") + state)
                .json()
                .value(QStringLiteral("total_entries"))
                .toInt() > 0)
            states.insert(state);
    }
    QCOMPARE(states.size(), 4);
}

void TestSandboxDagRuns::stateMachine()
{
    const QString runId = trigger(QStringLiteral("params_trigger_form"), R"({"dag_run_id": "watch me"})")
                              .value(QStringLiteral("dag_run_id"))
                              .toString();
    const QString path = QStringLiteral("dags/params_trigger_form/dagRuns/") + encoded(runId);
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    m_server->advanceClock(11 * 1000); // queued for at most 10 s
    QJsonObject run = m_http->get(path).json();
    QCOMPARE(run.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(!run.value(QStringLiteral("start_date")).isNull());
    QVERIFY(run.value(QStringLiteral("end_date")).isNull());
    m_server->advanceClock(hourMs);
    run = m_http->get(path).json();
    const QString state = run.value(QStringLiteral("state")).toString();
    QVERIFY2(state == QLatin1String("success") || state == QLatin1String("failed"), qPrintable(state));
    QVERIFY(!run.value(QStringLiteral("end_date")).isNull());
}

void TestSandboxDagRuns::pausedDagDoesNotAdvance()
{
    QCOMPARE(m_http
                 ->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/params_trigger_form"),
                        R"({"is_paused": true})")
                 .status,
             200);
    trigger(QStringLiteral("params_trigger_form"), R"({"dag_run_id": "parked"})");
    m_server->advanceClock(24 * hourMs);
    const QString path = QStringLiteral("dags/params_trigger_form/dagRuns/parked");
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/params_trigger_form"),
                 R"({"is_paused": false})");
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    m_server->advanceClock(11 * 1000);
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    // Pausing mid-run freezes it; the paused time does not count.
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/params_trigger_form"),
                 R"({"is_paused": true})");
    m_server->advanceClock(24 * hourMs);
    QCOMPARE(m_http->get(path).json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/params_trigger_form"),
                 R"({"is_paused": false})");
    m_server->advanceClock(hourMs);
    const QJsonObject run = m_http->get(path).json();
    QVERIFY(run.value(QStringLiteral("state")).toString() != QLatin1String("running"));
    // start_date is before the pause; the end is after the resume, a day later.
    QVERIFY(run.value(QStringLiteral("end_date")).toString() > QStringLiteral("2025-06-03"));
}

void TestSandboxDagRuns::deterministicFromSeed()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    SandboxServer twin(options);
    QVERIFY(twin.listen());
    SandboxHttp twinHttp(twin.baseUrl());
    const QString path = QStringLiteral("dags/~/dagRuns?limit=100&offset=300");
    QCOMPARE(twinHttp.get(path).body, m_http->get(path).body);
}

QTEST_GUILESS_MAIN(TestSandboxDagRuns)
#include "tst_sandbox_dagruns.moc"
