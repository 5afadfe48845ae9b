#include "bearertokenauthenticator.h"
#include "jwtclaims.h"

namespace Windsock::Auth {

BearerTokenAuthenticator::BearerTokenAuthenticator(QString token)
    : m_token(std::move(token).trimmed())
{}

void BearerTokenAuthenticator::authorize(QNetworkRequest &request) const
{
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toUtf8());
}

QString BearerTokenAuthenticator::redactedDescription() const
{
    return QStringLiteral("Bearer (token hidden)");
}

std::optional<QDateTime> BearerTokenAuthenticator::expiry() const
{
    return JwtClaims::expiry(m_token);
}

Explorer::SnippetAuth BearerTokenAuthenticator::snippetAuth(bool includeSecret) const
{
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::Bearer;
    auth.envVar = QStringLiteral("AIRFLOW_TOKEN");
    if (includeSecret)
        auth.secret = m_token;
    return auth;
}

} // namespace Windsock::Auth
