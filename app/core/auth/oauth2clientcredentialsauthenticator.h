#pragma once

#include "tokenauthenticator.h"

namespace Windsock::Auth {

// OAuth2 client-credentials grant: POST tokenUrl (form-urlencoded grant_type=client_credentials, client_id,
// client_secret, audience, scope) -> {"access_token", "expires_in"}; the token is cached until expires_in
// (minus a margin) and requests carry "Authorization: Bearer <token>".
class OAuth2ClientCredentialsAuthenticator final : public TokenAuthenticator
{
public:
    OAuth2ClientCredentialsAuthenticator(QUrl tokenUrl, QString clientId, QString clientSecret,
                                         QString audience, QString scope);

    QString redactedDescription() const override;
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    QUrl tokenUrl() const { return m_tokenUrl; }

    // An OAuth2 error code and description in plain words ("the client id or secret was not accepted").
    static QString describeOAuthError(const QString &error, const QString &description);

protected:
    void startFetch(QNetworkAccessManager *nam, const QUrl &deploymentUrl, TokenDone done) override;
    QStringList credentialSecrets() const override { return {m_clientSecret}; }

private:
    QUrl m_tokenUrl;
    QString m_clientId;
    QString m_clientSecret;
    QString m_audience;
    QString m_scope;
};

} // namespace Windsock::Auth
