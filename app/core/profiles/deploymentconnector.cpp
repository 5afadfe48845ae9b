#include "deploymentconnector.h"

#include "authenticatorfactory.h"
#include "profileslog.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"

#include <QThread>

namespace Windsock::Profiles {

namespace {

void finish(const QPointer<QObject> &context, const DeploymentConnector::Callback &done,
            const OpenedDeployment &opened)
{
    if (!context)
        return;
    if (context->thread() == QThread::currentThread())
        done(opened);
    else
        QMetaObject::invokeMethod(
            context.data(), [done, opened] { done(opened); }, Qt::QueuedConnection);
}

OpenedDeployment failed(OpenedDeployment::Failure failure, const QString &message)
{
    OpenedDeployment opened;
    opened.failure = failure;
    opened.message = message;
    return opened;
}

// A user name and password log in as the detected server wants: Airflow 3 accepts no Basic auth on /api/v2,
// only a JWT from its /auth/token, so an Airflow 2 profile that meets an upgraded server logs in that way.
std::unique_ptr<Auth::Authenticator> authenticatorFor(const Profile &profile, const QString &secret,
                                                      Api::ApiKind api)
{
    if (api == Api::ApiKind::V2 && profile.kind == ProfileKind::Airflow2Basic)
        return std::make_unique<Auth::JwtLoginAuthenticator>(profile.username, secret);
    return AuthenticatorFactory::create(profile, secret);
}

} // namespace

DeploymentConnector::DeploymentConnector(QNetworkAccessManager *nam, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_secrets(secrets)
{}

void DeploymentConnector::prepare(const Profile &profile, QObject *context, PrepareCallback done)
{
    const QPointer<QObject> guardedContext(context);
    // Every answer is queued or comes from the keychain's job, so done never runs inside prepare().
    const auto deliver = [guardedContext, done](const PreparedProfile &prepared) {
        if (guardedContext)
            done(prepared);
    };
    const auto withCaBundle = [profile](PreparedProfile prepared) {
        if (prepared.ok() && !profile.caBundlePath.isEmpty()) {
            const Api::Result<QList<QSslCertificate>> bundle =
                Api::AirflowClient::loadCaBundle(profile.caBundlePath);
            if (bundle.ok()) {
                prepared.caCertificates = bundle.value();
            } else {
                prepared.failure = OpenedDeploymentFailure::CaBundle;
                prepared.message = bundle.error().message();
                prepared.error = bundle.error();
            }
        }
        return prepared;
    };
    if (!profile.baseUrl.isValid() || profile.baseUrl.host().isEmpty()) {
        PreparedProfile prepared;
        prepared.failure = OpenedDeploymentFailure::Profile;
        prepared.message =
            QStringLiteral("The profile \"%1\" has no valid deployment URL. Edit the profile and "
                           "enter it.")
                .arg(profile.name);
        QMetaObject::invokeMethod(
            this, [deliver, prepared] { deliver(prepared); }, Qt::QueuedConnection);
        return;
    }
    if (!profile.hasSecret() || !m_secrets) {
        QMetaObject::invokeMethod(
            this, [deliver, withCaBundle] { deliver(withCaBundle(PreparedProfile())); },
            Qt::QueuedConnection);
        return;
    }
    qCDebug(lcProfiles).noquote() << "Reading the secret of profile" << profile.id;
    m_secrets->read(profile.id, this, [this, deliver, withCaBundle](const SecretResult &result) {
        PreparedProfile prepared;
        prepared.secretStatus = result.status;
        if (result.ok()) {
            prepared.secret = result.secret;
            prepared.secretInMemoryOnly = m_secrets && m_secrets->memoryOnly();
            prepared = withCaBundle(prepared);
        } else {
            prepared.failure = OpenedDeploymentFailure::Secret;
            prepared.message = result.message;
            prepared.secretInMemoryOnly = result.status == SecretResult::Status::NoBackend;
        }
        deliver(prepared);
    });
}

void DeploymentConnector::open(const Profile &profile, QObject *context, Callback done)
{
    const QPointer<QObject> guardedContext(context);
    prepare(profile, this, [this, profile, guardedContext, done](const PreparedProfile &prepared) {
        if (!prepared.ok()) {
            OpenedDeployment opened = failed(prepared.failure, prepared.message);
            opened.error = prepared.error;
            opened.secretStatus = prepared.secretStatus;
            opened.secretInMemoryOnly = prepared.secretInMemoryOnly;
            finish(guardedContext, done, opened);
            return;
        }
        detect(profile, prepared, guardedContext, done);
    });
}

void DeploymentConnector::detect(const Profile &profile, const PreparedProfile &prepared,
                                 const QPointer<QObject> &context, const Callback &done)
{
    Api::AirflowClient::Options options;
    options.transferTimeoutMs = m_transferTimeoutMs;
    options.caCertificates = prepared.caCertificates;
    // Every client built for a read-only profile refuses changing requests itself (the window's, the
    // fleet's and the CLI's alike), whatever the UI above it does.
    options.readOnly = profile.readOnly;
    options.profileName = profile.name;

    auto *detector = new Api::ApiVersionDetector(m_nam, profile.baseUrl, this);
    detector->setTransferTimeout(m_transferTimeoutMs);
    detector->setCaCertificates(options.caCertificates);
    const QString secret = prepared.secret;
    const bool inMemoryOnly = prepared.secretInMemoryOnly;
    detector->detect(this, [this, detector, profile, secret, inMemoryOnly, options, context,
                            done](const Api::Result<Api::DetectedApi> &detected) {
        detector->deleteLater();
        if (!detected.ok()) {
            OpenedDeployment opened =
                failed(OpenedDeployment::Failure::Connection, detected.error().message());
            opened.error = detected.error();
            finish(context, done, opened);
            return;
        }
        if (detected.value().refusesEveryone) {
            // Airflow 1.10 has no permissions per user: a 403 before any credentials is its [api]
            // auth_backend turning every request away, which "this user may not do that" on each request
            // would hide.
            OpenedDeployment opened = failed(
                OpenedDeployment::Failure::Connection,
                QStringLiteral("Airflow 1.10's API refuses every request (HTTP 403 Forbidden): its [api] "
                               "auth_backend is deny_all, its default since 1.10.11. Ask the deployment's "
                               "administrator for one that accepts user names and passwords, such as "
                               "airflow.contrib.auth.backends.password_auth."));
            opened.api = detected.value();
            finish(context, done, opened);
            return;
        }
        Api::ApiError unsupported;
        std::unique_ptr<Api::Dialect> dialect =
            Api::ApiVersionDetector::createDialect(detected.value(), &unsupported);
        if (!dialect) {
            OpenedDeployment opened = failed(OpenedDeployment::Failure::Unsupported, unsupported.message());
            opened.error = unsupported;
            opened.api = detected.value();
            finish(context, done, opened);
            return;
        }
        OpenedDeployment opened;
        opened.api = detected.value();
        opened.secretInMemoryOnly = inMemoryOnly;
        opened.client = std::make_shared<Api::AirflowClient>(
            m_nam, profile.baseUrl, std::move(dialect),
            authenticatorFor(profile, secret, detected.value().kind), options);
        qCInfo(lcProfiles).noquote() << "Opened profile" << profile.id << "at"
                                     << profile.baseUrl.toString(QUrl::RemoveUserInfo) << "("
                                     << opened.client->dialect().name() << ")";
        finish(context, done, opened);
    });
}

} // namespace Windsock::Profiles
