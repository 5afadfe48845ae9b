#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Windsock::Api {

// One HTTP request as a Dialect describes it, before the client stamps the common headers on it.
struct ApiRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    // Relative to the deployment's root, already percent-encoded segment by segment: "/api/v1/dags/my%2Bdag".
    QString encodedPath;
    // Query items, not encoded; the client encodes them (including '+', which servers read as a space).
    QList<QPair<QString, QString>> query;
    QByteArray body; // JSON; empty = no body
    QByteArray accept = QByteArrayLiteral("application/json");
    // Why the server cannot do this (see Dialect::unavailableReason): the client then fails the call with an
    // ApiError of kind Unsupported carrying this sentence, and sends nothing.
    QString unavailable;
    // A POST/PATCH that changes nothing (a batch list, a dry run): a read-only client sends it. Every other
    // method than GET, HEAD and OPTIONS is taken as changing unless the dialect sets this.
    bool reads = false;

    static ApiRequest unavailableBecause(const QString &reason)
    {
        ApiRequest request;
        request.unavailable = reason;
        return request;
    }

    void addQueryItem(const QString &key, const QString &value) { query.append({key, value}); }
    // "/api/v1/dags?limit=100&offset=0": the encoded path and query, for URLs, logs and error contexts.
    QString encodedPathAndQuery() const;
    // "GET /api/v1/dags": for ApiCall::description and ApiError::context ("unavailable" when unavailable).
    QString description() const;
    // Percent-encodes one path segment (a dag_id, a dag_run_id such as "manual__2026-11-22T10:00:00+00:00").
    static QString encodeSegment(const QString &segment);
};

} // namespace Windsock::Api
