#pragma once

#include "httpexchange.h"
#include "result.h"

#include <QJsonDocument>

namespace Windsock::Auth {
class Authenticator;
}

namespace Windsock::Api {

class Dialect;

// Turns an HttpOutcome into what a typed call needs: a JSON document, a text, or nothing, or the ApiError
// that says in plain words why not (HTTP status with the server's own words, redirect, HTML page, truncated
// JSON).
class ResponseReader final
{
public:
    ResponseReader(const Dialect &dialect, const Auth::Authenticator &authenticator, QString requestPath);

    Result<QJsonDocument> json(const HttpOutcome &outcome) const;
    Result<QString> text(const HttpOutcome &outcome) const;
    // What text() would fail with (an error status, an HTML page instead of text), without converting the
    // body: for bodies the caller converts itself.
    ApiError textError(const HttpOutcome &outcome) const;
    // Any 2xx, body ignored (DELETE → 204).
    ApiError success(const HttpOutcome &outcome) const;

    // The error for a non-2xx status (3xx included); None for 2xx.
    ApiError statusError(const HttpOutcome &outcome) const;
    // The error for a 2xx body that is not JSON; None when it parses.
    static ApiError notJsonError(const QByteArray &body, const QByteArray &contentType);
    static bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType);

private:
    QString detailOf(const HttpOutcome &outcome) const;

    const Dialect &m_dialect;
    const Auth::Authenticator &m_authenticator;
    QString m_requestPath;
};

} // namespace Windsock::Api
