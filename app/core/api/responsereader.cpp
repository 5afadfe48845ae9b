#include "responsereader.h"
#include "dialect.h"

#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/softwarekeyauthenticator.h"

#include <QJsonParseError>

namespace Windsock::Api {

using Kind = ApiError::Kind;

ResponseReader::ResponseReader(const Dialect &dialect, const Auth::Authenticator &authenticator,
                               QString requestPath)
    : m_dialect(dialect)
    , m_authenticator(authenticator)
    , m_requestPath(std::move(requestPath))
{}

bool ResponseReader::looksLikeHtml(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.toLower().contains("html"))
        return true;
    const QByteArray start = body.left(512).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head") ||
           start.startsWith("<body");
}

QString ResponseReader::detailOf(const HttpOutcome &outcome) const
{
    const QString detail = m_dialect.errorDetail(outcome.body);
    if (!detail.isEmpty())
        return detail;
    if (outcome.body.trimmed().isEmpty() || looksLikeHtml(outcome.body, outcome.header("Content-Type")))
        return {};
    QString text = QString::fromUtf8(outcome.body.left(600)).simplified();
    if (text.size() > 300)
        text = text.left(300) + QStringLiteral("…");
    return text;
}

ApiError ResponseReader::statusError(const HttpOutcome &outcome) const
{
    const int status = outcome.status;
    if (status >= 200 && status < 300)
        return {};

    if (status >= 300 && status < 400) {
        const QString location = QString::fromUtf8(outcome.header("Location"));
        const QString where = location.isEmpty() ? QStringLiteral("another address") : location;
        const bool toLogin = location.contains(QLatin1String("login"), Qt::CaseInsensitive) ||
                             location.contains(QLatin1String("signin"), Qt::CaseInsensitive) ||
                             location.contains(QLatin1String("auth"), Qt::CaseInsensitive);
        if (dynamic_cast<const Auth::SoftwareKeyAuthenticator *>(&m_authenticator) &&
            (location.isEmpty() || toLogin)) {
            return ApiError(Kind::Redirected,
                            QStringLiteral("The deployment redirected to its login page (%1): the key was "
                                           "rejected. Check the service-account key.")
                                .arg(where),
                            status);
        }
        if (location.isEmpty() || location.contains(QLatin1String("login"), Qt::CaseInsensitive)) {
            return ApiError(
                Kind::Redirected,
                QStringLiteral("The server redirected the request to %1: the credentials were probably "
                               "rejected, or the deployment needs a different login (HTTP %2).")
                    .arg(where, QString::number(status)),
                status);
        }
        return ApiError(
            Kind::Redirected,
            QStringLiteral("The server redirected the request to %1 (HTTP %2). Windsock does not follow "
                           "redirects: if that address is right, use it as the deployment's URL.")
                .arg(where, QString::number(status)),
            status);
    }

    const QString detail = detailOf(outcome);
    QString sentence;
    Kind kind = Kind::Http;
    switch (status) {
    case 400:
    case 422:
        sentence = QStringLiteral("Airflow rejected the request as invalid");
        break;
    case 401:
        kind = Kind::Unauthorized;
        if (dynamic_cast<const Auth::BasicAuthenticator *>(&m_authenticator) ||
            dynamic_cast<const Auth::JwtLoginAuthenticator *>(&m_authenticator))
            sentence = QStringLiteral("The server did not accept the user name and password");
        else if (dynamic_cast<const Auth::NoAuthenticator *>(&m_authenticator))
            sentence = QStringLiteral("The server needs credentials, and this connection has none");
        else
            sentence = QStringLiteral("The server did not accept the credentials");
        break;
    case 403:
        kind = Kind::Forbidden;
        sentence = QStringLiteral("The server does not allow this user to do that");
        break;
    case 404:
        kind = Kind::NotFound;
        sentence = QStringLiteral("The server has nothing at %1").arg(m_requestPath);
        break;
    case 409:
        kind = Kind::Conflict;
        sentence =
            QStringLiteral("Airflow refused because this conflicts with something that already exists");
        break;
    case 502:
    case 503:
    case 504:
        sentence = QStringLiteral("The server, or a proxy in front of it, is not available right now");
        break;
    default:
        sentence = status >= 500 ? QStringLiteral("The server failed with an internal error")
                                 : QStringLiteral("The server answered with an error");
        break;
    }
    QString message = sentence + QStringLiteral(" (HTTP %1).").arg(status);
    if (!detail.isEmpty())
        message += QStringLiteral(" Airflow said: ") + detail;
    return ApiError(kind, message, status, detail);
}

ApiError ResponseReader::notJsonError(const QByteArray &body, const QByteArray &contentType)
{
    if (body.trimmed().isEmpty())
        return ApiError(Kind::NotJson,
                        QStringLiteral("The server sent an empty answer where Airflow sends JSON."));
    if (looksLikeHtml(body, contentType)) {
        return ApiError(Kind::NotJson,
                        QStringLiteral("The server answered with an HTML page, not Airflow's JSON API "
                                       "— is the URL the Airflow webserver's root, and does the "
                                       "deployment need a different login?"));
    }
    QJsonParseError parseError{};
    QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return {};
    const qsizetype end = body.trimmed().size();
    const bool endedEarly = parseError.offset >= end - 1 ||
                            parseError.error == QJsonParseError::UnterminatedObject ||
                            parseError.error == QJsonParseError::UnterminatedArray ||
                            parseError.error == QJsonParseError::UnterminatedString;
    const QChar first = QChar::fromLatin1(body.trimmed().at(0));
    const bool startsLikeJson = first == QLatin1Char('{') || first == QLatin1Char('[');
    if (startsLikeJson && endedEarly) {
        return ApiError(Kind::Truncated,
                        QStringLiteral("The answer was cut off: its JSON ends early (after %1 "
                                       "bytes).")
                            .arg(body.size()));
    }
    QString start = QString::fromUtf8(body.left(60)).simplified();
    return ApiError(Kind::NotJson,
                    QStringLiteral("The server's answer is not JSON (it starts with \"%1\"), so it "
                                   "does not come from Airflow's API. Is the URL the Airflow "
                                   "webserver's root?")
                        .arg(start));
}

ApiError ResponseReader::success(const HttpOutcome &outcome) const
{
    if (outcome.error.isError())
        return outcome.error;
    return statusError(outcome);
}

Result<QJsonDocument> ResponseReader::json(const HttpOutcome &outcome) const
{
    const ApiError error = success(outcome);
    if (error.isError())
        return error;
    const ApiError shape = notJsonError(outcome.body, outcome.header("Content-Type"));
    if (shape.isError())
        return shape;
    return QJsonDocument::fromJson(outcome.body);
}

ApiError ResponseReader::textError(const HttpOutcome &outcome) const
{
    const ApiError error = success(outcome);
    if (error.isError())
        return error;
    if (looksLikeHtml(outcome.body, outcome.header("Content-Type")))
        return notJsonError(outcome.body, QByteArrayLiteral("text/html"));
    return {};
}

Result<QString> ResponseReader::text(const HttpOutcome &outcome) const
{
    const ApiError error = textError(outcome);
    if (error.isError())
        return error;
    return QString::fromUtf8(outcome.body);
}

} // namespace Windsock::Api
