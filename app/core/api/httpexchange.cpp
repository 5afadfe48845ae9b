#include "httpexchange.h"
#include "apicall.h"
#include "apilog.h"
#include "tlstrust.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <memory>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

Q_LOGGING_CATEGORY(lcApi, "windsock.api", QtInfoMsg)

namespace Windsock::Api {

namespace {

struct ExchangeState
{
    QByteArray body;
    bool tooLarge = false;
#if QT_CONFIG(ssl)
    QList<QSslError> tlsErrors;
#endif
    QElapsedTimer timer;
};

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

ApiError transportError(QNetworkReply *reply, const ExchangeState &state, const ApiCall *call,
                        qint64 maxBodyBytes, int status)
{
    using Kind = ApiError::Kind;
    const QUrl url = reply->url();
    const QNetworkReply::NetworkError code = reply->error();

    if (call->isCancelled())
        return ApiError(Kind::Cancelled, QStringLiteral("The request was cancelled."));
    if (state.tooLarge) {
        return ApiError(Kind::TooLarge,
                        QStringLiteral("The answer is larger than the limit of %1, so Windsock "
                                       "stopped reading it.")
                            .arg(HttpExchange::sizeText(maxBodyBytes)));
    }
#if QT_CONFIG(ssl)
    if (!state.tlsErrors.isEmpty())
        return ApiError(Kind::Tls, TlsTrust::describe(url.host(), state.tlsErrors));
#endif
    if (code == QNetworkReply::SslHandshakeFailedError) {
        return ApiError(Kind::Tls,
                        QStringLiteral("The secure connection to %1 failed: %2. Windsock does not ignore "
                                       "certificate problems.")
                            .arg(url.host(), reply->errorString()));
    }

    // Did the body end before its announced length? (Not comparable when the body was compressed.)
    bool lengthOk = false;
    const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&lengthOk);
    if (status > 0 && lengthOk && reply->rawHeader(QByteArrayLiteral("Content-Encoding")).isEmpty() &&
        state.body.size() < announced) {
        return ApiError(Kind::Truncated,
                        QStringLiteral("The answer was cut off: the server announced %1 bytes "
                                       "and sent only %2 before the connection ended.")
                            .arg(announced)
                            .arg(state.body.size()));
    }

    switch (code) {
    case QNetworkReply::NoError:
        return {};
    case QNetworkReply::ConnectionRefusedError:
        return ApiError(Kind::ConnectionRefused,
                        QStringLiteral("Nothing is listening at %1. Is Airflow running, and "
                                       "is the URL right?")
                            .arg(hostAndPort(url)));
    case QNetworkReply::HostNotFoundError:
        return ApiError(Kind::HostNotFound,
                        QStringLiteral("The host name \"%1\" could not be found. Check the URL, "
                                       "and the network or VPN connection.")
                            .arg(url.host()));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply this way
        return ApiError(
            Kind::Timeout,
            QStringLiteral("The server at %1 did not answer in time (no data for %2 "
                           "seconds). It may be overloaded, or a firewall may be "
                           "dropping the connection.")
                .arg(hostAndPort(url), QString::number(reply->request().transferTimeout() / 1000.0)));
    case QNetworkReply::RemoteHostClosedError:
        if (status > 0)
            return {};
        return ApiError(Kind::Network,
                        QStringLiteral("The server at %1 closed the connection without answering.")
                            .arg(hostAndPort(url)));
    default:
        break;
    }
    if (status > 0) // an HTTP error status: the answer is there, the caller reads it
        return {};
    return ApiError(
        Kind::Network,
        QStringLiteral("The request to %1 failed: %2.").arg(hostAndPort(url), reply->errorString()));
}

} // namespace

QByteArray HttpOutcome::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpExchange::sizeText(qint64 bytes)
{
    if (bytes >= 1024LL * 1024 * 1024)
        return QStringLiteral("%1 GB").arg(double(bytes) / (1024.0 * 1024 * 1024), 0, 'g', 3);
    if (bytes >= 1024LL * 1024)
        return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024), 0, 'g', 3);
    if (bytes >= 1024)
        return QStringLiteral("%1 kB").arg(double(bytes) / 1024.0, 0, 'g', 3);
    return QStringLiteral("%1 bytes").arg(bytes);
}

void HttpExchange::start(QNetworkAccessManager *nam, const QNetworkRequest &request, const QByteArray &method,
                         const QByteArray &body, qint64 maxBodyBytes, ApiCall *call, Handler handler)
{
    auto state = std::make_shared<ExchangeState>();
    state->timer.start();

    QNetworkReply *reply = nullptr;
    if (method == QByteArrayLiteral("GET") && body.isEmpty())
        reply = nam->get(request);
    else
        reply = nam->sendCustomRequest(request, method, body);
    call->addReply(reply);

    auto readAvailable = [reply, state, maxBodyBytes] {
        if (state->tooLarge || !reply->isOpen()) // an aborted reply is closed: nothing more to read
            return;
        state->body += reply->readAll();
        if (state->body.size() > maxBodyBytes) {
            state->tooLarge = true;
            reply->abort();
        }
    };
    QObject::connect(reply, &QNetworkReply::readyRead, call, readAvailable);
    QObject::connect(reply, &QNetworkReply::downloadProgress, call, [call](qint64 received, qint64 total) {
        if (!call->reportsItems())
            call->reportProgress(received, total);
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, call, [reply, state, maxBodyBytes] {
        bool ok = false;
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && announced > maxBodyBytes && !state->tooLarge) {
            state->tooLarge = true;
            reply->abort();
        }
    });
#if QT_CONFIG(ssl)
    QObject::connect(reply, &QNetworkReply::sslErrors, call, [state](const QList<QSslError> &errors) {
        state->tlsErrors += errors;
        // Never ignoreSslErrors(): the handshake fails and the call reports these problems.
    });
#endif
    QObject::connect(reply, &QNetworkReply::finished, call,
                     [reply, state, call, maxBodyBytes, readAvailable, handler = std::move(handler)] {
                         readAvailable();
                         call->removeReply(reply);
                         reply->deleteLater();

                         HttpOutcome outcome;
                         outcome.elapsedMs = state->timer.elapsed();
                         outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                         outcome.headers = reply->rawHeaderPairs();
                         outcome.error = transportError(reply, *state, call, maxBodyBytes, outcome.status);
                         if (outcome.error.isError())
                             outcome.status =
                                 outcome.error.kind() == ApiError::Kind::Truncated ? outcome.status : 0;
                         outcome.body = std::move(state->body);
                         qCDebug(lcApi).noquote()
                             << call->description() << "->" << outcome.status << "in" << outcome.elapsedMs
                             << "ms," << outcome.body.size() << "bytes";
                         handler(outcome);
                     });
}

} // namespace Windsock::Api
