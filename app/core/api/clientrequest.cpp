#include "clientrequest.h"

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

void ClientRequest::exchange(AirflowClient &client, ApiCall *call, const ApiRequest &request,
                             HttpExchange::Handler handler)
{
    if (call->isCancelled()) {
        HttpOutcome outcome;
        outcome.error = ApiError(ApiError::Kind::Cancelled, QStringLiteral("The request was cancelled."));
        QMetaObject::invokeMethod(
            call, [handler = std::move(handler), outcome] { handler(outcome); }, Qt::QueuedConnection);
        return;
    }
    const QUrl target = url(client.m_baseUrl, request.encodedPathAndQuery());
    const QNetworkRequest networkRequest_ =
        networkRequest(client, target, request.accept, !request.body.isEmpty());
    HttpExchange::start(client.m_nam, networkRequest_, request.method, request.body,
                        client.m_options.maxBodyBytes, call, std::move(handler));
}

} // namespace Windsock::Api
