#include "dagsidebar.h"

#include "actions/productionguard.h"
#include "adddagbar.h"
#include "models/dagsortfilterproxymodel.h"
#include "runstatedelegate.h"

#include <QAction>
#include <QActionGroup>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPointer>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
constexpr int SearchDebounceMs = 300;
using Models::DagModel;
using Models::DagSortFilterProxyModel;
using NodeKind = Models::DagModel::NodeKind;
} // namespace

DagSidebar::DagSidebar(Models::DagModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new Models::DagSortFilterProxyModel(this))
    , m_deploymentColour(new QLabel(this))
    , m_deploymentName(new QLabel(this))
    , m_deploymentDetail(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_filterButton(new QToolButton(this))
    , m_filterMenu(new QMenu(this))
    , m_refreshButton(new QToolButton(this))
    , m_refreshAction(new QAction(tr("Refresh"), this))
    , m_autoRefresh(new QComboBox(this))
    , m_tree(new QTreeView(this))
    , m_footer(new QLabel(this))
    , m_searchDebounce(new QTimer(this))
{
    m_proxy->setSourceModel(model);

    m_deploymentName->setObjectName(QStringLiteral("deploymentName"));
    QFont nameFont = m_deploymentName->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    m_deploymentName->setFont(nameFont);
    m_deploymentDetail->setObjectName(QStringLiteral("deploymentDetail"));
    m_deploymentDetail->setForegroundRole(QPalette::PlaceholderText);
    m_deploymentDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter->setObjectName(QStringLiteral("dagFilter"));
    m_filter->setPlaceholderText(tr("Filter by DAG id, owner or tag"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Narrows the list as you type; DAG ids are also looked up on the server."));

    // The filter bar: Filters (tags, owner, paused, newest run), Refresh, auto-refresh.
    m_filterButton->setObjectName(QStringLiteral("dagFilters"));
    m_filterButton->setPopupMode(QToolButton::InstantPopup);
    m_filterButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_filterButton->setMenu(m_filterMenu);
    m_filterButton->setToolTip(
        tr("Show only DAGs with some tags, an owner, paused or active, or whose newest "
           "run is in a state"));
    connect(m_filterMenu, &QMenu::aboutToShow, this, &DagSidebar::buildFilterMenu);

    m_refreshAction->setObjectName(QStringLiteral("refreshDags"));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_refreshAction->setToolTip(tr("Update the DAGs, runs and task instances shown (F5)"));
    addAction(m_refreshAction);
    connect(m_refreshAction, &QAction::triggered, this, &DagSidebar::refresh);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setDefaultAction(m_refreshAction);
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_autoRefresh->setObjectName(QStringLiteral("autoRefresh"));
    m_autoRefresh->setToolTip(tr("Refresh on its own every so often"));
    m_autoRefresh->addItem(tr("Auto-refresh off"), 0);
    m_autoRefresh->addItem(tr("Every 10 s"), 10000);
    m_autoRefresh->addItem(tr("Every 30 s"), 30000);
    m_autoRefresh->addItem(tr("Every minute"), 60000);
    m_autoRefresh->addItem(tr("Every 5 minutes"), 300000);
    connect(m_autoRefresh, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_model->setAutoRefreshInterval(m_autoRefresh->itemData(index).toInt()); });

    m_tree->setObjectName(QStringLiteral("dagTree"));
    m_tree->setModel(m_proxy);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(DagModel::DagId, Qt::AscendingOrder);
    // One delegate for the three levels: the state role is the DAG's newest run's, the run's or the task's.
    m_tree->setItemDelegateForColumn(DagModel::State, new RunStateDelegate(m_tree, DagModel::StateRole));
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &DagSidebar::showContextMenu);
    configureColumns();

    if (!model->listsDags()) {
        m_addDagBar = new AddDagBar(model, this);
        connect(m_addDagBar, &AddDagBar::dagAdded, this, &DagSidebar::selectDag);
        m_removeDagAction = new QAction(tr("Remove from List"), this);
        m_removeDagAction->setObjectName(QStringLiteral("removeDag"));
        m_removeDagAction->setShortcut(QKeySequence::Delete);
        m_removeDagAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_removeDagAction->setToolTip(tr("Stop showing the selected DAGs (nothing changes on the server)"));
        m_removeDagAction->setEnabled(false);
        connect(m_removeDagAction, &QAction::triggered, this, &DagSidebar::removeSelectedDags);
        m_removeDagSeparator = new QAction(this);
        m_removeDagSeparator->setSeparator(true);
        m_tree->addAction(m_removeDagAction); // Delete while the tree has focus
        m_filter->setToolTip(tr("Narrows the list as you type"));
    }

    m_footer->setObjectName(QStringLiteral("dagCount"));
    m_footer->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 2);
    layout->setSpacing(4);
    auto *nameRow = new QHBoxLayout;
    nameRow->setSpacing(6);
    m_deploymentColour->setObjectName(QStringLiteral("deploymentColour"));
    m_deploymentColour->hide();
    nameRow->addWidget(m_deploymentColour);
    nameRow->addWidget(m_deploymentName, 1);
    layout->addLayout(nameRow);
    layout->addWidget(m_deploymentDetail);
    layout->addSpacing(2);
    if (m_addDagBar)
        layout->addWidget(m_addDagBar);
    layout->addWidget(m_filter);
    auto *filterBar = new QHBoxLayout;
    filterBar->setSpacing(4);
    filterBar->addWidget(m_filterButton);
    filterBar->addStretch(1);
    filterBar->addWidget(m_refreshButton);
    filterBar->addWidget(m_autoRefresh);
    layout->addLayout(filterBar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_footer);

    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(SearchDebounceMs);
    connect(m_searchDebounce, &QTimer::timeout, this, &DagSidebar::searchServer);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        m_searchDebounce->start();
    });
    connect(m_proxy, &DagSortFilterProxyModel::filtersChanged, this, &DagSidebar::updateFilterButton);
    connect(m_proxy, &DagSortFilterProxyModel::filtersChanged, this, &DagSidebar::updateFooter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DagSidebar::currentRowChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DagSidebar::selectionChanged);
    // A pause changes the rows under the selection: Pause and Unpause may swap.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &DagSidebar::selectionChanged);
    if (m_removeDagAction) {
        connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                [this] { m_removeDagAction->setEnabled(!selectedDagIds().isEmpty()); });
    }

    connect(model, &DagModel::loadingChanged, this, &DagSidebar::updateFooter);
    connect(model, &DagModel::refreshingChanged, this, &DagSidebar::updateFooter);
    connect(model, &DagModel::totalEntriesChanged, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DagSidebar::selectFirstDagOnce);
    updateFilterButton();
    updateFooter();
}

void DagSidebar::configureColumns()
{
    QHeaderView *header = m_tree->header();
    header->setSectionsMovable(true);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Tags take what is left; the others are as wide as their typical content (measuring every row would cost
    // a pass over the model on each page).
    header->setSectionResizeMode(DagModel::Tags, QHeaderView::Stretch);
    const QFontMetrics metrics(m_tree->font());
    const auto widthFor = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    header->setMinimumSectionSize(widthFor(QStringLiteral("Try")));
    // The name column holds the tree's indentation for runs and task instances too.
    header->resizeSection(DagModel::DagId,
                          widthFor(QStringLiteral("aggregate_clickstream_12")) + 2 * m_tree->indentation());
    header->resizeSection(DagModel::Paused, widthFor(tr("Paused")) + 8); // room for the sort arrow
    header->resizeSection(DagModel::State, widthFor(QStringLiteral("up_for_reschedule")));
    header->resizeSection(DagModel::Schedule, widthFor(QStringLiteral("30 6 * * 1-5")));
    header->resizeSection(DagModel::Owners, widthFor(QStringLiteral("analytics, jane")));
    header->resizeSection(DagModel::Start, widthFor(QStringLiteral("2025-06-01 12:00:00")));
    header->resizeSection(DagModel::NextRun, widthFor(QStringLiteral("2025-06-01 12:00:00")));
    header->resizeSection(DagModel::Duration, widthFor(QStringLiteral("12m 30s")));
    header->resizeSection(DagModel::Try, widthFor(QStringLiteral("2 of 3")));
}

void DagSidebar::setDeployment(const QString &name, const QString &detail)
{
    m_deploymentName->setText(name);
    m_deploymentDetail->setText(detail);
    m_deploymentDetail->setVisible(!detail.isEmpty());
}

void DagSidebar::setDeploymentColour(const QColor &colour)
{
    m_deploymentColour->setVisible(colour.isValid());
    m_deploymentColour->setToolTip(colour.isValid() ? colour.name() : QString());
    if (!colour.isValid())
        return;
    const int size = m_deploymentName->fontMetrics().height();
    QPixmap swatch(size, size);
    swatch.fill(Qt::transparent);
    QPainter painter(&swatch);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3);
    m_deploymentColour->setPixmap(swatch);
}

void DagSidebar::setProfileId(const QString &profileId)
{
    if (m_addDagBar)
        m_addDagBar->setProfileId(profileId);
}

void DagSidebar::setDagActions(const QList<QAction *> &actions)
{
    m_dagActions = actions;
    updateTreeActions();
}

void DagSidebar::setRunActions(const QList<QAction *> &actions)
{
    m_runActions = actions;
    updateTreeActions();
}

void DagSidebar::setTaskInstanceActions(const QList<QAction *> &actions)
{
    m_taskInstanceActions = actions;
    updateTreeActions();
}

void DagSidebar::updateTreeActions()
{
    // On the tree, so that their shortcuts (Shift+C, Delete, ...) act on its selection while it has focus.
    const QList<QAction *> old = m_tree->actions();
    for (QAction *action : old)
        m_tree->removeAction(action);
    m_tree->addActions(m_dagActions);
    if (m_removeDagAction)
        m_tree->addAction(m_removeDagAction);
    for (const QList<QAction *> *list : {&m_runActions, &m_taskInstanceActions}) {
        for (QAction *action : *list) {
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            m_tree->addAction(action);
        }
    }
}

QList<QAction *> DagSidebar::contextActions(const QModelIndex &index) const
{
    QList<QAction *> dagActions = m_dagActions;
    if (m_removeDagAction) {
        if (!dagActions.isEmpty())
            dagActions.append(m_removeDagSeparator);
        dagActions.append(m_removeDagAction);
    }
    if (!index.isValid())
        return dagActions;
    switch (index.data(DagModel::NodeKindRole).value<NodeKind>()) {
    case NodeKind::Run:
        return m_runActions;
    case NodeKind::TaskInstance:
        return m_taskInstanceActions;
    case NodeKind::Dag:
        break;
    }
    return dagActions;
}

void DagSidebar::showContextMenu(const QPoint &position)
{
    const QList<QAction *> actions = contextActions(m_tree->indexAt(position));
    if (actions.isEmpty())
        return;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions(actions);
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

// ---- Filters

void DagSidebar::buildFilterMenu()
{
    // Built as it opens: the tags and owners are those of the DAGs loaded by then.
    m_filterMenu->clear();

    QMenu *tagsMenu = m_filterMenu->addMenu(tr("Tags"));
    tagsMenu->setObjectName(QStringLiteral("tagFilterMenu"));
    const QStringList tags = m_model->knownTags();
    const QStringList chosenTags = m_proxy->tagFilter();
    QAction *matchAll = tagsMenu->addAction(tr("Match all chosen tags"));
    matchAll->setCheckable(true);
    matchAll->setChecked(m_proxy->matchAllTags());
    connect(matchAll, &QAction::toggled, this,
            [this](bool all) { m_proxy->setTagFilter(m_proxy->tagFilter(), all); });
    tagsMenu->addSeparator();
    if (tags.isEmpty())
        tagsMenu->addAction(tr("No tags on the loaded DAGs"))->setEnabled(false);
    for (const QString &tag : tags) {
        QAction *action = tagsMenu->addAction(tag);
        action->setCheckable(true);
        action->setChecked(chosenTags.contains(tag, Qt::CaseInsensitive));
        connect(action, &QAction::toggled, this, [this, tag](bool on) {
            QStringList chosen = m_proxy->tagFilter();
            chosen.removeAll(tag);
            if (on)
                chosen.append(tag);
            m_proxy->setTagFilter(chosen, m_proxy->matchAllTags());
        });
    }

    QMenu *ownerMenu = m_filterMenu->addMenu(tr("Owner"));
    ownerMenu->setObjectName(QStringLiteral("ownerFilterMenu"));
    auto *owners = new QActionGroup(ownerMenu);
    const auto addOwner = [&](const QString &text, const QString &owner) {
        QAction *action = ownerMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(m_proxy->ownerFilter().compare(owner, Qt::CaseInsensitive) == 0);
        owners->addAction(action);
        connect(action, &QAction::triggered, this, [this, owner] { m_proxy->setOwnerFilter(owner); });
    };
    addOwner(tr("Any owner"), QString());
    ownerMenu->addSeparator();
    const QStringList knownOwners = m_model->knownOwners();
    for (const QString &owner : knownOwners)
        addOwner(owner, owner);

    m_filterMenu->addSection(tr("Paused"));
    auto *paused = new QActionGroup(m_filterMenu);
    const auto addPaused = [&](const QString &text, DagSortFilterProxyModel::PausedFilter value) {
        QAction *action = m_filterMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(m_proxy->pausedFilter() == value);
        paused->addAction(action);
        connect(action, &QAction::triggered, this, [this, value] { m_proxy->setPausedFilter(value); });
    };
    addPaused(tr("All DAGs"), DagSortFilterProxyModel::PausedFilter::All);
    addPaused(tr("Active only"), DagSortFilterProxyModel::PausedFilter::ActiveOnly);
    addPaused(tr("Paused only"), DagSortFilterProxyModel::PausedFilter::PausedOnly);

    m_filterMenu->addSection(tr("Newest run"));
    auto *states = new QActionGroup(m_filterMenu);
    const auto addState = [&](const QString &text, const QString &state) {
        QAction *action = m_filterMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(m_proxy->stateFilter().compare(state, Qt::CaseInsensitive) == 0);
        states->addAction(action);
        connect(action, &QAction::triggered, this, [this, state] { m_proxy->setStateFilter(state); });
    };
    addState(tr("Any state"), QString());
    for (const char *state : {"queued", "running", "success", "failed"})
        addState(QLatin1String(state), QLatin1String(state));

    m_filterMenu->addSeparator();
    QAction *clear = m_filterMenu->addAction(tr("Clear filters"));
    clear->setEnabled(m_proxy->activeFilterCount() > 0);
    connect(clear, &QAction::triggered, m_proxy, &DagSortFilterProxyModel::clearFilters);
}

void DagSidebar::updateFilterButton()
{
    const int active = m_proxy->activeFilterCount();
    m_filterButton->setText(active == 0 ? tr("Filters") : tr("Filters (%1)").arg(active));
}

// ---- Refresh

QList<int> DagSidebar::autoRefreshChoices()
{
    return {0, 10000, 30000, 60000, 300000};
}

void DagSidebar::refresh()
{
    m_model->refresh();
    if (m_addDagBar)
        m_addDagBar->loadSuggestions(); // DAGs may have had their first runs since
}

void DagSidebar::setAutoRefreshInterval(int ms)
{
    const int index = m_autoRefresh->findData(ms);
    if (index >= 0)
        m_autoRefresh->setCurrentIndex(index);
    else
        m_model->setAutoRefreshInterval(ms); // not one of the choices: still honoured
}

// ---- Selection

void DagSidebar::currentRowChanged(const QModelIndex &current)
{
    const QString dagId = current.data(DagModel::DagIdRole).toString();
    const NodeKind kind = current.isValid() ? DagModel::nodeKind(current) : NodeKind::Dag;
    Q_EMIT currentNodeChanged(kind, dagId, current.data(DagModel::DagRunIdRole).toString(),
                              current.data(DagModel::TaskIdRole).toString());
    if (dagId == m_currentDagId && !dagId.isEmpty())
        return;
    m_currentDagId = dagId;
    Q_EMIT currentDagChanged(dagId);
}

QString DagSidebar::currentDagId() const
{
    return m_tree->currentIndex().data(DagModel::DagIdRole).toString();
}

DagModel::NodeKind DagSidebar::currentNodeKind() const
{
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() ? DagModel::nodeKind(current) : NodeKind::Dag;
}

std::optional<Api::DagRun> DagSidebar::currentDagRun() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || DagModel::nodeKind(current) == NodeKind::Dag)
        return std::nullopt;
    return current.data(DagModel::DagRunRole).value<Api::DagRun>();
}

std::optional<Api::TaskInstance> DagSidebar::currentTaskInstance() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || DagModel::nodeKind(current) != NodeKind::TaskInstance)
        return std::nullopt;
    return current.data(DagModel::TaskInstanceRole).value<Api::TaskInstance>();
}

QModelIndexList DagSidebar::selectedRowsOf(DagModel::NodeKind kind) const
{
    QModelIndexList rows = m_tree->selectionModel()->selectedRows(DagModel::DagId);
    rows.removeIf([kind](const QModelIndex &row) { return DagModel::nodeKind(row) != kind; });
    return rows;
}

QStringList DagSidebar::selectedDagIds() const
{
    QStringList ids;
    const QModelIndexList rows = selectedRowsOf(NodeKind::Dag);
    for (const QModelIndex &row : rows)
        ids.append(row.data(DagModel::DagIdRole).toString());
    return ids;
}

QList<Api::DagRun> DagSidebar::selectedRuns() const
{
    QList<Api::DagRun> runs;
    const QModelIndexList rows = selectedRowsOf(NodeKind::Run);
    for (const QModelIndex &row : rows)
        runs.append(row.data(DagModel::DagRunRole).value<Api::DagRun>());
    return runs;
}

QList<Api::TaskInstance> DagSidebar::selectedTaskInstances() const
{
    QList<Api::TaskInstance> instances;
    const QModelIndexList rows = selectedRowsOf(NodeKind::TaskInstance);
    for (const QModelIndex &row : rows)
        instances.append(row.data(DagModel::TaskInstanceRole).value<Api::TaskInstance>());
    return instances;
}

bool DagSidebar::selectionHasPaused(bool paused) const
{
    const QModelIndexList rows = selectedRowsOf(NodeKind::Dag);
    for (const QModelIndex &row : rows) {
        if ((row.siblingAtColumn(DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Checked) == paused)
            return true;
    }
    return false;
}

void DagSidebar::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void DagSidebar::pauseSelected()
{
    setSelectedPaused(true);
}

void DagSidebar::unpauseSelected()
{
    setSelectedPaused(false);
}

void DagSidebar::setProduction(const QString &profileName, bool production)
{
    m_productionName = profileName;
    m_production = production;
}

void DagSidebar::setSelectedPaused(bool paused)
{
    const QStringList ids = selectedDagIds();
    if (ids.isEmpty())
        return;
    const QPointer<DagModel> model(m_model);
    auto apply = [model, ids, paused] {
        if (!model)
            return;
        for (const QString &dagId : ids)
            model->setPaused(dagId, paused);
    };
    // One DAG is the box in its row; several at once is a bulk action, which production asks about.
    const QString what = paused ? tr("pause %1 DAGs").arg(ids.size()) : tr("unpause %1 DAGs").arg(ids.size());
    ProductionGuard::confirm(this, m_productionName, m_production && ids.size() > 1, what, this, apply);
}

void DagSidebar::copySelectedDagIds()
{
    const QStringList ids = selectedDagIds();
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
}

void DagSidebar::removeSelectedDags()
{
    if (m_addDagBar)
        m_addDagBar->removeDagIds(selectedDagIds());
}

void DagSidebar::selectDag(const QString &dagId)
{
    const QModelIndex row = m_proxy->mapFromSource(m_model->indexOfDag(dagId));
    if (!row.isValid())
        return; // hidden by a filter
    m_tree->setCurrentIndex(row);
    m_tree->scrollTo(row);
}

void DagSidebar::searchServer()
{
    if (!m_filter->text().trimmed().isEmpty())
        m_model->fetchDagsMatching(m_filter->text());
}

void DagSidebar::selectFirstDagOnce()
{
    if (m_selectedFirst || m_tree->currentIndex().isValid() || m_proxy->rowCount() == 0)
        return;
    m_selectedFirst = true;
    m_tree->setCurrentIndex(m_proxy->index(0, DagModel::DagId));
}

void DagSidebar::updateFooter()
{
    const int shown = m_proxy->rowCount();
    const int loaded = m_model->rowCount();
    const int total = m_model->totalEntries();
    QString text;
    if (!m_model->listsDags() && loaded == 0)
        text = tr("No DAGs in the list yet: add their ids above.");
    else if (total < 0)
        text = m_model->isLoading() ? tr("Loading DAGs…") : QString();
    else if (!m_proxy->filterText().isEmpty() || m_proxy->activeFilterCount() > 0)
        text = tr("%1 of %2 loaded DAGs match").arg(shown).arg(loaded);
    else if (total == 1)
        text = tr("1 DAG");
    else
        text = tr("%1 DAGs").arg(total);
    if (total >= 0 && loaded < total)
        text += QStringLiteral(" · ") + tr("%1 of %2 loaded").arg(loaded).arg(total);
    if (m_model->isRefreshing())
        text += QStringLiteral(" · ") + tr("refreshing…");
    m_footer->setText(text);
}

} // namespace Windsock::Ui
