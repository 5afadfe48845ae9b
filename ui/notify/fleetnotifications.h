#pragma once

#include "api/types.h"
#include "fleet/fleetmember.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Windsock::Watch {
class FailedRunPoller;
}

namespace Windsock::Ui {

class Notifier;

// Tray notifications of new failed runs across the fleet: one FailedRunPoller per deployment whose profile
// opted in, each telling the Notifier "<deployment>: N new failed runs". A click on the notification maps
// back to the deployment and its newest new failed run (failedRunActivated).
class FleetNotifications final : public QObject
{
    Q_OBJECT

public:
    explicit FleetNotifications(Notifier *notifier, QObject *parent = nullptr);
    ~FleetNotifications() override;

    // Starts (or updates, or with enabled=false stops) polling this member's deployment.
    void setMember(const Fleet::FleetMember &member, bool enabled, int intervalSeconds);
    void removeMember(const QString &profileId);

    // The deployments being polled (tests, the window's status).
    QStringList watchedProfileIds() const;
    Watch::FailedRunPoller *poller(const QString &profileId) const;
    // The tag its notifications carry (Notifier::notifyTagged); a click on one gives it back in
    // Notifier::tagActivated, which this maps to failedRunActivated.
    static QString activationTag(const QString &profileId, const QString &dagId, const QString &dagRunId);

Q_SIGNALS:
    void failedRunActivated(const QString &profileId, const QString &dagId, const QString &dagRunId);

private:
    struct Watched
    {
        Fleet::FleetMember member;
        Watch::FailedRunPoller *poller = nullptr;
    };

    void report(const QString &profileId, const QList<Api::DagRun> &runs);
    void reportProblem(const QString &profileId, const QString &message);

    QPointer<Notifier> m_notifier;
    QHash<QString, Watched> m_watched;
};

} // namespace Windsock::Ui
