#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class ConnectionModel;
}

namespace Windsock::Ui {

class ConnectionEditDialog;
class ErrorBanner;
class BulkChange;

// The connections of a deployment: a filter line, a sortable table (id, type, host, port, schema, login,
// description) and the actions Add, Edit, Delete (the Delete key too; several at once after a confirmation
// that lists them) and Refresh. Passwords are never shown (Airflow never sends them). readOnly disables every
// action that changes the server. Errors show in the page in plain words. The page owns its model.
class ConnectionsPage final : public QWidget
{
    Q_OBJECT

public:
    ConnectionsPage(Api::AirflowClient *client, bool readOnly, QWidget *parent = nullptr);
    // A production profile: deleting asks the user to type the profile's name (ProductionGuard) instead of
    // a yes/no question.
    void setProduction(const QString &profileName, bool production)
    {
        m_productionName = profileName;
        m_production = production;
    }
    ~ConnectionsPage() override;

    Models::ConnectionModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *addAction() const { return m_addAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    ConnectionEditDialog *editDialog() const;
    bool isReadOnly() const { return m_readOnly; }
    bool isBusy() const { return !m_batch.isNull(); }
    QString statusText() const;
    QString errorText() const;
    QStringList selectedIds() const;
    void selectId(const QString &connectionId);

public Q_SLOTS:
    void refresh();
    void addConnection();
    void editConnection();
    void deleteSelected();
    void deleteIds(const QStringList &ids);

private:
    void openDialog(ConnectionEditDialog *dialog);
    void updateActions();
    void updateStatus();

    Api::AirflowClient *m_client;
    bool m_readOnly;
    QString m_productionName;
    bool m_production = false;
    Models::ConnectionModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QToolBar *m_toolBar;
    QAction *m_addAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QAction *m_refreshAction;
    QLineEdit *m_filter;
    QTableView *m_view;
    ErrorBanner *m_error;
    QLabel *m_status;
    QPointer<ConnectionEditDialog> m_dialog;
    QPointer<BulkChange> m_batch; // a delete of several, in one bulk call
    QString m_progress;
    QString m_idToSelect;
};

} // namespace Windsock::Ui
