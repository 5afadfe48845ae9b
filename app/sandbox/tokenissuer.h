#pragma once

#include "jwt.h"

#include <QByteArray>
#include <QJsonObject>
#include <QtGlobal>

namespace Windsock::Sandbox {

class SandboxClock;

// Mints and checks the sandbox's own HS256 tokens (Airflow 3 logins, OAuth2 access tokens): iat, nbf and exp
// come from the sandbox clock, jti is a sequence number, so tokens are reproducible from the seed and the
// clock. Counts what it issued, so tests can tell that a client logged in again exactly once.
class TokenIssuer
{
public:
    TokenIssuer(QByteArray secret, const SandboxClock *clock);

    QByteArray issue(QJsonObject claims, qint64 lifetimeSeconds);
    Jwt::Check check(const QByteArray &token) const;

    quint64 issued() const { return m_issued; }
    const QByteArray &secret() const { return m_secret; }
    qint64 nowSeconds() const;

    static QByteArray secretFromSeed(quint32 seed);

private:
    QByteArray m_secret;
    const SandboxClock *m_clock;
    quint64 m_issued = 0;
};

} // namespace Windsock::Sandbox
