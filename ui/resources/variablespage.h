#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class VariableModel;
}

namespace Windsock::Ui {

class ErrorBanner;
class BulkChange;
class ResourceBatch;
class VariableEditDialog;

// The variables of a deployment: a filter line, a sortable table (key, value, description) and the actions
// Add, Edit, Delete (the Delete key too; several at once after a confirmation that lists the keys), Import
// and Export as `airflow variables import/export` files (delete and import are one bulk call, with a choice
// for keys that exist already: overwrite, skip or import nothing), Show values (values of keys Airflow treats
// as sensitive are masked until then) and Refresh. readOnly disables every action that changes the server.
// Errors show in the page in plain words. The page owns its model.
class VariablesPage final : public QWidget
{
    Q_OBJECT

public:
    VariablesPage(Api::AirflowClient *client, bool readOnly, QWidget *parent = nullptr);
    // A production profile: deleting asks the user to type the profile's name (ProductionGuard) instead of
    // a yes/no question.
    void setProduction(const QString &profileName, bool production)
    {
        m_productionName = profileName;
        m_production = production;
    }
    ~VariablesPage() override;

    Models::VariableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *addAction() const { return m_addAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *showValuesAction() const { return m_showValuesAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    // The editor open now, if any (the page opens one at a time).
    VariableEditDialog *editDialog() const;
    bool isReadOnly() const { return m_readOnly; }
    bool isBusy() const { return !m_batch.isNull() || !m_bulk.isNull() || m_exporting; }
    QString statusText() const;
    QString errorText() const;
    // The keys of the selected rows, in the view's order.
    QStringList selectedKeys() const;
    void selectKey(const QString &key);

public Q_SLOTS:
    void refresh();
    void addVariable();
    void editVariable();
    void deleteSelected();
    void deleteKeys(const QStringList &keys);
    void importVariables();
    void exportVariables();

private:
    void openDialog(VariableEditDialog *dialog);
    void exportTo(const QString &fileName);
    void runBatch(ResourceBatch *batch, const QString &what);
    // A bulk call (one request on Airflow 3); at its end a summary that names each failure.
    void runBulk(BulkChange *bulk, const QString &what);
    void updateActions();
    void updateStatus();
    void showError(const QString &message);

    Api::AirflowClient *m_client;
    bool m_readOnly;
    QString m_productionName;
    bool m_production = false;
    Models::VariableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QToolBar *m_toolBar;
    QAction *m_addAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QAction *m_importAction;
    QAction *m_exportAction;
    QAction *m_showValuesAction;
    QAction *m_refreshAction;
    QLineEdit *m_filter;
    QTableView *m_view;
    ErrorBanner *m_error;
    QLabel *m_status;
    QPushButton *m_cancel;
    QPointer<VariableEditDialog> m_dialog;
    QPointer<ResourceBatch> m_batch; // export: the values, read one by one
    QPointer<BulkChange> m_bulk;     // delete and import
    QString m_progress;
    QString m_notice; // the outcome of the last import or export, until the next action
    bool m_exporting = false;
    QString m_keyToSelect; // after a save, once the refresh brings the row
};

} // namespace Windsock::Ui
