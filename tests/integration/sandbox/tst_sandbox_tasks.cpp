// Task-level endpoints of the sandbox over loopback, at the wire: XCom stringify/deserialize, the DAG source
// in both forms, tries of retried tasks (a running second try included), task notes, the task list, and
// clears that re-queue a run which then runs again on the clock.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxTasks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void xcomValueForms();
    void xcomErrors();
    void dagSourceForms();
    void runningSecondTry();
    void taskNoteValidation();
    void clearRequeuesAndRunsAgain();
    void clearIncludeFuture();

private:
    // A finished manual run of etl_orders with the given id; its path under /api/v1.
    QString finishedRun(const QString &runId);
    QString runState(const QString &runPath);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxTasks::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

QString TestSandboxTasks::finishedRun(const QString &runId)
{
    const HttpAnswer answer =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                     QByteArray("{\"dag_run_id\": \"") + runId.toUtf8() + QByteArray("\"}"));
    if (answer.status != 200)
        return QString();
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"), "{\"is_paused\": false}");
    m_server->advanceClock(3600 * 1000);
    return QStringLiteral("dags/etl_orders/dagRuns/") + runId;
}

QString TestSandboxTasks::runState(const QString &runPath)
{
    return m_http->get(runPath).json().value(QStringLiteral("state")).toString();
}

void TestSandboxTasks::xcomValueForms()
{
    const QString run = finishedRun(QStringLiteral("xcom_forms"));
    QVERIFY(!run.isEmpty());
    const QJsonArray tis = m_http->get(run + QStringLiteral("/taskInstances"))
                               .json()
                               .value(QStringLiteral("task_instances"))
                               .toArray();
    const QString task = tis.at(1).toObject().value(QStringLiteral("task_id")).toString();
    const QString entry =
        run + QStringLiteral("/taskInstances/") + task + QStringLiteral("/xcomEntries/manifest");

    // The default (stringify=true) is str() of the Python value.
    const HttpAnswer stringified = m_http->get(entry);
    QCOMPARE(stringified.status, 200);
    const QJsonValue text = stringified.json().value(QStringLiteral("value"));
    QVERIFY(text.isString());
    QVERIFY(text.toString().startsWith(QStringLiteral("{'complete': True, 'files': [{")));

    const HttpAnswer raw = m_http->get(entry + QStringLiteral("?stringify=false"));
    QCOMPARE(raw.status, 200);
    const QJsonObject value = raw.json().value(QStringLiteral("value")).toObject();
    QCOMPARE(value.value(QStringLiteral("complete")), QJsonValue(true));
    QCOMPARE(value.value(QStringLiteral("files")).toArray().size(), 4000);
    QCOMPARE(raw.json().value(QStringLiteral("key")).toString(), QStringLiteral("manifest"));
    QCOMPARE(raw.json().value(QStringLiteral("map_index")).toInt(), -1);

    // The EmptyOperator start pushes nothing.
    const HttpAnswer none = m_http->get(run + QStringLiteral("/taskInstances/start/xcomEntries"));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json().value(QStringLiteral("total_entries")).toInt(), 0);
}

void TestSandboxTasks::xcomErrors()
{
    const QString run = finishedRun(QStringLiteral("xcom_errors"));
    QVERIFY(!run.isEmpty());
    const QString entries = run + QStringLiteral("/taskInstances/start/xcomEntries");
    QCOMPARE(m_http->get(entries + QStringLiteral("/return_value")).status, 404);
    // deserialize needs [api] enable_xcom_deserialize_support, off by default.
    const HttpAnswer deserialize = m_http->get(entries + QStringLiteral("/return_value?deserialize=true"));
    QCOMPARE(deserialize.status, 400);
    QCOMPARE(m_http->get(entries + QStringLiteral("/return_value?stringify=maybe")).status, 400);
    QCOMPARE(m_http->get(entries + QStringLiteral("?limit=-1")).status, 400);

    // "~" lists across DAGs, runs and tasks, oldest logical date first.
    const HttpAnswer all =
        m_http->get(QStringLiteral("dags/~/dagRuns/~/taskInstances/~/xcomEntries?limit=50"));
    QCOMPARE(all.status, 200);
    const QJsonArray items = all.json().value(QStringLiteral("xcom_entries")).toArray();
    QCOMPARE(items.size(), 50);
    QVERIFY(all.json().value(QStringLiteral("total_entries")).toInt() > 50);
    for (int i = 0; i < items.size(); ++i) {
        QVERIFY(!items.at(i).toObject().contains(QStringLiteral("value")));
        if (i > 0)
            QVERIFY(items.at(i - 1).toObject().value(QStringLiteral("execution_date")).toString() <=
                    items.at(i).toObject().value(QStringLiteral("execution_date")).toString());
    }
    const HttpAnswer oneDag =
        m_http->get(QStringLiteral("dags/etl_orders/dagRuns/~/taskInstances/~/xcomEntries?limit=1"));
    QCOMPARE(oneDag.status, 200);
    QVERIFY(oneDag.json().value(QStringLiteral("total_entries")).toInt() > 0);
    QVERIFY(oneDag.json().value(QStringLiteral("total_entries")).toInt() <
            all.json().value(QStringLiteral("total_entries")).toInt());
}

void TestSandboxTasks::dagSourceForms()
{
    const QString token =
        m_http->get(QStringLiteral("dags/etl_orders")).json().value(QStringLiteral("file_token")).toString();
    QVERIFY(!token.isEmpty());
    const QString path = QStringLiteral("dagSources/") + token;
    const HttpAnswer plain = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "text/plain");
    QCOMPARE(plain.status, 200);
    QVERIFY(plain.contentType.startsWith("text/plain"));
    QVERIFY(plain.body.contains("dag_id='etl_orders'"));
    const HttpAnswer json = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "application/json");
    QCOMPARE(json.status, 200);
    QCOMPARE(json.json().value(QStringLiteral("content")).toString().toUtf8(), plain.body);
    QCOMPARE(m_http->send(QByteArrayLiteral("GET"), path, {}, true, "application/xml").status, 406);
    QCOMPARE(m_http->get(QStringLiteral("dagSources/bm90LWEtZmlsZQ.sandbox")).status, 404);
    QCOMPARE(m_http->get(QStringLiteral("dagSources/garbage")).status, 404);
}

void TestSandboxTasks::runningSecondTry()
{
    // Some seeded task instances fail their first try and succeed on the second. Start a dozen runs at once
    // and step the clock until one of their tasks runs its second try.
    QStringList runs;
    for (int i = 0; i < 12; ++i) {
        const QString runId = QStringLiteral("retry_%1").arg(i);
        QCOMPARE(m_http
                     ->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                            QByteArray("{\"dag_run_id\": \"") + runId.toUtf8() +
                                QByteArray("\", \"logical_date\": \"2025-01-") + QByteArray::number(10 + i) +
                                QByteArray("T00:00:00+00:00\"}"))
                     .status,
                 200);
        runs.append(QStringLiteral("dags/etl_orders/dagRuns/") + runId);
    }
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"), "{\"is_paused\": false}");
    QString ti;
    for (int step = 0; step < 2000 && ti.isEmpty(); ++step) {
        m_server->advanceClock(2 * 1000);
        for (const QString &run : std::as_const(runs)) {
            for (const QJsonValue &value : m_http->get(run + QStringLiteral("/taskInstances"))
                                               .json()
                                               .value(QStringLiteral("task_instances"))
                                               .toArray()) {
                const QJsonObject o = value.toObject();
                const QString state = o.value(QStringLiteral("state")).toString();
                if (state == QLatin1String("running") && o.value(QStringLiteral("try_number")).toInt() == 2)
                    ti = run + QStringLiteral("/taskInstances/") +
                         o.value(QStringLiteral("task_id")).toString();
            }
        }
    }
    QVERIFY2(!ti.isEmpty(), "a task runs its second try");
    const QJsonArray tries = m_http->get(ti + QStringLiteral("/tries"))
                                 .json()
                                 .value(QStringLiteral("task_instances_history"))
                                 .toArray();
    QCOMPARE(tries.size(), 2);
    QCOMPARE(tries.at(0).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("up_for_retry"));
    QCOMPARE(tries.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QVERIFY(!tries.at(0).toObject().contains(QStringLiteral("note")));
    QCOMPARE(m_http->get(ti).json().value(QStringLiteral("max_tries")).toInt(), 1);
    const HttpAnswer firstLog =
        m_http->send(QByteArrayLiteral("GET"), ti + QStringLiteral("/logs/1"), {}, true, "text/plain");
    const HttpAnswer secondLog =
        m_http->send(QByteArrayLiteral("GET"), ti + QStringLiteral("/logs/2"), {}, true, "text/plain");
    QVERIFY(firstLog.body.contains("Marking task as UP_FOR_RETRY"));
    QVERIFY(secondLog.body.contains("Starting attempt 2 of 2"));
    QVERIFY(!secondLog.body.contains("Marking task"));
    QCOMPARE(m_http->get(ti + QStringLiteral("/logs/3")).status, 404);
}

void TestSandboxTasks::taskNoteValidation()
{
    const QString run = finishedRun(QStringLiteral("note_checks"));
    QVERIFY(!run.isEmpty());
    const QString note = run + QStringLiteral("/taskInstances/start/setNote");
    QCOMPARE(m_http->send(QByteArrayLiteral("PATCH"), note, "{}").status, 400);
    QCOMPARE(m_http->send(QByteArrayLiteral("PATCH"), note, "{\"note\": 3}").status, 400);
    const HttpAnswer ok = m_http->send(QByteArrayLiteral("PATCH"), note, "{\"note\": \"looked at it\"}");
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().value(QStringLiteral("note")).toString(), QStringLiteral("looked at it"));
    QCOMPARE(m_http->get(QStringLiteral("dags/no_such_dag/tasks")).status, 404);
}

void TestSandboxTasks::clearRequeuesAndRunsAgain()
{
    const QString run = finishedRun(QStringLiteral("rerun"));
    QVERIFY(!run.isEmpty());
    const QString before = runState(run);
    QVERIFY(before == QLatin1String("success") || before == QLatin1String("failed"));
    const HttpAnswer cleared =
        m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/clearTaskInstances"),
                     "{\"dry_run\": false, \"only_failed\": false, \"reset_dag_runs\": true, "
                     "\"dag_run_id\": \"rerun\"}");
    QCOMPARE(cleared.status, 200);
    QCOMPARE(runState(run), QStringLiteral("queued"));
    m_server->advanceClock(11 * 1000); // past the queue delay: running like a new run
    QCOMPARE(runState(run), QStringLiteral("running"));
    m_server->advanceClock(3600 * 1000);
    QCOMPARE(runState(run), QStringLiteral("success"));
    for (const QJsonValue &ti : m_http->get(run + QStringLiteral("/taskInstances"))
                                    .json()
                                    .value(QStringLiteral("task_instances"))
                                    .toArray()) {
        QCOMPARE(ti.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("success"));
        QVERIFY(ti.toObject().value(QStringLiteral("try_number")).toInt() >= 2);
    }
}

void TestSandboxTasks::clearIncludeFuture()
{
    const QString first = finishedRun(QStringLiteral("future_a"));
    const QString second = finishedRun(QStringLiteral("future_b"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    auto preview = [this](const QByteArray &flags) {
        QSet<QString> runs;
        const HttpAnswer answer =
            m_http->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/clearTaskInstances"),
                         "{\"dry_run\": true, \"only_failed\": false, \"task_ids\": [\"start\"], "
                         "\"dag_run_id\": \"future_a\"" +
                             flags + "}");
        for (const QJsonValue &ref : answer.json().value(QStringLiteral("task_instances")).toArray())
            runs.insert(ref.toObject().value(QStringLiteral("dag_run_id")).toString());
        return runs;
    };
    QCOMPARE(preview(""), QSet<QString>{QStringLiteral("future_a")});
    const QSet<QString> future = preview(", \"include_future\": true");
    QVERIFY(future.contains(QStringLiteral("future_a")) && future.contains(QStringLiteral("future_b")));
    const QSet<QString> past = preview(", \"include_past\": true");
    QVERIFY(past.contains(QStringLiteral("future_a")) && !past.contains(QStringLiteral("future_b")));
    QVERIFY(past.size() > 1); // the seeded history is older
    QCOMPARE(m_http
                 ->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/clearTaskInstances"),
                        "{\"include_future\": \"yes\"}")
                 .status,
             400);
}

QTEST_GUILESS_MAIN(TestSandboxTasks)
#include "tst_sandbox_tasks.moc"
