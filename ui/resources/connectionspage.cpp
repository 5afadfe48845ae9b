#include "connectionspage.h"

#include "bulkchange.h"
#include "connectioneditdialog.h"
#include "errorbanner.h"
#include "resourcetable.h"

#include "actions/productionguard.h"
#include "api/airflowclient.h"
#include "models/connectionmodel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::ConnectionModel;

ConnectionsPage::ConnectionsPage(Api::AirflowClient *client, bool readOnly, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_readOnly(readOnly)
    , m_model(new ConnectionModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_toolBar(new QToolBar(tr("Connection actions"), this))
    , m_addAction(new QAction(tr("&Add…"), this))
    , m_editAction(new QAction(tr("&Edit…"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_error(new ErrorBanner(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionsPage"));
    m_toolBar->setObjectName(QStringLiteral("connectionsToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const auto setUp = [this](QAction *action, const char *name, const QKeySequence &shortcut,
                              const QString &tip) {
        ResourceTable::addPageAction(this, action, name, shortcut, tip);
        m_toolBar->addAction(action);
    };
    setUp(m_addAction, "addConnectionAction", QKeySequence(Qt::Key_Insert),
          tr("Create a connection (Insert)"));
    setUp(m_editAction, "editConnectionAction", QKeySequence(Qt::Key_F2),
          tr("Edit the selected connection (F2)"));
    setUp(m_deleteAction, "deleteConnectionsAction", QKeySequence::Delete,
          tr("Delete the selected connections, after asking (Delete)"));
    m_toolBar->addSeparator();
    setUp(m_refreshAction, "refreshConnectionsAction", QKeySequence::Refresh,
          tr("Read the connections again (F5)"));

    m_filter->setObjectName(QStringLiteral("connectionsFilter"));
    m_filter->setPlaceholderText(tr("Filter by id, type, host, login or description"));
    m_filter->setClearButtonEnabled(true);

    m_view->setObjectName(QStringLiteral("connectionsView"));
    ResourceTable::setUp(m_model, m_proxy, m_view);

    m_error->setObjectName(QStringLiteral("connectionsError"));
    m_status->setObjectName(QStringLiteral("connectionsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_addAction, &QAction::triggered, this, &ConnectionsPage::addConnection);
    connect(m_editAction, &QAction::triggered, this, &ConnectionsPage::editConnection);
    connect(m_deleteAction, &QAction::triggered, this, &ConnectionsPage::deleteSelected);
    connect(m_refreshAction, &QAction::triggered, this, &ConnectionsPage::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (!m_readOnly)
            editConnection();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConnectionsPage::updateActions);
    connect(m_model, &ConnectionModel::errorOccurred, m_error, &ErrorBanner::setMessage);
    ResourceTable::watchCounts(m_model, this, &ConnectionsPage::updateStatus);
    connect(m_model, &ConnectionModel::refreshed, this, [this] {
        updateStatus();
        if (!m_idToSelect.isEmpty() && m_model->rowOfKey(m_idToSelect) >= 0) {
            selectId(m_idToSelect);
            m_idToSelect.clear();
        }
    });
    updateActions();
    updateStatus();
}

ConnectionsPage::~ConnectionsPage() = default;

ConnectionEditDialog *ConnectionsPage::editDialog() const
{
    return m_dialog;
}

QString ConnectionsPage::statusText() const
{
    return m_status->text();
}

QString ConnectionsPage::errorText() const
{
    return m_error->message();
}

QStringList ConnectionsPage::selectedIds() const
{
    return ResourceTable::selectedKeys(m_view);
}

void ConnectionsPage::selectId(const QString &connectionId)
{
    ResourceTable::selectKey(m_view, m_proxy, m_model, connectionId);
}

void ConnectionsPage::updateActions()
{
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    m_addAction->setEnabled(!m_readOnly && !isBusy());
    m_editAction->setEnabled(!m_readOnly && !isBusy() && selected == 1);
    m_deleteAction->setEnabled(!m_readOnly && !isBusy() && selected > 0);
    if (m_readOnly) {
        for (QAction *action : {m_addAction, m_editAction, m_deleteAction})
            action->setToolTip(tr("This profile is read-only"));
    }
}

void ConnectionsPage::updateStatus()
{
    const ResourceTable::CountTexts texts{tr("Loading connections…"), tr("No connections"),
                                          tr("1 connection"), tr("%1 connections"),
                                          tr("%1 of %2 connections (scroll for more)")};
    m_status->setText(ResourceTable::statusText(m_model, texts, m_progress, m_readOnly));
}

void ConnectionsPage::refresh()
{
    m_error->setMessage({});
    m_model->refresh();
    updateStatus();
}

void ConnectionsPage::openDialog(ConnectionEditDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionEditDialog::saved, this, [this](const QString &connectionId) {
        m_error->setMessage({});
        m_idToSelect = connectionId;
        m_model->refresh();
    });
    dialog->open();
}

void ConnectionsPage::addConnection()
{
    if (m_readOnly || isBusy())
        return;
    openDialog(new ConnectionEditDialog(m_client, this));
}

void ConnectionsPage::editConnection()
{
    const QStringList ids = selectedIds();
    if (m_readOnly || isBusy() || ids.size() != 1)
        return;
    openDialog(new ConnectionEditDialog(m_client, ids.first(), this));
}

void ConnectionsPage::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (m_readOnly || isBusy() || ids.isEmpty())
        return;
    // Production: typing the profile's name is the question (a second yes/no box would add nothing).
    if (m_production) {
        ProductionGuard::confirm(this, m_productionName, true,
                                 ids.size() == 1 ? tr("delete connection %1").arg(ids.first())
                                                 : tr("delete %1 connections").arg(ids.size()),
                                 this, [this, ids] { deleteIds(ids); });
        return;
    }
    if (!ResourceTable::confirmDelete(
            this, tr("Delete connections"),
            tr("Delete connection %1 from the server? Tasks that use it will fail."),
            tr("Delete these %1 connections from the server? Tasks that use them will fail.\n\n%2"), ids))
        return;
    deleteIds(ids);
}

void ConnectionsPage::deleteIds(const QStringList &ids)
{
    if (m_readOnly || isBusy() || ids.isEmpty())
        return;
    // A connection someone else deleted meanwhile is what the person wanted: skipped, not an error.
    Api::ConnectionBulkAction remove;
    remove.kind = Api::BulkActionKind::Delete;
    remove.keys = ids;
    remove.onNonExistence = Api::BulkOnNonExistence::Skip;
    auto *batch = new BulkChange(
        [this, remove](QObject *context, auto done) {
            return m_client->bulkConnections({remove}, context, std::move(done));
        },
        tr("connection %1"), int(ids.size()), this);
    m_batch = batch;
    m_error->setMessage({});
    m_progress = tr("Deleting %1 connections…").arg(ids.size());
    connect(batch, &BulkChange::progress, this, [this](int done, int total) {
        if (done < total)
            m_progress = tr("Deleting: %1 of %2…").arg(done).arg(total);
        updateStatus();
    });
    connect(batch, &BulkChange::finished, this, [this, batch](const QStringList &failures, int, int, bool) {
        m_progress.clear();
        batch->deleteLater();
        m_batch = nullptr;
        if (!failures.isEmpty())
            m_error->setMessage(tr("Could not delete %1 of %2:\n%3")
                                    .arg(failures.size())
                                    .arg(batch->total())
                                    .arg(failures.join(QLatin1Char('\n'))));
        m_model->refresh();
        updateActions();
        updateStatus();
    });
    updateActions();
    updateStatus();
    batch->start();
}

} // namespace Windsock::Ui
