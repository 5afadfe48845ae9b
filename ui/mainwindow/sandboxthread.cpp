#include "sandboxthread.h"

#include <sandbox/sandboxserver.h>

namespace Windsock::Ui {

SandboxThread::SandboxThread(Sandbox::SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("windsock-sandbox"));
}

SandboxThread::~SandboxThread()
{
    stop();
}

bool SandboxThread::start(quint16 port)
{
    if (m_server)
        return true;
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    m_thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, port, &listening] {
            m_server = new Sandbox::SandboxServer(m_options);
            listening = m_server->listen(port);
            m_baseUrl = m_server->baseUrl();
            m_errorString = m_server->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        stop();
    return listening;
}

void SandboxThread::stop()
{
    if (!m_thread.isRunning()) {
        delete m_threadContext;
        m_threadContext = nullptr;
        return;
    }
    // The server's sockets and timers belong to its thread: it is deleted there, before the thread ends.
    QMetaObject::invokeMethod(
        m_threadContext,
        [this] {
            delete m_server;
            m_server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_threadContext; // its thread has ended: nothing runs on it any more
    m_threadContext = nullptr;
}

} // namespace Windsock::Ui
