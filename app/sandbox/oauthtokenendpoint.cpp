#include "oauthtokenendpoint.h"

#include "apirequest.h"
#include "tokenissuer.h"

#include <QHash>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace Windsock::Sandbox {

namespace {

ApiResponse oauthError(int status, const QString &error, const QString &description)
{
    ApiResponse response = ApiResponse::json(
        QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}},
        status);
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    return response;
}

// The body's parameters, from application/x-www-form-urlencoded (the standard) or a JSON object (Auth0).
QHash<QString, QString> bodyParameters(const ApiRequest &request)
{
    QHash<QString, QString> parameters;
    if (request.contentType.trimmed().startsWith("application/json")) {
        const QJsonObject object = QJsonDocument::fromJson(request.body).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isString())
                parameters.insert(it.key(), it.value().toString());
        }
        return parameters;
    }
    QByteArray form = request.body;
    form.replace('+', QByteArrayLiteral("%20"));
    const QUrlQuery query(QString::fromLatin1(form));
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        parameters.insert(item.first, item.second);
    return parameters;
}

// HTTP Basic client authentication: id and secret are form-urlencoded before base64 (RFC 6749 2.3.1).
bool basicClient(const QByteArray &authorization, QString *clientId, QString *secret)
{
    const QByteArray header = authorization.trimmed();
    if (header.size() < 6 || header.left(6).toLower() != "basic ")
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return false;
    auto formDecode = [](QByteArray part) {
        part.replace('+', ' ');
        return QUrl::fromPercentEncoding(part);
    };
    *clientId = formDecode(decoded.left(colon));
    *secret = formDecode(decoded.mid(colon + 1));
    return true;
}

} // namespace

OAuthTokenEndpoint::OAuthTokenEndpoint(QList<OAuthClient> clients, qint64 expiresInSeconds,
                                       TokenIssuer *issuer)
    : m_clients(std::move(clients))
    , m_expiresInSeconds(expiresInSeconds)
    , m_issuer(issuer)
{}

ApiResponse OAuthTokenEndpoint::answer(const ApiRequest &request)
{
    if (request.method != "POST")
        return oauthError(405, QStringLiteral("invalid_request"),
                          QStringLiteral("The token endpoint takes POST."));
    const QHash<QString, QString> parameters = bodyParameters(request);
    const QString grantType = parameters.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("Missing required parameter: grant_type"));
    if (grantType != QLatin1String("client_credentials"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          QStringLiteral("Unsupported grant type: ") + grantType);

    QString clientId = parameters.value(QStringLiteral("client_id"));
    QString secret = parameters.value(QStringLiteral("client_secret"));
    basicClient(request.authorization, &clientId, &secret); // Basic, when sent, wins over the body
    const OAuthClient *client = nullptr;
    for (const OAuthClient &known : m_clients) {
        if (known.clientId == clientId && !clientId.isEmpty())
            client = &known;
    }
    if (!client || client->secret != secret)
        return oauthError(401, QStringLiteral("invalid_client"), QStringLiteral("Unauthorized"));

    const QString audience = parameters.value(QStringLiteral("audience"));
    if (!client->audience.isEmpty() && audience != client->audience)
        return oauthError(403, QStringLiteral("access_denied"),
                          QStringLiteral("Service not found: ") + audience);

    const QString scope = parameters.value(QStringLiteral("scope"));
    QJsonObject claims{{QStringLiteral("sub"), QString(clientId + QStringLiteral("@clients"))},
                       {QStringLiteral("azp"), clientId},
                       {QStringLiteral("gty"), QStringLiteral("client-credentials")}};
    if (!audience.isEmpty())
        claims.insert(QStringLiteral("aud"), audience);
    if (!scope.isEmpty())
        claims.insert(QStringLiteral("scope"), scope);
    QJsonObject body{
        {QStringLiteral("access_token"), QString::fromLatin1(m_issuer->issue(claims, m_expiresInSeconds))},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), m_expiresInSeconds}};
    if (!scope.isEmpty())
        body.insert(QStringLiteral("scope"), scope);
    ApiResponse response = ApiResponse::json(body);
    response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    return response;
}

} // namespace Windsock::Sandbox
