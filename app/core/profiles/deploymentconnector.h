#pragma once

#include "profile.h"
#include "secretstore.h"

#include "api/apierror.h"
#include "api/apiversiondetector.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Profiles {

enum class OpenedDeploymentFailure
{
    None,
    Profile,     // the profile itself is unusable (no URL, ...)
    Secret,      // the keychain did not hand over the secret (see secretStatus)
    CaBundle,    // the profile's CA bundle could not be loaded
    Connection,  // version detection failed: unreachable, TLS, no Airflow API there (see error)
    Unsupported, // an API this build does not speak (1.10's experimental API)
};

// What opening a profile needs before the network: its secret and its CA bundle's certificates.
struct PreparedProfile
{
    OpenedDeploymentFailure failure = OpenedDeploymentFailure::None; // None, Profile, Secret or CaBundle
    QString message;
    Api::ApiError error; // CaBundle: the loader's error
    SecretResult::Status secretStatus = SecretResult::Status::Ok;
    bool secretInMemoryOnly = false;
    QString secret; // empty for a profile without one (a command); never logged
    QList<QSslCertificate> caCertificates;
    bool ok() const { return failure == OpenedDeploymentFailure::None; }
};

// A deployment opened from a profile: a ready client, or why there is none.
struct OpenedDeployment
{
    using Failure = OpenedDeploymentFailure;

    Failure failure = Failure::None;
    QString message; // plain words for anything but None
    Api::ApiError error;
    SecretResult::Status secretStatus = SecretResult::Status::Ok;
    bool secretInMemoryOnly = false; // the keychain is missing: the secret lives for this run only
    Api::DetectedApi api;
    std::shared_ptr<Api::AirflowClient> client;

    bool ok() const { return failure == Failure::None && client != nullptr; }
};

// Opens a deployment from a profile, asynchronously: reads the profile's secret from the SecretStore, loads
// its CA bundle, detects the API (without credentials) and hands back an AirflowClient with the profile's
// authentication. Credentials are first used by the client's first call (token kinds log in then).
class DeploymentConnector final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const OpenedDeployment &)>;
    using PrepareCallback = std::function<void(const PreparedProfile &)>;

    DeploymentConnector(QNetworkAccessManager *nam, SecretStore *secrets, QObject *parent = nullptr);

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // done runs exactly once on context's thread, unless context (or this connector) is destroyed first.
    void open(const Profile &profile, QObject *context, Callback done);
    // The first half of open(): the secret and the CA bundle, for "Test connection" (Api::ConnectionCheck)
    // and anything else that builds its own client. Same guarantees for done.
    void prepare(const Profile &profile, QObject *context, PrepareCallback done);

private:
    void detect(const Profile &profile, const PreparedProfile &prepared, const QPointer<QObject> &context,
                const Callback &done);

    QNetworkAccessManager *m_nam;
    QPointer<SecretStore> m_secrets;
    int m_transferTimeoutMs = 30000;
};

} // namespace Windsock::Profiles
