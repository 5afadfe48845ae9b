// A read-only client (AirflowClient::Options::readOnly) against the real sandbox: reads go out (GET, the
// batch list POSTs, dry runs), every changing call fails at once with ApiError::Kind::ReadOnly in plain
// words, and the sandbox's request log proves nothing changing was sent. send() (the explorer) judges by the
// method.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"

#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace Windsock::Api;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

class TestApiReadOnly final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_client;
    QString m_dagId;
    DagRun m_run;

    QStringList changingRequests() const
    {
        QStringList changing;
        for (const SandboxServer::LoggedRequest &request : m_sandbox->requestLog()) {
            const bool reads = request.method == "GET" || request.method == "HEAD" ||
                               request.method == "OPTIONS" ||
                               (request.method == "POST" && request.path.endsWith(QLatin1String("/list"))) ||
                               (request.method == "POST" && request.path.endsWith(QLatin1String("/clear")));
            if (!reads)
                changing.append(QString::fromLatin1(request.method) + u' ' + request.path);
        }
        return changing;
    }

    template<typename T>
    void expectRefused(const std::function<void(AirflowClient::Callback<T>)> &call, const char *what)
    {
        const qsizetype before = m_sandbox->requestLog().size();
        const auto result = awaitResult<T>(call);
        QVERIFY2(result, what);
        QVERIFY2(!result->ok(), what);
        QCOMPARE(result->error().kind(), ApiError::Kind::ReadOnly);
        QVERIFY2(result->error().message().contains(QLatin1String("\"viewer\" is read-only")),
                 qPrintable(result->error().message()));
        QCOMPARE(m_sandbox->requestLog().size(), before); // nothing at all was sent
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 3;
        options.runsPerDag = 2;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        AirflowClient::Options clientOptions;
        clientOptions.readOnly = true;
        clientOptions.profileName = QStringLiteral("viewer");
        m_client =
            std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV1>(),
                                            std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                QStringLiteral("admin"), QStringLiteral("admin")),
                                            clientOptions);
        m_dagId = m_sandbox->state().dag(0).dagId;
        DagRunQuery query;
        query.dagId = m_dagId;
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_client->dagRuns(query, this, done); });
        QVERIFY(runs && runs->ok() && !runs->value().items.isEmpty());
        m_run = runs->value().items.first();
    }

    void readsGoOut()
    {
        const auto dags = awaitResult<Page<Dag>>([&](auto done) { m_client->dags(DagQuery(), this, done); });
        QVERIFY(dags && dags->ok());
        const auto batch = awaitResult<Page<DagRun>>(
            [&](auto done) { m_client->listDagRunsBatch(DagRunBatchQuery(), this, done); });
        QVERIFY2(batch && batch->ok(), batch ? qPrintable(batch->error().message()) : "no answer");
        const auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_client->previewClearDagRun(m_dagId, m_run.dagRunId, this, done); });
        QVERIFY2(preview && preview->ok(), preview ? qPrintable(preview->error().message()) : "no answer");
        RawRequest get;
        get.path = QStringLiteral("/api/v1/dags?limit=1");
        const auto raw = awaitResult<RawResponse>([&](auto done) { m_client->send(get, this, done); });
        QVERIFY(raw && raw->ok());
        QCOMPARE(raw->value().status, 200);
        QCOMPARE(changingRequests(), QStringList());
    }

    void changesAreRefusedAndNotSent()
    {
        expectRefused<Dag>([&](auto done) { m_client->setDagPaused(m_dagId, true, this, done); }, "pause");
        TriggerRequest trigger;
        trigger.dagId = m_dagId;
        trigger.dagRunId = QStringLiteral("readonly_run");
        expectRefused<DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); }, "trigger");
        expectRefused<Nothing>(
            [&](auto done) { m_client->deleteDagRun(m_dagId, m_run.dagRunId, this, done); }, "delete run");
        expectRefused<DagRun>(
            [&](auto done) {
                m_client->markDagRun(m_dagId, m_run.dagRunId, QStringLiteral("failed"), this, done);
            },
            "mark");
        expectRefused<DagRun>(
            [&](auto done) {
                m_client->setDagRunNote(m_dagId, m_run.dagRunId, QStringLiteral("n"), this, done);
            },
            "note");
        Variable variable;
        variable.key = QStringLiteral("k");
        variable.value = QStringLiteral("v");
        expectRefused<Nothing>([&](auto done) { m_client->deleteVariable(QStringLiteral("k"), this, done); },
                               "delete variable");
        expectRefused<Nothing>(
            [&](auto done) { m_client->deletePool(QStringLiteral("default_pool"), this, done); },
            "delete pool");
        expectRefused<Nothing>(
            [&](auto done) { m_client->deleteConnection(QStringLiteral("c"), this, done); },
            "delete connection");
        PoolRequest pool;
        pool.name = QStringLiteral("p");
        pool.slots = 2;
        expectRefused<Pool>([&](auto done) { m_client->createPool(pool, this, done); }, "create pool");
        for (const QByteArray &method : {QByteArrayLiteral("POST"), QByteArrayLiteral("PATCH"),
                                         QByteArrayLiteral("DELETE"), QByteArrayLiteral("PUT")}) {
            RawRequest raw;
            raw.method = method;
            // A list POST reads, but the explorer's requests are judged by their method alone.
            raw.path = QStringLiteral("/api/v1/dags/~/dagRuns/list");
            raw.body = "{}";
            expectRefused<RawResponse>([&](auto done) { m_client->send(raw, this, done); },
                                       method.constData());
        }
        QCOMPARE(changingRequests(), QStringList());
    }

    void dialectsMarkWhatReads()
    {
        for (const bool v2 : {false, true}) {
            std::unique_ptr<Dialect> dialect;
            if (v2)
                dialect = std::make_unique<DialectV2>();
            else
                dialect = std::make_unique<DialectV1>();
            QVERIFY(dialect->dagRunsBatchRequest(DagRunBatchQuery()).reads);
            QVERIFY(dialect->taskInstancesBatchRequest(TaskInstanceBatchQuery()).reads);
            QVERIFY(dialect->clearDagRunRequest(QStringLiteral("d"), QStringLiteral("r"), true).reads);
            QVERIFY(!dialect->clearDagRunRequest(QStringLiteral("d"), QStringLiteral("r"), false).reads);
            ClearTaskInstancesRequest clear;
            clear.dagId = QStringLiteral("d");
            clear.dryRun = true;
            QVERIFY(dialect->clearTaskInstancesRequest(clear).reads);
            clear.dryRun = false;
            QVERIFY(!dialect->clearTaskInstancesRequest(clear).reads);
            UpdateTaskInstancesStateRequest update;
            update.dagId = QStringLiteral("d");
            update.dagRunId = QStringLiteral("r");
            update.taskId = QStringLiteral("t");
            update.newState = QStringLiteral("failed");
            update.dryRun = true;
            QVERIFY(dialect->updateTaskInstancesStateRequest(update).reads);
            update.dryRun = false;
            QVERIFY(!dialect->updateTaskInstancesStateRequest(update).reads);
            QVERIFY(
                !dialect
                     ->markDagRunRequest(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("failed"))
                     .reads);
            QVERIFY(!dialect->deleteDagRunRequest(QStringLiteral("d"), QStringLiteral("r")).reads);
            // Testing a connection stores nothing; creating one does.
            ConnectionRequest connection;
            connection.connectionId = QStringLiteral("c");
            connection.connType = QStringLiteral("http");
            QVERIFY(dialect->testConnectionRequest(connection).reads);
            QVERIFY(!dialect->createConnectionRequest(connection).reads);
        }
    }
};

QTEST_GUILESS_MAIN(TestApiReadOnly)
#include "tst_api_readonly.moc"
