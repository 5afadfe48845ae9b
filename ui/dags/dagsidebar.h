#pragma once

#include "api/types.h"
#include "models/dagmodel.h"

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QTimer;
class QToolButton;
class QTreeView;

namespace Windsock::Models {
class DagSortFilterProxyModel;
} // namespace Windsock::Models

namespace Windsock::Ui {

class AddDagBar;

// The left side of the main window: the deployment's name, a filter line, a filter bar and the tree of
// DAGs, their runs and the runs' task instances.
//
// The tree sorts each level by clicking a header and fills page by page through the model's
// canFetchMore()/fetchMore(): QTreeView asks for the next page of DAGs as the user scrolls, for the runs of
// a DAG when it is expanded (and the next ones when scrolled to the end), for a run's task instances when it
// is expanded. The filter line narrows the loaded DAGs as the user types (DAG id, owners, tags); a moment
// after the last key it also asks the server for DAG ids containing the text, so DAGs on pages not loaded
// yet are found at once. The Filters button narrows by tags (any or all), owner, paused and the newest run's
// state, like the Airflow UI. Refresh (F5) and the auto-refresh choice update every loaded row in place, so
// the expansion, the selection and the scroll position stay. The Paused column is a check box that pauses
// and unpauses through the model. States are coloured by RunStateDelegate.
//
// When the API cannot list DAGs (Airflow 1.10), an AddDagBar above the tree says why and adds DAG ids by
// hand; "Remove from list" (Delete) in a DAG row's context menu takes them out again. The list is kept per
// profile (setProfileId()). On APIs that list DAGs none of this shows.
class DagSidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit DagSidebar(Models::DagModel *model, QWidget *parent = nullptr);

    void setDeployment(const QString &name, const QString &detail);
    // The profile's colour as a swatch before the name; invalid = none.
    void setDeploymentColour(const QColor &colour);
    // A production profile: pausing or unpausing several DAGs at once asks for its name first.
    void setProduction(const QString &profileName, bool production);
    // The connection profile shown: where a list of DAG ids added by hand is saved and restored from.
    void setProfileId(const QString &profileId);
    // Actions offered in the tree's context menu, by the level of the row clicked: DAG actions (Trigger,
    // Pause, Unpause, Copy DAG id), run actions (clear, mark, delete, note, watch), task-instance actions.
    // Owned by the caller. Their shortcuts work while the tree has focus.
    void setDagActions(const QList<QAction *> &actions);
    void setRunActions(const QList<QAction *> &actions);
    void setTaskInstanceActions(const QList<QAction *> &actions);
    // The actions the context menu offers at this row of the tree (a proxy index; invalid = the DAG's).
    QList<QAction *> contextActions(const QModelIndex &index) const;

    QTreeView *dagTree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    QToolButton *filterButton() const { return m_filterButton; }
    QComboBox *autoRefreshBox() const { return m_autoRefresh; }
    QAction *refreshAction() const { return m_refreshAction; }
    Models::DagSortFilterProxyModel *proxyModel() const { return m_proxy; }
    // Adding DAG ids by hand: null when the API lists DAGs.
    AddDagBar *addDagBar() const { return m_addDagBar; }
    // Takes the selected DAGs out of the hand-added list (Delete); null when the API lists DAGs.
    QAction *removeDagAction() const { return m_removeDagAction; }

    // The DAG of the current row, at any level.
    QString currentDagId() const;
    Models::DagModel::NodeKind currentNodeKind() const;
    // The current run: the current row's, or the run of the current task instance.
    std::optional<Api::DagRun> currentDagRun() const;
    std::optional<Api::TaskInstance> currentTaskInstance() const;
    // The selected rows of each level, in the view's order.
    QStringList selectedDagIds() const;
    QList<Api::DagRun> selectedRuns() const;
    QList<Api::TaskInstance> selectedTaskInstances() const;
    // Whether any selected DAG is paused / active: for enabling Unpause / Pause.
    bool selectionHasPaused(bool paused) const;

    // The auto-refresh choices, in milliseconds (0 = off), as the box offers them.
    static QList<int> autoRefreshChoices();

public Q_SLOTS:
    void focusFilter();
    void pauseSelected();
    void unpauseSelected();
    void copySelectedDagIds();
    void removeSelectedDags();
    void refresh();
    void setAutoRefreshInterval(int ms);

Q_SIGNALS:
    void currentDagChanged(const QString &dagId);
    // The current row changed: its level and ids (dagRunId empty on a DAG, taskId empty above a task).
    void currentNodeChanged(Windsock::Models::DagModel::NodeKind kind, const QString &dagId,
                            const QString &dagRunId, const QString &taskId);
    void selectionChanged();

private:
    void setSelectedPaused(bool paused);
    void updateTreeActions();
    void showContextMenu(const QPoint &position);
    void searchServer();
    void updateFooter();
    void selectDag(const QString &dagId);
    void updateFilterButton();
    void selectFirstDagOnce();
    void configureColumns();
    void buildFilterMenu();
    void currentRowChanged(const QModelIndex &current);
    QModelIndexList selectedRowsOf(Models::DagModel::NodeKind kind) const;

    Models::DagModel *m_model;
    Models::DagSortFilterProxyModel *m_proxy;
    QLabel *m_deploymentColour;
    QLabel *m_deploymentName;
    QLabel *m_deploymentDetail;
    QLineEdit *m_filter;
    QToolButton *m_filterButton;
    QMenu *m_filterMenu;
    QToolButton *m_refreshButton;
    QAction *m_refreshAction;
    QComboBox *m_autoRefresh;
    QTreeView *m_tree;
    QLabel *m_footer;
    AddDagBar *m_addDagBar = nullptr;
    QAction *m_removeDagAction = nullptr;
    QAction *m_removeDagSeparator = nullptr;
    QTimer *m_searchDebounce;
    QList<QAction *> m_dagActions;
    QList<QAction *> m_runActions;
    QList<QAction *> m_taskInstanceActions;
    QString m_currentDagId;
    QString m_productionName;
    bool m_production = false;
    bool m_selectedFirst = false;
};

} // namespace Windsock::Ui
