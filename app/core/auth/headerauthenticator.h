#pragma once

#include "authenticator.h"

#include <QByteArray>

namespace Windsock::Auth {

// A credential in a custom header (e.g. "X-API-Key: <value>"), for proxies and gateways in front of Airflow.
class HeaderAuthenticator final : public Authenticator
{
public:
    HeaderAuthenticator(QByteArray headerName, QString value);

    void authorize(QNetworkRequest &request) const override;
    QString redactedDescription() const override;
    QStringList secrets() const override { return {m_value}; }
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    QByteArray headerName() const { return m_headerName; }

private:
    QByteArray m_headerName;
    QString m_value;
};

} // namespace Windsock::Auth
