#include "api/airflowclient.h"
#include "api/connectioncheck.h"
#include "api/dialectv1.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/commandtokenauthenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/oauth2clientcredentialsauthenticator.h"
#include "auth/softwarekeyauthenticator.h"
#include "fakes/testcertificates.h"

#include <sandbox/sandboxserver.h>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using namespace Windsock::Auth;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::TestCertificates;

// Every kind of credential, the token life cycle, TLS and "Test connection" against the sandbox.
class TestApiAuth final : public QObject
{
    Q_OBJECT

private:
    static SandboxOptions options(AuthMode mode)
    {
        SandboxOptions options;
        options.dagCount = 3;
        options.runsPerDag = 1;
        options.clock = ClockKind::Manual;
        options.auth = mode;
        options.users = {{QStringLiteral("ops"), QStringLiteral("s3cret")}};
        options.bearerTokens = {QStringLiteral("astro-token-1"), QStringLiteral("cmd-token")};
        options.softwareKeys = {QStringLiteral("sa-key-1")};
        options.oauthClients = {
            {QStringLiteral("key-id"), QStringLiteral("key+secret"), QStringLiteral("astronomer-ee")}};
        return options;
    }

    bool start(const SandboxOptions &options)
    {
        m_sandbox = std::make_unique<SandboxServer>(options);
        return m_sandbox->listen(0);
    }

    std::unique_ptr<AirflowClient> client(std::unique_ptr<Authenticator> authenticator,
                                          const QList<QSslCertificate> &ca = {},
                                          QNetworkAccessManager *nam = nullptr)
    {
        AirflowClient::Options clientOptions;
        clientOptions.caCertificates = ca;
        clientOptions.transferTimeoutMs = 10000;
        return std::make_unique<AirflowClient>(nam ? nam : &m_nam, m_sandbox->baseUrl(),
                                               std::make_unique<DialectV1>(), std::move(authenticator),
                                               clientOptions);
    }

    std::optional<Result<Page<Dag>>> dags(AirflowClient &api)
    {
        std::optional<Result<Page<Dag>>> result;
        DagQuery query;
        query.limit = 1;
        api.dags(query, this, [&result](const Result<Page<Dag>> &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
        return result;
    }

    QUrl sandboxUrl(const QString &path) const
    {
        QUrl url = m_sandbox->baseUrl();
        url.setPath(path);
        return url;
    }

    ConnectionCheck::Report check(std::unique_ptr<Authenticator> authenticator,
                                  const QList<QSslCertificate> &ca = {})
    {
        ConnectionCheck connectionCheck(m_sandbox->baseUrl(), std::move(authenticator), ca);
        QSignalSpy steps(&connectionCheck, &ConnectionCheck::stepFinished);
        QSignalSpy finished(&connectionCheck, &ConnectionCheck::finished);
        connectionCheck.start();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000); }();
        [&] { QCOMPARE(steps.count(), 6); }();
        return finished.isEmpty() ? ConnectionCheck::Report{}
                                  : finished.first().first().value<ConnectionCheck::Report>();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    TestCertificates m_certificates;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString())); }

    void cleanup() { m_sandbox.reset(); }

    void everyKind_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("right");
        QTest::newRow("basic") << int(AuthMode::Basic) << QStringLiteral("basic") << true;
        QTest::newRow("basic wrong") << int(AuthMode::Basic) << QStringLiteral("basic") << false;
        QTest::newRow("jwt") << int(AuthMode::Jwt) << QStringLiteral("jwt") << true;
        QTest::newRow("jwt wrong") << int(AuthMode::Jwt) << QStringLiteral("jwt") << false;
        QTest::newRow("bearer") << int(AuthMode::Bearer) << QStringLiteral("bearer") << true;
        QTest::newRow("bearer wrong") << int(AuthMode::Bearer) << QStringLiteral("bearer") << false;
        QTest::newRow("software") << int(AuthMode::Software) << QStringLiteral("software") << true;
        QTest::newRow("software bearer")
            << int(AuthMode::Software) << QStringLiteral("software-bearer") << true;
        QTest::newRow("software wrong") << int(AuthMode::Software) << QStringLiteral("software") << false;
        QTest::newRow("oauth2") << int(AuthMode::OAuth2) << QStringLiteral("oauth2") << true;
        QTest::newRow("oauth2 wrong") << int(AuthMode::OAuth2) << QStringLiteral("oauth2") << false;
        QTest::newRow("command") << int(AuthMode::Bearer) << QStringLiteral("command") << true;
        QTest::newRow("command wrong") << int(AuthMode::Bearer) << QStringLiteral("command") << false;
    }

    void everyKind()
    {
        QFETCH(int, mode);
        QFETCH(QString, kind);
        QFETCH(bool, right);
        QVERIFY(start(options(AuthMode(mode))));
        std::unique_ptr<Authenticator> authenticator;
        const QString password = right ? QStringLiteral("s3cret") : QStringLiteral("nope");
        if (kind == QLatin1String("basic"))
            authenticator = std::make_unique<BasicAuthenticator>(QStringLiteral("ops"), password);
        else if (kind == QLatin1String("jwt"))
            authenticator = std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), password);
        else if (kind == QLatin1String("bearer"))
            authenticator = std::make_unique<BearerTokenAuthenticator>(
                right ? QStringLiteral("astro-token-1") : QStringLiteral("astro-token-x"));
        else if (kind.startsWith(QLatin1String("software")))
            authenticator = std::make_unique<SoftwareKeyAuthenticator>(
                right ? QStringLiteral("sa-key-1") : QStringLiteral("sa-key-x"),
                kind.endsWith(QLatin1String("bearer")));
        else if (kind == QLatin1String("oauth2"))
            authenticator = std::make_unique<OAuth2ClientCredentialsAuthenticator>(
                sandboxUrl(QStringLiteral("/oauth/token")), QStringLiteral("key-id"),
                right ? QStringLiteral("key+secret") : QStringLiteral("wrong"),
                QStringLiteral("astronomer-ee"), QString());
        else
            authenticator = std::make_unique<CommandTokenAuthenticator>(
                right ? QStringLiteral("echo cmd-token") : QStringLiteral("echo other-token"), 10, 600);
        auto api = client(std::move(authenticator));
        const auto first = dags(*api);
        QCOMPARE(first->ok(), right);
        if (right) {
            const auto second = dags(*api);
            QVERIFY2(second->ok(), qPrintable(second->error().message()));
            QVERIFY(m_sandbox->tokensIssued() <= 1); // token kinds fetched once for both calls
        } else {
            QVERIFY(!first->error().message().isEmpty());
            for (const QString &secret : api->authenticator().secrets())
                QVERIFY(!first->error().message().contains(secret));
        }
    }

    void jwtExpiresBetweenRequests()
    {
        SandboxOptions sandboxOptions = options(AuthMode::Jwt);
        sandboxOptions.jwtLifetimeSeconds = 600;
        QVERIFY(start(sandboxOptions));
        auto authenticator =
            std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret"));
        // The client's clock stays at the start: it believes the token is fresh, the server does not.
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(m_sandbox->nowMs(), Qt::UTC);
        authenticator->setClock([start] { return start; });
        auto api = client(std::move(authenticator));
        QVERIFY(dags(*api)->ok());
        QCOMPARE(m_sandbox->tokensIssued(), quint64(1));
        m_sandbox->advanceClock(601 * 1000);
        const auto second = dags(*api);
        QVERIFY2(second->ok(), qPrintable(second->error().message()));
        QCOMPARE(m_sandbox->tokensIssued(), quint64(2)); // exactly one silent re-login
    }

    void jwtRenewedBeforeExpiry()
    {
        SandboxOptions sandboxOptions = options(AuthMode::Jwt);
        sandboxOptions.jwtLifetimeSeconds = 600;
        QVERIFY(start(sandboxOptions));
        auto authenticator =
            std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret"));
        SandboxServer *sandbox = m_sandbox.get();
        authenticator->setClock(
            [sandbox] { return QDateTime::fromMSecsSinceEpoch(sandbox->nowMs(), Qt::UTC); });
        auto api = client(std::move(authenticator));
        QVERIFY(dags(*api)->ok());
        const quint64 requests = m_sandbox->requestCount();
        m_sandbox->advanceClock(601 * 1000);
        QVERIFY(dags(*api)->ok());
        QCOMPARE(m_sandbox->tokensIssued(), quint64(2));
        QCOMPARE(m_sandbox->requestCount(), requests + 2); // the login and the request: no 401 first
    }

    void jwtWrongPassword()
    {
        QVERIFY(start(options(AuthMode::Jwt)));
        auto api =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("nope")));
        const auto result = dags(*api);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Unauthorized);
        QVERIFY2(result->error().message().startsWith(
                     QStringLiteral("The server did not accept the user name and password (HTTP 401).")),
                 qPrintable(result->error().message()));
        QCOMPARE(m_sandbox->requestCount(), quint64(1)); // the login only: no loop
    }

    void softwareKeyRejected()
    {
        QVERIFY(start(options(AuthMode::Software)));
        auto api = client(std::make_unique<SoftwareKeyAuthenticator>(QStringLiteral("sa-key-x"), false));
        const auto result = dags(*api);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Redirected);
        QVERIFY2(result->error().message().startsWith(QStringLiteral(
                     "The deployment redirected to its login page (https://app.sandbox.example/login")),
                 qPrintable(result->error().message()));
        QVERIFY(result->error().message().endsWith(
            QStringLiteral("): the key was rejected. Check the service-account key.")));
        QCOMPARE(m_sandbox->requestCount(), quint64(1)); // the redirect was not followed
    }

    void bearerExpiryFromToken()
    {
        QVERIFY(start(options(AuthMode::Bearer)));
        const qint64 exp = m_sandbox->nowMs() / 1000 + 3 * 86400;
        const QString token = SandboxServer::makeJwt({{QStringLiteral("exp"), exp}}, m_sandbox->jwtSecret());
        const BearerTokenAuthenticator authenticator(token);
        QCOMPARE(authenticator.expiry(),
                 std::optional<QDateTime>(QDateTime::fromSecsSinceEpoch(exp, Qt::UTC)));
    }

    void selfSignedRefused()
    {
        SandboxOptions sandboxOptions = options(AuthMode::Basic);
        sandboxOptions.tls = {m_certificates.selfSignedCertificate(), m_certificates.selfSignedKey()};
        QVERIFY2(start(sandboxOptions), qPrintable(m_sandbox->errorString()));
        auto api =
            client(std::make_unique<BasicAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")));
        const auto result = dags(*api);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Tls);
        const QString message = result->error().message();
        QVERIFY2(message.startsWith(QStringLiteral("The certificate of 127.0.0.1 is not trusted: ")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("(subject CN=")) &&
                     message.contains(QStringLiteral(", issuer CN=")),
                 qPrintable(message));
        QVERIFY(message.endsWith(
            QStringLiteral("If this deployment uses a private certificate authority, set its "
                           "CA bundle in the profile.")));
    }

    void caSignedNeedsItsBundle()
    {
        SandboxOptions sandboxOptions = options(AuthMode::Jwt);
        sandboxOptions.tls = {m_certificates.serverChain(), m_certificates.serverKey()};
        QVERIFY2(start(sandboxOptions), qPrintable(m_sandbox->errorString()));
        QCOMPARE(m_sandbox->baseUrl().scheme(), QStringLiteral("https"));

        auto without =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")));
        const auto refused = dags(*without);
        QVERIFY(!refused->ok());
        QCOMPARE(refused->error().kind(), ApiError::Kind::Tls);

        const auto bundle = AirflowClient::loadCaBundle(m_certificates.caCertificate());
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().message()));
        // Qt keeps a connection per host with the TLS configuration it was made with, so a client with
        // another CA list needs its own connection manager (as a session per profile has).
        QNetworkAccessManager otherNam;
        auto with =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")),
                   bundle.value(), &otherNam);
        const auto accepted = dags(*with); // the login request trusts the bundle too
        QVERIFY2(accepted->ok(), qPrintable(accepted->error().message()));
    }

    void connectionCheckPasses()
    {
        QVERIFY(start(options(AuthMode::Basic)));
        const auto report =
            check(std::make_unique<BasicAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")));
        QVERIFY2(report.ok(), qPrintable(report.toText()));
        QCOMPARE(report.steps.size(), 6);
        for (const auto &step : report.steps) {
            const auto expected = step.id == ConnectionCheck::Step::Id::Tls
                                      ? ConnectionCheck::Step::Status::Skipped
                                      : ConnectionCheck::Step::Status::Passed;
            QVERIFY2(step.status == expected || step.status == ConnectionCheck::Step::Status::Warning,
                     qPrintable(report.toText()));
        }
        QCOMPARE(report.step(ConnectionCheck::Step::Id::Credentials)->status,
                 ConnectionCheck::Step::Status::Passed);
        QCOMPARE(report.step(ConnectionCheck::Step::Id::Version)->status,
                 ConnectionCheck::Step::Status::Passed);
        QCOMPARE(report.api.kind, ApiKind::V1);
    }

    void connectionCheckWrongPassword()
    {
        QVERIFY(start(options(AuthMode::Jwt)));
        const auto report =
            check(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("ops"), QStringLiteral("nope")));
        QVERIFY(!report.ok());
        const auto *credentials = report.step(ConnectionCheck::Step::Id::Credentials);
        QVERIFY(credentials);
        QCOMPARE(credentials->status, ConnectionCheck::Step::Status::Failed);
        QVERIFY2(credentials->message.startsWith(
                     QStringLiteral("The server did not accept the user name and password")),
                 qPrintable(credentials->message));
        QCOMPARE(credentials->nextStep, QStringLiteral("Check the user name and password in the profile."));
        QCOMPARE(report.step(ConnectionCheck::Step::Id::Reachable)->status,
                 ConnectionCheck::Step::Status::Passed);
        QCOMPARE(report.step(ConnectionCheck::Step::Id::Scheduler)->status,
                 ConnectionCheck::Step::Status::Skipped);
        QVERIFY(report.toText().contains(QStringLiteral("[failed]  Credentials accepted: ")));
        QVERIFY(report.toText().contains(QStringLiteral("1 check failed.")));
    }

    void connectionCheckTls()
    {
        SandboxOptions sandboxOptions = options(AuthMode::Basic);
        sandboxOptions.tls = {m_certificates.serverChain(), m_certificates.serverKey()};
        QVERIFY2(start(sandboxOptions), qPrintable(m_sandbox->errorString()));
        const auto refused =
            check(std::make_unique<BasicAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")));
        QCOMPARE(refused.step(ConnectionCheck::Step::Id::Tls)->status, ConnectionCheck::Step::Status::Failed);
        QVERIFY(!refused.ok());

        const auto bundle = AirflowClient::loadCaBundle(m_certificates.caCertificate());
        QVERIFY(bundle.ok());
        const auto accepted =
            check(std::make_unique<BasicAuthenticator>(QStringLiteral("ops"), QStringLiteral("s3cret")),
                  bundle.value());
        QVERIFY2(accepted.ok(), qPrintable(accepted.toText()));
        QCOMPARE(accepted.step(ConnectionCheck::Step::Id::Tls)->status,
                 ConnectionCheck::Step::Status::Passed);
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_api_auth.moc"
