#include "actionbatch.h"

#include "api/airflowclient.h"
#include "api/apicall.h"

#include <algorithm>

namespace Windsock::Actions {

namespace {

QList<TaskInstanceChange> changesFrom(const QList<Api::TaskInstanceReference> &references,
                                      const QString &newState)
{
    QList<TaskInstanceChange> changes;
    changes.reserve(references.size());
    for (const Api::TaskInstanceReference &reference : references)
        changes.append({reference.dagId, reference.dagRunId, reference.taskId, newState});
    return changes;
}

} // namespace

ActionBatch::ActionBatch(Api::AirflowClient *client, ActionPlan plan, Phase phase, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_phase(phase)
{
    m_outcomes.reserve(m_plan.targets.size());
    for (const ActionTarget &target : std::as_const(m_plan.targets)) {
        TargetOutcome outcome;
        outcome.target = target;
        m_outcomes.append(outcome);
        m_calls.append(nullptr);
    }
}

ActionBatch::~ActionBatch()
{
    // The callbacks are bound to this object and are dropped with it; the requests must not go on
    // changing the server for a batch nobody watches any more. A cancelled call answers at once; that
    // answer is ignored (m_destroying), as no one may hear about it from a half-destroyed batch.
    m_destroying = true;
    for (const QPointer<Api::ApiCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

int ActionBatch::succeededCount() const
{
    return int(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(), [](const TargetOutcome &outcome) {
        return outcome.status == TargetOutcome::Status::Succeeded;
    }));
}

int ActionBatch::failedCount() const
{
    return int(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(), [](const TargetOutcome &outcome) {
        return outcome.status == TargetOutcome::Status::Failed;
    }));
}

QList<TaskInstanceChange> ActionBatch::changes() const
{
    QList<TaskInstanceChange> all;
    for (const TargetOutcome &outcome : m_outcomes) {
        if (outcome.status != TargetOutcome::Status::Succeeded)
            continue;
        // Targets overlap when future/past or upstream/downstream reach the same task instance.
        for (const TaskInstanceChange &change : outcome.changes) {
            if (!all.contains(change))
                all.append(change);
        }
    }
    return all;
}

QStringList ActionBatch::changedDagIds() const
{
    QStringList ids;
    for (const TargetOutcome &outcome : m_outcomes) {
        if (outcome.status == TargetOutcome::Status::Succeeded && !ids.contains(outcome.target.dagId))
            ids.append(outcome.target.dagId);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ActionBatch::start()
{
    if (m_started)
        return;
    m_started = true;
    Q_EMIT progress(0, int(m_outcomes.size()));
    pump();
}

void ActionBatch::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    for (int i = 0; i < m_outcomes.size(); ++i) {
        if (m_outcomes.at(i).status == TargetOutcome::Status::Pending) {
            m_outcomes[i].status = TargetOutcome::Status::Cancelled;
            ++m_finishedCount;
        }
    }
    m_next = int(m_outcomes.size());
    // Each in-flight call answers with Cancelled (settling its target); copies, as settling edits the list.
    const QList<QPointer<Api::ApiCall>> calls = m_calls;
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    pump();
}

// Sends the next targets while fewer than m_concurrency are in flight, and finishes when all have settled.
// Re-entrant: a call may answer synchronously (e.g. a request the dialect cannot build).
void ActionBatch::pump()
{
    if (m_pumping || m_finished)
        return;
    m_pumping = true;
    while (m_running < m_concurrency && m_next < m_outcomes.size())
        send(m_next++);
    m_pumping = false;
    if (m_running == 0 && m_next >= m_outcomes.size() && !m_finished) {
        m_finished = true;
        Q_EMIT finished();
    }
}

void ActionBatch::send(int index)
{
    TargetOutcome &outcome = m_outcomes[index];
    outcome.status = TargetOutcome::Status::Running;
    ++m_running;
    if (!m_client) {
        fail(index,
             Api::ApiError(Api::ApiError::Kind::Network, tr("The connection to the deployment was closed.")));
        return;
    }
    if (m_phase == Phase::Preview)
        sendPreview(index);
    else
        sendApply(index);
}

void ActionBatch::sendPreview(int index)
{
    const ActionTarget target = m_outcomes.at(index).target;
    switch (m_plan.kind) {
    case ActionKind::ClearRuns:
        track(index,
              m_client->previewClearDagRun(target.dagId, target.dagRunId, this, referencesDone(index, {})));
        return;
    case ActionKind::ClearTaskInstances:
    case ActionKind::MarkTaskInstancesSuccess:
    case ActionKind::MarkTaskInstancesFailed:
        sendTaskInstanceAction(index, /*dryRun=*/true);
        return;
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
        readTaskInstances(index, 0, {});
        return;
    case ActionKind::DeleteRuns:
    case ActionKind::SetRunNote:
        succeed(index, {});
        return;
    }
}

// Marking a run has no dry run: its task instances, page by page, and what the mark does to each.
void ActionBatch::readTaskInstances(int index, int offset, QList<TaskInstanceChange> changes)
{
    const ActionTarget target = m_outcomes.at(index).target;
    Api::TaskInstanceQuery query;
    query.dagId = target.dagId;
    query.dagRunId = target.dagRunId;
    query.limit = m_client->maxPageSize();
    query.offset = offset;
    const QString runState = ActionPlan::targetState(m_plan.kind);
    track(index,
          m_client->taskInstances(
              query, this,
              [this, index, offset, runState,
               changes](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
                  if (!result) {
                      fail(index, result.error());
                      return;
                  }
                  QList<TaskInstanceChange> all = changes;
                  for (const Api::TaskInstance &ti : result.value().items) {
                      const QString newState = stateAfterRunMark(ti.state, runState);
                      const TaskInstanceChange change{ti.dagId, ti.dagRunId, ti.taskId, newState};
                      // Mapped task instances share a task id; the preview lists the task once.
                      if (!newState.isEmpty() && !all.contains(change))
                          all.append(change);
                  }
                  const int next = offset + int(result.value().items.size());
                  if (!result.value().items.isEmpty() && next < result.value().totalEntries && !m_cancelled)
                      readTaskInstances(index, next, all);
                  else
                      succeed(index, all);
              }));
}

void ActionBatch::sendApply(int index)
{
    const ActionTarget target = m_outcomes.at(index).target;
    const ActionOptions &options = m_plan.options;
    auto runDone = [this, index](const Api::Result<Api::DagRun> &result) {
        if (result)
            succeed(index, {});
        else
            fail(index, result.error());
    };
    switch (m_plan.kind) {
    case ActionKind::ClearRuns:
        track(index, m_client->clearDagRun(target.dagId, target.dagRunId, this, runDone));
        return;
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
        track(index, m_client->markDagRun(target.dagId, target.dagRunId, ActionPlan::targetState(m_plan.kind),
                                          this, runDone));
        return;
    case ActionKind::DeleteRuns:
        track(index, m_client->deleteDagRun(target.dagId, target.dagRunId, this,
                                            [this, index](const Api::Result<Api::Nothing> &result) {
                                                if (result)
                                                    succeed(index, {});
                                                else
                                                    fail(index, result.error());
                                            }));
        return;
    case ActionKind::SetRunNote:
        track(index, m_client->setDagRunNote(target.dagId, target.dagRunId, options.note, this, runDone));
        return;
    case ActionKind::ClearTaskInstances:
    case ActionKind::MarkTaskInstancesSuccess:
    case ActionKind::MarkTaskInstancesFailed:
        sendTaskInstanceAction(index, /*dryRun=*/false);
        return;
    }
}

// Clearing and marking task instances: the same request as the server's dry run (the preview) or for real.
void ActionBatch::sendTaskInstanceAction(int index, bool dryRun)
{
    const ActionTarget &target = m_outcomes.at(index).target;
    const ActionOptions &options = m_plan.options;
    if (m_plan.kind == ActionKind::ClearTaskInstances) {
        Api::ClearTaskInstancesRequest request;
        request.dagId = target.dagId;
        request.dagRunId = target.dagRunId;
        request.taskIds = target.taskIds;
        request.dryRun = dryRun;
        request.onlyFailed = options.onlyFailed;
        request.includeUpstream = options.includeUpstream;
        request.includeDownstream = options.includeDownstream;
        request.includeFuture = options.includeFuture;
        request.includePast = options.includePast;
        request.resetDagRuns = options.resetDagRuns;
        track(index, m_client->clearTaskInstances(request, this, referencesDone(index, {})));
        return;
    }
    Api::UpdateTaskInstancesStateRequest request;
    request.dagId = target.dagId;
    request.dagRunId = target.dagRunId;
    request.taskId = target.taskIds.value(0);
    request.newState = ActionPlan::targetState(m_plan.kind);
    request.dryRun = dryRun;
    request.includeUpstream = options.includeUpstream;
    request.includeDownstream = options.includeDownstream;
    request.includeFuture = options.includeFuture;
    request.includePast = options.includePast;
    track(index, m_client->updateTaskInstancesState(request, this, referencesDone(index, request.newState)));
}

// What the server says it changed (or would change), as the changes of target index.
Api::AirflowClient::Callback<QList<Api::TaskInstanceReference>>
ActionBatch::referencesDone(int index, const QString &newState)
{
    return [this, index, newState](const Api::Result<QList<Api::TaskInstanceReference>> &result) {
        if (result)
            succeed(index, changesFrom(result.value(), newState));
        else
            fail(index, result.error());
    };
}

void ActionBatch::track(int index, Api::ApiCall *call)
{
    // The call may already have answered (synchronously); then its target is settled and there is nothing
    // to cancel later.
    if (m_outcomes.at(index).status == TargetOutcome::Status::Running) {
        m_calls[index] = call;
        m_outcomes[index].sent = true;
    }
}

void ActionBatch::succeed(int index, const QList<TaskInstanceChange> &changes)
{
    if (m_destroying)
        return;
    TargetOutcome &outcome = m_outcomes[index];
    if (outcome.status != TargetOutcome::Status::Running)
        return;
    outcome.status = TargetOutcome::Status::Succeeded;
    outcome.changes = changes;
    settle(index);
}

void ActionBatch::fail(int index, const Api::ApiError &error)
{
    if (m_destroying)
        return;
    TargetOutcome &outcome = m_outcomes[index];
    if (outcome.status != TargetOutcome::Status::Running)
        return;
    outcome.status = error.kind() == Api::ApiError::Kind::Cancelled ? TargetOutcome::Status::Cancelled
                                                                    : TargetOutcome::Status::Failed;
    outcome.error = error;
    settle(index);
}

void ActionBatch::settle(int index)
{
    m_calls[index] = nullptr;
    --m_running;
    ++m_finishedCount;
    Q_EMIT targetFinished(index);
    Q_EMIT progress(m_finishedCount, int(m_outcomes.size()));
    pump();
}

} // namespace Windsock::Actions
