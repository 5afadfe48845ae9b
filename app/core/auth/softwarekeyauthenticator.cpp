#include "softwarekeyauthenticator.h"

namespace Windsock::Auth {

SoftwareKeyAuthenticator::SoftwareKeyAuthenticator(QString key, bool bearer)
    : m_key(std::move(key).trimmed())
    , m_bearer(bearer)
{}

void SoftwareKeyAuthenticator::authorize(QNetworkRequest &request) const
{
    const QByteArray key = m_key.toUtf8();
    request.setRawHeader(QByteArrayLiteral("Authorization"), m_bearer ? "Bearer " + key : key);
}

QString SoftwareKeyAuthenticator::redactedDescription() const
{
    return m_bearer ? QStringLiteral("Bearer (Astronomer Software key hidden)")
                    : QStringLiteral("Astronomer Software key (hidden)");
}

Explorer::SnippetAuth SoftwareKeyAuthenticator::snippetAuth(bool includeSecret) const
{
    // Astronomer Software takes the key as the whole Authorization value unless the profile says Bearer.
    Explorer::SnippetAuth auth;
    auth.kind = m_bearer ? Explorer::SnippetAuth::Bearer : Explorer::SnippetAuth::Header;
    auth.headerName = QByteArrayLiteral("Authorization");
    auth.envVar = QStringLiteral("ASTRONOMER_API_KEY");
    if (includeSecret)
        auth.secret = m_key;
    return auth;
}

} // namespace Windsock::Auth
