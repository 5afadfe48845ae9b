#include "jwtloginauthenticator.h"
#include "jwtclaims.h"

#include "api/apicall.h"
#include "api/clientrequest.h"
#include "api/httpexchange.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Windsock::Auth {

using Api::ApiError;
using Kind = ApiError::Kind;

namespace {

// The server's own words from a FastAPI answer: {"detail": "..."} (a string, or a list of problems).
QString serverDetail(const QByteArray &body)
{
    const QJsonValue detail = QJsonDocument::fromJson(body).object().value(QLatin1String("detail"));
    if (detail.isString())
        return detail.toString();
    return {};
}

} // namespace

JwtLoginAuthenticator::JwtLoginAuthenticator(QString username, QString password)
    : m_username(std::move(username))
    , m_password(std::move(password))
{}

QString JwtLoginAuthenticator::redactedDescription() const
{
    return QStringLiteral("Bearer (Airflow login of user %1, token hidden)").arg(m_username);
}

void JwtLoginAuthenticator::startFetch(QNetworkAccessManager *nam, const QUrl &deploymentUrl, TokenDone done)
{
    const QUrl url = Api::ClientRequest::url(deploymentUrl, QStringLiteral("/auth/token"));
    QJsonObject credentials;
    credentials.insert(QLatin1String("username"), m_username);
    credentials.insert(QLatin1String("password"), m_password);
    const QByteArray body = QJsonDocument(credentials).toJson(QJsonDocument::Compact);
    Api::ApiCall *call = newCall(QStringLiteral("POST /auth/token"));
    const QNetworkRequest request = tokenRequest(url, QByteArrayLiteral("application/json"));
    Api::HttpExchange::start(
        nam, request, QByteArrayLiteral("POST"), body, 1024 * 1024, call,
        [call, done = std::move(done)](const Api::HttpOutcome &outcome) {
            call->markFinished();
            auto fail = [&done, call](ApiError error) {
                error.setContext(call->description());
                done({}, std::nullopt, error);
            };
            if (outcome.error.isError())
                return fail(outcome.error);
            const int status = outcome.status;
            const QString detail = serverDetail(outcome.body);
            const QString said = detail.isEmpty() ? QString() : QStringLiteral(" Airflow said: ") + detail;
            if (status == 401 || status == 403) {
                return fail(ApiError(Kind::Unauthorized,
                                     QStringLiteral("The server did not accept the user name and password "
                                                    "(HTTP %1).")
                                             .arg(status) +
                                         said,
                                     status, detail));
            }
            if (status == 404 || status == 405) {
                return fail(ApiError(Kind::NotFound,
                                     QStringLiteral("The deployment has no Airflow 3 login at /auth/token "
                                                    "(HTTP %1). For Airflow 2, use a user name and password "
                                                    "profile (Basic authentication).")
                                         .arg(status),
                                     status, detail));
            }
            if (status >= 300 && status < 400) {
                const QString location = QString::fromUtf8(outcome.header("Location"));
                return fail(
                    ApiError(Kind::Redirected,
                             QStringLiteral("The login at /auth/token was redirected to %1 (HTTP %2); "
                                            "Windsock does not follow redirects.")
                                 .arg(location.isEmpty() ? QStringLiteral("another address") : location)
                                 .arg(status),
                             status));
            }
            if (status < 200 || status >= 300) {
                return fail(
                    ApiError(Kind::Http,
                             QStringLiteral("The login at /auth/token failed (HTTP %1).").arg(status) + said,
                             status, detail));
            }
            const QString token = QJsonDocument::fromJson(outcome.body)
                                      .object()
                                      .value(QLatin1String("access_token"))
                                      .toString();
            if (token.isEmpty()) {
                return fail(ApiError(Kind::UnexpectedShape,
                                     QStringLiteral("The login at /auth/token answered without an "
                                                    "access_token, so it is not Airflow 3's login.")));
            }
            done(token, JwtClaims::expiry(token), ApiError::none());
        });
}

Explorer::SnippetAuth JwtLoginAuthenticator::snippetAuth(bool includeSecret) const
{
    // The snippet logs in itself (as the Airflow 3 docs show): a token copied from here would expire.
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::JwtLogin;
    auth.username = m_username;
    auth.envVar = QStringLiteral("AIRFLOW_PASSWORD");
    auth.tokenPath = QStringLiteral("/auth/token");
    if (includeSecret)
        auth.secret = m_password;
    return auth;
}

} // namespace Windsock::Auth
