// Contract test, Airflow 3.x /api/v2: every endpoint the client uses, driven through Stoplight Prism loaded
// with Airflow's official v2 spec and the simple auth manager's /auth/token (contract-proxy v2), against the
// sandbox speaking v2. Any request or response that breaks the spec fails the test; a deliberately wrong
// upstream proves the check can fail. Without ../shared (someone's own clone) the test reports that it
// skipped.
#include "contractproxy.h"
#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <api/airflowclient.h>
#include <api/dialectv2.h>
#include <auth/authenticator.h>
#include <auth/jwtloginauthenticator.h>
#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <memory>
#include <optional>

using namespace Windsock;
using Windsock::Tests::awaitResult;

class TestContractV2 final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    ContractProxy m_proxy;
    QNetworkAccessManager m_nam;
    std::unique_ptr<Api::AirflowClient> m_client;
    QString m_dagId;      // an active DAG from the seed data, with runs
    QString m_otherDagId; // a second one
    QString m_runId;      // one of m_dagId's finished runs
    QString m_taskId;     // one of that run's task instances
    QString m_poolName;
    int m_importErrorId = 0;
    QString m_xcomRunId, m_xcomTaskId, m_xcomKey; // an XCom entry of a finished run of m_dagId

    std::unique_ptr<Api::AirflowClient> makeClient(std::unique_ptr<Auth::Authenticator> authenticator)
    {
        return std::make_unique<Api::AirflowClient>(&m_nam, m_proxy.url(), std::make_unique<Api::DialectV2>(),
                                                    std::move(authenticator));
    }

    std::optional<Api::RawResponse> send(Api::AirflowClient &client, const Api::RawRequest &request)
    {
        const auto response =
            Tests::awaitResult<Api::RawResponse>([&](auto done) { client.send(request, this, done); }, 30000);
        return response && response->ok() ? std::optional<Api::RawResponse>(response->value()) : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (ContractProxy::scriptPath().isEmpty())
            QSKIP("skipped: official specs not found (../shared/tools/contract-proxy is absent)");
        Sandbox::SandboxOptions options;
        options.api = Sandbox::ApiVersion::V2;
        options.dagCount = 40;
        options.runsPerDag = 12;
        options.seed = 7;
        m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
        QVERIFY(m_sandbox->listen());
        QVERIFY2(m_proxy.start(QStringLiteral("v2"), m_sandbox->baseUrl()),
                 qPrintable(m_proxy.errorString()));
        m_client = makeClient(
            std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));

        // Real ids from the seed data, found through the typed client (and so through the proxy too).
        const auto dags =
            awaitResult<QList<Api::Dag>>([this](auto done) { m_client->allDags({}, this, done); });
        QVERIFY2(dags->ok(), qPrintable(dags->error().message()));
        QVERIFY(dags->value().size() >= 3);
        // Not the DAG whose second task writes the sandbox's 5-50 MB logs (the seed's DAG index 1).
        m_dagId = dags->value().at(0).dagId;
        m_otherDagId = dags->value().at(2).dagId;
        Api::DagRunQuery runQuery;
        runQuery.dagId = m_dagId;
        runQuery.states = {QStringLiteral("success")};
        const auto runs =
            awaitResult<Api::Page<Api::DagRun>>([&](auto done) { m_client->dagRuns(runQuery, this, done); });
        QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
        QVERIFY(!runs->value().items.isEmpty());
        m_runId = runs->value().items.constLast().dagRunId;
        Api::TaskInstanceQuery tiQuery;
        tiQuery.dagId = m_dagId;
        tiQuery.dagRunId = m_runId;
        const auto tis = awaitResult<Api::Page<Api::TaskInstance>>(
            [&](auto done) { m_client->taskInstances(tiQuery, this, done); });
        QVERIFY2(tis->ok(), qPrintable(tis->error().message()));
        QVERIFY(!tis->value().items.isEmpty());
        m_taskId = tis->value().items.constFirst().taskId;
        const auto pools =
            awaitResult<Api::Page<Api::Pool>>([this](auto done) { m_client->pools(100, 0, this, done); });
        QVERIFY2(pools->ok(), qPrintable(pools->error().message()));
        m_poolName = pools->value().items.constLast().name;
        const auto errors = awaitResult<Api::Page<Api::ImportError>>(
            [this](auto done) { m_client->importErrors(100, 0, this, done); });
        QVERIFY2(errors->ok(), qPrintable(errors->error().message()));
        QVERIFY(!errors->value().items.isEmpty());
        m_importErrorId = errors->value().items.constFirst().id;
        for (const Api::TaskInstance &ti : tis->value().items) {
            Api::XComQuery xcoms;
            xcoms.dagId = m_dagId;
            xcoms.dagRunId = m_runId;
            xcoms.taskId = ti.taskId;
            const auto entries = awaitResult<Api::Page<Api::XComEntry>>(
                [&](auto done) { m_client->xcomEntries(xcoms, this, done); });
            QVERIFY2(entries->ok(), qPrintable(entries->error().message()));
            if (m_xcomKey.isEmpty() && !entries->value().items.isEmpty()) {
                m_xcomRunId = m_runId;
                m_xcomTaskId = ti.taskId;
                m_xcomKey = entries->value().items.constFirst().key;
            }
        }
        QVERIFY2(!m_xcomKey.isEmpty(), "the seed data has an XCom entry");
    }

    void cleanupTestCase() { m_proxy.stop(); }

    // Raw requests, each success and error the client can meet: method, path ({dag}, {other}, {run},
    // {task}, {pool}, {importError}, {xcom...} filled in), body, Accept, and the status the sandbox must
    // answer. None may break the spec. Requests that break it (unknown fields, a missing token) never reach
    // the sandbox: Prism answers them itself, so their 422s and 401s are covered by tst_api_v2.
    void endpoint_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("authenticated");
        QTest::addColumn<int>("status");
        const QByteArray none;
        auto row = [](const char *name, const char *method, const char *path, const QByteArray &body,
                      int status, const QByteArray &accept = "application/json", bool authenticated = true) {
            QTest::newRow(name) << QByteArray(method) << QString::fromLatin1(path) << body << accept
                                << authenticated << status;
        };
        row("version", "GET", "/api/v2/version", none, 200);
        row("health", "GET", "/api/v2/monitor/health", none, 200);
        row("dags", "GET", "/api/v2/dags", none, 200);
        row("dags page", "GET", "/api/v2/dags?limit=5&offset=3", none, 200);
        row("dags order repeated", "GET", "/api/v2/dags?order_by=-dag_id&order_by=is_paused", none, 200);
        row("dags filters", "GET",
            "/api/v2/dags?tags=etl&tags=ml&dag_id_pattern=a&paused=false&exclude_stale=false", none, 200);
        row("dag", "GET", "/api/v2/dags/{dag}", none, 200);
        row("dag unknown", "GET", "/api/v2/dags/no_such_dag", none, 404);
        row("dag details", "GET", "/api/v2/dags/{dag}/details", none, 200);
        row("pause", "PATCH", "/api/v2/dags/{other}?update_mask=is_paused", "{\"is_paused\": true}", 200);
        row("unpause", "PATCH", "/api/v2/dags/{other}", "{\"is_paused\": false}", 200);
        row("bulk pause", "PATCH", "/api/v2/dags?dag_id_pattern=no_dag_matches_this", "{\"is_paused\": true}",
            200);
        row("runs", "GET", "/api/v2/dags/{dag}/dagRuns", none, 200);
        row("runs newest first", "GET", "/api/v2/dags/{dag}/dagRuns?order_by=-logical_date&limit=3", none,
            200);
        row("runs by state and date", "GET",
            "/api/v2/dags/~/dagRuns?state=success&state=failed&logical_date_gte=2020-01-01T00:00:00Z", none,
            200);
        row("trigger", "POST", "/api/v2/dags/{dag}/dagRuns",
            "{\"dag_run_id\": \"contract_run_1\", \"logical_date\": \"2031-01-02T03:04:05Z\", \"conf\": "
            "{\"rows\": 10}, \"note\": \"from the contract test\"}",
            200);
        row("trigger without logical date", "POST", "/api/v2/dags/{other}/dagRuns",
            "{\"logical_date\": null}", 200);
        row("trigger duplicate run id", "POST", "/api/v2/dags/{dag}/dagRuns",
            "{\"dag_run_id\": \"contract_run_1\", \"logical_date\": null}", 409);
        row("trigger unknown dag", "POST", "/api/v2/dags/no_such_dag/dagRuns", "{\"logical_date\": null}",
            404);
        row("run", "GET", "/api/v2/dags/{dag}/dagRuns/{run}", none, 200);
        row("run unknown", "GET", "/api/v2/dags/{dag}/dagRuns/no_such_run", none, 404);
        row("task instances", "GET", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances", none, 200);
        row("task instance", "GET", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}", none, 200);
        row("task instance unknown", "GET", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/no_such_task",
            none, 404);
        row("tries", "GET", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/tries", none, 200);
        row("log json", "GET",
            "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/logs/1?full_content=true", none, 200);
        row("log ndjson", "GET", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/logs/1", none, 200,
            "application/x-ndjson");
        row("xcoms", "GET", "/api/v2/dags/{dag}/dagRuns/{xcomRun}/taskInstances/{xcomTask}/xcomEntries", none,
            200);
        row("xcom", "GET",
            "/api/v2/dags/{dag}/dagRuns/{xcomRun}/taskInstances/{xcomTask}/xcomEntries/"
            "{xcomKey}?stringify=false",
            none, 200);
        row("dag source json", "GET", "/api/v2/dagSources/{dag}", none, 200);
        row("dag source text", "GET", "/api/v2/dagSources/{dag}", none, 200, "text/plain");
        row("tasks", "GET", "/api/v2/dags/{dag}/tasks", none, 200);
        row("pools", "GET", "/api/v2/pools", none, 200);
        row("pool", "GET", "/api/v2/pools/{pool}", none, 200);
        row("pool unknown", "GET", "/api/v2/pools/no_such_pool", none, 404);
        row("pool create", "POST", "/api/v2/pools", "{\"name\": \"contract_pool\", \"slots\": 2}", 201);
        row("pool update", "PATCH", "/api/v2/pools/contract_pool?update_mask=slots&update_mask=description",
            "{\"slots\": 3, \"description\": \"three\"}", 200);
        row("pool delete", "DELETE", "/api/v2/pools/contract_pool", none, 204);
        row("import errors", "GET", "/api/v2/importErrors", none, 200);
        row("import error", "GET", "/api/v2/importErrors/{importError}", none, 200);
        row("assets", "GET", "/api/v2/assets", none, 200);
        row("assets page", "GET", "/api/v2/assets?limit=1&offset=1&order_by=-name", none, 200);
        row("assets by pattern", "GET", "/api/v2/assets?uri_pattern=warehouse&name_pattern=up", none, 200);
        row("variables", "GET", "/api/v2/variables", none, 200);
        row("variable create", "POST", "/api/v2/variables", "{\"key\": \"contract_var\", \"value\": \"v\"}",
            201);
        row("variable create again", "POST", "/api/v2/variables",
            "{\"key\": \"contract_var\", \"value\": \"x\"}", 409);
        row("variable update", "PATCH", "/api/v2/variables/contract_var?update_mask=value",
            "{\"key\": \"contract_var\", \"value\": \"w\"}", 200);
        row("variable delete", "DELETE", "/api/v2/variables/contract_var", none, 204);
        row("variables bulk", "PATCH", "/api/v2/variables",
            "{\"actions\": [{\"action\": \"create\", \"entities\": [{\"key\": \"contract_bulk\", \"value\": "
            "{\"n\": 1}}], \"action_on_existence\": \"skip\"}, {\"action\": \"delete\", \"entities\": "
            "[{\"key\": \"contract_bulk\", \"value\": \"\"}, \"contract_absent\"]}]}",
            200);
        row("connections", "GET", "/api/v2/connections", none, 200);
        row("connection create", "POST", "/api/v2/connections",
            "{\"connection_id\": \"contract_conn\", \"conn_type\": \"postgres\", \"host\": \"db\", \"port\": "
            "5432}",
            201);
        row("connection update", "PATCH", "/api/v2/connections/contract_conn?update_mask=host",
            "{\"connection_id\": \"contract_conn\", \"conn_type\": \"postgres\", \"host\": \"db2\"}", 200);
        row("connection delete", "DELETE", "/api/v2/connections/contract_conn", none, 204);
        row("connection test disabled", "POST", "/api/v2/connections/test",
            "{\"connection_id\": \"x\", \"conn_type\": \"http\"}", 403);
        row("config not exposed", "GET", "/api/v2/config", none, 403);
        row("clear run dry", "POST", "/api/v2/dags/{dag}/dagRuns/{run}/clear", "{\"dry_run\": true}", 200);
        row("mark run", "PATCH", "/api/v2/dags/{dag}/dagRuns/{run}?update_mask=state",
            "{\"state\": \"success\"}", 200);
        row("run note", "PATCH", "/api/v2/dags/{dag}/dagRuns/{run}?update_mask=note",
            "{\"note\": \"checked\"}", 200);
        row("runs batch", "POST", "/api/v2/dags/~/dagRuns/list",
            "{\"dag_ids\": [\"{dag}\"], \"states\": [\"success\"], \"order_by\": \"-logical_date\", "
            "\"page_limit\": 3}",
            200);
        row("task instances batch", "POST", "/api/v2/dags/~/dagRuns/~/taskInstances/list",
            "{\"dag_ids\": [\"{dag}\"], \"dag_run_ids\": [\"{run}\"], \"page_limit\": 5}", 200);
        row("clear tis dry", "POST", "/api/v2/dags/{dag}/clearTaskInstances",
            "{\"dry_run\": true, \"dag_run_id\": \"{run}\", \"only_failed\": false}", 200);
        row("set ti state dry", "PATCH", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}/dry_run",
            "{\"new_state\": \"failed\"}", 200);
        row("set ti state", "PATCH",
            "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}?update_mask=new_state",
            "{\"new_state\": \"success\"}", 200);
        row("ti note", "PATCH", "/api/v2/dags/{dag}/dagRuns/{run}/taskInstances/{task}?update_mask=note",
            "{\"note\": \"flaky\"}", 200);
        row("delete run", "DELETE", "/api/v2/dags/{dag}/dagRuns/contract_run_1", none, 204);
    }

    void endpoint()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, accept);
        QFETCH(bool, authenticated);
        QFETCH(int, status);

        const auto percent = [](const QString &segment) {
            return QString::fromLatin1(QUrl::toPercentEncoding(segment));
        };
        path.replace(QStringLiteral("{dag}"), percent(m_dagId))
            .replace(QStringLiteral("{other}"), percent(m_otherDagId))
            .replace(QStringLiteral("{run}"), percent(m_runId))
            .replace(QStringLiteral("{task}"), percent(m_taskId))
            .replace(QStringLiteral("{pool}"), percent(m_poolName))
            .replace(QStringLiteral("{importError}"), QString::number(m_importErrorId))
            .replace(QStringLiteral("{xcomRun}"), percent(m_xcomRunId))
            .replace(QStringLiteral("{xcomTask}"), percent(m_xcomTaskId))
            .replace(QStringLiteral("{xcomKey}"), percent(m_xcomKey));
        body.replace("{dag}", m_dagId.toUtf8()).replace("{run}", m_runId.toUtf8());
        std::unique_ptr<Api::AirflowClient> anonymous;
        if (!authenticated)
            anonymous = makeClient(std::make_unique<Auth::NoAuthenticator>());
        Api::RawRequest request;
        request.method = method;
        request.path = path;
        request.body = body;
        request.headers.append({QByteArrayLiteral("Accept"), accept});
        const auto response = send(authenticated ? *m_client : *anonymous, request);
        QVERIFY2(response.has_value(), "no answer through the contract proxy");
        const QString violation =
            ContractProxy::violationIn(response->status, response->headers, response->body);
        QVERIFY2(violation.isEmpty(), qPrintable(violation));
        QVERIFY2(response->status == status,
                 qPrintable(QStringLiteral("expected HTTP %1, got %2: %3")
                                .arg(status)
                                .arg(response->status)
                                .arg(QString::fromUtf8(response->body.left(500)))));
        if (status >= 400) { // {"detail": text, object or a 422 list}, which the dialect puts in words
            QVERIFY(QJsonDocument::fromJson(response->body).object().contains(QStringLiteral("detail")));
            QVERIFY(!m_client->dialect().errorDetail(response->body).isEmpty());
        }
    }

    // The typed client calls, through the proxy: every request the dialect builds and every answer it
    // decodes meets the spec.
    void typedCalls()
    {
        auto health = awaitResult<Api::Health>([this](auto done) { m_client->health(this, done); });
        QVERIFY2(health->ok(), qPrintable(health->error().message()));
        auto details =
            awaitResult<Api::DagDetails>([this](auto done) { m_client->dagDetails(m_dagId, this, done); });
        QVERIFY2(details->ok(), qPrintable(details->error().message()));
        auto bulk = awaitResult<QList<Api::Dag>>(
            [this](auto done) { m_client->setDagsPaused(m_otherDagId, false, this, done); });
        QVERIFY2(bulk->ok(), qPrintable(bulk->error().message()));

        Api::TriggerRequest trigger;
        trigger.dagId = m_dagId;
        trigger.dagRunId = QStringLiteral("contract_typed_run");
        trigger.conf = QJsonObject{{QStringLiteral("limit"), 5}};
        trigger.note = QStringLiteral("typed");
        auto run = awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QVERIFY(!run->value().logicalDate.isValid());
        auto preview = awaitResult<QList<Api::TaskInstanceReference>>(
            [this](auto done) { m_client->previewClearDagRun(m_dagId, m_runId, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        auto marked = awaitResult<Api::DagRun>([this](auto done) {
            m_client->markDagRun(m_dagId, QStringLiteral("contract_typed_run"), QStringLiteral("failed"),
                                 this, done);
        });
        QVERIFY2(marked->ok(), qPrintable(marked->error().message()));
        auto noted = awaitResult<Api::DagRun>([this](auto done) {
            m_client->setDagRunNote(m_dagId, QStringLiteral("contract_typed_run"), QStringLiteral("n"), this,
                                    done);
        });
        QVERIFY2(noted->ok(), qPrintable(noted->error().message()));
        auto cleared = awaitResult<Api::DagRun>([this](auto done) {
            m_client->clearDagRun(m_dagId, QStringLiteral("contract_typed_run"), this, done);
        });
        QVERIFY2(cleared->ok(), qPrintable(cleared->error().message()));

        Api::ClearTaskInstancesRequest clear;
        clear.dagId = m_dagId;
        clear.dagRunId = m_runId;
        clear.taskIds = QStringList{m_taskId};
        auto clearPreview = awaitResult<QList<Api::TaskInstanceReference>>(
            [&](auto done) { m_client->clearTaskInstances(clear, this, done); });
        QVERIFY2(clearPreview->ok(), qPrintable(clearPreview->error().message()));
        auto state = awaitResult<Api::TaskInstanceReference>([this](auto done) {
            m_client->setTaskInstanceState(m_dagId, m_runId, m_taskId, QStringLiteral("success"), true, this,
                                           done);
        });
        QVERIFY2(state->ok(), qPrintable(state->error().message()));
        Api::UpdateTaskInstancesStateRequest update;
        update.dagId = m_dagId;
        update.dagRunId = m_runId;
        update.taskId = m_taskId;
        update.newState = QStringLiteral("failed");
        update.includeDownstream = true;
        auto states = awaitResult<QList<Api::TaskInstanceReference>>(
            [&](auto done) { m_client->updateTaskInstancesState(update, this, done); });
        QVERIFY2(states->ok(), qPrintable(states->error().message()));
        auto tiNote = awaitResult<Api::TaskInstance>([this](auto done) {
            m_client->setTaskInstanceNote(m_dagId, m_runId, m_taskId, QStringLiteral("typed"), this, done);
        });
        QVERIFY2(tiNote->ok(), qPrintable(tiNote->error().message()));

        Api::DagRunBatchQuery runBatch;
        runBatch.dagIds = QStringList{m_dagId};
        runBatch.logicalDateFrom = QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
        auto runPage = awaitResult<Api::Page<Api::DagRun>>(
            [&](auto done) { m_client->listDagRunsBatch(runBatch, this, done); });
        QVERIFY2(runPage->ok(), qPrintable(runPage->error().message()));
        Api::TaskInstanceBatchQuery tiBatch;
        tiBatch.dagIds = QStringList{m_dagId};
        tiBatch.pools = QStringList{QStringLiteral("default_pool")};
        auto tiPage = awaitResult<Api::Page<Api::TaskInstance>>(
            [&](auto done) { m_client->listTaskInstancesBatch(tiBatch, this, done); });
        QVERIFY2(tiPage->ok(), qPrintable(tiPage->error().message()));

        auto log = awaitResult<QString>(
            [this](auto done) { m_client->taskLog(m_dagId, m_runId, m_taskId, 1, this, done); });
        QVERIFY2(log->ok(), qPrintable(log->error().message()));
        QVERIFY(!log->value().isEmpty());
        auto chunk = awaitResult<Api::TaskLogChunk>([this](auto done) {
            m_client->taskLogChunk(m_dagId, m_runId, m_taskId, 1, QString(), this, done);
        });
        QVERIFY2(chunk->ok(), qPrintable(chunk->error().message()));
        QVERIFY(!chunk->value().lines.isEmpty());
        auto xcom = awaitResult<Api::XComEntry>([this](auto done) {
            m_client->xcomEntry(m_dagId, m_xcomRunId, m_xcomTaskId, m_xcomKey, this, done);
        });
        QVERIFY2(xcom->ok(), qPrintable(xcom->error().message()));
        auto source = awaitResult<QString>([this](auto done) { m_client->dagSource(m_dagId, this, done); });
        QVERIFY2(source->ok(), qPrintable(source->error().message()));
        auto tasks =
            awaitResult<QList<Api::Task>>([this](auto done) { m_client->tasks(m_dagId, this, done); });
        QVERIFY2(tasks->ok(), qPrintable(tasks->error().message()));
        auto task =
            awaitResult<Api::Task>([this](auto done) { m_client->task(m_dagId, m_taskId, this, done); });
        QVERIFY2(task->ok(), qPrintable(task->error().message()));
        auto tries = awaitResult<QList<Api::TaskInstance>>(
            [this](auto done) { m_client->taskInstanceTries(m_dagId, m_runId, m_taskId, this, done); });
        QVERIFY2(tries->ok(), qPrintable(tries->error().message()));
        auto importError = awaitResult<Api::ImportError>(
            [this](auto done) { m_client->importError(m_importErrorId, this, done); });
        QVERIFY2(importError->ok(), qPrintable(importError->error().message()));
        auto removed = awaitResult<Api::Nothing>([this](auto done) {
            m_client->deleteDagRun(m_dagId, QStringLiteral("contract_typed_run"), this, done);
        });
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
    }

    // The assets through the client: a page and every page, read through the proxy without a violation.
    void assetTypedCalls()
    {
        Api::CollectionQuery query;
        query.limit = 1;
        auto page =
            awaitResult<Api::Page<Api::Asset>>([&](auto done) { m_client->assets(query, this, done); });
        QVERIFY2(page->ok(), qPrintable(page->error().message()));
        QCOMPARE(page->value().items.size(), 1);
        QVERIFY(page->value().totalEntries > 1);
        auto all = awaitResult<QList<Api::Asset>>([this](auto done) { m_client->allAssets(this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        QCOMPARE(all->value().size(), page->value().totalEntries);
        QCOMPARE(all->value().constFirst().name, QStringLiteral("upstream"));
        QCOMPARE(all->value().constFirst().group, QStringLiteral("asset"));
    }

    void resourceTypedCalls()
    {
        Api::Variable variable;
        variable.key = QStringLiteral("contract_typed_var");
        variable.value = QStringLiteral("[1, 2, 3]");
        variable.description = QStringLiteral("typed");
        auto made =
            awaitResult<Api::Variable>([&](auto done) { m_client->createVariable(variable, this, done); });
        QVERIFY2(made->ok(), qPrintable(made->error().message()));
        Api::VariableUpdate update;
        update.key = variable.key;
        update.value = QStringLiteral("changed");
        update.description = QStringLiteral("again");
        auto updated =
            awaitResult<Api::Variable>([&](auto done) { m_client->updateVariable(update, this, done); });
        QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
        auto all =
            awaitResult<QList<Api::Variable>>([this](auto done) { m_client->allVariables(this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        auto removed =
            awaitResult<Api::Nothing>([&](auto done) { m_client->deleteVariable(variable.key, this, done); });
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));

        Api::ConnectionRequest connection;
        connection.connectionId = QStringLiteral("contract_typed_conn");
        connection.connType = QStringLiteral("postgres");
        connection.host = QStringLiteral("db");
        connection.port = 5432;
        connection.password = QStringLiteral("secret");
        auto created = awaitResult<Api::Connection>(
            [&](auto done) { m_client->createConnection(connection, this, done); });
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        Api::ConnectionRequest move;
        move.connectionId = connection.connectionId;
        move.connType = QStringLiteral("postgres");
        move.host = QStringLiteral("db2");
        auto moved =
            awaitResult<Api::Connection>([&](auto done) { m_client->updateConnection(move, this, done); });
        QVERIFY2(moved->ok(), qPrintable(moved->error().message()));
        Api::CollectionQuery page;
        auto listed = awaitResult<Api::Page<Api::Connection>>(
            [&](auto done) { m_client->connections(page, this, done); });
        QVERIFY2(listed->ok(), qPrintable(listed->error().message()));
        auto gone = awaitResult<Api::Nothing>(
            [&](auto done) { m_client->deleteConnection(connection.connectionId, this, done); });
        QVERIFY2(gone->ok(), qPrintable(gone->error().message()));

        Api::PoolRequest pool;
        pool.name = QStringLiteral("contract_typed_pool");
        pool.slots = 2;
        pool.description = QStringLiteral("typed");
        auto poolMade = awaitResult<Api::Pool>([&](auto done) { m_client->createPool(pool, this, done); });
        QVERIFY2(poolMade->ok(), qPrintable(poolMade->error().message()));
        Api::PoolRequest rename;
        rename.name = QStringLiteral("contract_typed_pool2");
        rename.slots = 5;
        rename.includeDeferred = true;
        auto renamed =
            awaitResult<Api::Pool>([&](auto done) { m_client->updatePool(pool.name, rename, this, done); });
        QVERIFY2(renamed->ok(), qPrintable(renamed->error().message()));
        QCOMPARE(renamed->value().name, rename.name);
        auto poolGone =
            awaitResult<Api::Nothing>([&](auto done) { m_client->deletePool(rename.name, this, done); });
        QVERIFY2(poolGone->ok(), qPrintable(poolGone->error().message()));
    }

    // The bulk calls (PATCH /variables, /connections, /pools): create, update and delete actions in one
    // BulkBody each, their BulkResponse decoded to one result per entity.
    void bulkTypedCalls()
    {
        using Status = Api::BulkItemResult::Status;
        const auto succeeded = [](const Api::BulkResult &result) {
            return result.count(Status::Succeeded) == result.items.size() && !result.items.isEmpty();
        };

        Api::VariableBulkAction createVariables;
        createVariables.entities = {
            Api::Variable{QStringLiteral("contract_bulk_a"), QStringLiteral("1"), true,
                          QStringLiteral("bulk")},
            Api::Variable{QStringLiteral("contract_bulk_b"), QStringLiteral("2"), true, {}}};
        createVariables.onExistence = Api::BulkOnExistence::Overwrite;
        Api::VariableBulkAction updateVariables;
        updateVariables.kind = Api::BulkActionKind::Update;
        updateVariables.entities = {
            Api::Variable{QStringLiteral("contract_bulk_a"), QStringLiteral("10"), true, {}}};
        updateVariables.updateMask = {QStringLiteral("value")};
        Api::VariableBulkAction deleteVariables;
        deleteVariables.kind = Api::BulkActionKind::Delete;
        deleteVariables.keys = {QStringLiteral("contract_bulk_a"), QStringLiteral("contract_bulk_b"),
                                QStringLiteral("contract_bulk_missing")};
        deleteVariables.onNonExistence = Api::BulkOnNonExistence::Skip;
        auto variables = awaitResult<Api::BulkResult>([&](auto done) {
            m_client->bulkVariables({createVariables, updateVariables, deleteVariables}, this, done);
        });
        QVERIFY2(variables->ok(), qPrintable(variables->error().message()));
        QCOMPARE(variables->value().count(Status::Succeeded), 5);
        QCOMPARE(variables->value().count(Status::Skipped), 1);

        Api::ConnectionRequest connection;
        connection.connectionId = QStringLiteral("contract_bulk_conn");
        connection.connType = QStringLiteral("http");
        connection.host = QStringLiteral("example.org");
        connection.port = 443;
        Api::ConnectionBulkAction createConnections;
        createConnections.entities = {connection};
        auto connections = awaitResult<Api::BulkResult>(
            [&](auto done) { m_client->bulkConnections({createConnections}, this, done); });
        QVERIFY2(connections->ok() && succeeded(connections->value()),
                 qPrintable(connections->error().message()));
        Api::ConnectionRequest moved;
        moved.connectionId = connection.connectionId;
        moved.host = QStringLiteral("example.com");
        Api::ConnectionBulkAction updateConnections;
        updateConnections.kind = Api::BulkActionKind::Update;
        updateConnections.entities = {moved};
        Api::ConnectionBulkAction deleteConnections;
        deleteConnections.kind = Api::BulkActionKind::Delete;
        deleteConnections.keys = {connection.connectionId};
        connections = awaitResult<Api::BulkResult>([&](auto done) {
            m_client->bulkConnections({updateConnections, deleteConnections}, this, done);
        });
        QVERIFY2(connections->ok() && succeeded(connections->value()),
                 qPrintable(connections->error().message()));

        Api::PoolRequest pool;
        pool.name = QStringLiteral("contract_bulk_pool");
        pool.slots = 3;
        pool.description = QStringLiteral("bulk");
        Api::PoolBulkAction createPools;
        createPools.entities = {pool};
        Api::PoolRequest resize;
        resize.name = pool.name;
        resize.slots = 7;
        Api::PoolBulkAction updatePools;
        updatePools.kind = Api::BulkActionKind::Update;
        updatePools.entities = {resize};
        Api::PoolBulkAction deletePools;
        deletePools.kind = Api::BulkActionKind::Delete;
        deletePools.keys = {pool.name, QStringLiteral("default_pool")};
        auto pools = awaitResult<Api::BulkResult>([&](auto done) {
            m_client->bulkPools({createPools, updatePools, deletePools}, this, done);
        });
        QVERIFY2(pools->ok(), qPrintable(pools->error().message()));
        QCOMPARE(pools->value().count(Status::Succeeded), 3);
        // default_pool: the error entry of the BulkActionResponse, in the server's words.
        QCOMPARE(pools->value().failures().size(), 1);
        QCOMPARE(pools->value().failures().at(0).key, QStringLiteral("default_pool"));
    }

    // The check itself can fail: a v2 answer without its required fields is reported as a violation.
    void wrongResponseIsCaught()
    {
        Tests::RawHttpServer upstream;
        QVERIFY(upstream.listen());
        upstream.setAnswer(
            Tests::RawHttpServer::json(200, "{\"dags\": [{\"dag_id\": \"x\", \"is_active\": true}], "
                                            "\"total_entries\": 1}"));
        ContractProxy proxy;
        QVERIFY2(proxy.start(QStringLiteral("v2"), upstream.baseUrl()), qPrintable(proxy.errorString()));
        auto client =
            std::make_unique<Api::AirflowClient>(&m_nam, proxy.url(), std::make_unique<Api::DialectV2>(),
                                                 std::make_unique<Auth::NoAuthenticator>());
        Api::RawRequest request;
        request.path = QStringLiteral("/api/v2/dags");
        request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer x")});
        const auto response = send(*client, request);
        QVERIFY(response.has_value());
        QVERIFY2(!ContractProxy::violationIn(response->status, response->headers, response->body).isEmpty(),
                 "the proxy let a response that breaks the spec through");
        proxy.stop();
    }
};

QTEST_GUILESS_MAIN(TestContractV2)
#include "tst_contract_v2.moc"
