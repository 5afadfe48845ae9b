#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <optional>

namespace Windsock::Profiles {

// How a deployment is reached and authenticated (design.md, "Connection profiles").
enum class ProfileKind
{
    Airflow2Basic,    // user name + password, HTTP Basic
    Airflow3Password, // user name + password -> POST {base}/auth/token -> JWT (Bearer), re-login on expiry
    AstroToken,       // Astro Deployment/Workspace/Organization API token, Bearer
    SoftwareKey,      // Astronomer Software service-account key: "Authorization: <key>" (or Bearer)
    OAuth2ClientCredentials, // token URL + client id + secret (+ audience, scope) -> access token, Bearer
    Generic,                 // a static bearer token, a custom header, or a command that prints the token
};

enum class GenericMode
{
    BearerToken,  // Authorization: Bearer <secret>
    CustomHeader, // <headerName>: <secret>
    Command,      // Authorization: Bearer <stdout of command>, run with a timeout, cached for a while
};

// A connection profile: everything about one deployment except its secret, which lives only in the OS
// keychain (SecretStore). Saved as JSON by ProfileStore. One secret per profile: the password (basic,
// Airflow 3), the API token (Astro, generic bearer), the key (Software), the client secret (OAuth2), the
// header's value (custom header); none for a command.
struct Profile
{
    QString id;   // stable, generated (QUuid without braces); the keychain entry's key
    QString name; // shown to the user, e.g. "prod (Astro)"
    ProfileKind kind = ProfileKind::Airflow2Basic;
    QUrl baseUrl;     // the deployment's root, normalized (no trailing /api/v1|v2, no trailing slash)
    QString username; // Airflow2Basic, Airflow3Password
    QString folder;   // for grouping in the sidebar; empty = top level
    QString colour;   // "#rrggbb"; empty = none
    bool readOnly = false;
    // Ask the user to type the profile's name before delete, clear, mark and bulk actions.
    bool production = false;
    // Tray notifications for new failed runs, polled every notifyIntervalSeconds.
    bool notifyFailedRuns = false;
    int notifyIntervalSeconds = 300;

    // AstroToken: the token's expiry (the JWT's exp claim), cached for display; invalid when unknown.
    QDateTime tokenExpiry;

    // SoftwareKey: how the URL was given (for the editor) and the header form.
    QString softwareBaseDomain;
    QString softwareReleaseName;
    bool softwareBearer = false; // "Authorization: Bearer <key>" instead of the raw key

    // OAuth2ClientCredentials
    QUrl oauthTokenUrl;
    QString oauthClientId;
    QString oauthAudience;
    QString oauthScope;

    // Generic
    GenericMode genericMode = GenericMode::BearerToken;
    QString customHeaderName;
    QString command; // run by /bin/sh -c (or cmd /c), stdout trimmed is the token
    int commandTimeoutSeconds = 30;
    int commandCacheSeconds = 300;

    // TLS: an extra CA bundle (PEM file) trusted for this profile, on top of the system's.
    QString caBundlePath;

    QDateTime lastUsed;

    bool hasSecret() const { return !(kind == ProfileKind::Generic && genericMode == GenericMode::Command); }
    QJsonObject toJson() const; // never a secret
    static Profile fromJson(const QJsonObject &object, QString *error = nullptr);
};

QString kindName(ProfileKind kind); // "Airflow 2 (basic auth)", ...
QString kindKey(ProfileKind kind);  // "airflow2-basic", ... as stored in JSON
std::optional<ProfileKind> kindFromKey(const QString &key);

// URL helpers, each with a plain-words error for bad input (the text the user typed is never changed).
// Astro: the Deployment's API URL as Astro gives it, with or without scheme and with or without a trailing
// /api/v1 or /api/v2: "clq1a2b3c.astronomer.run/d4e5f6g7/api/v2" -> https://clq1a2b3c.astronomer.run/d4e5f6g7
std::optional<QUrl> normalizeDeploymentUrl(const QString &text, QString *error);
// Software: https://deployments.<base-domain>/<release-name>/airflow
std::optional<QUrl> softwareDeploymentUrl(const QString &baseDomain, const QString &releaseName,
                                          QString *error);

} // namespace Windsock::Profiles
