#pragma once

#include "secretstore.h"

#include <QHash>

namespace QKeychain {
class Job;
}

namespace Windsock::Profiles {

// Secrets in the OS keychain through QtKeychain: service "Windsock", one entry per profile keyed by the
// profile's id, no insecure fallback, asynchronous jobs only.
//
// When no keychain backend answers (QKeychain::NoBackendAvailable, or the Secret Service is not on the
// session bus), the store switches to memory for the rest of this run: write() answers NoBackend with a
// message saying so (the secret is still usable until Windsock quits), read() finds what was written this
// run, and memoryOnly() is true.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    static QString defaultService() { return QStringLiteral("Windsock"); }

    explicit KeychainSecretStore(QObject *parent = nullptr);
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void read(const QString &profileId, QObject *context, Callback done) override;
    void write(const QString &profileId, const QString &secret, QObject *context, Callback done) override;
    void remove(const QString &profileId, QObject *context, Callback done) override;
    bool memoryOnly() const override { return m_memoryOnly; }

private:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    static SecretResult resultOf(const QKeychain::Job &job, Operation operation);
    static bool isMissingBackend(const QKeychain::Job &job);
    void switchToMemory(const QKeychain::Job &job);
    SecretResult fromMemory(Operation operation, const QString &profileId, const QString &secret);
    static void deliverQueued(QObject *context, Callback done, SecretResult result);

    QString m_service;
    bool m_memoryOnly = false;
    QHash<QString, QString> m_memory;
};

} // namespace Windsock::Profiles
