#pragma once

#include <sandbox/sandboxoptions.h>

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

namespace Windsock::Sandbox {
class SandboxServer;
}

namespace Windsock::Ui {

// The in-process demo sandbox on a thread of its own, so that what it generates (multi-megabyte logs, pages
// of thousands of runs) never stalls the window: the client talks to it over loopback as to any server.
//
// The server is created, listens and is destroyed on that thread. start() and the destructor wait for it:
// seeding the sandbox takes as long as it did on the UI thread, once, and shutting down is quick.
class SandboxThread final : public QObject
{
    Q_OBJECT

public:
    explicit SandboxThread(Sandbox::SandboxOptions options, QObject *parent = nullptr);
    ~SandboxThread() override;

    // Starts the thread and the server on 127.0.0.1 (port 0: a free one). False, with errorString(), when it
    // cannot listen; the thread is stopped again then.
    bool start(quint16 port = 0);

    bool isRunning() const { return m_server != nullptr; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString errorString() const { return m_errorString; }
    // The server, living on the sandbox thread: call its members through QMetaObject::invokeMethod on it.
    Sandbox::SandboxServer *server() const { return m_server; }

private:
    void stop();

    Sandbox::SandboxOptions m_options;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread; runs the server's creation and destruction
    Sandbox::SandboxServer *m_server = nullptr;
    QUrl m_baseUrl;
    QString m_errorString;
};

} // namespace Windsock::Ui
