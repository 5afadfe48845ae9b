#include "apiversiondetector.h"
#include "apilog.h"
#include "clientrequest.h"
#include "dialectexperimental.h"
#include "dialectv1.h"
#include "dialectv2.h"
#include "httpexchange.h"
#include "jsonfields.h"
#include "tlstrust.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

namespace Windsock::Api {

namespace {

const char *const probePaths[] = {"/api/v2/version", "/api/v1/version", "/api/experimental/test"};
constexpr int probeCount = 3;
constexpr qint64 probeBodyLimit = 1024 * 1024;

// {"version": "x.y.z", ...} or nothing.
std::optional<Version> versionFrom(const HttpOutcome &outcome)
{
    if (outcome.status != 200)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body);
    const QJsonValue version = doc.object().value(QLatin1String("version"));
    if (!version.isString() || version.toString().isEmpty())
        return std::nullopt;
    Version result;
    result.version = version.toString();
    result.gitVersion = doc.object().value(QLatin1String("git_version")).toString();
    return result;
}

} // namespace

ApiVersionDetector::ApiVersionDetector(QNetworkAccessManager *nam, QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_baseUrl(std::move(baseUrl))
{}

std::unique_ptr<Dialect> ApiVersionDetector::createDialect(const DetectedApi &api, ApiError *error)
{
    ApiError unsupported;
    std::unique_ptr<Dialect> dialect;
    switch (api.kind) {
    case ApiKind::V1:
        dialect = std::make_unique<DialectV1>();
        break;
    case ApiKind::V2:
        dialect = std::make_unique<DialectV2>();
        break;
    case ApiKind::Experimental:
        dialect = std::make_unique<DialectExperimental>();
        break;
    case ApiKind::Unknown:
        unsupported =
            ApiError(ApiError::Kind::Unsupported, QStringLiteral("The server's Airflow API is not known."));
        break;
    }
    if (dialect) {
        dialect->setServerVersion(api.version); // the features of later versions are gated by it
        return dialect;
    }
    if (error)
        *error = unsupported;
    return nullptr;
}

ApiCall *ApiVersionDetector::detect(QObject *context, Callback done)
{
    auto *call = new ApiCall(this);
    call->setDescription(QStringLiteral("API version detection at ") +
                         m_baseUrl.toString(QUrl::RemoveUserInfo));
    if (context && context->thread() == QThread::currentThread())
        connect(context, &QObject::destroyed, call, &ApiCall::cancel);
    probe(0, call, QPointer<QObject>(context), done, {});
    return call;
}

void ApiVersionDetector::probe(int step, ApiCall *call, const QPointer<QObject> &context,
                               const Callback &done, const QStringList &answers)
{
    const QString path = QLatin1String(probePaths[step]);
    QNetworkRequest request(ClientRequest::url(m_baseUrl, path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Windsock/" WINDSOCK_VERSION));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    TlsTrust::apply(request, m_caCertificates);

    HttpExchange::start(
        m_nam, request, QByteArrayLiteral("GET"), {}, probeBodyLimit, call,
        [this, step, call, context, done, answers, path](const HttpOutcome &outcome) {
            if (outcome.error
                    .isError()) // nothing listening, DNS, TLS, timeout, cancelled: no point probing on
                return ClientRequest::deliver<DetectedApi>(call, context, done, outcome.error);

            DetectedApi api;
            if (step < 2) {
                if (const std::optional<Version> version = versionFrom(outcome)) {
                    api.kind = version->major() >= 3 || step == 0 ? ApiKind::V2 : ApiKind::V1;
                    api.version = *version;
                }
            } else if (outcome.status == 200 || outcome.status == 401 || outcome.status == 403) {
                api.kind = ApiKind::Experimental;
                api.refusesEveryone = outcome.status == 403;
            }
            if (api.kind != ApiKind::Unknown) {
                qCInfo(lcApi).noquote() << "detected" << path << api.version.version;
                return ClientRequest::deliver<DetectedApi>(call, context, done, api);
            }

            const QString answer =
                outcome.status >= 300 && outcome.status < 400
                    ? QStringLiteral("%1 redirected (HTTP %2)").arg(path).arg(outcome.status)
                    : QStringLiteral("%1 gave HTTP %2").arg(path).arg(outcome.status);
            const QStringList seen = answers + QStringList{answer};
            if (step + 1 < probeCount)
                return probe(step + 1, call, context, done, seen);
            const ApiError none(
                ApiError::Kind::NoApi,
                QStringLiteral("No Airflow API was found at %1 (%2). Is the URL the Airflow "
                               "webserver's root, and is its REST API enabled?")
                    .arg(m_baseUrl.toString(QUrl::RemoveUserInfo), seen.join(QStringLiteral(", "))));
            ClientRequest::deliver<DetectedApi>(call, context, done, none);
        });
}

} // namespace Windsock::Api
