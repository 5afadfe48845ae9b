#pragma once

#include "commandcontext.h"

#include "profiles/profile.h"

#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QObject;

namespace Windsock::Api {
class AirflowClient;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Profiles {
class DeploymentConnector;
}

namespace Windsock::Cli {

// The exit code for a failed call: 1 when the server answered with an error status, 5 for an API this build
// does not speak, 3 for everything that is no usable answer (unreachable, TLS, credentials, not JSON).
int exitCodeFor(const Api::ApiError &error);

// The deployment a command talks to: the profile named by --profile (or the last used, or the only one),
// refused when it is read-only and the command changes something, then opened (secret from the keychain,
// API detected) into a client. Every failure finishes the command's context with its exit code and a
// plain-words message, so a command only carries on from the callbacks.
class ProfileSession final
{
public:
    enum class Access
    {
        Read,
        Change
    };

    explicit ProfileSession(CommandContext context);
    ~ProfileSession();

    // Finds the profile, without the network. `action` says what the command would change, for the
    // read-only refusal ("trigger runs"). False when the context was finished.
    bool select(Access access, const QString &action = QString());
    // Opens the selected profile; done runs once, with a ready client, unless owner is destroyed first.
    void open(QObject *owner, std::function<void(const std::shared_ptr<Api::AirflowClient> &)> done);
    const Profiles::Profile &profile() const { return *m_profile; }

private:
    CommandContext m_context;
    std::optional<Profiles::Profile> m_profile;
    std::unique_ptr<Profiles::DeploymentConnector> m_connector;
};

} // namespace Windsock::Cli
