#include "oauth2clientcredentialsauthenticator.h"
#include "jwtclaims.h"

#include "api/apicall.h"
#include "api/httpexchange.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Windsock::Auth {

using Api::ApiError;
using Kind = ApiError::Kind;

OAuth2ClientCredentialsAuthenticator::OAuth2ClientCredentialsAuthenticator(QUrl tokenUrl, QString clientId,
                                                                           QString clientSecret,
                                                                           QString audience, QString scope)
    : m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
    , m_audience(std::move(audience))
    , m_scope(std::move(scope))
{}

QString OAuth2ClientCredentialsAuthenticator::redactedDescription() const
{
    return QStringLiteral("Bearer (OAuth2 client %1 at %2, secret hidden)")
        .arg(m_clientId, m_tokenUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
}

QString OAuth2ClientCredentialsAuthenticator::describeOAuthError(const QString &error,
                                                                 const QString &description)
{
    QString meaning;
    if (error == QLatin1String("invalid_client"))
        meaning = QStringLiteral("the client id or client secret was not accepted");
    else if (error == QLatin1String("unauthorized_client"))
        meaning = QStringLiteral("this client may not use the client-credentials grant");
    else if (error == QLatin1String("invalid_scope"))
        meaning = QStringLiteral("the scope is not valid for this client");
    else if (error == QLatin1String("invalid_grant"))
        meaning = QStringLiteral("the grant was refused");
    else if (error == QLatin1String("access_denied"))
        meaning = QStringLiteral("access was denied");
    else if (error == QLatin1String("invalid_request"))
        meaning = QStringLiteral("the request was incomplete or malformed (check the audience and scope)");
    else if (error == QLatin1String("unsupported_grant_type"))
        meaning = QStringLiteral("the token endpoint does not offer the client-credentials grant");
    else
        meaning = error.isEmpty() ? QStringLiteral("it refused the request") : error;
    QString text = meaning;
    if (!description.isEmpty())
        text += QStringLiteral(" (\"") + description + QStringLiteral("\")");
    return text;
}

void OAuth2ClientCredentialsAuthenticator::startFetch(QNetworkAccessManager *nam, const QUrl &,
                                                      TokenDone done)
{
    QByteArray form = "grant_type=client_credentials";
    auto add = [&form](const char *name, const QString &value) {
        if (!value.isEmpty())
            form += '&' + QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
    };
    add("client_id", m_clientId);
    add("client_secret", m_clientSecret);
    add("audience", m_audience);
    add("scope", m_scope);

    const QString host = m_tokenUrl.host();
    Api::ApiCall *call =
        newCall(QStringLiteral("POST ") + m_tokenUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    const QNetworkRequest request =
        tokenRequest(m_tokenUrl, QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QDateTime requested = now();
    Api::HttpExchange::start(
        nam, request, QByteArrayLiteral("POST"), form, 1024 * 1024, call,
        [call, host, requested, done = std::move(done)](const Api::HttpOutcome &outcome) {
            call->markFinished();
            auto fail = [&done, call](ApiError error) {
                error.setContext(call->description());
                done({}, std::nullopt, error);
            };
            if (outcome.error.isError())
                return fail(outcome.error);
            const int status = outcome.status;
            const QJsonObject answer = QJsonDocument::fromJson(outcome.body).object();
            const QString errorCode = answer.value(QLatin1String("error")).toString();
            if (status >= 300 && status < 400) {
                return fail(
                    ApiError(Kind::Redirected,
                             QStringLiteral("The token endpoint at %1 redirected the request (HTTP %2); "
                                            "check the token URL.")
                                 .arg(host)
                                 .arg(status),
                             status));
            }
            if (status < 200 || status >= 300 || !errorCode.isEmpty()) {
                const QString description = answer.value(QLatin1String("error_description")).toString();
                const bool rejected = status == 400 || status == 401 || status == 403;
                if (errorCode.isEmpty() && !rejected) {
                    return fail(ApiError(
                        Kind::Http,
                        QStringLiteral("The token endpoint at %1 failed (HTTP %2).").arg(host).arg(status),
                        status));
                }
                return fail(
                    ApiError(rejected ? Kind::Unauthorized : Kind::Http,
                             QStringLiteral("The token endpoint at %1 refused the client credentials: "
                                            "%2 (HTTP %3).")
                                 .arg(host, describeOAuthError(errorCode, description))
                                 .arg(status),
                             status, description));
            }
            const QString token = answer.value(QLatin1String("access_token")).toString();
            if (token.isEmpty()) {
                return fail(ApiError(Kind::UnexpectedShape,
                                     QStringLiteral("The token endpoint at %1 answered without an "
                                                    "access_token.")
                                         .arg(host)));
            }
            std::optional<QDateTime> expiry;
            const QJsonValue expiresIn = answer.value(QLatin1String("expires_in"));
            if (expiresIn.isDouble() || expiresIn.isString()) {
                const qint64 seconds =
                    expiresIn.isDouble() ? qint64(expiresIn.toDouble()) : expiresIn.toString().toLongLong();
                if (seconds > 0)
                    expiry = requested.addSecs(seconds);
            }
            if (!expiry)
                expiry = JwtClaims::expiry(token);
            done(token, expiry, ApiError::none());
        });
}

Explorer::SnippetAuth OAuth2ClientCredentialsAuthenticator::snippetAuth(bool includeSecret) const
{
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::Bearer;
    auth.envVar = QStringLiteral("AIRFLOW_TOKEN");
    auth.note =
        QStringLiteral("AIRFLOW_TOKEN: an access token of OAuth2 client %1 from %2 (client credentials).")
            .arg(m_clientId, m_tokenUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    // The token held now (the newest obtained), never the client secret: that one stays in the keychain.
    if (includeSecret && tokensObtained() > 0)
        auth.secret = secrets().constLast();
    return auth;
}

} // namespace Windsock::Auth
