#pragma once

#include "discovereddeployment.h"
#include "profiles/profile.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Discovery {

// Software profiles: how the key is sent and under which base domain.
struct SoftwareProfileOptions
{
    QString baseDomain;
    bool bearer = false;
};

// Profiles for the chosen deployments. Astro (ProfileKind::AstroToken): name "<workspace> / <deployment>",
// folder the organization's name. Software (ProfileKind::SoftwareKey): the same name, folder the base
// domain, softwareBaseDomain/softwareReleaseName/softwareBearer set. A deployment whose root URL already has
// a profile (same normalized baseUrl), or that has no usable URL, is left out; skipped (when given) gets
// one line in plain words for each: "<name>: a profile for <url> exists already (<profile name>)".
// The profiles have no id yet.
QList<Profiles::Profile> profilesFor(const QList<DiscoveredDeployment> &deployments,
                                     Profiles::ProfileKind kind, const QList<Profiles::Profile> &existing,
                                     QStringList *skipped, const SoftwareProfileOptions &software = {});

// True when a profile with this deployment's root URL exists; existingName (when given) gets its name.
bool alreadyProfiled(const DiscoveredDeployment &deployment, const QList<Profiles::Profile> &existing,
                     QString *existingName = nullptr);

struct SaveOutcome
{
    QList<Profiles::Profile> saved; // with their ids; each has the shared secret in the keychain
    QStringList problems;           // plain words, one per profile whose secret could not be written
    bool memoryOnly = false;        // the keychain kept the secret for this run only
};

// Saves the profiles in the store and writes the same secret (the token or key they share) to the keychain
// under each one's id. done runs once, when every write has answered, on context's thread. A profile whose
// secret cannot be written stays saved (the user can enter the secret in the editor) and is named in
// problems.
void saveProfiles(Profiles::ProfileStore *store, Profiles::SecretStore *secrets,
                  QList<Profiles::Profile> profiles, const QString &secret, QObject *context,
                  std::function<void(const SaveOutcome &)> done);

} // namespace Windsock::Discovery
