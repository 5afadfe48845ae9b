#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <memory>

namespace Windsock::Sandbox {

// A body generated piece by piece while it is written (a multi-megabyte log), never held whole.
class BodySource
{
public:
    virtual ~BodySource() = default;
    virtual qint64 size() const = 0;
    virtual QByteArray read(qint64 offset, qint64 maxBytes) const = 0;
};

// A complete answer, written to the socket by HttpFrontend (which may delay, cut or drop it).
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers{}; // extra ones, e.g. Location
    std::shared_ptr<const BodySource> stream{};     // when set, the body (body itself stays empty)

    static ApiResponse json(const QJsonObject &object, int status = 200)
    {
        return ApiResponse{status, QByteArrayLiteral("application/json"),
                           QJsonDocument(object).toJson(QJsonDocument::Compact)};
    }
    static ApiResponse noContent() { return ApiResponse{204, QByteArray(), QByteArray()}; }
};

} // namespace Windsock::Sandbox
