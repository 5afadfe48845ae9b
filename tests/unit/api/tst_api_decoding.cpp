#include "api/dialectv1.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Windsock::Api;

class TestApiDecoding final : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const QString &name)
    {
        QFile file(QStringLiteral(WINDSOCK_TEST_DATA_DIR "/api/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture");
        return file.readAll();
    }
    static QJsonDocument json(const QByteArray &text) { return QJsonDocument::fromJson(text); }
    static QDateTime utc(const QString &iso) { return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC(); }

    DialectV1 m_dialect;

private Q_SLOTS:
    void dags()
    {
        const Result<Page<Dag>> result = m_dialect.decodeDags(json(fixture(QStringLiteral("dags.json"))));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const Page<Dag> &page = result.value();
        QCOMPARE(page.totalEntries, 250);
        QCOMPARE(page.items.size(), 6);

        const Dag &cron = page.items.at(0);
        QCOMPARE(cron.dagId, QStringLiteral("example_cron"));
        QCOMPARE(cron.displayName, QStringLiteral("Example (cron)"));
        QCOMPARE(cron.isPaused, false);
        QCOMPARE(cron.owners, (QStringList{QStringLiteral("airflow"), QStringLiteral("data-team")}));
        QCOMPARE(cron.tags, (QStringList{QStringLiteral("example"), QStringLiteral("nightly")}));
        QCOMPARE(cron.schedule, QStringLiteral("0 0 * * *"));
        QCOMPARE(cron.nextDagrun, QDateTime(QDate(2026, 11, 23), QTime(0, 0), QTimeZone::utc()));
        QCOMPARE(cron.nextDagrun.timeSpec(), Qt::UTC);
        QCOMPARE(cron.maxActiveRuns, 16);
        QCOMPARE(cron.fileToken, QStringLiteral("Ii9vcHQvYWlyZmxvdy9kYWdzL2V4YW1wbGVfY3Jvbi5weSI.abc"));

        const Dag &delta = page.items.at(1);
        QCOMPARE(delta.displayName, QStringLiteral("example_timedelta")); // falls back to dag_id
        QCOMPARE(delta.isPaused, true);
        QCOMPARE(delta.schedule, QStringLiteral("every 1 day, 2:00:00"));
        QCOMPARE(delta.nextDagrun, QDateTime(QDate(2026, 11, 22), QTime(10, 30, 0, 123), QTimeZone::utc()));

        const Dag &none = page.items.at(2);
        QCOMPARE(none.isPaused, false);
        QCOMPARE(none.isActive, true);
        QVERIFY(none.tags.isEmpty());
        QCOMPARE(none.schedule, QStringLiteral("None"));
        QVERIFY(!none.nextDagrun.isValid());

        QCOMPARE(page.items.at(3).schedule, QStringLiteral("Dataset"));
        QCOMPARE(page.items.at(3).timetableDescription, QStringLiteral("Triggered by datasets"));
        QCOMPARE(page.items.at(4).schedule, QStringLiteral("every 1 month"));
        QCOMPARE(page.items.at(5).schedule, QStringLiteral("@daily"));
    }

    void scheduleText_data()
    {
        QTest::addColumn<QByteArray>("schedule");
        QTest::addColumn<QString>("timetable");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cron") << QByteArray("{\"__type\":\"CronExpression\",\"value\":\"*/5 * * * *\"}")
                              << QString() << QStringLiteral("*/5 * * * *");
        QTest::newRow("30 minutes")
            << QByteArray("{\"__type\":\"TimeDelta\",\"days\":0,\"seconds\":1800,\"microseconds\":0}")
            << QString() << QStringLiteral("every 0:30:00");
        QTest::newRow("2 days")
            << QByteArray("{\"__type\":\"TimeDelta\",\"days\":2,\"seconds\":0,\"microseconds\":0}")
            << QString() << QStringLiteral("every 2 days, 0:00:00");
        QTest::newRow("null") << QByteArray("null") << QString() << QStringLiteral("None");
        QTest::newRow("null with timetable")
            << QByteArray("null") << QStringLiteral("Never, external triggers only")
            << QStringLiteral("None");
        QTest::newRow("dataset triggered")
            << QByteArray("null") << QStringLiteral("Triggered by datasets") << QStringLiteral("Dataset");
        QTest::newRow("unknown type") << QByteArray("{\"__type\":\"Custom\"}")
                                      << QStringLiteral("Every workday") << QStringLiteral("Every workday");
    }
    void scheduleText()
    {
        QFETCH(QByteArray, schedule);
        QFETCH(QString, timetable);
        QFETCH(QString, expected);
        const QJsonValue value = QJsonDocument::fromJson("[" + schedule + "]").array().at(0);
        QCOMPARE(DialectV1::scheduleText(value, timetable), expected);
    }

    void dagDetailsKeepsParamOrder()
    {
        const QByteArray raw = fixture(QStringLiteral("dag_details.json"));
        const Result<DagDetails> result = m_dialect.decodeDagDetails(json(raw), raw);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const DagDetails &details = result.value();
        QCOMPARE(details.dag.dagId, QStringLiteral("analyst_report"));
        QCOMPARE(details.dag.schedule, QStringLiteral("None"));
        QCOMPARE(details.dag.timetableDescription, QStringLiteral("Never, external triggers only"));
        QCOMPARE(details.catchup, false);
        QCOMPARE(details.timezone, QStringLiteral("Timezone('UTC')"));
        QCOMPARE(details.startDate, QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
        QVERIFY(details.docMd.startsWith(QStringLiteral("# Report")));
        QStringList names;
        for (const DagParam &param : details.params)
            names.append(param.name);
        QCOMPARE(names,
                 (QStringList{QStringLiteral("region"), QStringLiteral("days"), QStringLiteral("notify"),
                              QStringLiteral("comment"), QStringLiteral("bare")}));
        QCOMPARE(details.params.at(0).value.toString(), QStringLiteral("emea"));
        QCOMPARE(details.params.at(0).description, QStringLiteral("Sales region"));
        QCOMPARE(details.params.at(0).schema.value(QStringLiteral("type")).toString(),
                 QStringLiteral("string"));
        QCOMPARE(details.params.at(1).value.toInt(), 7);
        QVERIFY(details.params.at(1).description.isEmpty());
        QCOMPARE(details.params.at(2).value.toBool(), true);
        QVERIFY(details.params.at(3).value.isNull());
        QCOMPARE(details.params.at(4).value.toInt(), 42); // a bare value from an older server
        QVERIFY(details.params.at(4).schema.isEmpty());
    }

    void dagRuns()
    {
        const Result<Page<DagRun>> result =
            m_dialect.decodeDagRuns(json(fixture(QStringLiteral("dag_runs.json"))));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const DagRun &run = result.value().items.at(0);
        QCOMPARE(run.dagRunId, QStringLiteral("manual__2026-11-22T10:00:00+00:00"));
        QCOMPARE(run.logicalDate, utc(QStringLiteral("2026-11-22T10:00:00Z")));
        QCOMPARE(run.startDate, QDateTime(QDate(2026, 11, 22), QTime(10, 0, 1, 500), QTimeZone::utc()));
        QVERIFY(!run.endDate.isValid());
        QCOMPARE(run.state, QStringLiteral("running"));
        QCOMPARE(run.runType, QStringLiteral("manual"));
        QCOMPARE(run.externalTrigger, true);
        QCOMPARE(run.conf.value(QStringLiteral("days")).toInt(), 7);
        QVERIFY(run.note.isEmpty());
        const DagRun &old = result.value().items.at(1);
        QCOMPARE(old.logicalDate,
                 utc(QStringLiteral("2026-11-21T00:00:00Z"))); // execution_date, +01:00 to UTC
        QCOMPARE(old.note, QStringLiteral("checked by hand"));
    }

    void taskInstances()
    {
        const Result<Page<TaskInstance>> result =
            m_dialect.decodeTaskInstances(json(fixture(QStringLiteral("task_instances.json"))));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const TaskInstance &extract = result.value().items.at(0);
        QCOMPARE(extract.taskId, QStringLiteral("extract"));
        QCOMPARE(extract.state, QStringLiteral("success"));
        QCOMPARE(extract.duration, 10.25);
        QCOMPARE(extract.tryNumber, 1);
        QCOMPARE(extract.maxTries, 2);
        QCOMPARE(extract.mapIndex, -1);
        QCOMPARE(extract.operatorName, QStringLiteral("PythonOperator"));
        QCOMPARE(extract.hostname, QStringLiteral("worker-1"));
        const TaskInstance &load = result.value().items.at(1);
        QVERIFY(load.state.isEmpty());
        QCOMPARE(load.mapIndex, 3);
        QCOMPARE(load.duration, 0.0);
    }

    void poolsImportErrorsHealthVersion()
    {
        const Result<Page<Pool>> pools = m_dialect.decodePools(json(fixture(QStringLiteral("pools.json"))));
        QVERIFY2(pools.ok(), qPrintable(pools.error().message()));
        QCOMPARE(pools.value().items.at(0).openSlots, 125);
        QCOMPARE(pools.value().items.at(1).slots, -1);

        const Result<Page<ImportError>> errors =
            m_dialect.decodeImportErrors(json(fixture(QStringLiteral("import_errors.json"))));
        QVERIFY2(errors.ok(), qPrintable(errors.error().message()));
        QCOMPARE(errors.value().items.at(0).id, 7);
        QVERIFY(errors.value().items.at(0).stackTrace.contains(QStringLiteral("SyntaxError")));

        const Result<Health> health = m_dialect.decodeHealth(json(fixture(QStringLiteral("health.json"))));
        QVERIFY2(health.ok(), qPrintable(health.error().message()));
        QVERIFY(health.value().isHealthy());
        QVERIFY(health.value().scheduler.latestHeartbeat.isValid());
        QVERIFY(health.value().triggerer.present);
        QVERIFY(health.value().triggerer.status.isEmpty());

        const Result<Version> version =
            m_dialect.decodeVersion(json(fixture(QStringLiteral("version.json"))));
        QVERIFY2(version.ok(), qPrintable(version.error().message()));
        QCOMPARE(version.value().major(), 2);
        QCOMPARE(version.value().minor(), 10);
        QCOMPARE(version.value().patch(), 5);
    }

    void version_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::addColumn<int>("patch");
        QTest::addColumn<bool>("atLeast2_5");
        QTest::newRow("2.10.5") << QStringLiteral("2.10.5") << 2 << 10 << 5 << true;
        QTest::newRow("2.4.3") << QStringLiteral("2.4.3") << 2 << 4 << 3 << false;
        QTest::newRow("3.0.0rc1") << QStringLiteral("3.0.0rc1") << 3 << 0 << 0 << true;
        QTest::newRow("2.9.0.dev0+astro.1") << QStringLiteral("2.9.0.dev0+astro.1") << 2 << 9 << 0 << true;
        QTest::newRow("2.5") << QStringLiteral("2.5") << 2 << 5 << 0 << true;
        QTest::newRow("garbage") << QStringLiteral("unknown") << 0 << 0 << 0 << false;
    }
    void version()
    {
        QFETCH(QString, text);
        Version v;
        v.version = text;
        QTEST(v.major(), "major");
        QTEST(v.minor(), "minor");
        QTEST(v.patch(), "patch");
        QTEST(v.isAtLeast(2, 5), "atLeast2_5");
    }

    void health_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("healthy");
        QTest::newRow("all healthy")
            << QByteArray(
                   "{\"metadatabase\":{\"status\":\"healthy\"},\"scheduler\":{\"status\":\"healthy\"}}")
            << true;
        QTest::newRow("scheduler down")
            << QByteArray("{\"metadatabase\":{\"status\":\"healthy\"},\"scheduler\":{\"status\":"
                          "\"unhealthy\",\"latest_scheduler_heartbeat\":\"2026-11-22T09:00:00+00:00\"}}")
            << false;
        QTest::newRow("v3 dag_processor null")
            << QByteArray("{\"metadatabase\":{\"status\":\"healthy\"},\"dag_processor\":null}") << true;
        QTest::newRow("empty") << QByteArray("{}") << true;
    }
    void health()
    {
        QFETCH(QByteArray, body);
        const Result<Health> result = m_dialect.decodeHealth(json(body));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QTEST(result.value().isHealthy(), "healthy");
    }

    // A field of the wrong type is an UnexpectedShape error naming the field, never a crash or a silent
    // default.
    void wrongShapes_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("is_paused text")
            << QStringLiteral("dags")
            << QByteArray("{\"dags\":[{\"dag_id\":\"a\",\"is_paused\":\"yes\"}],\"total_entries\":1}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"is_paused\" of dags[0] "
                   "should be true or false, but it is a text (\"yes\").");
        QTest::newRow("dags not an array")
            << QStringLiteral("dags") << QByteArray("{\"dags\":{\"dag_id\":\"a\"},\"total_entries\":1}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"dags\" of the answer "
                   "should be a list of DAGs, but it is an object.");
        QTest::newRow("dags missing")
            << QStringLiteral("dags") << QByteArray("{\"total_entries\":1}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"dags\" of the answer "
                   "should be a list of DAGs, but it is missing.");
        QTest::newRow("root is a list")
            << QStringLiteral("dags") << QByteArray("[1,2]")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the answer should be an object, "
                   "but it is a list.");
        QTest::newRow("item not an object")
            << QStringLiteral("dags") << QByteArray("{\"dags\":[{\"dag_id\":\"a\"},5],\"total_entries\":2}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: dags[1] should be an object, but "
                   "it is a number (5).");
        QTest::newRow("owners with a number")
            << QStringLiteral("dags") << QByteArray("{\"dags\":[{\"dag_id\":\"a\",\"owners\":[\"x\",3]}]}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"owners\" of dags[0] "
                   "should be a list of texts, but item 1 is a number (3).");
        QTest::newRow("total_entries text")
            << QStringLiteral("dags") << QByteArray("{\"dags\":[],\"total_entries\":\"many\"}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"total_entries\" of the "
                   "answer should be a whole number, but it is a text (\"many\").");
        QTest::newRow("bad date")
            << QStringLiteral("dagRun") << QByteArray("{\"dag_run_id\":\"r\",\"start_date\":\"yesterday\"}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"start_date\" of the DAG "
                   "run should be an ISO 8601 date and time, but it is a text (\"yesterday\").");
        QTest::newRow("conf a list")
            << QStringLiteral("dagRun") << QByteArray("{\"dag_run_id\":\"r\",\"conf\":[1]}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"conf\" of the DAG run "
                   "should be an object, but it is a list.");
        QTest::newRow("try_number fraction")
            << QStringLiteral("taskInstances")
            << QByteArray("{\"task_instances\":[{\"task_id\":\"t\",\"try_number\":1.5}]}")
            << QStringLiteral("The server's answer does not look like Airflow's: the field \"try_number\" of "
                              "task_instances[0] should be a whole number, but it is a number (1.5).");
        QTest::newRow("version missing")
            << QStringLiteral("version") << QByteArray("{\"git_version\":\"x\"}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"version\" of the version "
                   "should be a version number, but it is missing.");
        QTest::newRow("health scheduler text")
            << QStringLiteral("health") << QByteArray("{\"scheduler\":\"fine\"}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: \"scheduler\" should be an object, "
                   "but it is a text (\"fine\").");
        QTest::newRow("dag without id")
            << QStringLiteral("dag") << QByteArray("{\"is_paused\":false}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"dag_id\" of the DAG "
                   "should be a DAG id, but it is missing.");
        QTest::newRow("tags of numbers")
            << QStringLiteral("dag") << QByteArray("{\"dag_id\":\"a\",\"tags\":[7]}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"tags\" of the DAG should "
                   "be a list of tags ({\"name\": ...}), but item 0 is a number (7).");
        QTest::newRow("params a list")
            << QStringLiteral("details") << QByteArray("{\"dag_id\":\"a\",\"params\":[1]}")
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"params\" of the DAG "
                   "details should be an object, but it is a list.");
    }
    void wrongShapes()
    {
        QFETCH(QString, what);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const QJsonDocument doc = json(body);
        ApiError error;
        if (what == QLatin1String("dags"))
            error = m_dialect.decodeDags(doc).error();
        else if (what == QLatin1String("dag"))
            error = m_dialect.decodeDag(doc).error();
        else if (what == QLatin1String("dagRun"))
            error = m_dialect.decodeDagRun(doc).error();
        else if (what == QLatin1String("taskInstances"))
            error = m_dialect.decodeTaskInstances(doc).error();
        else if (what == QLatin1String("version"))
            error = m_dialect.decodeVersion(doc).error();
        else if (what == QLatin1String("health"))
            error = m_dialect.decodeHealth(doc).error();
        else if (what == QLatin1String("details"))
            error = m_dialect.decodeDagDetails(doc, body).error();
        QCOMPARE(error.kind(), ApiError::Kind::UnexpectedShape);
        QCOMPARE(error.message(), message);
    }

    void errorDetail_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("problem+json") << QByteArray("{\"detail\":\"DAG with dag_id: 'x' not "
                                                    "found\",\"status\":404,\"title\":\"DAG not found\"}")
                                      << QStringLiteral("DAG with dag_id: 'x' not found");
        QTest::newRow("title only")
            << QByteArray("{\"status\":401,\"title\":\"Unauthorized\",\"type\":\"about:blank\"}")
            << QStringLiteral("Unauthorized");
        QTest::newRow("airflow 3 on v1")
            << QByteArray("{\"error\":\"/api/v1 has been removed in Airflow 3\"}")
            << QStringLiteral("/api/v1 has been removed in Airflow 3");
        QTest::newRow("not json") << QByteArray("Unauthorized") << QString();
    }
    void errorDetail()
    {
        QFETCH(QByteArray, body);
        QTEST(m_dialect.errorDetail(body), "detail");
    }
};

QTEST_GUILESS_MAIN(TestApiDecoding)
#include "tst_api_decoding.moc"
