#pragma once

#include "actionplan.h"

#include "api/airflowclient.h"
#include "api/apierror.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Actions {

// One target's outcome in a batch.
struct TargetOutcome
{
    enum class Status
    {
        Pending,   // not sent yet
        Running,   // sent, no answer yet
        Succeeded, // answered; `changes` says what would change (preview) or changed (apply)
        Failed,    // the server or the network refused it: `error`
        Cancelled, // cancelled; `sent` tells whether the request had already left
    };

    ActionTarget target;
    Status status = Status::Pending;
    bool sent = false;
    Api::ApiError error;
    QList<TaskInstanceChange> changes;
};

// Runs every target of a plan against one deployment, a few requests at a time, either as the server's dry
// run (Preview: nothing changes) or for real (Apply). One failing target does not stop the others; cancel()
// aborts what is in flight and sends nothing more. Starts on start(), emits finished() exactly once.
//
// Preview per kind: clearing asks the server's dry run (previewClearDagRun, clearTaskInstances dry_run);
// marking task instances asks updateTaskInstancesState's dry run; marking a run has no dry run in Airflow 2,
// so the run's task instances are read and the ones marking changes are listed (stateAfterRunMark); delete
// and note change no task instance and succeed at once.
class ActionBatch final : public QObject
{
    Q_OBJECT

public:
    enum class Phase
    {
        Preview,
        Apply
    };
    // QNetworkAccessManager runs up to six connections per host; four leaves room for the views' reads.
    static constexpr int DefaultConcurrency = 4;

    ActionBatch(Api::AirflowClient *client, ActionPlan plan, Phase phase, QObject *parent = nullptr);
    ~ActionBatch() override;

    const ActionPlan &plan() const { return m_plan; }
    Phase phase() const { return m_phase; }
    void setConcurrency(int concurrency) { m_concurrency = qMax(1, concurrency); }

    void start();
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    const QList<TargetOutcome> &outcomes() const { return m_outcomes; }
    int finishedCount() const { return m_finishedCount; }
    int succeededCount() const;
    int failedCount() const;

    // Every change of the succeeded targets, each task instance once, in target order.
    QList<TaskInstanceChange> changes() const;
    // The DAG ids of the targets that succeeded (the ones whose views should refresh).
    QStringList changedDagIds() const;

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    void targetFinished(int index);
    void finished();

private:
    void pump();
    void send(int index);
    void sendPreview(int index);
    void sendApply(int index);
    void sendTaskInstanceAction(int index, bool dryRun);
    Api::AirflowClient::Callback<QList<Api::TaskInstanceReference>> referencesDone(int index,
                                                                                   const QString &newState);
    void readTaskInstances(int index, int offset, QList<TaskInstanceChange> changes);
    void succeed(int index, const QList<TaskInstanceChange> &changes);
    void fail(int index, const Api::ApiError &error);
    void track(int index, Api::ApiCall *call);
    void settle(int index);

    QPointer<Api::AirflowClient> m_client;
    ActionPlan m_plan;
    Phase m_phase;
    int m_concurrency = DefaultConcurrency;
    QList<TargetOutcome> m_outcomes;
    QList<QPointer<Api::ApiCall>> m_calls;
    int m_next = 0;
    int m_running = 0;
    int m_finishedCount = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_pumping = false;
    bool m_destroying = false;
};

} // namespace Windsock::Actions
