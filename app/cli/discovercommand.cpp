#include "discovercommand.h"

#include "exitcode.h"
#include "secretinput.h"

#include "discovery/astrodiscovery.h"
#include "discovery/discoveryprofiles.h"
#include "discovery/houstondiscovery.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QSet>

namespace Windsock::Cli {

using Discovery::DiscoveredDeployment;

namespace {

QString displayName(const DiscoveredDeployment &deployment)
{
    return deployment.workspaceName.isEmpty()
               ? deployment.name
               : deployment.workspaceName + QStringLiteral(" / ") + deployment.name;
}

int exitCodeFor(const Api::ApiError &error)
{
    return error.kind() == Api::ApiError::Kind::Unsupported ? UnsupportedApi : ConnectionError;
}

} // namespace

DiscoverCommand::DiscoverCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{}

void DiscoverCommand::run()
{
    const QCommandLineParser &parser = *m_context.parser;
    const QString what = m_context.arguments.value(0);
    if (what != QLatin1String("astro") && what != QLatin1String("software")) {
        return m_context.fail(
            UsageError, QStringLiteral("Say what to discover: profile discover astro, or profile discover "
                                       "software --domain BASE_DOMAIN. The token or key is read from "
                                       "standard input."));
    }
    m_software = what == QLatin1String("software");
    if (parser.isSet(QStringLiteral("all")) && parser.isSet(QStringLiteral("select")))
        return m_context.fail(UsageError, QStringLiteral("Use --all or --select NAME, not both."));
    const QString domain = parser.value(QStringLiteral("domain")).trimmed();
    if (m_software && domain.isEmpty() && !parser.isSet(QStringLiteral("houston-url"))) {
        return m_context.fail(UsageError,
                              QStringLiteral("Give the Astronomer Software base domain with --domain "
                                             "(e.g. --domain astro.example.com)."));
    }
    if (SecretInput::stdinIsTerminal()) {
        return m_context.fail(
            UsageError, QStringLiteral("Pipe the %1 into standard input, e.g. windsock-cli profile discover "
                                       "%2 < token-file.")
                            .arg(m_software ? QStringLiteral("key") : QStringLiteral("token"), what));
    }
    QString error;
    const std::optional<QString> secret = SecretInput::fromStdin(&error);
    if (!secret)
        return m_context.fail(UsageError, error);
    m_secret = secret->trimmed();
    if (m_secret.isEmpty()) {
        return m_context.fail(UsageError,
                              QStringLiteral("Standard input was empty: pipe the %1 into it.")
                                  .arg(m_software ? QStringLiteral("key") : QStringLiteral("token")));
    }

    auto done = [this](const Api::Result<QList<DiscoveredDeployment>> &result) {
        if (!result.ok())
            return m_context.fail(exitCodeFor(result.error()), result.error().message());
        found(result.value());
    };
    if (m_software) {
        auto *houston = new Discovery::HoustonDiscovery(m_context.nam, this);
        const QString houstonUrl = parser.value(QStringLiteral("houston-url"));
        if (!houstonUrl.isEmpty()) {
            const QUrl url = QUrl::fromUserInput(houstonUrl);
            if (!url.isValid())
                return m_context.fail(UsageError, QStringLiteral("--houston-url is not a URL."));
            houston->setHoustonUrl(url);
        }
        houston->discover(domain, m_secret, parser.isSet(QStringLiteral("bearer")), this, done);
    } else {
        auto *astro = new Discovery::AstroDiscovery(m_context.nam, this);
        const QString platformUrl = parser.value(QStringLiteral("platform-url"));
        if (!platformUrl.isEmpty()) {
            const QUrl url = QUrl::fromUserInput(platformUrl);
            if (!url.isValid())
                return m_context.fail(UsageError, QStringLiteral("--platform-url is not a URL."));
            astro->setPlatformUrl(url);
        }
        astro->discover(m_secret, this, done);
    }
}

void DiscoverCommand::found(const QList<DiscoveredDeployment> &deployments)
{
    const QCommandLineParser &parser = *m_context.parser;
    const QList<Profiles::Profile> existing = m_context.store->profiles();
    if (deployments.isEmpty()) {
        *m_context.err << "The " << (m_software ? "key" : "token") << " sees no deployments." << Qt::endl;
        return m_context.finish(Ok);
    }
    for (const DiscoveredDeployment &deployment : deployments) {
        QString note;
        QString existingName;
        if (Discovery::alreadyProfiled(deployment, existing, &existingName))
            note = QStringLiteral("has a profile: ") + existingName;
        else if (!deployment.problem.isEmpty())
            note = deployment.problem;
        *m_context.out << deployment.organizationName << '\t' << displayName(deployment) << '\t'
                       << (deployment.status.isEmpty() ? QStringLiteral("-") : deployment.status) << '\t'
                       << (deployment.airflowVersion.isEmpty() ? QStringLiteral("-")
                                                               : deployment.airflowVersion)
                       << '\t' << deployment.apiUrl.toString()
                       << (note.isEmpty() ? QString() : QLatin1Char('\t') + note) << '\n';
    }
    m_context.out->flush();

    QList<DiscoveredDeployment> chosen;
    if (parser.isSet(QStringLiteral("all"))) {
        chosen = deployments;
    } else if (parser.isSet(QStringLiteral("select"))) {
        QStringList unknown;
        QSet<QString> ids;
        for (const QString &name : parser.values(QStringLiteral("select"))) {
            bool matched = false;
            for (const DiscoveredDeployment &deployment : deployments) {
                if (deployment.id == name || deployment.name == name || displayName(deployment) == name) {
                    if (!ids.contains(deployment.id))
                        chosen.append(deployment);
                    ids.insert(deployment.id);
                    matched = true;
                }
            }
            if (!matched)
                unknown.append(name);
        }
        if (!unknown.isEmpty()) {
            return m_context.fail(
                UsageError, QStringLiteral("No deployment is named %1: use a name, \"workspace / name\" or "
                                           "an id from the list above. Nothing was created.")
                                .arg(unknown.join(QStringLiteral(", "))));
        }
    } else {
        *m_context.err << "Use --all or --select NAME to create profiles for them." << Qt::endl;
        return m_context.finish(Ok);
    }

    QStringList skipped;
    Discovery::SoftwareProfileOptions software;
    software.baseDomain = parser.value(QStringLiteral("domain")).trimmed();
    software.bearer = parser.isSet(QStringLiteral("bearer"));
    const QList<Profiles::Profile> profiles = Discovery::profilesFor(
        chosen, m_software ? Profiles::ProfileKind::SoftwareKey : Profiles::ProfileKind::AstroToken, existing,
        &skipped, software);
    for (const QString &line : std::as_const(skipped))
        *m_context.err << "Skipped " << line << Qt::endl;
    if (parser.isSet(QStringLiteral("dry-run"))) {
        for (const Profiles::Profile &profile : profiles)
            *m_context.out << "Would create profile " << profile.name << " (" << profile.baseUrl.toString()
                           << ")\n";
        m_context.out->flush();
        return m_context.finish(Ok);
    }
    if (profiles.isEmpty()) {
        *m_context.err << "No profile to create." << Qt::endl;
        return m_context.finish(Ok);
    }
    Discovery::saveProfiles(
        m_context.store, m_context.secrets, profiles, m_secret, this,
        [this](const Discovery::SaveOutcome &outcome) {
            for (const Profiles::Profile &profile : outcome.saved)
                *m_context.out << "Created profile " << profile.name << " (" << profile.id << ")\n";
            m_context.out->flush();
            if (outcome.memoryOnly) {
                return m_context.fail(
                    ProfileError,
                    QStringLiteral("No keychain answered, so the %1 was not stored: enter it in "
                                   "each profile when a keychain is available.")
                        .arg(m_software ? QStringLiteral("key") : QStringLiteral("token")));
            }
            if (!outcome.problems.isEmpty())
                return m_context.fail(ProfileError, outcome.problems.join(u'\n'));
            m_context.finish(Ok);
        });
}

} // namespace Windsock::Cli
