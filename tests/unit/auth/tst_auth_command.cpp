#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/commandtokenauthenticator.h"
#include "fakes/rawhttpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using namespace Windsock::Auth;
using Windsock::Tests::RawHttpServer;

Q_DECLARE_METATYPE(Windsock::Api::ApiError::Kind)

// A token printed by a command: success and caching, a timeout, a failing command.
class TestAuthCommand final : public QObject
{
    Q_OBJECT

private:
    std::optional<Result<RawResponse>> get(AirflowClient &api)
    {
        std::optional<Result<RawResponse>> result;
        RawRequest request;
        request.path = QStringLiteral("/api/v1/dags");
        api.send(request, this, [&result](const Result<RawResponse> &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000); }();
        return result;
    }

    std::unique_ptr<AirflowClient> client(std::unique_ptr<Authenticator> authenticator)
    {
        return std::make_unique<AirflowClient>(&m_nam, m_server.baseUrl(), std::make_unique<DialectV1>(),
                                               std::move(authenticator));
    }

    QNetworkAccessManager m_nam;
    RawHttpServer m_server;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        QVERIFY(m_dir.isValid());
        m_server.setAnswer(RawHttpServer::json(200, "{}"));
    }

    void tokenFromOutputIsCached()
    {
        const QString counter = m_dir.filePath(QStringLiteral("runs"));
        const QString command = QStringLiteral("echo run >> '%1'; printf '  tok-42  \\n'").arg(counter);
        auto authenticator = std::make_unique<CommandTokenAuthenticator>(command, 5, 300);
        QDateTime now = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
        authenticator->setClock([&now] { return now; });
        auto api = client(std::move(authenticator));
        const int before = int(m_server.requests().size());
        QVERIFY(get(*api)->ok());
        QVERIFY(get(*api)->ok());
        QCOMPARE(m_server.requests().size(), before + 2);
        QCOMPARE(m_server.requests().last().header("Authorization"), QByteArray("Bearer tok-42"));
        QFile runs(counter);
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll().count("run"), 1); // cached: the command ran once
        runs.close();
        QVERIFY(api->authenticator().secrets().contains(QStringLiteral("tok-42")));

        now = now.addSecs(301); // past the cache time: the command runs again
        QVERIFY(get(*api)->ok());
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll().count("run"), 2);
    }

    void failures_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("timeout") << QStringLiteral("sleep 20") << 1 << ApiError::Kind::Timeout
                                 << QStringLiteral(
                                        "The token command did not finish within 1 second, so Windsock "
                                        "stopped it. Run it in a terminal to see whether it waits for "
                                        "input or a login.");
        QTest::newRow("non-zero exit")
            << QStringLiteral("echo 'ERROR: not logged in' >&2; echo 'run gcloud auth login' >&2; exit 3")
            << 5 << ApiError::Kind::Unauthorized
            << QStringLiteral(
                   "The token command failed (exit code 3): ERROR: not logged in / run gcloud auth login");
        QTest::newRow("silent failure")
            << QStringLiteral("exit 1") << 5 << ApiError::Kind::Unauthorized
            << QStringLiteral("The token command failed (exit code 1) and printed no "
                              "error.");
        QTest::newRow("no output") << QStringLiteral("true") << 5 << ApiError::Kind::UnexpectedShape
                                   << QStringLiteral(
                                          "The token command succeeded but printed nothing; it must "
                                          "print the token.");
    }

    void failures()
    {
        QFETCH(QString, command);
        QFETCH(int, timeout);
        QFETCH(ApiError::Kind, kind);
        QFETCH(QString, message);
        const int before = int(m_server.requests().size());
        auto api = client(std::make_unique<CommandTokenAuthenticator>(command, timeout, 60));
        QElapsedTimer timer;
        timer.start();
        const auto result = get(*api);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), kind);
        QCOMPARE(result->error().message(), message);
        QCOMPARE(m_server.requests().size(), before); // no request without a token
        QVERIFY(timer.elapsed() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestAuthCommand)
#include "tst_auth_command.moc"
