#include "dagsidebar.h"

#include "models/dagmodel.h"
#include "models/dagsortfilterproxymodel.h"
#include "runstatedelegate.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
constexpr int SearchDebounceMs = 300;
}

DagSidebar::DagSidebar(Models::DagModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new Models::DagSortFilterProxyModel(this))
    , m_deploymentColour(new QLabel(this))
    , m_deploymentName(new QLabel(this))
    , m_deploymentDetail(new QLabel(this))
    , m_filter(new QLineEdit(this))
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

    m_tree->setObjectName(QStringLiteral("dagTree"));
    m_tree->setModel(m_proxy);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(Models::DagModel::DagId, Qt::AscendingOrder);
    m_tree->setItemDelegateForColumn(Models::DagModel::LastRunState, new RunStateDelegate(m_tree));
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    configureColumns();

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
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_footer);

    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(SearchDebounceMs);
    connect(m_searchDebounce, &QTimer::timeout, this, &DagSidebar::searchServer);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        m_searchDebounce->start();
    });

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentDagChanged(current.data(Models::DagModel::DagIdRole).toString());
            });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DagSidebar::selectionChanged);
    // A pause changes the rows under the selection: Pause and Unpause may swap.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &DagSidebar::selectionChanged);

    connect(model, &Models::DagModel::loadingChanged, this, &DagSidebar::updateFooter);
    connect(model, &Models::DagModel::totalEntriesChanged, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DagSidebar::updateFooter);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DagSidebar::selectFirstDagOnce);
    updateFooter();
}

void DagSidebar::configureColumns()
{
    using Models::DagModel;
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
    header->setMinimumSectionSize(widthFor(QStringLiteral("Tags")));
    header->resizeSection(DagModel::DagId, widthFor(QStringLiteral("aggregate_clickstream_12")));
    header->resizeSection(DagModel::Paused, widthFor(tr("Paused")) + 8); // room for the sort arrow
    header->resizeSection(DagModel::Schedule, widthFor(QStringLiteral("30 6 * * 1-5")));
    header->resizeSection(DagModel::Owners, widthFor(QStringLiteral("analytics, jane")));
    header->resizeSection(DagModel::LastRunState, widthFor(tr("Last run")));
    header->resizeSection(DagModel::NextRun, widthFor(QStringLiteral("2025-06-01 12:00")));
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

void DagSidebar::setDagActions(const QList<QAction *> &actions)
{
    const QList<QAction *> old = m_tree->actions();
    for (QAction *action : old)
        m_tree->removeAction(action);
    m_tree->addActions(actions);
}

QString DagSidebar::currentDagId() const
{
    return m_tree->currentIndex().data(Models::DagModel::DagIdRole).toString();
}

QStringList DagSidebar::selectedDagIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(Models::DagModel::DagId);
    for (const QModelIndex &row : rows)
        ids.append(row.data(Models::DagModel::DagIdRole).toString());
    return ids;
}

bool DagSidebar::selectionHasPaused(bool paused) const
{
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(Models::DagModel::Paused);
    for (const QModelIndex &row : rows) {
        if ((row.data(Qt::CheckStateRole).toInt() == Qt::Checked) == paused)
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

void DagSidebar::setSelectedPaused(bool paused)
{
    const QStringList ids = selectedDagIds();
    for (const QString &dagId : ids)
        m_model->setPaused(dagId, paused);
}

void DagSidebar::copySelectedDagIds()
{
    const QStringList ids = selectedDagIds();
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
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
    m_tree->setCurrentIndex(m_proxy->index(0, Models::DagModel::DagId));
}

void DagSidebar::updateFooter()
{
    const int shown = m_proxy->rowCount();
    const int loaded = m_model->rowCount();
    const int total = m_model->totalEntries();
    QString text;
    if (total < 0)
        text = m_model->isLoading() ? tr("Loading DAGs…") : QString();
    else if (!m_proxy->filterText().isEmpty())
        text = tr("%1 of %2 loaded DAGs match").arg(shown).arg(loaded);
    else if (total == 1)
        text = tr("1 DAG");
    else
        text = tr("%1 DAGs").arg(total);
    if (total >= 0 && loaded < total)
        text += QStringLiteral(" · ") + tr("%1 of %2 loaded").arg(loaded).arg(total);
    m_footer->setText(text);
}

} // namespace Windsock::Ui
