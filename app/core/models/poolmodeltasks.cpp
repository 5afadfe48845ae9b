#include "poolmodel.h"

#include <QSet>

// PoolModel: the second level of the tree, each pool's running and queued task instances, read page by page
// and refreshed in place like the pools themselves (poolmodel.cpp).
namespace Windsock::Models {

namespace {

bool sameTaskInstance(const Api::TaskInstance &a, const Api::TaskInstance &b)
{
    return a.state == b.state && a.startDate == b.startDate && a.endDate == b.endDate &&
           a.tryNumber == b.tryNumber && a.hostname == b.hostname && a.queue == b.queue;
}

// A task instance is one (DAG, run, task, map index); no id holds a NUL character.
QString keyOf(const Api::TaskInstance &ti)
{
    return ti.dagId + QChar(0) + ti.dagRunId + QChar(0) + ti.taskId + QChar(0) + QString::number(ti.mapIndex);
}

} // namespace

// ---- Paging: a pool's task instances

Api::ApiCall *PoolModel::requestTaskInstances(const QString &poolName, int offset, TaskInstancePage done)
{
    Api::TaskInstanceBatchQuery query;
    query.pools = QStringList{poolName};
    query.states = slotStates();
    query.limit = PageSize;
    query.offset = offset;
    return m_client->listTaskInstancesBatch(query, this, std::move(done));
}

void PoolModel::requestChildPage(PoolNode *node)
{
    node->childrenRequested = true;
    const QString name = node->pool.name;
    const quint64 generation = m_generation;
    node->childCall = requestTaskInstances(
        name, node->childOffset,
        [this, generation, name](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
            // Cancelled: a refresh took over, or the pool went away.
            if (generation != m_generation || result.error().kind() == Api::ApiError::Kind::Cancelled)
                return;
            const int row = rowOfPool(name);
            if (row < 0)
                return; // the pool went away meanwhile
            PoolNode *target = m_nodes.at(size_t(row)).get();
            target->childCall = nullptr;
            if (!result.ok()) {
                target->childFailed = true;
                reportError(tr("Could not load the task instances of pool %1").arg(name), result.error());
                Q_EMIT taskInstancesLoaded(name);
                return;
            }
            const Api::Page<Api::TaskInstance> &page = result.value();
            target->childOffset += int(page.items.size());
            target->childTotal =
                page.items.isEmpty() ? target->childOffset : qMax(page.totalEntries, target->childOffset);
            QSet<QString> known;
            for (const Api::TaskInstance &ti : std::as_const(target->taskInstances))
                known.insert(keyOf(ti));
            QList<Api::TaskInstance> fresh;
            for (const Api::TaskInstance &ti : page.items) {
                if (!known.contains(keyOf(ti))) {
                    known.insert(keyOf(ti));
                    fresh.append(ti);
                }
            }
            const QModelIndex parent = index(row, 0);
            if (!fresh.isEmpty()) {
                const int first = int(target->taskInstances.size());
                beginInsertRows(parent, first, first + int(fresh.size()) - 1);
                target->taskInstances.append(fresh);
                endInsertRows();
            } else {
                // The arrow goes when a pool turns out to have nothing to list.
                Q_EMIT dataChanged(parent, parent, {});
            }
            Q_EMIT taskInstancesLoaded(name);
        });
}

void PoolModel::refreshChildren(PoolNode *node)
{
    if (node->refreshCall)
        return;
    if (node->childCall) {
        // The refresh reads at least as far as the loaded rows; the page in flight comes again after it.
        const QPointer<Api::ApiCall> call = node->childCall;
        node->childCall = nullptr;
        call->cancel();
    }
    node->refreshWasComplete = node->childTotal >= 0 && node->childOffset >= node->childTotal;
    node->childFailed = false;
    node->refreshed.clear();
    node->refreshEnds.clear();
    node->refreshOffset = 0;
    node->refreshMatched = 0;
    ++m_childRefreshes;
    requestChildRefreshPage(node);
}

void PoolModel::requestChildRefreshPage(PoolNode *node)
{
    const QString name = node->pool.name;
    const quint64 generation = m_generation;
    node->refreshCall = requestTaskInstances(
        name, node->refreshOffset,
        [this, generation, name](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
            if (generation != m_generation)
                return;
            const int row = rowOfPool(name);
            if (row < 0 || result.error().kind() == Api::ApiError::Kind::Cancelled) {
                childRefreshDone(); // the pool went away meanwhile
                return;
            }
            PoolNode *target = m_nodes.at(size_t(row)).get();
            target->refreshCall = nullptr;
            if (!result.ok()) {
                target->refreshed.clear();
                if (!m_refreshErrorReported) {
                    m_refreshErrorReported = true; // one sentence per refresh
                    reportError(tr("Could not refresh the task instances of pool %1").arg(name),
                                result.error());
                }
                childRefreshDone();
                return;
            }
            const Api::Page<Api::TaskInstance> &page = result.value();
            QSet<QString> seen;
            for (const Api::TaskInstance &ti : std::as_const(target->refreshed))
                seen.insert(keyOf(ti));
            QSet<QString> loaded;
            for (const Api::TaskInstance &ti : std::as_const(target->taskInstances))
                loaded.insert(keyOf(ti));
            int matchedInPage = 0;
            for (int i = 0; i < page.items.size(); ++i) {
                const Api::TaskInstance &ti = page.items.at(i);
                const QString key = keyOf(ti);
                if (seen.contains(key))
                    continue; // the list shifted between two pages
                seen.insert(key);
                target->refreshed.append(ti);
                target->refreshEnds.append(target->refreshOffset + i + 1);
                matchedInPage += loaded.contains(key) ? 1 : 0;
            }
            target->refreshMatched += matchedInPage;
            target->refreshOffset += int(page.items.size());
            const bool atEnd = page.items.isEmpty() || target->refreshOffset >= page.totalEntries;
            // As DagRunListModel: past the loaded stretch once every loaded row is found again, or once a
            // page beyond the stretch's length holds none of them.
            const bool pastStretch =
                target->refreshOffset >= target->taskInstances.size() &&
                (target->refreshMatched >= target->taskInstances.size() || matchedInPage == 0);
            if (!atEnd && !pastStretch) {
                requestChildRefreshPage(target);
                return;
            }
            int keep = 0;
            if (target->refreshWasComplete && atEnd) {
                keep = int(target->refreshed.size());
            } else {
                for (int i = int(target->refreshed.size()) - 1; i >= 0 && keep == 0; --i) {
                    if (loaded.contains(keyOf(target->refreshed.at(i))))
                        keep = i + 1;
                }
                if (keep == 0)
                    keep = qMin(int(target->refreshed.size()), int(target->taskInstances.size()));
            }
            const QList<Api::TaskInstance> fresh = target->refreshed.mid(0, keep);
            const int consumed = keep > 0 ? target->refreshEnds.at(keep - 1) : 0;
            target->refreshed.clear();
            target->refreshEnds.clear();
            syncChildren(target, fresh);
            target->childOffset = consumed;
            target->childTotal =
                atEnd && target->refreshWasComplete ? consumed : qMax(page.totalEntries, consumed);
            childRefreshDone();
        });
}

void PoolModel::syncChildren(PoolNode *node, const QList<Api::TaskInstance> &fresh)
{
    const int poolRow = rowOfPool(node->pool.name);
    const QModelIndex parent = index(poolRow, 0);
    QList<Api::TaskInstance> &rows = node->taskInstances;
    QSet<QString> freshKeys;
    for (const Api::TaskInstance &ti : fresh)
        freshKeys.insert(keyOf(ti));

    for (int last = int(rows.size()) - 1; last >= 0;) {
        if (freshKeys.contains(keyOf(rows.at(last)))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshKeys.contains(keyOf(rows.at(first - 1))))
            --first;
        beginRemoveRows(parent, first, last);
        rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    QSet<QString> known;
    for (const Api::TaskInstance &ti : std::as_const(rows))
        known.insert(keyOf(ti));

    for (int i = 0; i < fresh.size(); ++i) {
        const QString key = keyOf(fresh.at(i));
        if (i < rows.size() && keyOf(rows.at(i)) == key) {
            if (!sameTaskInstance(rows.at(i), fresh.at(i))) {
                rows[i] = fresh.at(i);
                Q_EMIT dataChanged(index(i, 0, parent), index(i, ColumnCount - 1, parent));
            }
            continue;
        }
        if (!known.contains(key)) {
            int end = i + 1;
            while (end < fresh.size() && !known.contains(keyOf(fresh.at(end))))
                ++end;
            beginInsertRows(parent, i, end - 1);
            for (int k = i; k < end; ++k)
                rows.insert(k, fresh.at(k));
            endInsertRows();
            i = end - 1;
            continue;
        }
        int from = i + 1;
        while (from < rows.size() && keyOf(rows.at(from)) != key)
            ++from;
        if (from >= rows.size())
            continue;
        beginMoveRows(parent, from, from, parent, i);
        rows.move(from, i);
        endMoveRows();
        if (!sameTaskInstance(rows.at(i), fresh.at(i))) {
            rows[i] = fresh.at(i);
            Q_EMIT dataChanged(index(i, 0, parent), index(i, ColumnCount - 1, parent));
        }
    }
    if (rows.isEmpty())
        Q_EMIT dataChanged(parent, parent, {}); // no arrow any more
}

void PoolModel::childRefreshDone()
{
    if (m_childRefreshes > 0 && --m_childRefreshes == 0 && !m_refreshCall)
        Q_EMIT refreshed();
}

} // namespace Windsock::Models
