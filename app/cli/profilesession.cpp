#include "profilesession.h"

#include "exitcode.h"
#include "profilecommand.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "profiles/deploymentconnector.h"

using Windsock::Api::ApiError;

namespace Windsock::Cli {

int exitCodeFor(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::Unsupported:
        return UnsupportedApi;
    case ApiError::Kind::ReadOnly:
        return ReadOnlyProfile;
    case ApiError::Kind::Http:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::Conflict:
    case ApiError::Kind::Forbidden:
        return HttpError;
    default:
        return ConnectionError;
    }
}

ProfileSession::ProfileSession(CommandContext context)
    : m_context(std::move(context))
{}

ProfileSession::~ProfileSession() = default;

bool ProfileSession::select(Access access, const QString &action)
{
    QString error;
    m_profile =
        ProfileCommand::find(*m_context.store, m_context.parser->value(QStringLiteral("profile")), &error);
    if (!m_profile) {
        m_context.fail(ProfileError, error);
        return false;
    }
    if (access == Access::Change && m_profile->readOnly) {
        m_context.fail(ReadOnlyProfile,
                       QStringLiteral("The profile \"%1\" is read-only, so windsock-cli does not %2 with it. "
                                      "Use another profile, or clear the mark with: windsock-cli profile "
                                      "edit \"%1\" --writable")
                           .arg(m_profile->name, action));
        return false;
    }
    return true;
}

bool ProfileSession::confirmProduction(const QString &action)
{
    Q_ASSERT(m_profile);
    if (!m_profile->production)
        return true;
    const QString option = QStringLiteral("confirm-production");
    const QString given = m_context.parser->isSet(option) ? m_context.parser->value(option) : QString();
    if (given == m_profile->name)
        return true;
    m_context.fail(UsageError,
                   given.isEmpty()
                       ? QStringLiteral("The profile \"%1\" is marked production: to %2 with it, add "
                                        "--confirm-production \"%1\". Nothing was sent.")
                             .arg(m_profile->name, action)
                       : QStringLiteral("--confirm-production \"%1\" does not match the production profile's "
                                        "name \"%2\": nothing was sent. Give its exact name to %3.")
                             .arg(given, m_profile->name, action));
    return false;
}

void ProfileSession::open(QObject *owner,
                          std::function<void(const std::shared_ptr<Api::AirflowClient> &)> done)
{
    Q_ASSERT(m_profile);
    m_connector = std::make_unique<Profiles::DeploymentConnector>(m_context.nam, m_context.secrets);
    const CommandContext context = m_context;
    const QList<Api::Feature> required = m_required;
    m_connector->open(*m_profile, owner, [context, required, done](const Profiles::OpenedDeployment &opened) {
        using Failure = Profiles::OpenedDeployment::Failure;
        switch (opened.failure) {
        case Failure::None:
            break;
        case Failure::Profile:
        case Failure::Secret:
        case Failure::CaBundle:
            return context.fail(ProfileError, opened.message);
        case Failure::Connection:
            return context.fail(ConnectionError, opened.message);
        case Failure::Unsupported:
            return context.fail(UnsupportedApi, opened.message);
        }
        if (!opened.client)
            return context.fail(ConnectionError, QStringLiteral("The deployment could not be opened."));
        for (const Api::Feature feature : required) {
            const QString reason = opened.client->dialect().unavailableReason(feature);
            if (!reason.isEmpty())
                return context.fail(UnsupportedApi, reason);
        }
        done(opened.client);
    });
}

bool ProfileSession::refuseUnsupported(const Api::AirflowClient &client, Api::Feature feature) const
{
    const QString reason = client.dialect().unavailableReason(feature);
    if (reason.isEmpty())
        return false;
    m_context.fail(UnsupportedApi, reason);
    return true;
}

} // namespace Windsock::Cli
