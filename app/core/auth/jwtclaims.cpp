#include "jwtclaims.h"

#include <QJsonDocument>
#include <QStringList>
#include <QTimeZone>

namespace Windsock::Auth {

namespace {

QString amount(qint64 seconds)
{
    constexpr qint64 minute = 60;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    auto unit = [](qint64 count, const char *singular) -> QString {
        return QString::number(count) + QLatin1Char(' ') + QLatin1String(singular) +
               (count == 1 ? QString() : QStringLiteral("s"));
    };
    if (seconds >= 2 * day)
        return unit(seconds / day, "day");
    if (seconds >= 2 * hour)
        return unit(seconds / hour, "hour");
    if (seconds >= minute)
        return unit(seconds / minute, "minute");
    return QStringLiteral("less than a minute");
}

} // namespace

std::optional<QJsonObject> JwtClaims::payload(const QString &token)
{
    const QStringList parts = token.trimmed().split(QLatin1Char('.'));
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return std::nullopt;
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(decoded.decoded);
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

std::optional<QDateTime> JwtClaims::expiry(const QString &token)
{
    const std::optional<QJsonObject> claims = payload(token);
    if (!claims)
        return std::nullopt;
    const QJsonValue exp = claims->value(QLatin1String("exp"));
    if (!exp.isDouble())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC);
}

QString JwtClaims::describeExpiry(const QDateTime &expiry, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(expiry);
    if (seconds >= 0)
        return QStringLiteral("expires in ") + amount(seconds);
    return QStringLiteral("expired ") + amount(-seconds) + QStringLiteral(" ago");
}

bool JwtClaims::expiresSoon(const QDateTime &expiry, const QDateTime &now)
{
    return now.secsTo(expiry) < 7LL * 24 * 60 * 60;
}

} // namespace Windsock::Auth
