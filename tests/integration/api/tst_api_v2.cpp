// The client with DialectV2 against the sandbox speaking Airflow 3 (--api v2), for every call the views
// make: DAGs, runs (a trigger without a logical date), task instances, the clear and mark dry runs, pools,
// variables and connections, XComs, the DAG source, the structured logs, health; and version detection and
// the deployment connector choosing V2 (with a JWT login) for a v2 sandbox and V1 for a v1 one.
#include "api/airflowclient.h"
#include "api/apiversiondetector.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "fakes/awaitresult.h"
#include "profiles/deploymentconnector.h"
#include "profiles/memorysecretstore.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimeZone>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

namespace {
const QString kDag = QStringLiteral("etl_orders");
}

class TestApiV2 final : public QObject
{
    Q_OBJECT

private:
    static SandboxOptions v2Options()
    {
        SandboxOptions options;
        options.api = ApiVersion::V2;
        options.clock = ClockKind::Manual;
        options.dagCount = 130; // more than one page of 100
        options.runsPerDag = 4;
        return options;
    }

    std::unique_ptr<AirflowClient> v2Client(const QUrl &baseUrl,
                                            const QString &password = QStringLiteral("admin"))
    {
        return std::make_unique<AirflowClient>(
            &m_nam, baseUrl, std::make_unique<DialectV2>(),
            std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), password));
    }

    // A manual run of etl_orders without a logical date, run to its end on the manual clock.
    QString finishedRun(const QString &runId)
    {
        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = runId;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        if (!run || !run->ok())
            return QString();
        const auto unpaused =
            awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, false, this, done); });
        if (!unpaused || !unpaused->ok())
            return QString();
        m_sandbox->advanceClock(3600 * 1000);
        return runId;
    }

    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = kDag;
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    QString runState(const QString &runId)
    {
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->dagRun(kDag, runId, this, done); });
        return run && run->ok() ? run->value().state : QString();
    }

    std::optional<RawResponse> raw(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        RawRequest request;
        request.method = method;
        request.path = path;
        request.body = body;
        const auto response = awaitResult<RawResponse>([&](auto done) { m_api->send(request, this, done); });
        if (!response || !response->ok())
            return std::nullopt;
        return response->value();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxServer>(v2Options());
        QVERIFY(m_sandbox->listen(0));
        m_api = v2Client(m_sandbox->baseUrl());
    }

    void detection_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::newRow("v1 sandbox") << false;
        QTest::newRow("v2 sandbox") << true;
    }

    void detection()
    {
        QFETCH(bool, v2);
        SandboxOptions options;
        options.api = v2 ? ApiVersion::V2 : ApiVersion::V1;
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        ApiVersionDetector detector(&m_nam, sandbox.baseUrl());
        const auto detected = awaitResult<DetectedApi>([&](auto done) { detector.detect(this, done); });
        QVERIFY2(detected->ok(), qPrintable(detected->error().message()));
        QCOMPARE(detected->value().kind, v2 ? ApiKind::V2 : ApiKind::V1);
        QCOMPARE(detected->value().version.major(), v2 ? 3 : 2);
        const std::unique_ptr<Dialect> dialect = ApiVersionDetector::createDialect(detected->value());
        QVERIFY(dialect);
        QCOMPARE(dialect->kind(), v2 ? ApiKind::V2 : ApiKind::V1);
    }

    void connectorLogsInAsTheServerWants_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::addColumn<Windsock::Profiles::ProfileKind>("kind");
        using Windsock::Profiles::ProfileKind;
        QTest::newRow("Airflow 2 profile, v2 server") << true << ProfileKind::Airflow2Basic;
        QTest::newRow("Airflow 3 profile, v2 server") << true << ProfileKind::Airflow3Password;
        QTest::newRow("Airflow 2 profile, v1 server") << false << ProfileKind::Airflow2Basic;
    }

    void connectorLogsInAsTheServerWants()
    {
        QFETCH(bool, v2);
        QFETCH(Windsock::Profiles::ProfileKind, kind);
        SandboxOptions options;
        options.api = v2 ? ApiVersion::V2 : ApiVersion::V1;
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        Windsock::Profiles::MemorySecretStore secrets;
        Windsock::Profiles::Profile profile;
        profile.id = QStringLiteral("p1");
        profile.name = QStringLiteral("sandbox");
        profile.kind = kind;
        profile.baseUrl = sandbox.baseUrl();
        profile.username = QStringLiteral("admin");
        bool written = false;
        secrets.write(profile.id, QStringLiteral("admin"), this,
                      [&written](const auto &) { written = true; });
        QTRY_VERIFY(written);

        Windsock::Profiles::DeploymentConnector connector(&m_nam, &secrets);
        std::optional<Windsock::Profiles::OpenedDeployment> opened;
        connector.open(profile, this,
                       [&opened](const Windsock::Profiles::OpenedDeployment &o) { opened = o; });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
        QVERIFY2(opened->ok(), qPrintable(opened->message));
        QCOMPARE(opened->client->dialect().kind(), v2 ? ApiKind::V2 : ApiKind::V1);
        QCOMPARE(dynamic_cast<const Windsock::Auth::JwtLoginAuthenticator *>(
                     &opened->client->authenticator()) != nullptr,
                 v2);
        const auto dags = awaitResult<Page<Dag>>([&](auto done) { opened->client->dags({}, this, done); });
        QVERIFY2(dags->ok(), qPrintable(dags->error().message()));
        QVERIFY(!dags->value().items.isEmpty());
        QCOMPARE(sandbox.tokensIssued(), v2 ? 1u : 0u);
    }

    void versionHealthAndAuth()
    {
        const auto version = awaitResult<Version>([&](auto done) { m_api->version(this, done); });
        QVERIFY2(version->ok(), qPrintable(version->error().message()));
        QVERIFY(version->value().isAtLeast(3, 0));
        const auto health = awaitResult<Health>([&](auto done) { m_api->health(this, done); });
        QVERIFY2(health->ok(), qPrintable(health->error().message()));
        QVERIFY(health->value().isHealthy());
        QVERIFY(health->value().scheduler.latestHeartbeat.isValid());

        // The v1 API is gone; a wrong password is refused by /auth/token in plain words.
        const std::optional<RawResponse> v1 = raw(QByteArrayLiteral("GET"), QStringLiteral("/api/v1/dags"));
        QVERIFY(v1);
        QCOMPARE(v1->status, 404);
        QVERIFY(v1->body.contains("/api/v2"));
        const auto wrong = v2Client(m_sandbox->baseUrl(), QStringLiteral("nope"));
        const auto refused = awaitResult<Page<Dag>>([&](auto done) { wrong->dags({}, this, done); });
        QVERIFY(!refused->ok());
        QVERIFY2(refused->error().message().contains(QLatin1String("Invalid credentials")),
                 qPrintable(refused->error().message()));
    }

    void dags()
    {
        const auto all = awaitResult<QList<Dag>>([&](auto done) { m_api->allDags({}, this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        QCOMPARE(all->value().size(), 130);
        const Dag &first = all->value().first();
        QVERIFY(first.isActive);
        QVERIFY(!first.schedule.isEmpty());
        QCOMPARE(first.fileToken, first.dagId);

        const auto one = awaitResult<Dag>([&](auto done) { m_api->dag(kDag, this, done); });
        QVERIFY2(one->ok(), qPrintable(one->error().message()));
        QVERIFY(!one->value().tags.isEmpty()); // tag objects read as names
        QVERIFY(one->value().nextDagrun.isValid());

        const auto details = awaitResult<DagDetails>([&](auto done) { m_api->dagDetails(kDag, this, done); });
        QVERIFY2(details->ok(), qPrintable(details->error().message()));
        QCOMPARE(details->value().dag.dagId, kDag);
        QVERIFY(!details->value().timezone.isEmpty());

        const auto paused = awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, true, this, done); });
        QVERIFY2(paused->ok(), qPrintable(paused->error().message()));
        QCOMPARE(paused->value().isPaused, true);
        const auto bulk =
            awaitResult<QList<Dag>>([&](auto done) { m_api->setDagsPaused(QString(), false, this, done); });
        QVERIFY2(bulk->ok(), qPrintable(bulk->error().message()));
        QCOMPARE(bulk->value().size(), 130);
        for (const Dag &dag : bulk->value())
            QVERIFY(!dag.isPaused);

        DagQuery page;
        page.limit = 10;
        page.offset = 125;
        const auto last = awaitResult<Page<Dag>>([&](auto done) { m_api->dags(page, this, done); });
        QVERIFY2(last->ok(), qPrintable(last->error().message()));
        QCOMPARE(last->value().totalEntries, 130);
        QCOMPARE(last->value().items.size(), 5);
    }

    void pageDefaultIs50()
    {
        const std::optional<RawResponse> page = raw(QByteArrayLiteral("GET"), QStringLiteral("/api/v2/dags"));
        QVERIFY(page);
        QCOMPARE(page->status, 200);
        QCOMPARE(QJsonDocument::fromJson(page->body).object().value(QLatin1String("dags")).toArray().size(),
                 50);
        const std::optional<RawResponse> capped =
            raw(QByteArrayLiteral("GET"), QStringLiteral("/api/v2/dags?limit=500"));
        QCOMPARE(QJsonDocument::fromJson(capped->body).object().value(QLatin1String("dags")).toArray().size(),
                 100);
        const std::optional<RawResponse> invalid =
            raw(QByteArrayLiteral("GET"), QStringLiteral("/api/v2/dags?limit=many&offset=-1"));
        QCOMPARE(invalid->status, 422);
        QCOMPARE(m_api->dialect().errorDetail(invalid->body),
                 QStringLiteral(
                     "query parameter limit: Input should be a valid integer, unable to parse string as "
                     "an integer; query parameter offset: Input should be greater than or equal to 0"));
        const std::optional<RawResponse> ordered =
            raw(QByteArrayLiteral("GET"),
                QStringLiteral("/api/v2/dags?limit=3&order_by=-dag_id&order_by=is_paused"));
        QCOMPARE(ordered->status, 200);
    }

    void triggerWithoutLogicalDate()
    {
        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = QStringLiteral("no_logical_date");
        trigger.conf = QJsonObject{{QStringLiteral("rows"), 3}};
        trigger.note = QStringLiteral("from the test");
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QVERIFY(!run->value().logicalDate.isValid());
        QVERIFY(run->value().runAfter.isValid());
        QCOMPARE(run->value().triggeredBy, QStringLiteral("rest_api"));
        QCOMPARE(run->value().state, QStringLiteral("queued"));
        QCOMPARE(run->value().note, QStringLiteral("from the test"));
        QCOMPARE(run->value().conf.value(QLatin1String("rows")).toInt(), 3);

        const auto again = awaitResult<DagRun>(
            [&](auto done) { m_api->dagRun(kDag, QStringLiteral("no_logical_date"), this, done); });
        QVERIFY2(again->ok(), qPrintable(again->error().message()));
        QVERIFY(!again->value().logicalDate.isValid());

        // A duplicate run id: a 409 in plain words.
        const auto duplicate =
            awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QVERIFY(!duplicate->ok());
        QCOMPARE(duplicate->error().httpStatus(), 409);

        TriggerRequest dated;
        dated.dagId = kDag;
        dated.dagRunId = QStringLiteral("dated");
        dated.logicalDate = QDateTime(QDate(2025, 5, 1), QTime(6, 0), QTimeZone::utc());
        const auto withDate =
            awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(dated, this, done); });
        QVERIFY2(withDate->ok(), qPrintable(withDate->error().message()));
        QCOMPARE(withDate->value().logicalDate, dated.logicalDate);

        DagRunQuery query;
        query.dagId = kDag;
        query.orderBy = QStringLiteral("-execution_date");
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
        QCOMPARE(runs->value().totalEntries, 4 + 2);
    }

    void strictBodiesGive422()
    {
        const std::optional<RawResponse> extra =
            raw(QByteArrayLiteral("POST"), QStringLiteral("/api/v2/dags/etl_orders/dagRuns"),
                QByteArrayLiteral("{\"logical_date\": null, \"execution_date\": \"2025-01-01T00:00:00Z\"}"));
        QVERIFY(extra);
        QCOMPARE(extra->status, 422);
        QCOMPARE(m_api->dialect().errorDetail(extra->body),
                 QStringLiteral("execution_date: Extra inputs are not permitted"));
        const std::optional<RawResponse> missing =
            raw(QByteArrayLiteral("POST"), QStringLiteral("/api/v2/dags/etl_orders/dagRuns"),
                QByteArrayLiteral("{}"));
        QCOMPARE(missing->status, 422);
        QCOMPARE(m_api->dialect().errorDetail(missing->body), QStringLiteral("logical_date: Field required"));
    }

    void runActions()
    {
        const QString runId = finishedRun(QStringLiteral("actions"));
        QVERIFY(!runId.isEmpty());
        const QString ended = runState(runId);
        QVERIFY2(ended == QLatin1String("success") || ended == QLatin1String("failed"), qPrintable(ended));

        const auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->previewClearDagRun(kDag, runId, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        QVERIFY(!preview->value().isEmpty());
        QCOMPARE(preview->value().first().dagRunId, runId);
        QCOMPARE(runState(runId), ended); // the dry run changed nothing

        const auto marked = awaitResult<DagRun>(
            [&](auto done) { m_api->markDagRun(kDag, runId, QStringLiteral("failed"), this, done); });
        QVERIFY2(marked->ok(), qPrintable(marked->error().message()));
        QCOMPARE(marked->value().state, QStringLiteral("failed"));

        const auto noted = awaitResult<DagRun>([&](auto done) {
            m_api->setDagRunNote(kDag, runId, QStringLiteral("looked at it"), this, done);
        });
        QVERIFY2(noted->ok(), qPrintable(noted->error().message()));
        QCOMPARE(noted->value().note, QStringLiteral("looked at it"));
        QCOMPARE(noted->value().state, QStringLiteral("failed"));

        const auto cleared =
            awaitResult<DagRun>([&](auto done) { m_api->clearDagRun(kDag, runId, this, done); });
        QVERIFY2(cleared->ok(), qPrintable(cleared->error().message()));
        QCOMPARE(cleared->value().state, QStringLiteral("queued"));
    }

    void taskInstanceActions()
    {
        const QString runId = finishedRun(QStringLiteral("ti_actions"));
        QVERIFY(!runId.isEmpty());
        const QList<TaskInstance> tis = taskInstances(runId);
        QVERIFY(tis.size() >= 3);
        const QString taskId = tis.at(1).taskId;

        const auto dry = awaitResult<TaskInstanceReference>([&](auto done) {
            m_api->setTaskInstanceState(kDag, runId, taskId, QStringLiteral("failed"), true, this, done);
        });
        QVERIFY2(dry->ok(), qPrintable(dry->error().message()));
        QCOMPARE(dry->value().taskId, taskId);
        QCOMPARE(taskInstances(runId).at(1).state, QStringLiteral("success"));

        const auto real = awaitResult<TaskInstanceReference>([&](auto done) {
            m_api->setTaskInstanceState(kDag, runId, taskId, QStringLiteral("failed"), false, this, done);
        });
        QVERIFY2(real->ok(), qPrintable(real->error().message()));
        QCOMPARE(taskInstances(runId).at(1).state, QStringLiteral("failed"));

        UpdateTaskInstancesStateRequest update;
        update.dagId = kDag;
        update.dagRunId = runId;
        update.taskId = taskId;
        update.newState = QStringLiteral("success");
        update.includeDownstream = true;
        const auto related = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->updateTaskInstancesState(update, this, done); });
        QVERIFY2(related->ok(), qPrintable(related->error().message()));
        QVERIFY(related->value().size() >= 1);
        QCOMPARE(taskInstances(runId).at(1).state, QStringLiteral("failed")); // still a dry run

        ClearTaskInstancesRequest clear;
        clear.dagId = kDag;
        clear.dagRunId = runId;
        clear.taskIds = {taskId};
        const auto clearPreview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->clearTaskInstances(clear, this, done); });
        QVERIFY2(clearPreview->ok(), qPrintable(clearPreview->error().message()));
        QCOMPARE(clearPreview->value().size(), 1);
        QCOMPARE(taskInstances(runId).at(1).state, QStringLiteral("failed"));
        clear.dryRun = false;
        const auto clearReal = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->clearTaskInstances(clear, this, done); });
        QVERIFY2(clearReal->ok(), qPrintable(clearReal->error().message()));
        QVERIFY(taskInstances(runId).at(1).state != QLatin1String("failed"));

        const auto noted = awaitResult<TaskInstance>([&](auto done) {
            m_api->setTaskInstanceNote(kDag, runId, taskId, QStringLiteral("flaky"), this, done);
        });
        QVERIFY2(noted->ok(), qPrintable(noted->error().message()));
        QCOMPARE(noted->value().note, QStringLiteral("flaky"));
        QCOMPARE(noted->value().taskId, taskId);
    }

    void taskLevelReading()
    {
        const QString runId = finishedRun(QStringLiteral("reading"));
        QVERIFY(!runId.isEmpty());
        QVERIFY(taskInstances(runId).size() >= 3);
        const QString taskId = taskInstances(runId).at(1).taskId;

        const auto ti = awaitResult<TaskInstance>(
            [&](auto done) { m_api->taskInstance(kDag, runId, taskId, this, done); });
        QVERIFY2(ti->ok(), qPrintable(ti->error().message()));
        QCOMPARE(ti->value().state, QStringLiteral("success"));
        const auto tries = awaitResult<QList<TaskInstance>>(
            [&](auto done) { m_api->taskInstanceTries(kDag, runId, taskId, this, done); });
        QVERIFY2(tries->ok(), qPrintable(tries->error().message()));
        QVERIFY(!tries->value().isEmpty());
        const auto tasks = awaitResult<QList<Task>>([&](auto done) { m_api->tasks(kDag, this, done); });
        QVERIFY2(tasks->ok(), qPrintable(tasks->error().message()));
        QVERIFY(tasks->value().size() >= 3);
        QVERIFY(!tasks->value().first().operatorName.isEmpty());

        XComQuery query;
        query.dagId = kDag;
        query.dagRunId = runId;
        query.taskId = taskId;
        const auto xcoms =
            awaitResult<Page<XComEntry>>([&](auto done) { m_api->xcomEntries(query, this, done); });
        QVERIFY2(xcoms->ok(), qPrintable(xcoms->error().message()));
        QVERIFY(!xcoms->value().items.isEmpty());
        QVERIFY(xcoms->value().items.first().logicalDate.isValid());
        const auto entry = awaitResult<XComEntry>([&](auto done) {
            m_api->xcomEntry(kDag, runId, taskId, QStringLiteral("return_value"), this, done);
        });
        QVERIFY2(entry->ok(), qPrintable(entry->error().message()));
        QVERIFY(entry->value().hasValue);

        const auto dag = awaitResult<Dag>([&](auto done) { m_api->dag(kDag, this, done); });
        const auto source =
            awaitResult<QString>([&](auto done) { m_api->dagSource(dag->value().fileToken, this, done); });
        QVERIFY2(source->ok(), qPrintable(source->error().message()));
        QVERIFY(source->value().contains(kDag));

        DagRunBatchQuery batch;
        batch.dagIds = {kDag};
        batch.orderBy = QStringLiteral("-execution_date");
        const auto runs =
            awaitResult<Page<DagRun>>([&](auto done) { m_api->listDagRunsBatch(batch, this, done); });
        QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
        QCOMPARE(runs->value().totalEntries, 4 + 1);
        TaskInstanceBatchQuery tiBatch;
        tiBatch.dagIds = {kDag};
        tiBatch.dagRunIds = {runId};
        const auto batchTis = awaitResult<Page<TaskInstance>>(
            [&](auto done) { m_api->listTaskInstancesBatch(tiBatch, this, done); });
        QVERIFY2(batchTis->ok(), qPrintable(batchTis->error().message()));
        QCOMPARE(batchTis->value().items.size(), taskInstances(runId).size());

        const auto errors =
            awaitResult<Page<ImportError>>([&](auto done) { m_api->importErrors(100, 0, this, done); });
        QVERIFY2(errors->ok(), qPrintable(errors->error().message()));
        if (!errors->value().items.isEmpty()) {
            const int id = errors->value().items.first().id;
            const auto one = awaitResult<ImportError>([&](auto done) { m_api->importError(id, this, done); });
            QVERIFY2(one->ok(), qPrintable(one->error().message()));
        }
    }

    void structuredLogs()
    {
        const QString runId = finishedRun(QStringLiteral("logs"));
        QVERIFY(!runId.isEmpty());
        QVERIFY(taskInstances(runId).size() >= 3);
        // Not the task whose finished tries write the sandbox's 5-50 MB logs.
        const QString taskId = taskInstances(runId).at(2).taskId;
        const auto log =
            awaitResult<QString>([&](auto done) { m_api->taskLog(kDag, runId, taskId, 1, this, done); });
        QVERIFY2(log->ok(), qPrintable(log->error().message()));
        QVERIFY2(log->value().contains(QLatin1String("INFO - ")), qPrintable(log->value().left(400)));
        QVERIFY(log->value().contains(QLatin1String("{taskinstance.py:")));

        const auto chunk = awaitResult<TaskLogChunk>(
            [&](auto done) { m_api->taskLogChunk(kDag, runId, taskId, 1, {}, this, done); });
        QVERIFY2(chunk->ok(), qPrintable(chunk->error().message()));
        QVERIFY(!chunk->value().lines.isEmpty());
        QVERIFY(!chunk->value().nextToken.isEmpty());
        bool timed = false;
        for (const TaskLogLine &line : chunk->value().lines)
            timed = timed || (line.timestamp.isValid() && line.level == QLatin1String("info"));
        QVERIFY(timed);
        // Read on from the token: the task has ended, nothing new.
        const auto rest = awaitResult<TaskLogChunk>([&](auto done) {
            m_api->taskLogChunk(kDag, runId, taskId, 1, chunk->value().nextToken, this, done);
        });
        QVERIFY2(rest->ok(), qPrintable(rest->error().message()));
        QVERIFY(rest->value().lines.isEmpty());
    }

    void poolsCrud()
    {
        PoolRequest pool;
        pool.name = QStringLiteral("v2_pool");
        pool.slots = 3;
        pool.description = QStringLiteral("for the test");
        const auto created = awaitResult<Pool>([&](auto done) { m_api->createPool(pool, this, done); });
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        QCOMPARE(created->value().slots, 3);
        PoolRequest change;
        change.name = QStringLiteral("v2_pool_renamed");
        change.slots = 7;
        const auto updated = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("v2_pool"), change, this, done); });
        QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
        QCOMPARE(updated->value().name, QStringLiteral("v2_pool_renamed"));
        QCOMPARE(updated->value().slots, 7);
        QCOMPARE(updated->value().description, QStringLiteral("for the test"));
        const auto listed = awaitResult<Page<Pool>>([&](auto done) { m_api->pools(100, 0, this, done); });
        QVERIFY2(listed->ok(), qPrintable(listed->error().message()));
        const auto removed = awaitResult<Nothing>(
            [&](auto done) { m_api->deletePool(QStringLiteral("v2_pool_renamed"), this, done); });
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
        const auto gone =
            awaitResult<Pool>([&](auto done) { m_api->pool(QStringLiteral("v2_pool_renamed"), this, done); });
        QVERIFY(!gone->ok());
        QCOMPARE(gone->error().httpStatus(), 404);
    }

    void variablesCrud()
    {
        Variable variable;
        variable.key = QStringLiteral("v2_key");
        variable.value = QStringLiteral("{\"a\": 1}");
        variable.description = QStringLiteral("first");
        const auto created =
            awaitResult<Variable>([&](auto done) { m_api->createVariable(variable, this, done); });
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        VariableUpdate update;
        update.key = variable.key;
        update.value = QStringLiteral("changed");
        update.updateMask = {QStringLiteral("value")};
        const auto updated =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(update, this, done); });
        QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
        QCOMPARE(updated->value().value, QStringLiteral("changed"));
        QCOMPARE(updated->value().description, QStringLiteral("first"));
        update.description = QStringLiteral("second");
        update.updateMask = {QStringLiteral("description")};
        const auto described =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(update, this, done); });
        QVERIFY2(described->ok(), qPrintable(described->error().message()));
        QCOMPARE(described->value().description, QStringLiteral("second"));
        const auto all = awaitResult<QList<Variable>>([&](auto done) { m_api->allVariables(this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        const auto duplicate =
            awaitResult<Variable>([&](auto done) { m_api->createVariable(variable, this, done); });
        QVERIFY(!duplicate->ok());
        const auto removed =
            awaitResult<Nothing>([&](auto done) { m_api->deleteVariable(variable.key, this, done); });
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
    }

    void connectionsCrud()
    {
        ConnectionRequest connection;
        connection.connectionId = QStringLiteral("v2_db");
        connection.connType = QStringLiteral("postgres");
        connection.host = QStringLiteral("db.internal");
        connection.port = 5432;
        connection.password = QStringLiteral("secret");
        const auto created =
            awaitResult<Connection>([&](auto done) { m_api->createConnection(connection, this, done); });
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        QCOMPARE(created->value().port, 5432);
        ConnectionRequest change;
        change.connectionId = connection.connectionId;
        change.connType = QStringLiteral("postgres");
        change.host = QStringLiteral("db2.internal");
        const auto updated =
            awaitResult<Connection>([&](auto done) { m_api->updateConnection(change, this, done); });
        QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
        QCOMPARE(updated->value().host, QStringLiteral("db2.internal"));
        QCOMPARE(updated->value().port, 5432);
        QCOMPARE(m_sandbox->state().resources().connections.last().password, QStringLiteral("secret"));
        CollectionQuery query;
        const auto listed =
            awaitResult<Page<Connection>>([&](auto done) { m_api->connections(query, this, done); });
        QVERIFY2(listed->ok(), qPrintable(listed->error().message()));
        const auto tested = awaitResult<ConnectionTestResult>(
            [&](auto done) { m_api->testConnection(connection, this, done); });
        QVERIFY(!tested->ok()); // disabled by default, as in Airflow
        QCOMPARE(tested->error().httpStatus(), 403);
        const auto removed = awaitResult<Nothing>(
            [&](auto done) { m_api->deleteConnection(connection.connectionId, this, done); });
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
        const auto config = awaitResult<Config>([&](auto done) { m_api->config(QString(), this, done); });
        QVERIFY(!config->ok());
        QCOMPARE(config->error().httpStatus(), 403);
    }
};

QTEST_GUILESS_MAIN(TestApiV2)
#include "tst_api_v2.moc"
