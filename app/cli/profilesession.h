#pragma once

#include "commandcontext.h"

#include "api/features.h"
#include "profiles/profile.h"

#include <QList>
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

// The exit code for a failed call: 1 when the server answered with an error status, 5 for what the server's
// API cannot do (the message says why), 3 for everything that is no usable answer (unreachable, TLS,
// credentials, not JSON).
int exitCodeFor(const Api::ApiError &error);

// The deployment a command talks to: the profile named by --profile (or the last used, or the only one),
// refused when it is read-only and the command changes something, then opened (secret from the keychain,
// API detected) into a client. Every failure finishes the command's context with its exit code and a
// plain-words message, so a command only carries on from the callbacks. On Airflow 1.10's experimental API,
// whose auth backend may turn every request away (deny_all: a 403 for everyone), its test endpoint is asked
// first, so that is said as the credentials failure it is (exit code 3).
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
    // After select(): a production profile's delete, clear, mark and bulk commands need
    // --confirm-production NAME with the profile's exact name; without it (or with another name) the
    // command fails with a usage error (exit code 2) that says so, before anything is sent. `action` says
    // what the command would do ("delete variables"). True when the command may go on.
    bool confirmProduction(const QString &action);
    // A feature the command cannot work without: open() refuses the command when the server's API cannot do
    // it, before any request of its own, with the dialect's reason (exit code 5). Checking first keeps a
    // command from doing half its work, or from printing something misleading ("No DAGs match.").
    void require(Api::Feature feature) { m_required.append(feature); }
    // Opens the selected profile; done runs once, with a ready client, unless owner is destroyed first.
    void open(QObject *owner, std::function<void(const std::shared_ptr<Api::AirflowClient> &)> done);
    // For what only some uses of a command need (trigger --note): finishes the command with the dialect's
    // reason and exit code 5 and returns true when the client's server cannot do feature.
    bool refuseUnsupported(const Api::AirflowClient &client, Api::Feature feature) const;
    const Profiles::Profile &profile() const { return *m_profile; }

private:
    CommandContext m_context;
    std::optional<Profiles::Profile> m_profile;
    std::unique_ptr<Profiles::DeploymentConnector> m_connector;
    QList<Api::Feature> m_required;
};

} // namespace Windsock::Cli
