// The sandbox's Airflow 1.10 mode (--api experimental) over loopback: every /api/experimental endpoint and
// its shapes, the three auth backends, the error bodies, a triggered run moving with the manual clock, pools,
// and that /api/v1 and /api/v2 do not exist there.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Windsock::Sandbox;

namespace {

// An answer with the headers these tests look at.
struct Reply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QByteArray wwwAuthenticate;
    QByteArray allow;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QString error() const { return json().value(QStringLiteral("error")).toString(); }
};

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

class TestSandboxExperimental final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void basicAuth_data();
    void basicAuth();
    void denyAll();
    void defaultBackendIsOpen();
    void otherApisAreGone_data();
    void otherApisAreGone();
    void methodNotAllowed();
    void dagRunsList();
    void dagRunState_data();
    void dagRunState();
    void dagRunStateErrors();
    void taskInstanceInfo();
    void taskInfo();
    void code();
    void pausedToggle();
    void latestRuns();
    void trigger();
    void triggerErrors();
    void triggerConfAsJsonString();
    void triggeredRunProgresses();
    void pools();
    void poolErrors();
    void faultsApply();

private:
    // method on /api/experimental/<path> (already percent-encoded) of the basic-auth server.
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = QByteArray(),
               const QByteArray &credentials = QByteArrayLiteral("admin:admin"));
    Reply callOn(SandboxServer *server, const QByteArray &method, const QString &absolutePath,
                 const QByteArray &body, const QByteArray &credentials);
    QString dagId(int i) const { return m_server->state().dag(m_server->state().dagIdOrder().at(i)).dagId; }
    QString firstTask(const QString &dagId) const
    {
        const SandboxState &state = m_server->state();
        return state.dag(state.dagIndex(dagId)).tasks.first().taskId;
    }

    std::unique_ptr<SandboxServer> m_server;     // experimentalAuth basic
    std::unique_ptr<SandboxServer> m_denyAll;    // deny_all
    std::unique_ptr<SandboxServer> m_openServer; // default
    QNetworkAccessManager m_nam;
};

void TestSandboxExperimental::initTestCase()
{
    SandboxOptions options;
    options.api = ApiVersion::Experimental;
    options.clock = ClockKind::Manual;
    options.dagCount = 8;
    options.runsPerDag = 6;
    options.users.append({QStringLiteral("viewer"), QStringLiteral("s3cret")});
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    options.experimentalAuth = ExperimentalAuth::DenyAll;
    m_denyAll = std::make_unique<SandboxServer>(options);
    QVERIFY(m_denyAll->listen());
    options.experimentalAuth = ExperimentalAuth::Default;
    m_openServer = std::make_unique<SandboxServer>(options);
    QVERIFY(m_openServer->listen());
}

Reply TestSandboxExperimental::callOn(SandboxServer *server, const QByteArray &method,
                                      const QString &absolutePath, const QByteArray &body,
                                      const QByteArray &credentials)
{
    QNetworkRequest request(
        QUrl::fromEncoded((server->baseUrl().toString(QUrl::FullyEncoded) + absolutePath).toUtf8()));
    if (!credentials.isEmpty())
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Reply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    answer.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    answer.allow = reply->rawHeader("Allow");
    answer.body = reply->readAll();
    reply->deleteLater();
    return answer;
}

Reply TestSandboxExperimental::call(const QByteArray &method, const QString &path, const QByteArray &body,
                                    const QByteArray &credentials)
{
    return callOn(m_server.get(), method, QStringLiteral("/api/experimental/") + path, body, credentials);
}

void TestSandboxExperimental::basicAuth_data()
{
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("wrong password") << QByteArray("admin:nope") << 401;
    QTest::newRow("unknown user") << QByteArray("nobody:admin") << 401;
    QTest::newRow("admin") << QByteArray("admin:admin") << 200;
    QTest::newRow("second user") << QByteArray("viewer:s3cret") << 200;
}

void TestSandboxExperimental::basicAuth()
{
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    for (const QString &path :
         {QStringLiteral("test"), QStringLiteral("pools"), QStringLiteral("latest_runs")}) {
        const Reply reply = call("GET", path, {}, credentials);
        QCOMPARE(reply.status, status);
        if (status == 401) {
            QCOMPARE(reply.wwwAuthenticate, QByteArrayLiteral("Basic"));
            QCOMPARE(reply.body, QByteArrayLiteral("Unauthorized"));
            QCOMPARE(reply.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
        }
    }
    if (status == 200)
        QCOMPARE(call("GET", QStringLiteral("test"), {}, credentials).json(),
                 QJsonObject({{QStringLiteral("status"), QStringLiteral("OK")}}));
}

void TestSandboxExperimental::denyAll()
{
    for (const QString &path :
         QStringList{QStringLiteral("test"), QStringLiteral("pools"),
                     QString(QStringLiteral("dags/") + dagId(0) + QStringLiteral("/paused"))}) {
        const Reply reply = callOn(m_denyAll.get(), "GET", QStringLiteral("/api/experimental/") + path, {},
                                   QByteArrayLiteral("admin:admin"));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.body, QByteArrayLiteral("Forbidden"));
        QVERIFY(reply.wwwAuthenticate.isEmpty());
    }
    // Nothing changes: a trigger is refused before it is read.
    const int before = int(m_denyAll->state().runs(m_denyAll->state().dagIndex(dagId(0))).size());
    QCOMPARE(callOn(m_denyAll.get(), "POST",
                    QStringLiteral("/api/experimental/dags/") + dagId(0) + QStringLiteral("/dag_runs"), "{}",
                    {})
                 .status,
             403);
    QCOMPARE(int(m_denyAll->state().runs(m_denyAll->state().dagIndex(dagId(0))).size()), before);
    // Routing comes first: an unknown path is a 404 there too.
    QCOMPARE(callOn(m_denyAll.get(), "GET", QStringLiteral("/api/experimental/nothing"), {}, {}).status, 404);
}

void TestSandboxExperimental::defaultBackendIsOpen()
{
    const Reply test = callOn(m_openServer.get(), "GET", QStringLiteral("/api/experimental/test"), {}, {});
    QCOMPARE(test.status, 200);
    QCOMPARE(test.json().value(QStringLiteral("status")).toString(), QStringLiteral("OK"));
    const Reply pools = callOn(m_openServer.get(), "GET", QStringLiteral("/api/experimental/pools"), {}, {});
    QCOMPARE(pools.status, 200);
    QVERIFY(!pools.array().isEmpty());
    // Credentials, even wrong ones, are not looked at.
    QCOMPARE(callOn(m_openServer.get(), "GET", QStringLiteral("/api/experimental/test"), {}, "x:y").status,
             200);
}

void TestSandboxExperimental::otherApisAreGone_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("v1 version") << "/api/v1/version";
    QTest::newRow("v1 dags") << "/api/v1/dags";
    QTest::newRow("v2 version") << "/api/v2/version";
    QTest::newRow("experimental info") << "/api/experimental/info";
    QTest::newRow("experimental dag list") << "/api/experimental/dags";
    QTest::newRow("experimental variables") << "/api/experimental/variables";
    QTest::newRow("trailing slash") << "/api/experimental/test/";
    QTest::newRow("task logs") << "/api/experimental/dags/x/dag_runs/2020-01-01/tasks/t/logs";
}

void TestSandboxExperimental::otherApisAreGone()
{
    QFETCH(QString, path);
    const Reply reply = callOn(m_server.get(), "GET", path, {}, QByteArrayLiteral("admin:admin"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
    QVERIFY(reply.body.contains("404"));
    // No credentials needed to learn that a path does not exist.
    QCOMPARE(callOn(m_server.get(), "GET", path, {}, {}).status, 404);
}

void TestSandboxExperimental::methodNotAllowed()
{
    const Reply reply = call("POST", QStringLiteral("test"), "{}");
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
    QCOMPARE(reply.allow, QByteArrayLiteral("GET, HEAD, OPTIONS"));
    QCOMPARE(call("PUT", QStringLiteral("pools/default_pool"), "{}").status, 405);
    QCOMPARE(call("DELETE", QStringLiteral("dags/") + dagId(0) + QStringLiteral("/paused/true")).status, 405);
}

void TestSandboxExperimental::dagRunsList()
{
    const QString dag = dagId(1);
    const Reply reply = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArrayLiteral("application/json"));
    const QJsonArray runs = reply.array();
    QVERIFY(runs.size() >= 2);
    QString previous;
    const QStringList keys{QStringLiteral("dag_id"),         QStringLiteral("dag_run_url"),
                           QStringLiteral("execution_date"), QStringLiteral("id"),
                           QStringLiteral("run_id"),         QStringLiteral("start_date"),
                           QStringLiteral("state")};
    int successes = 0;
    for (const QJsonValue &value : runs) {
        const QJsonObject run = value.toObject();
        QCOMPARE(run.keys(), keys);
        QCOMPARE(run.value(QStringLiteral("dag_id")).toString(), dag);
        QVERIFY(run.value(QStringLiteral("id")).isDouble());
        const QString date = run.value(QStringLiteral("execution_date")).toString();
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00$"))
                     .match(date)
                     .hasMatch(),
                 qPrintable(date));
        QVERIFY(previous.isEmpty() || previous <= date); // by execution_date, ascending
        previous = date;
        const QString state = run.value(QStringLiteral("state")).toString();
        QVERIFY2(state == QLatin1String("running") || state == QLatin1String("success") ||
                     state == QLatin1String("failed"),
                 qPrintable(state));
        successes += state == QLatin1String("success");
        QVERIFY(run.value(QStringLiteral("dag_run_url"))
                    .toString()
                    .startsWith(QStringLiteral("/graph?dag_id=") + dag + QStringLiteral("&execution_date=")));
        QVERIFY(!run.value(QStringLiteral("start_date")).toString().isEmpty());
    }
    QVERIFY(successes > 0);
    const QJsonArray onlySuccess =
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs?state=SUCCESS")).array();
    QCOMPARE(onlySuccess.size(), successes);
    for (const QJsonValue &value : onlySuccess)
        QCOMPARE(value.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("success"));
    // 1.10 has no queued run state.
    QCOMPARE(
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs?state=queued")).array().size(),
        0);
    const Reply unknown = call("GET", QStringLiteral("dags/nope/dag_runs"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(), QStringLiteral("Dag id nope not found"));
}

void TestSandboxExperimental::dagRunState_data()
{
    QTest::addColumn<QString>("form"); // how the run's execution date (yyyy-MM-ddTHH:mm:ss) is written
    QTest::newRow("naive") << "%1";
    QTest::newRow("offset") << "%1+00:00";
    QTest::newRow("Z") << "%1Z";
    QTest::newRow("microseconds") << "%1.000000+00:00";
    QTest::newRow("other zone") << "%1+00:00@+02:00";
}

void TestSandboxExperimental::dagRunState()
{
    QFETCH(QString, form);
    const QString dag = dagId(2);
    const QJsonObject run =
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs")).array().last().toObject();
    const QString iso = run.value(QStringLiteral("execution_date")).toString();
    QVERIFY(iso.endsWith(QLatin1String("+00:00")) && iso.size() == 25); // whole seconds
    QString date = form.arg(iso.left(19));
    if (date.endsWith(QLatin1String("@+02:00"))) { // the same moment, two hours ahead
        const QDateTime utc = QDateTime::fromString(iso.left(19) + u'Z', Qt::ISODate);
        date = utc.toOffsetFromUtc(7200).toString(Qt::ISODate);
        QVERIFY(date.endsWith(QLatin1String("+02:00")));
    }
    const Reply reply =
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/") + encoded(date));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json(), QJsonObject({{QStringLiteral("state"), run.value(QStringLiteral("state"))}}));
}

void TestSandboxExperimental::dagRunStateErrors()
{
    const QString dag = dagId(2);
    const Reply bad = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/yesterday"));
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(bad.error(),
             QStringLiteral("Given execution date, 'yesterday', could not be identified as a date. "
                            "Example date format: 2015-11-16T14:34:15+00:00"));
    const Reply missing =
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/2001-01-01T00%3A00%3A00"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.error(),
             QStringLiteral("Dag Run for date 2001-01-01T00:00:00+00:00 not found in dag ") + dag);
    const Reply unknownDag = call("GET", QStringLiteral("dags/nope/dag_runs/2001-01-01T00%3A00%3A00"));
    QCOMPARE(unknownDag.status, 404);
    QCOMPARE(unknownDag.error(), QStringLiteral("Dag id nope not found"));
}

void TestSandboxExperimental::taskInstanceInfo()
{
    const QString dag = dagId(3);
    const QString task = firstTask(dag);
    const QJsonArray runs =
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs?state=success")).array();
    QVERIFY(!runs.isEmpty());
    const QString iso = runs.first().toObject().value(QStringLiteral("execution_date")).toString();
    const Reply reply = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/") +
                                        encoded(iso) + QStringLiteral("/tasks/") + task);
    QCOMPARE(reply.status, 200);
    const QJsonObject ti = reply.json();
    for (const char *key :
         {"task_id", "dag_id", "execution_date", "state", "try_number", "max_tries", "start_date", "end_date",
          "duration", "hostname", "pool", "queue", "operator", "priority_weight", "unixname", "job_id"})
        QVERIFY2(ti.contains(QLatin1String(key)), key);
    for (auto it = ti.begin(); it != ti.end(); ++it)
        QVERIFY2(it.value().isString(), qPrintable(it.key())); // str() of every value
    QCOMPARE(ti.value(QStringLiteral("task_id")).toString(), task);
    QCOMPARE(ti.value(QStringLiteral("dag_id")).toString(), dag);
    QCOMPARE(ti.value(QStringLiteral("state")).toString(), QStringLiteral("success"));
    QCOMPARE(ti.value(QStringLiteral("execution_date")).toString(), QString(iso).replace(10, 1, u' '));
    QVERIFY(ti.value(QStringLiteral("duration")).toString().contains(u'.'));
    QVERIFY(ti.value(QStringLiteral("try_number")).toString().toInt() >= 1);

    // A run just triggered on a paused DAG: nothing has started, so the dates are "None".
    call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/paused/true"));
    const Reply created = call("POST", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs"),
                               "{\"execution_date\": \"2031-05-06T07:08:09+00:00\"}");
    QCOMPARE(created.status, 200);
    const QJsonObject fresh =
        call("GET", QStringLiteral("dags/") + dag +
                        QStringLiteral("/dag_runs/2031-05-06T07%3A08%3A09%2B00%3A00/tasks/") + task)
            .json();
    QCOMPARE(fresh.value(QStringLiteral("state")).toString(), QStringLiteral("None"));
    QCOMPARE(fresh.value(QStringLiteral("start_date")).toString(), QStringLiteral("None"));
    QCOMPARE(fresh.value(QStringLiteral("duration")).toString(), QStringLiteral("None"));
    QCOMPARE(fresh.value(QStringLiteral("job_id")).toString(), QStringLiteral("None"));

    const Reply unknownTask = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/") +
                                              encoded(iso) + QStringLiteral("/tasks/nope"));
    QCOMPARE(unknownTask.status, 404);
    QCOMPARE(unknownTask.error(), QStringLiteral("Task nope not found in dag ") + dag);
    QCOMPARE(
        call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/nodate/tasks/") + task).status,
        400);
    QCOMPARE(call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/2001-01-01/tasks/") + task)
                 .status,
             404);
}

void TestSandboxExperimental::taskInfo()
{
    const QString dag = dagId(0);
    const QString task = firstTask(dag);
    const Reply reply = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/tasks/") + task);
    QCOMPARE(reply.status, 200);
    const QJsonObject info = reply.json();
    for (const char *key : {"task_id", "owner", "retries", "queue", "pool", "priority_weight", "task_type",
                            "trigger_rule", "depends_on_past", "email", "start_date", "end_date"})
        QVERIFY2(info.contains(QLatin1String(key)), key);
    for (auto it = info.begin(); it != info.end(); ++it)
        QVERIFY2(it.value().isString(), qPrintable(it.key()));
    QCOMPARE(info.value(QStringLiteral("task_id")).toString(), task);
    QCOMPARE(info.value(QStringLiteral("depends_on_past")).toString(), QStringLiteral("False"));
    QCOMPARE(info.value(QStringLiteral("email")).toString(), QStringLiteral("None"));
    QCOMPARE(info.value(QStringLiteral("end_date")).toString(), QStringLiteral("None"));
    QCOMPARE(info.value(QStringLiteral("retry_delay")).toString(), QStringLiteral("0:05:00"));
    QVERIFY(!info.value(QStringLiteral("task_type")).toString().isEmpty());
    bool number = false;
    info.value(QStringLiteral("retries")).toString().toInt(&number);
    QVERIFY(number);

    const Reply unknownTask = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/tasks/nope"));
    QCOMPARE(unknownTask.status, 404);
    QCOMPARE(unknownTask.error(), QStringLiteral("Task nope not found in dag ") + dag);
    QCOMPARE(call("GET", QStringLiteral("dags/nope/tasks/") + task).error(),
             QStringLiteral("Dag id nope not found"));
}

void TestSandboxExperimental::code()
{
    const QString dag = dagId(4);
    const Reply reply = call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/code"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
    QVERIFY(reply.body.contains(QByteArray("dag_id='" + dag.toUtf8() + "'")));
    QVERIFY(reply.body.contains("from airflow import DAG"));
    const Reply unknown = call("GET", QStringLiteral("dags/nope/code"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(), QStringLiteral("Dag id nope not found"));
}

void TestSandboxExperimental::pausedToggle()
{
    const QString dag = dagId(5);
    const int index = m_server->state().dagIndex(dag);
    const QString path = QStringLiteral("dags/") + dag + QStringLiteral("/paused");
    Reply reply = call("GET", path + QStringLiteral("/true"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json(), QJsonObject({{QStringLiteral("response"), QStringLiteral("ok")}}));
    QVERIFY(m_server->state().dag(index).isPaused);
    QCOMPARE(call("GET", path).json(), QJsonObject({{QStringLiteral("is_paused"), true}}));
    call("GET", path + QStringLiteral("/false"));
    QVERIFY(!m_server->state().dag(index).isPaused);
    QCOMPARE(call("GET", path).json(), QJsonObject({{QStringLiteral("is_paused"), false}}));
    // Anything but 'true' unpauses (1.10: is_paused = paused == 'true').
    call("GET", path + QStringLiteral("/true"));
    QCOMPARE(call("GET", path + QStringLiteral("/True")).status, 200);
    QCOMPARE(call("GET", path).json().value(QStringLiteral("is_paused")).toBool(), false);
    const Reply unknown = call("GET", QStringLiteral("dags/nope/paused/true"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(), QStringLiteral("Dag id nope not found"));
    QCOMPARE(call("GET", QStringLiteral("dags/nope/paused")).status, 404);
}

void TestSandboxExperimental::latestRuns()
{
    const Reply reply = call("GET", QStringLiteral("latest_runs"));
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), m_server->state().dagCount()); // every seeded DAG has runs
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        QCOMPARE(item.keys(), QStringList({QStringLiteral("dag_id"), QStringLiteral("dag_run_url"),
                                           QStringLiteral("execution_date"), QStringLiteral("start_date")}));
        const QString dag = item.value(QStringLiteral("dag_id")).toString();
        const QJsonArray runs =
            call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs")).array();
        QCOMPARE(item.value(QStringLiteral("execution_date")),
                 runs.last().toObject().value(QStringLiteral("execution_date")));
        QCOMPARE(item.value(QStringLiteral("dag_run_url")),
                 runs.last().toObject().value(QStringLiteral("dag_run_url")));
    }
}

void TestSandboxExperimental::trigger()
{
    const QString dag = dagId(6);
    const QString path = QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs");
    m_server->advanceClock(1234); // the clock is not on a whole second any more
    const Reply reply = call("POST", path, "{}");
    QCOMPARE(reply.status, 200);
    const QJsonObject created = reply.json();
    QCOMPARE(created.keys(), QStringList({QStringLiteral("execution_date"), QStringLiteral("message"),
                                          QStringLiteral("run_id")}));
    const QString date = created.value(QStringLiteral("execution_date")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00$"))
                 .match(date)
                 .hasMatch(),
             qPrintable(date)); // replace_microseconds is true by default
    QCOMPARE(created.value(QStringLiteral("run_id")).toString(), QStringLiteral("manual__") + date);
    QCOMPARE(created.value(QStringLiteral("message")).toString(),
             QStringLiteral("Created <DagRun ") + dag + QStringLiteral(" @ ") +
                 QString(date).replace(10, 1, u' ') + QStringLiteral(": manual__") + date +
                 QStringLiteral(", externally triggered: True>"));
    const QJsonArray runs = call("GET", path).array();
    QCOMPARE(runs.last().toObject().value(QStringLiteral("run_id")), created.value(QStringLiteral("run_id")));

    // Without replace_microseconds the sub-second part stays.
    const QJsonObject precise = call("POST", path, "{\"replace_microseconds\": \"false\"}").json();
    QVERIFY2(
        precise.value(QStringLiteral("execution_date")).toString().endsWith(QLatin1String(".234000+00:00")),
        qPrintable(precise.value(QStringLiteral("execution_date")).toString()));

    // An explicit date and run_id.
    const Reply dated =
        call("POST", path, "{\"run_id\": \"from_test\", \"execution_date\": \"2030-01-02T03:04:05+00:00\"}");
    QCOMPARE(dated.status, 200);
    QCOMPARE(dated.json().value(QStringLiteral("execution_date")).toString(),
             QStringLiteral("2030-01-02T03:04:05+00:00"));
    QCOMPARE(dated.json().value(QStringLiteral("run_id")).toString(), QStringLiteral("from_test"));
    QCOMPARE(call("GET", path + QStringLiteral("/2030-01-02T03%3A04%3A05"))
                 .json()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("running")); // 1.10 creates triggered runs as running
}

void TestSandboxExperimental::triggerErrors()
{
    const QString dag = dagId(6);
    const QString path = QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs");
    QCOMPARE(
        call("POST", path, "{\"run_id\": \"twice\", \"execution_date\": \"2032-01-01T00:00:00Z\"}").status,
        200);
    const Reply duplicate = call("POST", path, "{\"run_id\": \"twice\"}");
    QCOMPARE(duplicate.status, 400);
    QCOMPARE(duplicate.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(duplicate.error(), QStringLiteral("Run id twice already exists for dag id ") + dag);
    const Reply sameDate =
        call("POST", path, "{\"run_id\": \"other\", \"execution_date\": \"2032-01-01T00:00:00Z\"}");
    QCOMPARE(sameDate.status, 400);
    QVERIFY(sameDate.error().contains(QLatin1String("2032-01-01T00:00:00+00:00")));

    const Reply badDate = call("POST", path, "{\"execution_date\": \"soon\"}");
    QCOMPARE(badDate.status, 400);
    QCOMPARE(badDate.error(),
             QStringLiteral("Given execution date, 'soon', could not be identified as a date. "
                            "Example date format: 2015-11-16T14:34:15+00:00"));
    const Reply unknown = call("POST", QStringLiteral("dags/nope/dag_runs"), "{}");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(), QStringLiteral("Dag id nope not found"));
    const Reply badConf = call("POST", path, "{\"conf\": \"{not json\"}");
    QCOMPARE(badConf.status, 400);
    QVERIFY(!badConf.error().isEmpty());
    QCOMPARE(call("POST", path, "{\"conf\": \"[1, 2]\"}").status, 400);
    QCOMPARE(call("POST", path, "{\"conf\": 5}").status, 400);
    const Reply notJson = call("POST", path, "run it");
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
}

void TestSandboxExperimental::triggerConfAsJsonString()
{
    const QString dag = dagId(7);
    const int index = m_server->state().dagIndex(dag);
    const Reply asText =
        call("POST", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs"),
             "{\"run_id\": \"conf_text\", \"conf\": \"{\\\"rows\\\": 5, \\\"mode\\\": \\\"fast\\\"}\"}");
    QCOMPARE(asText.status, 200);
    const std::optional<DagRun> run = m_server->state().findRun(index, QStringLiteral("conf_text"));
    QVERIFY(run);
    QCOMPARE(run->conf,
             QJsonObject({{QStringLiteral("rows"), 5}, {QStringLiteral("mode"), QStringLiteral("fast")}}));
    const Reply asObject = call("POST", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs"),
                                "{\"run_id\": \"conf_object\", \"execution_date\": \"2033-01-01\", "
                                "\"conf\": {\"rows\": 6}}");
    QCOMPARE(asObject.status, 200);
    QCOMPARE(m_server->state().findRun(index, QStringLiteral("conf_object"))->conf,
             QJsonObject({{QStringLiteral("rows"), 6}}));
}

void TestSandboxExperimental::triggeredRunProgresses()
{
    const QString dag = dagId(5);
    const QString task = firstTask(dag);
    QCOMPARE(call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/paused/false")).status, 200);
    const QJsonObject created = call("POST", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs"),
                                     "{\"run_id\": \"progress\"}")
                                    .json();
    const QString status = QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs/") +
                           encoded(created.value(QStringLiteral("execution_date")).toString());
    QCOMPARE(call("GET", status).json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(call("GET", status + QStringLiteral("/tasks/") + task)
                 .json()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("None"));
    m_server->advanceClock(6LL * 60 * 60 * 1000);
    const QString state = call("GET", status).json().value(QStringLiteral("state")).toString();
    QVERIFY2(state == QLatin1String("success") || state == QLatin1String("failed"), qPrintable(state));
    const QJsonObject ti = call("GET", status + QStringLiteral("/tasks/") + task).json();
    QVERIFY(ti.value(QStringLiteral("state")).toString() != QLatin1String("None"));
    QVERIFY(ti.value(QStringLiteral("start_date")).toString() != QLatin1String("None"));
    QVERIFY(ti.value(QStringLiteral("end_date")).toString() != QLatin1String("None"));
    QVERIFY(ti.value(QStringLiteral("hostname")).toString().startsWith(QLatin1String("airflow-worker-")));
    bool found = false;
    for (const QJsonValue &value :
         call("GET", QStringLiteral("dags/") + dag + QStringLiteral("/dag_runs?state=") + state).array())
        found =
            found || value.toObject().value(QStringLiteral("run_id")).toString() == QLatin1String("progress");
    QVERIFY(found);
}

void TestSandboxExperimental::pools()
{
    const Reply created = call("POST", QStringLiteral("pools"),
                               "{\"name\": \"exp_pool\", \"slots\": 3, \"description\": \"for tests\"}");
    QCOMPARE(created.status, 200);
    const QJsonObject pool = created.json();
    QCOMPARE(pool.keys(), QStringList({QStringLiteral("description"), QStringLiteral("id"),
                                       QStringLiteral("pool"), QStringLiteral("slots")}));
    QCOMPARE(pool.value(QStringLiteral("pool")).toString(), QStringLiteral("exp_pool"));
    QCOMPARE(pool.value(QStringLiteral("slots")).toInt(), 3);
    QCOMPARE(pool.value(QStringLiteral("description")).toString(), QStringLiteral("for tests"));
    QCOMPARE(call("GET", QStringLiteral("pools/exp_pool")).json(), pool);

    // Posting an existing name updates its slots and description (1.10's create_pool).
    const QJsonObject updated =
        call("POST", QStringLiteral("pools"), "{\"name\": \"exp_pool\", \"slots\": \"7\"}").json();
    QCOMPARE(updated.value(QStringLiteral("id")), pool.value(QStringLiteral("id")));
    QCOMPARE(updated.value(QStringLiteral("slots")).toInt(), 7);
    QVERIFY(updated.value(QStringLiteral("description")).isNull());
    bool listed = false;
    for (const QJsonValue &value : call("GET", QStringLiteral("pools")).array())
        listed = listed || value.toObject() == updated;
    QVERIFY(listed);

    const Reply removed = call("DELETE", QStringLiteral("pools/exp_pool"));
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json(), updated);
    const Reply again = call("DELETE", QStringLiteral("pools/exp_pool"));
    QCOMPARE(again.status, 404);
    QCOMPARE(again.error(), QStringLiteral("Pool 'exp_pool' doesn't exist"));
    QCOMPARE(call("GET", QStringLiteral("pools/exp_pool")).status, 404);
}

void TestSandboxExperimental::poolErrors()
{
    const auto create = [this](const QByteArray &body) {
        return call("POST", QStringLiteral("pools"), body);
    };
    QCOMPARE(create("{\"slots\": 3}").error(), QStringLiteral("Pool name shouldn't be empty"));
    QCOMPARE(create("{\"name\": \"  \", \"slots\": 3}").status, 400);
    const Reply badSlots = create("{\"name\": \"p\", \"slots\": \"many\"}");
    QCOMPARE(badSlots.status, 400);
    QCOMPARE(badSlots.error(), QStringLiteral("Bad value for `slots`: many"));
    QCOMPARE(create("{\"name\": \"p\"}").error(), QStringLiteral("Bad value for `slots`: None"));
    QCOMPARE(create("{\"name\": \"" + QByteArray(51, 'x') + "\", \"slots\": 1}").error(),
             QStringLiteral("Pool name can't be more than 50 characters"));
    QCOMPARE(create("not json").status, 400);
    const Reply defaultPool = call("DELETE", QStringLiteral("pools/default_pool"));
    QCOMPARE(defaultPool.status, 400);
    QCOMPARE(defaultPool.error(), QStringLiteral("default_pool cannot be deleted"));
    const Reply unknown = call("GET", QStringLiteral("pools/nope"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.error(), QStringLiteral("Pool 'nope' doesn't exist"));
    QVERIFY(m_server->state().resources().poolIndex(QStringLiteral("p")) < 0); // nothing was created
}

void TestSandboxExperimental::faultsApply()
{
    FaultOptions faults;
    faults.errorRate = 1.0;
    m_server->setFaults(faults);
    const int status = call("GET", QStringLiteral("test")).status;
    m_server->setFaults(FaultOptions{});
    QVERIFY2(status == 500 || status == 503, qPrintable(QString::number(status)));
    QCOMPARE(call("GET", QStringLiteral("test")).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxExperimental)
#include "tst_sandbox_experimental.moc"
