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

Explorer::SnippetAuth HeaderAuthenticator::snippetAuth(bool includeSecret) const
{
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::Header;
    auth.headerName = m_headerName;
    auth.envVar = QStringLiteral("AIRFLOW_API_KEY");
    if (includeSecret)
        auth.secret = m_value;
    return auth;
}

} // namespace Windsock::Auth
