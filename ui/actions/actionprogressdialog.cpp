#include "actionprogressdialog.h"

#include "actiontext.h"

#include "actions/actionbatch.h"
#include "dags/statecolors.h"

#include <QColor>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Actions::ActionBatch;
using Actions::ActionPlan;
using Actions::TargetOutcome;

namespace {

enum Column
{
    TargetColumn,
    ResultColumn
};

} // namespace

ActionProgressDialog::ActionProgressDialog(Api::AirflowClient *client, ActionPlan plan, QWidget *parent)
    : QDialog(parent)
    , m_plan(std::move(plan))
{
    setWindowTitle(ActionText::dialogTitle(m_plan));
    m_batch = new ActionBatch(client, m_plan, ActionBatch::Phase::Apply, this);
    buildUi();
    connect(m_batch, &ActionBatch::progress, this, [this](int done, int total) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(m_batch, &ActionBatch::targetFinished, this, &ActionProgressDialog::targetFinished);
    connect(m_batch, &ActionBatch::finished, this, &ActionProgressDialog::showSummary);
}

ActionProgressDialog::~ActionProgressDialog() = default;

void ActionProgressDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(tr("Sending %1 to the server…").arg(ActionText::selectedTargets(m_plan)), this);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setWordWrap(true);
    layout->addWidget(m_headline);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, int(m_plan.targets.size()));
    m_progress->setValue(0);
    layout->addWidget(m_progress);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("outcomeTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Target"), tr("Result")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(true);
    m_tree->header()->setSectionResizeMode(TargetColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    for (const Actions::ActionTarget &target : std::as_const(m_plan.targets))
        new QTreeWidgetItem(m_tree, {target.label(), tr("Waiting")});
    layout->addWidget(m_tree, 1);
    // The reasons in full, wrapped and selectable: a tree cell would cut them off.
    m_failures = new QLabel(this);
    m_failures->setObjectName(QStringLiteral("failures"));
    m_failures->setWordWrap(true);
    m_failures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failures->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_failures->hide();
    layout->addWidget(m_failures);

    auto *buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Sends nothing more and aborts what is on its way; what the server already did "
                            "stays done."));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setEnabled(false);
    layout->addWidget(buttons);
    resize(620, 420);

    connect(m_cancel, &QPushButton::clicked, m_batch, &ActionBatch::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
}

void ActionProgressDialog::start()
{
    m_batch->start();
}

bool ActionProgressDialog::isFinished() const
{
    return m_batch->isFinished();
}

void ActionProgressDialog::reject()
{
    if (!m_batch->isFinished()) {
        m_batch->cancel();
        return;
    }
    QDialog::reject();
}

void ActionProgressDialog::targetFinished(int index)
{
    QTreeWidgetItem *item = m_tree->topLevelItem(index);
    if (!item)
        return;
    const TargetOutcome &outcome = m_batch->outcomes().at(index);
    QString text;
    QColor colour;
    switch (outcome.status) {
    case TargetOutcome::Status::Succeeded:
        text = ActionText::pastTense(m_plan.kind);
        if (!outcome.changes.isEmpty())
            text += tr(" (%1)").arg(ActionText::taskInstances(int(outcome.changes.size())));
        break;
    case TargetOutcome::Status::Failed:
        text = tr("Failed: %1").arg(ActionText::failureReason(outcome.error));
        colour = StateColors::forRunState(QStringLiteral("failed"), m_tree->palette());
        break;
    case TargetOutcome::Status::Cancelled:
        text = outcome.sent ? tr("Cancelled after it was sent: the server may have applied it")
                            : tr("Cancelled before it was sent: nothing changed");
        colour = StateColors::forRunState(QStringLiteral("up_for_retry"), m_tree->palette()); // amber
        break;
    case TargetOutcome::Status::Pending:
    case TargetOutcome::Status::Running:
        return;
    }
    item->setText(ResultColumn, text);
    item->setToolTip(ResultColumn, text);
    if (colour.isValid())
        item->setForeground(ResultColumn, colour);
}

void ActionProgressDialog::showSummary()
{
    // Targets cancelled before they were sent never report through targetFinished.
    for (int i = 0; i < m_batch->outcomes().size(); ++i) {
        if (m_tree->topLevelItem(i) && m_tree->topLevelItem(i)->text(ResultColumn) == tr("Waiting"))
            targetFinished(i);
    }
    QStringList failures;
    for (const TargetOutcome &outcome : m_batch->outcomes()) {
        if (outcome.status == TargetOutcome::Status::Failed)
            failures.append(
                tr("%1 — %2").arg(outcome.target.label(), ActionText::failureReason(outcome.error)));
    }
    if (!failures.isEmpty()) {
        m_failures->setText(failures.join(QLatin1Char('\n')));
        m_failures->show();
    }
    m_headline->setText(summary());
    m_progress->setValue(m_progress->maximum());
    m_cancel->setEnabled(false);
    m_close->setEnabled(true);
    m_close->setDefault(true);
    Q_EMIT applied(m_batch->changedDagIds());
}

QString ActionProgressDialog::summary() const
{
    if (!m_batch->isFinished())
        return m_headline->text();
    const int total = int(m_batch->outcomes().size());
    const int succeeded = m_batch->succeededCount();
    const int failed = m_batch->failedCount();
    const int cancelled = total - succeeded - failed;
    const QString what = ActionPlan::isRunKind(m_plan.kind)
                             ? ActionText::runs(total)
                             : (total == 1 ? tr("1 request") : tr("%1 requests").arg(total));
    QString text = tr("%1 %2 of %3.").arg(ActionText::pastTense(m_plan.kind)).arg(succeeded).arg(what);
    if (failed > 0)
        text += QLatin1Char(' ') + tr("%1 failed: see the reasons below.").arg(failed);
    if (cancelled > 0)
        text += QLatin1Char(' ') + tr("%1 cancelled.").arg(cancelled);
    return text;
}

QString ActionProgressDialog::outcomeText(int index) const
{
    const QTreeWidgetItem *item = m_tree->topLevelItem(index);
    return item ? item->text(TargetColumn) + QStringLiteral(": ") + item->text(ResultColumn) : QString();
}

} // namespace Windsock::Ui
