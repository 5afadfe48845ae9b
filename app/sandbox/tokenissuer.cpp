#include "tokenissuer.h"

#include "sandboxclock.h"

#include <QCryptographicHash>

namespace Windsock::Sandbox {

TokenIssuer::TokenIssuer(QByteArray secret, const SandboxClock *clock)
    : m_secret(std::move(secret))
    , m_clock(clock)
{}

QByteArray TokenIssuer::issue(QJsonObject claims, qint64 lifetimeSeconds)
{
    const qint64 now = nowSeconds();
    claims.insert(QStringLiteral("iat"), now);
    claims.insert(QStringLiteral("nbf"), now);
    claims.insert(QStringLiteral("exp"), now + lifetimeSeconds);
    claims.insert(QStringLiteral("jti"), QString::number(++m_issued));
    return Jwt::sign(claims, m_secret);
}

Jwt::Check TokenIssuer::check(const QByteArray &token) const
{
    return Jwt::verify(token, m_secret, nowSeconds());
}

qint64 TokenIssuer::nowSeconds() const
{
    const qint64 ms = m_clock->nowMs();
    return ms >= 0 ? ms / 1000 : (ms - 999) / 1000; // floor
}

QByteArray TokenIssuer::secretFromSeed(quint32 seed)
{
    return QCryptographicHash::hash(
        QByteArray(QByteArrayLiteral("windsock-sandbox-token-secret:") + QByteArray::number(seed)),
        QCryptographicHash::Sha256);
}

} // namespace Windsock::Sandbox
