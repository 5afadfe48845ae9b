#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace Windsock::Profiles {

struct SecretResult
{
    enum class Status
    {
        Ok,
        NotFound,     // no entry for this profile
        NoBackend,    // no keychain answers (no Secret Service, no KWallet): see SecretStore
        AccessDenied, // the user refused, or the keychain is locked and stays so
        Failed,       // anything else, with message
    };
    Status status = Status::Ok;
    QString secret;  // read: the secret; empty otherwise
    QString message; // plain words for anything but Ok
    bool ok() const { return status == Status::Ok; }
};

// Where each profile's one secret lives: asynchronous only (never a blocking keychain read), one entry per
// profile keyed by the profile's id. Implementations: KeychainSecretStore (QtKeychain, service "Windsock",
// no insecure fallback) and MemorySecretStore (unit tests). The keychain implementation, when no backend
// answers, keeps the secret in memory for this run only and says so (SecretResult::NoBackend on write with
// the secret still usable this run, and memoryOnly() true).
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &)>;
    using QObject::QObject;

    // Each calls done exactly once on context's thread, unless context is destroyed first.
    virtual void read(const QString &profileId, QObject *context, Callback done) = 0;
    virtual void write(const QString &profileId, const QString &secret, QObject *context, Callback done) = 0;
    virtual void remove(const QString &profileId, QObject *context, Callback done) = 0;
    // True when secrets are held for this run only, because no keychain backend answered.
    virtual bool memoryOnly() const { return false; }
};

} // namespace Windsock::Profiles
