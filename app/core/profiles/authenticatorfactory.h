#pragma once

#include "profile.h"

#include <QString>
#include <memory>

namespace Windsock::Auth {
class Authenticator;
}

namespace Windsock::Profiles {

// The Authenticator for a profile's kind, holding the profile's one secret (see Profile): the password,
// the API token, the Software key, the OAuth2 client secret, the custom header's value; none for a command.
class AuthenticatorFactory final
{
public:
    static std::unique_ptr<Auth::Authenticator> create(const Profile &profile, const QString &secret);
};

} // namespace Windsock::Profiles
