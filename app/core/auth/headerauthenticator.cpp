#include "headerauthenticator.h"

namespace Windsock::Auth {

HeaderAuthenticator::HeaderAuthenticator(QByteArray headerName, QString value)
    : m_headerName(std::move(headerName).trimmed())
    , m_value(std::move(value))
{}

void HeaderAuthenticator::authorize(QNetworkRequest &request) const
{
    if (!m_headerName.isEmpty())
        request.setRawHeader(m_headerName, m_value.toUtf8());
}

QString HeaderAuthenticator::redactedDescription() const
{
    return QStringLiteral("Header %1 (value hidden)").arg(QString::fromLatin1(m_headerName));
}

} // namespace Windsock::Auth
