// DialectV2: the Airflow 3 shapes decoded (is_stale, timetable_summary, tag objects, run_after,
// triggered_by, logical_date), structured logs as text lines, {"detail": ...} errors in plain words, and
// the requests that differ from v1 (paths, repeated update_mask, logical_date null, dry-run route).
#include "api/dialectv2.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Windsock::Api;

class TestApiV2Decoding final : public QObject
{
    Q_OBJECT

private:
    static QJsonDocument json(const QByteArray &text)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad JSON in the test: %s", qPrintable(error.errorString()));
        return doc;
    }
    static QStringList queryValues(const ApiRequest &request, const QString &key)
    {
        QStringList values;
        for (const auto &[name, value] : request.query)
            if (name == key)
                values.append(value);
        return values;
    }
    static QJsonObject body(const ApiRequest &request)
    {
        return QJsonDocument::fromJson(request.body).object();
    }

    DialectV2 m_dialect;

private Q_SLOTS:
    void identity()
    {
        QCOMPARE(m_dialect.kind(), ApiKind::V2);
        QVERIFY(m_dialect.name().contains(QLatin1String("/api/v2")));
        QCOMPARE(m_dialect.healthRequest().encodedPath, QStringLiteral("/api/v2/monitor/health"));
        QCOMPARE(m_dialect.versionRequest().encodedPath, QStringLiteral("/api/v2/version"));
    }

    void dag()
    {
        const Result<Page<Dag>> result = m_dialect.decodeDags(
            json("{\"dags\": [{\"dag_id\": \"etl\", \"dag_display_name\": \"ETL\", \"is_paused\": true, "
                 "\"is_stale\": true, \"timetable_summary\": \"0 3 * * *\", \"timetable_description\": \"At "
                 "03:00\", "
                 "\"tags\": [{\"name\": \"nightly\", \"dag_id\": \"etl\", \"dag_display_name\": \"ETL\"}], "
                 "\"owners\": [\"data\"], \"next_dagrun_logical_date\": \"2026-11-23T03:00:00Z\", "
                 "\"next_dagrun_run_after\": \"2026-11-24T03:00:00Z\", \"file_token\": \"opaque\", "
                 "\"bundle_name\": \"dags-folder\", \"max_active_runs\": 4},"
                 " {\"dag_id\": \"assets\", \"is_paused\": false, \"is_stale\": false, "
                 "\"timetable_summary\": null, "
                 "\"timetable_description\": \"Triggered by assets\", \"tags\": [], \"owners\": []}], "
                 "\"total_entries\": 2}"));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(result.value().totalEntries, 2);
        const Dag &etl = result.value().items.at(0);
        QCOMPARE(etl.displayName, QStringLiteral("ETL"));
        QCOMPARE(etl.isPaused, true);
        QCOMPARE(etl.isActive, false); // is_stale
        QCOMPARE(etl.schedule, QStringLiteral("0 3 * * *"));
        QCOMPARE(etl.tags, QStringList{QStringLiteral("nightly")});
        QCOMPARE(etl.nextDagrun, QDateTime(QDate(2026, 11, 23), QTime(3, 0), QTimeZone::utc()));
        QCOMPARE(etl.nextDagrunCreateAfter, QDateTime(QDate(2026, 11, 24), QTime(3, 0), QTimeZone::utc()));
        QCOMPARE(etl.maxActiveRuns, 4);
        QCOMPARE(etl.fileToken, QStringLiteral("etl")); // dagSources is keyed by DAG id in v2
        const Dag &assets = result.value().items.at(1);
        QCOMPARE(assets.isActive, true);
        QCOMPARE(assets.schedule, QStringLiteral("Asset"));
        QCOMPARE(m_dialect.dagSourceRequest(etl.fileToken).encodedPath,
                 QStringLiteral("/api/v2/dagSources/etl"));
    }

    void wrongTypeNamesTheField()
    {
        const Result<Dag> result =
            m_dialect.decodeDag(json("{\"dag_id\": \"etl\", \"is_paused\": false, \"is_stale\": \"no\"}"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), ApiError::Kind::UnexpectedShape);
        QVERIFY2(result.error().message().contains(QLatin1String("is_stale")),
                 qPrintable(result.error().message()));
    }

    void dagRunWithoutLogicalDate()
    {
        const Result<DagRun> result = m_dialect.decodeDagRun(
            json("{\"dag_run_id\": \"manual__2026-11-22T10:00:00+00:00\", \"dag_id\": \"etl\", "
                 "\"logical_date\": null, "
                 "\"run_after\": \"2026-11-22T10:00:00Z\", \"run_type\": \"manual\", \"state\": \"queued\", "
                 "\"triggered_by\": \"rest_api\", \"conf\": {\"rows\": 3}, \"note\": null, \"dag_versions\": "
                 "[]}"));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const DagRun &run = result.value();
        QVERIFY(!run.logicalDate.isValid());
        QCOMPARE(run.runAfter, QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc()));
        QCOMPARE(run.triggeredBy, QStringLiteral("rest_api"));
        QCOMPARE(run.externalTrigger, true); // manual runs, as v1's external_trigger said
        QCOMPARE(run.conf.value(QLatin1String("rows")).toInt(), 3);
        QCOMPARE(run.state, QStringLiteral("queued"));
    }

    void taskInstanceReferencesFromCollection()
    {
        const QByteArray collection =
            "{\"task_instances\": [{\"id\": \"0190\", \"dag_id\": \"etl\", \"dag_run_id\": \"r1\", "
            "\"task_id\": \"load\", "
            "\"map_index\": -1, \"logical_date\": \"2026-11-22T00:00:00Z\", \"run_after\": "
            "\"2026-11-22T00:00:00Z\", "
            "\"state\": \"success\", \"try_number\": 1, \"note\": \"checked\"}], \"total_entries\": 1}";
        const Result<QList<TaskInstanceReference>> references =
            m_dialect.decodeTaskInstanceReferences(json(collection));
        QVERIFY2(references.ok(), qPrintable(references.error().message()));
        QCOMPARE(references.value().size(), 1);
        QCOMPARE(references.value().first().taskId, QStringLiteral("load"));
        QCOMPARE(references.value().first().executionDate,
                 QDateTime(QDate(2026, 11, 22), QTime(0, 0), QTimeZone::utc()));

        const Result<TaskInstanceReference> one = m_dialect.decodeTaskInstanceReference(json(collection));
        QVERIFY2(one.ok(), qPrintable(one.error().message()));
        QCOMPARE(one.value().dagRunId, QStringLiteral("r1"));
        // A note PATCH answers with the collection too.
        const Result<TaskInstance> ti = m_dialect.decodeTaskInstance(json(collection));
        QVERIFY2(ti.ok(), qPrintable(ti.error().message()));
        QCOMPARE(ti.value().note, QStringLiteral("checked"));
        const Result<TaskInstanceReference> unchanged =
            m_dialect.decodeTaskInstanceReference(json("{\"task_instances\": [], \"total_entries\": 0}"));
        QVERIFY(unchanged.ok());
        QVERIFY(unchanged.value().taskId.isEmpty());
    }

    void triesUnderTaskInstances()
    {
        const Result<Page<TaskInstance>> tries = m_dialect.decodeTaskInstanceTries(json(
            "{\"task_instances\": [{\"dag_id\": \"etl\", \"dag_run_id\": \"r1\", \"task_id\": \"load\", "
            "\"try_number\": 1, \"state\": \"failed\"}, {\"dag_id\": \"etl\", \"dag_run_id\": \"r1\", "
            "\"task_id\": \"load\", \"try_number\": 2, \"state\": \"success\"}], \"total_entries\": 2}"));
        QVERIFY2(tries.ok(), qPrintable(tries.error().message()));
        QCOMPARE(tries.value().items.size(), 2);
        QCOMPARE(tries.value().items.at(1).tryNumber, 2);
    }

    void xcomLogicalDate()
    {
        const Result<XComEntry> entry =
            m_dialect.decodeXComEntry(json("{\"key\": \"rows\", \"timestamp\": \"2026-11-22T00:01:00Z\", "
                                           "\"logical_date\": \"2026-11-22T00:00:00Z\", "
                                           "\"map_index\": -1, \"task_id\": \"load\", \"dag_id\": \"etl\", "
                                           "\"run_id\": \"r1\", \"value\": {\"n\": 3}}"),
                                      QStringLiteral("r1"));
        QVERIFY2(entry.ok(), qPrintable(entry.error().message()));
        QCOMPARE(entry.value().logicalDate, QDateTime(QDate(2026, 11, 22), QTime(0, 0), QTimeZone::utc()));
        QCOMPARE(entry.value().value.toObject().value(QLatin1String("n")).toInt(), 3);
    }

    void structuredLogChunk()
    {
        const Result<TaskLogChunk> chunk = m_dialect.decodeTaskLogChunk(json(
            "{\"content\": [{\"timestamp\": \"2026-11-22T10:00:00.123000Z\", \"event\": \"Task started\", "
            "\"level\": \"info\", \"logger\": \"airflow.task\"}, {\"event\": \"::group::Log message source "
            "details\", \"sources\": [\"/logs/a.log\"]}, {\"timestamp\": \"2026-11-22T10:00:01Z\", "
            "\"event\": "
            "\"Boom\", \"level\": \"error\", \"rows\": 3}], \"continuation_token\": null}"));
        QVERIFY2(chunk.ok(), qPrintable(chunk.error().message()));
        QVERIFY(chunk.value().nextToken.isEmpty());
        QCOMPARE(chunk.value().lines.size(), 3);
        const TaskLogLine &first = chunk.value().lines.at(0);
        QCOMPARE(first.level, QStringLiteral("info"));
        QCOMPARE(first.timestamp, QDateTime(QDate(2026, 11, 22), QTime(10, 0, 0, 123), QTimeZone::utc()));
        QCOMPARE(first.text,
                 QStringLiteral("[2026-11-22T10:00:00.123000Z] {airflow.task} INFO - Task started"));
        QCOMPARE(chunk.value().lines.at(1).text,
                 QStringLiteral("::group::Log message source details sources=[\"/logs/a.log\"]"));
        QCOMPARE(chunk.value().lines.at(2).level, QStringLiteral("error"));
        QVERIFY(chunk.value().lines.at(2).text.endsWith(QLatin1String("ERROR - Boom rows=3")));
        QCOMPARE(chunk.value().content.count(u'\n'), 3);

        const Result<TaskLogChunk> strings = m_dialect.decodeTaskLogChunk(
            json("{\"content\": [\"plain line\"], \"continuation_token\": \"t2\"}"));
        QVERIFY(strings.ok());
        QCOMPARE(strings.value().nextToken, QStringLiteral("t2"));
        QCOMPARE(strings.value().content, QStringLiteral("plain line\n"));

        QVERIFY(!m_dialect.decodeTaskLogChunk(json("{\"content\": 5, \"continuation_token\": null}")).ok());
    }

    void ndjsonLog()
    {
        const QByteArray stream =
            "{\"timestamp\": \"2026-11-22T10:00:00Z\", \"event\": \"one\", \"level\": \"info\"}\n"
            "not json at all\n"
            "{\"event\": \"two\", \"level\": \"warning\"}\n";
        const Result<QString> text = m_dialect.decodeTaskLog(stream);
        QVERIFY(text.ok());
        QCOMPARE(text.value(),
                 QStringLiteral("[2026-11-22T10:00:00Z] INFO - one\nnot json at all\nWARNING - two\n"));
        // The JSON form, when something between changed the answer.
        const Result<QString> fromJson =
            m_dialect.decodeTaskLog("{\"content\": [{\"event\": \"three\"}], \"continuation_token\": null}");
        QVERIFY(fromJson.ok());
        QCOMPARE(fromJson.value(), QStringLiteral("three\n"));
    }

    void validationErrorsInPlainWords()
    {
        const QByteArray body =
            "{\"detail\": [{\"type\": \"missing\", \"loc\": [\"body\", \"logical_date\"], \"msg\": \"Field "
            "required\", "
            "\"input\": {}}, {\"type\": \"extra_forbidden\", \"loc\": [\"body\", \"execution_date\"], "
            "\"msg\": "
            "\"Extra inputs are not permitted\", \"input\": \"x\"}, {\"type\": \"int_parsing\", \"loc\": "
            "[\"query\", "
            "\"limit\"], \"msg\": \"Input should be a valid integer\", \"input\": \"abc\"}, {\"type\": "
            "\"bool_type\", "
            "\"loc\": [\"body\", \"task_ids\", 0], \"msg\": \"Input should be a valid string\"}]}";
        QCOMPARE(m_dialect.errorDetail(body),
                 QStringLiteral(
                     "logical_date: Field required; execution_date: Extra inputs are not permitted; query "
                     "parameter limit: Input should be a valid integer; task_ids.0: Input should be a "
                     "valid string"));
    }

    void otherErrorBodies()
    {
        QCOMPARE(m_dialect.errorDetail("{\"detail\": \"Token Expired\"}"), QStringLiteral("Token Expired"));
        QCOMPARE(
            m_dialect.errorDetail("{\"detail\": {\"reason\": \"Unique constraint violation\", \"statement\": "
                                  "\"INSERT ...\", \"message\": \"Serious error\"}}"),
            QStringLiteral("Serious error"));
        QCOMPARE(m_dialect.errorDetail("{\"detail\": {\"reason\": \"Unique constraint violation\"}}"),
                 QStringLiteral("Unique constraint violation"));
        QCOMPARE(m_dialect.errorDetail("{\"error\": \"API route not found\"}"),
                 QStringLiteral("API route not found"));
        QVERIFY(m_dialect.errorDetail("<html>Bad gateway</html>").isEmpty());
    }

    void triggerAlwaysSendsLogicalDate()
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl");
        trigger.dagRunId = QStringLiteral("manual_1");
        const ApiRequest none = m_dialect.triggerDagRunRequest(trigger);
        QCOMPARE(none.method, QByteArrayLiteral("POST"));
        QCOMPARE(none.encodedPath, QStringLiteral("/api/v2/dags/etl/dagRuns"));
        QVERIFY(body(none).contains(QLatin1String("logical_date")));
        QVERIFY(body(none).value(QLatin1String("logical_date")).isNull());
        QVERIFY(!body(none).contains(QLatin1String("note"))); // nothing the user did not set
        QCOMPARE(body(none).keys(), (QStringList{QStringLiteral("conf"), QStringLiteral("dag_run_id"),
                                                 QStringLiteral("logical_date")}));
        trigger.logicalDate = QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
        QCOMPARE(
            body(m_dialect.triggerDagRunRequest(trigger)).value(QLatin1String("logical_date")).toString(),
            QStringLiteral("2026-11-22T10:00:00+00:00"));
    }

    void repeatedUpdateMask()
    {
        ConnectionRequest connection;
        connection.connectionId = QStringLiteral("db");
        connection.connType = QStringLiteral("postgres");
        connection.host = QStringLiteral("db.internal");
        const ApiRequest update = m_dialect.updateConnectionRequest(connection);
        QCOMPARE(update.encodedPath, QStringLiteral("/api/v2/connections/db"));
        QCOMPARE(queryValues(update, QStringLiteral("update_mask")),
                 (QStringList{QStringLiteral("conn_type"), QStringLiteral("host")}));

        PoolRequest pool;
        pool.name = QStringLiteral("renamed");
        pool.slots = 4;
        const ApiRequest patch = m_dialect.updatePoolRequest(QStringLiteral("etl"), pool);
        QCOMPARE(queryValues(patch, QStringLiteral("update_mask")),
                 (QStringList{QStringLiteral("pool"), QStringLiteral("slots")}));
        QCOMPARE(body(patch).value(QLatin1String("pool")).toString(), QStringLiteral("renamed"));
        QVERIFY(!body(patch).contains(QLatin1String("name"))); // PoolPatchBody has no "name": a 422

        VariableUpdate variable;
        variable.key = QStringLiteral("k");
        variable.value = QStringLiteral("v");
        variable.updateMask = {QStringLiteral("value")};
        const ApiRequest variablePatch = m_dialect.updateVariableRequest(variable);
        QCOMPARE(queryValues(variablePatch, QStringLiteral("update_mask")),
                 QStringList{QStringLiteral("value")});
        QVERIFY(!body(variablePatch).contains(QLatin1String("description")));
    }

    void notesAndStatesThroughPatch()
    {
        const ApiRequest note = m_dialect.setDagRunNoteRequest(QStringLiteral("etl"), QStringLiteral("r+1"),
                                                               QStringLiteral("why"));
        QCOMPARE(note.method, QByteArrayLiteral("PATCH"));
        QCOMPARE(note.encodedPath, QStringLiteral("/api/v2/dags/etl/dagRuns/r%2B1"));
        QCOMPARE(queryValues(note, QStringLiteral("update_mask")), QStringList{QStringLiteral("note")});

        const ApiRequest mark = m_dialect.markDagRunRequest(QStringLiteral("etl"), QStringLiteral("r1"),
                                                            QStringLiteral("failed"));
        QCOMPARE(queryValues(mark, QStringLiteral("update_mask")), QStringList{QStringLiteral("state")});

        const ApiRequest dry =
            m_dialect.setTaskInstanceStateRequest(QStringLiteral("etl"), QStringLiteral("r1"),
                                                  QStringLiteral("load"), QStringLiteral("success"), true);
        QCOMPARE(dry.encodedPath, QStringLiteral("/api/v2/dags/etl/dagRuns/r1/taskInstances/load/dry_run"));
        QVERIFY(!body(dry).contains(QLatin1String("dry_run"))); // the route says it: the body is strict
        const ApiRequest real =
            m_dialect.setTaskInstanceStateRequest(QStringLiteral("etl"), QStringLiteral("r1"),
                                                  QStringLiteral("load"), QStringLiteral("success"), false);
        QCOMPARE(real.encodedPath, QStringLiteral("/api/v2/dags/etl/dagRuns/r1/taskInstances/load"));

        UpdateTaskInstancesStateRequest update;
        update.dagId = QStringLiteral("etl");
        update.dagRunId = QStringLiteral("r1");
        update.taskId = QStringLiteral("load");
        update.newState = QStringLiteral("failed");
        update.includeDownstream = true;
        const ApiRequest related = m_dialect.updateTaskInstancesStateRequest(update);
        QCOMPARE(related.encodedPath,
                 QStringLiteral("/api/v2/dags/etl/dagRuns/r1/taskInstances/load/dry_run"));
        QCOMPARE(body(related).value(QLatin1String("include_downstream")).toBool(), true);
    }

    void renamedQueryItems()
    {
        DagQuery dags;
        dags.onlyActive = false;
        QCOMPARE(queryValues(m_dialect.dagsRequest(dags), QStringLiteral("exclude_stale")),
                 QStringList{QStringLiteral("false")});
        QVERIFY(queryValues(m_dialect.patchDagsRequest({}, true, 100, 0), QStringLiteral("dag_id_pattern"))
                    .isEmpty());

        DagRunQuery runs;
        runs.dagId = QStringLiteral("etl");
        runs.orderBy = QStringLiteral("-execution_date");
        runs.logicalDateFrom = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
        const ApiRequest request = m_dialect.dagRunsRequest(runs);
        QCOMPARE(queryValues(request, QStringLiteral("order_by")),
                 QStringList{QStringLiteral("-logical_date")});
        QCOMPARE(queryValues(request, QStringLiteral("logical_date_gte")).size(), 1);
        QVERIFY(queryValues(request, QStringLiteral("execution_date_gte")).isEmpty());

        DagRunBatchQuery batch;
        batch.logicalDateTo = runs.logicalDateFrom;
        const QJsonObject batchBody = body(m_dialect.dagRunsBatchRequest(batch));
        QVERIFY(batchBody.contains(QLatin1String("logical_date_lte")));
        QVERIFY(!batchBody.contains(QLatin1String("execution_date_lte")));

        QVERIFY(m_dialect
                    .taskInstanceTriesRequest(QStringLiteral("etl"), QStringLiteral("r1"),
                                              QStringLiteral("load"), 100, 0)
                    .query.isEmpty());
        QCOMPARE(
            m_dialect.taskLogRequest(QStringLiteral("etl"), QStringLiteral("r1"), QStringLiteral("load"), 1)
                .accept,
            QByteArrayLiteral("application/x-ndjson"));
    }
};

QTEST_GUILESS_MAIN(TestApiV2Decoding)
#include "tst_api_v2_decoding.moc"
