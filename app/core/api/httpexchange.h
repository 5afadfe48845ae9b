#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <functional>

class QNetworkAccessManager;

namespace Windsock::Api {

class ApiCall;

// What came back from one HTTP request: a status with headers and body, or a transport failure.
struct HttpOutcome
{
    int status = 0; // 0 when no HTTP answer arrived
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 elapsedMs = 0;
    // Connection refused, DNS, TLS, timeout, size limit, truncated body, cancelled; None when an answer came.
    ApiError error;
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
};

// One HTTP request on the injected QNetworkAccessManager, with the transport rules of the client: no
// redirects followed, TLS errors reported (never ignored), the size limit enforced while reading, and every
// transport failure turned into an ApiError in plain words. The handler runs exactly once, unless `call` is
// destroyed.
class HttpExchange final
{
public:
    using Handler = std::function<void(const HttpOutcome &)>;

    static void start(QNetworkAccessManager *nam, const QNetworkRequest &request, const QByteArray &method,
                      const QByteArray &body, qint64 maxBodyBytes, ApiCall *call, Handler handler);

    // "256 MB", "1.5 kB"
    static QString sizeText(qint64 bytes);
};

} // namespace Windsock::Api
