#include "actionpreviewdialog.h"

#include "actiontext.h"

#include "actions/actionbatch.h"
#include "api/airflowclient.h"
#include "dags/statecolors.h"

#include <QCheckBox>
#include <QColor>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Actions::ActionBatch;
using Actions::ActionKind;
using Actions::ActionOption;
using Actions::ActionPlan;
using Actions::TargetOutcome;
using Actions::TaskInstanceChange;

namespace {

enum Column
{
    NameColumn,
    StateColumn
};

} // namespace

ActionPreviewDialog::ActionPreviewDialog(Api::AirflowClient *client, ActionPlan plan, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_plan(std::move(plan))
{
    setWindowTitle(ActionText::dialogTitle(m_plan));
    buildUi();
    refreshPreview();
}

ActionPreviewDialog::~ActionPreviewDialog() = default;

void ActionPreviewDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    layout->addWidget(m_headline);

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation->setWordWrap(true);
    layout->addWidget(m_explanation);
    switch (m_plan.kind) {
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
        m_explanation->setText(
            tr("Airflow 2 has no dry run for marking a run. The list shows the runs' task instances, read "
               "just now, that Airflow sets when it marks the runs %1.")
                .arg(ActionPlan::targetState(m_plan.kind)));
        break;
    case ActionKind::DeleteRuns:
        m_explanation->setText(tr("This cannot be undone: the runs, their task instances and their history "
                                  "are removed from the deployment."));
        m_explanation->setStyleSheet(QStringLiteral("color: #c62828;"));
        break;
    case ActionKind::SetRunNote:
        m_explanation->setText(tr("The note replaces the one each run has now; an empty note removes it."));
        break;
    default:
        m_explanation->setText(tr("This is the server's own dry run: nothing has changed yet."));
        break;
    }

    const QList<ActionOption> options = ActionPlan::optionsFor(m_plan.kind);
    if (!options.isEmpty()) {
        auto *box = new QGroupBox(tr("Include"), this);
        auto *grid = new QGridLayout(box);
        for (int i = 0; i < options.size(); ++i) {
            const ActionOption option = options.at(i);
            auto *check = new QCheckBox(ActionText::optionName(option), box);
            check->setObjectName(QStringLiteral("option%1").arg(int(option)));
            check->setToolTip(ActionText::optionToolTip(option));
            check->setChecked(ActionPlan::optionValue(m_plan.options, option));
            grid->addWidget(check, i / 3, i % 3);
            m_optionChecks.insert(option, check);
            connect(check, &QCheckBox::toggled, this, [this, option](bool checked) {
                ActionPlan::setOptionValue(&m_plan.options, option, checked);
                // Re-queueing the runs does not change which task instances are cleared.
                if (option != ActionOption::ResetDagRuns)
                    refreshPreview();
            });
        }
        layout->addWidget(box);
    }

    if (m_plan.kind == ActionKind::SetRunNote) {
        m_note = new QPlainTextEdit(this);
        m_note->setObjectName(QStringLiteral("noteEdit"));
        m_note->setPlaceholderText(tr("A note for the runs (Markdown)"));
        // Start from the runs' note when they all have the same one.
        QSet<QString> notes;
        for (const Actions::ActionTarget &target : std::as_const(m_plan.targets))
            notes.insert(target.note);
        if (notes.size() == 1)
            m_note->setPlainText(*notes.cbegin());
        m_note->setMaximumHeight(120);
        layout->addWidget(m_note);
    }

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("changeTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("DAG / run / task"), tr("Will become")});
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    if (!ActionPlan::listsTaskInstances(m_plan.kind))
        m_tree->setHeaderHidden(true);
    layout->addWidget(m_tree, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("previewError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(ActionText::buttonText(m_plan.kind), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    // Enter should not delete anything: the destructive confirm is never the default button.
    m_confirm->setAutoDefault(false);
    if (m_plan.kind != ActionKind::DeleteRuns)
        m_confirm->setDefault(true);
    else
        buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    resize(640, 560);

    connect(buttons, &QDialogButtonBox::accepted, this, &ActionPreviewDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

// Asks the server again for the current options. The batch still asking for the previous ones is dropped
// (its requests are cancelled with it): only the answers for what is ticked now are shown.
void ActionPreviewDialog::refreshPreview()
{
    if (m_batch) {
        m_batch->disconnect(this);
        m_batch->deleteLater();
    }
    m_batch = new ActionBatch(m_client, m_plan, ActionBatch::Phase::Preview, this);
    connect(m_batch, &ActionBatch::progress, this, [this](int done, int total) {
        if (!m_batch->isFinished())
            m_headline->setText(tr("Asking the server what would change (%1 of %2)…").arg(done).arg(total));
    });
    connect(m_batch, &ActionBatch::finished, this, &ActionPreviewDialog::showPreview);
    m_tree->clear();
    m_error->hide();
    updateConfirm();
    m_batch->start();
}

bool ActionPreviewDialog::isReady() const
{
    return m_batch && m_batch->isFinished();
}

QList<TaskInstanceChange> ActionPreviewDialog::changes() const
{
    return isReady() ? m_batch->changes() : QList<TaskInstanceChange>();
}

QStringList ActionPreviewDialog::previewErrors() const
{
    QStringList errors;
    if (!isReady())
        return errors;
    for (const TargetOutcome &outcome : m_batch->outcomes()) {
        if (outcome.status == TargetOutcome::Status::Failed)
            errors.append(outcome.target.label() + QStringLiteral(": ") +
                          ActionText::failureReason(outcome.error));
    }
    return errors;
}

QString ActionPreviewDialog::headline() const
{
    return m_headline->text();
}

void ActionPreviewDialog::showPreview()
{
    m_tree->clear();
    const QList<TaskInstanceChange> all = changes();
    // DAG -> run -> task, in the order the server answered (runs of one DAG together).
    QMap<QString, QTreeWidgetItem *> dagItems;
    QMap<QString, QTreeWidgetItem *> runItems;
    auto dagItem = [&](const QString &dagId) {
        QTreeWidgetItem *&item = dagItems[dagId];
        if (!item) {
            item = new QTreeWidgetItem(m_tree, {dagId});
            item->setData(NameColumn, Qt::UserRole, dagId);
        }
        return item;
    };
    auto runItem = [&](const QString &dagId, const QString &runId) {
        QTreeWidgetItem *&item = runItems[dagId + u'\n' + runId];
        if (!item) {
            item = new QTreeWidgetItem(dagItem(dagId), {runId});
            item->setData(NameColumn, Qt::UserRole, runId);
        }
        return item;
    };
    if (ActionPlan::listsTaskInstances(m_plan.kind)) {
        for (const TaskInstanceChange &change : all) {
            auto *item = new QTreeWidgetItem(runItem(change.dagId, change.dagRunId),
                                             {change.taskId, ActionText::newState(change.newState)});
            const QColor colour = StateColors::forRunState(change.newState, m_tree->palette());
            if (colour.isValid())
                item->setForeground(StateColumn, colour);
            item->setData(NameColumn, Qt::UserRole, change.taskId);
        }
    }
    // Runs without task instances to change are still changed (a mark sets the run's state), and delete
    // and note list only runs.
    const bool runKind = ActionPlan::isRunKind(m_plan.kind);
    QStringList errors;
    for (const TargetOutcome &outcome : m_batch->outcomes()) {
        if (outcome.status == TargetOutcome::Status::Failed) {
            errors.append(tr("%1: %2").arg(outcome.target.label(), ActionText::failureReason(outcome.error)));
            auto *item = runItem(outcome.target.dagId, outcome.target.dagRunId);
            item->setText(StateColumn, tr("could not be previewed"));
            item->setForeground(StateColumn,
                                StateColors::forRunState(QStringLiteral("failed"), m_tree->palette()));
            item->setToolTip(NameColumn, ActionText::failureReason(outcome.error));
            continue;
        }
        if (runKind && outcome.status == TargetOutcome::Status::Succeeded)
            runItem(outcome.target.dagId, outcome.target.dagRunId);
    }
    for (QTreeWidgetItem *item : std::as_const(runItems)) {
        const int count = item->childCount();
        if (count > 0)
            item->setText(StateColumn, ActionText::taskInstances(count));
        else if (item->text(StateColumn).isEmpty() && m_plan.kind == ActionKind::MarkRunsSuccess)
            item->setText(StateColumn, tr("run: success"));
        else if (item->text(StateColumn).isEmpty() && m_plan.kind == ActionKind::MarkRunsFailed)
            item->setText(StateColumn, tr("run: failed"));
    }
    for (QTreeWidgetItem *item : std::as_const(dagItems))
        item->setText(StateColumn, ActionText::runs(item->childCount()));
    m_tree->expandAll();
    // Long lists stay readable: the runs open, their tasks folded, past a screenful.
    if (all.size() > 200) {
        for (QTreeWidgetItem *item : std::as_const(runItems))
            item->setExpanded(false);
    }
    m_tree->resizeColumnToContents(StateColumn);

    if (!errors.isEmpty()) {
        m_error->setText(tr("Left out, because the server could not preview them:\n%1")
                             .arg(errors.join(QLatin1Char('\n'))));
        m_error->show();
    }
    m_headline->setText(headlineText());
    updateConfirm();
    Q_EMIT previewReady();
}

QString ActionPreviewDialog::headlineText() const
{
    const ActionPlan confirmed = confirmedPlan();
    const QList<TaskInstanceChange> all = changes();
    QSet<QString> dagIds;
    QSet<QString> runIds;
    for (const TaskInstanceChange &change : all) {
        dagIds.insert(change.dagId);
        runIds.insert(change.dagId + u'\n' + change.dagRunId);
    }
    const QString selected = ActionText::selectedTargets(m_plan);
    const QString tis = ActionText::taskInstances(int(all.size()));
    const QString targetState = ActionPlan::targetState(m_plan.kind);
    switch (m_plan.kind) {
    case ActionKind::ClearRuns:
        if (confirmed.targets.isEmpty())
            return tr("Nothing can be cleared: no run could be previewed.");
        return tr("Clearing %1 will reset %2 in %3.")
            .arg(ActionText::runs(int(confirmed.targets.size())), tis,
                 ActionText::dags(int(confirmed.dagIds().size())));
    case ActionKind::ClearTaskInstances:
        if (all.isEmpty())
            return tr("Nothing to clear: with these options the server's dry run lists no task instance.");
        return tr("Clearing %1 will reset %2 in %3 of %4.")
            .arg(selected, tis, ActionText::runs(int(runIds.size())), ActionText::dags(int(dagIds.size())));
    case ActionKind::MarkTaskInstancesSuccess:
    case ActionKind::MarkTaskInstancesFailed:
        if (all.isEmpty())
            return tr("Nothing to mark: with these options every task instance is %1 already.")
                .arg(targetState);
        return tr("Marking %1 %2 will set %3 in %4 of %5 to %2.")
            .arg(selected, targetState, tis, ActionText::runs(int(runIds.size())),
                 ActionText::dags(int(dagIds.size())));
    case ActionKind::MarkRunsSuccess:
    case ActionKind::MarkRunsFailed:
        if (confirmed.targets.isEmpty())
            return tr("Nothing to mark: no run could be previewed.");
        return tr("Marking %1 %2 will set %3 in %4.")
            .arg(ActionText::runs(int(confirmed.targets.size())), targetState, tis,
                 ActionText::dags(int(confirmed.dagIds().size())));
    case ActionKind::DeleteRuns:
        return tr("Deleting %1 of %2 cannot be undone.")
            .arg(selected, ActionText::dags(int(m_plan.dagIds().size())));
    case ActionKind::SetRunNote:
        return tr("Setting the note of %1 in %2.")
            .arg(selected, ActionText::dags(int(m_plan.dagIds().size())));
    }
    return QString();
}

ActionPlan ActionPreviewDialog::confirmedPlan() const
{
    ActionPlan plan = m_plan;
    plan.targets.clear();
    if (m_note)
        plan.options.note = m_note->toPlainText();
    if (!isReady())
        return plan;
    // Run kinds change the run even when no task instance changes; task-instance kinds only send the
    // targets the dry run says change something.
    const bool runKind = ActionPlan::isRunKind(m_plan.kind);
    for (const TargetOutcome &outcome : m_batch->outcomes()) {
        if (outcome.status == TargetOutcome::Status::Succeeded && (runKind || !outcome.changes.isEmpty()))
            plan.targets.append(outcome.target);
    }
    return plan;
}

void ActionPreviewDialog::updateConfirm()
{
    m_confirm->setEnabled(isReady() && !confirmedPlan().targets.isEmpty());
}

void ActionPreviewDialog::confirm()
{
    if (!m_confirm->isEnabled())
        return;
    const ActionPlan plan = confirmedPlan();
    if (plan.targets.isEmpty())
        return;
    Q_EMIT confirmed(plan);
    accept();
}

} // namespace Windsock::Ui
