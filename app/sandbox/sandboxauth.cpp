#include "sandboxauth.h"

#include "apirequest.h"
#include "problem.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace Windsock::Sandbox {

namespace {

// FastAPI's error shape, as Airflow 3 answers: {"detail": "..."} in application/json.
ApiResponse detail(int status, const QString &text)
{
    return ApiResponse::json(QJsonObject{{QStringLiteral("detail"), text}}, status);
}

bool hasScheme(const QByteArray &header, const QByteArray &scheme)
{
    return header.size() > scheme.size() && header.left(scheme.size()).toLower() == scheme &&
           header.at(scheme.size()) == ' ';
}

// The token of `Authorization: Bearer <token>` (scheme case-insensitive), or an empty array.
QByteArray bearerToken(const QByteArray &authorization)
{
    const QByteArray header = authorization.trimmed();
    return hasScheme(header, QByteArrayLiteral("bearer")) ? header.mid(7).trimmed() : QByteArray();
}

} // namespace

SandboxAuth::SandboxAuth(const SandboxOptions &options, const SandboxClock *clock)
    : m_mode(options.auth)
    , m_users(options.users)
    , m_jwtLifetimeSeconds(options.jwtLifetimeSeconds)
    , m_bearerTokens(options.bearerTokens)
    , m_softwareKeys(options.softwareKeys)
    , m_softwareLoginUrl(options.softwareLoginUrl)
    , m_oauthTokenPath(options.oauthTokenPath)
    , m_issuer(options.jwtSecret.isEmpty() ? TokenIssuer::secretFromSeed(options.seed) : options.jwtSecret,
               clock)
    , m_oauth(options.oauthClients, options.oauthExpiresInSeconds, &m_issuer)
{}

std::optional<ApiResponse> SandboxAuth::answerTokenRequest(const ApiRequest &request)
{
    if (m_mode == AuthMode::Jwt && request.path == QLatin1String("/auth/token"))
        return login(request);
    if (m_mode == AuthMode::OAuth2 && request.path == m_oauthTokenPath)
        return m_oauth.answer(request);
    return std::nullopt;
}

std::optional<ApiResponse> SandboxAuth::refusal(const ApiRequest &request) const
{
    switch (m_mode) {
    case AuthMode::Basic:
        if (basicAccepted(request.authorization))
            return std::nullopt;
        return Problem::unauthenticated();
    case AuthMode::Jwt:
        return jwtRefusal(request.authorization);
    case AuthMode::Bearer:
        return bearerRefusal(request.authorization);
    case AuthMode::Software:
        return softwareRefusal(request.authorization);
    case AuthMode::OAuth2: {
        const QByteArray token = bearerToken(request.authorization);
        if (!token.isEmpty() && m_issuer.check(token) == Jwt::Check::Valid)
            return std::nullopt;
        return Problem::unauthenticated();
    }
    }
    return Problem::unauthenticated();
}

// Airflow 3's simple auth manager: POST /auth/token {"username","password"} -> 201 {"access_token"}.
ApiResponse SandboxAuth::login(const ApiRequest &request)
{
    if (request.method != "POST")
        return detail(405, QStringLiteral("Method Not Allowed"));
    QString user;
    QString password;
    if (request.contentType.trimmed().startsWith("application/x-www-form-urlencoded")) {
        QByteArray form = request.body;
        form.replace('+', QByteArrayLiteral("%20"));
        const QUrlQuery query(QString::fromLatin1(form));
        user = query.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded);
        password = query.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded);
    } else {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        user = body.value(QStringLiteral("username")).toString();
        password = body.value(QStringLiteral("password")).toString();
    }
    if (user.isEmpty() || password.isEmpty())
        return detail(400, QStringLiteral("Username and password must be provided"));
    for (const auto &known : m_users) {
        if (known.first == user && known.second == password) {
            const QJsonObject claims{{QStringLiteral("sub"), user},
                                     {QStringLiteral("role"), QStringLiteral("ADMIN")}};
            return ApiResponse::json(
                QJsonObject{{QStringLiteral("access_token"),
                             QString::fromLatin1(m_issuer.issue(claims, m_jwtLifetimeSeconds))}},
                201);
        }
    }
    return detail(401, QStringLiteral("Invalid credentials"));
}

bool SandboxAuth::basicAccepted(const QByteArray &authorization) const
{
    const QByteArray header = authorization.trimmed();
    if (!hasScheme(header, QByteArrayLiteral("basic")))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return false;
    const QString user = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    for (const auto &known : m_users) {
        if (known.first == user && known.second == password)
            return true;
    }
    return false;
}

std::optional<ApiResponse> SandboxAuth::jwtRefusal(const QByteArray &authorization) const
{
    const QByteArray token = bearerToken(authorization);
    if (token.isEmpty())
        return detail(401, QStringLiteral("Not authenticated"));
    switch (m_issuer.check(token)) {
    case Jwt::Check::Valid:
        return std::nullopt;
    case Jwt::Check::Expired:
        return detail(401, QStringLiteral("Token Expired"));
    case Jwt::Check::Malformed:
    case Jwt::Check::BadSignature:
    case Jwt::Check::NotYetValid:
        break;
    }
    return detail(403, QStringLiteral("Invalid JWT token"));
}

// Static tokens; one shaped like a JWT (as Astro's are) is also refused once its exp has passed.
std::optional<ApiResponse> SandboxAuth::bearerRefusal(const QByteArray &authorization) const
{
    const QByteArray token = bearerToken(authorization);
    if (token.isEmpty() || !m_bearerTokens.contains(QString::fromUtf8(token)))
        return Problem::unauthenticated();
    const QJsonValue exp = Jwt::unverifiedClaims(token).value(QStringLiteral("exp"));
    if (exp.isDouble() && qint64(exp.toDouble()) <= m_issuer.nowSeconds())
        return Problem::unauthenticated();
    return std::nullopt;
}

// Houston's auth proxy: `Authorization: <key>` (or `Bearer <key>`); otherwise a 302 to the login page.
std::optional<ApiResponse> SandboxAuth::softwareRefusal(const QByteArray &authorization) const
{
    QByteArray key = authorization.trimmed();
    if (hasScheme(key, QByteArrayLiteral("bearer")))
        key = key.mid(7).trimmed();
    if (!key.isEmpty() && m_softwareKeys.contains(QString::fromUtf8(key)))
        return std::nullopt;
    ApiResponse redirect{302, QByteArray(), QByteArray()};
    redirect.headers.append({QByteArrayLiteral("Location"), m_softwareLoginUrl.toEncoded()});
    return redirect;
}

} // namespace Windsock::Sandbox
