#pragma once

#include "fleetmember.h"
#include "fleetstatus.h"

#include "profiles/profile.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

class QNetworkAccessManager;

namespace Windsock::Profiles {
class SecretStore;
class DeploymentConnector;
} // namespace Windsock::Profiles

namespace Windsock::Api {
class ApiCall;
}

namespace Windsock::Fleet {

// Refreshes the status of every profile of the fleet at once: opens each deployment (its secret from the
// keychain, the API detected), keeps the client of every deployment that answered (memberOpened), and asks
// it, concurrently, for its version, health and counts. At most perHostLimit profiles are probed at once per
// scheme://host:port, so ten profiles on one server do not hit it all together. Never blocks.
class FleetRefresher final : public QObject
{
    Q_OBJECT

public:
    FleetRefresher(QNetworkAccessManager *nam, Profiles::SecretStore *secrets, QObject *parent = nullptr);
    ~FleetRefresher() override;

    void setPerHostLimit(int profiles); // profiles probed at once per scheme://host:port (default 4)
    int perHostLimit() const { return m_perHostLimit; }
    void setTransferTimeout(int milliseconds);

    // All at once, within the host limit. A refresh under way is cancelled first (its profiles get no
    // further signal); statusChanged then comes once with Refreshing and once with the outcome per profile,
    // and refreshFinished once.
    void refresh(const QList<Profiles::Profile> &profiles);
    // One profile (added to the list when new), alongside a refresh under way or alone.
    void refreshOne(const Profiles::Profile &profile);
    // Aborts every call under way; the profiles still refreshing go back to their previous status.
    void cancel();
    bool isRefreshing() const;

    QList<FleetStatus> statuses() const; // in the order of the last refresh()
    std::optional<FleetStatus> status(const QString &profileId) const;
    // The opened deployments (a reachable profile's client is kept between refreshes).
    FleetMember member(const QString &profileId) const; // invalid when not open
    QList<FleetMember> members() const;
    // Forgets a profile (deleted): its status and its client.
    void removeProfile(const QString &profileId);

Q_SIGNALS:
    void statusChanged(const Windsock::Fleet::FleetStatus &status);
    void memberOpened(const Windsock::Fleet::FleetMember &member);
    void refreshFinished(qint64 elapsedMs);
    // A profile left the queue: its host had room (its outcome follows in statusChanged).
    void probeStarted(const QString &profileId);

private:
    struct Probe;

    static QString hostKey(const QUrl &url);
    void enqueue(const Profiles::Profile &profile);
    void startQueued();
    void startProbe(const std::shared_ptr<Probe> &probe);
    void probeOpened(const std::shared_ptr<Probe> &probe);
    void callDone(const std::shared_ptr<Probe> &probe);
    void finishProbe(const std::shared_ptr<Probe> &probe);
    void abortProbes();

    QNetworkAccessManager *m_nam;
    QPointer<Profiles::SecretStore> m_secrets;
    int m_perHostLimit = 4;
    int m_transferTimeoutMs = 30000;

    QList<QString> m_order; // profile ids in the order of the last refresh()
    QHash<QString, FleetStatus> m_statuses;
    QHash<QString, FleetMember> m_members;
    QHash<QString, Profiles::Profile> m_keptProfiles; // the profile each kept client was opened from
    QHash<QString, std::shared_ptr<Probe>> m_probes;  // under way or queued, by profile id
    QList<std::shared_ptr<Probe>> m_queue;            // waiting for their host's turn
    QHash<QString, int> m_inFlightPerHost;
    QElapsedTimer m_refreshTimer;
    bool m_refreshRunning = false;
    quint64 m_generation = 0;
};

} // namespace Windsock::Fleet
