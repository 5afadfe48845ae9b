#include "api/airflowclient.h"
#include "api/dialectexperimental.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Windsock::Api;
using Windsock::Tests::awaitResult;
using Windsock::Tests::RawHttpServer;

namespace {

QJsonDocument json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", text);
    return doc;
}

// Two runs of "etl" as 1.10 lists them: oldest first, "" for a run that has not started, microseconds kept.
const char *const runsOfEtl =
    "[{\"id\": 1, \"run_id\": \"scheduled__2026-11-20T00:00:00+00:00\", \"state\": \"success\","
    " \"dag_id\": \"etl\", \"execution_date\": \"2026-11-20T00:00:00+00:00\","
    " \"start_date\": \"2026-11-20T00:00:05.123456+00:00\", \"dag_run_url\": "
    "\"/admin/airflow/graph?dag_id=etl\"},"
    " {\"id\": 2, \"run_id\": \"manual__2026-11-21T10:30:00.654321+00:00\", \"state\": \"running\","
    " \"dag_id\": \"etl\", \"execution_date\": \"2026-11-21T10:30:00.654321+00:00\", \"start_date\": \"\","
    " \"dag_run_url\": \"/admin/airflow/graph?dag_id=etl\"},"
    " {\"id\": 3, \"run_id\": \"manual__2026-11-19T08:00:00+00:00\", \"state\": \"failed\","
    " \"dag_id\": \"etl\", \"execution_date\": \"2026-11-19T08:00:00+00:00\", \"start_date\": \"\","
    " \"dag_run_url\": \"\"}]";

Version version(const char *text)
{
    Version v;
    v.version = QString::fromLatin1(text);
    return v;
}

} // namespace

// Airflow 1.10's experimental API: its requests and answers, what it cannot do (never sent, always said), and
// the version gates inside Airflow 2's dialect.
class TestApiExperimental final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AirflowClient> client(const QUrl &base)
    {
        return std::make_unique<AirflowClient>(&m_nam, base, std::make_unique<DialectExperimental>(),
                                               std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                   QStringLiteral("admin"), QStringLiteral("admin")));
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void requestsUseTheExperimentalPaths()
    {
        const DialectExperimental dialect;
        QCOMPARE(dialect.dagRequest(QStringLiteral("my dag")).encodedPath,
                 QStringLiteral("/api/experimental/dags/my%20dag/paused"));
        const ApiRequest pause = dialect.patchDagRequest(QStringLiteral("etl"), true);
        QCOMPARE(pause.method, QByteArrayLiteral("GET")); // 1.10 toggles with a GET
        QCOMPARE(pause.encodedPath, QStringLiteral("/api/experimental/dags/etl/paused/true"));
        QCOMPARE(dialect.patchDagRequest(QStringLiteral("etl"), false).encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/paused/false"));
        QCOMPARE(dialect.dagSourceRequest(QStringLiteral("etl")).encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/code"));
        QCOMPARE(dialect.latestRunsRequest().encodedPath, QStringLiteral("/api/experimental/latest_runs"));
        QCOMPARE(dialect.taskRequest(QStringLiteral("etl"), QStringLiteral("load")).encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/tasks/load"));
        QCOMPARE(dialect.poolsRequest(100, 0).encodedPath, QStringLiteral("/api/experimental/pools"));
        QCOMPARE(dialect.deletePoolRequest(QStringLiteral("p 1")).method, QByteArrayLiteral("DELETE"));
        QCOMPARE(dialect.deletePoolRequest(QStringLiteral("p 1")).encodedPath,
                 QStringLiteral("/api/experimental/pools/p%201"));

        DagRunQuery query;
        query.dagId = QStringLiteral("etl");
        query.states = {QStringLiteral("running")};
        const ApiRequest runs = dialect.dagRunsRequest(query);
        QCOMPARE(runs.encodedPathAndQuery(),
                 QStringLiteral("/api/experimental/dags/etl/dag_runs?state=running"));
        query.dagId = QStringLiteral("~");
        QVERIFY(!dialect.dagRunsRequest(query).unavailable.isEmpty());
    }

    void triggerSendsExecutionDateAndConf()
    {
        const DialectExperimental dialect;
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl");
        trigger.dagRunId = QStringLiteral("windsock__1");
        trigger.logicalDate = QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
        trigger.conf = QJsonObject{{QStringLiteral("rows"), 5}};
        const ApiRequest request = dialect.triggerDagRunRequest(trigger);
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QCOMPARE(request.encodedPath, QStringLiteral("/api/experimental/dags/etl/dag_runs"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(QStringLiteral("run_id")).toString(), QStringLiteral("windsock__1"));
        QCOMPARE(body.value(QStringLiteral("execution_date")).toString(),
                 QStringLiteral("2026-11-22T10:00:00+00:00"));
        QCOMPARE(body.value(QStringLiteral("replace_microseconds")).toString(), QStringLiteral("false"));
        QCOMPARE(body.value(QStringLiteral("conf")).toObject().value(QStringLiteral("rows")).toInt(), 5);
        QVERIFY(!body.contains(QStringLiteral("logical_date")));

        trigger.note = QStringLiteral("why");
        QCOMPARE(dialect.triggerDagRunRequest(trigger).unavailable,
                 dialect.unavailableReason(Feature::RunNotes));
    }

    void runsDecodeAndNameTheirExecutionDate()
    {
        const DialectExperimental dialect;
        const Result<Page<DagRun>> runs = dialect.decodeDagRuns(json(runsOfEtl));
        QVERIFY2(runs.ok(), qPrintable(runs.error().message()));
        QCOMPARE(runs.value().totalEntries, 3);
        const DagRun &manual = runs.value().items.at(1);
        QCOMPARE(manual.dagId, QStringLiteral("etl"));
        QCOMPARE(manual.state, QStringLiteral("running"));
        QCOMPARE(manual.runType, QStringLiteral("manual"));
        QVERIFY(manual.externalTrigger);
        QVERIFY(!manual.hasConf);
        QVERIFY(!manual.startDate.isValid()); // "" is no date
        QCOMPARE(manual.logicalDate, QDateTime(QDate(2026, 11, 21), QTime(10, 30, 0, 654), QTimeZone::utc()));
        QCOMPARE(runs.value().items.at(0).runType, QStringLiteral("scheduled"));
        QCOMPARE(runs.value().items.at(0).startDate,
                 QDateTime(QDate(2026, 11, 20), QTime(0, 0, 5, 123), QTimeZone::utc()));

        // The run's state and its task instances are asked for by the execution date exactly as the server
        // wrote it, microseconds included.
        QCOMPARE(dialect.dagRunRequest(QStringLiteral("etl"), manual.dagRunId).encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/dag_runs/") +
                     ApiRequest::encodeSegment(QStringLiteral("2026-11-21T10:30:00.654321+00:00")));
        QCOMPARE(dialect.taskInstanceRequest(QStringLiteral("etl"), manual.dagRunId, QStringLiteral("load"))
                     .encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/dag_runs/") +
                     ApiRequest::encodeSegment(QStringLiteral("2026-11-21T10:30:00.654321+00:00")) +
                     QStringLiteral("/tasks/load"));

        // {"state": ...} keeps what the list said of the run.
        const Result<DagRun> state = dialect.decodeDagRunAnswer(json("{\"state\": \"success\"}"),
                                                                QStringLiteral("etl"), manual.dagRunId);
        QVERIFY(state.ok());
        QCOMPARE(state.value().dagRunId, manual.dagRunId);
        QCOMPARE(state.value().state, QStringLiteral("success"));
        QCOMPARE(state.value().logicalDate, manual.logicalDate);
    }

    void unseenRunIsFoundInTheList()
    {
        const DialectExperimental dialect;
        const ApiRequest request = dialect.dagRunRequest(QStringLiteral("etl"), QStringLiteral("custom_id"));
        QCOMPARE(request.encodedPath, QStringLiteral("/api/experimental/dags/etl/dag_runs"));
        const Result<DagRun> run = dialect.decodeDagRunAnswer(
            json(runsOfEtl), QStringLiteral("etl"), QStringLiteral("manual__2026-11-19T08:00:00+00:00"));
        QVERIFY(run.ok());
        QCOMPARE(run.value().state, QStringLiteral("failed"));
        const Result<DagRun> missing =
            dialect.decodeDagRunAnswer(json(runsOfEtl), QStringLiteral("etl"), QStringLiteral("custom_id"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), ApiError::Kind::NotFound);
        QCOMPARE(missing.error().message(), QStringLiteral("The DAG etl has no run custom_id."));
        // A run id that is a date is taken as the execution date.
        QCOMPARE(
            dialect
                .taskInstanceRequest(QStringLiteral("etl"), QStringLiteral("2026-11-22T10:00:00+00:00"),
                                     QStringLiteral("t"))
                .encodedPath,
            QStringLiteral("/api/experimental/dags/etl/dag_runs/2026-11-22T10%3A00%3A00%2B00%3A00/tasks/t"));
        QVERIFY(
            dialect
                .taskInstanceRequest(QStringLiteral("etl"), QStringLiteral("custom_id"), QStringLiteral("t"))
                .unavailable.contains(QStringLiteral("execution date")));
    }

    void triggerAnswers()
    {
        const DialectExperimental dialect;
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl");
        trigger.conf = QJsonObject{{QStringLiteral("a"), 1}};
        // 1.10.15
        Result<DagRun> run = dialect.decodeTriggerAnswer(
            json("{\"message\": \"Created <DagRun etl @ 2026-11-22 10:00:00+00:00: "
                 "manual__2026-11-22T10:00:00+00:00, "
                 "externally triggered: True>\", \"execution_date\": \"2026-11-22T10:00:00+00:00\", "
                 "\"run_id\": \"manual__2026-11-22T10:00:00+00:00\"}"),
            trigger);
        QVERIFY2(run.ok(), qPrintable(run.error().message()));
        QCOMPARE(run.value().dagId, QStringLiteral("etl"));
        QCOMPARE(run.value().dagRunId, QStringLiteral("manual__2026-11-22T10:00:00+00:00"));
        QCOMPARE(run.value().state, QStringLiteral("running"));
        QCOMPARE(run.value().conf, trigger.conf);
        QCOMPARE(run.value().logicalDate, QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc()));
        // Earlier 1.10 releases: the message only.
        run = dialect.decodeTriggerAnswer(
            json("{\"message\": \"Created <DagRun etl @ 2026-11-22T11:00:00+00:00: my_run, externally "
                 "triggered: True>\"}"),
            trigger);
        QVERIFY2(run.ok(), qPrintable(run.error().message()));
        QCOMPARE(run.value().dagRunId, QStringLiteral("my_run"));
        QCOMPARE(run.value().logicalDate, QDateTime(QDate(2026, 11, 22), QTime(11, 0), QTimeZone::utc()));
        QCOMPARE(dialect.dagRunRequest(QStringLiteral("etl"), QStringLiteral("my_run")).encodedPath,
                 QStringLiteral("/api/experimental/dags/etl/dag_runs/2026-11-22T11%3A00%3A00%2B00%3A00"));
    }

    void taskAndTaskInstanceAreStrings()
    {
        const DialectExperimental dialect;
        const Result<TaskInstance> ti = dialect.decodeTaskInstanceAnswer(
            json("{\"task_id\": \"load\", \"dag_id\": \"etl\", \"state\": \"None\", \"try_number\": \"2\","
                 " \"max_tries\": \"3\", \"start_date\": \"2026-11-22 10:00:01.250000+00:00\", \"end_date\": "
                 "\"None\","
                 " \"duration\": \"12.5\", \"operator\": \"BashOperator\", \"pool\": \"default_pool\","
                 " \"queue\": \"default\", \"hostname\": \"\"}"),
            QStringLiteral("etl"), QStringLiteral("manual__x"), QStringLiteral("load"));
        QVERIFY2(ti.ok(), qPrintable(ti.error().message()));
        QCOMPARE(ti.value().dagRunId, QStringLiteral("manual__x"));
        QVERIFY(ti.value().state.isEmpty()); // "None": no state
        QCOMPARE(ti.value().tryNumber, 2);
        QCOMPARE(ti.value().maxTries, 3);
        QCOMPARE(ti.value().startDate,
                 QDateTime(QDate(2026, 11, 22), QTime(10, 0, 1, 250), QTimeZone::utc()));
        QVERIFY(!ti.value().endDate.isValid());
        QCOMPARE(ti.value().duration, 12.5);
        QCOMPARE(ti.value().operatorName, QStringLiteral("BashOperator"));

        const Result<Task> task = dialect.decodeTask(json(
            "{\"task_id\": \"load\", \"owner\": \"data\", \"retries\": \"2\", \"depends_on_past\": \"True\","
            " \"task_type\": \"PythonOperator\", \"trigger_rule\": \"all_success\", \"pool\": "
            "\"default_pool\"}"));
        QVERIFY2(task.ok(), qPrintable(task.error().message()));
        QCOMPARE(task.value().retries, 2);
        QVERIFY(task.value().dependsOnPast);
        QCOMPARE(task.value().operatorName, QStringLiteral("PythonOperator"));

        QVERIFY(!dialect.decodeTask(json("{\"owner\": \"data\"}")).ok()); // no task id
        QCOMPARE(dialect.decodeTask(json("[1]")).error().kind(), ApiError::Kind::UnexpectedShape);
    }

    void poolsLatestRunsAndErrors()
    {
        const DialectExperimental dialect;
        const Result<Page<Pool>> pools = dialect.decodePools(json(
            "[{\"id\": 1, \"pool\": \"default_pool\", \"slots\": 128, \"description\": \"Default pool\"},"
            " {\"id\": 2, \"pool\": \"gpu\", \"slots\": 2, \"description\": null}]"));
        QVERIFY(pools.ok());
        QCOMPARE(pools.value().totalEntries, 2);
        QCOMPARE(pools.value().items.at(1).name, QStringLiteral("gpu"));
        QCOMPARE(pools.value().items.at(1).slots, 2);
        QVERIFY(!dialect.decodePools(json("{\"pools\": []}")).ok());

        const Result<QList<DagRun>> latest = dialect.decodeLatestRuns(
            json("{\"items\": [{\"dag_id\": \"etl\", \"execution_date\": \"2026-11-21T10:30:00+00:00\","
                 " \"start_date\": \"2026-11-21T10:30:02+00:00\", \"dag_run_url\": \"/x\"}]}"));
        QVERIFY(latest.ok());
        QCOMPARE(latest.value().size(), 1);
        QCOMPARE(latest.value().first().dagId, QStringLiteral("etl"));

        QCOMPARE(dialect.errorDetail("{\"error\": \"Dag id nope not found\"}"),
                 QStringLiteral("Dag id nope not found"));
        QCOMPARE(dialect.errorDetail("Forbidden"), QStringLiteral("Forbidden"));
        QVERIFY(dialect.errorDetail("<html><body>x</body></html>").isEmpty());

        const ApiError duplicate(ApiError::Kind::Http, QStringLiteral("Bad request"), 400,
                                 QStringLiteral("Run id windsock__1 already exists for dag id etl"));
        QVERIFY(dialect.conflictNamesRunId(duplicate, QStringLiteral("windsock__1")));
        QVERIFY(!dialect.conflictNamesRunId(duplicate, QStringLiteral("windsock__2")));
    }

    void unavailableFeaturesAreNeverSent()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::json(200, "{}"));
        const auto api = client(server.baseUrl());
        const DialectExperimental &dialect = static_cast<const DialectExperimental &>(api->dialect());
        for (Feature feature :
             {Feature::ListDags, Feature::TaskLogs, Feature::Variables, Feature::Connections, Feature::Config,
              Feature::ImportErrors, Feature::Health, Feature::XComs, Feature::ClearRun, Feature::DeleteRun,
              Feature::RunsAcrossDags})
            QVERIFY(!dialect.supports(feature));
        for (Feature feature : {Feature::ListRuns, Feature::DagSource, Feature::LatestRuns})
            QVERIFY(dialect.supports(feature));

        const auto dags = awaitResult<Page<Dag>>([&](auto done) { api->dags({}, this, done); });
        QVERIFY(dags && !dags->ok());
        QCOMPARE(dags->error().kind(), ApiError::Kind::Unsupported);
        QCOMPARE(dags->error().message(), dialect.unavailableReason(Feature::ListDags));
        const auto log = awaitResult<QString>([&](auto done) {
            api->taskLog(QStringLiteral("etl"), QStringLiteral("r"), QStringLiteral("t"), 1, this, done);
        });
        QVERIFY(log && !log->ok());
        QCOMPARE(log->error().message(),
                 QStringLiteral("Airflow 1.10's experimental API has no endpoint for task logs."));
        const auto variables =
            awaitResult<QList<Variable>>([&](auto done) { api->allVariables(this, done); });
        QVERIFY(variables && !variables->ok());
        QCOMPARE(variables->error().kind(), ApiError::Kind::Unsupported);
        const auto deleted = awaitResult<Nothing>(
            [&](auto done) { api->deleteDagRun(QStringLiteral("etl"), QStringLiteral("r"), this, done); });
        QVERIFY(deleted && !deleted->ok());
        QCOMPARE(deleted->error().message(), dialect.unavailableReason(Feature::DeleteRun));
        QCOMPARE(server.requests().size(), 0);
    }

    void clientPagesAndFiltersTheWholeList()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::json(200, runsOfEtl));
        const auto api = client(server.baseUrl());
        DagRunQuery query;
        query.dagId = QStringLiteral("etl");
        query.orderBy = QStringLiteral("-execution_date");
        query.limit = 2;
        auto page = awaitResult<Page<DagRun>>([&](auto done) { api->dagRuns(query, this, done); });
        QVERIFY(page && page->ok());
        QCOMPARE(page->value().totalEntries, 3);
        QCOMPARE(page->value().items.size(), 2);
        QCOMPARE(page->value().items.at(0).dagRunId,
                 QStringLiteral("manual__2026-11-21T10:30:00.654321+00:00"));
        QCOMPARE(page->value().items.at(1).dagRunId, QStringLiteral("scheduled__2026-11-20T00:00:00+00:00"));
        query.offset = 2;
        page = awaitResult<Page<DagRun>>([&](auto done) { api->dagRuns(query, this, done); });
        QVERIFY(page && page->ok());
        QCOMPARE(page->value().items.size(), 1);
        QCOMPARE(page->value().items.at(0).state, QStringLiteral("failed"));
        query.offset = 0;
        query.states = {QStringLiteral("success"), QStringLiteral("failed")};
        page = awaitResult<Page<DagRun>>([&](auto done) { api->dagRuns(query, this, done); });
        QVERIFY(page && page->ok());
        QCOMPARE(page->value().totalEntries, 2);
    }

    void pauseToggleAndPoolUpdate()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &request) {
            const QString path = request.url().path();
            if (path.endsWith(QLatin1String("/paused/true")))
                return RawHttpServer::Answer{RawHttpServer::json(200, "{\"response\": \"ok\"}")};
            if (request.method == "GET" && path == QLatin1String("/api/experimental/pools/gpu"))
                return RawHttpServer::Answer{RawHttpServer::json(
                    200, "{\"id\": 2, \"pool\": \"gpu\", \"slots\": 2, \"description\": \"Cards\"}")};
            if (request.method == "POST" && path == QLatin1String("/api/experimental/pools"))
                return RawHttpServer::Answer{
                    RawHttpServer::json(200, QByteArray(request.body).replace("name", "pool"))};
            return RawHttpServer::Answer{RawHttpServer::json(404, "{\"error\": \"not here\"}")};
        });
        const auto api = client(server.baseUrl());
        const auto paused =
            awaitResult<Dag>([&](auto done) { api->setDagPaused(QStringLiteral("etl"), true, this, done); });
        QVERIFY(paused && paused->ok());
        QCOMPARE(paused->value().dagId, QStringLiteral("etl"));
        QVERIFY(paused->value().isPaused);
        QCOMPARE(server.requests().last().method, QByteArrayLiteral("GET"));

        // 1.10 replaces a pool whole: the description the update leaves out is read first and kept.
        PoolRequest update;
        update.slots = 4;
        const auto pool =
            awaitResult<Pool>([&](auto done) { api->updatePool(QStringLiteral("gpu"), update, this, done); });
        QVERIFY2(pool && pool->ok(), pool ? qPrintable(pool->error().message()) : "no answer");
        QCOMPARE(pool->value().slots, 4);
        QCOMPARE(pool->value().description, QStringLiteral("Cards"));
        const QJsonObject sent = QJsonDocument::fromJson(server.requests().last().body).object();
        QCOMPARE(sent.value(QStringLiteral("description")).toString(), QStringLiteral("Cards"));
        QCOMPARE(sent.value(QStringLiteral("slots")).toInt(), 4);

        PoolRequest rename;
        rename.name = QStringLiteral("gpus");
        rename.slots = 4;
        rename.description = QString();
        const auto renamed =
            awaitResult<Pool>([&](auto done) { api->updatePool(QStringLiteral("gpu"), rename, this, done); });
        QVERIFY(renamed && !renamed->ok());
        QCOMPARE(renamed->error().kind(), ApiError::Kind::Unsupported);
    }

    void dagCodeComesAsHtmlContentType()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(
            RawHttpServer::response(200, "text/html; charset=utf-8", "from airflow import DAG\n"));
        const auto api = client(server.baseUrl());
        auto source =
            awaitResult<QString>([&](auto done) { api->dagSource(QStringLiteral("etl"), this, done); });
        QVERIFY(source && source->ok());
        QCOMPARE(source->value(), QStringLiteral("from airflow import DAG\n"));
        server.setAnswer(RawHttpServer::response(200, "text/html", "<!DOCTYPE html><html>Sign in</html>"));
        source = awaitResult<QString>([&](auto done) { api->dagSource(QStringLiteral("etl"), this, done); });
        QVERIFY(source && !source->ok());
        QCOMPARE(source->error().kind(), ApiError::Kind::NotJson);
    }

    void airflow2FeaturesAreGatedByVersion()
    {
        DialectV1 old;
        old.setServerVersion(version("2.4.3"));
        QCOMPARE(old.unavailableReason(Feature::RunNotes),
                 QStringLiteral("Notes need Airflow 2.5 or later; this deployment runs Airflow 2.4.3."));
        QCOMPARE(old.setDagRunNoteRequest(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("n"))
                     .unavailable,
                 old.unavailableReason(Feature::RunNotes));
        QVERIFY(!old.supports(Feature::TaskInstanceTries));
        QVERIFY(old.supports(Feature::ClearRun));
        QVERIFY(old.supports(Feature::ListDags));

        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("d");
        trigger.logicalDate = QDateTime(QDate(2026, 1, 2), QTime(3, 4), QTimeZone::utc());
        DialectV1 v21;
        v21.setServerVersion(version("2.1.4"));
        QVERIFY(!v21.supports(Feature::ClearRun));
        QVERIFY(!v21.supports(Feature::MarkRun));
        QJsonObject body = QJsonDocument::fromJson(v21.triggerDagRunRequest(trigger).body).object();
        QVERIFY(body.contains(QStringLiteral("execution_date")));
        QVERIFY(!body.contains(QStringLiteral("logical_date")));
        DialectV1 v22;
        v22.setServerVersion(version("2.2.0"));
        body = QJsonDocument::fromJson(v22.triggerDagRunRequest(trigger).body).object();
        QVERIFY(body.contains(QStringLiteral("logical_date")));
        trigger.note = QStringLiteral("why");
        QVERIFY(!v22.triggerDagRunRequest(trigger).unavailable.isEmpty());

        DialectV1 current;
        current.setServerVersion(version("2.10.5"));
        // include_deferred is unknown before 2.7: "no" is left out, "yes" is refused with the reason.
        DialectV1 v26;
        v26.setServerVersion(version("2.6.3"));
        PoolRequest pool;
        pool.name = QStringLiteral("p");
        pool.slots = 3;
        pool.includeDeferred = false;
        const ApiRequest create = v26.createPoolRequest(pool);
        QVERIFY(create.unavailable.isEmpty());
        QVERIFY(!QJsonDocument::fromJson(create.body).object().contains(QStringLiteral("include_deferred")));
        pool.includeDeferred = true;
        QCOMPARE(v26.createPoolRequest(pool).unavailable,
                 QStringLiteral("Deferred tasks taking pool slots need Airflow 2.7 or later; this deployment "
                                "runs Airflow 2.6.3."));
        QVERIFY(!v26.updatePoolRequest(QStringLiteral("p"), pool).unavailable.isEmpty());
        QVERIFY(QJsonDocument::fromJson(current.createPoolRequest(pool).body)
                    .object()
                    .value(QStringLiteral("include_deferred"))
                    .toBool());

        // An unknown version refuses nothing; a current one neither.
        const DialectV1 unknown;
        DialectV2 three;
        three.setServerVersion(version("3.0.2"));
        for (Feature feature :
             {Feature::RunNotes, Feature::TaskInstanceTries, Feature::ClearRun, Feature::MarkRun,
              Feature::PauseDags, Feature::ConnectionTest, Feature::ListDags}) {
            QVERIFY(unknown.supports(feature));
            QVERIFY(current.supports(feature));
            QVERIFY(three.supports(feature));
        }
        QVERIFY(!current.supports(Feature::LatestRuns));
    }
};

QTEST_GUILESS_MAIN(TestApiExperimental)
#include "tst_api_experimental.moc"
