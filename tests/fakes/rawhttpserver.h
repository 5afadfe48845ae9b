#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <functional>

class QTcpSocket;

namespace Windsock::Tests {

// A loopback HTTP server for network-level unit tests: it answers each request with canned raw bytes, so a
// test can send what a real server never should (an HTML login page, a body shorter than its Content-Length,
// a huge body) or nothing at all (a hung server, for timeouts).
class RawHttpServer final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
        QUrl url() const; // http://fake<target>, for reading the path and the query
    };
    struct Answer
    {
        QByteArray bytes;    // the whole raw answer: status line, headers, body
        bool close = true;   // close the connection after the answer
        bool silent = false; // never answer (the connection stays open)
    };
    using Responder = std::function<Answer(const Request &)>;

    explicit RawHttpServer(QObject *parent = nullptr);

    bool listen();
    QUrl baseUrl() const;
    void setResponder(Responder responder) { m_responder = std::move(responder); }
    void setAnswer(const QByteArray &rawAnswer)
    {
        m_responder = [rawAnswer](const Request &) { return Answer{rawAnswer}; };
    }
    QList<Request> requests() const { return m_requests; }

    // "HTTP/1.1 <status>" with Content-Length and Content-Type set from the body.
    static QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    static QByteArray json(int status, const QByteArray &body);

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead(QTcpSocket *socket);

    Responder m_responder;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QTcpServer m_server; // last: destroyed first, with its sockets, while the members above still exist
};

} // namespace Windsock::Tests
