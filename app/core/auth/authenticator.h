#pragma once

#include <QNetworkRequest>
#include <QString>

namespace Windsock::Auth {

// Puts a profile's credentials on each outgoing request. The client stamps every request through exactly one
// Authenticator, in one place. Token kinds that must log in first (Airflow 3 JWT, OAuth2) extend this in the
// profiles issue; basic auth needs nothing asynchronous.
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual void authorize(QNetworkRequest &request) const = 0;
    // How the Authorization header is shown to a person (history, copy as cURL): never the secret itself.
    virtual QString redactedDescription() const = 0;
};

class NoAuthenticator final : public Authenticator
{
public:
    void authorize(QNetworkRequest &) const override {}
    QString redactedDescription() const override { return QStringLiteral("no authentication"); }
};

class BasicAuthenticator final : public Authenticator
{
public:
    BasicAuthenticator(QString username, QString password);
    void authorize(QNetworkRequest &request) const override;
    QString redactedDescription() const override;
    QString username() const { return m_username; }

private:
    QString m_username;
    QString m_password;
};

} // namespace Windsock::Auth
