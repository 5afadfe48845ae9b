#pragma once

#include "apiresponse.h"
#include "faultinjector.h"

#include <QAbstractHttpServer>
#include <QList>
#include <QPair>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace Windsock::Sandbox {

struct ApiRequest;

// The HTTP side: takes parsed requests from QAbstractHttpServer, asks the router for an answer and writes
// the raw HTTP/1.1 response itself, so that it can delay it, cut it short or drop the connection.
class HttpFrontend final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<ApiResponse(const ApiRequest &)>;

    HttpFrontend(Handler handler, FaultInjector *faults, QObject *parent = nullptr);

    quint64 requestCount() const { return m_requestCount; }
    // Method and path of every request received (the newest kLogCap), for tests.
    static constexpr int kLogCap = 10000;
    QList<QPair<QByteArray, QString>> requestLog() const { return m_log; }

Q_SIGNALS:
    void requestServed(quint64 count);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void deliver(QPointer<QTcpSocket> socket, const ApiResponse &response, Fault fault, bool close);
    void stream(QPointer<QTcpSocket> socket, std::shared_ptr<const BodySource> source, qint64 end,
                bool close);

    Handler m_handler;
    FaultInjector *m_faults;
    quint64 m_requestCount = 0;
    QList<QPair<QByteArray, QString>> m_log;
};

} // namespace Windsock::Sandbox
