#pragma once

#include "apiresponse.h"
#include "oauthtokenendpoint.h"
#include "sandboxoptions.h"
#include "tokenissuer.h"

#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxClock;

// Authentication of the sandbox, one mode per profile kind (see AuthMode). It serves the token endpoints
// (/auth/token in Jwt mode, the OAuth2 path in OAuth2 mode) and judges the Authorization header of API
// requests, answering a refusal the way the emulated server does:
//   Basic     401 problem+json
//   Jwt       401 {"detail":"Not authenticated"}, 401 {"detail":"Token Expired"}, 403 {"detail":"Invalid JWT
//   token"} Bearer    401 problem+json Software  302 to the login URL, empty body (Houston's auth proxy)
//   OAuth2    401 problem+json
class SandboxAuth
{
public:
    SandboxAuth(const SandboxOptions &options, const SandboxClock *clock);

    // The answer for a token endpoint of the current mode, or nothing when the request is not for one.
    std::optional<ApiResponse> answerTokenRequest(const ApiRequest &request);
    // Nothing when the request may pass, else the refusal.
    std::optional<ApiResponse> refusal(const ApiRequest &request) const;

    AuthMode mode() const { return m_mode; }
    quint64 tokensIssued() const { return m_issuer.issued(); }
    const QByteArray &secret() const { return m_issuer.secret(); }

private:
    ApiResponse login(const ApiRequest &request);
    bool basicAccepted(const QByteArray &authorization) const;
    std::optional<ApiResponse> jwtRefusal(const QByteArray &authorization) const;
    std::optional<ApiResponse> bearerRefusal(const QByteArray &authorization) const;
    std::optional<ApiResponse> softwareRefusal(const QByteArray &authorization) const;

    AuthMode m_mode;
    QList<QPair<QString, QString>> m_users;
    qint64 m_jwtLifetimeSeconds;
    QStringList m_bearerTokens;
    QStringList m_softwareKeys;
    QUrl m_softwareLoginUrl;
    QString m_oauthTokenPath;
    TokenIssuer m_issuer;
    OAuthTokenEndpoint m_oauth;
};

} // namespace Windsock::Sandbox
