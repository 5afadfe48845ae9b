#include "deploymentview.h"

#include "actions/runactions.h"
#include "api/airflowclient.h"
#include "api/dialect.h"
#include "assets/assetspage.h"
#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "dags/dagsourceview.h"
#include "deploymentstatuswidget.h"
#include "explorer/explorerpage.h"
#include "health/healthpage.h"
#include "importerrors/importerrorspage.h"
#include "models/dagmodel.h"
#include "pools/poolspage.h"
#include "resources/configpage.h"
#include "resources/connectionspage.h"
#include "resources/variablespage.h"
#include "runs/runpage.h"
#include "runs/runspage.h"
#include "session.h"
#include "taskinstance/taskinstancepage.h"
#include "watch/runoutcome.h"
#include "watch/runwatcher.h"

#include <QAction>
#include <QDateTime>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

using NodeKind = Models::DagModel::NodeKind;

DeploymentView::DeploymentView(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_dagModel(new Models::DagModel(session->client(), this))
{
    setObjectName(QStringLiteral("deploymentView"));
    m_dagModel->setReadOnly(session->isReadOnly());

    m_runActions = new RunActions(this, this);
    m_runActions->setClient(session->client());
    m_runActions->setReadOnly(session->isReadOnly());
    m_runActions->setProduction(session->deploymentName(), session->isProduction());
    m_watcher = new Watch::RunWatcher(session->client(), this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("deploymentTabs"));
    m_tabs->setDocumentMode(true);
    buildTabs(session);

    // One small line, not a banner: the greyed tabs' tooltips say the rest.
    m_featureNotice = new QLabel(this);
    m_featureNotice->setObjectName(QStringLiteral("featureNotice"));
    m_featureNotice->setWordWrap(true);
    m_featureNotice->setForegroundRole(QPalette::PlaceholderText);
    m_featureNotice->setContentsMargins(6, 2, 6, 2);
    if (!m_unavailablePages.isEmpty()) {
        const Api::Dialect &dialect = session->client()->dialect();
        m_featureNotice->setText(
            dialect.kind() == Api::ApiKind::Experimental
                ? tr("Airflow 1.10 experimental API: some views are unavailable (hover a greyed tab for "
                     "why).")
                : tr("Airflow %1: some views are unavailable (hover a greyed tab for why).")
                      .arg(dialect.serverVersion().version));
    }
    m_featureNotice->setVisible(!m_unavailablePages.isEmpty());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_featureNotice);
    layout->addWidget(m_tabs, 1);

    m_status = new DeploymentStatusWidget(session->client());
    m_status->setObjectName(QStringLiteral("deploymentStatus"));

    connect(m_dagModel, &Models::DagModel::errorOccurred, this, &DeploymentView::errorOccurred);
    connect(m_runActions, &RunActions::changed, this, &DeploymentView::refreshDags);
    connect(m_watcher, &Watch::RunWatcher::stateChanged, this,
            [this](const Api::DagRun &run) { refreshDags({run.dagId}); });
    connect(m_watcher, &Watch::RunWatcher::finished, this, [this](const Watch::RunOutcome &outcome) {
        refreshDags({outcome.run.dagId});
        Q_EMIT runFinished(outcome);
    });
    connect(m_watcher, &Watch::RunWatcher::deleted, this, &DeploymentView::runDeleted);
    connect(m_watcher, &Watch::RunWatcher::problem, this, &DeploymentView::watchProblem);
    // The first page; the tree asks for the next ones as it scrolls. A server without a DAG list (1.10) is
    // not asked: its DAGs are added by id.
    if (session->client()->dialect().supports(Api::Feature::ListDags))
        m_dagModel->fetchMore({});
}

DeploymentView::~DeploymentView()
{
    // The status widget sits in the window's status bar, but its calls belong to this view's session.
    delete m_status;
    // The pages before the model: they hold calls and indexes on it.
    delete m_tabs;
    delete m_dagModel;
}

void DeploymentView::buildTabs(Session *session)
{
    Api::AirflowClient *client = session->client();
    const bool readOnly = session->isReadOnly();
    m_tabs->addTab(buildDagTab(session), tr("DAGs"));

    m_runsPage = new RunsPage(client, m_tabs);
    gateTab(addPage(m_runsPage, tr("Runs"), [this] { m_runsPage->refresh(); }), Api::Feature::RunsAcrossDags);
    connect(m_runsPage, &RunsPage::runActivated, this, &DeploymentView::showRun);

    m_poolsPage = new PoolsPage(client, readOnly, m_tabs);
    m_poolsPage->setProduction(session->deploymentName(), session->isProduction());
    addPage(m_poolsPage, tr("Pools"), [this] { m_poolsPage->refresh(); });
    connect(m_poolsPage, &PoolsPage::taskInstanceActivated, this,
            [this](const QString &dagId, const QString &runId, const QString &taskId) {
                showTaskInstance(dagId, runId, taskId);
            });

    m_variablesPage = new VariablesPage(client, readOnly, m_tabs);
    m_variablesPage->setProduction(session->deploymentName(), session->isProduction());
    gateTab(addPage(m_variablesPage, tr("Variables"), [this] { m_variablesPage->refresh(); }),
            Api::Feature::Variables);
    m_connectionsPage = new ConnectionsPage(client, readOnly, m_tabs);
    m_connectionsPage->setProduction(session->deploymentName(), session->isProduction());
    gateTab(addPage(m_connectionsPage, tr("Connections"), [this] { m_connectionsPage->refresh(); }),
            Api::Feature::Connections);

    m_importErrorsPage = new ImportErrorsPage(client, m_tabs);
    const int importErrorsTab =
        addPage(m_importErrorsPage, tr("Import errors"), [this] { m_importErrorsPage->refresh(); });
    gateTab(importErrorsTab, Api::Feature::ImportErrors);
    connect(m_importErrorsPage, &ImportErrorsPage::countChanged, this, [this, importErrorsTab](int count) {
        m_tabs->setTabText(importErrorsTab,
                           count > 0 ? tr("Import errors (%1)").arg(count) : tr("Import errors"));
    });
    // Airflow 3 calls them assets, Airflow 2 datasets.
    m_assetsPage = new AssetsPage(client, m_tabs);
    gateTab(addPage(m_assetsPage, m_assetsPage->title(), [this] { m_assetsPage->refresh(); }),
            Api::Feature::Assets);
    m_healthPage = new HealthPage(client, m_tabs);
    gateTab(addPage(m_healthPage, tr("Health"), [this] { m_healthPage->refresh(); }), Api::Feature::Health);
    m_configPage = new ConfigPage(client, readOnly, m_tabs);
    gateTab(addPage(m_configPage, tr("Configuration"), [this] { m_configPage->refresh(); }),
            Api::Feature::Config);
    // The API explorer, last: any server can be sent requests (1.10's too, typed by hand). Ctrl+0 shows it.
    m_explorerPage = new ExplorerPage(client, session->profileId(), m_tabs);
    m_explorerPage->setReadOnly(readOnly);
    const int explorerTab = addPage(m_explorerPage, tr("Explorer"), [this] { m_explorerPage->refresh(); });
    auto *showExplorer = new QAction(tr("E&xplorer"), this);
    showExplorer->setObjectName(QStringLiteral("showExplorer"));
    showExplorer->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    showExplorer->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(showExplorer);
    connect(showExplorer, &QAction::triggered, this,
            [this, explorerTab] { m_tabs->setCurrentIndex(explorerTab); });

    // The other pages load when first shown: opening a deployment asks for the DAGs first. The import errors
    // load at once, so that their count shows on the tab.
    connect(m_tabs, &QTabWidget::currentChanged, this, &DeploymentView::onCurrentTabChanged);
    loadPage(m_importErrorsPage);
}

void DeploymentView::gateTab(int index, Api::Feature feature)
{
    QWidget *page = m_tabs->widget(index);
    const QString reason = m_dagModel->client()->dialect().unavailableReason(feature);
    if (reason.isEmpty() || !page)
        return;
    m_unavailablePages.insert(page, reason);
    m_tabs->setTabEnabled(index, false);
    m_tabs->setTabToolTip(index, reason);
}

void DeploymentView::onCurrentTabChanged(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (m_unavailablePages.contains(page)) {
        Q_EMIT noticeOccurred(tr("%1: %2").arg(m_tabs->tabText(index), m_unavailablePages.value(page)));
        m_tabs->setCurrentIndex(m_tabs->isTabEnabled(m_lastTab) ? m_lastTab : 0);
        return;
    }
    m_lastTab = index;
    loadPage(page);
}

int DeploymentView::addPage(QWidget *page, const QString &title, std::function<void()> refresh)
{
    m_refreshers.insert(page, std::move(refresh));
    return m_tabs->addTab(page, title);
}

void DeploymentView::loadPage(QWidget *page)
{
    // A page the server cannot feed never asks it anything.
    if (!page || m_loadedPages.contains(page) || !m_refreshers.contains(page) ||
        m_unavailablePages.contains(page))
        return;
    m_loadedPages.insert(page);
    m_refreshers.value(page)();
}

QWidget *DeploymentView::buildDagTab(Session *session)
{
    Api::AirflowClient *client = session->client();
    auto *splitter = new QSplitter(Qt::Horizontal, m_tabs);
    splitter->setObjectName(QStringLiteral("dagSplitter"));
    splitter->setChildrenCollapsible(false);
    m_sidebar = new DagSidebar(m_dagModel, splitter);
    m_sidebar->setDeployment(session->deploymentName(), session->baseUrl().toDisplayString());
    m_sidebar->setDeploymentColour(session->colour());
    m_sidebar->setProduction(session->deploymentName(), session->isProduction());
    m_sidebar->setProfileId(session->profileId()); // restores DAG ids added by hand (Airflow 1.10)

    m_nodePages = new QStackedWidget(splitter);
    m_nodePages->setObjectName(QStringLiteral("nodePages"));
    m_dagTabs = new QTabWidget(m_nodePages);
    m_dagTabs->setObjectName(QStringLiteral("dagTabs"));
    m_dagTabs->setDocumentMode(true);
    m_details = new DagDetailsPage(client, m_dagModel, m_dagTabs);
    m_source = new DagSourceView(client, m_dagTabs);
    m_dagTabs->addTab(m_details, tr("Overview"));
    m_dagTabs->addTab(m_source, tr("Code"));
    m_runPage = new RunPage(client, m_nodePages);
    m_runPage->setReadOnly(session->isReadOnly());
    m_taskPage = new TaskInstancePage(client, m_nodePages);
    m_taskPage->setReadOnly(session->isReadOnly());
    m_nodePages->addWidget(m_dagTabs);
    m_nodePages->addWidget(m_runPage);
    m_nodePages->addWidget(m_taskPage);

    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_nodePages);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({700, 560});

    // The run actions and Watch act on the tree's selection, with their shortcuts while the tree has focus.
    m_watchAction = new QAction(tr("&Watch Run"), this);
    m_watchAction->setObjectName(QStringLiteral("watchRun"));
    m_watchAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_W));
    m_watchAction->setToolTip(tr("Follow the selected runs to their end and say how they ended (Shift+W)"));
    connect(m_watchAction, &QAction::triggered, this, &DeploymentView::watchSelectedRuns);
    QList<QAction *> runActions = m_runActions->runActions();
    runActions.append(m_watchAction);
    m_sidebar->setRunActions(runActions);
    m_sidebar->setTaskInstanceActions(m_runActions->taskInstanceActions());

    connect(m_details, &DagDetailsPage::errorOccurred, this, &DeploymentView::errorOccurred);
    connect(m_sidebar, &DagSidebar::currentNodeChanged, this, &DeploymentView::showCurrentNode);
    connect(m_sidebar, &DagSidebar::selectionChanged, this, &DeploymentView::updateSelection);
    connect(m_runPage, &RunPage::taskInstanceActivated, this, &DeploymentView::showTaskInstance);
    connect(m_taskPage, &TaskInstancePage::runActivated, this, &DeploymentView::showRun);
    updateSelection();
    return splitter;
}

QWidget *DeploymentView::currentNodePage() const
{
    return m_nodePages->currentWidget();
}

void DeploymentView::showCurrentNode(NodeKind kind, const QString &dagId, const QString &dagRunId,
                                     const QString &taskId)
{
    switch (kind) {
    case NodeKind::Dag: {
        m_details->showDag(dagId);
        const QModelIndex index = m_dagModel->indexOfDag(dagId);
        const QString fileToken =
            index.isValid() ? index.data(Models::DagModel::DagRole).value<Api::Dag>().fileToken : QString();
        // A DAG the list does not hold (added by id on 1.10) is read first: its file token comes with it.
        if (fileToken.isEmpty())
            m_source->showDag(dagId);
        else
            m_source->setDag(dagId, fileToken);
        m_nodePages->setCurrentWidget(m_dagTabs);
        break;
    }
    case NodeKind::Run:
        showRun(dagId, dagRunId);
        break;
    case NodeKind::TaskInstance: {
        const auto instance = m_sidebar->currentTaskInstance();
        showTaskInstance(dagId, dagRunId, taskId, instance ? instance->mapIndex : -1);
        break;
    }
    }
}

void DeploymentView::showRun(const QString &dagId, const QString &dagRunId)
{
    m_runPage->setRun(dagId, dagRunId);
    m_nodePages->setCurrentWidget(m_runPage);
    m_tabs->setCurrentIndex(0);
}

void DeploymentView::showTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                      int mapIndex)
{
    m_taskPage->setTaskInstance(dagId, dagRunId, taskId, mapIndex);
    m_nodePages->setCurrentWidget(m_taskPage);
    m_tabs->setCurrentIndex(0);
}

void DeploymentView::updateSelection()
{
    const QList<Api::DagRun> runs = m_sidebar->selectedRuns();
    m_runActions->setSelection(runs, m_sidebar->selectedTaskInstances());
    m_watchAction->setEnabled(!runs.isEmpty());
    Q_EMIT dagSelectionChanged();
}

void DeploymentView::watchSelectedRuns()
{
    const QList<Api::DagRun> runs = m_sidebar->selectedRuns();
    for (const Api::DagRun &run : runs)
        watchRun(run.dagId, run.dagRunId);
}

void DeploymentView::watchRun(const QString &dagId, const QString &dagRunId)
{
    if (m_watcher->isWatching(dagId, dagRunId))
        return;
    m_watcher->watch(dagId, dagRunId);
    Q_EMIT noticeOccurred(tr("Watching %1 %2: you will be told how it ends.").arg(dagId, dagRunId));
}

void DeploymentView::refreshDags(const QStringList &dagIds)
{
    for (const QString &dagId : dagIds)
        m_dagModel->refreshDag(dagId);
    if (m_nodePages->currentWidget() == m_runPage)
        m_runPage->refresh();
    else if (m_nodePages->currentWidget() == m_taskPage)
        m_taskPage->refresh();
    else if (dagIds.contains(m_details->dagId()))
        m_details->refresh();
}

void DeploymentView::reload()
{
    m_dagModel->reload();
    m_details->refresh();
    m_status->refresh();
    for (QWidget *page : std::as_const(m_loadedPages))
        m_refreshers.value(page)();
}

} // namespace Windsock::Ui
