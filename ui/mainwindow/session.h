#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace Windsock::Api {
class AirflowClient;
}
namespace Windsock::Sandbox {
class SandboxServer;
}

namespace Windsock::Ui {

// One connected deployment: its name, its client and everything the client needs (the network access manager
// and, for the demo, the in-process sandbox it talks to). The main window shows one session.
class Session final : public QObject
{
    Q_OBJECT

public:
    // Why the demo runs: asked for (--demo), or because there is no connection profile to open yet.
    enum class DemoReason
    {
        Requested,
        NoProfile
    };

    struct DemoOptions
    {
        // Every one with its own name (the seeder has 120 before it numbers them), and still two pages.
        int dagCount = 120;
        int runsPerDag = 25;
        quint32 seed = 20250601;
        // What the client logs in with; the sandbox knows admin/admin. A test seam for a refused login.
        QString username = QStringLiteral("admin");
        QString password = QStringLiteral("admin");
    };

    // Starts the built-in sandbox on 127.0.0.1 (a free port) and connects to it with Basic authentication.
    // Null, with *error set, when the sandbox cannot listen.
    static Session *startDemo(DemoReason reason, const DemoOptions &options, QString *error,
                              QObject *parent = nullptr);

    ~Session() override;

    Api::AirflowClient *client() const { return m_client; }
    // The deployment's name, for the window title and the sidebar's header.
    QString deploymentName() const { return m_deploymentName; }
    QUrl baseUrl() const;
    bool isDemo() const { return m_sandbox != nullptr; }
    // A notice the window shows above the content until dismissed; empty when there is nothing to say.
    QString notice() const { return m_notice; }
    // The in-process sandbox of a demo session (null otherwise): tests stop it to see errors.
    Sandbox::SandboxServer *sandbox() const { return m_sandbox; }

private:
    explicit Session(QObject *parent);

    QNetworkAccessManager *m_network = nullptr;
    Sandbox::SandboxServer *m_sandbox = nullptr;
    Api::AirflowClient *m_client = nullptr;
    QString m_deploymentName;
    QString m_notice;
};

} // namespace Windsock::Ui
