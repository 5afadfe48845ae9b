#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QtGlobal>

namespace Windsock::Sandbox {

// Compact JSON Web Tokens signed with HMAC-SHA256 (RFC 7519, alg HS256): header.payload.signature, each part
// base64url without padding. The sandbox issues them (Airflow 3 logins, OAuth2) and tests build Astro-like
// ones with chosen claims. Times in claims are seconds since the Unix epoch, judged against a given "now"
// (the sandbox clock), with no leeway.
class Jwt
{
public:
    enum class Check
    {
        Valid,
        Malformed,    // not three base64url parts of JSON objects, or not alg HS256
        BadSignature, // well formed, signed with another secret (or altered)
        NotYetValid,  // nbf is after now
        Expired       // exp is at or before now
    };

    static QByteArray sign(const QJsonObject &claims, const QByteArray &secret);
    static Check verify(const QByteArray &token, const QByteArray &secret, qint64 nowSeconds);

    // The payload's claims without checking the signature (what a client reads for `exp`); empty when the
    // token is not JWT-shaped.
    static QJsonObject unverifiedClaims(const QByteArray &token);
};

} // namespace Windsock::Sandbox
