#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QModelIndex;
class QToolBar;
class QTreeView;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class PoolModel;
}

namespace Windsock::Ui {

class BulkChange;
class PoolEditDialog;

// The pools of a deployment: a tree of pools (slots, running, queued, ... and the slot usage as a bar) with
// each pool's running and queued task instances under it, loaded when the pool is expanded. A tool bar holds
// Add, Edit, Delete (of every selected pool, in one bulk call, after a confirmation; the Delete key too) and
// Refresh; readOnly disables the three that
// change the server. Errors show in the page in plain words (the server's reason when it refuses, e.g. to
// delete default_pool). The page owns its model.
class PoolsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit PoolsPage(Api::AirflowClient *client, bool readOnly = false, QWidget *parent = nullptr);
    // A production profile: deleting asks the user to type the profile's name (ProductionGuard) instead of
    // a yes/no question.
    void setProduction(const QString &profileName, bool production)
    {
        m_productionName = profileName;
        m_production = production;
    }
    ~PoolsPage() override;

    Models::PoolModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // The page's actions; more are added here (and to the view's context menu) as they come.
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *addAction() const { return m_addAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    // The editor open now, if any.
    PoolEditDialog *editDialog() const;
    bool isReadOnly() const { return m_readOnly; }
    bool isDeleting() const { return m_deleting; }
    QString statusText() const;
    QString errorText() const;
    // The pool of the current row (a task instance's pool when one is selected); empty when none.
    QString currentPoolName() const;
    // The pools of the selected pool rows in the view's order; the current pool when no pool row is selected.
    QStringList selectedPoolNames() const;

public Q_SLOTS:
    void refresh();
    void addPool();
    void editPool();
    void deletePool();
    void deletePools(const QStringList &names, bool withDefault);

Q_SIGNALS:
    // A task instance was double-clicked (for the lead to open its run or log).
    void taskInstanceActivated(const QString &dagId, const QString &runId, const QString &taskId);

private:
    void activate(const QModelIndex &index);
    void updateStatus();
    void showError(const QString &message);
    void openDialog(PoolEditDialog *dialog);
    void updateActions();

    Api::AirflowClient *m_client;
    bool m_readOnly;
    QString m_productionName;
    bool m_production = false;
    bool m_deleting = false;
    QPointer<BulkChange> m_bulk;
    Models::PoolModel *m_model;
    QToolBar *m_toolBar;
    QAction *m_refreshAction;
    QAction *m_addAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QPointer<PoolEditDialog> m_dialog;
    QTreeView *m_view;
    QLabel *m_error;
    QLabel *m_status;
};

} // namespace Windsock::Ui
