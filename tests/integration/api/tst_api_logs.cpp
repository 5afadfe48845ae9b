// The client's log calls against the sandbox: following a running task with continuation tokens, the
// Python-repr JSON content decoded to text, and a multi-megabyte log read whole.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

class TestApiLogs final : public QObject
{
    Q_OBJECT

private:
    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = QStringLiteral("etl_orders");
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void pythonRepr_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("text");
        QTest::newRow("one tuple") << QStringLiteral("[('host-1', 'line 1\\nline 2\\n')]")
                                   << QStringLiteral("line 1\nline 2\n");
        QTest::newRow("quotes") << QStringLiteral("[('h', \"it\\'s \\\\ ok\")]")
                                << QStringLiteral("it's \\ ok");
        QTest::newRow("two hosts") << QStringLiteral("[('a', 'x'), ('b', 'y')]") << QStringLiteral("xy");
        QTest::newRow("unicode") << QStringLiteral("[('h', '\\xe9\\u20ac')]")
                                 << QString::fromUtf8("\xc3\xa9\xe2\x82\xac");
        QTest::newRow("plain") << QStringLiteral("just text") << QStringLiteral("just text");
    }

    void pythonRepr()
    {
        QFETCH(QString, content);
        QFETCH(QString, text);
        QCOMPARE(DialectV1::logTextFromPythonRepr(content), text);
    }

    void followRunningTask()
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = QStringLiteral("follow");
        QVERIFY(awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); })->ok());
        QVERIFY(awaitResult<Dag>([&](auto done) {
                    m_api->setDagPaused(QStringLiteral("etl_orders"), false, this, done);
                })->ok());
        QString taskId;
        for (int step = 0; step < 600 && taskId.isEmpty(); ++step) {
            m_sandbox->advanceClock(1000);
            for (const TaskInstance &ti : taskInstances(trigger.dagRunId)) {
                if (ti.state == QLatin1String("running"))
                    taskId = ti.taskId;
            }
        }
        QVERIFY(!taskId.isEmpty());
        const auto first = awaitResult<TaskLogChunk>([&](auto done) {
            m_api->taskLogChunk(trigger.dagId, trigger.dagRunId, taskId, 1, QString(), this, done);
        });
        QVERIFY2(first->ok(), qPrintable(first->error().message()));
        QVERIFY(first->value().content.startsWith(QLatin1String("*** Found local files:")));
        QVERIFY(!first->value().nextToken.isEmpty());
        m_sandbox->advanceClock(6000);
        const auto next = awaitResult<TaskLogChunk>([&](auto done) {
            m_api->taskLogChunk(trigger.dagId, trigger.dagRunId, taskId, 1, first->value().nextToken, this,
                                done);
        });
        QVERIFY2(next->ok(), qPrintable(next->error().message()));
        QVERIFY(!next->value().content.isEmpty());
        const auto whole = awaitResult<QString>(
            [&](auto done) { m_api->taskLog(trigger.dagId, trigger.dagRunId, taskId, 1, this, done); });
        QVERIFY2(whole->ok(), qPrintable(whole->error().message()));
        QCOMPARE(first->value().content + next->value().content, whole->value());
    }

    void largeLog()
    {
        DagRunQuery query;
        query.dagId = QStringLiteral("etl_orders");
        query.states = QStringList{QStringLiteral("success")};
        query.limit = 1;
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
        QVERIFY(!runs->value().items.isEmpty());
        const QString runId = runs->value().items.constFirst().dagRunId;
        const QList<TaskInstance> tis = taskInstances(runId);
        QVERIFY(tis.size() >= 2);
        const auto log = awaitResult<QString>([&](auto done) {
            m_api->taskLog(QStringLiteral("etl_orders"), runId, tis.at(1).taskId, 1, this, done);
        });
        QVERIFY2(log->ok(), qPrintable(log->error().message()));
        QVERIFY(log->value().size() >= 5 * 1024 * 1024);
        QVERIFY(log->value().endsWith(QLatin1String("Task exited with return code 0\n")));
    }
};

QTEST_GUILESS_MAIN(TestApiLogs)
#include "tst_api_logs.moc"
