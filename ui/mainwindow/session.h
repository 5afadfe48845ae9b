#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Windsock::Api {
class AirflowClient;
}
namespace Windsock::Sandbox {
class SandboxServer;
}
namespace Windsock::Profiles {
struct Profile;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

class SandboxThread;

// One connected deployment: its name, its client and everything the client needs (the network access manager
// and, for the demo, the in-process sandbox it talks to, on a thread of its own). Each deployment tab of the
// main window (DeploymentTab) owns one session.
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
        // An OpenAPI document (JSON or YAML) the sandbox serves where Airflow 2 does, so that the Explorer
        // has a catalogue; empty: none, and the Explorer says so.
        QString openApiFile;
    };

    // Starts the built-in sandbox on 127.0.0.1 (a free port) and connects to it with Basic authentication.
    // Null, with *error set, when the sandbox cannot listen.
    static Session *startDemo(DemoReason reason, const DemoOptions &options, QString *error,
                              QObject *parent = nullptr);

    // Opens a connection profile through Profiles::DeploymentConnector: reads its secret from the keychain
    // (asynchronously), loads its CA bundle and detects the API. done gets the session (the caller owns it),
    // or null and the reason in plain words. Returns the pending session: deleting it cancels, and done is
    // then never called.
    using OpenCallback = std::function<void(Session *session, const QString &error)>;
    static Session *openProfile(const Profiles::Profile &profile, Profiles::SecretStore *secrets,
                                OpenCallback done, QObject *parent = nullptr);

    ~Session() override;

    Api::AirflowClient *client() const { return m_client; }
    // The deployment's name, for the window title and the sidebar's header.
    QString deploymentName() const { return m_deploymentName; }
    QUrl baseUrl() const;
    bool isDemo() const { return m_sandboxThread != nullptr; }
    // The profile this session was opened from; empty for the demo.
    QString profileId() const { return m_profileId; }
    // The profile's colour; invalid when it has none.
    QColor colour() const { return m_colour; }
    bool isReadOnly() const { return m_readOnly; }
    // The profile is marked production: delete, clear, mark and bulk actions ask for its name first.
    bool isProduction() const { return m_production; }
    // A notice the window shows above the content until dismissed; empty when there is nothing to say.
    QString notice() const { return m_notice; }
    // The in-process sandbox of a demo session (null otherwise): tests switch faults on to see errors. It
    // lives on the sandbox's own thread.
    Sandbox::SandboxServer *sandbox() const;

private:
    explicit Session(QObject *parent);

    QNetworkAccessManager *m_network = nullptr;
    SandboxThread *m_sandboxThread = nullptr;
    Api::AirflowClient *m_client = nullptr;
    std::shared_ptr<Api::AirflowClient> m_sharedClient; // a profile's client, as the connector hands it over
    QString m_deploymentName;
    QString m_profileId;
    QColor m_colour;
    bool m_readOnly = false;
    bool m_production = false;
    QString m_notice;
};

} // namespace Windsock::Ui
