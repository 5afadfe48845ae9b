// The action endpoints over loopback: mark, clear and note a run; clear and set task instances. Dry runs
// (the default) change nothing; real ones change what later GETs show; bodies that break the spec get 400.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void markRun_data();
    void markRun();
    void clearRunDefaultsToDryRun();
    void clearRun();
    void runNote();
    void clearTaskInstances_data();
    void clearTaskInstances();
    void setTaskInstanceState();
    void badBodies_data();
    void badBodies();
    void unknownTargets_data();
    void unknownTargets();

private:
    // A triggered run of etl_orders, unpaused and run to its end (or mid-way).
    QString finishedRun(qint64 advanceMs = 3600 * 1000);
    QStringList states(const QString &run);
    QString firstTaskId(const QString &run);
    QString runState(const QString &run);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxActions::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

QString TestSandboxActions::finishedRun(qint64 advanceMs)
{
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                     QByteArrayLiteral("{\"dag_run_id\": \"act_run\"}"));
    if (answer.status != 200)
        return QString();
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"),
                 QByteArrayLiteral("{\"is_paused\": false}"));
    m_server->advanceClock(advanceMs);
    return QStringLiteral("dags/etl_orders/dagRuns/act_run");
}

QStringList TestSandboxActions::states(const QString &run)
{
    QStringList result;
    const QJsonArray tis = m_http->get(run + QStringLiteral("/taskInstances"))
                               .json()
                               .value(QStringLiteral("task_instances"))
                               .toArray();
    for (const QJsonValue &ti : tis) {
        const QJsonValue state = ti.toObject().value(QStringLiteral("state"));
        result.append(state.isNull() ? QStringLiteral("none") : state.toString());
    }
    return result;
}

QString TestSandboxActions::firstTaskId(const QString &run)
{
    return m_http->get(run + QStringLiteral("/taskInstances"))
        .json()
        .value(QStringLiteral("task_instances"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("task_id"))
        .toString();
}

QString TestSandboxActions::runState(const QString &run)
{
    return m_http->get(run).json().value(QStringLiteral("state")).toString();
}

void TestSandboxActions::markRun_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<qint64>("advanceMs");
    QTest::addColumn<QStringList>("allowedTaskStates");
    QTest::newRow("success while running")
        << QByteArray("success") << qint64(20 * 1000) << QStringList{QStringLiteral("success")};
    QTest::newRow("failed while running")
        << QByteArray("failed") << qint64(20 * 1000)
        << QStringList{QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("skipped")};
    QTest::newRow("success after the end")
        << QByteArray("success") << qint64(3600 * 1000) << QStringList{QStringLiteral("success")};
}

void TestSandboxActions::markRun()
{
    QFETCH(QByteArray, state);
    QFETCH(qint64, advanceMs);
    QFETCH(QStringList, allowedTaskStates);
    const QString run = finishedRun(advanceMs);
    QVERIFY(!run.isEmpty());
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("PATCH"), run,
                     QByteArrayLiteral("{\"state\": \"") + state + QByteArrayLiteral("\"}"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("state")).toString(), QString::fromLatin1(state));
    QVERIFY(!answer.json().value(QStringLiteral("end_date")).isNull());
    // Later GETs, even after the clock moves on, show the marked state.
    m_server->advanceClock(3600 * 1000);
    QCOMPARE(runState(run), QString::fromLatin1(state));
    const QStringList taskStates = states(run);
    QVERIFY(!taskStates.isEmpty());
    for (const QString &taskState : taskStates)
        QVERIFY2(allowedTaskStates.contains(taskState), qPrintable(taskState));
}

void TestSandboxActions::clearRunDefaultsToDryRun()
{
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    const QStringList before = states(run);
    const QString stateBefore = runState(run);
    for (const QByteArray &body : {QByteArrayLiteral("{}"), QByteArrayLiteral("{\"dry_run\": true}")}) {
        const HttpAnswer answer =
            m_http->send(QByteArrayLiteral("POST"), run + QStringLiteral("/clear"), body);
        QCOMPARE(answer.status, 200);
        const QJsonArray tis = answer.json().value(QStringLiteral("task_instances")).toArray();
        QCOMPARE(tis.size(), before.size());
        const QJsonObject first = tis.first().toObject();
        QCOMPARE(first.value(QStringLiteral("dag_id")).toString(), QStringLiteral("etl_orders"));
        QCOMPARE(first.value(QStringLiteral("dag_run_id")).toString(), QStringLiteral("act_run"));
        QVERIFY(first.value(QStringLiteral("execution_date")).isString());
        QVERIFY(!first.contains(QStringLiteral("state")));
    }
    QCOMPARE(states(run), before);
    QCOMPARE(runState(run), stateBefore);
}

void TestSandboxActions::clearRun()
{
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("POST"), run + QStringLiteral("/clear"),
                                           QByteArrayLiteral("{\"dry_run\": false}"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("dag_run_id")).toString(), QStringLiteral("act_run"));
    QCOMPARE(answer.json().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
    QCOMPARE(runState(run), QStringLiteral("queued"));
    for (const QString &state : states(run))
        QCOMPARE(state, QStringLiteral("none"));
    // A cleared run is scheduled again like a new one: it runs its tasks again and finishes.
    m_server->advanceClock(3600 * 1000);
    QCOMPARE(runState(run), QStringLiteral("success"));
    for (const QString &state : states(run))
        QCOMPARE(state, QStringLiteral("success"));
}

void TestSandboxActions::runNote()
{
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("PATCH"), run + QStringLiteral("/setNote"),
                                           QByteArrayLiteral("{\"note\": \"looked at it\"}"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("note")).toString(), QStringLiteral("looked at it"));
    QCOMPARE(m_http->get(run).json().value(QStringLiteral("note")).toString(),
             QStringLiteral("looked at it"));
    // A seeded run keeps its note too.
    const QJsonArray runs = m_http->get(QStringLiteral("dags/etl_orders/dagRuns"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    QVERIFY(!runs.isEmpty());
    const QString seeded = QStringLiteral("dags/etl_orders/dagRuns/") +
                           QString::fromLatin1(QUrl::toPercentEncoding(
                               runs.first().toObject().value(QStringLiteral("dag_run_id")).toString()));
    QCOMPARE(m_http
                 ->send(QByteArrayLiteral("PATCH"), seeded + QStringLiteral("/setNote"),
                        QByteArrayLiteral("{\"note\": \"old\"}"))
                 .status,
             200);
    QCOMPARE(m_http->get(seeded).json().value(QStringLiteral("note")).toString(), QStringLiteral("old"));
}

void TestSandboxActions::clearTaskInstances_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected"); // -1: as many as the run has task instances
    QTest::addColumn<bool>("changes");
    QTest::newRow("default: dry run, only failed")
        << QByteArray("{\"dag_run_id\": \"act_run\"}") << 0 << false;
    QTest::newRow("dry run, all") << QByteArray("{\"dag_run_id\": \"act_run\", \"only_failed\": false}") << -1
                                  << false;
    QTest::newRow("one task") << QByteArray("{\"dag_run_id\": \"act_run\", \"only_failed\": false, "
                                            "\"task_ids\": [\"{first}\"], \"dry_run\": false}")
                              << 1 << true;
    QTest::newRow("all, reset the run")
        << QByteArray("{\"dag_run_id\": \"act_run\", \"only_failed\": false, \"dry_run\": false, "
                      "\"reset_dag_runs\": true}")
        << -1 << true;
}

void TestSandboxActions::clearTaskInstances()
{
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    QFETCH(bool, changes);
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    // Mark the run success first so no task instance is failed: only_failed then finds none.
    QCOMPARE(
        m_http->send(QByteArrayLiteral("PATCH"), run, QByteArrayLiteral("{\"state\": \"success\"}")).status,
        200);
    body.replace("{first}", firstTaskId(run).toUtf8());
    const QStringList before = states(run);
    if (expected < 0)
        expected = int(before.size());
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/clearTaskInstances"), body);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("task_instances")).toArray().size(), expected);
    const QStringList after = states(run);
    if (!changes) {
        QCOMPARE(after, before);
        return;
    }
    QCOMPARE(int(after.count(QStringLiteral("none"))), expected);
    if (body.contains("reset_dag_runs"))
        QCOMPARE(runState(run), QStringLiteral("queued"));
}

void TestSandboxActions::setTaskInstanceState()
{
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    QCOMPARE(
        m_http->send(QByteArrayLiteral("PATCH"), run, QByteArrayLiteral("{\"state\": \"success\"}")).status,
        200);
    const QString ti = run + QStringLiteral("/taskInstances/") + firstTaskId(run);
    const QString before = m_http->get(ti).json().value(QStringLiteral("state")).toString();
    QCOMPARE(before, QStringLiteral("success"));
    HttpAnswer answer =
        m_http->send(QByteArrayLiteral("PATCH"), ti, QByteArrayLiteral("{\"new_state\": \"failed\"}"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QStringLiteral("task_id")).toString(), firstTaskId(run));
    QCOMPARE(m_http->get(ti).json().value(QStringLiteral("state")).toString(), before); // dry run by default
    answer = m_http->send(QByteArrayLiteral("PATCH"), ti,
                          QByteArrayLiteral("{\"dry_run\": false, \"new_state\": \"failed\"}"));
    QCOMPARE(answer.status, 200);
    m_server->advanceClock(60 * 1000);
    QCOMPARE(m_http->get(ti).json().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    // Now it is failed, only_failed finds it.
    answer = m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/clearTaskInstances"),
                          QByteArrayLiteral("{\"dag_run_id\": \"act_run\"}"));
    QCOMPARE(answer.json().value(QStringLiteral("task_instances")).toArray().size(), 1);
}

void TestSandboxActions::badBodies_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QString run = QStringLiteral("dags/etl_orders/dagRuns/act_run");
    QTest::newRow("mark running") << QByteArray("PATCH") << run << QByteArray("{\"state\": \"running\"}");
    QTest::newRow("mark without state") << QByteArray("PATCH") << run << QByteArray("{}");
    QTest::newRow("clear dry_run text") << QByteArray("POST") << QString(run + QStringLiteral("/clear"))
                                        << QByteArray("{\"dry_run\": \"yes\"}");
    QTest::newRow("note number") << QByteArray("PATCH") << QString(run + QStringLiteral("/setNote"))
                                 << QByteArray("{\"note\": 5}");
    QTest::newRow("ti state running")
        << QByteArray("PATCH") << QString(run + QStringLiteral("/taskInstances/{first}"))
        << QByteArray("{\"new_state\": \"running\"}");
    QTest::newRow("update states without flags")
        << QByteArray("POST") << QStringLiteral("dags/etl_orders/updateTaskInstancesState")
        << QByteArray("{\"task_id\": \"{first}\", \"dag_run_id\": \"act_run\", \"new_state\": \"failed\"}");
    QTest::newRow("update states run and date")
        << QByteArray("POST") << QStringLiteral("dags/etl_orders/updateTaskInstancesState")
        << QByteArray(
               "{\"task_id\": \"{first}\", \"dag_run_id\": \"act_run\", \"execution_date\": "
               "\"2030-01-01T00:00:00+00:00\", \"new_state\": \"failed\", \"include_upstream\": false, "
               "\"include_downstream\": false, \"include_future\": false, \"include_past\": false}");
    QTest::newRow("clear tis not json")
        << QByteArray("POST") << QStringLiteral("dags/etl_orders/clearTaskInstances") << QByteArray("{");
}

void TestSandboxActions::badBodies()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const QString run = finishedRun();
    QVERIFY(!run.isEmpty());
    path.replace(QStringLiteral("{first}"), firstTaskId(run));
    const HttpAnswer answer = m_http->send(verb, path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
}

void TestSandboxActions::unknownTargets_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("mark") << QByteArray("PATCH") << QStringLiteral("dags/etl_orders/dagRuns/nope")
                          << QByteArray("{\"state\": \"success\"}");
    QTest::newRow("clear run") << QByteArray("POST") << QStringLiteral("dags/nope/dagRuns/nope/clear")
                               << QByteArray("{}");
    QTest::newRow("clear tis dag") << QByteArray("POST") << QStringLiteral("dags/nope/clearTaskInstances")
                                   << QByteArray("{}");
    QTest::newRow("clear tis run") << QByteArray("POST")
                                   << QStringLiteral("dags/etl_orders/clearTaskInstances")
                                   << QByteArray("{\"dag_run_id\": \"nope\"}");
    QTest::newRow("update states task")
        << QByteArray("POST") << QStringLiteral("dags/etl_orders/updateTaskInstancesState")
        << QByteArray(
               "{\"task_id\": \"nope\", \"dag_run_id\": \"act_run\", \"new_state\": \"failed\", "
               "\"include_upstream\": false, \"include_downstream\": false, \"include_future\": false, "
               "\"include_past\": false}");
    QTest::newRow("ti task") << QByteArray("PATCH")
                             << QStringLiteral("dags/etl_orders/dagRuns/act_run/taskInstances/nope")
                             << QByteArray("{\"new_state\": \"failed\"}");
}

void TestSandboxActions::unknownTargets()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QVERIFY(!finishedRun().isEmpty());
    QCOMPARE(m_http->send(verb, path, body).status, 404);
}

QTEST_GUILESS_MAIN(TestSandboxActions)
#include "tst_sandbox_actions.moc"
