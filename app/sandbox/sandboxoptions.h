#pragma once

#include "discoveryfixture.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QtGlobal>

namespace Windsock::Sandbox {

// Faults the sandbox injects into its answers. Every decision is a pure function of the seed and the
// request's sequence number, so a run with the same flags and the same request order misbehaves the same way.
struct FaultOptions
{
    int latencyMs = 0;         // every answer is written this much later (the event loop stays free)
    double errorRate = 0.0;    // share of requests answered with a problem+json 500 or 503
    double dropRate = 0.0;     // share of connections aborted without an answer
    double truncateRate = 0.0; // share of answers cut short: Content-Length announced, fewer bytes sent
};

enum class ClockKind
{
    Real,  // wall time, sped up by clockSpeed
    Manual // starts at manualClockStart, moves only through SandboxServer::advanceClock()
};

// Which Airflow REST API the sandbox speaks.
enum class ApiVersion
{
    V1, // Airflow 2.x /api/v1 (the default)
    V2, // Airflow 3.x /api/v2: /api/v1 answers 404, and Basic auth becomes the simple auth manager's JWT
    Experimental // Airflow 1.10's /api/experimental only, authenticated by experimentalAuth (not auth)
};

// Airflow 1.10's [api] auth_backend, for ApiVersion::Experimental.
enum class ExperimentalAuth
{
    Basic,   // airflow.contrib.auth.backends.password_auth: HTTP Basic with `users`; the default
    DenyAll, // airflow.api.auth.backend.deny_all: every API request is a plain 403 "Forbidden"
    Default  // airflow.api.auth.backend.default: no authentication
};

// How API paths (all but /api/v1/version and /api/v1/health) are authenticated: one mode per profile kind.
enum class AuthMode
{
    Basic,    // HTTP Basic with `users` (Airflow 2's basic_auth backend); the default
    Jwt,      // Airflow 3's simple auth manager: POST /auth/token with `users` -> HS256 JWT, then Bearer
    Bearer,   // static API tokens (Astro): `bearerTokens`
    Software, // Astronomer Software: `Authorization: <key>` (or Bearer <key>); a bad key is a 302 to the
              // login
    OAuth2 // an OAuth2 client-credentials token endpoint; its tokens are accepted as Bearer until they expire
};

// A client of the OAuth2 token endpoint. An empty audience accepts any (or none); a set one must match.
struct OAuthClient
{
    QString clientId;
    QString secret;
    QString audience;
};

// HTTPS instead of HTTP: PEM files, the server certificate first and then any intermediates, and its
// unencrypted private key.
struct TlsOptions
{
    QString certificateChainFile;
    QString privateKeyFile;
    bool enabled() const { return !certificateChainFile.isEmpty(); }
};

struct SandboxOptions
{
    ApiVersion api = ApiVersion::V1;
    int dagCount = 40;
    int runsPerDag = 25;
    quint32 seed = 1;
    QList<QPair<QString, QString>> users{{QStringLiteral("admin"), QStringLiteral("admin")}}; // Basic and Jwt
    FaultOptions faults;
    ClockKind clock = ClockKind::Real;
    double clockSpeed = 1.0;                     // Real clock only: 60 makes one real second a sandbox minute
    qint64 manualClockStartMs = 1748779200000LL; // 2025-06-01T12:00:00Z

    AuthMode auth = AuthMode::Basic;
    ExperimentalAuth experimentalAuth = ExperimentalAuth::Basic; // ApiVersion::Experimental only
    qint64 jwtLifetimeSeconds = 86400; // Jwt: exp - iat, judged by the sandbox clock
    QByteArray jwtSecret;              // signs the Jwt and OAuth2 tokens; empty: derived from the seed
    QStringList bearerTokens;          // Bearer: accepted as is (a JWT-shaped one is refused after its exp)
    QStringList softwareKeys;          // Software
    QUrl softwareLoginUrl{
        QStringLiteral("https://app.sandbox.example/login")}; // Software: the 302's Location
    QList<OAuthClient> oauthClients;                          // OAuth2
    QString oauthTokenPath = QStringLiteral("/oauth/token");  // OAuth2
    qint64 oauthExpiresInSeconds = 3600;                      // OAuth2: expires_in of the issued tokens
    TlsOptions tls;

    // [webserver] expose_config: off, as in Airflow, so GET /config is a 403 unless set.
    bool exposeConfig = false;
    // [core] test_connection = Enabled: off, as in Airflow 2.7+, so POST /connections/test is a 403 unless
    // set.
    bool allowConnectionTest = false;
    // What GET /api/v1/version reports: the client gates features by it (notes need 2.5, tries 2.10).
    QString airflowVersion = QStringLiteral("2.10.5");
    // How many DAG files fail to import (GET /importErrors): 0 (an empty list) or 1 (the default).
    int importErrorCount = 1;
    // An OpenAPI spec file (JSON or YAML) served where Airflow serves its document (OpenApiHandler): v1 at
    // /api/v1/openapi.json and /api/v1/openapi.yaml, v2 at /openapi.json. Empty: those paths are a 404.
    QString openApiFile;
    // The Astro Platform API (GET /v1/organizations..., GET /platform/v1beta1/organizations...) and Houston's
    // GraphQL API (POST /v1) over this fixture, for discovery. Unset: those paths are a 404.
    std::optional<DiscoveryFixture> discovery;
};

} // namespace Windsock::Sandbox
