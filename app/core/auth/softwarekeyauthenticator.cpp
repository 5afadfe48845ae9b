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

} // namespace Windsock::Auth
