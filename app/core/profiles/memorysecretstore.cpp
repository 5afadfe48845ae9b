#include "memorysecretstore.h"

#include <QPointer>

namespace Windsock::Profiles {

void MemorySecretStore::failNext(SecretResult::Status status, const QString &message)
{
    SecretResult failure;
    failure.status = status;
    failure.message = message;
    m_failure = failure;
}

bool MemorySecretStore::takeFailure(SecretResult *result)
{
    if (!m_failure)
        return false;
    *result = *m_failure;
    m_failure.reset();
    return true;
}

void MemorySecretStore::deliver(QObject *context, Callback done, SecretResult result)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

void MemorySecretStore::read(const QString &profileId, QObject *context, Callback done)
{
    SecretResult result;
    if (!takeFailure(&result)) {
        const auto found = m_secrets.constFind(profileId);
        if (found == m_secrets.constEnd()) {
            result.status = SecretResult::Status::NotFound;
            result.message = QStringLiteral("No secret is stored for this profile.");
        } else {
            result.secret = *found;
        }
    }
    deliver(context, std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString &profileId, const QString &secret, QObject *context,
                              Callback done)
{
    SecretResult result;
    if (!takeFailure(&result))
        m_secrets.insert(profileId, secret);
    deliver(context, std::move(done), std::move(result));
}

void MemorySecretStore::remove(const QString &profileId, QObject *context, Callback done)
{
    SecretResult result;
    if (!takeFailure(&result))
        m_secrets.remove(profileId);
    deliver(context, std::move(done), std::move(result));
}

} // namespace Windsock::Profiles
