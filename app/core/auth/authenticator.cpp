#include "authenticator.h"

#include "api/apierror.h"

namespace Windsock::Auth {

void Authenticator::fetchToken(QNetworkAccessManager *, const QUrl &, QObject *, Done done)
{
    done(Api::ApiError::none());
}

BasicAuthenticator::BasicAuthenticator(QString username, QString password)
    : m_username(std::move(username))
    , m_password(std::move(password))
{}

void BasicAuthenticator::authorize(QNetworkRequest &request) const
{
    const QByteArray pair = m_username.toUtf8() + ':' + m_password.toUtf8();
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + pair.toBase64());
}

QString BasicAuthenticator::redactedDescription() const
{
    return QStringLiteral("Basic (user %1, password hidden)").arg(m_username);
}

Explorer::SnippetAuth NoAuthenticator::snippetAuth(bool) const
{
    return {};
}

Explorer::SnippetAuth BasicAuthenticator::snippetAuth(bool includeSecret) const
{
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::Basic;
    auth.username = m_username;
    auth.envVar = QStringLiteral("AIRFLOW_PASSWORD");
    if (includeSecret)
        auth.secret = m_password;
    return auth;
}

} // namespace Windsock::Auth
