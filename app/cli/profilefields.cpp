#include "profilefields.h"

#include <QRegularExpression>

using Windsock::Profiles::GenericMode;
using Windsock::Profiles::Profile;
using Windsock::Profiles::ProfileKind;

namespace Windsock::Cli {

namespace {

QCommandLineOption valueOption(const char *name, const char *help, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help),
                              QString::fromLatin1(valueName));
}

bool has(const QCommandLineParser &parser, const char *name)
{
    return parser.isSet(QString::fromLatin1(name));
}

QString value(const QCommandLineParser &parser, const char *name)
{
    return parser.value(QString::fromLatin1(name)).trimmed();
}

bool fail(QString *error, const QString &message)
{
    *error = message;
    return false;
}

bool httpUrl(const QString &text, QUrl *url)
{
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("https") && parsed.scheme() != QLatin1String("http")))
        return false;
    *url = parsed;
    return true;
}

} // namespace

void ProfileFields::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        valueOption("kind",
                    "Profile kind: airflow2-basic, airflow3-password, astro-token, software-key, "
                    "oauth2-client-credentials, generic.",
                    "kind"),
        valueOption("name", "The profile's name.", "name"),
        valueOption("url", "The deployment's URL (Astro: its API URL, with or without https:// and /api/v1).",
                    "url"),
        valueOption("username", "User name (airflow2-basic, airflow3-password).", "user"),
        valueOption("software-domain", "Astronomer Software base domain.", "domain"),
        valueOption("release", "Astronomer Software release name.", "name"),
        QCommandLineOption(QStringLiteral("software-bearer"),
                           QStringLiteral("Software: send \"Authorization: Bearer <key>\".")),
        QCommandLineOption(QStringLiteral("software-raw"),
                           QStringLiteral("Software: send \"Authorization: <key>\" (the default).")),
        valueOption("token-url", "OAuth2 token endpoint.", "url"),
        valueOption("client-id", "OAuth2 client id.", "id"),
        valueOption("audience", "OAuth2 audience.", "audience"),
        valueOption("scope", "OAuth2 scope.", "scope"),
        valueOption("generic-mode", "Generic: bearer-token, custom-header or command.", "mode"),
        valueOption("header", "Generic custom-header: the header's name.", "name"),
        valueOption("command", "Generic command: prints the token.", "command"),
        valueOption("command-timeout", "Generic command: timeout in seconds.", "seconds"),
        valueOption("command-cache", "Generic command: how long its token is reused, in seconds.", "seconds"),
        valueOption("ca-bundle", "A PEM file of extra certificate authorities to trust.", "file"),
        valueOption("folder", "Sidebar folder.", "folder"),
        valueOption("colour", "Colour, #rrggbb.", "colour"),
        QCommandLineOption(QStringLiteral("read-only"), QStringLiteral("Mark the profile read-only.")),
        QCommandLineOption(QStringLiteral("writable"), QStringLiteral("Clear the read-only mark.")),
        QCommandLineOption(
            QStringLiteral("production"),
            QStringLiteral("Mark the profile production: delete, clear, mark and bulk commands "
                           "then need --confirm-production <name>.")),
        QCommandLineOption(QStringLiteral("not-production"), QStringLiteral("Clear the production mark.")),
        QCommandLineOption(QStringLiteral("notify-failed-runs"),
                           QStringLiteral("The desktop app notifies new failed runs of this deployment.")),
        QCommandLineOption(QStringLiteral("no-notify-failed-runs"),
                           QStringLiteral("No notifications of failed runs.")),
        valueOption("notify-interval", "How often new failed runs are looked for, in minutes (default 5).",
                    "minutes"),
    });
}

bool ProfileFields::apply(const QCommandLineParser &parser, Profile &profile, QString *error)
{
    if (has(parser, "kind")) {
        const std::optional<ProfileKind> kind = Profiles::kindFromKey(value(parser, "kind"));
        if (!kind)
            return fail(error,
                        QStringLiteral("Unknown kind \"%1\". Use one of: airflow2-basic, airflow3-password, "
                                       "astro-token, software-key, oauth2-client-credentials, generic.")
                            .arg(value(parser, "kind")));
        profile.kind = *kind;
    }
    if (has(parser, "name"))
        profile.name = value(parser, "name");
    if (has(parser, "username"))
        profile.username = value(parser, "username");
    if (has(parser, "folder"))
        profile.folder = value(parser, "folder");
    if (has(parser, "colour")) {
        static const QRegularExpression colour(QStringLiteral("^(#[0-9A-Fa-f]{6})?$"));
        if (!colour.match(value(parser, "colour")).hasMatch())
            return fail(error, QStringLiteral("The colour must look like #1f77b4."));
        profile.colour = value(parser, "colour");
    }
    if (has(parser, "read-only"))
        profile.readOnly = true;
    if (has(parser, "writable"))
        profile.readOnly = false;
    if (has(parser, "production") && has(parser, "not-production"))
        return fail(error, QStringLiteral("Give --production or --not-production, not both."));
    if (has(parser, "production"))
        profile.production = true;
    if (has(parser, "not-production"))
        profile.production = false;
    if (has(parser, "notify-failed-runs") && has(parser, "no-notify-failed-runs"))
        return fail(error, QStringLiteral("Give --notify-failed-runs or --no-notify-failed-runs, not both."));
    if (has(parser, "notify-failed-runs"))
        profile.notifyFailedRuns = true;
    if (has(parser, "no-notify-failed-runs"))
        profile.notifyFailedRuns = false;
    if (has(parser, "notify-interval")) {
        bool ok = false;
        const int minutes = value(parser, "notify-interval").toInt(&ok);
        if (!ok || minutes < 1 || minutes > 24 * 60)
            return fail(error, QStringLiteral("--notify-interval is a number of minutes from 1 to 1440, not "
                                              "\"%1\".")
                                   .arg(value(parser, "notify-interval")));
        profile.notifyIntervalSeconds = minutes * 60;
    }
    if (has(parser, "ca-bundle"))
        profile.caBundlePath = value(parser, "ca-bundle");

    if (has(parser, "software-domain") || has(parser, "release")) {
        if (has(parser, "software-domain"))
            profile.softwareBaseDomain = value(parser, "software-domain");
        if (has(parser, "release"))
            profile.softwareReleaseName = value(parser, "release");
        QString urlError;
        const std::optional<QUrl> url = Profiles::softwareDeploymentUrl(
            profile.softwareBaseDomain, profile.softwareReleaseName, &urlError);
        if (!url)
            return fail(error, urlError);
        profile.baseUrl = *url;
    }
    if (has(parser, "url")) {
        QString urlError;
        const std::optional<QUrl> url = Profiles::normalizeDeploymentUrl(value(parser, "url"), &urlError);
        if (!url)
            return fail(error, urlError);
        profile.baseUrl = *url;
    }
    if (has(parser, "software-bearer"))
        profile.softwareBearer = true;
    if (has(parser, "software-raw"))
        profile.softwareBearer = false;
    if (has(parser, "token-url")) {
        if (!httpUrl(value(parser, "token-url"), &profile.oauthTokenUrl))
            return fail(error, QStringLiteral("The token URL must be a full http:// or https:// URL."));
    }
    if (has(parser, "client-id"))
        profile.oauthClientId = value(parser, "client-id");
    if (has(parser, "audience"))
        profile.oauthAudience = value(parser, "audience");
    if (has(parser, "scope"))
        profile.oauthScope = value(parser, "scope");
    if (has(parser, "generic-mode")) {
        const QString mode = value(parser, "generic-mode");
        if (mode == QLatin1String("bearer-token"))
            profile.genericMode = GenericMode::BearerToken;
        else if (mode == QLatin1String("custom-header"))
            profile.genericMode = GenericMode::CustomHeader;
        else if (mode == QLatin1String("command"))
            profile.genericMode = GenericMode::Command;
        else
            return fail(error,
                        QStringLiteral("Unknown generic mode \"%1\": use bearer-token, custom-header or "
                                       "command.")
                            .arg(mode));
    }
    if (has(parser, "header"))
        profile.customHeaderName = value(parser, "header");
    if (has(parser, "command"))
        profile.command = parser.value(QStringLiteral("command"));
    for (const auto &[name, field] : {std::pair{"command-timeout", &profile.commandTimeoutSeconds},
                                      std::pair{"command-cache", &profile.commandCacheSeconds}}) {
        if (!has(parser, name))
            continue;
        bool ok = false;
        const int seconds = value(parser, name).toInt(&ok);
        if (!ok || seconds < 0)
            return fail(error, QStringLiteral("--%1 takes a number of seconds.").arg(QLatin1String(name)));
        *field = seconds;
    }

    // What each kind needs.
    if (profile.baseUrl.isEmpty())
        return fail(error, profile.kind == ProfileKind::SoftwareKey
                               ? QStringLiteral("Give --software-domain and --release, or --url.")
                               : QStringLiteral("Give the deployment's URL with --url."));
    if ((profile.kind == ProfileKind::Airflow2Basic || profile.kind == ProfileKind::Airflow3Password) &&
        profile.username.isEmpty())
        return fail(error, QStringLiteral("This kind needs a user name: give --username."));
    if (profile.kind == ProfileKind::OAuth2ClientCredentials &&
        (profile.oauthTokenUrl.isEmpty() || profile.oauthClientId.isEmpty()))
        return fail(error, QStringLiteral("OAuth2 client credentials need --token-url and --client-id."));
    if (profile.kind == ProfileKind::Generic && profile.genericMode == GenericMode::CustomHeader) {
        static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&*+.^_`|~-]+$"));
        if (!token.match(profile.customHeaderName).hasMatch())
            return fail(error,
                        QStringLiteral("A custom header needs a valid header name: give --header NAME."));
    }
    if (profile.kind == ProfileKind::Generic && profile.genericMode == GenericMode::Command &&
        profile.command.trimmed().isEmpty())
        return fail(error, QStringLiteral("The command mode needs --command."));
    if (profile.name.isEmpty())
        profile.name = profile.baseUrl.host();
    return true;
}

} // namespace Windsock::Cli
