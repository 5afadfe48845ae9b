// Task logs over loopback: the multi-megabyte logs of one seeded task, streamed; a running task's log that
// grows with the clock and is read on with the continuation token.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxLogs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void bulkLogIsLargeAndDeterministic();
    void runningLogGrowsWithTheClock();
    void badToken();

private:
    QString encoded(const QString &segment) { return QString::fromLatin1(QUrl::toPercentEncoding(segment)); }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxLogs::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

void TestSandboxLogs::bulkLogIsLargeAndDeterministic()
{
    // etl_orders is the seeded DAG whose second task writes 5-50 MB per try.
    const QJsonArray runs = m_http->get(QStringLiteral("dags/etl_orders/dagRuns?state=success&limit=1"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    QVERIFY(!runs.isEmpty());
    const QString run = QStringLiteral("dags/etl_orders/dagRuns/") +
                        encoded(runs.first().toObject().value(QStringLiteral("dag_run_id")).toString());
    const QJsonArray tis = m_http->get(run + QStringLiteral("/taskInstances"))
                               .json()
                               .value(QStringLiteral("task_instances"))
                               .toArray();
    QVERIFY(tis.size() >= 2);
    const QString path = run + QStringLiteral("/taskInstances/") +
                         encoded(tis.at(1).toObject().value(QStringLiteral("task_id")).toString()) +
                         QStringLiteral("/logs/1");
    const HttpAnswer first =
        m_http->send(QByteArrayLiteral("GET"), path, {}, true, QByteArrayLiteral("text/plain"));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.contentType, QByteArrayLiteral("text/plain"));
    QVERIFY2(first.body.size() >= 5 * 1024 * 1024 && first.body.size() <= 50 * 1024 * 1024,
             qPrintable(QString::number(first.body.size())));
    QCOMPARE(first.contentLength.toLongLong(), qint64(first.body.size()));
    QVERIFY(first.body.startsWith("*** Found local files:"));
    QVERIFY(first.body.right(300).contains("Marking task as SUCCESS"));
    QVERIFY(first.body.mid(first.body.size() / 2, 4096).contains("checksum"));
    const HttpAnswer again =
        m_http->send(QByteArrayLiteral("GET"), path, {}, true, QByteArrayLiteral("text/plain"));
    QCOMPARE(again.body.size(), first.body.size());
    QVERIFY(again.body == first.body);
}

void TestSandboxLogs::runningLogGrowsWithTheClock()
{
    QCOMPARE(m_http
                 ->send(QByteArrayLiteral("POST"), QStringLiteral("dags/etl_orders/dagRuns"),
                        QByteArrayLiteral("{\"dag_run_id\": \"log_run\"}"))
                 .status,
             200);
    m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("dags/etl_orders"),
                 QByteArrayLiteral("{\"is_paused\": false}"));
    const QString run = QStringLiteral("dags/etl_orders/dagRuns/log_run");
    QString taskId;
    for (int step = 0; step < 600 && taskId.isEmpty(); ++step) {
        m_server->advanceClock(1000);
        const QJsonArray running = m_http->get(run + QStringLiteral("/taskInstances?state=running"))
                                       .json()
                                       .value(QStringLiteral("task_instances"))
                                       .toArray();
        if (!running.isEmpty())
            taskId = running.first().toObject().value(QStringLiteral("task_id")).toString();
    }
    QVERIFY(!taskId.isEmpty());
    const QString path =
        run + QStringLiteral("/taskInstances/") + encoded(taskId) + QStringLiteral("/logs/1");
    const QByteArray before = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "text/plain").body;
    const HttpAnswer json = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "application/json");
    QCOMPARE(json.status, 200);
    const QString token = json.json().value(QStringLiteral("continuation_token")).toString();
    QVERIFY(!token.isEmpty());
    m_server->advanceClock(6000);
    const QByteArray after = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "text/plain").body;
    QVERIFY(after.size() > before.size());
    QVERIFY(after.startsWith(before));
    const HttpAnswer rest = m_http->send(
        QByteArrayLiteral("GET"), path + QStringLiteral("?token=") + encoded(token), {}, true, "text/plain");
    QCOMPARE(rest.status, 200);
    QCOMPARE(rest.body, after.mid(before.size()));
}

void TestSandboxLogs::badToken()
{
    const QJsonArray runs = m_http->get(QStringLiteral("dags/etl_orders/dagRuns?state=success&limit=1"))
                                .json()
                                .value(QStringLiteral("dag_runs"))
                                .toArray();
    QVERIFY(!runs.isEmpty());
    const QString path = QStringLiteral("dags/etl_orders/dagRuns/") +
                         encoded(runs.first().toObject().value(QStringLiteral("dag_run_id")).toString()) +
                         QStringLiteral("/taskInstances/start/logs/1?token=not-a-token");
    const HttpAnswer answer = m_http->send(QByteArrayLiteral("GET"), path, {}, true, "application/json");
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
}

QTEST_GUILESS_MAIN(TestSandboxLogs)
#include "tst_sandbox_logs.moc"
