#include "authenticatorfactory.h"

#include "auth/basicauthenticator.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/commandtokenauthenticator.h"
#include "auth/headerauthenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/oauth2clientcredentialsauthenticator.h"
#include "auth/softwarekeyauthenticator.h"

namespace Windsock::Profiles {

std::unique_ptr<Auth::Authenticator> AuthenticatorFactory::create(const Profile &profile,
                                                                  const QString &secret)
{
    switch (profile.kind) {
    case ProfileKind::Airflow2Basic:
        return std::make_unique<Auth::BasicAuthenticator>(profile.username, secret);
    case ProfileKind::Airflow3Password:
        return std::make_unique<Auth::JwtLoginAuthenticator>(profile.username, secret);
    case ProfileKind::AstroToken:
        return std::make_unique<Auth::BearerTokenAuthenticator>(secret);
    case ProfileKind::SoftwareKey:
        return std::make_unique<Auth::SoftwareKeyAuthenticator>(secret, profile.softwareBearer);
    case ProfileKind::OAuth2ClientCredentials:
        return std::make_unique<Auth::OAuth2ClientCredentialsAuthenticator>(
            profile.oauthTokenUrl, profile.oauthClientId, secret, profile.oauthAudience, profile.oauthScope);
    case ProfileKind::Generic:
        switch (profile.genericMode) {
        case GenericMode::BearerToken:
            return std::make_unique<Auth::BearerTokenAuthenticator>(secret);
        case GenericMode::CustomHeader:
            return std::make_unique<Auth::HeaderAuthenticator>(profile.customHeaderName.toLatin1(), secret);
        case GenericMode::Command:
            return std::make_unique<Auth::CommandTokenAuthenticator>(
                profile.command, profile.commandTimeoutSeconds, profile.commandCacheSeconds);
        }
        break;
    }
    return std::make_unique<Auth::NoAuthenticator>();
}

} // namespace Windsock::Profiles
