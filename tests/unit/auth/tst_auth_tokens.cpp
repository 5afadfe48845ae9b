#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/headerauthenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/oauth2clientcredentialsauthenticator.h"
#include "auth/softwarekeyauthenticator.h"
#include "fakes/rawhttpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>
#include <optional>

using namespace Windsock::Api;
using namespace Windsock::Auth;
using Windsock::Tests::RawHttpServer;

Q_DECLARE_METATYPE(Windsock::Api::ApiError::Kind)

namespace {

QString jwt(const QDateTime &expiry, const QString &id)
{
    const auto encode = [](const QByteArray &bytes) {
        return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("admin")}, {QStringLiteral("jti"), id}};
    claims.insert(QStringLiteral("exp"), expiry.toSecsSinceEpoch());
    return QString::fromLatin1(encode("{\"alg\":\"HS256\"}") + '.' +
                               encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' +
                               encode("sig"));
}

int countOf(const QList<RawHttpServer::Request> &requests, const QByteArray &path)
{
    int count = 0;
    for (const auto &request : requests)
        count += request.url().path() == QString::fromLatin1(path) ? 1 : 0;
    return count;
}

} // namespace

// Each authenticator's header and token life cycle, through the client, against a fake server.
class TestAuthTokens final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AirflowClient> client(std::unique_ptr<Authenticator> authenticator)
    {
        return std::make_unique<AirflowClient>(&m_nam, m_server->baseUrl(), std::make_unique<DialectV1>(),
                                               std::move(authenticator));
    }

    std::optional<Result<RawResponse>> get(AirflowClient &api, const QString &path)
    {
        std::optional<Result<RawResponse>> result;
        RawRequest request;
        request.path = path;
        api.send(request, this, [&result](const Result<RawResponse> &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
        return result;
    }

    // A fake Airflow 3: /auth/token issues t1, t2, ... (or refuses a wrong password); the API accepts only
    // the tokens in m_valid.
    RawHttpServer::Answer airflow3(const RawHttpServer::Request &request)
    {
        if (request.url().path() == QLatin1String("/auth/token")) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            if (body.value(QLatin1String("password")).toString() != QLatin1String("pw"))
                return {RawHttpServer::json(401, "{\"detail\":\"Invalid credentials\"}")};
            const QString token = jwt(m_now.addSecs(3600), QStringLiteral("t%1").arg(++m_issued));
            m_valid.append(token);
            return {
                RawHttpServer::json(201, QJsonDocument(QJsonObject{{QStringLiteral("access_token"), token}})
                                             .toJson(QJsonDocument::Compact))};
        }
        const QByteArray authorization = request.header("Authorization");
        for (const QString &token : std::as_const(m_valid)) {
            if (authorization == "Bearer " + token.toLatin1())
                return {RawHttpServer::json(200, "{\"dags\":[],\"total_entries\":0}")};
        }
        return {RawHttpServer::json(401, "{\"detail\":\"Token Expired\"}")};
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<RawHttpServer> m_server;
    QDateTime m_now;
    QStringList m_valid;
    int m_issued = 0;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<RawHttpServer>();
        QVERIFY(m_server->listen());
        m_now = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
        m_valid.clear();
        m_issued = 0;
    }

    void staticHeaders_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("basic") << QStringLiteral("basic") << QByteArray("Authorization")
                               << QByteArray("Basic ") + QByteArray("admin:pw").toBase64();
        QTest::newRow("bearer") << QStringLiteral("bearer") << QByteArray("Authorization")
                                << QByteArray("Bearer b3arer-xyz");
        QTest::newRow("software raw")
            << QStringLiteral("software") << QByteArray("Authorization") << QByteArray("key1");
        QTest::newRow("software bearer")
            << QStringLiteral("software-bearer") << QByteArray("Authorization") << QByteArray("Bearer key1");
        QTest::newRow("custom header")
            << QStringLiteral("header") << QByteArray("X-Api-Key") << QByteArray("v1");
    }

    void staticHeaders()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        std::unique_ptr<Authenticator> authenticator;
        if (kind == QLatin1String("basic"))
            authenticator =
                std::make_unique<BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw"));
        else if (kind == QLatin1String("bearer"))
            authenticator = std::make_unique<BearerTokenAuthenticator>(QStringLiteral("b3arer-xyz"));
        else if (kind == QLatin1String("software"))
            authenticator = std::make_unique<SoftwareKeyAuthenticator>(QStringLiteral("key1"), false);
        else if (kind == QLatin1String("software-bearer"))
            authenticator = std::make_unique<SoftwareKeyAuthenticator>(QStringLiteral("key1"), true);
        else
            authenticator =
                std::make_unique<HeaderAuthenticator>(QByteArray("X-Api-Key"), QStringLiteral("v1"));
        QVERIFY(!authenticator->needsToken());
        QVERIFY(!authenticator->discardToken());
        for (const QString &secret : authenticator->secrets())
            QVERIFY(!authenticator->redactedDescription().contains(secret));
        m_server->setAnswer(RawHttpServer::json(200, "{}"));
        auto api = client(std::move(authenticator));
        const auto result = get(*api, QStringLiteral("/api/v1/dags"));
        QVERIFY(result->ok());
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().first().header(header), value);
    }

    void jwtLoginThenBearer()
    {
        m_server->setResponder([this](const RawHttpServer::Request &request) { return airflow3(request); });
        auto authenticator =
            std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw"));
        JwtLoginAuthenticator *jwtLogin = authenticator.get();
        jwtLogin->setClock([this] { return m_now; });
        auto api = client(std::move(authenticator));
        const auto result = get(*api, QStringLiteral("/api/v2/dags"));
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QCOMPARE(result->value().status, 200);
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).url().path(), QStringLiteral("/auth/token"));
        const QJsonObject login = QJsonDocument::fromJson(requests.at(0).body).object();
        QCOMPARE(login.value(QLatin1String("username")).toString(), QStringLiteral("admin"));
        QCOMPARE(login.value(QLatin1String("password")).toString(), QStringLiteral("pw"));
        QCOMPARE(requests.at(1).header("Authorization"), "Bearer " + m_valid.first().toLatin1());
        // The expiry comes from the JWT; the secrets list the password and the token obtained.
        QCOMPARE(jwtLogin->tokenExpiry(), std::optional<QDateTime>(m_now.addSecs(3600)));
        QVERIFY(jwtLogin->secrets().contains(QStringLiteral("pw")));
        QVERIFY(jwtLogin->secrets().contains(m_valid.first()));
        QVERIFY(!jwtLogin->redactedDescription().contains(QStringLiteral("pw")));
    }

    void jwtLoginRejected()
    {
        m_server->setResponder([this](const RawHttpServer::Request &request) { return airflow3(request); });
        auto api =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("wrong")));
        const auto result = get(*api, QStringLiteral("/api/v2/dags"));
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Unauthorized);
        QCOMPARE(
            result->error().message(),
            QStringLiteral("The server did not accept the user name and password (HTTP 401). Airflow said: "
                           "Invalid credentials"));
        QCOMPARE(m_server->requests().size(), 1); // one login, no retry loop, the request never sent
    }

    void concurrentRequestsShareOneLogin()
    {
        m_server->setResponder([this](const RawHttpServer::Request &request) { return airflow3(request); });
        auto api =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw")));
        int succeeded = 0;
        int answered = 0;
        for (int i = 0; i < 5; ++i) {
            RawRequest request;
            request.path = QStringLiteral("/api/v2/dags?offset=%1").arg(i);
            api->send(request, this, [&](const Result<RawResponse> &r) {
                ++answered;
                succeeded += r.ok() && r.value().status == 200 ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 5, 10000);
        QCOMPARE(succeeded, 5);
        QCOMPARE(countOf(m_server->requests(), "/auth/token"), 1);
    }

    void reloginAfter401()
    {
        m_server->setResponder([this](const RawHttpServer::Request &request) { return airflow3(request); });
        auto authenticator =
            std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw"));
        authenticator->setClock([this] { return m_now; });
        auto api = client(std::move(authenticator));
        QVERIFY(get(*api, QStringLiteral("/api/v2/dags"))->ok());
        m_valid.clear(); // the server expires every token it issued
        const auto second = get(*api, QStringLiteral("/api/v2/dags"));
        QVERIFY2(second->ok(), qPrintable(second->error().message()));
        QCOMPARE(second->value().status, 200);
        QCOMPARE(countOf(m_server->requests(), "/auth/token"), 2);
        QCOMPARE(countOf(m_server->requests(), "/api/v2/dags"), 3); // first, refused, replayed
    }

    void second401IsTheAnswer()
    {
        // The server issues tokens but accepts none: one re-login and one replay, then the 401 stands.
        m_server->setResponder([this](const RawHttpServer::Request &request) {
            RawHttpServer::Answer answer = airflow3(request);
            m_valid.clear();
            return answer;
        });
        auto api =
            client(std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw")));
        const auto result = get(*api, QStringLiteral("/api/v2/dags"));
        QVERIFY(result->ok()); // send() hands HTTP statuses back as answers
        QCOMPARE(result->value().status, 401);
        QCOMPARE(countOf(m_server->requests(), "/auth/token"), 2);
        QCOMPARE(countOf(m_server->requests(), "/api/v2/dags"), 2);
    }

    void newLoginBeforeExpiry()
    {
        m_server->setResponder([this](const RawHttpServer::Request &request) { return airflow3(request); });
        auto authenticator =
            std::make_unique<JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("pw"));
        authenticator->setClock([this] { return m_now; });
        auto api = client(std::move(authenticator));
        QVERIFY(get(*api, QStringLiteral("/api/v2/dags"))->ok());
        m_now = m_now.addSecs(3600 - 10); // within the margin before exp: a new login, no 401 first
        QVERIFY(api->authenticator().needsToken());
        const auto result = get(*api, QStringLiteral("/api/v2/dags"));
        QCOMPARE(result->value().status, 200);
        QCOMPARE(countOf(m_server->requests(), "/auth/token"), 2);
        QCOMPARE(countOf(m_server->requests(), "/api/v2/dags"), 2);
    }

    void oauth2CachesToken()
    {
        int tokenRequests = 0;
        QByteArray form;
        m_server->setResponder([&](const RawHttpServer::Request &request) -> RawHttpServer::Answer {
            if (request.url().path() == QLatin1String("/oauth/token")) {
                ++tokenRequests;
                form = request.body;
                return {RawHttpServer::json(200, "{\"access_token\":\"oa-" +
                                                     QByteArray::number(tokenRequests) +
                                                     "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")};
            }
            return {RawHttpServer::json(200, "{}")};
        });
        QUrl tokenUrl = m_server->baseUrl();
        tokenUrl.setPath(QStringLiteral("/oauth/token"));
        auto authenticator = std::make_unique<OAuth2ClientCredentialsAuthenticator>(
            tokenUrl, QStringLiteral("client-1"), QStringLiteral("s3cret&x"), QStringLiteral("astronomer-ee"),
            QString());
        authenticator->setClock([this] { return m_now; });
        auto api = client(std::move(authenticator));
        QVERIFY(get(*api, QStringLiteral("/api/v1/dags"))->ok());
        QVERIFY(get(*api, QStringLiteral("/api/v1/dags"))->ok());
        QCOMPARE(tokenRequests, 1);
        const QUrlQuery query(QString::fromLatin1(form));
        QCOMPARE(query.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
        QCOMPARE(query.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded),
                 QStringLiteral("s3cret&x"));
        QCOMPARE(query.queryItemValue(QStringLiteral("audience")), QStringLiteral("astronomer-ee"));
        QVERIFY(!query.hasQueryItem(QStringLiteral("scope")));
        QCOMPARE(m_server->requests().last().header("Authorization"), QByteArray("Bearer oa-1"));
        m_now = m_now.addSecs(3600);
        QVERIFY(get(*api, QStringLiteral("/api/v1/dags"))->ok());
        QCOMPARE(tokenRequests, 2);
        QCOMPARE(m_server->requests().last().header("Authorization"), QByteArray("Bearer oa-2"));
        QVERIFY(api->authenticator().secrets().contains(QStringLiteral("s3cret&x")));
        QVERIFY(api->authenticator().secrets().contains(QStringLiteral("oa-2")));
    }

    void oauth2Errors_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid client")
            << RawHttpServer::json(401,
                                   "{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}")
            << ApiError::Kind::Unauthorized
            << QStringLiteral(
                   "The token endpoint at 127.0.0.1 refused the client credentials: the client id or "
                   "client secret was not accepted (\"Unknown client\") (HTTP 401).");
        QTest::newRow("invalid scope")
            << RawHttpServer::json(400, "{\"error\":\"invalid_scope\"}") << ApiError::Kind::Unauthorized
            << QStringLiteral(
                   "The token endpoint at 127.0.0.1 refused the client credentials: the scope is not "
                   "valid for this client (HTTP 400).");
        QTest::newRow("server error")
            << RawHttpServer::response(500, "text/plain", "boom") << ApiError::Kind::Http
            << QStringLiteral("The token endpoint at 127.0.0.1 failed (HTTP 500).");
        QTest::newRow("no token") << RawHttpServer::json(200, "{\"token_type\":\"Bearer\"}")
                                  << ApiError::Kind::UnexpectedShape
                                  << QStringLiteral(
                                         "The token endpoint at 127.0.0.1 answered without an access_token.");
    }

    void oauth2Errors()
    {
        QFETCH(QByteArray, answer);
        QFETCH(ApiError::Kind, kind);
        QFETCH(QString, message);
        m_server->setAnswer(answer);
        QUrl tokenUrl = m_server->baseUrl();
        tokenUrl.setPath(QStringLiteral("/oauth/token"));
        auto api = client(std::make_unique<OAuth2ClientCredentialsAuthenticator>(
            tokenUrl, QStringLiteral("client-1"), QStringLiteral("secret"), QString(), QString()));
        const auto result = get(*api, QStringLiteral("/api/v1/dags"));
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), kind);
        QCOMPARE(result->error().message(), message);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void softwareKeyRedirect()
    {
        const QByteArray location =
            "https://app.example.com/login?rd=https://deployments.example.com/x/airflow";
        m_server->setAnswer(
            RawHttpServer::response(302, "text/html", "<html>moved</html>", {{"Location", location}}));
        auto api = std::make_unique<AirflowClient>(
            &m_nam, m_server->baseUrl(), std::make_unique<DialectV1>(),
            std::make_unique<SoftwareKeyAuthenticator>(QStringLiteral("k"), false));
        std::optional<Result<Page<Dag>>> result;
        api->dags(DagQuery{}, this, [&result](const Result<Page<Dag>> &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Redirected);
        QCOMPARE(result->error().message(),
                 QStringLiteral(
                     "The deployment redirected to its login page (%1): the key was rejected. Check the "
                     "service-account key.")
                     .arg(QString::fromLatin1(location)));
        QCOMPARE(m_server->requests().size(), 1); // never followed
    }
};

QTEST_GUILESS_MAIN(TestAuthTokens)
#include "tst_auth_tokens.moc"
