#include "safetrigger.h"

#include "clientrequest.h"

#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <memory>

namespace Windsock::Api {

bool isRetryableTriggerError(const ApiError &error)
{
    switch (error.kind()) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Truncated:
    case ApiError::Kind::ConnectionRefused:
        return true;
    case ApiError::Kind::Http:
        return error.httpStatus() >= 500 && error.httpStatus() <= 599;
    default:
        return false;
    }
}

bool Dialect::conflictNamesRunId(const ApiError &error, const QString &dagRunId) const
{
    if (error.httpStatus() != 409 || dagRunId.isEmpty())
        return false;
    // Airflow 2: "DAGRun with DAG ID: 'x' and DAGRun ID: 'y' already exists"; Airflow 3 words it
    // differently but also quotes the id.
    const QString detail = error.detail();
    return detail.contains(QLatin1Char('\'') + dagRunId + QLatin1Char('\'')) ||
           detail.contains(QLatin1Char('"') + dagRunId + QLatin1Char('"'));
}

namespace {

// One trigger in flight: attempts, delays, and the read-back after a 409 on our own id.
class SafeTrigger final : public std::enable_shared_from_this<SafeTrigger>
{
public:
    SafeTrigger(AirflowClient &client, ApiCall *call, QObject *context, TriggerRequest request,
                AirflowClient::Callback<TriggerOutcome> done, TriggerRetryPolicy policy)
        : m_client(client)
        , m_call(call)
        , m_context(context)
        , m_request(std::move(request))
        , m_done(std::move(done))
        , m_policy(policy)
        , m_delayMs(std::max(0, policy.firstDelayMs))
    {}

    void attempt()
    {
        if (m_call->isCancelled())
            return finish(ApiError(ApiError::Kind::Cancelled, QObject::tr("Cancelled.")));
        ++m_attempts;
        const ApiRequest apiRequest = m_client.dialect().triggerDagRunRequest(m_request);
        ClientRequest::exchange(m_client, m_call, apiRequest,
                                [self = shared_from_this(), apiRequest](const HttpOutcome &outcome) {
                                    self->onAnswer(apiRequest, outcome);
                                });
    }

private:
    void onAnswer(const ApiRequest &apiRequest, const HttpOutcome &outcome)
    {
        const Result<QJsonDocument> doc = ClientRequest::reader(m_client, apiRequest).json(outcome);
        if (doc) {
            const Result<DagRun> run = m_client.dialect().decodeTriggerAnswer(doc.value(), m_request);
            if (!run)
                return finish(run.error());
            return finish(TriggerOutcome{run.value(), m_attempts, false});
        }
        const ApiError &error = doc.error();
        if (m_client.dialect().conflictNamesRunId(error, m_request.dagRunId))
            return readBack(error);
        if (isRetryableTriggerError(error) && m_attempts < m_policy.maxAttempts && !m_call->isCancelled()) {
            const int delay = m_delayMs;
            m_delayMs = std::min(std::max(1, m_delayMs * 2), m_policy.maxDelayMs);
            QTimer::singleShot(delay, m_call, [self = shared_from_this()] { self->attempt(); });
            return;
        }
        finish(error);
    }

    // A 409 on our run id: read the run; it is ours when it carries what we sent.
    void readBack(const ApiError &conflict)
    {
        const ApiRequest apiRequest = m_client.dialect().dagRunRequest(m_request.dagId, m_request.dagRunId);
        ClientRequest::exchange(
            m_client, m_call, apiRequest,
            [self = shared_from_this(), apiRequest, conflict](const HttpOutcome &outcome) {
                const Result<QJsonDocument> doc =
                    ClientRequest::reader(self->m_client, apiRequest).json(outcome);
                Result<DagRun> run = doc ? self->m_client.dialect().decodeDagRunAnswer(
                                               doc.value(), self->m_request.dagId, self->m_request.dagRunId)
                                         : Result<DagRun>(doc.error());
                if (!run) {
                    return self->finish(ApiError(
                        ApiError::Kind::Conflict,
                        QObject::tr("A run with the id %1 already exists, but it could not be read: %2")
                            .arg(self->m_request.dagRunId, run.error().message()),
                        409, conflict.detail()));
                }
                if (!self->isOurs(run.value())) {
                    return self->finish(ApiError(
                        ApiError::Kind::Conflict,
                        QObject::tr("This DAG already has another run with the id %1. Choose another run id.")
                            .arg(self->m_request.dagRunId),
                        409, conflict.detail()));
                }
                self->finish(TriggerOutcome{run.value(), self->m_attempts, true});
            });
    }

    bool isOurs(const DagRun &run) const
    {
        if (run.hasConf && run.conf != m_request.conf)
            return false;
        if (m_request.logicalDate.isValid() && run.logicalDate.isValid() &&
            run.logicalDate.toMSecsSinceEpoch() != m_request.logicalDate.toMSecsSinceEpoch())
            return false;
        return true;
    }

    void finish(Result<TriggerOutcome> result)
    {
        if (m_finished)
            return;
        m_finished = true;
        ClientRequest::deliver<TriggerOutcome>(m_call, m_context, m_done, std::move(result));
    }

    AirflowClient &m_client;
    QPointer<ApiCall> m_call;
    QPointer<QObject> m_context;
    TriggerRequest m_request;
    AirflowClient::Callback<TriggerOutcome> m_done;
    TriggerRetryPolicy m_policy;
    int m_delayMs;
    int m_attempts = 0;
    bool m_finished = false;
};

} // namespace

ApiCall *triggerDagRunSafely(AirflowClient &client, const TriggerRequest &request, QObject *context,
                             AirflowClient::Callback<TriggerOutcome> done, TriggerRetryPolicy policy)
{
    const ApiRequest first = client.dialect().triggerDagRunRequest(request);
    ApiCall *call = ClientRequest::newCall(client, context, first.description());
    auto trigger = std::make_shared<SafeTrigger>(client, call, context, request, std::move(done), policy);
    trigger->attempt();
    return call;
}

} // namespace Windsock::Api
