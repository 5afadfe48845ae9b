#include "logfollower.h"

#include "api/airflowclient.h"
#include "api/apicall.h"

namespace Windsock::Logs {

LogFollower::LogFollower(Api::AirflowClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &LogFollower::poll);
}

LogFollower::~LogFollower()
{
    stop();
}

bool LogFollower::isFinalState(const QString &state)
{
    // Airflow's finished states, and up_for_retry: that try is over even though the task is not.
    static const QStringList final = {QStringLiteral("success"),          QStringLiteral("failed"),
                                      QStringLiteral("skipped"),          QStringLiteral("upstream_failed"),
                                      QStringLiteral("removed"),          QStringLiteral("up_for_retry"),
                                      QStringLiteral("up_for_reschedule")};
    return final.contains(state);
}

bool LogFollower::isNotStartedState(const QString &state)
{
    static const QStringList notStarted = {QString(), QStringLiteral("none"), QStringLiteral("scheduled"),
                                           QStringLiteral("queued"), QStringLiteral("deferred")};
    return notStarted.contains(state);
}

void LogFollower::start(const TaskInstanceKey &key, int tryNumber, bool follow)
{
    stop();
    m_key = key;
    m_tryNumber = qMax(1, tryNumber);
    m_follow = follow;
    m_active = true;
    m_loaded = false;
    m_ended = false;
    m_token.clear();
    m_received = 0;
    if (follow)
        poll();
    else
        readWhole();
}

void LogFollower::stop()
{
    ++m_generation;
    m_timer.stop();
    m_active = false;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
}

void LogFollower::pause()
{
    if (!m_follow || !m_active)
        return;
    stop();
}

void LogFollower::resume()
{
    if (!canResume())
        return;
    m_active = true;
    poll();
}

void LogFollower::readWhole()
{
    const quint64 generation = m_generation;
    m_call = m_client->taskLog(m_key.dagId, m_key.dagRunId, m_key.taskId, m_tryNumber, this,
                               [this, generation](const Api::Result<QString> &result) {
                                   if (generation != m_generation)
                                       return;
                                   m_call = nullptr;
                                   if (!result)
                                       return fail(result.error());
                                   m_active = false;
                                   m_loaded = true;
                                   if (!result.value().isEmpty())
                                       Q_EMIT textReceived(result.value());
                                   Q_EMIT loaded();
                               });
    if (m_call)
        connect(m_call, &Api::ApiCall::progress, this, &LogFollower::progress);
}

void LogFollower::poll()
{
    // The state first: text read after a final state was seen is the whole rest of the log.
    Api::TaskInstanceQuery query;
    query.dagId = m_key.dagId;
    query.dagRunId = m_key.dagRunId;
    query.limit = m_client->maxPageSize();
    const quint64 generation = m_generation;
    m_call = m_client->taskInstances(
        query, this, [this, generation](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!result)
                return fail(result.error());
            const Api::TaskInstance *found = nullptr;
            for (const Api::TaskInstance &ti : result.value().items) {
                if (ti.taskId == m_key.taskId && ti.mapIndex == m_key.mapIndex)
                    found = &ti;
            }
            if (!found) {
                // Not on this page of a very large run, or gone: read the log anyway, and poll on.
                return readChunk(false, QString());
            }
            const bool laterTry = found->tryNumber > m_tryNumber;
            if (!laterTry && isNotStartedState(found->state) && m_token.isEmpty()) {
                // No log yet: asking for one would give a placeholder that is not a prefix of the real log.
                if (!m_loaded) {
                    m_loaded = true;
                    Q_EMIT loaded();
                }
                Q_EMIT waitingForStart(found->state);
                m_timer.start();
                return;
            }
            readChunk(laterTry || isFinalState(found->state),
                      laterTry ? QStringLiteral("up_for_retry") : found->state);
        });
}

void LogFollower::readChunk(bool last, const QString &state)
{
    const quint64 generation = m_generation;
    const bool fromStart = m_token.isEmpty();
    m_call = m_client->taskLogChunk(
        m_key.dagId, m_key.dagRunId, m_key.taskId, m_tryNumber, m_token, this,
        [this, generation, last, state, fromStart](const Api::Result<Api::TaskLogChunk> &result) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!result)
                return fail(result.error());
            // A read without a token returns the whole log so far (Airflow 3
            // also ends a log with a null token): only what is beyond the text
            // already given is new.
            const QString &content = result.value().content;
            const QString fresh = fromStart ? content.mid(qMin(m_received, content.size())) : content;
            m_received += fresh.size();
            m_token = result.value().nextToken;
            if (!fresh.isEmpty())
                Q_EMIT textReceived(fresh);
            if (!m_loaded) {
                m_loaded = true;
                Q_EMIT loaded();
            }
            if (last) {
                m_active = false;
                m_ended = true;
                Q_EMIT taskEnded(state);
                return;
            }
            m_timer.start();
        });
}

void LogFollower::fail(const Api::ApiError &error)
{
    m_active = false;
    m_timer.stop();
    Q_EMIT failed(error);
}

} // namespace Windsock::Logs
