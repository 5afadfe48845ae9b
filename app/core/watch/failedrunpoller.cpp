#include "failedrunpoller.h"

#include "api/airflowclient.h"
#include "api/apierror.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcWatch)

namespace Windsock::Watch {

FailedRunPoller::FailedRunPoller(std::shared_ptr<Api::AirflowClient> client, const QString &profileId,
                                 QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_profileId(profileId)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<Api::DagRun>();
    qRegisterMetaType<QList<Api::DagRun>>();
    m_timer->setInterval(m_intervalSeconds * 1000);
    connect(m_timer, &QTimer::timeout, this, &FailedRunPoller::pollNow);
}

FailedRunPoller::~FailedRunPoller() = default;

void FailedRunPoller::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = std::max(1, seconds);
    m_timer->setInterval(m_intervalSeconds * 1000);
}

void FailedRunPoller::setPageSize(int runs)
{
    m_pageSize = std::max(1, runs);
}

QString FailedRunPoller::key(const Api::DagRun &run)
{
    // A DAG id never contains a slash; a run id may, so the DAG id goes first.
    return run.dagId + u'/' + run.dagRunId;
}

bool FailedRunPoller::isRunning() const
{
    return m_timer->isActive();
}

void FailedRunPoller::start()
{
    if (m_timer->isActive())
        return;
    m_timer->start();
    pollNow();
}

void FailedRunPoller::stop()
{
    m_timer->stop();
    // An answer still on the way belongs to the stopped watch: a later start() takes a new baseline.
    ++m_generation;
    m_inFlight = false;
    m_baselineTaken = false;
    m_failing = false;
    m_seen.clear();
}

void FailedRunPoller::pollNow()
{
    if (m_inFlight || !m_client)
        return;
    m_inFlight = true;
    Api::DagRunQuery query;
    query.dagId = QStringLiteral("~");
    query.states = {QStringLiteral("failed")};
    query.orderBy = QStringLiteral("-end_date");
    query.limit = std::min(m_pageSize, m_client->maxPageSize());
    const quint64 generation = m_generation;
    m_client->dagRuns(query, this, [this, generation](const Api::Result<Api::Page<Api::DagRun>> &result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        if (result)
            answered(result.value().items);
        else
            failed(result.error());
    });
}

void FailedRunPoller::answered(const QList<Api::DagRun> &runs)
{
    if (m_failing) {
        m_failing = false;
        Q_EMIT recovered(m_profileId);
    }
    QList<Api::DagRun> fresh;
    for (const Api::DagRun &run : runs) {
        const QString k = key(run);
        if (m_seen.contains(k))
            continue;
        m_seen.insert(k);
        if (m_baselineTaken)
            fresh.append(run);
    }
    if (!m_baselineTaken) {
        m_baselineTaken = true;
        qCDebug(lcWatch) << m_profileId << "baseline:" << m_seen.size() << "failed runs";
        return;
    }
    if (!fresh.isEmpty())
        Q_EMIT newFailedRuns(m_profileId, fresh);
}

void FailedRunPoller::failed(const Api::ApiError &error)
{
    qCDebug(lcWatch) << m_profileId << "failed-run poll failed:" << error.message();
    if (m_failing)
        return;
    m_failing = true;
    Q_EMIT pollFailed(m_profileId, error.message());
}

} // namespace Windsock::Watch
