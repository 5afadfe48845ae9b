// The sandbox's auth modes over loopback, one per profile kind: Basic, Airflow 3 JWT login, static bearer
// tokens (Astro), Astronomer Software keys (302 to the login page), OAuth2 client credentials.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrlQuery>

using namespace Windsock::Sandbox;

namespace {

const QByteArray notAuthenticated = QByteArrayLiteral("{\"detail\":\"Not authenticated\"}");
const QByteArray tokenExpired = QByteArrayLiteral("{\"detail\":\"Token Expired\"}");
const QByteArray invalidJwt = QByteArrayLiteral("{\"detail\":\"Invalid JWT token\"}");
const QByteArray json = QByteArrayLiteral("application/json");
const QByteArray problemJson = QByteArrayLiteral("application/problem+json");

SandboxOptions manualOptions(AuthMode mode)
{
    SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = ClockKind::Manual;
    options.auth = mode;
    return options;
}

QByteArray basic(const QByteArray &credentials)
{
    return "Basic " + credentials.toBase64();
}

QJsonObject part(const QByteArray &token, int index)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(token.split('.').value(index), QByteArray::Base64UrlEncoding))
        .object();
}

} // namespace

class TestSandboxAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void basicIsTheDefault();
    void openPathsNeedNoCredentials_data();
    void openPathsNeedNoCredentials();
    void jwtLogin_data();
    void jwtLogin();
    void jwtIsSignedHs256WithClaims();
    void jwtApiAccess_data();
    void jwtApiAccess();
    void jwtExpiresOnTheSandboxClock();
    void jwtTokensAreDeterministicFromTheSeed();
    void bearerTokens_data();
    void bearerTokens();
    void bearerJwtShapedTokenExpires();
    void softwareKeys_data();
    void softwareKeys();
    void oauthGrant_data();
    void oauthGrant();
    void oauthTokensWorkUntilTheyExpire();
    void oauthTokenPathIsConfigurable();

private:
    void start(const SandboxOptions &options);
    HttpAnswer call(const QByteArray &verb, const QString &path, const QByteArray &authorization,
                    const QByteArray &body = QByteArray(), const QByteArray &contentType = QByteArray());
    QByteArray login(const QString &user, const QString &password);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxAuth::start(const SandboxOptions &options)
{
    m_http.reset();
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

HttpAnswer TestSandboxAuth::call(const QByteArray &verb, const QString &path, const QByteArray &authorization,
                                 const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request(m_http->url(path));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return m_http->exchange(request, verb, body);
}

QByteArray TestSandboxAuth::login(const QString &user, const QString &password)
{
    const QJsonObject credentials{{QStringLiteral("username"), user}, {QStringLiteral("password"), password}};
    const HttpAnswer answer = call("POST", QStringLiteral("/auth/token"), QByteArray(),
                                   QJsonDocument(credentials).toJson(QJsonDocument::Compact), json);
    if (answer.status != 201)
        return QByteArray();
    return answer.json().value(QStringLiteral("access_token")).toString().toLatin1();
}

void TestSandboxAuth::basicIsTheDefault()
{
    SandboxOptions options;
    options.dagCount = 5;
    QCOMPARE(options.auth, AuthMode::Basic);
    start(options);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), basic("admin:admin")).status, 200);
    const HttpAnswer refused = call("GET", QStringLiteral("/api/v1/dags"), basic("admin:wrong"));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.contentType, problemJson);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), "Bearer admin").status, 401);
    // No token endpoint in this mode: Airflow 2 answers 404 there, which is how clients tell it apart.
    QCOMPARE(call("POST", QStringLiteral("/auth/token"), QByteArray(), "{}", json).status, 404);
    QCOMPARE(m_server->tokensIssued(), quint64(0));
}

void TestSandboxAuth::openPathsNeedNoCredentials_data()
{
    QTest::addColumn<AuthMode>("mode");
    QTest::newRow("basic") << AuthMode::Basic;
    QTest::newRow("jwt") << AuthMode::Jwt;
    QTest::newRow("bearer") << AuthMode::Bearer;
    QTest::newRow("software") << AuthMode::Software;
    QTest::newRow("oauth2") << AuthMode::OAuth2;
}

void TestSandboxAuth::openPathsNeedNoCredentials()
{
    QFETCH(AuthMode, mode);
    start(manualOptions(mode));
    QCOMPARE(call("GET", QStringLiteral("/api/v1/version"), QByteArray()).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/health"), QByteArray()).status, 200);
    QVERIFY(call("GET", QStringLiteral("/api/v1/dags"), QByteArray()).status != 200);
}

void TestSandboxAuth::jwtLogin_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer"); // exact body, or empty to check for an access_token

    QTest::newRow("json") << QByteArrayLiteral("{\"username\":\"admin\",\"password\":\"admin\"}") << json
                          << 201 << QByteArray();
    QTest::newRow("form") << QByteArrayLiteral("username=admin&password=admin")
                          << QByteArrayLiteral("application/x-www-form-urlencoded") << 201 << QByteArray();
    QTest::newRow("wrong password") << QByteArrayLiteral("{\"username\":\"admin\",\"password\":\"nope\"}")
                                    << json << 401
                                    << QByteArrayLiteral("{\"detail\":\"Invalid credentials\"}");
    QTest::newRow("unknown user") << QByteArrayLiteral("{\"username\":\"eve\",\"password\":\"admin\"}")
                                  << json << 401 << QByteArrayLiteral("{\"detail\":\"Invalid credentials\"}");
    const QByteArray missing = QByteArrayLiteral("{\"detail\":\"Username and password must be provided\"}");
    QTest::newRow("no password") << QByteArrayLiteral("{\"username\":\"admin\"}") << json << 400 << missing;
    QTest::newRow("no username") << QByteArrayLiteral("{\"password\":\"admin\"}") << json << 400 << missing;
    QTest::newRow("not json") << QByteArrayLiteral("admin:admin") << json << 400 << missing;
}

void TestSandboxAuth::jwtLogin()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    start(manualOptions(AuthMode::Jwt));
    const HttpAnswer reply = call("POST", QStringLiteral("/auth/token"), QByteArray(), body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, json);
    if (answer.isEmpty()) {
        QCOMPARE(reply.json().keys(), QStringList{QStringLiteral("access_token")});
        QCOMPARE(reply.json().value(QStringLiteral("access_token")).toString().count(u'.'), 2);
        QCOMPARE(m_server->tokensIssued(), quint64(1));
    } else {
        QCOMPARE(reply.body, answer);
        QCOMPARE(m_server->tokensIssued(), quint64(0));
    }
}

void TestSandboxAuth::jwtIsSignedHs256WithClaims()
{
    SandboxOptions options = manualOptions(AuthMode::Jwt);
    options.jwtLifetimeSeconds = 600;
    start(options);
    const QByteArray token = login(QStringLiteral("admin"), QStringLiteral("admin"));
    QVERIFY(!token.isEmpty());
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    for (const QByteArray &p : parts)
        QVERIFY2(!p.contains('=') && !p.contains('+') && !p.contains('/'), p.constData()); // base64url
    QCOMPARE(part(token, 0).value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    const QJsonObject claims = part(token, 1);
    const qint64 now = m_server->nowMs() / 1000;
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("admin"));
    QCOMPARE(qint64(claims.value(QStringLiteral("iat")).toDouble()), now);
    QCOMPARE(qint64(claims.value(QStringLiteral("nbf")).toDouble()), now);
    QCOMPARE(qint64(claims.value(QStringLiteral("exp")).toDouble()), now + 600);
    const QByteArray signature =
        QMessageAuthenticationCode::hash(parts[0] + '.' + parts[1], m_server->jwtSecret(),
                                         QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(parts[2], signature);
    // makeJwt signs the same way: the same claims give the same token.
    QCOMPARE(SandboxServer::makeJwt(claims, m_server->jwtSecret()).toLatin1().split('.').value(1), parts[1]);
}

void TestSandboxAuth::jwtApiAccess_data()
{
    QTest::addColumn<QString>("scheme"); // how to build the header from a fresh valid token
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");

    QTest::newRow("valid") << QStringLiteral("bearer") << 200 << QByteArray();
    QTest::newRow("lower-case scheme") << QStringLiteral("lower") << 200 << QByteArray();
    QTest::newRow("none") << QStringLiteral("none") << 401 << notAuthenticated;
    QTest::newRow("basic") << QStringLiteral("basic") << 401 << notAuthenticated;
    QTest::newRow("raw token") << QStringLiteral("raw") << 401 << notAuthenticated;
    QTest::newRow("garbage") << QStringLiteral("garbage") << 403 << invalidJwt;
    QTest::newRow("other secret") << QStringLiteral("forged") << 403 << invalidJwt;
    QTest::newRow("altered claims") << QStringLiteral("altered") << 403 << invalidJwt;
    QTest::newRow("alg none") << QStringLiteral("none-alg") << 403 << invalidJwt;
    QTest::newRow("not yet valid") << QStringLiteral("future") << 403 << invalidJwt;
    QTest::newRow("forged expired") << QStringLiteral("expired") << 401 << tokenExpired;
}

void TestSandboxAuth::jwtApiAccess()
{
    QFETCH(QString, scheme);
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    start(manualOptions(AuthMode::Jwt));
    const QByteArray token = login(QStringLiteral("admin"), QStringLiteral("admin"));
    QVERIFY(!token.isEmpty());
    const qint64 now = m_server->nowMs() / 1000;
    const QJsonObject claims = part(token, 1);
    QByteArray header;
    if (scheme == QLatin1String("bearer"))
        header = "Bearer " + token;
    else if (scheme == QLatin1String("lower"))
        header = "bearer " + token;
    else if (scheme == QLatin1String("basic"))
        header = basic("admin:admin");
    else if (scheme == QLatin1String("raw"))
        header = token;
    else if (scheme == QLatin1String("garbage"))
        header = "Bearer not-a-jwt";
    else if (scheme == QLatin1String("forged"))
        header = "Bearer " + SandboxServer::makeJwt(claims, "another secret").toLatin1();
    else if (scheme == QLatin1String("altered")) {
        QJsonObject admin = claims;
        admin.insert(QStringLiteral("sub"), QStringLiteral("root"));
        const QList<QByteArray> parts = token.split('.');
        header = "Bearer " + parts[0] + '.' +
                 QJsonDocument(admin)
                     .toJson(QJsonDocument::Compact)
                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                 '.' + parts[2];
    } else if (scheme == QLatin1String("none-alg")) {
        const QByteArray head = QByteArrayLiteral("{\"alg\":\"none\"}")
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        header = "Bearer " + head + '.' + token.split('.').value(1) + '.';
    } else if (scheme == QLatin1String("future")) {
        QJsonObject later = claims;
        later.insert(QStringLiteral("nbf"), now + 60);
        header = "Bearer " + SandboxServer::makeJwt(later, m_server->jwtSecret()).toLatin1();
    } else if (scheme == QLatin1String("expired")) {
        QJsonObject old = claims;
        old.insert(QStringLiteral("exp"), now);
        header = "Bearer " + SandboxServer::makeJwt(old, m_server->jwtSecret()).toLatin1();
    }
    const HttpAnswer reply = call("GET", QStringLiteral("/api/v1/dags"), header);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, json);
    if (!answer.isEmpty())
        QCOMPARE(reply.body, answer);
    else
        QCOMPARE(reply.json().value(QStringLiteral("total_entries")).toInt(), 5);
}

void TestSandboxAuth::jwtExpiresOnTheSandboxClock()
{
    SandboxOptions options = manualOptions(AuthMode::Jwt);
    options.jwtLifetimeSeconds = 60;
    options.users = {{QStringLiteral("ops"), QStringLiteral("s3cret")}};
    start(options);
    QVERIFY(login(QStringLiteral("admin"), QStringLiteral("admin")).isEmpty()); // replaced by `users`
    const QByteArray token = login(QStringLiteral("ops"), QStringLiteral("s3cret"));
    QVERIFY(!token.isEmpty());
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), "Bearer " + token).status, 200);
    m_server->advanceClock(59999);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/pools"), "Bearer " + token).status, 200);
    m_server->advanceClock(1);
    const HttpAnswer expired = call("GET", QStringLiteral("/api/v1/dags"), "Bearer " + token);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.contentType, json);
    QCOMPARE(expired.body, tokenExpired);
    // A client logs in again once and replays.
    const QByteArray fresh = login(QStringLiteral("ops"), QStringLiteral("s3cret"));
    QVERIFY(fresh != token);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), "Bearer " + fresh).status, 200);
    QCOMPARE(m_server->tokensIssued(), quint64(2));
}

void TestSandboxAuth::jwtTokensAreDeterministicFromTheSeed()
{
    SandboxOptions options = manualOptions(AuthMode::Jwt);
    options.seed = 7;
    start(options);
    const QByteArray first = login(QStringLiteral("admin"), QStringLiteral("admin"));
    start(options);
    QCOMPARE(login(QStringLiteral("admin"), QStringLiteral("admin")), first);
    options.seed = 8;
    start(options);
    QVERIFY(login(QStringLiteral("admin"), QStringLiteral("admin")) != first);
    options.jwtSecret = QByteArrayLiteral("configured");
    start(options);
    QCOMPARE(m_server->jwtSecret(), QByteArrayLiteral("configured"));
}

void TestSandboxAuth::bearerTokens_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");

    QTest::newRow("first token") << QByteArrayLiteral("Bearer astro-token-1") << 200;
    QTest::newRow("second token") << QByteArrayLiteral("Bearer astro-token-2") << 200;
    QTest::newRow("wrong token") << QByteArrayLiteral("Bearer astro-token-3") << 401;
    QTest::newRow("no scheme") << QByteArrayLiteral("astro-token-1") << 401;
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("basic") << basic("admin:admin") << 401;
}

void TestSandboxAuth::bearerTokens()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    SandboxOptions options = manualOptions(AuthMode::Bearer);
    options.bearerTokens = {QStringLiteral("astro-token-1"), QStringLiteral("astro-token-2")};
    start(options);
    const HttpAnswer reply = call("GET", QStringLiteral("/api/v1/dags"), authorization);
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QCOMPARE(reply.contentType, problemJson);
        QCOMPARE(reply.json().value(QStringLiteral("status")).toInt(), 401);
        QCOMPARE(reply.json().value(QStringLiteral("title")).toString(), QStringLiteral("Unauthorized"));
    }
    QCOMPARE(m_server->tokensIssued(), quint64(0));
}

void TestSandboxAuth::bearerJwtShapedTokenExpires()
{
    SandboxOptions options = manualOptions(AuthMode::Bearer);
    const qint64 now = options.manualClockStartMs / 1000;
    const QString token = SandboxServer::makeJwt(
        QJsonObject{{QStringLiteral("sub"), QStringLiteral("api-token")},
                    {QStringLiteral("permissions"), QJsonArray{QStringLiteral("workspaceId:ws1")}},
                    {QStringLiteral("exp"), now + 3 * 86400}},
        "astro");
    options.bearerTokens = {token};
    start(options);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), "Bearer " + token.toLatin1()).status, 200);
    m_server->advanceClock(3 * 86400 * 1000LL);
    const HttpAnswer expired = call("GET", QStringLiteral("/api/v1/dags"), "Bearer " + token.toLatin1());
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.contentType, problemJson);
}

void TestSandboxAuth::softwareKeys_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("loginUrl"); // empty: the default
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");

    const QByteArray defaultLogin = QByteArrayLiteral("https://app.sandbox.example/login");
    QTest::newRow("raw key") << QByteArrayLiteral("sa-key-1") << QString() << 200 << QByteArray();
    QTest::newRow("bearer key") << QByteArrayLiteral("Bearer sa-key-1") << QString() << 200 << QByteArray();
    QTest::newRow("wrong key") << QByteArrayLiteral("sa-key-2") << QString() << 302 << defaultLogin;
    QTest::newRow("none") << QByteArray() << QString() << 302 << defaultLogin;
    QTest::newRow("basic") << basic("admin:admin") << QString() << 302 << defaultLogin;
    QTest::newRow("configured login")
        << QByteArrayLiteral("Bearer nope") << QStringLiteral("https://app.astro.example/login?rd=x") << 302
        << QByteArrayLiteral("https://app.astro.example/login?rd=x");
}

void TestSandboxAuth::softwareKeys()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, loginUrl);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    SandboxOptions options = manualOptions(AuthMode::Software);
    options.softwareKeys = {QStringLiteral("sa-key-1")};
    if (!loginUrl.isEmpty())
        options.softwareLoginUrl = QUrl(loginUrl);
    start(options);
    const HttpAnswer reply = call("GET", QStringLiteral("/api/v1/dags"), authorization);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.location, location);
    if (status == 302) {
        QCOMPARE(reply.body, QByteArray());
        QCOMPARE(reply.contentLength, QByteArrayLiteral("0"));
        QCOMPARE(reply.contentType, QByteArray());
    } else {
        QCOMPARE(reply.json().value(QStringLiteral("total_entries")).toInt(), 5);
    }
}

void TestSandboxAuth::oauthGrant_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error"); // empty: a token is expected

    const QByteArray form = QByteArrayLiteral("application/x-www-form-urlencoded");
    QTest::newRow("form") << QByteArrayLiteral("grant_type=client_credentials&client_id=key-id&client_secret="
                                               "key%2Bsecret&audience=astronomer-ee")
                          << form << QByteArray() << 200 << QString();
    QTest::newRow("json") << QByteArrayLiteral(
                                 "{\"grant_type\":\"client_credentials\",\"client_id\":\"key-id\","
                                 "\"client_secret\":\"key+secret\",\"audience\":\"astronomer-ee\"}")
                          << json << QByteArray() << 200 << QString();
    QTest::newRow("basic client auth")
        << QByteArrayLiteral("grant_type=client_credentials&audience=astronomer-ee") << form
        << basic("key-id:key%2Bsecret") << 200 << QString();
    QTest::newRow("no audience needed")
        << QByteArrayLiteral("grant_type=client_credentials&client_id=open&client_secret=pw&scope=read+write")
        << form << QByteArray() << 200 << QString();
    QTest::newRow("wrong secret")
        << QByteArrayLiteral(
               "grant_type=client_credentials&client_id=key-id&client_secret=nope&audience=astronomer-ee")
        << form << QByteArray() << 401 << QStringLiteral("invalid_client");
    QTest::newRow("unknown client") << QByteArrayLiteral(
                                           "grant_type=client_credentials&client_id=who&client_secret=pw")
                                    << form << QByteArray() << 401 << QStringLiteral("invalid_client");
    QTest::newRow("no client") << QByteArrayLiteral("grant_type=client_credentials") << form << QByteArray()
                               << 401 << QStringLiteral("invalid_client");
    QTest::newRow("password grant")
        << QByteArrayLiteral("grant_type=password&client_id=open&client_secret=pw&username=a&password=b")
        << form << QByteArray() << 400 << QStringLiteral("unsupported_grant_type");
    QTest::newRow("no grant") << QByteArrayLiteral("client_id=open&client_secret=pw") << form << QByteArray()
                              << 400 << QStringLiteral("invalid_request");
    QTest::newRow("wrong audience")
        << QByteArrayLiteral(
               "grant_type=client_credentials&client_id=key-id&client_secret=key%2Bsecret&audience=other")
        << form << QByteArray() << 403 << QStringLiteral("access_denied");
}

void TestSandboxAuth::oauthGrant()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    SandboxOptions options = manualOptions(AuthMode::OAuth2);
    options.oauthClients = {
        {QStringLiteral("key-id"), QStringLiteral("key+secret"), QStringLiteral("astronomer-ee")},
        {QStringLiteral("open"), QStringLiteral("pw"), QString()}};
    start(options);
    const HttpAnswer reply = call("POST", QStringLiteral("/oauth/token"), authorization, body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, json);
    const QJsonObject answer = reply.json();
    if (error.isEmpty()) {
        QCOMPARE(answer.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(answer.value(QStringLiteral("expires_in")).toInt(), 3600);
        QVERIFY(!answer.value(QStringLiteral("access_token")).toString().isEmpty());
        QCOMPARE(m_server->tokensIssued(), quint64(1));
    } else {
        QCOMPARE(answer.value(QStringLiteral("error")).toString(), error);
        QVERIFY(!answer.value(QStringLiteral("error_description")).toString().isEmpty());
        QVERIFY(!answer.contains(QStringLiteral("access_token")));
        QCOMPARE(m_server->tokensIssued(), quint64(0));
    }
}

void TestSandboxAuth::oauthTokensWorkUntilTheyExpire()
{
    SandboxOptions options = manualOptions(AuthMode::OAuth2);
    options.oauthClients = {{QStringLiteral("id"), QStringLiteral("secret"), QString()}};
    options.oauthExpiresInSeconds = 120;
    start(options);
    const QByteArray form =
        QByteArrayLiteral("grant_type=client_credentials&client_id=id&client_secret=secret");
    const QByteArray formType = QByteArrayLiteral("application/x-www-form-urlencoded");
    const HttpAnswer granted = call("POST", QStringLiteral("/oauth/token"), QByteArray(), form, formType);
    QCOMPARE(granted.status, 200);
    QCOMPARE(granted.json().value(QStringLiteral("expires_in")).toInt(), 120);
    const QByteArray header =
        "Bearer " + granted.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), header).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), QByteArray()).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), "Bearer forged.token.here").status, 401);
    m_server->advanceClock(119000);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"), header).status, 200);
    m_server->advanceClock(1000);
    const HttpAnswer expired = call("GET", QStringLiteral("/api/v1/dags"), header);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.contentType, problemJson);
    const HttpAnswer again = call("POST", QStringLiteral("/oauth/token"), QByteArray(), form, formType);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/dags"),
                  "Bearer " + again.json().value(QStringLiteral("access_token")).toString().toLatin1())
                 .status,
             200);
    QCOMPARE(m_server->tokensIssued(), quint64(2));
}

void TestSandboxAuth::oauthTokenPathIsConfigurable()
{
    SandboxOptions options = manualOptions(AuthMode::OAuth2);
    options.oauthClients = {{QStringLiteral("id"), QStringLiteral("secret"), QString()}};
    options.oauthTokenPath = QStringLiteral("/idp/v1/token");
    start(options);
    const QByteArray form =
        QByteArrayLiteral("grant_type=client_credentials&client_id=id&client_secret=secret");
    const QByteArray formType = QByteArrayLiteral("application/x-www-form-urlencoded");
    QCOMPARE(call("POST", QStringLiteral("/idp/v1/token"), QByteArray(), form, formType).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/oauth/token"), QByteArray(), form, formType).status, 404);
    QCOMPARE(call("GET", QStringLiteral("/idp/v1/token"), QByteArray()).status, 405);
}

QTEST_GUILESS_MAIN(TestSandboxAuth)
#include "tst_sandbox_auth.moc"
