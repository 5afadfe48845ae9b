#include "httpfrontend.h"

#include "apirequest.h"
#include "problem.h"

#include "sandboxlogging.h"
#include <QHttpServerRequest>

#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSandbox, "windsock.sandbox", QtInfoMsg)

namespace Windsock::Sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 302:
        return QByteArrayLiteral("Found");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

ApiRequest toApiRequest(const QHttpServerRequest &request)
{
    ApiRequest api;
    api.method = methodName(request.method());
    api.query = request.query();
    api.body = request.body();
    api.accept = request.value(QByteArrayLiteral("Accept"));
    api.authorization = request.value(QByteArrayLiteral("Authorization"));
    api.contentType = request.value(QByteArrayLiteral("Content-Type"));
    const QString path = request.url().path(QUrl::FullyEncoded);
    api.path = path;
    const QString prefix = QStringLiteral("/api/v1/");
    if (!path.startsWith(prefix)) {
        api.segments = QStringList{QStringLiteral("\x01outside")}; // matches no route
        return api;
    }
    const QStringList raw = path.mid(prefix.size()).split(u'/');
    for (const QString &segment : raw)
        api.segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    return api;
}

} // namespace

HttpFrontend::HttpFrontend(Handler handler, FaultInjector *faults, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
    , m_faults(faults)
{}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const quint64 number = ++m_requestCount;
    if (m_log.size() >= kLogCap)
        m_log.removeFirst();
    m_log.append({methodName(request.method()), request.url().path(QUrl::FullyEncoded)});
    const Fault fault = m_faults->decide(number);
    const bool close = request.value(QByteArrayLiteral("Connection"))
                           .compare(QByteArrayLiteral("close"), Qt::CaseInsensitive) == 0;
    ApiResponse response = fault == Fault::ServerError
                               ? Problem::serverError(m_faults->serverErrorStatus(number))
                               : m_handler(toApiRequest(request));
    if (request.method() == QHttpServerRequest::Method::Head) {
        response.body.clear();
        response.stream.reset();
    }
    qCDebug(lcSandbox) << methodName(request.method()) << request.url().path() << response.status;
    const int latency = m_faults->options().latencyMs;
    QPointer<QTcpSocket> guarded(socket);
    if (latency <= 0 && fault != Fault::Drop) {
        deliver(guarded, response, fault, close);
    } else {
        QTimer::singleShot(qMax(0, latency), this, [this, guarded, response, fault, close]() {
            deliver(guarded, response, fault, close);
        });
    }
    Q_EMIT requestServed(number);
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    deliver(QPointer<QTcpSocket>(socket), Problem::unknownPath(), Fault::None,
            request.value(QByteArrayLiteral("Connection"))
                    .compare(QByteArrayLiteral("close"), Qt::CaseInsensitive) == 0);
}

void HttpFrontend::deliver(QPointer<QTcpSocket> socket, const ApiResponse &response, Fault fault, bool close)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (fault == Fault::Drop) {
        socket->abort();
        return;
    }
    QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(response.status) + ' ' +
                      reasonPhrase(response.status) + QByteArrayLiteral("\r\nServer: windsock-sandbox\r\n");
    if (!response.contentType.isEmpty())
        head += QByteArrayLiteral("Content-Type: ") + response.contentType + QByteArrayLiteral("\r\n");
    for (const auto &header : response.headers)
        head += header.first + QByteArrayLiteral(": ") + header.second + QByteArrayLiteral("\r\n");
    const qint64 bodySize = response.stream ? response.stream->size() : response.body.size();
    if (response.status != 204)
        head +=
            QByteArrayLiteral("Content-Length: ") + QByteArray::number(bodySize) + QByteArrayLiteral("\r\n");
    const bool truncate = fault == Fault::Truncate && bodySize > 1;
    head += (close || truncate) ? QByteArrayLiteral("Connection: close\r\n\r\n")
                                : QByteArrayLiteral("Connection: keep-alive\r\n\r\n");
    socket->write(head);
    if (response.stream) {
        stream(socket, response.stream, truncate ? bodySize / 2 : bodySize, close || truncate);
        return;
    }
    if (truncate) {
        socket->write(response.body.left(response.body.size() / 2));
        socket->disconnectFromHost(); // flushes what was written, then closes
        return;
    }
    socket->write(response.body);
    if (close)
        socket->disconnectFromHost();
}

void HttpFrontend::stream(QPointer<QTcpSocket> socket, std::shared_ptr<const BodySource> source, qint64 end,
                          bool close)
{
    // Generates the body a chunk at a time as the socket drains, so a 50 MB log is never in memory whole.
    static constexpr qint64 chunkBytes = 256 * 1024;
    static constexpr qint64 highWater = 1024 * 1024;
    auto offset = std::make_shared<qint64>(0);
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto pump = [socket, source, end, close, offset, connection]() {
        if (!socket)
            return;
        while (*offset < end && socket->bytesToWrite() < highWater) {
            const QByteArray chunk = source->read(*offset, qMin(chunkBytes, end - *offset));
            if (chunk.isEmpty())
                break;
            *offset += chunk.size();
            socket->write(chunk);
        }
        if (*offset >= end) {
            QObject::disconnect(*connection);
            if (close)
                socket->disconnectFromHost();
        }
    };
    *connection = connect(socket.data(), &QTcpSocket::bytesWritten, socket.data(), pump);
    pump();
}

} // namespace Windsock::Sandbox
