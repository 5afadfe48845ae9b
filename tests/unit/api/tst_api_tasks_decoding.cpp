// DialectV1's task-level requests and decoders: XCom entries, the DAG source, one task instance, its tries,
// tasks, one import error; and the new DagRunQuery / ClearTaskInstancesRequest fields on the wire.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimeZone>

using namespace Windsock::Api;
using Windsock::Tests::awaitResult;
using Windsock::Tests::RawHttpServer;

class TestApiTasksDecoding final : public QObject
{
    Q_OBJECT

private:
    static QJsonDocument json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)); }
    static QString query(const ApiRequest &request, const QString &key)
    {
        for (const auto &[name, value] : request.query) {
            if (name == key)
                return value;
        }
        return QStringLiteral("<absent>");
    }

    std::unique_ptr<AirflowClient> client(const RawHttpServer &server)
    {
        return std::make_unique<AirflowClient>(
            &m_nam, server.baseUrl(), std::make_unique<DialectV1>(),
            std::make_unique<Windsock::Auth::BasicAuthenticator>(QStringLiteral("u"), QStringLiteral("p")));
    }

    DialectV1 m_dialect;
    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void requests()
    {
        XComQuery xcoms;
        xcoms.dagId = QStringLiteral("d");
        xcoms.dagRunId = QStringLiteral("manual__2026-01-01T00:00:00+00:00");
        xcoms.taskId = QStringLiteral("t");
        xcoms.limit = 50;
        const ApiRequest list = m_dialect.xcomEntriesRequest(xcoms);
        QCOMPARE(list.encodedPath,
                 QStringLiteral("/api/v1/dags/d/dagRuns/manual__2026-01-01T00%3A00%3A00%2B00%3A00/"
                                "taskInstances/t/xcomEntries"));
        QCOMPARE(query(list, QStringLiteral("limit")), QStringLiteral("50"));
        QCOMPARE(query(list, QStringLiteral("xcom_key")), QStringLiteral("<absent>"));

        const ApiRequest entry = m_dialect.xcomEntryRequest(QStringLiteral("d"), QStringLiteral("r"),
                                                            QStringLiteral("t"), QStringLiteral("a/b key"));
        QCOMPARE(entry.encodedPath,
                 QStringLiteral("/api/v1/dags/d/dagRuns/r/taskInstances/t/xcomEntries/a%2Fb%20key"));
        QCOMPARE(query(entry, QStringLiteral("stringify")), QStringLiteral("false"));

        const ApiRequest source = m_dialect.dagSourceRequest(QStringLiteral("abc.def"));
        QCOMPARE(source.encodedPath, QStringLiteral("/api/v1/dagSources/abc.def"));
        QCOMPARE(source.accept, QByteArrayLiteral("text/plain"));

        const ApiRequest tries = m_dialect.taskInstanceTriesRequest(QStringLiteral("d"), QStringLiteral("r"),
                                                                    QStringLiteral("t"), 100, 200);
        QCOMPARE(tries.encodedPath, QStringLiteral("/api/v1/dags/d/dagRuns/r/taskInstances/t/tries"));
        QCOMPARE(query(tries, QStringLiteral("offset")), QStringLiteral("200"));

        const ApiRequest note = m_dialect.setTaskInstanceNoteRequest(
            QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"), QStringLiteral("n"));
        QCOMPARE(note.method, QByteArrayLiteral("PATCH"));
        QCOMPARE(note.encodedPath, QStringLiteral("/api/v1/dags/d/dagRuns/r/taskInstances/t/setNote"));
        QCOMPARE(QJsonDocument::fromJson(note.body).object(),
                 (QJsonObject{{QStringLiteral("note"), QStringLiteral("n")}}));

        QCOMPARE(m_dialect.tasksRequest(QStringLiteral("d")).encodedPath,
                 QStringLiteral("/api/v1/dags/d/tasks"));
        QCOMPARE(m_dialect.importErrorRequest(7).encodedPath, QStringLiteral("/api/v1/importErrors/7"));
        QCOMPARE(m_dialect.taskInstanceRequest(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"))
                     .encodedPath,
                 QStringLiteral("/api/v1/dags/d/dagRuns/r/taskInstances/t"));
    }

    void dagRunQueryDates()
    {
        DagRunQuery runs;
        runs.states = {QStringLiteral("success"), QStringLiteral("failed")};
        const QDateTime at(QDate(2026, 3, 4), QTime(5, 6, 7, 250), QTimeZone::utc());
        runs.logicalDateFrom = at;
        runs.logicalDateTo = at;
        runs.endDateFrom = at.addDays(1);
        const ApiRequest request = m_dialect.dagRunsRequest(runs);
        QCOMPARE(request.encodedPath, QStringLiteral("/api/v1/dags/~/dagRuns"));
        int states = 0;
        for (const auto &[name, value] : request.query)
            states += name == QLatin1String("state") ? 1 : 0;
        QCOMPARE(states, 2); // repeated, as the spec's form/explode array
        QCOMPARE(query(request, QStringLiteral("execution_date_gte")),
                 QStringLiteral("2026-03-04T05:06:07.250+00:00"));
        QCOMPARE(query(request, QStringLiteral("execution_date_lte")),
                 QStringLiteral("2026-03-04T05:06:07.250+00:00"));
        QCOMPARE(query(request, QStringLiteral("end_date_gte")),
                 QStringLiteral("2026-03-05T05:06:07.250+00:00"));
        QCOMPARE(query(request, QStringLiteral("end_date_lte")), QStringLiteral("<absent>"));
        QCOMPARE(query(request, QStringLiteral("start_date_gte")), QStringLiteral("<absent>"));
    }

    void clearIncludesFutureAndPast()
    {
        ClearTaskInstancesRequest clear;
        clear.dagId = QStringLiteral("d");
        QJsonObject body = QJsonDocument::fromJson(m_dialect.clearTaskInstancesRequest(clear).body).object();
        QCOMPARE(body.value(QStringLiteral("include_future")), QJsonValue(false));
        QCOMPARE(body.value(QStringLiteral("include_past")), QJsonValue(false));
        clear.includeFuture = true;
        clear.includePast = true;
        body = QJsonDocument::fromJson(m_dialect.clearTaskInstancesRequest(clear).body).object();
        QCOMPARE(body.value(QStringLiteral("include_future")), QJsonValue(true));
        QCOMPARE(body.value(QStringLiteral("include_past")), QJsonValue(true));
    }

    void xcomEntries()
    {
        const Result<Page<XComEntry>> page = m_dialect.decodeXComEntries(
            json("{\"xcom_entries\": [{\"key\": \"return_value\", \"timestamp\": "
                 "\"2026-01-01T10:00:00+00:00\","
                 " \"execution_date\": \"2026-01-01T00:00:00+00:00\", \"map_index\": -1, \"task_id\": \"t\","
                 " \"dag_id\": \"d\", \"extra\": 1}], \"total_entries\": 7}"),
            QStringLiteral("r"));
        QVERIFY2(page.ok(), qPrintable(page.error().message()));
        QCOMPARE(page.value().totalEntries, 7);
        const XComEntry &e = page.value().items.first();
        QCOMPARE(e.key, QStringLiteral("return_value"));
        QCOMPARE(e.dagRunId, QStringLiteral("r"));
        QCOMPARE(e.mapIndex, -1);
        QCOMPARE(e.timestamp, QDateTime(QDate(2026, 1, 1), QTime(10, 0), QTimeZone::utc()));
        QVERIFY(!e.hasValue);
        QVERIFY(e.valueText().isEmpty());

        const Result<Page<XComEntry>> wrong =
            m_dialect.decodeXComEntries(json("{\"xcom_entries\": [{\"key\": 5}]}"), QStringLiteral("r"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind(), ApiError::Kind::UnexpectedShape);
        QVERIFY(wrong.error().message().contains(QStringLiteral("key")));
        QVERIFY(!m_dialect.decodeXComEntries(json("{\"xcom_entries\": {}}"), QString()).ok());
        QVERIFY(!m_dialect.decodeXComEntries(json("[1]"), QString()).ok());
    }

    void xcomValues_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("object") << QByteArray("{\"rows\": 3}") << QStringLiteral("{\n    \"rows\": 3\n}");
        QTest::newRow("list") << QByteArray("[1, \"a\"]") << QStringLiteral("[\n    1,\n    \"a\"\n]");
        QTest::newRow("string") << QByteArray("\"s3://x\"") << QStringLiteral("s3://x");
        QTest::newRow("python repr string") << QByteArray("\"{'rows': 3}\"") << QStringLiteral("{'rows': 3}");
        QTest::newRow("number") << QByteArray("2.5") << QStringLiteral("2.5");
        QTest::newRow("bool") << QByteArray("true") << QStringLiteral("true");
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("null");
    }

    void xcomValues()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, text);
        const QByteArray body =
            QByteArray("{\"key\": \"k\", \"task_id\": \"t\", \"dag_id\": \"d\", \"value\": ") + value +
            QByteArray("}");
        const Result<XComEntry> entry =
            m_dialect.decodeXComEntry(QJsonDocument::fromJson(body), QStringLiteral("r"));
        QVERIFY2(entry.ok(), qPrintable(entry.error().message()));
        QVERIFY(entry.value().hasValue);
        QCOMPARE(entry.value().valueText(), text);
    }

    void xcomEntryWithoutValue()
    {
        // A single entry always has a value: an absent one reads as null, not as "no value".
        const Result<XComEntry> entry = m_dialect.decodeXComEntry(json("{\"key\": \"k\"}"), QString());
        QVERIFY(entry.ok());
        QVERIFY(entry.value().hasValue);
        QCOMPARE(entry.value().valueText(), QStringLiteral("null"));
        QVERIFY(!m_dialect.decodeXComEntry(json("[]"), QString()).ok());
        QVERIFY(!m_dialect.decodeXComEntry(json("{\"timestamp\": \"yesterday\"}"), QString()).ok());
    }

    void dagSource()
    {
        const QByteArray python("from airflow import DAG\n");
        QCOMPARE(m_dialect.decodeDagSource(python, "text/plain; charset=utf-8").value(),
                 QString::fromUtf8(python));
        QCOMPARE(m_dialect.decodeDagSource("{\"content\": \"x = 1\\n\"}", "application/json").value(),
                 QStringLiteral("x = 1\n"));
        const Result<QString> missing = m_dialect.decodeDagSource("{\"source\": \"x\"}", "application/json");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind(), ApiError::Kind::UnexpectedShape);
        QVERIFY(missing.error().message().contains(QStringLiteral("content")));
        QVERIFY(!m_dialect.decodeDagSource("{\"content\": 3}", "application/json").ok());
        QVERIFY(!m_dialect.decodeDagSource("{not json", "application/json").ok());
    }

    void taskInstanceAndTries()
    {
        const Result<TaskInstance> ti = m_dialect.decodeTaskInstance(
            json("{\"task_id\": \"t\", \"dag_id\": \"d\", \"dag_run_id\": \"r\", \"state\": \"up_for_retry\","
                 " \"try_number\": 1, \"max_tries\": 2, \"note\": \"hi\", \"start_date\": null}"));
        QVERIFY2(ti.ok(), qPrintable(ti.error().message()));
        QCOMPARE(ti.value().taskId, QStringLiteral("t"));
        QCOMPARE(ti.value().state, QStringLiteral("up_for_retry"));
        QCOMPARE(ti.value().maxTries, 2);
        QCOMPARE(ti.value().note, QStringLiteral("hi"));
        QVERIFY(!ti.value().startDate.isValid());
        QVERIFY(!m_dialect.decodeTaskInstance(json("[]")).ok());
        QVERIFY(!m_dialect.decodeTaskInstance(json("{\"try_number\": \"one\"}")).ok());

        const Result<Page<TaskInstance>> tries = m_dialect.decodeTaskInstanceTries(json(
            "{\"task_instances_history\": [{\"task_id\": \"t\", \"try_number\": 1, \"state\": \"failed\"},"
            " {\"task_id\": \"t\", \"try_number\": 2, \"state\": \"success\"}], \"total_entries\": 2}"));
        QVERIFY2(tries.ok(), qPrintable(tries.error().message()));
        QCOMPARE(tries.value().totalEntries, 2);
        QCOMPARE(tries.value().items.at(1).tryNumber, 2);
        const Result<Page<TaskInstance>> wrongKey =
            m_dialect.decodeTaskInstanceTries(json("{\"task_instances\": [], \"total_entries\": 0}"));
        QVERIFY(!wrongKey.ok());
        QVERIFY(wrongKey.error().message().contains(QStringLiteral("task_instances_history")));
    }

    void tasks()
    {
        const Result<QList<Task>> tasks = m_dialect.decodeTasks(json(
            "{\"tasks\": [{\"task_id\": \"extract\", \"class_ref\": {\"class_name\": \"PythonOperator\","
            " \"module_path\": \"airflow.operators.python\"}, \"owner\": \"data\", \"retries\": 2.0,"
            " \"downstream_task_ids\": [\"load\"], \"trigger_rule\": \"all_success\", \"doc_md\": null,"
            " \"retry_delay\": {\"__type\": \"TimeDelta\", \"days\": 0, \"seconds\": 300}},"
            " {\"task_id\": \"load\", \"task_display_name\": \"Load it\", \"downstream_task_ids\": []}]}"));
        QVERIFY2(tasks.ok(), qPrintable(tasks.error().message()));
        QCOMPARE(tasks.value().size(), 2);
        const Task &extract = tasks.value().at(0);
        QCOMPARE(extract.operatorName, QStringLiteral("PythonOperator"));
        QCOMPARE(extract.displayName, QStringLiteral("extract"));
        QCOMPARE(extract.retries, 2);
        QCOMPARE(extract.downstreamTaskIds, QStringList{QStringLiteral("load")});
        QCOMPARE(tasks.value().at(1).displayName, QStringLiteral("Load it"));
        QVERIFY(!m_dialect.decodeTasks(json("{\"tasks\": [{\"task_id\": \"\"}]}")).ok());
        QVERIFY(!m_dialect
                     .decodeTasks(json("{\"tasks\": [{\"task_id\": \"a\", \"downstream_task_ids\": \"b\"}]}"))
                     .ok());
        QVERIFY(
            !m_dialect
                 .decodeTasks(json("{\"tasks\": [{\"task_id\": \"a\", \"class_ref\": {\"class_name\": 1}}]}"))
                 .ok());
        QVERIFY(!m_dialect.decodeTasks(json("{\"total_entries\": 0}")).ok());
    }

    void xcomEntryOnServerBefore210()
    {
        // Airflow before 2.10 has no stringify: connexion rejects it, and the client asks again without it.
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &request) {
            if (request.target.contains("stringify"))
                return RawHttpServer::Answer{RawHttpServer::response(
                    400, "application/problem+json",
                    "{\"detail\": \"Extra query parameter(s) stringify not in spec\", \"status\": 400,"
                    " \"title\": \"Bad Request\", \"type\": \"about:blank\"}")};
            return RawHttpServer::Answer{RawHttpServer::json(
                200, "{\"key\": \"return_value\", \"dag_id\": \"d\", \"task_id\": \"t\", \"map_index\": -1,"
                     " \"value\": \"{'rows': 3}\"}")};
        });
        const auto api = client(server);
        const auto entry = awaitResult<XComEntry>([&](auto done) {
            api->xcomEntry(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"),
                           QStringLiteral("return_value"), this, done);
        });
        QVERIFY2(entry->ok(), qPrintable(entry->error().message()));
        QCOMPARE(entry->value().valueText(), QStringLiteral("{'rows': 3}"));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(!server.requests().at(1).target.contains("stringify"));

        // Any other 400 is an error, not a reason to ask again.
        server.setAnswer(
            RawHttpServer::response(400, "application/problem+json",
                                    "{\"detail\": \"XCom deserialization is disabled\", \"status\": 400,"
                                    " \"title\": \"Bad Request\", \"type\": \"about:blank\"}"));
        const auto refused = awaitResult<XComEntry>([&](auto done) {
            api->xcomEntry(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"),
                           QStringLiteral("return_value"), this, done);
        });
        QVERIFY(!refused->ok());
        QCOMPARE(refused->error().httpStatus(), 400);
        QCOMPARE(server.requests().size(), 3);
    }

    void dagSourceOverHttp()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::json(200, "{\"content\": \"from airflow import DAG\\n\"}"));
        const auto api = client(server);
        const auto json =
            awaitResult<QString>([&](auto done) { api->dagSource(QStringLiteral("tok"), this, done); });
        QVERIFY2(json->ok(), qPrintable(json->error().message()));
        QCOMPARE(json->value(), QStringLiteral("from airflow import DAG\n"));
        QCOMPARE(server.requests().at(0).header("Accept"), QByteArrayLiteral("text/plain"));

        server.setAnswer(RawHttpServer::response(200, "text/html", "<html><body>Sign in</body></html>"));
        const auto html =
            awaitResult<QString>([&](auto done) { api->dagSource(QStringLiteral("tok"), this, done); });
        QVERIFY(!html->ok());
        QCOMPARE(html->error().kind(), ApiError::Kind::NotJson);
    }

    void importError()
    {
        const Result<ImportError> error = m_dialect.decodeImportError(
            json("{\"import_error_id\": 3, \"filename\": \"/dags/x.py\", \"stack_trace\": \"Traceback\","
                 " \"timestamp\": \"2026-01-01T00:00:00+00:00\"}"));
        QVERIFY2(error.ok(), qPrintable(error.error().message()));
        QCOMPARE(error.value().id, 3);
        QCOMPARE(error.value().filename, QStringLiteral("/dags/x.py"));
        QVERIFY(!m_dialect.decodeImportError(json("{\"import_error_id\": \"3\"}")).ok());
        QVERIFY(!m_dialect.decodeImportError(json("null")).ok());
    }
};

QTEST_GUILESS_MAIN(TestApiTasksDecoding)
#include "tst_api_tasks_decoding.moc"
