#include "tokenauthenticator.h"

#include "api/apicall.h"
#include "api/tlstrust.h"

#include <QNetworkRequest>
#include <QThread>
#include <QTimeZone>

namespace Windsock::Auth {

TokenAuthenticator::TokenAuthenticator()
    : m_receiver(std::make_unique<QObject>())
{}

TokenAuthenticator::~TokenAuthenticator()
{
    m_waiters.clear(); // nobody is told: the client that waited is going away with its authenticator
    m_receiver.reset();
}

QDateTime TokenAuthenticator::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void TokenAuthenticator::authorize(QNetworkRequest &request) const
{
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toUtf8());
}

bool TokenAuthenticator::needsToken() const
{
    if (m_token.isEmpty())
        return true;
    if (!m_expiry)
        return false;
    // A short-lived token gets a margin of at most a quarter of its life, so that it is used at all.
    const qint64 life = m_obtainedAt.isValid() ? m_obtainedAt.secsTo(*m_expiry) : 0;
    const qint64 margin = qMax<qint64>(0, qMin<qint64>(refreshMarginSeconds(), life / 4));
    return now() >= m_expiry->addSecs(-margin);
}

bool TokenAuthenticator::discardToken()
{
    m_token.clear();
    m_expiry.reset();
    return true;
}

QStringList TokenAuthenticator::secrets() const
{
    QStringList all = credentialSecrets();
    for (const QString &token : m_obtained) {
        if (!all.contains(token))
            all.append(token);
    }
    all.removeAll(QString());
    return all;
}

Api::ApiCall *TokenAuthenticator::newCall(const QString &description) const
{
    auto *call = new Api::ApiCall(m_receiver.get());
    call->setDescription(description);
    QObject::connect(call, &Api::ApiCall::finished, call, &QObject::deleteLater);
    return call;
}

QNetworkRequest TokenAuthenticator::tokenRequest(const QUrl &url, const QByteArray &contentType) const
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30000);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Windsock/" WINDSOCK_VERSION));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Content-Type"), contentType);
    Api::TlsTrust::apply(request, caCertificates());
    return request;
}

void TokenAuthenticator::fetchToken(QNetworkAccessManager *nam, const QUrl &deploymentUrl, QObject *context,
                                    Done done)
{
    m_waiters.append(Waiter{QPointer<QObject>(context), context != nullptr, std::move(done)});
    if (m_fetching)
        return; // the fetch in flight answers this request too
    m_fetching = true;
    const quint64 generation = ++m_generation;
    startFetch(nam, deploymentUrl,
               [this, generation](const QString &token, std::optional<QDateTime> expiry,
                                  const Api::ApiError &error) {
                   if (generation == m_generation && m_fetching)
                       finishFetch(token, expiry, error);
               });
}

void TokenAuthenticator::finishFetch(const QString &token, std::optional<QDateTime> expiry,
                                     const Api::ApiError &error)
{
    m_fetching = false;
    if (!error.isError()) {
        m_token = token;
        m_obtainedAt = now();
        // A token that looks expired on arrival means the clocks disagree: rely on the server's 401 instead
        // of logging in before every request.
        m_expiry = expiry && *expiry > m_obtainedAt ? expiry : std::nullopt;
        if (!m_obtained.contains(token))
            m_obtained.append(token);
    }
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (!waiter.hasContext) {
            waiter.done(error);
        } else if (waiter.context) {
            if (waiter.context->thread() == QThread::currentThread()) {
                waiter.done(error);
            } else {
                QMetaObject::invokeMethod(
                    waiter.context.data(), [done = waiter.done, error] { done(error); },
                    Qt::QueuedConnection);
            }
        }
    }
}

} // namespace Windsock::Auth
