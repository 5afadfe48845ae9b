#include "fleetnotifications.h"

#include "notifier.h"

#include "api/airflowclient.h"
#include "watch/failedrunpoller.h"

namespace Windsock::Ui {

namespace {

// Tags of this class's notifications: "failed-run" NUL profile id NUL DAG id NUL run id (no id has a NUL).
const QLatin1String kTagPrefix("failed-run");
constexpr QChar kSeparator(u'\0');

// At most this many runs are named in one notification; the rest are counted.
constexpr int kRunsNamed = 5;

} // namespace

FleetNotifications::FleetNotifications(Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
{
    if (notifier) {
        connect(notifier, &Notifier::tagActivated, this, [this](const QString &tag) {
            const QStringList parts = tag.split(kSeparator);
            if (parts.size() != 4 || parts.at(0) != kTagPrefix)
                return;
            Q_EMIT failedRunActivated(parts.at(1), parts.at(2), parts.at(3));
        });
    }
}

FleetNotifications::~FleetNotifications() = default;

QString FleetNotifications::activationTag(const QString &profileId, const QString &dagId,
                                          const QString &dagRunId)
{
    return QStringList{QString(kTagPrefix), profileId, dagId, dagRunId}.join(kSeparator);
}

QStringList FleetNotifications::watchedProfileIds() const
{
    QStringList ids = m_watched.keys();
    ids.sort();
    return ids;
}

Watch::FailedRunPoller *FleetNotifications::poller(const QString &profileId) const
{
    const auto it = m_watched.constFind(profileId);
    return it == m_watched.constEnd() ? nullptr : it->poller;
}

void FleetNotifications::setMember(const Fleet::FleetMember &member, bool enabled, int intervalSeconds)
{
    if (!enabled || !member.isValid()) {
        removeMember(member.profileId);
        return;
    }
    auto it = m_watched.find(member.profileId);
    // Another client (the deployment was reopened, its credentials changed): a new poller and baseline.
    if (it != m_watched.end() && it->member.client != member.client) {
        removeMember(member.profileId);
        it = m_watched.end();
    }
    if (it != m_watched.end()) {
        it->member = member;
        it->poller->setIntervalSeconds(intervalSeconds);
        return;
    }
    Watched watched;
    watched.member = member;
    watched.poller = new Watch::FailedRunPoller(member.client, member.profileId, this);
    watched.poller->setIntervalSeconds(intervalSeconds);
    connect(watched.poller, &Watch::FailedRunPoller::newFailedRuns, this, &FleetNotifications::report);
    connect(watched.poller, &Watch::FailedRunPoller::pollFailed, this, &FleetNotifications::reportProblem);
    m_watched.insert(member.profileId, watched);
    watched.poller->start();
}

void FleetNotifications::removeMember(const QString &profileId)
{
    const auto it = m_watched.find(profileId);
    if (it == m_watched.end())
        return;
    Watch::FailedRunPoller *poller = it->poller;
    m_watched.erase(it);
    poller->stop();
    poller->deleteLater();
}

void FleetNotifications::report(const QString &profileId, const QList<Api::DagRun> &runs)
{
    const auto it = m_watched.constFind(profileId);
    if (it == m_watched.constEnd() || runs.isEmpty() || !m_notifier)
        return;
    const QString name = it->member.name.isEmpty() ? profileId : it->member.name;
    const QString title = runs.size() == 1 ? tr("%1: 1 new failed run").arg(name)
                                           : tr("%1: %2 new failed runs").arg(name).arg(runs.size());
    QStringList lines;
    for (int i = 0; i < runs.size() && i < kRunsNamed; ++i)
        lines.append(tr("%1: %2").arg(runs.at(i).dagId, runs.at(i).dagRunId));
    if (runs.size() > kRunsNamed)
        lines.append(tr("and %1 more").arg(runs.size() - kRunsNamed));
    // The newest failure first (the poll lists them by end date, newest first): a click opens it.
    m_notifier->notifyTagged(title, lines.join(u'\n'), Notifier::Severity::Critical,
                             activationTag(profileId, runs.first().dagId, runs.first().dagRunId));
}

void FleetNotifications::reportProblem(const QString &profileId, const QString &message)
{
    const auto it = m_watched.constFind(profileId);
    if (it == m_watched.constEnd() || !m_notifier)
        return;
    const QString name = it->member.name.isEmpty() ? profileId : it->member.name;
    m_notifier->notify(tr("%1: cannot check for failed runs").arg(name), message,
                       Notifier::Severity::Warning);
}

} // namespace Windsock::Ui
