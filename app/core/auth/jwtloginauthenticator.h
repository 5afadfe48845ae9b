#pragma once

#include "tokenauthenticator.h"

namespace Windsock::Auth {

// Airflow 3: POST {deployment}/auth/token with {"username", "password"} -> 201 {"access_token": "<jwt>"};
// requests carry "Authorization: Bearer <jwt>" until the JWT's exp claim (minus a margin); after a 401 the
// client logs in again once and replays the request.
class JwtLoginAuthenticator final : public TokenAuthenticator
{
public:
    JwtLoginAuthenticator(QString username, QString password);

    QString redactedDescription() const override;
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    QString username() const { return m_username; }

protected:
    void startFetch(QNetworkAccessManager *nam, const QUrl &deploymentUrl, TokenDone done) override;
    QStringList credentialSecrets() const override { return {m_password}; }

private:
    QString m_username;
    QString m_password;
};

} // namespace Windsock::Auth
