#include "discoveryprofiles.h"

#include "auth/jwtclaims.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QPointer>
#include <memory>

namespace Windsock::Discovery {

namespace {

// Compared as Profile::baseUrl is stored: normalized, so "https://h/d/" and "https://h/d" are the same.
QString urlKey(const QUrl &url)
{
    QString text = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment)
                       .toString(QUrl::FullyEncoded);
    return text.toLower();
}

} // namespace

bool alreadyProfiled(const DiscoveredDeployment &deployment, const QList<Profiles::Profile> &existing,
                     QString *existingName)
{
    if (!deployment.apiUrl.isValid())
        return false;
    const QString key = urlKey(deployment.apiUrl);
    for (const Profiles::Profile &profile : existing) {
        if (urlKey(profile.baseUrl) == key) {
            if (existingName)
                *existingName = profile.name;
            return true;
        }
    }
    return false;
}

QList<Profiles::Profile> profilesFor(const QList<DiscoveredDeployment> &deployments,
                                     Profiles::ProfileKind kind, const QList<Profiles::Profile> &existing,
                                     QStringList *skipped, const SoftwareProfileOptions &software)
{
    QList<Profiles::Profile> profiles;
    QList<Profiles::Profile> seen = existing; // two chosen deployments with one URL make one profile
    for (const DiscoveredDeployment &deployment : deployments) {
        const QString name = deployment.workspaceName.isEmpty()
                                 ? deployment.name
                                 : deployment.workspaceName + QStringLiteral(" / ") + deployment.name;
        if (!deployment.apiUrl.isValid()) {
            if (skipped) {
                skipped->append(QStringLiteral("%1: %2").arg(name, deployment.problem.isEmpty()
                                                                       ? QStringLiteral("it has no API URL.")
                                                                       : deployment.problem));
            }
            continue;
        }
        QString existingName;
        if (alreadyProfiled(deployment, seen, &existingName)) {
            if (skipped) {
                skipped->append(QStringLiteral("%1: a profile for %2 exists already (%3).")
                                    .arg(name, deployment.apiUrl.toString(), existingName));
            }
            continue;
        }
        Profiles::Profile profile;
        profile.kind = kind;
        profile.name = name;
        profile.baseUrl = deployment.apiUrl;
        profile.folder = deployment.organizationName;
        if (kind == Profiles::ProfileKind::SoftwareKey) {
            profile.softwareBaseDomain = software.baseDomain;
            profile.softwareReleaseName = deployment.releaseName;
            profile.softwareBearer = software.bearer;
            if (profile.folder.isEmpty())
                profile.folder = software.baseDomain;
        }
        seen.append(profile);
        profiles.append(profile);
    }
    return profiles;
}

void saveProfiles(Profiles::ProfileStore *store, Profiles::SecretStore *secrets,
                  QList<Profiles::Profile> profiles, const QString &secret, QObject *context,
                  std::function<void(const SaveOutcome &)> done)
{
    struct Pending
    {
        SaveOutcome outcome;
        int waiting = 0;
        QPointer<QObject> context;
        bool hadContext = false;
        std::function<void(const SaveOutcome &)> done;
        void finishOne()
        {
            if (--waiting > 0)
                return;
            if (!hadContext || context)
                done(outcome);
        }
    };
    auto pending = std::make_shared<Pending>();
    pending->context = context;
    pending->hadContext = context != nullptr;
    pending->done = std::move(done);
    QString saveError;
    // The editor shows an Astro token's expiry from the profile: the shared token's exp claim.
    const std::optional<QDateTime> expiry = Auth::JwtClaims::expiry(secret);
    for (Profiles::Profile &profile : profiles) {
        if (profile.kind == Profiles::ProfileKind::AstroToken && expiry)
            profile.tokenExpiry = *expiry;
        profile.id = store->upsert(profile);
        if (!store->error().isEmpty())
            saveError = store->error();
        pending->outcome.saved.append(profile);
    }
    if (!saveError.isEmpty())
        pending->outcome.problems.append(
            QStringLiteral("The profiles could not be saved: %1").arg(saveError));
    pending->waiting = int(profiles.size()) + 1; // +1: the loop below, so done waits for every write
    for (const Profiles::Profile &profile : std::as_const(profiles)) {
        const QString name = profile.name;
        secrets->write(profile.id, secret, secrets, [pending, name](const Profiles::SecretResult &result) {
            if (result.status == Profiles::SecretResult::Status::NoBackend) {
                pending->outcome.memoryOnly = true;
            } else if (!result.ok()) {
                pending->outcome.problems.append(
                    QStringLiteral("%1: the token could not be stored in the keychain (%2). Enter it in the "
                                   "profile's editor.")
                        .arg(name, result.message));
            }
            pending->finishOne();
        });
    }
    pending->finishOne();
}

} // namespace Windsock::Discovery
