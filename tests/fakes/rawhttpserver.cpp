#include "rawhttpserver.h"

#include <QTcpSocket>

namespace Windsock::Tests {

QByteArray RawHttpServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QUrl RawHttpServer::Request::url() const
{
    return QUrl(QStringLiteral("http://fake") + QString::fromLatin1(target));
}

RawHttpServer::RawHttpServer(QObject *parent)
    : QObject(parent)
{
    m_responder = [](const Request &) { return Answer{json(404, R"({"title":"Not Found","status":404})")}; };
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

bool RawHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl RawHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QByteArray RawHttpServer::response(int status, const QByteArray &contentType, const QByteArray &body,
                                   const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
    if (!contentType.isEmpty())
        raw += "Content-Type: " + contentType + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : extraHeaders)
        raw += name + ": " + value + "\r\n";
    return raw + "Connection: close\r\n\r\n" + body;
}

QByteArray RawHttpServer::json(int status, const QByteArray &body)
{
    return response(status, status >= 400 ? "application/problem+json" : "application/json", body);
}

void RawHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;

    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + contentLength)
        return;
    request.body = buffer.mid(headerEnd + 4, contentLength);
    buffer.remove(0, headerEnd + 4 + contentLength);

    m_requests.append(request);
    const Answer answer = m_responder(request);
    Q_EMIT requestReceived();
    if (answer.silent)
        return;
    socket->write(answer.bytes);
    if (answer.close)
        socket->disconnectFromHost();
}

} // namespace Windsock::Tests
