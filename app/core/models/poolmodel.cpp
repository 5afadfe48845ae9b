#include "poolmodel.h"

#include "displaytext.h"

#include "api/dialect.h"

#include <QLoggingCategory>
#include <QSet>

#include <limits>

Q_LOGGING_CATEGORY(lcPoolModel, "windsock.models.pools", QtInfoMsg)

namespace Windsock::Models {

namespace {

bool samePool(const Api::Pool &a, const Api::Pool &b)
{
    return a.slots == b.slots && a.occupiedSlots == b.occupiedSlots && a.runningSlots == b.runningSlots &&
           a.queuedSlots == b.queuedSlots && a.openSlots == b.openSlots &&
           a.scheduledSlots == b.scheduledSlots && a.deferredSlots == b.deferredSlots &&
           a.description == b.description && a.includeDeferred == b.includeDeferred;
}

} // namespace

const QStringList &PoolModel::slotStates()
{
    static const QStringList states{QStringLiteral("running"), QStringLiteral("queued")};
    return states;
}

PoolModel::PoolModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
{}

PoolModel::~PoolModel()
{
    ++m_generation;
    cancelCalls();
}

// ---- Structure

PoolModel::PoolNode *PoolModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<PoolNode *>(index.internalPointer()) : nullptr;
}

bool PoolModel::isPoolIndex(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && !index.internalPointer();
}

QModelIndex PoolModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= int(m_nodes.size()))
            return {};
        return createIndex(row, column, nullptr);
    }
    if (!isPoolIndex(parent) || parent.row() >= int(m_nodes.size()))
        return {};
    PoolNode *node = m_nodes.at(size_t(parent.row())).get();
    if (row >= node->taskInstances.size())
        return {};
    return createIndex(row, column, node);
}

QModelIndex PoolModel::parent(const QModelIndex &child) const
{
    const PoolNode *node = nodeOf(child);
    if (!node)
        return {};
    const int row = rowOfPool(node->pool.name);
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int PoolModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.column() != 0 || !isPoolIndex(parent))
        return 0;
    return int(m_nodes.at(size_t(parent.row()))->taskInstances.size());
}

int PoolModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount; // task-instance rows reuse the pool columns
}

bool PoolModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_nodes.empty();
    if (parent.column() != 0 || !isPoolIndex(parent) || !listsTaskInstances())
        return false;
    const PoolNode &node = *m_nodes.at(size_t(parent.row()));
    // Before the task instances are asked for, the pool's counters say whether there are any.
    if (!node.taskInstances.isEmpty())
        return true;
    if (node.childTotal >= 0)
        return false;
    return node.pool.runningSlots + node.pool.queuedSlots > 0;
}

// ---- Data

QVariant PoolModel::poolData(const Api::Pool &pool, int column, int role) const
{
    const bool unlimited = pool.slots < 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return pool.name;
        case Slots:
            return unlimited ? tr("unlimited") : QString::number(pool.slots);
        case Running:
            return pool.runningSlots;
        case Queued:
            return pool.queuedSlots;
        case Scheduled:
            return pool.scheduledSlots;
        case Deferred:
            return pool.deferredSlots;
        case Open:
            return unlimited ? tr("unlimited") : QString::number(pool.openSlots);
        case Occupied:
            return pool.occupiedSlots;
        case Description:
            return pool.description;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Name:
            return pool.description.isEmpty() ? pool.name : tr("%1\n%2").arg(pool.name, pool.description);
        case Occupied:
            return unlimited ? tr("%1 slots occupied (unlimited pool)").arg(pool.occupiedSlots)
                             : tr("%1 of %2 slots occupied").arg(pool.occupiedSlots).arg(pool.slots);
        case Deferred:
            return pool.includeDeferred ? tr("Deferred tasks occupy slots in this pool")
                                        : tr("Deferred tasks do not occupy slots in this pool");
        default:
            return poolData(pool, column, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (column != Name && column != Description)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case Name:
            return pool.name;
        case Slots:
            return unlimited ? std::numeric_limits<int>::max() : pool.slots;
        case Open:
            return unlimited ? std::numeric_limits<int>::max() : pool.openSlots;
        case Description:
            return pool.description;
        default:
            return poolData(pool, column, Qt::DisplayRole);
        }
    case PoolRole:
        return QVariant::fromValue(pool);
    case PoolNameRole:
        return pool.name;
    case SlotUsageRole:
        if (unlimited)
            return {};
        return pool.slots == 0 ? (pool.occupiedSlots > 0 ? 1.0 : 0.0)
                               : double(pool.occupiedSlots) / double(pool.slots);
    case OccupiedSlotsRole:
        return pool.occupiedSlots;
    case TotalSlotsRole:
        return pool.slots;
    default:
        return {};
    }
}

QVariant PoolModel::taskInstanceData(const PoolNode &node, const Api::TaskInstance &ti, int column,
                                     int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case TaskId:
            if (ti.mapIndex >= 0)
                return tr("%1 [%2]").arg(ti.taskId).arg(ti.mapIndex);
            return ti.taskId;
        case TaskDagId:
            return ti.dagId;
        case TaskRunId:
            return ti.dagRunId;
        case TaskState:
            return ti.state;
        case TaskStart:
            if (role == Qt::ToolTipRole && !ti.startDate.isValid())
                return tr("Not started yet");
            return formatDateTime(ti.startDate);
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case TaskStart:
            return ti.startDate;
        default:
            return taskInstanceData(node, ti, column, Qt::DisplayRole);
        }
    case TaskInstanceRole:
        return QVariant::fromValue(ti);
    case PoolNameRole:
        return node.pool.name;
    case StateRole:
        return ti.state;
    default:
        return {};
    }
}

QVariant PoolModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    if (const PoolNode *node = nodeOf(index))
        return taskInstanceData(*node, node->taskInstances.at(index.row()), index.column(), role);
    return poolData(m_nodes.at(size_t(index.row()))->pool, index.column(), role);
}

QVariant PoolModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Slots:
            return tr("Slots");
        case Running:
            return tr("Running");
        case Queued:
            return tr("Queued");
        case Scheduled:
            return tr("Scheduled");
        case Deferred:
            return tr("Deferred");
        case Open:
            return tr("Open");
        case Occupied:
            return tr("Occupied");
        case Description:
            return tr("Description");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return tr("The pool; under it, its running and queued task instances (task id)");
        case Slots:
            return tr("Slots of the pool; for a task instance, its DAG");
        case Running:
            return tr("Slots taken by running task instances; for a task instance, its run");
        case Queued:
            return tr("Slots taken by queued task instances; for a task instance, its state");
        case Scheduled:
            return tr("Task instances scheduled for this pool; for a task instance, when it started");
        case Occupied:
            return tr("Slots in use: running and queued (and deferred when the pool counts them)");
        default:
            break;
        }
    }
    return {};
}

Qt::ItemFlags PoolModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index))
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QHash<int, QByteArray> PoolModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(PoolRole, QByteArrayLiteral("pool"));
    names.insert(TaskInstanceRole, QByteArrayLiteral("taskInstance"));
    names.insert(PoolNameRole, QByteArrayLiteral("poolName"));
    names.insert(SlotUsageRole, QByteArrayLiteral("slotUsage"));
    names.insert(OccupiedSlotsRole, QByteArrayLiteral("occupiedSlots"));
    names.insert(TotalSlotsRole, QByteArrayLiteral("totalSlots"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    return names;
}

int PoolModel::rowOfPool(const QString &name) const
{
    return m_rowByName.value(name, -1);
}

QModelIndex PoolModel::indexOfPool(const QString &name, int column) const
{
    const int row = rowOfPool(name);
    return row < 0 ? QModelIndex() : index(row, column);
}

const Api::Pool &PoolModel::pool(int row) const
{
    return m_nodes.at(size_t(row))->pool;
}

bool PoolModel::isLoadingTaskInstances(const QString &poolName) const
{
    const int row = rowOfPool(poolName);
    return row >= 0 && !m_nodes.at(size_t(row))->childCall.isNull();
}

bool PoolModel::listsTaskInstances() const
{
    return m_client && m_client->dialect().supports(Api::Feature::ListTaskInstances);
}

// ---- Paging: pools

bool PoolModel::canFetchMore(const QModelIndex &parent) const
{
    if (!m_client)
        return false;
    if (!parent.isValid()) {
        if (m_pageCall || m_refreshCall || m_pagingFailed)
            return false;
        return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
    }
    if (parent.column() != 0 || !isPoolIndex(parent) || parent.row() >= int(m_nodes.size()) ||
        !listsTaskInstances())
        return false;
    const PoolNode &node = *m_nodes.at(size_t(parent.row()));
    if (node.childCall || node.refreshCall || node.childFailed)
        return false;
    if (node.childTotal < 0)
        return node.pool.runningSlots + node.pool.queuedSlots > 0;
    return node.childOffset < node.childTotal;
}

void PoolModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (!parent.isValid())
        requestPage();
    else
        requestChildPage(m_nodes.at(size_t(parent.row())).get());
}

void PoolModel::requestPage()
{
    if (m_pageCall)
        return;
    const quint64 generation = m_generation;
    m_pageCall = m_client->pools(
        PageSize, m_pagedOffset, this, [this, generation](const Api::Result<Api::Page<Api::Pool>> &result) {
            if (generation != m_generation)
                return;
            m_pageCall = nullptr;
            Q_EMIT loadingChanged(false);
            if (!result.ok()) {
                m_pagingFailed = true;
                reportError(tr("Could not load the pools"), result.error());
                return;
            }
            const Api::Page<Api::Pool> &page = result.value();
            m_pagedOffset += int(page.items.size());
            setTotalEntries(page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset));
            appendPools(page.items);
        });
    Q_EMIT loadingChanged(true);
}

void PoolModel::appendPools(const QList<Api::Pool> &pools)
{
    QList<Api::Pool> fresh;
    QSet<QString> freshNames;
    for (const Api::Pool &pool : pools) {
        const int row = rowOfPool(pool.name);
        if (row >= 0) {
            if (!samePool(m_nodes.at(size_t(row))->pool, pool)) {
                m_nodes.at(size_t(row))->pool = pool;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        } else if (!freshNames.contains(pool.name)) {
            freshNames.insert(pool.name);
            fresh.append(pool);
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_nodes.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Api::Pool &pool : std::as_const(fresh)) {
        auto node = std::make_unique<PoolNode>();
        node->pool = pool;
        m_rowByName.insert(pool.name, int(m_nodes.size()));
        m_nodes.push_back(std::move(node));
    }
    endInsertRows();
}

void PoolModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Refresh in place

void PoolModel::refresh()
{
    if (!m_client || isRefreshing())
        return;
    if (m_nodes.empty()) {
        if (m_pageCall)
            return;
        m_pagingFailed = false;
        m_pagedOffset = 0;
        requestPage();
        return;
    }
    if (m_pageCall)
        return; // the page on its way brings the pools as they are now
    m_pagingFailed = false;
    m_refreshErrorReported = false;
    m_refreshPools.clear();
    requestRefreshPage(0);
}

void PoolModel::requestRefreshPage(int offset)
{
    const quint64 generation = m_generation;
    // Deployments have few pools: a refresh reads them all.
    m_refreshCall = m_client->pools(
        PageSize, offset, this, [this, generation, offset](const Api::Result<Api::Page<Api::Pool>> &result) {
            if (generation != m_generation)
                return;
            m_refreshCall = nullptr;
            if (!result.ok()) {
                m_refreshPools.clear();
                reportError(tr("Could not refresh the pools"), result.error());
                Q_EMIT refreshed();
                return;
            }
            const Api::Page<Api::Pool> &page = result.value();
            m_refreshPools.append(page.items);
            const int next = offset + int(page.items.size());
            if (!page.items.isEmpty() && next < page.totalEntries) {
                requestRefreshPage(next);
                return;
            }
            const QList<Api::Pool> fresh = m_refreshPools;
            m_refreshPools.clear();
            syncPools(fresh);
            m_pagedOffset = next;
            setTotalEntries(qMax(next, int(m_nodes.size())));
            for (const std::unique_ptr<PoolNode> &node : m_nodes) {
                if (node->childrenRequested)
                    refreshChildren(node.get());
            }
            if (m_childRefreshes == 0)
                Q_EMIT refreshed();
        });
}

void PoolModel::syncPools(const QList<Api::Pool> &fresh)
{
    QSet<QString> freshNames;
    for (const Api::Pool &pool : fresh)
        freshNames.insert(pool.name);

    // 1. Pools gone from the server, bottom up, a contiguous block at a time (their children go with them).
    for (int last = int(m_nodes.size()) - 1; last >= 0;) {
        if (freshNames.contains(m_nodes.at(size_t(last))->pool.name)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshNames.contains(m_nodes.at(size_t(first - 1))->pool.name))
            --first;
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row) {
            PoolNode *node = m_nodes.at(size_t(row)).get();
            if (node->childCall)
                node->childCall->cancel();
            if (node->refreshCall)
                node->refreshCall->cancel();
        }
        m_nodes.erase(m_nodes.begin() + first, m_nodes.begin() + last + 1);
        rebuildIndex();
        endRemoveRows();
        last = first - 1;
    }
    const QHash<QString, int> known = m_rowByName;

    // 2. The server's order: update in place, insert new pools, move the ones the order moved.
    for (int i = 0; i < fresh.size(); ++i) {
        const Api::Pool &pool = fresh.at(i);
        if (i < int(m_nodes.size()) && m_nodes.at(size_t(i))->pool.name == pool.name) {
            if (!samePool(m_nodes.at(size_t(i))->pool, pool)) {
                m_nodes.at(size_t(i))->pool = pool;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            continue;
        }
        if (!known.contains(pool.name)) {
            beginInsertRows({}, i, i);
            auto node = std::make_unique<PoolNode>();
            node->pool = pool;
            m_nodes.insert(m_nodes.begin() + i, std::move(node));
            rebuildIndex();
            endInsertRows();
            continue;
        }
        int from = i + 1;
        while (from < int(m_nodes.size()) && m_nodes.at(size_t(from))->pool.name != pool.name)
            ++from;
        if (from >= int(m_nodes.size()))
            continue;
        beginMoveRows({}, from, from, {}, i);
        std::unique_ptr<PoolNode> moved = std::move(m_nodes[size_t(from)]);
        m_nodes.erase(m_nodes.begin() + from);
        m_nodes.insert(m_nodes.begin() + i, std::move(moved));
        rebuildIndex();
        endMoveRows();
        if (!samePool(m_nodes.at(size_t(i))->pool, pool)) {
            m_nodes.at(size_t(i))->pool = pool;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
}

void PoolModel::rebuildIndex()
{
    m_rowByName.clear();
    for (int row = 0; row < int(m_nodes.size()); ++row)
        m_rowByName.insert(m_nodes.at(size_t(row))->pool.name, row);
}

// ---- Reset

void PoolModel::cancelCalls()
{
    // Cancelling may call a callback at once; the generation was bumped, so it drops the answer.
    QList<QPointer<Api::ApiCall>> calls{m_pageCall, m_refreshCall};
    m_pageCall = nullptr;
    m_refreshCall = nullptr;
    for (const std::unique_ptr<PoolNode> &node : m_nodes) {
        calls << node->childCall << node->refreshCall;
        node->childCall = nullptr;
        node->refreshCall = nullptr;
    }
    for (const QPointer<Api::ApiCall> &call : std::as_const(calls)) {
        if (call)
            call->cancel();
    }
}

void PoolModel::resetRows()
{
    const bool wasLoading = isLoading();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    m_childRefreshes = 0;
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    beginResetModel();
    m_nodes.clear();
    m_rowByName.clear();
    m_refreshPools.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void PoolModel::reload()
{
    resetRows();
    if (canFetchMore({}))
        requestPage();
}

void PoolModel::reportError(const QString &what, const Api::ApiError &error)
{
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    qCInfo(lcPoolModel).noquote() << what << '-' << error.message() << error.context();
    const QString message = error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message());
    Q_EMIT errorOccurred(message);
}

} // namespace Windsock::Models
