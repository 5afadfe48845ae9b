#include "keychainsecretstore.h"

#include "profileslog.h"

#include <qt6keychain/keychain.h>

namespace Windsock::Profiles {

namespace {

QString memoryOnlyMessage()
{
    return QStringLiteral(
        "No keychain is available on this system (no Secret Service or KWallet answered), so "
        "the secret is kept in memory until Windsock quits and must be entered again next "
        "time. Install and unlock a keychain (e.g. GNOME Keyring) to store it.");
}

template<typename JobType>
JobType *newJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new JobType(service, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(defaultService(), parent)
{}

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{}

bool KeychainSecretStore::isMissingBackend(const QKeychain::Job &job)
{
    if (job.error() == QKeychain::NoBackendAvailable)
        return true;
    if (job.error() != QKeychain::OtherError)
        return false;
    // libsecret reports a Secret Service that is not on the session bus as a generic error.
    const QString text = job.errorString();
    return text.contains(QLatin1String("org.freedesktop.secrets")) ||
           text.contains(QLatin1String("ServiceUnknown")) ||
           text.contains(QLatin1String("not provided by any .service files")) ||
           text.contains(QLatin1String("Cannot autolaunch D-Bus"));
}

SecretResult KeychainSecretStore::resultOf(const QKeychain::Job &job, Operation operation)
{
    SecretResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        if (operation == Operation::Remove)
            break; // nothing to remove is what was asked for
        result.status = SecretResult::Status::NotFound;
        result.message =
            QStringLiteral("The keychain holds no secret for this profile. Enter it again in the "
                           "profile's settings.");
        break;
    case QKeychain::AccessDeniedByUser:
        result.status = SecretResult::Status::AccessDenied;
        result.message =
            QStringLiteral("Access to the keychain was refused. Allow Windsock to use the keychain "
                           "and try again.");
        break;
    case QKeychain::AccessDenied:
        result.status = SecretResult::Status::AccessDenied;
        result.message = QStringLiteral("The keychain refused access (it may be locked). Unlock it and try "
                                        "again.");
        break;
    case QKeychain::NoBackendAvailable:
        result.status = SecretResult::Status::NoBackend;
        result.message = memoryOnlyMessage();
        break;
    case QKeychain::CouldNotDeleteEntry:
        result.status = SecretResult::Status::Failed;
        result.message = QStringLiteral("The keychain entry could not be deleted: %1").arg(job.errorString());
        break;
    case QKeychain::NotImplemented:
        result.status = SecretResult::Status::Failed;
        result.message = QStringLiteral("The keychain on this system does not support this operation: %1")
                             .arg(job.errorString());
        break;
    case QKeychain::OtherError:
        result.status = SecretResult::Status::Failed;
        result.message = QStringLiteral("The keychain reported an error: %1").arg(job.errorString());
        break;
    }
    return result;
}

void KeychainSecretStore::switchToMemory(const QKeychain::Job &job)
{
    if (!m_memoryOnly)
        qCWarning(lcProfiles).noquote() << "No keychain backend answered (" << job.errorString()
                                        << "); secrets are kept in memory for this run only";
    m_memoryOnly = true;
}

SecretResult KeychainSecretStore::fromMemory(Operation operation, const QString &profileId,
                                             const QString &secret)
{
    SecretResult result;
    switch (operation) {
    case Operation::Read:
        if (const auto found = m_memory.constFind(profileId); found != m_memory.constEnd()) {
            result.secret = *found;
        } else {
            result.status = SecretResult::Status::NoBackend;
            result.message = memoryOnlyMessage();
        }
        break;
    case Operation::Write:
        m_memory.insert(profileId, secret);
        result.status = SecretResult::Status::NoBackend;
        result.message = memoryOnlyMessage();
        break;
    case Operation::Remove:
        m_memory.remove(profileId);
        break;
    }
    return result;
}

void KeychainSecretStore::deliverQueued(QObject *context, Callback done, SecretResult result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

void KeychainSecretStore::read(const QString &profileId, QObject *context, Callback done)
{
    if (m_memoryOnly) {
        deliverQueued(context, std::move(done), fromMemory(Operation::Read, profileId, {}));
        return;
    }
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, profileId, this);
    connect(job, &QKeychain::Job::finished, context,
            [this, profileId, done = std::move(done)](QKeychain::Job *j) {
                if (isMissingBackend(*j)) {
                    switchToMemory(*j);
                    done(fromMemory(Operation::Read, profileId, {}));
                    return;
                }
                SecretResult result = resultOf(*j, Operation::Read);
                if (result.ok())
                    result.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                else
                    qCInfo(lcProfiles).noquote()
                        << "Keychain read for profile" << profileId << "failed:" << j->errorString();
                done(result);
            });
    job->start();
}

void KeychainSecretStore::write(const QString &profileId, const QString &secret, QObject *context,
                                Callback done)
{
    if (m_memoryOnly) {
        deliverQueued(context, std::move(done), fromMemory(Operation::Write, profileId, secret));
        return;
    }
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, profileId, this);
    job->setTextData(secret);
    // The secret is needed again only if the backend turns out to be missing; the job holds its own copy.
    connect(job, &QKeychain::Job::finished, context,
            [this, profileId, secret, done = std::move(done)](QKeychain::Job *j) {
                if (isMissingBackend(*j)) {
                    switchToMemory(*j);
                    done(fromMemory(Operation::Write, profileId, secret));
                    return;
                }
                const SecretResult result = resultOf(*j, Operation::Write);
                if (!result.ok())
                    qCInfo(lcProfiles).noquote()
                        << "Keychain write for profile" << profileId << "failed:" << j->errorString();
                done(result);
            });
    job->start();
}

void KeychainSecretStore::remove(const QString &profileId, QObject *context, Callback done)
{
    m_memory.remove(profileId);
    if (m_memoryOnly) {
        deliverQueued(context, std::move(done), SecretResult{});
        return;
    }
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, profileId, this);
    connect(job, &QKeychain::Job::finished, context,
            [this, profileId, done = std::move(done)](QKeychain::Job *j) {
                if (isMissingBackend(*j)) {
                    switchToMemory(*j);
                    done(fromMemory(Operation::Remove, profileId, {}));
                    return;
                }
                done(resultOf(*j, Operation::Remove));
            });
    job->start();
}

} // namespace Windsock::Profiles
