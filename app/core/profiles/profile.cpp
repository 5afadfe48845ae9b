#include "profile.h"

#include "profileslog.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>

Q_LOGGING_CATEGORY(lcProfiles, "windsock.profiles")

namespace Windsock::Profiles {

namespace {

struct KindInfo
{
    ProfileKind kind;
    const char *key;
    const char *name;
};

constexpr KindInfo kKinds[] = {
    {ProfileKind::Airflow2Basic, "airflow2-basic", "Airflow 2 (basic auth)"},
    {ProfileKind::Airflow3Password, "airflow3-password", "Airflow 3 (user name and password)"},
    {ProfileKind::AstroToken, "astro-token", "Astro (API token)"},
    {ProfileKind::SoftwareKey, "software-key", "Astronomer Software (API key)"},
    {ProfileKind::OAuth2ClientCredentials, "oauth2-client-credentials", "OAuth2 client credentials"},
    {ProfileKind::Generic, "generic", "Generic (token, header or command)"},
};

QString genericModeKey(GenericMode mode)
{
    switch (mode) {
    case GenericMode::BearerToken:
        return QStringLiteral("bearer-token");
    case GenericMode::CustomHeader:
        return QStringLiteral("custom-header");
    case GenericMode::Command:
        return QStringLiteral("command");
    }
    return QStringLiteral("bearer-token");
}

std::optional<GenericMode> genericModeFromKey(const QString &key)
{
    if (key == QLatin1String("bearer-token"))
        return GenericMode::BearerToken;
    if (key == QLatin1String("custom-header"))
        return GenericMode::CustomHeader;
    if (key == QLatin1String("command"))
        return GenericMode::Command;
    return std::nullopt;
}

void putString(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

void putDateTime(QJsonObject &object, const char *key, const QDateTime &value)
{
    if (value.isValid())
        object.insert(QLatin1String(key), value.toUTC().toString(Qt::ISODateWithMs));
}

QString getString(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QDateTime getDateTime(const QJsonObject &object, const char *key)
{
    const QString text = getString(object, key);
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool hasWhitespace(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

} // namespace

QString kindName(ProfileKind kind)
{
    for (const KindInfo &info : kKinds) {
        if (info.kind == kind)
            return QString::fromUtf8(info.name);
    }
    return {};
}

QString kindKey(ProfileKind kind)
{
    for (const KindInfo &info : kKinds) {
        if (info.kind == kind)
            return QString::fromLatin1(info.key);
    }
    return {};
}

std::optional<ProfileKind> kindFromKey(const QString &key)
{
    for (const KindInfo &info : kKinds) {
        if (key == QLatin1String(info.key))
            return info.kind;
    }
    return std::nullopt;
}

QJsonObject Profile::toJson() const
{
    QJsonObject object;
    object.insert(QLatin1String("id"), id);
    object.insert(QLatin1String("name"), name);
    object.insert(QLatin1String("kind"), kindKey(kind));
    object.insert(QLatin1String("baseUrl"), baseUrl.toString(QUrl::FullyEncoded));
    putString(object, "username", username);
    putString(object, "folder", folder);
    putString(object, "colour", colour);
    if (readOnly)
        object.insert(QLatin1String("readOnly"), true);
    if (production)
        object.insert(QLatin1String("production"), true);
    if (notifyFailedRuns)
        object.insert(QLatin1String("notifyFailedRuns"), true);
    if (notifyIntervalSeconds != Profile().notifyIntervalSeconds)
        object.insert(QLatin1String("notifyIntervalSeconds"), notifyIntervalSeconds);
    putDateTime(object, "tokenExpiry", tokenExpiry);
    putString(object, "softwareBaseDomain", softwareBaseDomain);
    putString(object, "softwareReleaseName", softwareReleaseName);
    if (softwareBearer)
        object.insert(QLatin1String("softwareBearer"), true);
    if (!oauthTokenUrl.isEmpty())
        object.insert(QLatin1String("oauthTokenUrl"), oauthTokenUrl.toString(QUrl::FullyEncoded));
    putString(object, "oauthClientId", oauthClientId);
    putString(object, "oauthAudience", oauthAudience);
    putString(object, "oauthScope", oauthScope);
    if (kind == ProfileKind::Generic) {
        object.insert(QLatin1String("genericMode"), genericModeKey(genericMode));
        putString(object, "customHeaderName", customHeaderName);
        putString(object, "command", command);
        object.insert(QLatin1String("commandTimeoutSeconds"), commandTimeoutSeconds);
        object.insert(QLatin1String("commandCacheSeconds"), commandCacheSeconds);
    }
    putString(object, "caBundlePath", caBundlePath);
    putDateTime(object, "lastUsed", lastUsed);
    return object;
}

Profile Profile::fromJson(const QJsonObject &object, QString *error)
{
    setError(error, QString());
    Profile profile;
    profile.id = getString(object, "id");
    profile.name = getString(object, "name");
    const QString kind = getString(object, "kind");
    if (const std::optional<ProfileKind> known = kindFromKey(kind)) {
        profile.kind = *known;
    } else {
        setError(error, kind.isEmpty() ? QStringLiteral("The profile has no kind.")
                                       : QStringLiteral("The profile's kind \"%1\" is not one this version "
                                                        "of Windsock knows.")
                                             .arg(kind));
    }
    profile.baseUrl = QUrl(getString(object, "baseUrl"), QUrl::StrictMode);
    profile.username = getString(object, "username");
    profile.folder = getString(object, "folder");
    profile.colour = getString(object, "colour");
    profile.readOnly = object.value(QLatin1String("readOnly")).toBool(false);
    profile.production = object.value(QLatin1String("production")).toBool(false);
    profile.notifyFailedRuns = object.value(QLatin1String("notifyFailedRuns")).toBool(false);
    // A hand-edited interval below a minute would poll the deployment too hard: a minute at least.
    profile.notifyIntervalSeconds = std::max(
        60, object.value(QLatin1String("notifyIntervalSeconds")).toInt(profile.notifyIntervalSeconds));
    profile.tokenExpiry = getDateTime(object, "tokenExpiry");
    profile.softwareBaseDomain = getString(object, "softwareBaseDomain");
    profile.softwareReleaseName = getString(object, "softwareReleaseName");
    profile.softwareBearer = object.value(QLatin1String("softwareBearer")).toBool(false);
    const QString tokenUrl = getString(object, "oauthTokenUrl");
    if (!tokenUrl.isEmpty())
        profile.oauthTokenUrl = QUrl(tokenUrl, QUrl::StrictMode);
    profile.oauthClientId = getString(object, "oauthClientId");
    profile.oauthAudience = getString(object, "oauthAudience");
    profile.oauthScope = getString(object, "oauthScope");
    profile.genericMode =
        genericModeFromKey(getString(object, "genericMode")).value_or(GenericMode::BearerToken);
    profile.customHeaderName = getString(object, "customHeaderName");
    profile.command = getString(object, "command");
    profile.commandTimeoutSeconds =
        object.value(QLatin1String("commandTimeoutSeconds")).toInt(profile.commandTimeoutSeconds);
    profile.commandCacheSeconds =
        object.value(QLatin1String("commandCacheSeconds")).toInt(profile.commandCacheSeconds);
    profile.caBundlePath = getString(object, "caBundlePath");
    profile.lastUsed = getDateTime(object, "lastUsed");
    if (error && error->isEmpty() && profile.id.isEmpty())
        *error = QStringLiteral("The profile has no id.");
    return profile;
}

std::optional<QUrl> normalizeDeploymentUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        setError(error, QStringLiteral("Enter the deployment's URL."));
        return std::nullopt;
    }
    if (hasWhitespace(trimmed)) {
        setError(error, QStringLiteral("The URL contains a space. Copy it again, without spaces."));
        return std::nullopt;
    }
    QString withScheme = trimmed;
    const int schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        withScheme = QStringLiteral("https://") + trimmed;
    } else {
        const QString scheme = trimmed.left(schemeEnd).toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
            setError(error, QStringLiteral("Only http:// and https:// URLs can be used, not %1://.")
                                .arg(trimmed.left(schemeEnd)));
            return std::nullopt;
        }
    }
    QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid()) {
        setError(error, QStringLiteral("This is not a valid URL: %1").arg(url.errorString()));
        return std::nullopt;
    }
    if (url.host().isEmpty()) {
        setError(error, QStringLiteral("The URL has no host name."));
        return std::nullopt;
    }
    if (!url.userInfo().isEmpty()) {
        setError(error, QStringLiteral("Remove the user name and password from the URL: they belong in "
                                       "the profile's own fields, where the password goes to the "
                                       "keychain."));
        return std::nullopt;
    }
    // Astro hands out URLs with ?orgId=... (the UI's URL) and a trailing /api/v1|v2: the root is wanted.
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    static const QRegularExpression trailing(QStringLiteral("(/api/v[12])?/*$"));
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    path.remove(trailing);
    url.setPath(path);
    url.setScheme(url.scheme().toLower());
    return url;
}

std::optional<QUrl> softwareDeploymentUrl(const QString &baseDomain, const QString &releaseName,
                                          QString *error)
{
    QString domain = baseDomain.trimmed();
    const QString release = releaseName.trimmed();
    // A full URL given instead of the two parts: take it as it is (normalized).
    if (domain.contains(QLatin1String("://")) || domain.contains(QLatin1Char('/')))
        return normalizeDeploymentUrl(domain, error);
    if (domain.isEmpty()) {
        setError(error, QStringLiteral("Enter the base domain of your Astronomer Software installation "
                                       "(e.g. astro.example.com), or the deployment's full URL."));
        return std::nullopt;
    }
    static const QRegularExpression hostName(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
                       "(:[0-9]{1,5})?$"));
    if (!hostName.match(domain).hasMatch()) {
        setError(error, QStringLiteral("The base domain \"%1\" is not a valid domain name: use letters, "
                                       "digits, dots and hyphens only (e.g. astro.example.com).")
                            .arg(domain));
        return std::nullopt;
    }
    if (domain.startsWith(QLatin1String("deployments."), Qt::CaseInsensitive))
        domain = domain.mid(int(qstrlen("deployments.")));
    if (release.isEmpty()) {
        setError(error, QStringLiteral("Enter the deployment's release name (e.g. galactic-stars-1234)."));
        return std::nullopt;
    }
    static const QRegularExpression releaseShape(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$"));
    if (!releaseShape.match(release).hasMatch()) {
        setError(error, QStringLiteral("The release name \"%1\" is not valid: use letters, digits and "
                                       "hyphens only (e.g. galactic-stars-1234).")
                            .arg(release));
        return std::nullopt;
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    const int colon = domain.indexOf(QLatin1Char(':'));
    url.setHost(QStringLiteral("deployments.") + (colon < 0 ? domain : domain.left(colon)));
    if (colon >= 0)
        url.setPort(domain.mid(colon + 1).toInt());
    url.setPath(QLatin1Char('/') + release + QStringLiteral("/airflow"));
    return url;
}

} // namespace Windsock::Profiles
