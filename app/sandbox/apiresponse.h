#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Windsock::Sandbox {

// A complete answer, written to the socket by HttpFrontend (which may delay, cut or drop it).
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers{}; // extra ones, e.g. Location

    static ApiResponse json(const QJsonObject &object, int status = 200)
    {
        return ApiResponse{status, QByteArrayLiteral("application/json"),
                           QJsonDocument(object).toJson(QJsonDocument::Compact)};
    }
    static ApiResponse noContent() { return ApiResponse{204, QByteArray(), QByteArray()}; }
};

} // namespace Windsock::Sandbox
