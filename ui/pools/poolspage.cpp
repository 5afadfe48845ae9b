#include "poolspage.h"

#include "dags/runstatedelegate.h"
#include "models/poolmodel.h"
#include "pooleditdialog.h"
#include "profiles/messagebox.h"
#include "slotusagedelegate.h"

#include "actions/productionguard.h"
#include "api/airflowclient.h"
#include "api/dialect.h"
#include "resources/bulkchange.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Windsock::Ui {

using Models::PoolModel;

PoolsPage::PoolsPage(Api::AirflowClient *client, bool readOnly, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_readOnly(readOnly)
    , m_model(new PoolModel(client, this))
    , m_toolBar(new QToolBar(tr("Pool actions"), this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_addAction(new QAction(tr("&Add…"), this))
    , m_editAction(new QAction(tr("&Edit…"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this))
    , m_view(new QTreeView(this))
    , m_error(new QLabel(this))
    , m_status(new QLabel(this))
{
    m_toolBar->setObjectName(QStringLiteral("poolsToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshAction->setObjectName(QStringLiteral("refreshPoolsAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setToolTip(tr("Read the pools and the expanded pools' task instances again (F5)"));
    const auto setUpChange = [this](QAction *action, const char *name, const QKeySequence &shortcut,
                                    const QString &tip) {
        action->setObjectName(QLatin1String(name));
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip);
        m_toolBar->addAction(action);
        QWidget::addAction(action);
    };
    setUpChange(m_addAction, "addPoolAction", QKeySequence(Qt::Key_Insert), tr("Create a pool (Insert)"));
    setUpChange(m_editAction, "editPoolAction", QKeySequence(Qt::Key_F2), tr("Edit the selected pool (F2)"));
    setUpChange(m_deleteAction, "deletePoolAction", QKeySequence::Delete,
                tr("Delete the selected pools, after asking (Delete)"));
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    QWidget::addAction(m_refreshAction);

    m_error->setObjectName(QStringLiteral("poolsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAutoFillBackground(true);
    m_error->setForegroundRole(QPalette::BrightText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    errorPalette.setColor(QPalette::BrightText, Qt::white);
    m_error->setPalette(errorPalette);
    m_error->setContentsMargins(8, 4, 8, 4);
    m_error->hide();

    m_view->setObjectName(QStringLiteral("poolTree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setItemDelegateForColumn(
        PoolModel::Occupied, new SlotUsageDelegate(PoolModel::SlotUsageRole, PoolModel::OccupiedSlotsRole,
                                                   PoolModel::TotalSlotsRole, m_view));
    // On task-instance rows the Queued column holds the state: coloured as run states are.
    m_view->setItemDelegateForColumn(PoolModel::TaskState,
                                     new RunStateDelegate(m_view, PoolModel::StateRole));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    const QFontMetrics metrics(m_view->font());
    const auto widthFor = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    // Task-instance rows reuse the columns (DAG under Slots, run under Running): wide enough for those, and
    // the usage bar whole in a window of ordinary width.
    header->resizeSection(PoolModel::Name, widthFor(QStringLiteral("a_task_id_of_length")));
    header->resizeSection(PoolModel::Slots, widthFor(QStringLiteral("a_dag_id_of_length")));
    header->resizeSection(PoolModel::Running, widthFor(QStringLiteral("scheduled__2025-06-01T12:00")));
    header->resizeSection(PoolModel::Queued, widthFor(QStringLiteral("running")));
    header->resizeSection(PoolModel::Scheduled, widthFor(QStringLiteral("2025-06-01 12:00:00")));
    header->resizeSection(PoolModel::Deferred, widthFor(QStringLiteral("Deferred")));
    header->resizeSection(PoolModel::Open, widthFor(QStringLiteral("unlimited")));
    header->resizeSection(PoolModel::Occupied, widthFor(QStringLiteral("128 / 128")) + 48);
    // A server that gives only a pool's size (1.10) would show every slot free: those columns go, and the
    // Slots column's tooltip says why.
    if (const QString reason =
            m_client ? m_client->dialect().unavailableReason(Api::Feature::PoolUsage) : QString();
        !reason.isEmpty()) {
        for (const int column : {PoolModel::Running, PoolModel::Queued, PoolModel::Scheduled,
                                 PoolModel::Deferred, PoolModel::Open, PoolModel::Occupied})
            header->setSectionHidden(column, true);
        m_view->setToolTip(reason);
    }

    m_status->setObjectName(QStringLiteral("poolsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_refreshAction, &QAction::triggered, this, &PoolsPage::refresh);
    connect(m_addAction, &QAction::triggered, this, &PoolsPage::addPool);
    connect(m_editAction, &QAction::triggered, this, &PoolsPage::editPool);
    connect(m_deleteAction, &QAction::triggered, this, &PoolsPage::deletePool);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &PoolsPage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PoolsPage::updateActions);
    connect(m_view, &QTreeView::doubleClicked, this, &PoolsPage::activate);
    connect(m_model, &PoolModel::errorOccurred, this, &PoolsPage::showError);
    connect(m_model, &PoolModel::refreshed, this, &PoolsPage::updateStatus);
    connect(m_model, &PoolModel::loadingChanged, this, &PoolsPage::updateStatus);
    connect(m_model, &PoolModel::totalEntriesChanged, this, &PoolsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PoolsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PoolsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PoolsPage::updateActions);
    updateStatus();
    updateActions();
}

PoolsPage::~PoolsPage() = default;

PoolEditDialog *PoolsPage::editDialog() const
{
    return m_dialog;
}

void PoolsPage::refresh()
{
    showError({});
    m_model->refresh();
    updateStatus();
}

QString PoolsPage::currentPoolName() const
{
    return m_view->currentIndex().data(PoolModel::PoolNameRole).toString();
}

void PoolsPage::activate(const QModelIndex &index)
{
    if (!index.isValid() || m_model->isPoolIndex(index))
        return; // a pool expands on double-click, as tree views do
    const Api::TaskInstance ti = index.data(PoolModel::TaskInstanceRole).value<Api::TaskInstance>();
    Q_EMIT taskInstanceActivated(ti.dagId, ti.dagRunId, ti.taskId);
}

QString PoolsPage::statusText() const
{
    return m_status->text();
}

QString PoolsPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PoolsPage::updateStatus()
{
    const int pools = m_model->rowCount();
    QString text;
    if (m_model->totalEntries() < 0)
        text = m_model->isLoading() ? tr("Loading pools…") : QString();
    else if (pools == 0)
        text = tr("No pools");
    else
        text = pools == 1 ? tr("1 pool") : tr("%1 pools").arg(QLocale().toString(pools));
    if (m_model->isRefreshing())
        text += tr(" — refreshing…");
    m_status->setText(text);
}

void PoolsPage::updateActions()
{
    const bool pool = !selectedPoolNames().isEmpty();
    m_addAction->setEnabled(!m_readOnly);
    m_editAction->setEnabled(!m_readOnly && pool);
    m_deleteAction->setEnabled(!m_readOnly && pool && !m_deleting);
    if (m_readOnly) {
        for (QAction *action : {m_addAction, m_editAction, m_deleteAction})
            action->setToolTip(tr("This profile is read-only"));
    }
}

void PoolsPage::openDialog(PoolEditDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PoolEditDialog::saved, this, [this] {
        showError({});
        m_model->refresh();
    });
    dialog->open();
}

void PoolsPage::addPool()
{
    if (!m_readOnly)
        openDialog(new PoolEditDialog(m_client, this));
}

void PoolsPage::editPool()
{
    const int row = m_model->rowOfPool(currentPoolName());
    if (m_readOnly || row < 0)
        return;
    openDialog(new PoolEditDialog(m_client, m_model->pool(row), this));
}

QStringList PoolsPage::selectedPoolNames() const
{
    QStringList names;
    QModelIndexList rows = m_view->selectionModel()->selectedRows(PoolModel::Name);
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : std::as_const(rows)) {
        if (m_model->isPoolIndex(row))
            names.append(row.data(PoolModel::PoolNameRole).toString());
    }
    if (names.isEmpty() && !currentPoolName().isEmpty())
        names.append(currentPoolName());
    return names;
}

void PoolsPage::deletePool()
{
    QStringList names = selectedPoolNames();
    if (m_readOnly || m_deleting || names.isEmpty())
        return;
    const QString defaultPool = PoolEditDialog::defaultPoolName();
    const bool withDefault = names.removeAll(defaultPool) > 0;
    // default_pool is asked about too, and sent last in an action of its own (Airflow 3 stops an action at
    // its first refusal): the server gives its reason, which says more than a greyed action.
    const QString question =
        names.isEmpty()
            ? tr("Delete pool %1 from the server? Tasks assigned to it will not be scheduled until they name "
                 "another pool.")
                  .arg(defaultPool)
        : names.size() == 1 && !withDefault
            ? tr("Delete pool %1 from the server? Tasks assigned to it will not be scheduled until they name "
                 "another pool.")
                  .arg(names.first())
            : tr("Delete these %1 pools from the server? Tasks assigned to them will not be scheduled until "
                 "they name another pool.\n\n  %2")
                  .arg(names.size() + (withDefault ? 1 : 0))
                  .arg((names + (withDefault ? QStringList{defaultPool} : QStringList()))
                           .join(QStringLiteral("\n  ")));
    const int count = int(names.size()) + (withDefault ? 1 : 0);
    // Production: typing the profile's name is the question (a second yes/no box would add nothing).
    if (m_production) {
        ProductionGuard::confirm(this, m_productionName, true,
                                 count == 1
                                     ? tr("delete pool %1").arg(names.isEmpty() ? defaultPool : names.first())
                                     : tr("delete %1 pools").arg(count),
                                 this, [this, names, withDefault] { deletePools(names, withDefault); });
        return;
    }
    if (MessageBox::question(this, tr("Delete pools"), question, QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No) != QMessageBox::Yes)
        return;
    deletePools(names, withDefault);
}

void PoolsPage::deletePools(const QStringList &names, bool withDefault)
{
    if (m_readOnly || m_deleting || (names.isEmpty() && !withDefault))
        return;
    const QString defaultPool = PoolEditDialog::defaultPoolName();
    QList<Api::PoolBulkAction> actions;
    if (!names.isEmpty()) {
        Api::PoolBulkAction remove;
        remove.kind = Api::BulkActionKind::Delete;
        remove.keys = names;
        remove.onNonExistence = Api::BulkOnNonExistence::Skip; // deleted meanwhile: what was wanted
        actions.append(remove);
    }
    if (withDefault) {
        Api::PoolBulkAction remove;
        remove.kind = Api::BulkActionKind::Delete;
        remove.keys = {defaultPool};
        actions.append(remove);
    }
    const int total = int(names.size()) + (withDefault ? 1 : 0);
    m_deleting = true;
    updateActions();
    showError({});
    auto *bulk = new BulkChange(
        [this, actions](QObject *context, auto done) {
            return m_client->bulkPools(actions, context, std::move(done));
        },
        tr("pool %1"), total, this);
    m_bulk = bulk;
    connect(bulk, &BulkChange::finished, this,
            [this, bulk, total, withDefault](const QStringList &failures, int, int, bool) {
                bulk->deleteLater();
                m_bulk = nullptr;
                m_deleting = false;
                updateActions();
                if (!failures.isEmpty()) {
                    QString message = total == 1 ? tr("Could not delete %1").arg(failures.first())
                                                 : tr("Could not delete %1 of %2 pools:\n%3")
                                                       .arg(failures.size())
                                                       .arg(total)
                                                       .arg(failures.join(QLatin1Char('\n')));
                    if (withDefault)
                        message +=
                            tr("\nAirflow keeps default_pool for every task that names no pool: it can "
                               "be resized, but not deleted or renamed.");
                    showError(message);
                }
                m_model->refresh();
            });
    bulk->start();
}

void PoolsPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace Windsock::Ui
