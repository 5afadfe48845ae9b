#pragma once

#include "authenticator.h"

#include "api/apierror.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

namespace Windsock::Api {
class ApiCall;
}

namespace Windsock::Auth {

// The token life cycle shared by the kinds that obtain a token before sending requests (Airflow 3's
// /auth/token, OAuth2 client credentials, a command): the token is held until its expiry (minus a margin),
// one fetch runs at a time and every request that needs a token meanwhile waits for that same fetch, and a
// 401 discards the token so that the client fetches a new one. Requests carry "Authorization: Bearer".
class TokenAuthenticator : public Authenticator
{
public:
    using Clock = std::function<QDateTime()>;

    TokenAuthenticator();
    ~TokenAuthenticator() override;
    TokenAuthenticator(const TokenAuthenticator &) = delete;
    TokenAuthenticator &operator=(const TokenAuthenticator &) = delete;

    void authorize(QNetworkRequest &request) const override;
    bool needsToken() const override;
    void fetchToken(QNetworkAccessManager *nam, const QUrl &deploymentUrl, QObject *context,
                    Done done) override;
    bool discardToken() override;
    // The credential (password, client secret) and every token obtained so far.
    QStringList secrets() const override;

    // For tests: the time that decides expiry (default: the current UTC time).
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const;
    bool hasToken() const { return !m_token.isEmpty(); }
    std::optional<QDateTime> tokenExpiry() const { return m_expiry; }
    bool isFetching() const { return m_fetching; }
    // How many tokens this authenticator obtained (logins, token requests, command runs).
    int tokensObtained() const { return int(m_obtained.size()); }

protected:
    using TokenDone = std::function<void(const QString &token, std::optional<QDateTime> expiry,
                                         const Api::ApiError &error)>;
    // Obtains one token; calls done exactly once unless the authenticator is destroyed first. Objects
    // that the fetch creates are children of receiver(), so that they die with the authenticator.
    virtual void startFetch(QNetworkAccessManager *nam, const QUrl &deploymentUrl, TokenDone done) = 0;
    // The secrets given to this authenticator (not the tokens).
    virtual QStringList credentialSecrets() const = 0;
    // How long before its expiry a token counts as expired.
    virtual int refreshMarginSeconds() const { return 30; }

    QObject *receiver() const { return m_receiver.get(); }
    // A call handle for HttpExchange, parented to receiver(); deleted later when its exchange ends.
    Api::ApiCall *newCall(const QString &description) const;
    // A POST to a token endpoint: no redirects followed, a transfer timeout, the profile's CA bundle.
    QNetworkRequest tokenRequest(const QUrl &url, const QByteArray &contentType) const;

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Done done;
    };
    void finishFetch(const QString &token, std::optional<QDateTime> expiry, const Api::ApiError &error);

    std::unique_ptr<QObject> m_receiver;
    Clock m_clock;
    QString m_token;
    std::optional<QDateTime> m_expiry;
    QDateTime m_obtainedAt;
    QStringList m_obtained;
    QList<Waiter> m_waiters;
    bool m_fetching = false;
    quint64 m_generation = 0;
};

} // namespace Windsock::Auth
