#include "actionplan.h"

#include <QSet>
#include <algorithm>

namespace Windsock::Actions {

QString ActionTarget::label() const
{
    QString text = dagId + QStringLiteral(" / ") + dagRunId;
    if (!taskIds.isEmpty())
        text += QStringLiteral(" / ") + taskIds.join(QStringLiteral(", "));
    return text;
}

ActionPlan ActionPlan::forSelection(ActionKind kind, const QList<Api::DagRun> &runs,
                                    const QList<Api::TaskInstance> &taskInstances)
{
    ActionPlan plan;
    plan.kind = kind;
    plan.options = defaultOptions(kind);
    if (isRunKind(kind)) {
        const QString markState = targetState(kind);
        const bool marks = kind == ActionKind::MarkRunsSuccess || kind == ActionKind::MarkRunsFailed;
        QSet<QString> seen;
        for (const Api::DagRun &run : runs) {
            const QString key = run.dagId + u'\n' + run.dagRunId;
            if (seen.contains(key) || (marks && run.state == markState))
                continue;
            seen.insert(key);
            ActionTarget target;
            target.dagId = run.dagId;
            target.dagRunId = run.dagRunId;
            target.runState = run.state;
            target.note = run.note;
            plan.targets.append(target);
        }
        return plan;
    }
    // Task-instance kinds: clearing sends the tasks of one run in one request; marking sends one request
    // per task (updateTaskInstancesState takes a single task_id).
    const bool perRun = kind == ActionKind::ClearTaskInstances;
    for (const Api::TaskInstance &ti : taskInstances) {
        auto same = [&](const ActionTarget &target) {
            return target.dagId == ti.dagId && target.dagRunId == ti.dagRunId &&
                   (perRun || target.taskIds.contains(ti.taskId));
        };
        auto existing = std::find_if(plan.targets.begin(), plan.targets.end(), same);
        if (existing == plan.targets.end()) {
            ActionTarget target;
            target.dagId = ti.dagId;
            target.dagRunId = ti.dagRunId;
            target.taskIds.append(ti.taskId);
            plan.targets.append(target);
        } else if (!existing->taskIds.contains(ti.taskId)) {
            existing->taskIds.append(ti.taskId);
        }
    }
    return plan;
}

ActionOptions ActionPlan::defaultOptions(ActionKind kind)
{
    ActionOptions options;
    // The Airflow UI's clear dialog starts with "Downstream" ticked: clearing a task re-runs what depends
    // on it. Its mark dialogs start with every option off.
    if (kind == ActionKind::ClearTaskInstances)
        options.includeDownstream = true;
    return options;
}

QList<ActionOption> ActionPlan::optionsFor(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearTaskInstances:
        return {ActionOption::Downstream, ActionOption::Upstream,   ActionOption::Future,
                ActionOption::Past,       ActionOption::OnlyFailed, ActionOption::ResetDagRuns};
    case ActionKind::MarkTaskInstancesSuccess:
    case ActionKind::MarkTaskInstancesFailed:
        return {ActionOption::Downstream, ActionOption::Upstream, ActionOption::Future, ActionOption::Past};
    default:
        return {};
    }
}

bool ActionPlan::optionValue(const ActionOptions &options, ActionOption option)
{
    switch (option) {
    case ActionOption::Upstream:
        return options.includeUpstream;
    case ActionOption::Downstream:
        return options.includeDownstream;
    case ActionOption::Future:
        return options.includeFuture;
    case ActionOption::Past:
        return options.includePast;
    case ActionOption::OnlyFailed:
        return options.onlyFailed;
    case ActionOption::ResetDagRuns:
        return options.resetDagRuns;
    }
    return false;
}

void ActionPlan::setOptionValue(ActionOptions *options, ActionOption option, bool value)
{
    switch (option) {
    case ActionOption::Upstream:
        options->includeUpstream = value;
        break;
    case ActionOption::Downstream:
        options->includeDownstream = value;
        break;
    case ActionOption::Future:
        options->includeFuture = value;
        break;
    case ActionOption::Past:
        options->includePast = value;
        break;
    case ActionOption::OnlyFailed:
        options->onlyFailed = value;
        break;
    case ActionOption::ResetDagRuns:
        options->resetDagRuns = value;
        break;
    }
}

bool ActionPlan::isRunKind(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearRuns:
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
    case ActionKind::DeleteRuns:
    case ActionKind::SetRunNote:
        return true;
    default:
        return false;
    }
}

bool ActionPlan::listsTaskInstances(ActionKind kind)
{
    return kind != ActionKind::DeleteRuns && kind != ActionKind::SetRunNote;
}

QString ActionPlan::targetState(ActionKind kind)
{
    switch (kind) {
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkTaskInstancesSuccess:
        return QStringLiteral("success");
    case ActionKind::MarkRunsFailed:
    case ActionKind::MarkTaskInstancesFailed:
        return QStringLiteral("failed");
    default:
        return QString();
    }
}

QStringList ActionPlan::dagIds() const
{
    QStringList ids;
    for (const ActionTarget &target : targets) {
        if (!ids.contains(target.dagId))
            ids.append(target.dagId);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString stateAfterRunMark(const QString &taskInstanceState, const QString &runState)
{
    if (runState == QLatin1String("success"))
        return taskInstanceState == QLatin1String("success") ? QString() : QStringLiteral("success");
    if (runState == QLatin1String("failed")) {
        // Running (and deferred) ones fail; every other unfinished one, those without a state included, is
        // skipped (mark_tasks.set_dag_run_state_to_failed selects "state IS NULL OR state NOT IN finished").
        static const QStringList running{QStringLiteral("running"), QStringLiteral("deferred"),
                                         QStringLiteral("up_for_reschedule")};
        static const QStringList finished{QStringLiteral("success"), QStringLiteral("failed"),
                                          QStringLiteral("skipped"), QStringLiteral("upstream_failed"),
                                          QStringLiteral("removed")};
        if (running.contains(taskInstanceState))
            return QStringLiteral("failed");
        if (finished.contains(taskInstanceState))
            return QString();
        return QStringLiteral("skipped");
    }
    return QString();
}

} // namespace Windsock::Actions
