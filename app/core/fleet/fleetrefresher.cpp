#include "fleetrefresher.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/dialect.h"
#include "profiles/deploymentconnector.h"
#include "profiles/secretstore.h"

#include <QLoggingCategory>
#include <QSet>
#include <algorithm>

namespace Windsock::Fleet {

Q_LOGGING_CATEGORY(lcFleet, "windsock.fleet")

namespace {

QString apiNameOf(Api::ApiKind kind)
{
    switch (kind) {
    case Api::ApiKind::V1:
        return QStringLiteral("Airflow 2 (/api/v1)");
    case Api::ApiKind::V2:
        return QStringLiteral("Airflow 3 (/api/v2)");
    case Api::ApiKind::Experimental:
        return QStringLiteral("Airflow 1.10 (experimental)");
    case Api::ApiKind::Unknown:
        break;
    }
    return {};
}

QString componentText(const QString &name, const Api::HealthComponent &component)
{
    if (!component.present || component.status.isEmpty() ||
        component.status.compare(QLatin1String("healthy"), Qt::CaseInsensitive) == 0)
        return {};
    return name + QLatin1Char(' ') + component.status.toLower();
}

// "healthy", or the components that are not: "scheduler unhealthy, triggerer unhealthy".
QString healthTextOf(const Api::Health &health)
{
    QStringList parts;
    for (const QString &part : {componentText(QStringLiteral("metadatabase"), health.metadatabase),
                                componentText(QStringLiteral("scheduler"), health.scheduler),
                                componentText(QStringLiteral("triggerer"), health.triggerer),
                                componentText(QStringLiteral("DAG processor"), health.dagProcessor)}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.isEmpty() ? QStringLiteral("healthy") : parts.join(QLatin1String(", "));
}

bool refusesCredentials(const Api::ApiError &error)
{
    // A 401, or a redirect (Astronomer Software sends a bad key to its login page): the credentials are
    // wrong. A 403 is the user lacking one permission, unless nothing at all was allowed (see classify()).
    return error.kind() == Api::ApiError::Kind::Unauthorized ||
           error.kind() == Api::ApiError::Kind::Redirected;
}

Reachability reachabilityOf(const Api::ApiError &error)
{
    switch (error.kind()) {
    case Api::ApiError::Kind::Unauthorized:
    case Api::ApiError::Kind::Forbidden:
    case Api::ApiError::Kind::Redirected:
        return Reachability::AuthFailed;
    case Api::ApiError::Kind::Tls:
        return Reachability::TlsError;
    case Api::ApiError::Kind::Unsupported:
        return Reachability::Unsupported;
    default:
        return Reachability::Unreachable;
    }
}

bool sameConnection(const Profiles::Profile &a, const Profiles::Profile &b)
{
    // The name too: a read-only client names its profile when it refuses a request.
    return a.name == b.name && a.baseUrl == b.baseUrl && a.kind == b.kind && a.username == b.username &&
           a.caBundlePath == b.caBundlePath && a.readOnly == b.readOnly && a.genericMode == b.genericMode &&
           a.customHeaderName == b.customHeaderName && a.command == b.command &&
           a.softwareBearer == b.softwareBearer && a.oauthTokenUrl == b.oauthTokenUrl &&
           a.oauthClientId == b.oauthClientId && a.oauthAudience == b.oauthAudience &&
           a.oauthScope == b.oauthScope;
}

} // namespace

// One profile's refresh: opening it (unless its client is kept), then its calls, all at once.
struct FleetRefresher::Probe
{
    Profiles::Profile profile;
    QString host;
    FleetStatus previous; // restored when the probe is cancelled
    FleetStatus status;   // being filled in
    std::shared_ptr<Api::AirflowClient> client;
    bool newlyOpened = false;
    bool started = false;
    bool aborted = false;
    QElapsedTimer timer;
    QObject *context = nullptr; // owned; deleted when the probe ends, which drops the callbacks
    QList<QPointer<Api::ApiCall>> calls;
    int pending = 0;
    // What each call found, judged together when the last one answers.
    QList<QPair<QString, Api::ApiError>> failures; // what was asked ("DAGs", ...), its error
    int succeeded = 0;
};

FleetRefresher::FleetRefresher(QNetworkAccessManager *nam, Profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_secrets(secrets)
{
    qRegisterMetaType<Windsock::Fleet::FleetStatus>();
}

FleetRefresher::~FleetRefresher()
{
    abortProbes();
}

void FleetRefresher::setPerHostLimit(int profiles)
{
    m_perHostLimit = qMax(1, profiles);
    startQueued();
}

void FleetRefresher::setTransferTimeout(int milliseconds)
{
    m_transferTimeoutMs = milliseconds;
}

QString FleetRefresher::hostKey(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':') + QString::number(port);
}

void FleetRefresher::refresh(const QList<Profiles::Profile> &profiles)
{
    // A refresh under way is dropped, not finished: its profiles are probed again below (or forgotten), and
    // only this refresh's refreshFinished is emitted.
    abortProbes();
    m_order.clear();
    QSet<QString> ids;
    for (const Profiles::Profile &profile : profiles) {
        m_order.append(profile.id);
        ids.insert(profile.id);
    }
    // Profiles that left the list take their status and client with them.
    for (auto it = m_statuses.begin(); it != m_statuses.end();) {
        if (ids.contains(it.key()))
            ++it;
        else
            it = m_statuses.erase(it);
    }
    for (auto it = m_members.begin(); it != m_members.end();) {
        if (ids.contains(it.key()))
            ++it;
        else
            it = m_members.erase(it);
    }
    m_refreshTimer.start();
    m_refreshRunning = true;
    ++m_generation;
    if (profiles.isEmpty()) {
        m_refreshRunning = false;
        // Queued, as for any other refresh; not at all when another refresh() came first.
        const qint64 elapsed = m_refreshTimer.elapsed();
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, elapsed, generation] {
                if (generation == m_generation && m_probes.isEmpty())
                    Q_EMIT refreshFinished(elapsed);
            },
            Qt::QueuedConnection);
        return;
    }
    for (const Profiles::Profile &profile : profiles)
        enqueue(profile);
    startQueued();
}

void FleetRefresher::refreshOne(const Profiles::Profile &profile)
{
    if (!m_order.contains(profile.id))
        m_order.append(profile.id);
    if (const std::shared_ptr<Probe> running = m_probes.value(profile.id)) {
        // Already under way: start it again with this (perhaps edited) profile.
        running->aborted = true;
        for (const QPointer<Api::ApiCall> &call : std::as_const(running->calls)) {
            if (call)
                call->cancel();
        }
        if (running->context)
            running->context->deleteLater();
        running->context = nullptr;
        if (running->started)
            --m_inFlightPerHost[running->host];
        m_queue.removeAll(running);
        m_probes.remove(profile.id);
        m_statuses.insert(profile.id, running->previous);
    }
    if (!m_refreshRunning) {
        m_refreshTimer.start();
        m_refreshRunning = true;
    }
    enqueue(profile);
    startQueued();
}

void FleetRefresher::enqueue(const Profiles::Profile &profile)
{
    auto probe = std::make_shared<Probe>();
    probe->profile = profile;
    probe->host = hostKey(profile.baseUrl);
    probe->previous = m_statuses.value(profile.id);
    probe->previous.profileId = profile.id;
    probe->previous.name = profile.name;
    probe->previous.colour = profile.colour;
    probe->previous.baseUrl = profile.baseUrl;
    probe->previous.readOnly = profile.readOnly;
    probe->previous.production = profile.production;
    // The row keeps what it showed while it refreshes.
    FleetStatus refreshing = probe->previous;
    refreshing.reachability = Reachability::Refreshing;
    m_statuses.insert(profile.id, refreshing);
    m_probes.insert(profile.id, probe);
    m_queue.append(probe);
    Q_EMIT statusChanged(refreshing);
}

void FleetRefresher::startQueued()
{
    for (int i = 0; i < m_queue.size();) {
        const std::shared_ptr<Probe> probe = m_queue.at(i);
        if (m_inFlightPerHost.value(probe->host) >= m_perHostLimit) {
            ++i;
            continue;
        }
        m_queue.removeAt(i);
        startProbe(probe);
    }
}

void FleetRefresher::startProbe(const std::shared_ptr<Probe> &probe)
{
    probe->started = true;
    ++m_inFlightPerHost[probe->host];
    probe->timer.start();
    probe->context = new QObject(this);
    Q_EMIT probeStarted(probe->profile.id);
    if (probe->aborted) // a slot cancelled or restarted the refresh
        return;

    const Profiles::Profile &profile = probe->profile;
    probe->status.profileId = profile.id;
    probe->status.name = profile.name;
    probe->status.colour = profile.colour;
    probe->status.baseUrl = profile.baseUrl;
    probe->status.readOnly = profile.readOnly;
    probe->status.production = profile.production;
    probe->status.tls = profile.baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0
                            ? QStringLiteral("TLS verified")
                            : QStringLiteral("not encrypted (http)");

    const FleetMember kept = m_members.value(profile.id);
    if (kept.isValid() && kept.client && m_keptProfiles.contains(profile.id) &&
        sameConnection(m_keptProfiles.value(profile.id), profile)) {
        probe->client = kept.client;
        probe->status.apiName = apiNameOf(kept.client->dialect().kind());
        probeOpened(probe);
        return;
    }
    m_members.remove(profile.id);
    m_keptProfiles.remove(profile.id);

    auto *connector = new Profiles::DeploymentConnector(m_nam, m_secrets, probe->context);
    connector->setTransferTimeout(m_transferTimeoutMs);
    connector->open(profile, probe->context, [this, probe](const Profiles::OpenedDeployment &opened) {
        if (probe->aborted)
            return;
        probe->status.apiName = apiNameOf(opened.api.kind);
        probe->status.airflowVersion = opened.api.version.version;
        if (!opened.ok()) {
            using Failure = Profiles::OpenedDeploymentFailure;
            switch (opened.failure) {
            case Failure::Profile:
            case Failure::Secret:
            case Failure::CaBundle:
                probe->status.reachability = Reachability::ProfileProblem;
                break;
            case Failure::Unsupported:
                probe->status.reachability = Reachability::Unsupported;
                break;
            case Failure::Connection:
            case Failure::None:
                probe->status.reachability =
                    opened.api.refusesEveryone ? Reachability::AuthFailed : reachabilityOf(opened.error);
                break;
            }
            probe->status.message = opened.message;
            if (probe->status.reachability == Reachability::TlsError)
                probe->status.tls = opened.message;
            finishProbe(probe);
            return;
        }
        probe->client = opened.client;
        probe->newlyOpened = true;
        probeOpened(probe);
    });
}

void FleetRefresher::probeOpened(const std::shared_ptr<Probe> &probe)
{
    Api::AirflowClient *client = probe->client.get();
    const Api::Dialect &dialect = client->dialect();
    QObject *context = probe->context;
    const auto track = [this, probe](Api::ApiCall *call) {
        ++probe->pending;
        probe->calls.append(call);
    };
    const auto failed = [probe](const QString &what, const Api::ApiError &error) {
        probe->failures.append({what, error});
    };

    // The version: detection asked for it already when the deployment was opened just now.
    if (!probe->newlyOpened && dialect.kind() != Api::ApiKind::Experimental) {
        track(client->version(context, [this, probe, failed](const Api::Result<Api::Version> &result) {
            if (probe->aborted)
                return;
            if (result.ok()) {
                probe->status.airflowVersion = result.value().version;
                ++probe->succeeded;
            } else {
                failed(QStringLiteral("version"), result.error());
            }
            callDone(probe);
        }));
    }
    if (dialect.supports(Api::Feature::Health)) {
        track(client->health(context, [this, probe, failed](const Api::Result<Api::Health> &result) {
            if (probe->aborted)
                return;
            if (result.ok()) {
                probe->status.health = result.value();
                probe->status.healthText = healthTextOf(result.value());
                ++probe->succeeded;
            } else {
                failed(QStringLiteral("health"), result.error());
            }
            callDone(probe);
        }));
    }
    // Counts: one item per page is enough, the server's total_entries is the count.
    const auto count = [this, probe, failed](const QString &what, int FleetStatus::*field) {
        return [this, probe, failed, what, field](const auto &result) {
            if (probe->aborted)
                return;
            if (result.ok()) {
                probe->status.*field = result.value().totalEntries;
                ++probe->succeeded;
            } else {
                failed(what, result.error());
            }
            callDone(probe);
        };
    };
    if (dialect.supports(Api::Feature::ListDags)) {
        Api::DagQuery all;
        all.limit = 1;
        track(client->dags(all, context, count(QStringLiteral("DAGs"), &FleetStatus::dagCount)));
        Api::DagQuery paused = all;
        paused.paused = true;
        track(client->dags(paused, context, count(QStringLiteral("paused DAGs"), &FleetStatus::pausedCount)));
    }
    if (dialect.supports(Api::Feature::RunsAcrossDags)) {
        Api::DagRunQuery running;
        running.limit = 1;
        running.states = {QStringLiteral("running")};
        track(
            client->dagRuns(running, context, count(QStringLiteral("running runs"), &FleetStatus::running)));
        // The server's clock is not known here; the last 24 hours are the local ones.
        Api::DagRunQuery failedRuns;
        failedRuns.limit = 1;
        failedRuns.states = {QStringLiteral("failed")};
        failedRuns.endDateFrom = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600);
        track(client->dagRuns(failedRuns, context,
                              count(QStringLiteral("failed runs"), &FleetStatus::failed24h)));
    }
    if (dialect.supports(Api::Feature::ImportErrors)) {
        track(client->importErrors(1, 0, context,
                                   count(QStringLiteral("import errors"), &FleetStatus::importErrors)));
    }
    if (dialect.kind() == Api::ApiKind::Experimental) {
        // 1.10 has none of the counts: its pools are what proves the credentials work.
        track(client->pools(1, 0, context,
                            [this, probe, failed](const Api::Result<Api::Page<Api::Pool>> &result) {
                                if (probe->aborted)
                                    return;
                                if (result.ok())
                                    ++probe->succeeded;
                                else
                                    failed(QStringLiteral("pools"), result.error());
                                callDone(probe);
                            }));
    }
    if (probe->pending == 0) {
        // Nothing to ask (1.10 with a kept client): opening it was the test.
        probe->status.reachability = Reachability::Ok;
        finishProbe(probe);
    }
}

void FleetRefresher::callDone(const std::shared_ptr<Probe> &probe)
{
    if (--probe->pending > 0)
        return;
    FleetStatus &status = probe->status;
    const QList<QPair<QString, Api::ApiError>> &failures = probe->failures;
    const auto refused = std::find_if(failures.cbegin(), failures.cend(),
                                      [](const auto &failure) { return refusesCredentials(failure.second); });
    if (refused != failures.cend()) {
        status.reachability = Reachability::AuthFailed;
        status.message = refused->second.message();
    } else if (probe->succeeded == 0 && !failures.isEmpty()) {
        // Nothing answered: the first failure says why (a 403 on everything is credentials refused too).
        status.reachability = reachabilityOf(failures.first().second);
        status.message = failures.first().second.message();
        if (status.reachability == Reachability::TlsError)
            status.tls = status.message;
    } else {
        status.reachability = Reachability::Ok;
        QStringList notes;
        for (const auto &failure : failures)
            notes.append(QStringLiteral("No %1: %2").arg(failure.first, failure.second.message()));
        status.message = notes.join(QLatin1Char('\n'));
    }
    if (status.reachability != Reachability::Ok) {
        // Counts from a deployment that refused us are not shown as if they were known.
        status.dagCount = status.pausedCount = status.running = status.failed24h = status.importErrors = -1;
        status.health.reset();
        status.healthText.clear();
    }
    finishProbe(probe);
}

void FleetRefresher::finishProbe(const std::shared_ptr<Probe> &probe)
{
    probe->status.lastRefresh = QDateTime::currentDateTimeUtc();
    probe->status.elapsedMs = probe->timer.elapsed();
    if (probe->context)
        probe->context->deleteLater();
    probe->context = nullptr;
    probe->calls.clear();
    --m_inFlightPerHost[probe->host];
    m_probes.remove(probe->profile.id);

    const QString id = probe->profile.id;
    const bool ok = probe->status.reachability == Reachability::Ok;
    qCDebug(lcFleet).noquote() << "Refreshed" << id << reachabilityKey(probe->status.reachability) << "in"
                               << probe->status.elapsedMs << "ms";
    m_statuses.insert(id, probe->status);
    FleetMember opened;
    if (ok && probe->client) {
        opened.profileId = id;
        opened.name = probe->profile.name;
        opened.colour = probe->profile.colour;
        opened.readOnly = probe->profile.readOnly;
        opened.production = probe->profile.production;
        opened.client = probe->client;
        m_members.insert(id, opened);
        m_keptProfiles.insert(id, probe->profile);
    } else {
        // A deployment that did not answer is opened again next time (its secret may have changed).
        m_members.remove(id);
        m_keptProfiles.remove(id);
    }
    Q_EMIT statusChanged(probe->status);
    if (ok && probe->newlyOpened)
        Q_EMIT memberOpened(opened);

    startQueued();
    if (m_refreshRunning && m_probes.isEmpty()) {
        m_refreshRunning = false;
        Q_EMIT refreshFinished(m_refreshTimer.elapsed());
    }
}

void FleetRefresher::cancel()
{
    if (m_probes.isEmpty())
        return;
    const QList<std::shared_ptr<Probe>> probes = m_probes.values();
    const bool wasRunning = m_refreshRunning;
    abortProbes();
    // The rows go back to what they showed before this refresh.
    for (const QString &id : std::as_const(m_order)) {
        for (const std::shared_ptr<Probe> &probe : probes) {
            if (probe->profile.id != id)
                continue;
            m_statuses.insert(id, probe->previous);
            Q_EMIT statusChanged(probe->previous);
        }
    }
    if (wasRunning)
        Q_EMIT refreshFinished(m_refreshTimer.elapsed());
}

void FleetRefresher::abortProbes()
{
    const QList<std::shared_ptr<Probe>> probes = m_probes.values();
    m_probes.clear();
    m_queue.clear();
    m_inFlightPerHost.clear();
    for (const std::shared_ptr<Probe> &probe : probes) {
        probe->aborted = true;
        // Not "Refreshing" any more: what it showed before (a new probe starts from that).
        m_statuses.insert(probe->profile.id, probe->previous);
        for (const QPointer<Api::ApiCall> &call : std::as_const(probe->calls)) {
            if (call)
                call->cancel();
        }
        probe->calls.clear();
        // Deleting the context drops the connector's callback and destroys the connector.
        delete probe->context;
        probe->context = nullptr;
    }
    m_refreshRunning = false;
}

bool FleetRefresher::isRefreshing() const
{
    return !m_probes.isEmpty();
}

QList<FleetStatus> FleetRefresher::statuses() const
{
    QList<FleetStatus> result;
    for (const QString &id : m_order) {
        const auto it = m_statuses.constFind(id);
        if (it != m_statuses.cend())
            result.append(it.value());
    }
    return result;
}

std::optional<FleetStatus> FleetRefresher::status(const QString &profileId) const
{
    const auto it = m_statuses.constFind(profileId);
    if (it == m_statuses.cend())
        return std::nullopt;
    return it.value();
}

FleetMember FleetRefresher::member(const QString &profileId) const
{
    return m_members.value(profileId);
}

QList<FleetMember> FleetRefresher::members() const
{
    QList<FleetMember> result;
    for (const QString &id : m_order) {
        const auto it = m_members.constFind(id);
        if (it != m_members.cend())
            result.append(it.value());
    }
    return result;
}

void FleetRefresher::removeProfile(const QString &profileId)
{
    if (const std::shared_ptr<Probe> probe = m_probes.take(profileId)) {
        probe->aborted = true;
        for (const QPointer<Api::ApiCall> &call : std::as_const(probe->calls)) {
            if (call)
                call->cancel();
        }
        delete probe->context;
        probe->context = nullptr;
        if (probe->started)
            --m_inFlightPerHost[probe->host];
        m_queue.removeAll(probe);
    }
    m_order.removeAll(profileId);
    m_statuses.remove(profileId);
    m_members.remove(profileId);
    m_keptProfiles.remove(profileId);
    startQueued();
    if (m_refreshRunning && m_probes.isEmpty()) {
        m_refreshRunning = false;
        Q_EMIT refreshFinished(m_refreshTimer.elapsed());
    }
}

} // namespace Windsock::Fleet
