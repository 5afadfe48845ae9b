#pragma once

#include "api/types.h"

#include <QList>
#include <QString>
#include <QStringList>

// What a run or task-instance action will do, before anything is sent: which requests (targets), with which
// options. Widgets build a plan from the user's selection; ActionBatch previews and applies it.
namespace Windsock::Actions {

enum class ActionKind
{
    ClearRuns,                // POST .../dagRuns/{id}/clear, dry run first
    MarkRunsSuccess,          // PATCH .../dagRuns/{id} {state: success}; no dry run in Airflow 2
    MarkRunsFailed,           // PATCH .../dagRuns/{id} {state: failed}; no dry run in Airflow 2
    DeleteRuns,               // DELETE .../dagRuns/{id}; no dry run, cannot be undone
    SetRunNote,               // PATCH .../dagRuns/{id}/setNote
    ClearTaskInstances,       // POST /dags/{id}/clearTaskInstances, one request per run, dry run first
    MarkTaskInstancesSuccess, // POST /dags/{id}/updateTaskInstancesState, one request per task, dry run first
    MarkTaskInstancesFailed,
};

// The options of the Airflow UI's clear and mark dialogs. Which ones a kind uses: optionsFor().
struct ActionOptions
{
    bool includeUpstream = false;
    bool includeDownstream = false;
    bool includeFuture = false;
    bool includePast = false;
    bool onlyFailed = false;  // clear task instances only
    bool resetDagRuns = true; // clear task instances only: re-queue their runs, as the Airflow UI does
    QString note;             // SetRunNote only
};

enum class ActionOption
{
    Upstream,
    Downstream,
    Future,
    Past,
    OnlyFailed,
    ResetDagRuns,
};

// One request of the plan: a run (run kinds), the selected tasks of one run (clear task instances: one
// request clears them all), or one task of one run (mark task instances).
struct ActionTarget
{
    QString dagId;
    QString dagRunId;
    QStringList taskIds; // task-instance kinds only
    QString runState;    // the run's state when selected (run kinds), for the mark-run preview
    QString note;        // the run's note when selected (run kinds)

    // "etl_orders / manual__2025…" or "etl_orders / manual__2025… / extract": how the summary names it.
    QString label() const;
};

// A task instance the action would change (from the server's dry run) or did change, and its new state
// (empty: cleared to "no status").
struct TaskInstanceChange
{
    QString dagId;
    QString dagRunId;
    QString taskId;
    QString newState;

    bool operator==(const TaskInstanceChange &other) const
    {
        return dagId == other.dagId && dagRunId == other.dagRunId && taskId == other.taskId;
    }
};

struct ActionPlan
{
    ActionKind kind = ActionKind::ClearRuns;
    ActionOptions options;
    QList<ActionTarget> targets;

    // The plan for a kind over a selection: run kinds use the runs, task-instance kinds the task instances
    // (deduplicated; mapped instances of one task are one task). Runs already in the state a mark sets are
    // left out: there is nothing to send for them.
    static ActionPlan forSelection(ActionKind kind, const QList<Api::DagRun> &runs,
                                   const QList<Api::TaskInstance> &taskInstances);
    static ActionOptions defaultOptions(ActionKind kind);
    // The options the kind's dialog offers; those that change what the preview lists re-ask the server.
    static QList<ActionOption> optionsFor(ActionKind kind);
    static bool optionValue(const ActionOptions &options, ActionOption option);
    static void setOptionValue(ActionOptions *options, ActionOption option, bool value);

    static bool isRunKind(ActionKind kind);
    // True when the server can tell beforehand what would change (a dry run), or, for marking runs, the
    // task instances tell it; false for delete and note, whose preview is the runs themselves.
    static bool listsTaskInstances(ActionKind kind);
    // success, failed, or empty (clear: no status)
    static QString targetState(ActionKind kind);

    // The DAG ids the plan touches, sorted, each once.
    QStringList dagIds() const;
};

// What marking a run sets its task instances to (set_dag_run_state_to_success / _failed in Airflow 2): for
// success every one not yet successful; for failed the running (and deferred) ones fail and the other
// unfinished ones are skipped. Empty when the task instance keeps its state.
QString stateAfterRunMark(const QString &taskInstanceState, const QString &runState);

} // namespace Windsock::Actions
