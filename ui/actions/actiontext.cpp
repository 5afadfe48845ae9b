#include "actiontext.h"

namespace Windsock::Ui {

using Actions::ActionKind;
using Actions::ActionOption;

QString ActionText::runs(int count)
{
    return count == 1 ? tr("1 run") : tr("%1 runs").arg(count);
}

QString ActionText::dags(int count)
{
    return count == 1 ? tr("1 DAG") : tr("%1 DAGs").arg(count);
}

QString ActionText::taskInstances(int count)
{
    return count == 1 ? tr("1 task instance") : tr("%1 task instances").arg(count);
}

QString ActionText::selectedTargets(const Actions::ActionPlan &plan)
{
    if (Actions::ActionPlan::isRunKind(plan.kind))
        return runs(int(plan.targets.size()));
    int count = 0;
    for (const Actions::ActionTarget &target : plan.targets)
        count += int(target.taskIds.size());
    return taskInstances(count);
}

QString ActionText::actionName(ActionKind kind, int count)
{
    const bool many = count > 1;
    switch (kind) {
    case ActionKind::ClearRuns:
        return many ? tr("&Clear %1 Runs…").arg(count) : tr("&Clear Run…");
    case ActionKind::MarkRunsSuccess:
        return many ? tr("Mark %1 Runs &Success…").arg(count) : tr("Mark Run &Success…");
    case ActionKind::MarkRunsFailed:
        return many ? tr("Mark %1 Runs &Failed…").arg(count) : tr("Mark Run &Failed…");
    case ActionKind::DeleteRuns:
        return many ? tr("&Delete %1 Runs…").arg(count) : tr("&Delete Run…");
    case ActionKind::SetRunNote:
        return many ? tr("Set Note of %1 &Runs…").arg(count) : tr("Set Run &Note…");
    case ActionKind::ClearTaskInstances:
        return many ? tr("C&lear %1 Task Instances…").arg(count) : tr("C&lear Task Instance…");
    case ActionKind::MarkTaskInstancesSuccess:
        return many ? tr("Mark %1 Task Instances S&uccess…").arg(count) : tr("Mark Task Instance S&uccess…");
    case ActionKind::MarkTaskInstancesFailed:
        return many ? tr("Mark %1 Task Instances F&ailed…").arg(count) : tr("Mark Task Instance F&ailed…");
    }
    return QString();
}

QString ActionText::dialogTitle(const Actions::ActionPlan &plan)
{
    int count = int(plan.targets.size());
    if (!Actions::ActionPlan::isRunKind(plan.kind)) {
        count = 0;
        for (const Actions::ActionTarget &target : plan.targets)
            count += int(target.taskIds.size());
    }
    QString title = actionName(plan.kind, count);
    title.remove(u'&');
    title.remove(QStringLiteral("…"));
    return title;
}

QString ActionText::buttonText(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearRuns:
    case ActionKind::ClearTaskInstances:
        return tr("&Clear");
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkTaskInstancesSuccess:
        return tr("Mark &Success");
    case ActionKind::MarkRunsFailed:
    case ActionKind::MarkTaskInstancesFailed:
        return tr("Mark &Failed");
    case ActionKind::DeleteRuns:
        return tr("&Delete");
    case ActionKind::SetRunNote:
        return tr("&Set Note");
    }
    return QString();
}

QString ActionText::pastTense(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearRuns:
    case ActionKind::ClearTaskInstances:
        return tr("Cleared");
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkTaskInstancesSuccess:
        return tr("Marked success");
    case ActionKind::MarkRunsFailed:
    case ActionKind::MarkTaskInstancesFailed:
        return tr("Marked failed");
    case ActionKind::DeleteRuns:
        return tr("Deleted");
    case ActionKind::SetRunNote:
        return tr("Note set");
    }
    return QString();
}

QString ActionText::optionName(ActionOption option)
{
    switch (option) {
    case ActionOption::Downstream:
        return tr("&Downstream");
    case ActionOption::Upstream:
        return tr("&Upstream");
    case ActionOption::Future:
        return tr("&Future");
    case ActionOption::Past:
        return tr("&Past");
    case ActionOption::OnlyFailed:
        return tr("Only f&ailed");
    case ActionOption::ResetDagRuns:
        return tr("&Re-queue the runs");
    }
    return QString();
}

QString ActionText::optionToolTip(ActionOption option)
{
    switch (option) {
    case ActionOption::Downstream:
        return tr("Also the tasks that depend on the selected ones, in the same run.");
    case ActionOption::Upstream:
        return tr("Also the tasks the selected ones depend on, in the same run.");
    case ActionOption::Future:
        return tr("Also the same tasks in the runs with a later logical date.");
    case ActionOption::Past:
        return tr("Also the same tasks in the runs with an earlier logical date.");
    case ActionOption::OnlyFailed:
        return tr("Only task instances that failed or whose upstream failed.");
    case ActionOption::ResetDagRuns:
        return tr("Set the runs of the cleared task instances back to queued, so the scheduler runs them "
                  "again.");
    }
    return QString();
}

QString ActionText::failureReason(const Api::ApiError &error)
{
    switch (error.kind()) {
    case Api::ApiError::Kind::NotFound:
        return error.detail().isEmpty()
                   ? tr("It no longer exists on the server (HTTP 404).")
                   : tr("It no longer exists on the server (HTTP 404): %1").arg(error.detail());
    case Api::ApiError::Kind::Forbidden:
        return error.detail().isEmpty()
                   ? tr("This user may not do that on this deployment (HTTP 403).")
                   : tr("This user may not do that on this deployment (HTTP 403): %1").arg(error.detail());
    default:
        return error.message();
    }
}

QString ActionText::newState(const QString &state)
{
    return state.isEmpty() ? tr("no status (cleared)") : state;
}

} // namespace Windsock::Ui
