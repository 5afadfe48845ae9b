#include "jwt.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QList>
#include <QMessageAuthenticationCode>

namespace Windsock::Sandbox {

namespace {

constexpr auto base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray encodePart(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(base64Url);
}

bool decodePart(const QByteArray &part, QJsonObject *object)
{
    const auto decoded = QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || part.isEmpty())
        return false;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *object = document.object();
    return true;
}

QByteArray signature(const QByteArray &signingInput, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256)
        .toBase64(base64Url);
}

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

QByteArray Jwt::sign(const QJsonObject &claims, const QByteArray &secret)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QByteArray signingInput = encodePart(header) + '.' + encodePart(claims);
    return signingInput + '.' + signature(signingInput, secret);
}

Jwt::Check Jwt::verify(const QByteArray &token, const QByteArray &secret, qint64 nowSeconds)
{
    const QList<QByteArray> parts = token.split('.');
    QJsonObject header;
    QJsonObject claims;
    if (parts.size() != 3 || !decodePart(parts[0], &header) || !decodePart(parts[1], &claims) ||
        header.value(QStringLiteral("alg")).toString() != QLatin1String("HS256"))
        return Check::Malformed;
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    if (!equalInConstantTime(parts[2], signature(signingInput, secret)))
        return Check::BadSignature;
    const QJsonValue nbf = claims.value(QStringLiteral("nbf"));
    if (nbf.isDouble() && qint64(nbf.toDouble()) > nowSeconds)
        return Check::NotYetValid;
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    if (!exp.isUndefined() && !exp.isDouble())
        return Check::Malformed;
    if (exp.isDouble() && qint64(exp.toDouble()) <= nowSeconds)
        return Check::Expired;
    return Check::Valid;
}

QJsonObject Jwt::unverifiedClaims(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    QJsonObject claims;
    if (parts.size() != 3 || !decodePart(parts[1], &claims))
        return {};
    return claims;
}

} // namespace Windsock::Sandbox
