#include "session.h"

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/jwtclaims.h"
#include "profiles/deploymentconnector.h"
#include "profiles/profile.h"
#include "sandboxthread.h"

#include <QNetworkAccessManager>
#include <sandbox/sandboxserver.h>

namespace Windsock::Ui {

Session::Session(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{}

Session::~Session()
{
    // The client first: its calls end while the sandbox and the network access manager still exist.
    if (m_sharedClient)
        m_sharedClient.reset();
    else
        delete m_client;
    m_client = nullptr;
}

Session *Session::startDemo(DemoReason reason, const DemoOptions &options, QString *error, QObject *parent)
{
    auto *session = new Session(parent);

    Sandbox::SandboxOptions sandboxOptions;
    sandboxOptions.dagCount = options.dagCount;
    sandboxOptions.runsPerDag = options.runsPerDag;
    sandboxOptions.seed = options.seed;
    sandboxOptions.openApiFile = options.openApiFile;
    sandboxOptions.users = {{QStringLiteral("admin"), QStringLiteral("admin")}};
    // On its own thread: generating a 50 MB log or a page of runs there never stalls the window.
    session->m_sandboxThread = new SandboxThread(sandboxOptions, session);
    if (!session->m_sandboxThread->start()) {
        if (error)
            *error = tr("The built-in demo sandbox could not listen on 127.0.0.1: %1")
                         .arg(session->m_sandboxThread->errorString());
        delete session;
        return nullptr;
    }

    session->m_client = new Api::AirflowClient(
        session->m_network, session->m_sandboxThread->baseUrl(), std::make_unique<Api::DialectV1>(),
        std::make_unique<Auth::BasicAuthenticator>(options.username, options.password), session);
    session->m_deploymentName = tr("Demo sandbox");
    if (reason == DemoReason::NoProfile) {
        session->m_notice = tr("No connection profile yet: showing the built-in demo sandbox. "
                               "Add a profile to connect to your Airflow.");
    } else {
        session->m_notice = tr("Demo mode: showing the built-in sandbox, a stand-in for an Airflow 2 "
                               "deployment. Nothing you do here reaches a real Airflow.");
    }
    return session;
}

Session *Session::openProfile(const Profiles::Profile &profile, Profiles::SecretStore *secrets,
                              OpenCallback done, QObject *parent)
{
    auto *session = new Session(parent);
    session->m_deploymentName = profile.name;
    session->m_profileId = profile.id;
    session->m_colour = profile.colour.isEmpty() ? QColor() : QColor(profile.colour);
    session->m_readOnly = profile.readOnly;
    session->m_production = profile.production;
    // The connector lives in the pending session: deleting the session cancels the opening.
    auto *connector = new Profiles::DeploymentConnector(session->m_network, secrets, session);
    connector->open(profile, session, [session, connector, done](const Profiles::OpenedDeployment &opened) {
        connector->deleteLater();
        if (!opened.ok()) {
            session->deleteLater();
            done(nullptr, opened.message.isEmpty() ? opened.error.message() : opened.message);
            return;
        }
        session->m_sharedClient = opened.client;
        session->m_client = opened.client.get();
        QStringList notices;
        if (opened.secretInMemoryOnly) {
            notices
                << tr("No keychain answered: the secret of \"%1\" is kept in memory until Windsock quits.")
                       .arg(session->m_deploymentName);
        }
        // An API token that expires soon (Astro's carry their expiry): say so before requests start failing.
        if (const auto *bearer =
                dynamic_cast<const Auth::BearerTokenAuthenticator *>(&opened.client->authenticator())) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (const std::optional<QDateTime> expiry = bearer->expiry();
                expiry && Auth::JwtClaims::expiresSoon(*expiry, now)) {
                notices << tr("The API token of \"%1\" %2: create a new token and edit the profile.")
                               .arg(session->m_deploymentName, Auth::JwtClaims::describeExpiry(*expiry, now));
            }
        }
        session->m_notice = notices.join(QLatin1Char(' '));
        done(session, QString());
    });
    return session;
}

Sandbox::SandboxServer *Session::sandbox() const
{
    return m_sandboxThread ? m_sandboxThread->server() : nullptr;
}

QUrl Session::baseUrl() const
{
    return m_client ? m_client->baseUrl() : QUrl();
}

} // namespace Windsock::Ui
