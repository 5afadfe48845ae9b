#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Windsock::Auth {

// Reads the claims of a JSON Web Token without checking its signature (the server checks it; the client only
// wants to know when the token expires, to warn the user and to log in again in time).
class JwtClaims final
{
public:
    // The payload of header.payload.signature, or nothing when the token is not a JWT.
    static std::optional<QJsonObject> payload(const QString &token);
    // The exp claim as a UTC time, or nothing (not a JWT, or no exp: a token that never expires).
    static std::optional<QDateTime> expiry(const QString &token);
    // "expires in 3 days", "expires in 5 hours", "expired 2 hours ago".
    static QString describeExpiry(const QDateTime &expiry, const QDateTime &now);
    // True when the expiry is within seven days of now (or past): time to warn.
    static bool expiresSoon(const QDateTime &expiry, const QDateTime &now);
};

} // namespace Windsock::Auth
