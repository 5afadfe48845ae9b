#pragma once

#include "explorer/snippetauth.h"

#include <QList>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QObject;

namespace Windsock::Api {
class ApiError;
}

namespace Windsock::Auth {

// Puts a profile's credentials on each outgoing request. The client stamps every request through exactly one
// Authenticator, in one place.
//
// Token kinds (Airflow 3's /auth/token JWT, OAuth2 client credentials, a token printed by a command) first
// obtain a token: the client asks needsToken() before a request and, when true, calls fetchToken() and waits
// for it (one fetch at a time; requests that arrive meanwhile wait for the same fetch). After a 401 the
// client calls discardToken(): when it returns true, the client fetches a new token and replays the request
// once, never more (a 401 on the fetch itself is "credentials rejected").
class Authenticator
{
public:
    using Done = std::function<void(const Api::ApiError &error)>; // error.isError() false on success

    virtual ~Authenticator() = default;
    virtual void authorize(QNetworkRequest &request) const = 0;
    // How the Authorization header is shown to a person (history, copy as cURL): never the secret itself.
    virtual QString redactedDescription() const = 0;

    // Token kinds: true while no usable token is held (none yet, or past its expiry).
    virtual bool needsToken() const { return false; }
    // Obtains a token; calls done exactly once on context's thread (not at all if context is destroyed).
    virtual void fetchToken(QNetworkAccessManager *nam, const QUrl &deploymentUrl, QObject *context,
                            Done done);
    // After a 401: forget the token. True when a new token may help (the client then replays the request
    // once).
    virtual bool discardToken() { return false; }
    // Every secret this authenticator holds or obtained (password, key, token), for redaction and for tests
    // that search files and logs for them. Never logged.
    virtual QStringList secrets() const = 0;
    // How an exported snippet (copy as cURL / Python / HTTPie) authenticates like this authenticator. With
    // includeSecret false the secret is left out and the snippet reads it from the SnippetAuth's envVar.
    virtual Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const = 0;

    // The extra certificate authorities of the profile (its CA bundle), set by the client that owns this
    // authenticator: token requests (login, OAuth2 token endpoint) trust what the API requests trust.
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_caCertificates = certificates; }
    const QList<QSslCertificate> &caCertificates() const { return m_caCertificates; }

private:
    QList<QSslCertificate> m_caCertificates;
};

class NoAuthenticator final : public Authenticator
{
public:
    void authorize(QNetworkRequest &) const override {}
    QString redactedDescription() const override { return QStringLiteral("no authentication"); }
    QStringList secrets() const override { return {}; }
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
};

class BasicAuthenticator final : public Authenticator
{
public:
    BasicAuthenticator(QString username, QString password);
    void authorize(QNetworkRequest &request) const override;
    QString redactedDescription() const override;
    QStringList secrets() const override { return {m_password}; }
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    QString username() const { return m_username; }

private:
    QString m_username;
    QString m_password;
};

} // namespace Windsock::Auth
