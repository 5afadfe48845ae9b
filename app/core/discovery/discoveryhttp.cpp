#include "discoveryhttp.h"

#include "api/responsereader.h"

#include <QJsonDocument>

namespace Windsock::Discovery {

using Api::ApiError;
using Kind = Api::ApiError::Kind;

QNetworkRequest DiscoveryHttp::request(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Windsock/" WINDSOCK_VERSION));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    return request;
}

QString DiscoveryHttp::where(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

ApiError DiscoveryHttp::jsonObject(const Api::HttpOutcome &outcome, const QString &service,
                                   QJsonObject *object)
{
    const ApiError notJson = Api::ResponseReader::notJsonError(outcome.body, outcome.header("Content-Type"));
    if (notJson.isError()) {
        if (notJson.kind() == Kind::NotJson &&
            Api::ResponseReader::looksLikeHtml(outcome.body, outcome.header("Content-Type"))) {
            return ApiError(Kind::NotJson,
                            QStringLiteral("The server answered with an HTML page, not %1's JSON: check the "
                                           "URL (a proxy or a login page may be in the way).")
                                .arg(service),
                            outcome.status);
        }
        return notJson;
    }
    const QJsonDocument document = QJsonDocument::fromJson(outcome.body);
    if (!document.isObject()) {
        return ApiError(
            Kind::UnexpectedShape,
            QStringLiteral("The answer is JSON, but not the object %1 sends: check the URL.").arg(service),
            outcome.status);
    }
    *object = document.object();
    return {};
}

ApiError DiscoveryHttp::redirected(const Api::HttpOutcome &outcome, const QString &service, const QUrl &url)
{
    const QString location = QString::fromUtf8(outcome.header("Location"));
    QString text = QStringLiteral("%1 at %2 redirected the request (HTTP %3)")
                       .arg(service, where(url))
                       .arg(outcome.status);
    if (!location.isEmpty())
        text += QStringLiteral(" to %1").arg(QUrl(location).adjusted(QUrl::RemoveQuery).toString());
    text += QStringLiteral("; Windsock does not follow redirects. Check the URL, and whether the key or "
                           "token is still valid.");
    // The first letter: "the Astro Platform API" starts a sentence here.
    text[0] = text.at(0).toUpper();
    return ApiError(Kind::Redirected, text, outcome.status);
}

DiscoveryRun::DiscoveryRun(QObject *owner, QObject *context, Callback done)
    : QObject(owner)
    , m_call(new Api::ApiCall(this))
    , m_context(context)
    , m_hadContext(context != nullptr)
    , m_done(std::move(done))
{}

void DiscoveryRun::cancel()
{
    m_call->cancel();
    finish(Api::ApiError(Api::ApiError::Kind::Cancelled, QStringLiteral("Discovery was cancelled.")));
}

void DiscoveryRun::finish(const Api::Result<QList<DiscoveredDeployment>> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_call->markFinished();
    Callback done = std::move(m_done);
    const bool deliver = !m_hadContext || m_context;
    deleteLater();
    if (deliver)
        done(result);
}

} // namespace Windsock::Discovery
