#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace Windsock::Sandbox {

// A request as the handlers see it: the method, the decoded path segments under /api/v1, the query.
struct ApiRequest
{
    QByteArray method;    // GET, POST, PATCH, DELETE, ...
    QString path;         // the whole path, percent-encoded as sent, e.g. "/api/v1/dags" or "/auth/token"
    QStringList segments; // percent-decoded, e.g. {"dags", "example", "dagRuns", "manual__2025-...+00:00"}
    QUrlQuery query;
    QByteArray body;
    QByteArray accept;
    QByteArray authorization;
    QByteArray contentType;

    QString queryValue(const QString &key) const { return query.queryItemValue(key, QUrl::FullyDecoded); }
    QStringList queryValues(const QString &key) const
    {
        return query.allQueryItemValues(key, QUrl::FullyDecoded);
    }
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
};

} // namespace Windsock::Sandbox
