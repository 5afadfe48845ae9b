#include "connectionspage.h"

#include "connectioneditdialog.h"
#include "errorbanner.h"
#include "resourcebatch.h"

#include "api/airflowclient.h"
#include "models/connectionmodel.h"
#include "profiles/messagebox.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
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
        action->setObjectName(QLatin1String(name));
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip);
        QWidget::addAction(action);
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

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ConnectionModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_view->setObjectName(QStringLiteral("connectionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

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
    connect(m_model, &ConnectionModel::loadingChanged, this, &ConnectionsPage::updateStatus);
    connect(m_model, &ConnectionModel::totalEntriesChanged, this, &ConnectionsPage::updateStatus);
    connect(m_model, &ConnectionModel::refreshed, this, [this] {
        updateStatus();
        if (!m_idToSelect.isEmpty() && m_model->rowOfKey(m_idToSelect) >= 0) {
            selectId(m_idToSelect);
            m_idToSelect.clear();
        }
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ConnectionsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConnectionsPage::updateStatus);
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
    QModelIndexList rows = m_view->selectionModel()->selectedRows(ConnectionModel::ConnectionId);
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(ConnectionModel::KeyRole).toString());
    return ids;
}

void ConnectionsPage::selectId(const QString &connectionId)
{
    const int row = m_model->rowOfKey(connectionId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
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
    QString text;
    if (!m_progress.isEmpty())
        text = m_progress;
    else if (m_model->totalEntries() < 0)
        text = m_model->isLoading() ? tr("Loading connections…") : QString();
    else if (m_model->totalEntries() == 0)
        text = tr("No connections");
    else if (m_model->isComplete())
        text = m_model->rowCount() == 1 ? tr("1 connection")
                                        : tr("%1 connections").arg(QLocale().toString(m_model->rowCount()));
    else
        text = tr("%1 of %2 connections (scroll for more)")
                   .arg(QLocale().toString(m_model->rowCount()), QLocale().toString(m_model->totalEntries()));
    if (m_model->isRefreshing())
        text += tr(" — refreshing…");
    if (m_readOnly)
        text += tr(" — read-only");
    m_status->setText(text);
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
    QString listed = ids.mid(0, 12).join(QStringLiteral("\n  "));
    if (ids.size() > 12)
        listed += tr("\n  … and %1 more").arg(ids.size() - 12);
    const QString question =
        ids.size() == 1
            ? tr("Delete connection %1 from the server? Tasks that use it will fail.").arg(ids.first())
            : tr("Delete these %1 connections from the server? Tasks that use them will fail.\n\n  %2")
                  .arg(ids.size())
                  .arg(listed);
    if (MessageBox::question(this, tr("Delete connections"), question, QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No) != QMessageBox::Yes)
        return;
    QList<ResourceBatch::Step> steps;
    for (const QString &id : ids) {
        steps.append(
            {tr("connection %1").arg(id), [this, id](QObject *context, ResourceBatch::Finish finish) {
                 return m_client->deleteConnection(
                     id, context,
                     [finish](const Api::Result<Api::Nothing> &result) { finish(result.error()); });
             }});
    }
    auto *batch = new ResourceBatch(steps, this);
    m_batch = batch;
    m_error->setMessage({});
    m_progress = tr("Deleting: 0 of %1…").arg(ids.size());
    connect(batch, &ResourceBatch::progress, this, [this](int done, int total) {
        m_progress = tr("Deleting: %1 of %2…").arg(done).arg(total);
        updateStatus();
    });
    connect(batch, &ResourceBatch::finished, this, [this, batch](const QStringList &failures, int, bool) {
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
