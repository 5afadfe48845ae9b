#pragma once

#include "fleet/fleetmember.h"
#include "profiles/profile.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace Windsock::Fleet {
class FleetRefresher;
}
namespace Windsock::Models {
class FleetModel;
class FleetRunsModel;
} // namespace Windsock::Models
namespace Windsock::Profiles {
class ProfileStore;
}

namespace Windsock::Ui {

class CompareDagDialog;
class CopyResourcesDialog;
class FleetRunsPanel;

// The window's first tab: every profile in one table (reachability, API, version, health, DAGs, runs running
// and failed in the last day, import errors), sortable and filterable, over the tree of failed and running
// runs across the open deployments. Refresh all probes every profile at once (the refresher limits how many
// per host); Compare DAG… and Copy variables/pools… work on the deployments that answered.
//
// The page follows the profile store (added, edited, deleted profiles) and asks the refresher; the window
// owns the refresher and opens a deployment's tab when the page asks (deploymentActivated, runActivated).
class FleetPage final : public QWidget
{
    Q_OBJECT

public:
    FleetPage(Fleet::FleetRefresher *refresher, Profiles::ProfileStore *store, QWidget *parent = nullptr);
    ~FleetPage() override;

    Models::FleetModel *fleetModel() const { return m_model; }
    // The table's model: the fleet model sorted (by FleetModel::SortRole) and filtered by the filter line.
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    Models::FleetRunsModel *runsModel() const { return m_runsModel; }
    FleetRunsPanel *runsPanel() const { return m_runsPanel; }
    // "No profile yet: …"; shown instead of the table when there is no profile.
    QLabel *emptyNotice() const { return m_emptyNotice; }

    QAction *refreshAction() const { return m_refreshAction; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *copyVariablesAction() const { return m_copyVariablesAction; }
    QAction *copyPoolsAction() const { return m_copyPoolsAction; }

    // The dialogs open last (window-modal, not exec()'d; null when none is open): test seams.
    CompareDagDialog *compareDialog() const;
    CopyResourcesDialog *copyDialog() const;

    // The reachable deployments, in the table's order of the profiles.
    QList<Fleet::FleetMember> reachableMembers() const;
    bool hasRefreshed() const { return m_refreshed; }
    // Buttons on the page shown while there is no profile (New Profile…, Discover Deployments…).
    void setEmptyPageActions(const QList<QAction *> &actions);
    // "3 of 4 deployments answer, refreshed in 1.2 s".
    QLabel *summaryLabel() const { return m_summary; }

public Q_SLOTS:
    // Probes every profile again (and refreshes the runs tree when the probes are done).
    void refreshAll();
    // The store's profiles changed (added, deleted, imported): the table follows.
    void reloadProfiles();
    // A profile and its secret were saved (the editor, discovery): it is probed (again) when the fleet has
    // been refreshed.
    void profileSaved(const QString &profileId);
    void profileDeleted(const QString &profileId);
    CompareDagDialog *openCompare();
    CopyResourcesDialog *openCopy(bool pools);

Q_SIGNALS:
    // Open (or show) this deployment's tab.
    void deploymentActivated(const QString &profileId);
    // Open this deployment and show the run.
    void runActivated(const QString &profileId, const QString &dagId, const QString &dagRunId);
    void errorOccurred(const QString &message);
    void noticeOccurred(const QString &message);
    // A deployment opened in the refresher (its client is kept): the window wires notifications to it.
    void memberOpened(const Windsock::Fleet::FleetMember &member);

protected:
    // The first time the page is shown, the fleet is refreshed.
    void showEvent(QShowEvent *event) override;

private:
    void fitColumns();
    void buildActions();
    void updateEmpty();
    void updateActions();
    void onRefreshFinished(qint64 elapsedMs);
    void activateRow(const QModelIndex &proxyIndex);

    Fleet::FleetRefresher *m_refresher;
    Profiles::ProfileStore *m_store;
    Models::FleetModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    Models::FleetRunsModel *m_runsModel = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyPage = nullptr;
    QLabel *m_emptyNotice = nullptr;
    QWidget *m_emptyButtons = nullptr;
    QStringList m_profileIds; // the store's, as the table shows them
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    FleetRunsPanel *m_runsPanel = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_copyVariablesAction = nullptr;
    QAction *m_copyPoolsAction = nullptr;
    QPointer<CompareDagDialog> m_compareDialog;
    QPointer<CopyResourcesDialog> m_copyDialog;
    bool m_refreshed = false;
};

} // namespace Windsock::Ui
