#include "fleetpage.h"

#include "comparedagdialog.h"
#include "copyresourcesdialog.h"
#include "fleet/fleetrefresher.h"
#include "fleet/fleetstatus.h"
#include "fleetrunspanel.h"
#include "models/fleetmodel.h"
#include "models/fleetrunsmodel.h"
#include "profiles/profilestore.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

FleetPage::FleetPage(Fleet::FleetRefresher *refresher, Profiles::ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_refresher(refresher)
    , m_store(store)
{
    m_model = new Models::FleetModel(refresher, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setObjectName(QStringLiteral("fleetProxy"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Models::FleetModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // name, status, version, health...
    m_runsModel = new Models::FleetRunsModel(this);

    buildActions();
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("fleetToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_refreshAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addAction(m_copyVariablesAction);
    m_toolBar->addAction(m_copyPoolsAction);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("fleetFilter"));
    m_filter->setPlaceholderText(tr("Filter deployments"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(260);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_toolBar);
    top->addStretch(1);
    top->addWidget(m_summary);
    top->addSpacing(8);
    top->addWidget(m_filter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fleetTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Models::FleetModel::Deployment, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a deployment to open it in a tab of its own"));
    // Enter or a double-click (the platform's activation) opens the deployment.
    connect(m_table, &QAbstractItemView::activated, this, &FleetPage::activateRow);

    m_runsPanel = new FleetRunsPanel(m_runsModel, this);
    m_runsPanel->setObjectName(QStringLiteral("fleetRunsPanel"));
    connect(m_runsPanel, &FleetRunsPanel::runActivated, this, &FleetPage::runActivated);
    connect(m_runsModel, &Models::FleetRunsModel::errorOccurred, this,
            [this](const QString &, const QString &) {
                // The deployment's row in the tree says what failed; the summary only counts.
                updateActions();
            });

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("fleetSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_runsPanel);
    // The table needs a row per profile; the runs below are many more.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({200, 500});

    // No profile yet: say how to get one instead of an empty table.
    m_emptyPage = new QWidget(this);
    m_emptyPage->setObjectName(QStringLiteral("fleetEmptyPage"));
    m_emptyNotice = new QLabel(m_emptyPage);
    m_emptyNotice->setObjectName(QStringLiteral("fleetEmptyNotice"));
    m_emptyNotice->setAlignment(Qt::AlignCenter);
    m_emptyNotice->setWordWrap(true);
    m_emptyNotice->setText(
        tr("No connection profile yet. Add one with File › New Profile… (Ctrl+N), or find your Astro and "
           "Astronomer Software deployments with File › Discover Deployments…; every profile then shows here "
           "with its status, version, health and runs."));
    m_emptyButtons = new QWidget(m_emptyPage);
    auto *buttons = new QHBoxLayout(m_emptyButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyNotice);
    emptyLayout->addWidget(m_emptyButtons, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_emptyPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    if (m_refresher) {
        connect(m_refresher, &Fleet::FleetRefresher::refreshFinished, this, &FleetPage::onRefreshFinished);
        connect(m_refresher, &Fleet::FleetRefresher::memberOpened, this, &FleetPage::memberOpened);
    }
    if (m_store)
        connect(m_store, &Profiles::ProfileStore::profilesChanged, this, &FleetPage::reloadProfiles);
    reloadProfiles();
    fitColumns();
}

void FleetPage::fitColumns()
{
    m_table->resizeColumnsToContents();
    // The API column also carries why a deployment did not answer: a sentence, elided here and whole in its
    // tooltip, so that the counts stay in view.
    const int widest =
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("Airflow 1.10 (experimental)")) + 24;
    if (m_table->columnWidth(Models::FleetModel::Api) > widest)
        m_table->setColumnWidth(Models::FleetModel::Api, widest);
}

FleetPage::~FleetPage()
{
    // The dialogs and the runs tree hold the fleet's clients: they go first, while the refresher's network
    // access manager is there.
    delete m_compareDialog.data();
    delete m_copyDialog.data();
    delete m_runsPanel;
    delete m_runsModel;
}

void FleetPage::buildActions()
{
    m_refreshAction = new QAction(tr("&Refresh All"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshFleet"));
    // F5 while the fleet tab is in front: the action lives on this page, and a hidden page takes no shortcut.
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WindowShortcut);
    m_refreshAction->setToolTip(tr("Ask every deployment for its status again (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, &FleetPage::refreshAll);
    addAction(m_refreshAction);

    m_compareAction = new QAction(tr("&Compare DAG…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareDag"));
    m_compareAction->setToolTip(tr("One DAG side by side across the deployments that answer"));
    connect(m_compareAction, &QAction::triggered, this, &FleetPage::openCompare);

    m_copyVariablesAction = new QAction(tr("Copy &Variables…"), this);
    m_copyVariablesAction->setObjectName(QStringLiteral("copyVariables"));
    m_copyVariablesAction->setToolTip(tr("Copy variables from one deployment to others, with a preview"));
    connect(m_copyVariablesAction, &QAction::triggered, this, [this] { openCopy(false); });

    m_copyPoolsAction = new QAction(tr("Copy &Pools…"), this);
    m_copyPoolsAction->setObjectName(QStringLiteral("copyPools"));
    m_copyPoolsAction->setToolTip(tr("Copy pools from one deployment to others, with a preview"));
    connect(m_copyPoolsAction, &QAction::triggered, this, [this] { openCopy(true); });
}

void FleetPage::setEmptyPageActions(const QList<QAction *> &actions)
{
    auto *layout = static_cast<QHBoxLayout *>(m_emptyButtons->layout());
    for (QAction *action : actions) {
        if (!action)
            continue;
        auto *button = new QToolButton(m_emptyButtons);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layout->addWidget(button);
    }
}

void FleetPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_refreshed)
        refreshAll();
}

void FleetPage::refreshAll()
{
    m_refreshed = true;
    if (!m_refresher || !m_store || m_store->profiles().isEmpty()) {
        updateEmpty();
        return;
    }
    m_summary->setText(tr("Refreshing…"));
    m_refresher->refresh(m_store->profiles());
}

void FleetPage::reloadProfiles()
{
    const QList<Profiles::Profile> profiles = m_store ? m_store->profiles() : QList<Profiles::Profile>();
    QStringList ids;
    for (const Profiles::Profile &profile : profiles)
        ids.append(profile.id);
    const QSet<QString> before(m_profileIds.cbegin(), m_profileIds.cend());
    const QSet<QString> after(ids.cbegin(), ids.cend());
    m_profileIds = ids;
    m_model->setProfiles(profiles);

    // A deleted profile: nothing keeps its client or shows its runs.
    bool membersChanged = false;
    for (const QString &id : before) {
        if (after.contains(id) || !m_refresher)
            continue;
        m_refresher->removeProfile(id);
        membersChanged = true;
    }
    if (membersChanged)
        m_runsModel->setMembers(reachableMembers());
    // A new profile gets its row here, and is probed on profileSaved(): its secret is written after the
    // profile, so probing now would only find it missing.
    updateEmpty();
    updateActions();
}

void FleetPage::profileSaved(const QString &profileId)
{
    if (!m_refreshed || !m_refresher || !m_store)
        return;
    if (const std::optional<Profiles::Profile> profile = m_store->profile(profileId))
        m_refresher->refreshOne(*profile);
}

void FleetPage::profileDeleted(const QString &profileId)
{
    if (m_refresher)
        m_refresher->removeProfile(profileId);
    reloadProfiles();
    m_runsModel->setMembers(reachableMembers());
}

void FleetPage::updateEmpty()
{
    m_stack->setCurrentWidget(m_profileIds.isEmpty() ? m_emptyPage : static_cast<QWidget *>(m_splitter));
    m_filter->setEnabled(!m_profileIds.isEmpty());
    m_refreshAction->setEnabled(!m_profileIds.isEmpty());
    if (m_profileIds.isEmpty())
        m_summary->clear();
}

void FleetPage::updateActions()
{
    const bool some = !m_profileIds.isEmpty();
    m_compareAction->setEnabled(some);
    m_copyVariablesAction->setEnabled(some);
    m_copyPoolsAction->setEnabled(some);
}

void FleetPage::onRefreshFinished(qint64 elapsedMs)
{
    const QList<Fleet::FleetMember> members = reachableMembers();
    m_summary->setText(tr("%1 of %2 answer · refreshed in %3 s")
                           .arg(members.size())
                           .arg(m_profileIds.size())
                           .arg(QString::number(double(elapsedMs) / 1000.0, 'f', 1)));
    fitColumns();
    // The runs tree follows the deployments that answered.
    m_runsModel->setMembers(members);
    m_runsModel->refresh();
}

CompareDagDialog *FleetPage::compareDialog() const
{
    return m_compareDialog;
}

CopyResourcesDialog *FleetPage::copyDialog() const
{
    return m_copyDialog;
}

QList<Fleet::FleetMember> FleetPage::reachableMembers() const
{
    QList<Fleet::FleetMember> members;
    if (!m_refresher)
        return members;
    for (const QString &id : m_profileIds) {
        const std::optional<Fleet::FleetStatus> status = m_refresher->status(id);
        const Fleet::FleetMember member = m_refresher->member(id);
        if (status && Fleet::isReachable(status->reachability) && member.isValid())
            members.append(member);
    }
    return members;
}

void FleetPage::activateRow(const QModelIndex &proxyIndex)
{
    const QString profileId = proxyIndex.data(Models::FleetModel::ProfileIdRole).toString();
    if (!profileId.isEmpty())
        Q_EMIT deploymentActivated(profileId);
}

CompareDagDialog *FleetPage::openCompare()
{
    const QList<Fleet::FleetMember> members = reachableMembers();
    if (members.size() < 2) {
        Q_EMIT noticeOccurred(tr("Comparing needs two deployments that answer, and %1 of %2 answer now. "
                                 "Refresh All, or check the ones marked unreachable.")
                                  .arg(members.size())
                                  .arg(m_profileIds.size()));
        return nullptr;
    }
    delete m_compareDialog.data();
    // The DAG of the runs tree's current row, if any, to start with.
    const QString dagId =
        m_runsPanel->view()->currentIndex().data(Models::FleetRunsModel::DagIdRole).toString();
    m_compareDialog = new CompareDagDialog(members, dagId, this);
    m_compareDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_compareDialog->setWindowModality(Qt::WindowModal);
    m_compareDialog->open();
    return m_compareDialog;
}

CopyResourcesDialog *FleetPage::openCopy(bool pools)
{
    const QList<Fleet::FleetMember> members = reachableMembers();
    if (members.size() < 2) {
        Q_EMIT noticeOccurred(tr("Copying needs two deployments that answer (a source and a target), and %1 "
                                 "of %2 answer now. Refresh All, or check the ones marked unreachable.")
                                  .arg(members.size())
                                  .arg(m_profileIds.size()));
        return nullptr;
    }
    delete m_copyDialog.data();
    m_copyDialog =
        new CopyResourcesDialog(members, pools ? Fleet::CopyKind::Pools : Fleet::CopyKind::Variables, this);
    m_copyDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_copyDialog->setWindowModality(Qt::WindowModal);
    m_copyDialog->open();
    return m_copyDialog;
}

} // namespace Windsock::Ui
