#include "sandboxserver.h"

#include "apirequest.h"
#include "apirouter.h"
#include "experimentalrouter.h"
#include "faultinjector.h"
#include "houstonhandler.h"
#include "httpfrontend.h"
#include "jwt.h"
#include "manualclock.h"
#include "platformhandler.h"
#include "realclock.h"
#include "sandboxauth.h"
#include "sandboxlogging.h"
#include "sandboxstate.h"
#include "v2router.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>

namespace Windsock::Sandbox {

namespace {

// The certificate chain (server certificate first) and its unencrypted RSA or EC key, from PEM files.
bool loadTls(const TlsOptions &tls, QSslConfiguration *configuration, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(tls.certificateChainFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("no PEM certificate in ") + tls.certificateChainFile;
        return false;
    }
    QFile keyFile(tls.privateKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS key ") + tls.privateKeyFile + QStringLiteral(": ") +
                 keyFile.errorString();
        return false;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("no unencrypted RSA or EC PEM key in ") + tls.privateKeyFile;
        return false;
    }
    *configuration = QSslConfiguration::defaultConfiguration();
    configuration->setLocalCertificateChain(chain);
    configuration->setPrivateKey(key);
    configuration->setPeerVerifyMode(QSslSocket::VerifyNone);
    return true;
}

} // namespace

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    QElapsedTimer timer;
    timer.start();
    if (m_options.clock == ClockKind::Manual) {
        auto manual = std::make_unique<ManualClock>(m_options.manualClockStartMs);
        m_manualClock = manual.get();
        m_clock = std::move(manual);
    } else {
        m_clock = std::make_unique<RealClock>(m_options.clockSpeed);
    }
    m_state = std::make_unique<SandboxState>(m_options.seed, m_options.dagCount, m_options.runsPerDag,
                                             m_clock.get());
    m_faults = std::make_unique<FaultInjector>(m_options.seed, m_options.faults);
    // Airflow 3 accepts no Basic auth on /api/v2: user accounts log in through the simple auth manager.
    if (m_options.api == ApiVersion::V2 && m_options.auth == AuthMode::Basic)
        m_options.auth = AuthMode::Jwt;
    m_auth = std::make_unique<SandboxAuth>(m_options, m_clock.get());
    m_router = std::make_unique<ApiRouter>(m_state.get(), m_auth.get(), m_options);
    HttpFrontend::Handler handler;
    if (m_options.api == ApiVersion::V2) {
        m_v2Router = std::make_unique<V2Router>(m_router.get(), m_auth.get());
        handler = [router = m_v2Router.get()](const ApiRequest &request) { return router->route(request); };
    } else if (m_options.api == ApiVersion::Experimental) {
        m_experimentalRouter = std::make_unique<ExperimentalRouter>(m_state.get(), m_options);
        handler = [router = m_experimentalRouter.get()](const ApiRequest &request) {
            return router->route(request);
        };
    } else {
        handler = [router = m_router.get()](const ApiRequest &request) { return router->route(request); };
    }
    if (m_options.discovery) {
        // Discovery's paths (/v1/..., /platform/v1beta1/...) are outside Airflow's /api/...: nothing clashes.
        struct Discovery
        {
            explicit Discovery(const DiscoveryFixture &fixture)
                : platform(fixture)
                , houston(fixture)
            {}
            PlatformHandler platform;
            HoustonHandler houston;
        };
        auto discovery = std::make_shared<Discovery>(*m_options.discovery);
        handler = [discovery, airflow = std::move(handler)](const ApiRequest &request) {
            if (auto answer = discovery->platform.answer(request))
                return *answer;
            if (auto answer = discovery->houston.answer(request))
                return *answer;
            return airflow(request);
        };
    }
    m_frontend = new HttpFrontend(std::move(handler), m_faults.get(), this);
    connect(m_frontend, &HttpFrontend::requestServed, this, &SandboxServer::requestServed);
    qCDebug(lcSandbox) << "seeded" << m_options.dagCount << "DAGs in" << timer.elapsed() << "ms";
}

SandboxServer::~SandboxServer()
{
    delete m_frontend; // before the router and state it calls into
    m_frontend = nullptr;
}

bool SandboxServer::listen(quint16 port)
{
    if (m_tcpServer && m_tcpServer->isListening()) {
        m_errorString = QStringLiteral("already listening");
        return false;
    }
    QTcpServer *tcp = nullptr;
    if (m_options.tls.enabled()) {
        QSslConfiguration configuration;
        if (!loadTls(m_options.tls, &configuration, &m_errorString))
            return false;
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(configuration);
        tcp = ssl;
    } else {
        tcp = new QTcpServer(this);
    }
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        m_errorString = tcp->errorString();
        delete tcp;
        return false;
    }
    m_tcpServer = tcp;
    m_frontend->bind(tcp);
    m_errorString.clear();
    return true;
}

quint16 SandboxServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

QUrl SandboxServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_options.tls.enabled() ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QString SandboxServer::errorString() const
{
    return m_errorString;
}

FaultOptions SandboxServer::faults() const
{
    return m_faults->options();
}

void SandboxServer::setFaults(const FaultOptions &faults)
{
    m_faults->setOptions(faults);
}

qint64 SandboxServer::nowMs() const
{
    return m_clock->nowMs();
}

bool SandboxServer::hasManualClock() const
{
    return m_manualClock != nullptr;
}

void SandboxServer::advanceClock(qint64 ms)
{
    if (m_manualClock)
        m_manualClock->advance(ms);
}

QList<SandboxServer::LoggedRequest> SandboxServer::requestLog() const
{
    QList<LoggedRequest> log;
    const QList<QPair<QByteArray, QString>> received = m_frontend->requestLog();
    log.reserve(received.size());
    for (const auto &[method, path] : received)
        log.append({method, path});
    return log;
}

quint64 SandboxServer::requestCount() const
{
    return m_frontend->requestCount();
}

quint64 SandboxServer::tokensIssued() const
{
    return m_auth->tokensIssued();
}

QByteArray SandboxServer::jwtSecret() const
{
    return m_auth->secret();
}

QString SandboxServer::makeJwt(const QJsonObject &claims, const QByteArray &secret)
{
    return QString::fromLatin1(Jwt::sign(claims, secret));
}

} // namespace Windsock::Sandbox
