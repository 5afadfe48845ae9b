#include "api/clientrequest.h"
#include "api/dialectv1.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Windsock::Api;

// What DialectV1 puts on the wire: paths, query strings and bodies.
class TestApiRequests final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject body(const ApiRequest &request)
    {
        return QJsonDocument::fromJson(request.body).object();
    }
    static QString url(const ApiRequest &request)
    {
        return ClientRequest::url(QUrl(QStringLiteral("http://localhost:8080")),
                                  request.encodedPathAndQuery())
            .toString(QUrl::FullyEncoded);
    }

    DialectV1 m_dialect;

private Q_SLOTS:
    void dags_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default") << 0
                                 << QStringLiteral("http://localhost:8080/api/v1/dags?limit=100&offset=0");
        QTest::newRow("everything") << 1
                                    << QStringLiteral(
                                           "http://localhost:8080/api/v1/"
                                           "dags?limit=50&offset=100&order_by=-dag_id&tags=etl&tags=a%2Bb"
                                           "&dag_id_pattern=sales%20report&paused=true&only_active=false");
    }
    void dags()
    {
        QFETCH(int, row);
        DagQuery query;
        if (row == 1) {
            query.limit = 50;
            query.offset = 100;
            query.orderBy = QStringLiteral("-dag_id");
            query.tags = {QStringLiteral("etl"), QStringLiteral("a+b")};
            query.dagIdPattern = QStringLiteral("sales report");
            query.paused = true;
            query.onlyActive = false;
        }
        const ApiRequest request = m_dialect.dagsRequest(query);
        QCOMPARE(request.method, QByteArrayLiteral("GET"));
        QTEST(url(request), "expected");
    }

    void runIdsArePercentEncoded()
    {
        const QString runId = QStringLiteral("manual__2026-11-22T10:00:00+00:00");
        QCOMPARE(url(m_dialect.dagRunRequest(QStringLiteral("my_dag"), runId)),
                 QStringLiteral("http://localhost:8080/api/v1/dags/my_dag/dagRuns/"
                                "manual__2026-11-22T10%3A00%3A00%2B00%3A00"));
        QCOMPARE(
            url(m_dialect.taskLogRequest(QStringLiteral("my_dag"), runId, QStringLiteral("extract"), 2)),
            QStringLiteral(
                "http://localhost:8080/api/v1/dags/my_dag/dagRuns/"
                "manual__2026-11-22T10%3A00%3A00%2B00%3A00/taskInstances/extract/logs/2?full_content=true"));
        QCOMPARE(m_dialect.taskLogRequest(QStringLiteral("d"), runId, QStringLiteral("t"), 1).accept,
                 QByteArrayLiteral("text/plain"));
        QCOMPARE(url(m_dialect.dagRequest(QStringLiteral("a/b c"))),
                 QStringLiteral("http://localhost:8080/api/v1/dags/a%2Fb%20c"));
        const ApiRequest deletion = m_dialect.deleteDagRunRequest(QStringLiteral("d"), runId);
        QCOMPARE(deletion.method, QByteArrayLiteral("DELETE"));
        QVERIFY(deletion.body.isEmpty());
    }

    void baseUrlWithPrefix()
    {
        const QUrl base(QStringLiteral("https://deployments.example.com/my-release/airflow/"));
        QCOMPARE(ClientRequest::url(base, m_dialect.versionRequest().encodedPathAndQuery()).toString(),
                 QStringLiteral("https://deployments.example.com/my-release/airflow/api/v1/version"));
    }

    void dagRuns()
    {
        DagRunQuery query;
        query.orderBy = QStringLiteral("-execution_date");
        query.states = {QStringLiteral("running"), QStringLiteral("queued")};
        QCOMPARE(url(m_dialect.dagRunsRequest(query)),
                 QStringLiteral("http://localhost:8080/api/v1/dags/~/dagRuns?limit=100&offset=0"
                                "&order_by=-execution_date&state=running&state=queued"));
    }

    void trigger_data()
    {
        QTest::addColumn<QString>("runId");
        QTest::addColumn<QDateTime>("logicalDate");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("minimal") << QString() << QDateTime() << QString() << QByteArray("{\"conf\":{}}");
        QTest::newRow("full") << QStringLiteral("manual__2026-11-22T10:00:00+00:00")
                              << QDateTime(QDate(2026, 11, 22), QTime(11, 0), QTimeZone(3600))
                              << QStringLiteral("hi")
                              << QByteArray(
                                     "{\"conf\":{\"days\":7},\"dag_run_id\":\"manual__2026-11-22T10:00:00+00:"
                                     "00\",\"logical_date\":\"2026-11-22T10:00:00+00:00\",\"note\":\"hi\"}");
        QTest::newRow("milliseconds")
            << QStringLiteral("r") << QDateTime(QDate(2026, 11, 22), QTime(10, 0, 0, 250), QTimeZone::utc())
            << QString()
            << QByteArray("{\"conf\":{\"days\":7},\"dag_run_id\":\"r\",\"logical_date\":\"2026-11-22T10:00:"
                          "00.250+00:00\"}");
    }
    void trigger()
    {
        QFETCH(QString, runId);
        QFETCH(QDateTime, logicalDate);
        QFETCH(QString, note);
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("report");
        trigger.dagRunId = runId;
        trigger.logicalDate = logicalDate;
        trigger.note = note;
        if (!runId.isEmpty())
            trigger.conf.insert(QStringLiteral("days"), 7);
        const ApiRequest request = m_dialect.triggerDagRunRequest(trigger);
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QCOMPARE(url(request), QStringLiteral("http://localhost:8080/api/v1/dags/report/dagRuns"));
        QTEST(request.body, "expected");
        // Never a read-only field.
        for (const char *readOnly :
             {"state", "dag_id", "run_type", "external_trigger", "execution_date", "start_date"})
            QVERIFY(!body(request).contains(QLatin1String(readOnly)));
    }

    void pause()
    {
        const ApiRequest one = m_dialect.patchDagRequest(QStringLiteral("report"), true);
        QCOMPARE(one.method, QByteArrayLiteral("PATCH"));
        QCOMPARE(url(one), QStringLiteral("http://localhost:8080/api/v1/dags/report?update_mask=is_paused"));
        QCOMPARE(one.body, QByteArrayLiteral("{\"is_paused\":true}"));

        const ApiRequest bulk = m_dialect.patchDagsRequest(QString(), false, 100, 200);
        QCOMPARE(url(bulk),
                 QStringLiteral("http://localhost:8080/api/v1/dags?limit=100&offset=200&dag_id_pattern=~"
                                "&update_mask=is_paused"));
        QCOMPARE(bulk.body, QByteArrayLiteral("{\"is_paused\":false}"));
        QCOMPARE(
            QUrlQuery(
                ClientRequest::url(
                    QUrl(QStringLiteral("http://h")),
                    m_dialect.patchDagsRequest(QStringLiteral("sales"), true, 100, 0).encodedPathAndQuery()))
                .queryItemValue(QStringLiteral("dag_id_pattern")),
            QStringLiteral("sales"));
    }

    void collections()
    {
        TaskInstanceQuery tis;
        tis.dagId = QStringLiteral("d");
        tis.dagRunId = QStringLiteral("r+1");
        QCOMPARE(url(m_dialect.taskInstancesRequest(tis)),
                 QStringLiteral(
                     "http://localhost:8080/api/v1/dags/d/dagRuns/r%2B1/taskInstances?limit=100&offset=0"));
        QCOMPARE(url(m_dialect.poolsRequest(10, 20)),
                 QStringLiteral("http://localhost:8080/api/v1/pools?limit=10&offset=20"));
        QCOMPARE(url(m_dialect.importErrorsRequest(100, 0)),
                 QStringLiteral("http://localhost:8080/api/v1/importErrors?limit=100&offset=0"));
        QCOMPARE(url(m_dialect.healthRequest()), QStringLiteral("http://localhost:8080/api/v1/health"));
        QCOMPARE(url(m_dialect.dagDetailsRequest(QStringLiteral("d"))),
                 QStringLiteral("http://localhost:8080/api/v1/dags/d/details"));
        QCOMPARE(m_dialect.maxPageSize(), 100);
    }
};

QTEST_GUILESS_MAIN(TestApiRequests)
#include "tst_api_requests.moc"
