#pragma once

#include "authenticator.h"

#include <QDateTime>
#include <optional>

namespace Windsock::Auth {

// A static token sent as "Authorization: Bearer <token>": Astro's Deployment, Workspace and Organization API
// tokens, or any other bearer token.
class BearerTokenAuthenticator final : public Authenticator
{
public:
    explicit BearerTokenAuthenticator(QString token);

    void authorize(QNetworkRequest &request) const override;
    QString redactedDescription() const override;
    QStringList secrets() const override { return {m_token}; }
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    // The token's exp claim when it is a JWT (Astro tokens are); nothing for a token that never expires or
    // is not a JWT.
    std::optional<QDateTime> expiry() const;

private:
    QString m_token;
};

} // namespace Windsock::Auth
