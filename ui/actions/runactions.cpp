#include "runactions.h"

#include "actionpreviewdialog.h"
#include "actionprogressdialog.h"
#include "actiontext.h"
#include "productionguard.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QWidget>

#include <algorithm>

namespace Windsock::Ui {

using Actions::ActionKind;
using Actions::ActionPlan;

namespace {

// The Airflow grid's keys; each is given to the run action or to the task-instance action of its pair.
QKeySequence pairShortcut(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearRuns:
    case ActionKind::ClearTaskInstances:
        return QKeySequence(Qt::SHIFT | Qt::Key_C);
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkTaskInstancesSuccess:
        return QKeySequence(Qt::SHIFT | Qt::Key_S);
    case ActionKind::MarkRunsFailed:
    case ActionKind::MarkTaskInstancesFailed:
        return QKeySequence(Qt::SHIFT | Qt::Key_F);
    case ActionKind::DeleteRuns:
        return QKeySequence(QKeySequence::Delete);
    case ActionKind::SetRunNote:
        return QKeySequence(Qt::SHIFT | Qt::Key_N);
    }
    return QKeySequence();
}

// What the server must be able to do for each action.
Api::Feature featureOf(ActionKind kind)
{
    switch (kind) {
    case ActionKind::ClearRuns:
        return Api::Feature::ClearRun;
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
        return Api::Feature::MarkRun;
    case ActionKind::DeleteRuns:
        return Api::Feature::DeleteRun;
    case ActionKind::SetRunNote:
        return Api::Feature::RunNotes;
    case ActionKind::ClearTaskInstances:
        return Api::Feature::ClearTaskInstances;
    case ActionKind::MarkTaskInstancesSuccess:
    case ActionKind::MarkTaskInstancesFailed:
        return Api::Feature::MarkTaskInstances;
    }
    return Api::Feature::MarkRun;
}

} // namespace

RunActions::RunActions(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
{
    createAction(ActionKind::ClearRuns, tr("Clear the selected runs: every task instance runs again."));
    createAction(ActionKind::MarkRunsSuccess, tr("Mark the selected runs and their task instances success."));
    createAction(ActionKind::MarkRunsFailed,
                 tr("Mark the selected runs failed: running task instances fail, unfinished ones are "
                    "skipped."));
    createAction(ActionKind::DeleteRuns, tr("Delete the selected runs and their task instances."));
    createAction(ActionKind::SetRunNote, tr("Set the note of the selected runs."));
    createAction(
        ActionKind::ClearTaskInstances,
        tr("Clear the selected task instances (and, as chosen, the related ones) so they run again."));
    createAction(ActionKind::MarkTaskInstancesSuccess, tr("Mark the selected task instances success."));
    createAction(ActionKind::MarkTaskInstancesFailed, tr("Mark the selected task instances failed."));
    m_actions.value(ActionKind::DeleteRuns)->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_actions.value(ActionKind::ClearRuns)->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_actions.value(ActionKind::ClearTaskInstances)
        ->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    updateActions();
}

RunActions::~RunActions() = default;

void RunActions::createAction(ActionKind kind, const QString &statusTip)
{
    auto *action = new QAction(ActionText::actionName(kind, 1), this);
    action->setObjectName(QStringLiteral("runAction%1").arg(int(kind)));
    action->setStatusTip(statusTip);
    connect(action, &QAction::triggered, this, [this, kind] { start(kind); });
    m_actions.insert(kind, action);
    m_statusTips.insert(kind, statusTip);
}

QList<QAction *> RunActions::runActions() const
{
    return {m_actions.value(ActionKind::ClearRuns), m_actions.value(ActionKind::MarkRunsSuccess),
            m_actions.value(ActionKind::MarkRunsFailed), m_actions.value(ActionKind::SetRunNote),
            m_actions.value(ActionKind::DeleteRuns)};
}

QList<QAction *> RunActions::taskInstanceActions() const
{
    return {m_actions.value(ActionKind::ClearTaskInstances),
            m_actions.value(ActionKind::MarkTaskInstancesSuccess),
            m_actions.value(ActionKind::MarkTaskInstancesFailed)};
}

Api::AirflowClient *RunActions::client() const
{
    return m_client;
}

void RunActions::setClient(Api::AirflowClient *client)
{
    // A preview asked of another deployment must not be confirmed against this one.
    if (m_preview && client != m_client)
        m_preview->reject();
    m_client = client;
    updateActions();
}

void RunActions::setSelection(const QList<Api::DagRun> &runs, const QList<Api::TaskInstance> &taskInstances)
{
    m_runs = runs;
    m_taskInstances = taskInstances;
    updateActions();
}

void RunActions::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (m_readOnly && m_preview)
        m_preview->reject();
    updateActions();
}

void RunActions::setProduction(const QString &profileName, bool production)
{
    m_profileName = profileName;
    m_production = production;
}

QString RunActions::unavailableReason(ActionKind kind) const
{
    return m_client ? m_client->dialect().unavailableReason(featureOf(kind)) : QString();
}

void RunActions::updateActions()
{
    const bool canChange = m_client && !m_readOnly;
    const bool hasRuns = !m_runs.isEmpty();
    const bool hasTaskInstances = !m_taskInstances.isEmpty();
    auto anyRunNot = [this](const QLatin1String &state) {
        return std::any_of(m_runs.cbegin(), m_runs.cend(),
                           [&](const Api::DagRun &run) { return run.state != state; });
    };
    const QMap<ActionKind, bool> enabled{
        {ActionKind::ClearRuns, hasRuns},
        {ActionKind::MarkRunsSuccess, anyRunNot(QLatin1String("success"))},
        {ActionKind::MarkRunsFailed, anyRunNot(QLatin1String("failed"))},
        {ActionKind::DeleteRuns, hasRuns},
        {ActionKind::SetRunNote, hasRuns},
        {ActionKind::ClearTaskInstances, hasTaskInstances},
        {ActionKind::MarkTaskInstancesSuccess, hasTaskInstances},
        {ActionKind::MarkTaskInstancesFailed, hasTaskInstances},
    };
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const ActionKind kind = it.key();
        QAction *action = it.value();
        const bool runKind = ActionPlan::isRunKind(kind);
        const QString unavailable = unavailableReason(kind);
        action->setEnabled(canChange && unavailable.isEmpty() && enabled.value(kind));
        action->setText(ActionText::actionName(kind, int(runKind ? m_runs.size() : m_taskInstances.size())));
        // A key acts on the task instances when some are selected (as in the Airflow grid), else on the runs.
        const bool paired = kind != ActionKind::DeleteRuns && kind != ActionKind::SetRunNote;
        const bool hasKey = !paired || (runKind ? !hasTaskInstances : hasTaskInstances);
        action->setShortcut(hasKey ? pairShortcut(kind) : QKeySequence());
        QString tip = m_statusTips.value(kind);
        if (hasKey)
            tip += QStringLiteral(" (") + pairShortcut(kind).toString(QKeySequence::NativeText) + u')';
        if (m_readOnly) {
            // The profile's own reason comes first: it holds whatever the server can do.
            tip += QLatin1Char('\n') + tr("This deployment is read-only.");
            action->setStatusTip(m_statusTips.value(kind));
        } else if (!unavailable.isEmpty()) {
            tip = unavailable;
            action->setStatusTip(unavailable);
        } else {
            action->setStatusTip(m_statusTips.value(kind));
        }
        action->setToolTip(tip);
    }
}

void RunActions::start(ActionKind kind)
{
    QAction *action = m_actions.value(kind);
    // Enabled is checked again here: a shortcut or a direct call must not reach the preview of an action
    // this server cannot do (the dialect is asked too, in case the action was enabled by hand).
    if (!action || !action->isEnabled() || !m_client || m_readOnly || !unavailableReason(kind).isEmpty())
        return;
    const ActionPlan plan = ActionPlan::forSelection(kind, m_runs, m_taskInstances);
    if (plan.targets.isEmpty())
        return;
    // One preview at a time: a second shortcut press replaces the first question.
    if (m_preview)
        m_preview->close();
    auto *dialog = new ActionPreviewDialog(m_client, plan, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ActionPreviewDialog::confirmed, this, &RunActions::apply);
    m_preview = dialog;
    dialog->open();
}

void RunActions::apply(const ActionPlan &plan)
{
    if (!m_client || m_readOnly)
        return;
    // A note changes no run's outcome: only clear, mark and delete ask for the production profile's name.
    const bool guarded = m_production && plan.kind != ActionKind::SetRunNote;
    ProductionGuard::confirm(m_dialogParent, m_profileName, guarded, ActionText::dialogTitle(plan).toLower(),
                             this, [this, plan] { send(plan); });
}

void RunActions::send(const ActionPlan &plan)
{
    if (!m_client || m_readOnly)
        return;
    auto *dialog = new ActionProgressDialog(m_client, plan, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ActionProgressDialog::applied, this, [this](const QStringList &dagIds) {
        if (!dagIds.isEmpty())
            Q_EMIT changed(dagIds);
    });
    m_progress = dialog;
    dialog->open();
    dialog->start();
}

} // namespace Windsock::Ui
