// One scenario over the three APIs the sandbox speaks: Airflow 2 (/api/v1, Basic), Airflow 3 (/api/v2, the
// JWT login) and Airflow 1.10 (/api/experimental, Basic). The client is built through detection, as the app
// builds it, so every row also proves that detection picks the right dialect. Then, through AirflowClient: a
// DAG read, paused and unpaused; its runs newest first, page by page; a safe trigger with a conf read back
// and followed to its end on the manual clock; the DAG's source, a task and the run's task instance; a pool
// created, read, updated and deleted. Every feature the dialect reports unavailable fails with its reason
// and sends nothing.
#include "api/airflowclient.h"
#include "api/apiversiondetector.h"
#include "api/safetrigger.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>
#include <functional>
#include <memory>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::ExperimentalAuth;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

namespace {

const QString kDag = QStringLiteral("etl_orders");

const QList<Feature> kEveryFeature{
    Feature::ListDags,
    Feature::DagDetails,
    Feature::DagSource,
    Feature::PauseDags,
    Feature::ListRuns,
    Feature::RunsAcrossDags,
    Feature::DeleteRun,
    Feature::ClearRun,
    Feature::MarkRun,
    Feature::RunNotes,
    Feature::ListTaskInstances,
    Feature::TaskInstanceTries,
    Feature::TaskLogs,
    Feature::XComs,
    Feature::ClearTaskInstances,
    Feature::MarkTaskInstances,
    Feature::TaskInstanceNotes,
    Feature::ListTasks,
    Feature::ImportErrors,
    Feature::Variables,
    Feature::Connections,
    Feature::ConnectionTest,
    Feature::Config,
    Feature::Health,
    Feature::RenamePools,
    Feature::PoolDeferredSlots,
    Feature::PoolUsage,
    Feature::Assets,
    Feature::LatestRuns,
};

// The error of a call, or none when it succeeded; nullopt when no answer came.
template<typename T, typename Start>
std::optional<ApiError> errorOf(Start start)
{
    const auto result = awaitResult<T>(start);
    if (!result)
        return std::nullopt;
    return result->ok() ? ApiError() : result->error();
}

} // namespace

class TestApiDialects final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_client;
    DetectedApi m_detected;

    static void addModes()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("v1") << QStringLiteral("v1");
        QTest::newRow("v2") << QStringLiteral("v2");
        QTest::newRow("experimental") << QStringLiteral("experimental");
    }

    static SandboxOptions optionsFor(const QString &mode)
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        options.dagCount = 12;
        options.runsPerDag = 12; // more than two pages of 5
        if (mode == QLatin1String("v2")) {
            options.api = ApiVersion::V2;
            options.auth = AuthMode::Jwt;
        } else if (mode == QLatin1String("experimental")) {
            options.api = ApiVersion::Experimental;
            options.experimentalAuth = ExperimentalAuth::Basic;
        }
        return options;
    }

    // What detection finds at the sandbox's root, without credentials.
    std::optional<Result<DetectedApi>> detect(const SandboxServer &sandbox)
    {
        ApiVersionDetector detector(&m_nam, sandbox.baseUrl());
        return awaitResult<DetectedApi>([&](auto done) { detector.detect(this, done); });
    }

    // The sandbox for the row, and a client on the dialect detection chose (the test fails when it cannot).
    void start(const QString &mode)
    {
        m_sandbox = std::make_unique<SandboxServer>(optionsFor(mode));
        QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
        const auto detected = detect(*m_sandbox);
        QVERIFY(detected);
        QVERIFY2(detected->ok(), qPrintable(detected->error().message()));
        m_detected = detected->value();
        ApiError error;
        std::unique_ptr<Dialect> dialect = ApiVersionDetector::createDialect(m_detected, &error);
        QVERIFY2(dialect, qPrintable(error.message()));
        std::unique_ptr<Windsock::Auth::Authenticator> authenticator;
        if (mode == QLatin1String("v2"))
            authenticator = std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(QStringLiteral("admin"),
                                                                                    QStringLiteral("admin"));
        else
            authenticator = std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("admin"),
                                                                                 QStringLiteral("admin"));
        m_client = std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::move(dialect),
                                                   std::move(authenticator));
    }

    QString firstTask() const
    {
        const auto &state = m_sandbox->state();
        return state.dag(state.dagIndex(kDag)).tasks.first().taskId;
    }

    std::optional<Dag> readDag()
    {
        const auto dag = awaitResult<Dag>([&](auto done) { m_client->dag(kDag, this, done); });
        if (!dag || !dag->ok())
            return std::nullopt;
        return dag->value();
    }

    // Every call that needs `feature`, each giving its error (none when it succeeded).
    QList<std::function<std::optional<ApiError>()>> callsNeeding(Feature feature)
    {
        const QString run = QStringLiteral("manual__2025-06-01T10:00:00+00:00");
        const QString task = firstTask();
        QList<std::function<std::optional<ApiError>()>> calls;
        switch (feature) {
        case Feature::ListDags:
            calls.append([=] { return errorOf<Page<Dag>>([&](auto d) { m_client->dags({}, this, d); }); });
            break;
        case Feature::DagDetails:
            calls.append(
                [=] { return errorOf<DagDetails>([&](auto d) { m_client->dagDetails(kDag, this, d); }); });
            break;
        case Feature::DagSource:
            calls.append(
                [=] { return errorOf<QString>([&](auto d) { m_client->dagSource(kDag, this, d); }); });
            break;
        case Feature::PauseDags:
            calls.append([=] {
                return errorOf<QList<Dag>>(
                    [&](auto d) { m_client->setDagsPaused(QStringLiteral("etl"), true, this, d); });
            });
            break;
        case Feature::ListRuns:
            calls.append([=] {
                DagRunQuery query;
                query.dagId = kDag;
                return errorOf<Page<DagRun>>([&](auto d) { m_client->dagRuns(query, this, d); });
            });
            break;
        case Feature::RunsAcrossDags:
            calls.append([=] {
                return errorOf<Page<DagRun>>([&](auto d) { m_client->dagRuns(DagRunQuery{}, this, d); });
            });
            calls.append([=] {
                return errorOf<Page<DagRun>>(
                    [&](auto d) { m_client->listDagRunsBatch(DagRunBatchQuery{}, this, d); });
            });
            break;
        case Feature::DeleteRun:
            calls.append([=] {
                return errorOf<Nothing>([&](auto d) { m_client->deleteDagRun(kDag, run, this, d); });
            });
            break;
        case Feature::ClearRun:
            calls.append([=] {
                return errorOf<QList<TaskInstanceReference>>(
                    [&](auto d) { m_client->previewClearDagRun(kDag, run, this, d); });
            });
            calls.append(
                [=] { return errorOf<DagRun>([&](auto d) { m_client->clearDagRun(kDag, run, this, d); }); });
            break;
        case Feature::MarkRun:
            calls.append([=] {
                return errorOf<DagRun>(
                    [&](auto d) { m_client->markDagRun(kDag, run, QStringLiteral("success"), this, d); });
            });
            break;
        case Feature::RunNotes:
            calls.append([=] {
                return errorOf<DagRun>(
                    [&](auto d) { m_client->setDagRunNote(kDag, run, QStringLiteral("note"), this, d); });
            });
            break;
        case Feature::ListTaskInstances:
            calls.append([=] {
                TaskInstanceQuery query;
                query.dagId = kDag;
                query.dagRunId = run;
                return errorOf<Page<TaskInstance>>([&](auto d) { m_client->taskInstances(query, this, d); });
            });
            calls.append([=] {
                return errorOf<Page<TaskInstance>>(
                    [&](auto d) { m_client->listTaskInstancesBatch(TaskInstanceBatchQuery{}, this, d); });
            });
            break;
        case Feature::TaskInstanceTries:
            calls.append([=] {
                return errorOf<QList<TaskInstance>>(
                    [&](auto d) { m_client->taskInstanceTries(kDag, run, task, this, d); });
            });
            break;
        case Feature::TaskLogs:
            calls.append([=] {
                return errorOf<QString>([&](auto d) { m_client->taskLog(kDag, run, task, 1, this, d); });
            });
            calls.append([=] {
                return errorOf<TaskLogChunk>(
                    [&](auto d) { m_client->taskLogChunk(kDag, run, task, 1, QString(), this, d); });
            });
            break;
        case Feature::XComs:
            calls.append([=] {
                XComQuery query;
                query.dagId = kDag;
                query.dagRunId = run;
                query.taskId = task;
                return errorOf<Page<XComEntry>>([&](auto d) { m_client->xcomEntries(query, this, d); });
            });
            calls.append([=] {
                return errorOf<XComEntry>([&](auto d) {
                    m_client->xcomEntry(kDag, run, task, QStringLiteral("return_value"), this, d);
                });
            });
            break;
        case Feature::ClearTaskInstances:
            calls.append([=] {
                ClearTaskInstancesRequest request;
                request.dagId = kDag;
                request.dagRunId = run;
                return errorOf<QList<TaskInstanceReference>>(
                    [&](auto d) { m_client->clearTaskInstances(request, this, d); });
            });
            break;
        case Feature::MarkTaskInstances:
            calls.append([=] {
                return errorOf<TaskInstanceReference>([&](auto d) {
                    m_client->setTaskInstanceState(kDag, run, task, QStringLiteral("success"), true, this, d);
                });
            });
            calls.append([=] {
                UpdateTaskInstancesStateRequest request;
                request.dagId = kDag;
                request.dagRunId = run;
                request.taskId = task;
                request.newState = QStringLiteral("success");
                return errorOf<QList<TaskInstanceReference>>(
                    [&](auto d) { m_client->updateTaskInstancesState(request, this, d); });
            });
            break;
        case Feature::TaskInstanceNotes:
            calls.append([=] {
                return errorOf<TaskInstance>([&](auto d) {
                    m_client->setTaskInstanceNote(kDag, run, task, QStringLiteral("note"), this, d);
                });
            });
            break;
        case Feature::ListTasks:
            calls.append(
                [=] { return errorOf<QList<Task>>([&](auto d) { m_client->tasks(kDag, this, d); }); });
            break;
        case Feature::ImportErrors:
            calls.append([=] {
                return errorOf<Page<ImportError>>([&](auto d) { m_client->importErrors(100, 0, this, d); });
            });
            calls.append(
                [=] { return errorOf<ImportError>([&](auto d) { m_client->importError(1, this, d); }); });
            break;
        case Feature::Variables:
            calls.append([=] {
                return errorOf<Page<Variable>>(
                    [&](auto d) { m_client->variables(CollectionQuery{}, this, d); });
            });
            calls.append([=] {
                return errorOf<Variable>([&](auto d) { m_client->variable(QStringLiteral("key"), this, d); });
            });
            calls.append([=] {
                Variable variable;
                variable.key = QStringLiteral("key");
                variable.value = QStringLiteral("value");
                variable.hasValue = true;
                return errorOf<Variable>([&](auto d) { m_client->createVariable(variable, this, d); });
            });
            calls.append([=] {
                return errorOf<Nothing>(
                    [&](auto d) { m_client->deleteVariable(QStringLiteral("key"), this, d); });
            });
            break;
        case Feature::Connections:
            calls.append([=] {
                return errorOf<Page<Connection>>(
                    [&](auto d) { m_client->connections(CollectionQuery{}, this, d); });
            });
            calls.append([=] {
                return errorOf<Connection>(
                    [&](auto d) { m_client->connection(QStringLiteral("conn"), this, d); });
            });
            calls.append([=] {
                return errorOf<Nothing>(
                    [&](auto d) { m_client->deleteConnection(QStringLiteral("conn"), this, d); });
            });
            break;
        case Feature::ConnectionTest:
            calls.append([=] {
                ConnectionRequest connection;
                connection.connectionId = QStringLiteral("conn");
                connection.connType = QStringLiteral("http");
                return errorOf<ConnectionTestResult>(
                    [&](auto d) { m_client->testConnection(connection, this, d); });
            });
            break;
        case Feature::Config:
            calls.append(
                [=] { return errorOf<Config>([&](auto d) { m_client->config(QString(), this, d); }); });
            break;
        case Feature::Health:
            calls.append([=] { return errorOf<Health>([&](auto d) { m_client->health(this, d); }); });
            break;
        case Feature::RenamePools:
            calls.append([=] {
                PoolRequest rename;
                rename.name = QStringLiteral("renamed_pool");
                return errorOf<Pool>(
                    [&](auto d) { m_client->updatePool(QStringLiteral("default_pool"), rename, this, d); });
            });
            break;
        case Feature::PoolDeferredSlots:
            calls.append([=] {
                PoolRequest create;
                create.name = QStringLiteral("deferred_pool");
                create.slots = 2;
                create.includeDeferred = true;
                return errorOf<Pool>([&](auto d) { m_client->createPool(create, this, d); });
            });
            calls.append([=] {
                PoolRequest update;
                update.includeDeferred = true;
                return errorOf<Pool>(
                    [&](auto d) { m_client->updatePool(QStringLiteral("default_pool"), update, this, d); });
            });
            break;
        case Feature::PoolUsage:
            break; // what the pools page shows, never a request of its own
        case Feature::Assets:
            calls.append(
                [=] { return errorOf<Page<Asset>>([&](auto d) { m_client->assets({}, this, d); }); });
            calls.append(
                [=] { return errorOf<QList<Asset>>([&](auto d) { m_client->allAssets(this, d); }); });
            break;
        case Feature::LatestRuns:
            calls.append(
                [=] { return errorOf<QList<DagRun>>([&](auto d) { m_client->latestRuns(this, d); }); });
            break;
        }
        return calls;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_client.reset();
        m_sandbox.reset();
        m_nam.clearConnectionCache();
    }

    void detectionPicksTheDialect_data() { addModes(); }
    void detectionPicksTheDialect()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const ApiKind expected = mode == QLatin1String("v1")   ? ApiKind::V1
                                 : mode == QLatin1String("v2") ? ApiKind::V2
                                                               : ApiKind::Experimental;
        QCOMPARE(m_detected.kind, expected);
        QCOMPARE(m_client->dialect().kind(), expected);
        if (expected == ApiKind::Experimental) {
            QVERIFY(m_detected.version.version.isEmpty()); // 1.10 has no version endpoint
            QVERIFY(m_client->dialect().serverVersion().version.isEmpty());
        } else {
            QCOMPARE(m_detected.version.major(), expected == ApiKind::V1 ? 2 : 3);
            QCOMPARE(m_client->dialect().serverVersion().version, m_detected.version.version);
        }

        // A 1.10 whose API denies everything (and one open to all) is still recognised: the probe needs no
        // credentials, and a 403 there shows that the API exists.
        if (expected == ApiKind::Experimental) {
            for (const ExperimentalAuth auth : {ExperimentalAuth::DenyAll, ExperimentalAuth::Default}) {
                SandboxOptions options = optionsFor(mode);
                options.experimentalAuth = auth;
                SandboxServer other(options);
                QVERIFY(other.listen(0));
                const auto detected = detect(other);
                QVERIFY(detected);
                QVERIFY2(detected->ok(), qPrintable(detected->error().message()));
                QCOMPARE(detected->value().kind, ApiKind::Experimental);
                QVERIFY(detected->value().version.version.isEmpty());
                // Only deny_all answers 403 without credentials: the connector then says so before anything.
                QCOMPARE(detected->value().refusesEveryone, auth == ExperimentalAuth::DenyAll);
                const std::unique_ptr<Dialect> dialect = ApiVersionDetector::createDialect(detected->value());
                QVERIFY(dialect);
                QCOMPARE(dialect->kind(), ApiKind::Experimental);
            }
        }
    }

    void readPauseAndUnpauseDag_data() { addModes(); }
    void readPauseAndUnpauseDag()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const std::optional<Dag> dag = readDag();
        QVERIFY(dag);
        QCOMPARE(dag->dagId, kDag);
        QVERIFY(!dag->fileToken.isEmpty());
        for (const bool paused : {true, false, true, false}) {
            const auto changed =
                awaitResult<Dag>([&](auto done) { m_client->setDagPaused(kDag, paused, this, done); });
            QVERIFY(changed);
            QVERIFY2(changed->ok(), qPrintable(changed->error().message()));
            QCOMPARE(changed->value().dagId, kDag);
            QCOMPARE(changed->value().isPaused, paused);
            const std::optional<Dag> readBack = readDag();
            QVERIFY(readBack);
            QCOMPARE(readBack->isPaused, paused);
            QCOMPARE(m_sandbox->state().dag(m_sandbox->state().dagIndex(kDag)).isPaused, paused);
        }
        // An unknown DAG is a NotFound, in every API.
        const auto unknown =
            awaitResult<Dag>([&](auto done) { m_client->dag(QStringLiteral("no_such_dag"), this, done); });
        QVERIFY(unknown);
        QCOMPARE(unknown->error().kind(), ApiError::Kind::NotFound);
    }

    void runsNewestFirstPageByPage_data() { addModes(); }
    void runsNewestFirstPageByPage()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const int seeded = int(m_sandbox->state().runs(m_sandbox->state().dagIndex(kDag)).size());
        QVERIFY(seeded > 5);
        DagRunQuery query;
        query.dagId = kDag;
        query.orderBy = QStringLiteral("-execution_date");
        query.limit = 5;
        QList<DagRun> runs;
        QSet<QString> ids;
        for (int offset = 0; offset <= 5; offset += 5) {
            query.offset = offset;
            const auto page =
                awaitResult<Page<DagRun>>([&](auto done) { m_client->dagRuns(query, this, done); });
            QVERIFY(page);
            QVERIFY2(page->ok(), qPrintable(page->error().message()));
            QCOMPARE(page->value().totalEntries, seeded);
            QCOMPARE(page->value().items.size(), qsizetype(std::min(5, seeded - offset)));
            for (const DagRun &run : page->value().items) {
                QCOMPARE(run.dagId, kDag);
                QVERIFY2(!ids.contains(run.dagRunId), qPrintable(run.dagRunId)); // no duplicates across pages
                ids.insert(run.dagRunId);
                runs.append(run);
            }
        }
        for (qsizetype i = 1; i < runs.size(); ++i) {
            QVERIFY(runs.at(i).logicalDate.isValid());
            QVERIFY2(runs.at(i - 1).logicalDate >= runs.at(i).logicalDate, qPrintable(runs.at(i).dagRunId));
        }
        // The first page starts with the newest run the sandbox has.
        QDateTime newest;
        for (const auto &run : m_sandbox->state().runs(m_sandbox->state().dagIndex(kDag)))
            newest = std::max(newest, QDateTime::fromMSecsSinceEpoch(run.logicalMs, Qt::UTC));
        QCOMPARE(runs.first().logicalDate.toMSecsSinceEpoch(), newest.toMSecsSinceEpoch());

        // Where the API has it, the newest run of every DAG lists this DAG with that run's date.
        if (m_client->dialect().supports(Feature::LatestRuns)) {
            const auto latest =
                awaitResult<QList<DagRun>>([&](auto done) { m_client->latestRuns(this, done); });
            QVERIFY(latest && latest->ok());
            bool listed = false;
            for (const DagRun &run : latest->value())
                if (run.dagId == kDag) {
                    listed = true;
                    QCOMPARE(run.logicalDate.toMSecsSinceEpoch(), newest.toMSecsSinceEpoch());
                }
            QVERIFY(listed);
        }
    }

    // The same run queries give the same runs in every API: the v1 sandbox filters, sorts and pages on the
    // server, the client does it for 1.10 (runquery.cpp). The sandboxes share a seed, hence their runs.
    void runQueriesMatchAcrossApis_data() { addModes(); }
    void runQueriesMatchAcrossApis()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        SandboxServer reference(optionsFor(QStringLiteral("v1")));
        QVERIFY(reference.listen(0));
        AirflowClient v1(&m_nam, reference.baseUrl(), ApiVersionDetector::createDialect({ApiKind::V1, {}}),
                         std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("admin"),
                                                                              QStringLiteral("admin")));
        const auto &runs = reference.state().runs(reference.state().dagIndex(kDag));
        const QDateTime middle = QDateTime::fromMSecsSinceEpoch(runs.at(runs.size() / 2).logicalMs, Qt::UTC);

        QList<DagRunQuery> queries;
        DagRunQuery query;
        query.dagId = kDag;
        query.orderBy = QStringLiteral("-execution_date");
        query.states = QStringList{QStringLiteral("success")};
        query.limit = 5;
        queries.append(query);
        query.states = QStringList{QStringLiteral("failed"), QStringLiteral("success")};
        query.orderBy = QStringLiteral("start_date");
        query.offset = 2;
        queries.append(query);
        query = DagRunQuery();
        query.dagId = kDag;
        query.logicalDateFrom = middle.addSecs(-1);
        queries.append(query);
        query.logicalDateFrom = QDateTime();
        query.logicalDateTo = middle;
        query.orderBy = QStringLiteral("-start_date");
        query.limit = 3;
        query.offset = 1;
        queries.append(query);

        for (qsizetype i = 0; i < queries.size(); ++i) {
            const auto expected =
                awaitResult<Page<DagRun>>([&](auto done) { v1.dagRuns(queries.at(i), this, done); });
            const auto actual =
                awaitResult<Page<DagRun>>([&](auto done) { m_client->dagRuns(queries.at(i), this, done); });
            QVERIFY(expected && expected->ok());
            QVERIFY(actual);
            QVERIFY2(actual->ok(), qPrintable(actual->error().message()));
            QStringList expectedIds;
            for (const DagRun &run : expected->value().items)
                expectedIds.append(run.dagRunId);
            QStringList actualIds;
            for (const DagRun &run : actual->value().items)
                actualIds.append(run.dagRunId);
            QVERIFY2(!expectedIds.isEmpty(), qPrintable(QString::number(i)));
            QCOMPARE(actualIds, expectedIds);
            QCOMPARE(actual->value().totalEntries, expected->value().totalEntries);
        }
    }

    void triggerFollowAndReadTaskInstance_data() { addModes(); }
    void triggerFollowAndReadTaskInstance()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const auto unpaused =
            awaitResult<Dag>([&](auto done) { m_client->setDagPaused(kDag, false, this, done); });
        QVERIFY(unpaused && unpaused->ok());

        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = QStringLiteral("dialects_") + mode;
        trigger.conf =
            QJsonObject{{QStringLiteral("rows"), 5}, {QStringLiteral("mode"), QStringLiteral("fast")}};
        const auto outcome = awaitResult<TriggerOutcome>(
            [&](auto done) { triggerDagRunSafely(*m_client, trigger, this, done); });
        QVERIFY(outcome);
        QVERIFY2(outcome->ok(), qPrintable(outcome->error().message()));
        QCOMPARE(outcome->value().attempts, 1);
        QCOMPARE(outcome->value().run.dagRunId, trigger.dagRunId);
        QCOMPARE(outcome->value().run.dagId, kDag);
        const auto stored = m_sandbox->state().findRun(m_sandbox->state().dagIndex(kDag), trigger.dagRunId);
        QVERIFY(stored);
        QCOMPARE(stored->conf, trigger.conf); // the conf reached the server, whichever API carried it

        const auto readBack =
            awaitResult<DagRun>([&](auto done) { m_client->dagRun(kDag, trigger.dagRunId, this, done); });
        QVERIFY(readBack);
        QVERIFY2(readBack->ok(), qPrintable(readBack->error().message()));
        QCOMPARE(readBack->value().dagRunId, trigger.dagRunId);
        QCOMPARE(readBack->value().dagId, kDag);
        QVERIFY2(readBack->value().state == QLatin1String("queued") ||
                     readBack->value().state == QLatin1String("running"),
                 qPrintable(readBack->value().state));
        if (m_client->dialect().kind() == ApiKind::Experimental)
            QVERIFY(!readBack->value().hasConf); // 1.10 does not show a run's conf
        else
            QCOMPARE(readBack->value().conf, trigger.conf);

        m_sandbox->advanceClock(6LL * 3600 * 1000);
        const auto finished =
            awaitResult<DagRun>([&](auto done) { m_client->dagRun(kDag, trigger.dagRunId, this, done); });
        QVERIFY(finished && finished->ok());
        QVERIFY2(finished->value().state == QLatin1String("success") ||
                     finished->value().state == QLatin1String("failed"),
                 qPrintable(finished->value().state));
        QCOMPARE(finished->value().dagRunId, trigger.dagRunId);

        const QString taskId = firstTask();
        const auto ti = awaitResult<TaskInstance>(
            [&](auto done) { m_client->taskInstance(kDag, trigger.dagRunId, taskId, this, done); });
        QVERIFY(ti);
        QVERIFY2(ti->ok(), qPrintable(ti->error().message()));
        QCOMPARE(ti->value().dagId, kDag);
        QCOMPARE(ti->value().dagRunId, trigger.dagRunId);
        QCOMPARE(ti->value().taskId, taskId);
        QVERIFY(!ti->value().state.isEmpty());
        QVERIFY(ti->value().startDate.isValid());
        QVERIFY(ti->value().tryNumber >= 1);
    }

    void dagSourceAndTask_data() { addModes(); }
    void dagSourceAndTask()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const std::optional<Dag> dag = readDag();
        QVERIFY(dag);
        const auto source =
            awaitResult<QString>([&](auto done) { m_client->dagSource(dag->fileToken, this, done); });
        QVERIFY(source);
        QVERIFY2(source->ok(), qPrintable(source->error().message()));
        QVERIFY2(source->value().contains(QStringLiteral("dag_id='") + kDag + QLatin1Char('\'')),
                 qPrintable(source->value().left(300)));

        const QString taskId = firstTask();
        const auto task = awaitResult<Task>([&](auto done) { m_client->task(kDag, taskId, this, done); });
        QVERIFY(task);
        QVERIFY2(task->ok(), qPrintable(task->error().message()));
        QCOMPARE(task->value().taskId, taskId);
        QVERIFY(!task->value().operatorName.isEmpty());
        const auto unknown = awaitResult<Task>(
            [&](auto done) { m_client->task(kDag, QStringLiteral("no_such_task"), this, done); });
        QVERIFY(unknown);
        QCOMPARE(unknown->error().kind(), ApiError::Kind::NotFound);
    }

    void seededRunAndErrors_data() { addModes(); }
    void seededRunAndErrors()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        // A run this client has never seen, read by its id (1.10 finds it in the DAG's list), then its task
        // instance (1.10 needs the run's execution date, learnt from that list).
        const auto seeded = m_sandbox->state().runs(m_sandbox->state().dagIndex(kDag));
        QVERIFY(!seeded.isEmpty());
        const QString runId = seeded.first().runId;
        const auto run = awaitResult<DagRun>([&](auto done) { m_client->dagRun(kDag, runId, this, done); });
        QVERIFY(run);
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QCOMPARE(run->value().dagRunId, runId);
        QCOMPARE(run->value().logicalDate.toMSecsSinceEpoch(), seeded.first().logicalMs);
        QVERIFY(!run->value().state.isEmpty());
        const QString taskId = firstTask();
        const auto ti = awaitResult<TaskInstance>(
            [&](auto done) { m_client->taskInstance(kDag, runId, taskId, this, done); });
        QVERIFY(ti);
        QVERIFY2(ti->ok(), qPrintable(ti->error().message()));
        QCOMPARE(ti->value().taskId, taskId);
        QCOMPARE(ti->value().dagRunId, runId);

        // What does not exist is a NotFound in every API.
        const auto noRun = awaitResult<DagRun>(
            [&](auto done) { m_client->dagRun(kDag, QStringLiteral("no_such_run"), this, done); });
        QVERIFY(noRun);
        QCOMPARE(noRun->error().kind(), ApiError::Kind::NotFound);
        const auto noPool =
            awaitResult<Pool>([&](auto done) { m_client->pool(QStringLiteral("no_such_pool"), this, done); });
        QVERIFY(noPool);
        QCOMPARE(noPool->error().kind(), ApiError::Kind::NotFound);

        // A wrong password is an Unauthorized, whichever way the API logs in.
        if (mode == QLatin1String("v2"))
            m_client->setAuthenticator(std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                QStringLiteral("admin"), QStringLiteral("wrong")));
        else
            m_client->setAuthenticator(std::make_unique<Windsock::Auth::BasicAuthenticator>(
                QStringLiteral("admin"), QStringLiteral("wrong")));
        const auto refused = awaitResult<Dag>([&](auto done) { m_client->dag(kDag, this, done); });
        QVERIFY(refused);
        QCOMPARE(refused->error().kind(), ApiError::Kind::Unauthorized);
    }

    void poolLifecycle_data() { addModes(); }
    void poolLifecycle()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const QString name = QStringLiteral("dialects_pool");
        PoolRequest create;
        create.name = name;
        create.slots = 3;
        create.description = QStringLiteral("for the dialects test");
        const auto created = awaitResult<Pool>([&](auto done) { m_client->createPool(create, this, done); });
        QVERIFY(created);
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        QCOMPARE(created->value().name, name);
        QCOMPARE(created->value().slots, 3);
        QCOMPARE(created->value().description, *create.description);

        const auto read = awaitResult<Pool>([&](auto done) { m_client->pool(name, this, done); });
        QVERIFY(read && read->ok());
        QCOMPARE(read->value().slots, 3);
        QCOMPARE(read->value().description, *create.description);

        PoolRequest slotsOnly;
        slotsOnly.slots = 7;
        const auto updated =
            awaitResult<Pool>([&](auto done) { m_client->updatePool(name, slotsOnly, this, done); });
        QVERIFY(updated);
        QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
        QCOMPARE(updated->value().slots, 7);
        QCOMPARE(updated->value().description, *create.description); // left as it was
        const auto reread = awaitResult<Pool>([&](auto done) { m_client->pool(name, this, done); });
        QVERIFY(reread && reread->ok());
        QCOMPARE(reread->value().slots, 7);
        QCOMPARE(reread->value().description, *create.description);

        const auto listed = awaitResult<Page<Pool>>([&](auto done) { m_client->pools(100, 0, this, done); });
        QVERIFY(listed && listed->ok());
        bool found = false;
        for (const Pool &pool : listed->value().items)
            found = found || (pool.name == name && pool.slots == 7);
        QVERIFY(found);

        const auto removed = awaitResult<Nothing>([&](auto done) { m_client->deletePool(name, this, done); });
        QVERIFY(removed);
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
        const auto gone = awaitResult<Pool>([&](auto done) { m_client->pool(name, this, done); });
        QVERIFY(gone);
        QCOMPARE(gone->error().kind(), ApiError::Kind::NotFound);
    }

    void unavailableFeaturesSendNothing_data() { addModes(); }
    void unavailableFeaturesSendNothing()
    {
        QFETCH(QString, mode);
        start(mode);
        if (QTest::currentTestFailed())
            return;
        const Dialect &dialect = m_client->dialect();
        // What the scenario above uses is there in every API.
        for (const Feature feature : {Feature::DagSource, Feature::ListRuns})
            QVERIFY(dialect.supports(feature));

        // Every feature is in the list (a new one in features.h also fails callsNeeding's switch to build).
        QCOMPARE(kEveryFeature.size(), qsizetype(int(Feature::LatestRuns) + 1));
        QList<Feature> unavailable;
        for (const Feature feature : kEveryFeature)
            if (!dialect.supports(feature))
                unavailable.append(feature);
        if (mode == QLatin1String("experimental")) {
            QList<Feature> expected = kEveryFeature;
            expected.removeAll(Feature::DagSource);
            expected.removeAll(Feature::ListRuns);
            expected.removeAll(Feature::LatestRuns);
            QCOMPARE(unavailable, expected);
        } else {
            QCOMPARE(unavailable, QList<Feature>{Feature::LatestRuns}); // a recent 2.x and 3.x have the rest
        }

        for (const Feature feature : unavailable) {
            const QString reason = dialect.unavailableReason(feature);
            QVERIFY(!reason.isEmpty());
            const auto calls = callsNeeding(feature);
            QVERIFY(!calls.isEmpty() || feature == Feature::PoolUsage);
            for (qsizetype i = 0; i < calls.size(); ++i) {
                const quint64 before = m_sandbox->requestCount();
                const std::optional<ApiError> error = calls.at(i)();
                const QByteArray where = QByteArray::number(int(feature)) + " call " + QByteArray::number(i);
                QVERIFY2(error, where.constData());
                QVERIFY2(error->kind() == ApiError::Kind::Unsupported,
                         qPrintable(QString::fromLatin1(where) + QStringLiteral(": ") + error->message()));
                QCOMPARE(error->message(), reason);
                QVERIFY2(m_sandbox->requestCount() == before, where.constData());
            }
        }
        // The server is still there and counting: one real request is one more.
        const quint64 before = m_sandbox->requestCount();
        QVERIFY(readDag());
        QVERIFY(m_sandbox->requestCount() > before);
    }
};

QTEST_GUILESS_MAIN(TestApiDialects)
#include "tst_api_dialects.moc"
