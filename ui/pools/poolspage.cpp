#include "poolspage.h"

#include "dags/runstatedelegate.h"
#include "models/poolmodel.h"
#include "pooleditdialog.h"
#include "profiles/messagebox.h"
#include "slotusagedelegate.h"

#include "api/airflowclient.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

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
                tr("Delete the selected pool, after asking (Delete)"));
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
    const bool pool = !currentPoolName().isEmpty();
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

void PoolsPage::deletePool()
{
    const QString name = currentPoolName();
    if (m_readOnly || m_deleting || name.isEmpty())
        return;
    // default_pool is asked about too: the server gives its reason, which says more than a greyed action.
    if (MessageBox::question(this, tr("Delete pool"),
                             tr("Delete pool %1 from the server? Tasks assigned to it will not be scheduled "
                                "until they name another pool.")
                                 .arg(name),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    m_deleting = true;
    updateActions();
    showError({});
    m_client->deletePool(name, this, [this, name](const Api::Result<Api::Nothing> &result) {
        m_deleting = false;
        updateActions();
        if (!result.ok()) {
            QString message = tr("Could not delete pool %1: %2").arg(name, result.error().message());
            if (name == PoolEditDialog::defaultPoolName() && result.error().httpStatus() == 400)
                message += tr("\nAirflow keeps default_pool for every task that names no pool: it can be "
                              "resized, but not deleted or renamed.");
            showError(message);
            return;
        }
        m_model->refresh();
    });
}

void PoolsPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace Windsock::Ui
