#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using Windsock::Tests::RawHttpServer;

Q_DECLARE_METATYPE(Windsock::Api::ApiError::Kind)

// Every way a call can fail, each with the sentence a person reads.
class TestApiErrors final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AirflowClient> client(const QUrl &base, AirflowClient::Options options = {})
    {
        return std::make_unique<AirflowClient>(&m_nam, base, std::make_unique<DialectV1>(),
                                               std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                   QStringLiteral("admin"), QStringLiteral("s3cret-pw")),
                                               options);
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void httpAnswers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        const QByteArray html =
            "<!DOCTYPE html><html><head><title>Sign In - Airflow</title></head><body>login</body></html>";
        QTest::newRow("html login page")
            << RawHttpServer::response(200, "text/html; charset=utf-8", html) << ApiError::Kind::NotJson << 0
            << QStringLiteral(
                   "The server answered with an HTML page, not Airflow's JSON API — is the URL the Airflow "
                   "webserver's root, and does the deployment need a different login?");
        QTest::newRow("plain text")
            << RawHttpServer::response(200, "text/plain", "OK") << ApiError::Kind::NotJson << 0
            << QStringLiteral(
                   "The server's answer is not JSON (it starts with \"OK\"), so it does not come from "
                   "Airflow's API. Is the URL the Airflow webserver's root?");
        QTest::newRow("truncated body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
                          "Connection: close\r\n\r\n{\"version\": \"2.10")
            << ApiError::Kind::Truncated << 0
            << QStringLiteral(
                   "The answer was cut off: the server announced 5000 bytes and sent only 17 before the "
                   "connection ended.");
        QTest::newRow("json ends early")
            << RawHttpServer::json(200, "{\"version\": \"2.10.5\", \"git_") << ApiError::Kind::Truncated << 0
            << QStringLiteral("The answer was cut off: its JSON ends early (after 27 bytes).");
        QTest::newRow("401 problem")
            << RawHttpServer::json(401, "{\"detail\":null,\"status\":401,\"title\":\"Unauthorized\",\"type\":"
                                        "\"https://airflow.apache.org/docs/apache-airflow/2.10.5/"
                                        "stable-rest-api-ref.html#section/Errors/Unauthenticated\"}")
            << ApiError::Kind::Unauthorized << 401
            << QStringLiteral(
                   "The server did not accept the user name and password (HTTP 401). Airflow said: "
                   "Unauthorized");
        QTest::newRow("401 plain")
            << RawHttpServer::response(401, "text/plain", "Unauthorized",
                                       {{"WWW-Authenticate", "Basic realm=\"x\""}})
            << ApiError::Kind::Unauthorized << 401
            << QStringLiteral(
                   "The server did not accept the user name and password (HTTP 401). Airflow said: "
                   "Unauthorized");
        QTest::newRow("403")
            << RawHttpServer::json(403, "{\"detail\":\"Forbidden\",\"status\":403,\"title\":\"Forbidden\","
                                        "\"type\":\"about:blank\"}")
            << ApiError::Kind::Forbidden << 403
            << QStringLiteral(
                   "The server does not allow this user to do that (HTTP 403). Airflow said: Forbidden");
        QTest::newRow("404")
            << RawHttpServer::json(
                   404, "{\"detail\":\"The requested URL was not found on the "
                        "server.\",\"status\":404,\"title\":\"Not Found\",\"type\":\"about:blank\"}")
            << ApiError::Kind::NotFound << 404
            << QStringLiteral(
                   "The server has nothing at /api/v1/version (HTTP 404). Airflow said: The requested URL "
                   "was not found on the server.");
        QTest::newRow("409")
            << RawHttpServer::json(409,
                                   "{\"detail\":\"DAGRun with DAG ID: 'd' and DAGRun ID: 'r' already "
                                   "exists\",\"status\":409,\"title\":\"Conflict\",\"type\":\"about:blank\"}")
            << ApiError::Kind::Conflict << 409
            << QStringLiteral(
                   "Airflow refused because this conflicts with something that already exists (HTTP 409). "
                   "Airflow said: DAGRun with DAG ID: 'd' and DAGRun ID: 'r' already exists");
        QTest::newRow("500 problem")
            << RawHttpServer::json(
                   500,
                   "{\"detail\":\"(psycopg2.OperationalError) connection "
                   "refused\",\"status\":500,\"title\":\"Internal Server Error\",\"type\":\"about:blank\"}")
            << ApiError::Kind::Http << 500
            << QStringLiteral("The server failed with an internal error (HTTP 500). Airflow said: "
                              "(psycopg2.OperationalError) connection refused");
        QTest::newRow("502 html proxy page")
            << RawHttpServer::response(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
            << ApiError::Kind::Http << 502
            << QStringLiteral(
                   "The server, or a proxy in front of it, is not available right now (HTTP 502).");
        QTest::newRow("302 to login")
            << RawHttpServer::response(302, "text/html", "",
                                       {{"Location", "http://127.0.0.1/login/?next=%2Fapi%2Fv1%2Fversion"}})
            << ApiError::Kind::Redirected << 302
            << QStringLiteral(
                   "The server redirected the request to http://127.0.0.1/login/?next=%2Fapi%2Fv1%2Fversion: "
                   "the credentials were probably rejected, or the deployment needs a different login "
                   "(HTTP 302).");
        QTest::newRow("301 elsewhere")
            << RawHttpServer::response(301, "text/html", "",
                                       {{"Location", "https://airflow.example.com/api/v1/version"}})
            << ApiError::Kind::Redirected << 301
            << QStringLiteral(
                   "The server redirected the request to https://airflow.example.com/api/v1/version (HTTP "
                   "301). Windsock does not follow redirects: if that address is right, use it as the "
                   "deployment's URL.");
        QTest::newRow("wrong shape")
            << RawHttpServer::json(200, "{\"version\": 2}") << ApiError::Kind::UnexpectedShape << 0
            << QStringLiteral(
                   "The server's answer does not look like Airflow's: the field \"version\" of the version "
                   "should be a text, but it is a number (2).");
    }
    void httpAnswers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(ApiError::Kind, kind);
        QFETCH(int, status);
        QFETCH(QString, message);

        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(answer);
        auto api = client(server.baseUrl());
        std::optional<Result<Version>> result;
        int calls = 0;
        api->version(this, [&](const Result<Version> &r) {
            result = r;
            ++calls;
        });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->ok());
        QCOMPARE(result->error().message(), message);
        QCOMPARE(result->error().kind(), kind);
        QCOMPARE(result->error().httpStatus(), status);
        QCOMPARE(result->error().context(), QStringLiteral("GET /api/v1/version"));
        QVERIFY(!result->error().message().contains(QStringLiteral("s3cret")));
        QTest::qWait(20);
        QCOMPARE(calls, 1);
    }

    void commonHeaders()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(
            RawHttpServer::json(200, "{\"dag_run_id\":\"r\",\"dag_id\":\"d\",\"state\":\"queued\"}"));
        auto api = client(server.baseUrl());
        QSignalSpy spy(&server, &RawHttpServer::requestReceived);
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("d");
        std::optional<Result<DagRun>> result;
        api->triggerDagRun(trigger, this, [&](const Result<DagRun> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QCOMPARE(result->value().state, QStringLiteral("queued"));
        QCOMPARE(spy.count(), 1);
        const RawHttpServer::Request request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QCOMPARE(request.header("User-Agent"), QByteArrayLiteral("Windsock/" WINDSOCK_TEST_VERSION));
        QCOMPARE(request.header("Accept"), QByteArrayLiteral("application/json"));
        QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
        QCOMPARE(request.header("Authorization"),
                 QByteArrayLiteral("Basic ") + QByteArrayLiteral("admin:s3cret-pw").toBase64());
        QCOMPARE(request.body, QByteArrayLiteral("{\"conf\":{}}"));
    }

    void logsAskForPlainText()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::response(200, "text/plain",
                                                 "[2026-11-22] INFO - Task exited with return code 0\n"));
        auto api = client(server.baseUrl());
        std::optional<Result<QString>> result;
        api->taskLog(QStringLiteral("d"), QStringLiteral("manual__2026-11-22T10:00:00+00:00"),
                     QStringLiteral("t"), 1, this, [&](const Result<QString> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QVERIFY(result->value().contains(QStringLiteral("return code 0")));
        const RawHttpServer::Request request = server.requests().constFirst();
        QCOMPARE(request.header("Accept"), QByteArrayLiteral("text/plain"));
        QCOMPARE(request.target,
                 QByteArrayLiteral("/api/v1/dags/d/dagRuns/manual__2026-11-22T10%3A00%3A00%2B00%3A00"
                                   "/taskInstances/t/logs/1?full_content=true"));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        auto api = client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        std::optional<Result<Health>> result;
        api->health(this, [&](const Result<Health> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().kind(), ApiError::Kind::ConnectionRefused);
        QCOMPARE(
            result->error().message(),
            QStringLiteral("Nothing is listening at 127.0.0.1:%1. Is Airflow running, and is the URL right?")
                .arg(port));
    }

    void hostNotFound()
    {
        auto api = client(QUrl(QStringLiteral("http://no-such-airflow.invalid:8080")));
        std::optional<Result<Health>> result;
        api->health(this, [&](const Result<Health> &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QCOMPARE(result->error().kind(), ApiError::Kind::HostNotFound);
        QCOMPARE(result->error().message(),
                 QStringLiteral("The host name \"no-such-airflow.invalid\" could not be found. "
                                "Check the URL, and the network or VPN connection."));
    }

    void timeout()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &) {
            return RawHttpServer::Answer{{}, false, true};
        });
        AirflowClient::Options options;
        options.transferTimeoutMs = 300;
        auto api = client(server.baseUrl(), options);
        std::optional<Result<Version>> result;
        api->version(this, [&](const Result<Version> &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QCOMPARE(result->error().kind(), ApiError::Kind::Timeout);
        QCOMPARE(
            result->error().message(),
            QStringLiteral("The server at %1 did not answer in time (no data for 0.3 seconds). It may be "
                           "overloaded, or a firewall may be dropping the connection.")
                .arg(server.baseUrl().authority()));
    }

    void tooLarge_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("Content-Length over the limit") << true;
        QTest::newRow("no Content-Length, body over the limit") << false;
    }
    void tooLarge()
    {
        QFETCH(bool, announced);
        RawHttpServer server;
        QVERIFY(server.listen());
        const QByteArray huge = "{\"version\":\"" + QByteArray(200 * 1024, 'x') + "\"}";
        server.setAnswer(
            announced
                ? RawHttpServer::json(200, huge)
                : QByteArray(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n") +
                      huge);
        AirflowClient::Options options;
        options.maxBodyBytes = 64 * 1024;
        auto api = client(server.baseUrl(), options);
        std::optional<Result<Version>> result;
        api->version(this, [&](const Result<Version> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().kind(), ApiError::Kind::TooLarge);
        QCOMPARE(
            result->error().message(),
            QStringLiteral("The answer is larger than the limit of 64 kB, so Windsock stopped reading it."));
    }

    void cancelled()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &) {
            return RawHttpServer::Answer{{}, false, true};
        });
        auto api = client(server.baseUrl());
        QSignalSpy received(&server, &RawHttpServer::requestReceived);
        std::optional<Result<Version>> result;
        QPointer<ApiCall> call = api->version(this, [&](const Result<Version> &r) { result = r; });
        QSignalSpy finished(call.data(), &ApiCall::finished);
        QVERIFY(received.wait());
        call->cancel();
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().kind(), ApiError::Kind::Cancelled);
        QCOMPARE(result->error().message(), QStringLiteral("The request was cancelled."));
        QCOMPARE(finished.count(), 1);
        QTRY_VERIFY(call.isNull()); // deleteLater after finished
    }

    void destroyedContextIsNotCalled()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::json(200, "{\"version\":\"2.10.5\"}"));
        auto api = client(server.baseUrl());
        auto *context = new QObject;
        bool called = false;
        QPointer<ApiCall> call = api->version(context, [&](const Result<Version> &) { called = true; });
        delete context;
        QTRY_VERIFY(call.isNull());
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void rawSendKeepsHttpErrors()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(RawHttpServer::json(404, "{\"title\":\"Not Found\",\"status\":404}"));
        auto api = client(server.baseUrl());
        RawRequest request;
        request.path = QStringLiteral("/api/v1/nothing?limit=5");
        request.headers.append({QByteArrayLiteral("X-Custom"), QByteArrayLiteral("1")});
        std::optional<Result<RawResponse>> result;
        api->send(request, this, [&](const Result<RawResponse> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY(result->ok());
        QCOMPARE(result->value().status, 404);
        QCOMPARE(result->value().header("content-type"), QByteArrayLiteral("application/problem+json"));
        QCOMPARE(server.requests().constFirst().target, QByteArrayLiteral("/api/v1/nothing?limit=5"));
        QCOMPARE(server.requests().constFirst().header("X-Custom"), QByteArrayLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestApiErrors)
#include "tst_api_errors.moc"
