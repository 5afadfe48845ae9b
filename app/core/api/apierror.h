#pragma once

#include <QString>

namespace Windsock::Api {

// Every failure of a call to an Airflow server, in one value. message() is what a person reads: plain words,
// never a stack trace, never a secret. detail() keeps what the server said, for a "details" section.
class ApiError
{
public:
    enum class Kind
    {
        None,              // no error
        Http,              // the server answered with an HTTP error status (see httpStatus(), detail())
        Unauthorized,      // 401: credentials missing or rejected
        Forbidden,         // 403: the user may not do this
        NotFound,          // 404
        Conflict,          // 409
        ConnectionRefused, // nothing listens at that host and port
        HostNotFound,      // DNS failed
        Timeout,           // no complete answer within the transfer timeout
        Tls,               // the TLS handshake or the certificate failed
        Redirected,        // the server redirected (e.g. to a login page); redirects are never followed
        NotJson,           // the body is not JSON (an HTML login page, a proxy's error page)
        Truncated,         // the body ended before its announced length, or the JSON ends early
        UnexpectedShape,   // JSON, but not the shape Airflow sends (a field of the wrong type)
        TooLarge,          // the body is over the size limit
        Cancelled,         // the caller cancelled
        Network,           // any other network failure
        Unsupported,       // the server speaks an API version this build does not support (yet)
        NoApi,             // version detection found no Airflow API at that URL
        ReadOnly,          // a changing request on a read-only profile: nothing was sent
    };

    ApiError() = default;
    ApiError(Kind kind, QString message, int httpStatus = 0, QString detail = {});

    static ApiError none() { return {}; }

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_httpStatus; }
    // The full sentence for a person, e.g. "The server refused the credentials (HTTP 401): Invalid
    // credentials."
    QString message() const { return m_message; }
    // What the server itself said (problem+json detail/title, or the first part of a non-JSON body).
    QString detail() const { return m_detail; }
    // Where it happened, e.g. "GET /api/v1/dags" (set by the client; never carries credentials).
    QString context() const { return m_context; }
    void setContext(const QString &context) { m_context = context; }

private:
    Kind m_kind = Kind::None;
    QString m_message;
    int m_httpStatus = 0;
    QString m_detail;
    QString m_context;
};

} // namespace Windsock::Api
