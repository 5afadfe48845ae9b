#include "fleetrunspanel.h"

#include "models/fleetrunsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::FleetRunsModel;

// Text over deployment, DAG and run ids, and the state: a run matches when both do; a deployment stays when
// one of its runs matches (recursive filtering), and a deployment whose name matches keeps all its runs.
class FleetRunsPanel::Proxy final : public QSortFilterProxyModel
{
public:
    explicit Proxy(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
        setRecursiveFilteringEnabled(true);
        setSortRole(FleetRunsModel::SortRole);
        setFilterCaseSensitivity(Qt::CaseInsensitive);
    }

    void setText(const QString &text)
    {
        m_text = text.trimmed();
        invalidateFilter();
    }
    void setState(const QString &state)
    {
        m_state = state;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        const bool deployment = index.data(FleetRunsModel::IsDeploymentRole).toBool();
        if (deployment) {
            // Without filters every deployment shows (its counts or its error); with one, only through runs
            // or its name.
            if (m_text.isEmpty() && m_state.isEmpty())
                return true;
            return m_state.isEmpty() && nameMatches(index);
        }
        if (!m_state.isEmpty() && index.data(FleetRunsModel::StateRole).toString() != m_state)
            return false;
        if (m_text.isEmpty() || nameMatches(sourceParent))
            return true;
        return index.data(FleetRunsModel::DagIdRole).toString().contains(m_text, Qt::CaseInsensitive) ||
               index.data(FleetRunsModel::RunIdRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

private:
    bool nameMatches(const QModelIndex &deployment) const
    {
        return !m_text.isEmpty() &&
               deployment.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

    QString m_text;
    QString m_state;
};

namespace {

// Deployment rows carry their colour as a band along the left edge of the first cell.
class DeploymentColourDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.column() != FleetRunsModel::Deployment)
            return;
        const QColor colour(index.data(FleetRunsModel::ColourRole).toString());
        if (!colour.isValid())
            return;
        painter->save();
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()), colour);
        painter->restore();
    }
};

} // namespace

FleetRunsPanel::FleetRunsPanel(FleetRunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("fleetRunsPanel"));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("fleetRunsFilter"));
    m_filter->setPlaceholderText(tr("Filter by deployment, DAG or run"));
    m_filter->setClearButtonEnabled(true);
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("fleetRunsState"));
    m_state->addItem(tr("Failed and running"), QString());
    m_state->addItem(tr("Failed"), QStringLiteral("failed"));
    m_state->addItem(tr("Running"), QStringLiteral("running"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("fleetRunsStatus"));

    m_proxy = new Proxy(this);
    m_proxy->setSourceModel(model);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("fleetRunsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FleetRunsModel::Start, Qt::DescendingOrder);
    m_view->setItemDelegate(new DeploymentColourDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(FleetRunsModel::Deployment, 180);
    m_view->setColumnWidth(FleetRunsModel::DagId, 220);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_state);
    top->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        if (!text.trimmed().isEmpty())
            m_view->expandAll();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setState(m_state->currentData().toString());
        m_view->expandAll();
    });
    connect(m_view, &QTreeView::doubleClicked, this, &FleetRunsPanel::activate);
    connect(model, &FleetRunsModel::loadingChanged, this, [this](bool loading) {
        m_status->setText(loading ? tr("Refreshing…") : QString());
        if (loading)
            return;
        m_view->expandAll();
        // Run ids and dates are long: fit them once, on the first answer; after that the user's widths stay.
        if (!m_columnsFitted && m_view->model()->rowCount() > 0) {
            m_columnsFitted = true;
            for (int column : {FleetRunsModel::RunId, FleetRunsModel::Start, FleetRunsModel::End})
                m_view->resizeColumnToContents(column);
        }
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_view->expandAll(); });
}

FleetRunsPanel::~FleetRunsPanel() = default;

QSortFilterProxyModel *FleetRunsPanel::proxy() const
{
    return m_proxy;
}

void FleetRunsPanel::activate(const QModelIndex &index)
{
    if (!index.isValid() || index.data(FleetRunsModel::IsDeploymentRole).toBool())
        return;
    const QString runId = index.data(FleetRunsModel::RunIdRole).toString();
    if (runId.isEmpty())
        return;
    Q_EMIT runActivated(index.data(FleetRunsModel::ProfileIdRole).toString(),
                        index.data(FleetRunsModel::DagIdRole).toString(), runId);
}

} // namespace Windsock::Ui
