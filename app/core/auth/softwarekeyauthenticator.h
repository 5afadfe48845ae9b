#pragma once

#include "authenticator.h"

namespace Windsock::Auth {

// Astronomer Software: a service-account API key (or a user token) sent as "Authorization: <key>" with no
// scheme, or as "Authorization: Bearer <key>" when bearer is set. A rejected key gets a 302 to the
// platform's login page, which the client reports and never follows.
class SoftwareKeyAuthenticator final : public Authenticator
{
public:
    SoftwareKeyAuthenticator(QString key, bool bearer);

    void authorize(QNetworkRequest &request) const override;
    QString redactedDescription() const override;
    QStringList secrets() const override { return {m_key}; }
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    bool bearer() const { return m_bearer; }

private:
    QString m_key;
    bool m_bearer;
};

} // namespace Windsock::Auth
