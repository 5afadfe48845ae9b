#pragma once

#include "airflowclient.h"
#include "apicall.h"
#include "apilog.h"
#include "apirequest.h"
#include "dialect.h"
#include "httpexchange.h"
#include "responsereader.h"

#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

namespace Windsock::Api {

// The client's private machinery, shared by every call: builds the QNetworkRequest (the one place where the
// common headers are stamped), runs the exchange, and delivers the result exactly once on the context's
// thread.
class ClientRequest final
{
public:
    static QUrl url(const QUrl &baseUrl, const QString &encodedPathAndQuery);
    static QNetworkRequest networkRequest(const AirflowClient &client, const QUrl &url,
                                          const QByteArray &accept, bool hasBody);
    static ApiCall *newCall(AirflowClient &client, QObject *context, const QString &description);
    // GET, HEAD and OPTIONS: what a read-only client sends without the dialect saying it reads.
    static bool isReadingMethod(const QByteArray &method);
    // The error a read-only client fails a changing request with (nothing is sent); none when it may go.
    static ApiError readOnlyRefusal(const AirflowClient &client, const QByteArray &method, bool reads);
    static void exchange(AirflowClient &client, ApiCall *call, const ApiRequest &request,
                         HttpExchange::Handler handler);
    // The one place where credentials meet a request: when the authenticator needs a token, it is fetched
    // first (requests that arrive meanwhile wait for the same fetch); build() then makes the request with the
    // current credentials. After a 401, the token is discarded and the request replayed once with a new one;
    // a second 401 goes to the handler like any answer.
    using RequestBuilder = std::function<QNetworkRequest()>;
    static void authorizedExchange(AirflowClient &client, ApiCall *call, const RequestBuilder &build,
                                   const QByteArray &method, const QByteArray &body,
                                   HttpExchange::Handler handler, bool replay = false);
    // What the authenticator currently stamps on a request (every header it sets), to tell whether the
    // credentials changed since a request was sent.
    static QByteArray credentialFingerprint(const Auth::Authenticator &authenticator);
    static ResponseReader reader(const AirflowClient &client, const ApiRequest &request);

    template<typename T>
    static void deliver(ApiCall *call, const QPointer<QObject> &context,
                        const AirflowClient::Callback<T> &done, Result<T> result)
    {
        QPointer<ApiCall> guard(call);
        if (!result.ok()) {
            ApiError error = result.error();
            error.setContext(call->description());
            if (error.kind() != ApiError::Kind::Cancelled)
                qCWarning(lcApi).noquote() << error.context() << "failed:" << error.message();
            result = Result<T>(error);
        }
        if (context) {
            if (context->thread() == QThread::currentThread())
                done(result);
            else
                QMetaObject::invokeMethod(
                    context.data(), [done, result] { done(result); }, Qt::QueuedConnection);
        }
        if (guard)
            guard->markFinished();
    }

    // One request whose answer is decoded into T by `decode`.
    template<typename T>
    static ApiCall *single(AirflowClient &client, const ApiRequest &request, QObject *context,
                           AirflowClient::Callback<T> done,
                           std::function<Result<T>(const ResponseReader &, const HttpOutcome &)> decode)
    {
        ApiCall *call = newCall(client, context, request.description());
        const QPointer<QObject> guardedContext(context);
        const ResponseReader responseReader = reader(client, request);
        exchange(client, call, request,
                 [call, guardedContext, done = std::move(done), decode = std::move(decode),
                  responseReader](const HttpOutcome &outcome) {
                     deliver<T>(call, guardedContext, done, decode(responseReader, outcome));
                 });
        return call;
    }

    // A request whose JSON answer the dialect decodes.
    template<typename T>
    static ApiCall *json(AirflowClient &client, const ApiRequest &request, QObject *context,
                         AirflowClient::Callback<T> done,
                         Result<T> (Dialect::*decode)(const QJsonDocument &) const)
    {
        const Dialect *dialect = &client.dialect();
        return single<T>(
            client, request, context, std::move(done),
            [dialect, decode](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<T> {
                const Result<QJsonDocument> doc = reader.json(outcome);
                if (!doc)
                    return doc.error();
                return (dialect->*decode)(doc.value());
            });
    }
};

} // namespace Windsock::Api
