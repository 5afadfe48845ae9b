#pragma once

#include "api/features.h"
#include "models/dagmodel.h"

#include <QHash>
#include <QSet>
#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace Windsock::Watch {
class RunWatcher;
struct RunOutcome;
} // namespace Windsock::Watch

namespace Windsock::Ui {

class AssetsPage;
class ConfigPage;
class ConnectionsPage;
class DagDetailsPage;
class DagSidebar;
class DagSourceView;
class DeploymentStatusWidget;
class ExplorerPage;
class HealthPage;
class ImportErrorsPage;
class PoolsPage;
class RunActions;
class RunPage;
class RunsPage;
class Session;
class TaskInstancePage;
class VariablesPage;

// Everything shown for one open deployment, in tabs: DAGs (the DAG -> run -> task tree beside the page of
// the current node: the DAG with its code, the run, or the task instance with its log), Runs across DAGs,
// Pools, Variables, Connections, Import errors, Health and Configuration. It owns the models, the run
// actions (clear, mark, delete, note: with the server's preview) and the run watcher of this deployment,
// and the status widget (which the window puts in its status bar; it goes with this view).
//
// Built for one session and destroyed before it, so that switching profiles replaces the whole tree of
// widgets and calls cleanly.
//
// A tab whose feature the server cannot do (1.10 has no variables, no health, ...) is disabled with the
// dialect's reason as its tooltip, its page never asks the server anything, and a line above the tabs says
// that some views are unavailable.
class DeploymentView final : public QWidget
{
    Q_OBJECT

public:
    DeploymentView(Session *session, QWidget *parent = nullptr);
    ~DeploymentView() override;

    Models::DagModel *dagModel() const { return m_dagModel; }
    DagSidebar *dagSidebar() const { return m_sidebar; }
    DagDetailsPage *dagDetailsPage() const { return m_details; }
    DagSourceView *dagSourceView() const { return m_source; }
    RunPage *runPage() const { return m_runPage; }
    TaskInstancePage *taskInstancePage() const { return m_taskPage; }
    RunsPage *runsPage() const { return m_runsPage; }
    PoolsPage *poolsPage() const { return m_poolsPage; }
    VariablesPage *variablesPage() const { return m_variablesPage; }
    ConnectionsPage *connectionsPage() const { return m_connectionsPage; }
    ImportErrorsPage *importErrorsPage() const { return m_importErrorsPage; }
    AssetsPage *assetsPage() const { return m_assetsPage; }
    HealthPage *healthPage() const { return m_healthPage; }
    ConfigPage *configPage() const { return m_configPage; }
    ExplorerPage *explorerPage() const { return m_explorerPage; }
    DeploymentStatusWidget *statusWidget() const { return m_status; }
    QTabWidget *tabs() const { return m_tabs; }
    // "Airflow 1.10 experimental API: some views are unavailable ..."; hidden when every tab is usable.
    QLabel *featureNotice() const { return m_featureNotice; }
    // The page beside the DAG tree: the DAG's tabs, the run, or the task instance.
    QWidget *currentNodePage() const;
    RunActions *runActions() const { return m_runActions; }
    Watch::RunWatcher *runWatcher() const { return m_watcher; }
    QAction *watchAction() const { return m_watchAction; }

    void reload();
    // Shows a run or a task instance beside the DAG tree (from the runs tab, a pool, a notification).
    void showRun(const QString &dagId, const QString &dagRunId);
    void showTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                          int mapIndex = -1);
    // Follows the run to its end; the tree follows its state, and runFinished() says how it ended.
    void watchRun(const QString &dagId, const QString &dagRunId);

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void noticeOccurred(const QString &message);
    void dagSelectionChanged();
    void runFinished(const Windsock::Watch::RunOutcome &outcome);
    void runDeleted(const QString &dagId, const QString &dagRunId, const QString &message);
    void watchProblem(const QString &dagId, const QString &dagRunId, const QString &message);

private:
    QWidget *buildDagTab(Session *session);
    void buildTabs(Session *session);
    void showCurrentNode(Models::DagModel::NodeKind kind, const QString &dagId, const QString &dagRunId,
                         const QString &taskId);
    void updateSelection();
    void watchSelectedRuns();
    void refreshDags(const QStringList &dagIds);
    // A tab with the function that (re)loads it; pages load when first shown.
    int addPage(QWidget *page, const QString &title, std::function<void()> refresh);
    // Disables the tab when the server cannot do `feature`, with the reason as its tooltip.
    void gateTab(int index, Api::Feature feature);
    void loadPage(QWidget *page);
    // A disabled tab reached anyway (Ctrl+2 sets the index whatever the tab's state): back to the last one.
    void onCurrentTabChanged(int index);

    Models::DagModel *m_dagModel;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_featureNotice = nullptr;
    int m_lastTab = 0;
    DagSidebar *m_sidebar = nullptr;
    QStackedWidget *m_nodePages = nullptr;
    QTabWidget *m_dagTabs = nullptr;
    DagDetailsPage *m_details = nullptr;
    DagSourceView *m_source = nullptr;
    RunPage *m_runPage = nullptr;
    TaskInstancePage *m_taskPage = nullptr;
    RunsPage *m_runsPage = nullptr;
    PoolsPage *m_poolsPage = nullptr;
    VariablesPage *m_variablesPage = nullptr;
    ConnectionsPage *m_connectionsPage = nullptr;
    ImportErrorsPage *m_importErrorsPage = nullptr;
    AssetsPage *m_assetsPage = nullptr;
    HealthPage *m_healthPage = nullptr;
    ConfigPage *m_configPage = nullptr;
    ExplorerPage *m_explorerPage = nullptr;
    DeploymentStatusWidget *m_status = nullptr;
    RunActions *m_runActions = nullptr;
    Watch::RunWatcher *m_watcher = nullptr;
    QAction *m_watchAction = nullptr;
    QHash<QWidget *, std::function<void()>> m_refreshers;
    QSet<QWidget *> m_loadedPages;
    QHash<QWidget *, QString> m_unavailablePages; // a gated tab's page and why
};

} // namespace Windsock::Ui
