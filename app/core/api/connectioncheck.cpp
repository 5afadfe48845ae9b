#include "connectioncheck.h"
#include "airflowclient.h"
#include "apilog.h"
#include "dialectexperimental.h"
#include "dialectv1.h"
#include "responsereader.h"

#include "auth/authenticator.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/commandtokenauthenticator.h"
#include "auth/headerauthenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/oauth2clientcredentialsauthenticator.h"
#include "auth/softwarekeyauthenticator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace Windsock::Api {

using Id = ConnectionCheck::Step::Id;
using Status = ConnectionCheck::Step::Status;

namespace {

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

QString apiPrefix(ApiKind kind)
{
    switch (kind) {
    case ApiKind::V2:
        return QStringLiteral("/api/v2");
    case ApiKind::V1:
        return QStringLiteral("/api/v1");
    case ApiKind::Experimental:
        return QStringLiteral("/api/experimental");
    case ApiKind::Unknown:
        break;
    }
    return {};
}

// What a 1.10 deployment lacks, short: the DAG list in the dialect's own words (it says what to do
// instead), then the endpoints it does not have.
QString experimentalAdvice()
{
    return QStringLiteral("Windsock supports this API only partly. ") +
           DialectExperimental().unavailableReason(Feature::ListDags) +
           QStringLiteral(" It has no task logs, variables, connections, configuration or run actions "
                          "(clear, mark, delete). Upgrade Airflow for the full feature set.");
}

QString reachAdvice(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::ConnectionRefused:
        return QStringLiteral("Check that Airflow's webserver is running and that the URL's host and port "
                              "are right.");
    case ApiError::Kind::HostNotFound:
        return QStringLiteral("Check the host name in the URL, and the network or VPN connection.");
    case ApiError::Kind::Timeout:
        return QStringLiteral("Check the network, VPN or firewall between this computer and the server, "
                              "then try again.");
    default:
        return QStringLiteral("Check the URL and the network connection, then try again.");
    }
}

} // namespace

QString ConnectionCheck::Step::titleOf(Id id)
{
    switch (id) {
    case Id::Reachable:
        return QStringLiteral("Reachable");
    case Id::Tls:
        return QStringLiteral("TLS certificate valid");
    case Id::Version:
        return QStringLiteral("Airflow version and API found");
    case Id::Credentials:
        return QStringLiteral("Credentials accepted");
    case Id::Metadatabase:
        return QStringLiteral("Metadatabase healthy");
    case Id::Scheduler:
        return QStringLiteral("Scheduler healthy");
    }
    return {};
}

QString ConnectionCheck::Step::statusText(Status status)
{
    switch (status) {
    case Status::Passed:
        return QStringLiteral("passed");
    case Status::Failed:
        return QStringLiteral("failed");
    case Status::Skipped:
        return QStringLiteral("skipped");
    case Status::Warning:
        return QStringLiteral("warning");
    }
    return {};
}

bool ConnectionCheck::Report::ok() const
{
    if (steps.isEmpty())
        return false;
    for (const Step &step : steps) {
        if (step.status == Status::Failed)
            return false;
    }
    return true;
}

const ConnectionCheck::Step *ConnectionCheck::Report::step(Id id) const
{
    for (const Step &candidate : steps) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QString ConnectionCheck::Report::toText() const
{
    QString text =
        QStringLiteral("Test connection to ") + url.toString(QUrl::RemoveUserInfo) + QLatin1Char('\n');
    int failed = 0;
    for (const Step &step : steps) {
        const QString mark = QLatin1Char('[') + Step::statusText(step.status) + QLatin1Char(']');
        text += QStringLiteral("  ") + mark.leftJustified(10) + step.title + QStringLiteral(": ") +
                step.message + QLatin1Char('\n');
        if (!step.nextStep.isEmpty())
            text += QStringLiteral("            Next: ") + step.nextStep + QLatin1Char('\n');
        failed += step.status == Status::Failed ? 1 : 0;
    }
    if (failed == 0)
        text += QStringLiteral("Every check passed.\n");
    else if (failed == 1)
        text += QStringLiteral("1 check failed.\n");
    else
        text += QStringLiteral("%1 checks failed.\n").arg(failed);
    return text;
}

ConnectionCheck::ConnectionCheck(QUrl baseUrl, std::unique_ptr<Auth::Authenticator> authenticator,
                                 QList<QSslCertificate> caCertificates, QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_baseUrl(std::move(baseUrl))
    , m_caCertificates(std::move(caCertificates))
{
    m_report.url = m_baseUrl;
    AirflowClient::Options options;
    options.caCertificates = m_caCertificates;
    // The dialect only reads error bodies here: the check sends raw requests to the detected API's paths.
    m_client = std::make_unique<AirflowClient>(m_nam, m_baseUrl, std::make_unique<DialectV1>(),
                                               std::move(authenticator), options);
}

ConnectionCheck::~ConnectionCheck()
{
    m_cancelled = true;
    for (const QPointer<ApiCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void ConnectionCheck::start()
{
    if (m_running || !m_report.steps.isEmpty())
        return;
    m_running = true;
    auto *detector = new ApiVersionDetector(m_nam, m_baseUrl, this);
    detector->setTransferTimeout(m_transferTimeoutMs);
    detector->setCaCertificates(m_caCertificates);
    m_calls.append(detector->detect(this, [this, detector](const Result<DetectedApi> &detected) {
        detector->deleteLater();
        onDetected(detected);
    }));
}

void ConnectionCheck::cancel()
{
    m_cancelled = true;
    m_running = false;
    for (const QPointer<ApiCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void ConnectionCheck::addStep(Id id, Status status, const QString &message, const QString &nextStep)
{
    Step step;
    step.id = id;
    step.status = status;
    step.title = Step::titleOf(id);
    step.message = message;
    step.nextStep = nextStep;
    m_report.steps.append(step);
    Q_EMIT stepFinished(step);
}

void ConnectionCheck::skipRest(Id from, const QString &reason)
{
    for (int id = int(from); id <= int(Id::Scheduler); ++id)
        addStep(Id(id), Status::Skipped, reason);
}

void ConnectionCheck::finish()
{
    m_running = false;
    Q_EMIT finished(m_report);
}

void ConnectionCheck::onDetected(const Result<DetectedApi> &detected)
{
    if (m_cancelled)
        return;
    const bool https = m_baseUrl.scheme() == QLatin1String("https");
    const QString where = hostAndPort(m_baseUrl);
    const QString skipped = QStringLiteral("Not checked, because an earlier step failed.");
    if (!detected) {
        const ApiError &error = detected.error();
        if (error.kind() == ApiError::Kind::Cancelled)
            return;
        if (error.kind() == ApiError::Kind::Tls) {
            addStep(Id::Reachable, Status::Passed, QStringLiteral("The server at %1 answered.").arg(where));
            addStep(
                Id::Tls, Status::Failed, error.message(),
                QStringLiteral("Set the deployment's certificate authority (a PEM file) as the profile's CA "
                               "bundle, or ask its administrator to fix the server's certificate."));
            skipRest(Id::Version, skipped);
            return finish();
        }
        if (error.kind() == ApiError::Kind::NoApi || error.kind() == ApiError::Kind::Unsupported) {
            addStep(Id::Reachable, Status::Passed, QStringLiteral("The server at %1 answered.").arg(where));
            if (https)
                addStep(Id::Tls, Status::Passed,
                        QStringLiteral("The certificate of %1 is valid and trusted.").arg(m_baseUrl.host()));
            else
                addStep(Id::Tls, Status::Skipped,
                        QStringLiteral("The URL uses http: the connection is not encrypted, so there is no "
                                       "certificate to check."));
            addStep(
                Id::Version, Status::Failed, error.message(),
                QStringLiteral("Use the URL of the Airflow webserver's root (without /api/v1 or /api/v2), "
                               "and check that its REST API is enabled."));
            skipRest(Id::Credentials, skipped);
            return finish();
        }
        addStep(Id::Reachable, Status::Failed, error.message(), reachAdvice(error.kind()));
        skipRest(Id::Tls, skipped);
        return finish();
    }

    m_report.api = detected.value();
    addStep(Id::Reachable, Status::Passed, QStringLiteral("The server at %1 answered.").arg(where));
    if (https)
        addStep(Id::Tls, Status::Passed,
                QStringLiteral("The certificate of %1 is valid and trusted.").arg(m_baseUrl.host()));
    else
        addStep(
            Id::Tls, Status::Skipped,
            QStringLiteral("The URL uses http: the connection is not encrypted, so there is no certificate "
                           "to check."));
    const DetectedApi &api = m_report.api;
    if (api.kind == ApiKind::Experimental) {
        addStep(Id::Version, Status::Warning,
                QStringLiteral("Airflow 1.10's experimental API was found at /api/experimental (it has no "
                               "version endpoint)."),
                experimentalAdvice());
    } else {
        addStep(Id::Version, Status::Passed,
                QStringLiteral("Airflow %1 with its REST API at %2.")
                    .arg(api.version.version, apiPrefix(api.kind)));
    }
    checkCredentials();
}

QString ConnectionCheck::credentialAdvice() const
{
    const Auth::Authenticator *authenticator = &m_client->authenticator();
    if (dynamic_cast<const Auth::BasicAuthenticator *>(authenticator) ||
        dynamic_cast<const Auth::JwtLoginAuthenticator *>(authenticator))
        return QStringLiteral("Check the user name and password in the profile.");
    if (dynamic_cast<const Auth::BearerTokenAuthenticator *>(authenticator))
        return QStringLiteral("Check the API token in the profile; create a new one if it expired or was "
                              "rotated.");
    if (dynamic_cast<const Auth::SoftwareKeyAuthenticator *>(authenticator))
        return QStringLiteral("Check the service-account key in the profile, and whether the deployment "
                              "expects it with or without \"Bearer\".");
    if (dynamic_cast<const Auth::OAuth2ClientCredentialsAuthenticator *>(authenticator))
        return QStringLiteral("Check the token URL, client id, client secret, audience and scope in the "
                              "profile.");
    if (dynamic_cast<const Auth::CommandTokenAuthenticator *>(authenticator))
        return QStringLiteral("Run the token command in a terminal and check that it prints a valid token.");
    if (dynamic_cast<const Auth::HeaderAuthenticator *>(authenticator))
        return QStringLiteral("Check the header name and value in the profile.");
    return QStringLiteral("Add credentials to the profile.");
}

void ConnectionCheck::checkCredentials()
{
    QString path;
    switch (m_report.api.kind) {
    case ApiKind::V2:
        path = QStringLiteral("/api/v2/dags?limit=1");
        break;
    case ApiKind::V1:
        path = QStringLiteral("/api/v1/dags?limit=1");
        break;
    default:
        path = QStringLiteral("/api/experimental/test");
        break;
    }
    RawRequest request;
    request.path = path;
    m_calls.append(m_client->send(
        request, this, [this, path](const Result<RawResponse> &response) { onCredentials(path, response); }));
}

void ConnectionCheck::onCredentials(const QString &path, const Result<RawResponse> &response)
{
    if (m_cancelled)
        return;
    const QString skipped = QStringLiteral("Not checked, because the credentials were not accepted.");
    const QString request = QStringLiteral("GET ") + path.left(path.indexOf(QLatin1Char('?')));
    if (!response) {
        if (response.error().kind() == ApiError::Kind::Cancelled)
            return;
        const ApiError::Kind kind = response.error().kind();
        const bool credentialProblem = kind == ApiError::Kind::Unauthorized ||
                                       kind == ApiError::Kind::Forbidden ||
                                       kind == ApiError::Kind::Redirected;
        addStep(Id::Credentials, Status::Failed, response.error().message(),
                credentialProblem ? credentialAdvice() : reachAdvice(kind));
        skipRest(Id::Metadatabase, skipped);
        return finish();
    }
    const RawResponse &raw = response.value();
    if (raw.status >= 200 && raw.status < 300) {
        addStep(Id::Credentials, Status::Passed,
                QStringLiteral("The server accepted the credentials (%1).").arg(request));
        return checkHealth();
    }
    HttpOutcome outcome;
    outcome.status = raw.status;
    outcome.headers = raw.headers;
    outcome.body = raw.body;
    const ResponseReader reader(m_client->dialect(), m_client->authenticator(), path);
    const ApiError error = reader.statusError(outcome);
    if (raw.status == 403 && m_report.api.kind == ApiKind::Experimental) {
        // 1.10's API has no permissions per user: its auth backend turns the request away as a whole.
        addStep(Id::Credentials, Status::Warning,
                QStringLiteral("Airflow 1.10's API refused the request (%1 gave HTTP 403 Forbidden).")
                    .arg(request),
                QStringLiteral("Its [api] auth_backend lets no one in (deny_all) or does not accept these "
                               "credentials: ask the deployment's administrator for one that accepts them, "
                               "such as airflow.contrib.auth.backends.password_auth."));
        return checkHealth();
    }
    if (raw.status == 403) {
        addStep(Id::Credentials, Status::Warning,
                QStringLiteral("The server knows these credentials but does not let them list DAGs (%1 gave "
                               "HTTP 403).")
                    .arg(request),
                QStringLiteral("Ask the deployment's administrator for a role that may read DAGs."));
        return checkHealth();
    }
    const bool credentialProblem = raw.status == 401 || (raw.status >= 300 && raw.status < 400);
    addStep(Id::Credentials, Status::Failed, error.message(),
            credentialProblem
                ? credentialAdvice()
                : QStringLiteral("Check the server's logs; the request %1 should succeed.").arg(request));
    skipRest(Id::Metadatabase, skipped);
    finish();
}

void ConnectionCheck::checkHealth()
{
    RawRequest request;
    switch (m_report.api.kind) {
    case ApiKind::V2:
        request.path = QStringLiteral("/api/v2/monitor/health");
        break;
    case ApiKind::V1:
        request.path = QStringLiteral("/api/v1/health");
        break;
    default:
        request.path = QStringLiteral("/health");
        break;
    }
    m_calls.append(
        m_client->send(request, this, [this](const Result<RawResponse> &response) { onHealth(response); }));
}

void ConnectionCheck::onHealth(const Result<RawResponse> &response)
{
    if (m_cancelled)
        return;
    if (!response && response.error().kind() == ApiError::Kind::Cancelled)
        return;
    QJsonObject health;
    QString problem;
    if (!response)
        problem = response.error().message();
    else if (response.value().status != 200)
        problem = QStringLiteral("The health endpoint answered with HTTP %1.").arg(response.value().status);
    else if (!QJsonDocument::fromJson(response.value().body).isObject())
        problem = QStringLiteral("The health endpoint did not answer with JSON.");
    else
        health = QJsonDocument::fromJson(response.value().body).object();
    if (!problem.isEmpty()) {
        const QString next = QStringLiteral("Open the deployment's health page in a browser, or check the "
                                            "webserver's log.");
        addStep(Id::Metadatabase, Status::Warning, problem, next);
        addStep(Id::Scheduler, Status::Warning, problem, next);
        return finish();
    }

    const QString database =
        health.value(QLatin1String("metadatabase")).toObject().value(QLatin1String("status")).toString();
    if (database == QLatin1String("healthy"))
        addStep(Id::Metadatabase, Status::Passed, QStringLiteral("The metadatabase is healthy."));
    else if (database.isEmpty())
        addStep(Id::Metadatabase, Status::Warning,
                QStringLiteral("The server did not report the metadatabase's health."),
                QStringLiteral("Check the webserver's log if the deployment misbehaves."));
    else
        addStep(
            Id::Metadatabase, Status::Failed,
            QStringLiteral("The metadatabase is %1: Airflow cannot read or write its state.").arg(database),
            QStringLiteral("Check the database Airflow uses (is it running, reachable, not full?) and the "
                           "webserver's log."));

    const QJsonObject scheduler = health.value(QLatin1String("scheduler")).toObject();
    const QString schedulerStatus = scheduler.value(QLatin1String("status")).toString();
    const QString heartbeat = scheduler.value(QLatin1String("latest_scheduler_heartbeat")).toString();
    const QString since =
        heartbeat.isEmpty() ? QString() : QStringLiteral(" (last heartbeat %1)").arg(heartbeat);
    if (schedulerStatus == QLatin1String("healthy"))
        addStep(Id::Scheduler, Status::Passed, QStringLiteral("The scheduler is healthy%1.").arg(since));
    else if (schedulerStatus.isEmpty())
        addStep(Id::Scheduler, Status::Warning,
                QStringLiteral("The server did not report the scheduler's health."),
                QStringLiteral("Check that the scheduler runs if DAG runs do not start."));
    else
        addStep(Id::Scheduler, Status::Failed,
                QStringLiteral("The scheduler is %1%2: DAG runs will not start.").arg(schedulerStatus, since),
                QStringLiteral("Start or restart the Airflow scheduler, and read its log."));
    finish();
}

} // namespace Windsock::Api
