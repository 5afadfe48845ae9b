#include "sandboxserver.h"

#include "apirequest.h"
#include "apirouter.h"
#include "faultinjector.h"
#include "httpfrontend.h"
#include "manualclock.h"
#include "realclock.h"
#include "sandboxlogging.h"
#include "sandboxstate.h"

#include <QElapsedTimer>
#include <QTcpServer>

namespace Windsock::Sandbox {

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
    m_router = std::make_unique<ApiRouter>(m_state.get(), m_options.users);
    ApiRouter *router = m_router.get();
    m_frontend = new HttpFrontend([router](const ApiRequest &request) { return router->route(request); },
                                  m_faults.get(), this);
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
    auto *tcp = new QTcpServer(this);
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
    url.setScheme(QStringLiteral("http"));
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

quint64 SandboxServer::requestCount() const
{
    return m_frontend->requestCount();
}

} // namespace Windsock::Sandbox
