#include "clientrequest.h"

#include "tlstrust.h"

#include "auth/authenticator.h"

namespace Windsock::Api {

QUrl ClientRequest::url(const QUrl &baseUrl, const QString &encodedPathAndQuery)
{
    QString basePath = baseUrl.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    const qsizetype question = encodedPathAndQuery.indexOf(QLatin1Char('?'));
    QString path = question < 0 ? encodedPathAndQuery : encodedPathAndQuery.left(question);
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    QUrl url = baseUrl;
    url.setPath(basePath + path, QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(encodedPathAndQuery.mid(question + 1), QUrl::TolerantMode);
    else
        url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QNetworkRequest ClientRequest::networkRequest(const AirflowClient &client, const QUrl &url,
                                              const QByteArray &accept, bool hasBody)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(client.m_options.transferTimeoutMs);
    const QByteArray userAgent = client.m_options.userAgent.isEmpty()
                                     ? QByteArrayLiteral("Windsock/" WINDSOCK_VERSION)
                                     : client.m_options.userAgent;
    request.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent);
    request.setRawHeader(QByteArrayLiteral("Accept"), accept);
    if (hasBody)
        request.setRawHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    TlsTrust::apply(request, client.m_options.caCertificates);
    client.m_authenticator->authorize(request);
    return request;
}

ApiCall *ClientRequest::newCall(AirflowClient &client, QObject *context, const QString &description)
{
    auto *call = new ApiCall(&client);
    call->setDescription(description);
    // A context destroyed on this thread cancels the call: nobody is left to receive its result.
    if (context && context->thread() == QThread::currentThread())
        QObject::connect(context, &QObject::destroyed, call, &ApiCall::cancel);
    return call;
}

ResponseReader ClientRequest::reader(const AirflowClient &client, const ApiRequest &request)
{
    return ResponseReader(*client.m_dialect, *client.m_authenticator, request.encodedPath);
}

bool ClientRequest::isReadingMethod(const QByteArray &method)
{
    const QByteArray upper = method.toUpper();
    return upper == "GET" || upper == "HEAD" || upper == "OPTIONS";
}

ApiError ClientRequest::readOnlyRefusal(const AirflowClient &client, const QByteArray &method, bool reads)
{
    if (!client.m_options.readOnly || reads || isReadingMethod(method))
        return ApiError::none();
    const QString name = client.m_options.profileName.isEmpty()
                             ? QStringLiteral("This profile")
                             : QStringLiteral("\"%1\"").arg(client.m_options.profileName);
    return ApiError(
        ApiError::Kind::ReadOnly,
        QStringLiteral("%1 is read-only: Windsock sends it no request that changes anything.").arg(name));
}

void ClientRequest::exchange(AirflowClient &client, ApiCall *call, const ApiRequest &request,
                             HttpExchange::Handler handler)
{
    const ApiError refusal = readOnlyRefusal(client, request.method, request.reads);
    if (call->isCancelled() || !request.unavailable.isEmpty() || refusal.isError()) {
        // Nothing is sent: the caller cancelled, the server cannot do this (the dialect said why), or the
        // profile is read-only and this would change something.
        HttpOutcome outcome;
        outcome.error =
            call->isCancelled()
                ? ApiError(ApiError::Kind::Cancelled, QStringLiteral("The request was cancelled."))
            : !request.unavailable.isEmpty() ? ApiError(ApiError::Kind::Unsupported, request.unavailable)
                                             : refusal;
        QMetaObject::invokeMethod(
            call, [handler = std::move(handler), outcome] { handler(outcome); }, Qt::QueuedConnection);
        return;
    }
    const QUrl target = url(client.m_baseUrl, request.encodedPathAndQuery());
    const AirflowClient *constClient = &client;
    const QByteArray accept = request.accept;
    const bool hasBody = !request.body.isEmpty();
    authorizedExchange(
        client, call,
        [constClient, target, accept, hasBody] {
            return networkRequest(*constClient, target, accept, hasBody);
        },
        request.method, request.body, std::move(handler));
}

QByteArray ClientRequest::credentialFingerprint(const Auth::Authenticator &authenticator)
{
    QNetworkRequest probe;
    authenticator.authorize(probe);
    QByteArray fingerprint;
    const QList<QByteArray> names = probe.rawHeaderList();
    for (const QByteArray &name : names)
        fingerprint += name + ": " + probe.rawHeader(name) + '\n';
    return fingerprint;
}

void ClientRequest::authorizedExchange(AirflowClient &client, ApiCall *call, const RequestBuilder &build,
                                       const QByteArray &method, const QByteArray &body,
                                       HttpExchange::Handler handler, bool replay)
{
    AirflowClient *owner = &client;
    auto send = [owner, call, build, method, body, handler, replay] {
        const QByteArray sentWith = credentialFingerprint(*owner->m_authenticator);
        HttpExchange::start(
            owner->m_nam, build(), method, body, owner->m_options.maxBodyBytes, call,
            [owner, call, build, method, body, handler, replay, sentWith](const HttpOutcome &outcome) {
                if (outcome.status == 401 && !replay && !call->isCancelled()) {
                    Auth::Authenticator &authenticator = *owner->m_authenticator;
                    // Another request may have fetched a new token while this one was on its way.
                    const bool renewed =
                        !authenticator.needsToken() && credentialFingerprint(authenticator) != sentWith;
                    if (renewed || authenticator.discardToken()) {
                        qCInfo(lcApi).noquote()
                            << call->description() << "was refused (HTTP 401): replaying it with a new token";
                        return authorizedExchange(*owner, call, build, method, body, handler, true);
                    }
                }
                handler(outcome);
            });
    };

    Auth::Authenticator &authenticator = *client.m_authenticator;
    if (!authenticator.needsToken())
        return send();
    authenticator.fetchToken(
        client.m_nam, client.m_baseUrl, call, [call, send, handler](const ApiError &error) {
            HttpOutcome outcome;
            if (call->isCancelled()) {
                outcome.error =
                    ApiError(ApiError::Kind::Cancelled, QStringLiteral("The request was cancelled."));
                return handler(outcome);
            }
            if (error.isError()) {
                outcome.error = error;
                return handler(outcome);
            }
            send();
        });
}

} // namespace Windsock::Api
