#pragma once

#include "secretstore.h"

#include <QHash>
#include <optional>

namespace Windsock::Profiles {

// Secrets in a hash, for unit tests. Answers asynchronously (queued), like the keychain does, and can be told
// to fail its next operation.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void read(const QString &profileId, QObject *context, Callback done) override;
    void write(const QString &profileId, const QString &secret, QObject *context, Callback done) override;
    void remove(const QString &profileId, QObject *context, Callback done) override;

    bool contains(const QString &profileId) const { return m_secrets.contains(profileId); }
    qsizetype size() const { return m_secrets.size(); }
    // The next operation (any) fails with this status and message, then the store works again.
    void failNext(SecretResult::Status status, const QString &message);

private:
    void deliver(QObject *context, Callback done, SecretResult result);
    bool takeFailure(SecretResult *result);

    QHash<QString, QString> m_secrets;
    std::optional<SecretResult> m_failure;
};

} // namespace Windsock::Profiles
