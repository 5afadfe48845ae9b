#include "resourcelistmodel.h"

#include "api/dialect.h"

#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcResourceModel, "windsock.models.resources", QtInfoMsg)

namespace Windsock::Models {

ResourceListModel::ResourceListModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

ResourceListModel::~ResourceListModel()
{
    ++m_generation;
    cancelCalls();
}

int ResourceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

Qt::ItemFlags ResourceListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

int ResourceListModel::rowOfKey(const QString &key) const
{
    return m_rowByKey.value(key, -1);
}

QString ResourceListModel::keyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? keyOf(m_rows.at(row)) : QString();
}

// ---- Paging

bool ResourceListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_pageCall || m_pagingFailed ||
        !m_client->dialect().supports(feature()))
        return false;
    return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
}

void ResourceListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestNextPage();
}

void ResourceListModel::requestNextPage()
{
    const quint64 generation = m_generation;
    const int offset = m_pagedOffset;
    m_pageCall = requestPage(PageSize, offset, [this, generation, offset](const PageResult &result) {
        if (generation != m_generation)
            return;
        m_pageCall = nullptr;
        Q_EMIT loadingChanged(false);
        if (!result.ok()) {
            m_pagingFailed = true; // a view would ask again at once; refresh() or reload() retries
            reportError(tr("Could not load %1").arg(collectionName()), result.error());
            return;
        }
        const Api::Page<QVariant> &page = result.value();
        m_pagedOffset = offset + int(page.items.size());
        // A short or empty page ends the list even when total_entries says more (rows went meanwhile).
        const int total = page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset);
        QList<QVariant> fresh;
        QSet<QString> seen;
        for (const QVariant &row : page.items) {
            const QString key = keyOf(row);
            // A row created meanwhile shifts the pages: a key may come twice.
            if (m_rowByKey.contains(key) || seen.contains(key))
                continue;
            seen.insert(key);
            fresh.append(row);
        }
        appendRows(fresh);
        setTotalEntries(total);
    });
    if (m_pageCall)
        Q_EMIT loadingChanged(true);
}

void ResourceListModel::appendRows(const QList<QVariant> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    QStringList keys;
    for (const QVariant &row : rows) {
        const QString key = keyOf(row);
        m_rowByKey.insert(key, int(m_rows.size()));
        m_rows.append(row);
        keys.append(key);
    }
    endInsertRows();
    rowsArrived(keys);
}

void ResourceListModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Refresh in place

void ResourceListModel::refresh()
{
    if (!m_client || m_refreshCall || !m_client->dialect().supports(feature()))
        return;
    m_pagingFailed = false;
    if (m_rows.isEmpty()) {
        if (!m_pageCall)
            requestNextPage();
        return;
    }
    if (m_pageCall) {
        // The page on its way is dropped: the refresh reads that stretch too, as it is now.
        ++m_generation;
        const QPointer<Api::ApiCall> call = m_pageCall;
        m_pageCall = nullptr;
        call->cancel();
        Q_EMIT loadingChanged(false);
    }
    m_refreshRows.clear();
    m_refreshTarget = isComplete() ? -1 : int(m_rows.size());
    requestRefreshPage(0);
    if (m_refreshCall)
        Q_EMIT refreshingChanged(true);
}

void ResourceListModel::requestRefreshPage(int offset)
{
    const quint64 generation = m_generation;
    m_refreshCall = requestPage(PageSize, offset, [this, generation, offset](const PageResult &result) {
        if (generation != m_generation)
            return;
        m_refreshCall = nullptr;
        if (!result.ok()) {
            m_refreshRows.clear();
            reportError(tr("Could not refresh %1").arg(collectionName()), result.error());
            endRefresh(false);
            return;
        }
        const Api::Page<QVariant> &page = result.value();
        m_refreshRows.append(page.items);
        const int next = offset + int(page.items.size());
        const bool atEnd = page.items.isEmpty() || next >= page.totalEntries;
        if (!atEnd && (m_refreshTarget < 0 || next < m_refreshTarget)) {
            requestRefreshPage(next);
            return;
        }
        QList<QVariant> fresh;
        QSet<QString> seen;
        for (const QVariant &row : std::as_const(m_refreshRows)) {
            const QString key = keyOf(row);
            if (!seen.contains(key)) {
                seen.insert(key);
                fresh.append(row);
            }
        }
        m_refreshRows.clear();
        syncRows(fresh);
        m_pagedOffset = next;
        setTotalEntries(atEnd ? next : qMax(page.totalEntries, next));
        endRefresh(true);
    });
}

void ResourceListModel::endRefresh(bool ok)
{
    Q_EMIT refreshingChanged(false);
    if (ok || refreshedAfterFailure())
        Q_EMIT refreshed();
}

void ResourceListModel::syncRows(const QList<QVariant> &fresh)
{
    QSet<QString> freshKeys;
    for (const QVariant &row : fresh)
        freshKeys.insert(keyOf(row));

    // 1. Rows gone from the server, bottom up, a contiguous block at a time.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshKeys.contains(keyOf(m_rows.at(last)))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshKeys.contains(keyOf(m_rows.at(first - 1))))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        rebuildIndex();
        endRemoveRows();
        last = first - 1;
    }
    const QHash<QString, int> known = m_rowByKey;

    // 2. The server's order: update in place, insert new rows, move the ones the order moved.
    QStringList arrived;
    for (int i = 0; i < fresh.size(); ++i) {
        const QVariant &row = fresh.at(i);
        const QString key = keyOf(row);
        arrived.append(key);
        if (i < m_rows.size() && keyOf(m_rows.at(i)) == key) {
            if (!sameRow(m_rows.at(i), row)) {
                m_rows[i] = row;
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
            continue;
        }
        if (!known.contains(key)) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, row);
            rebuildIndex();
            endInsertRows();
            continue;
        }
        int from = i + 1;
        while (from < m_rows.size() && keyOf(m_rows.at(from)) != key)
            ++from;
        if (from >= m_rows.size())
            continue;
        beginMoveRows({}, from, from, {}, i);
        m_rows.move(from, i);
        rebuildIndex();
        endMoveRows();
        if (!sameRow(m_rows.at(i), row)) {
            m_rows[i] = row;
            Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
        }
    }
    rowsArrived(arrived);
}

void ResourceListModel::rebuildIndex()
{
    m_rowByKey.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowByKey.insert(keyOf(m_rows.at(row)), row);
}

// ---- Reset

void ResourceListModel::cancelCalls()
{
    // Cancelling may call a callback at once; the generation was bumped, so it drops the answer.
    const QList<QPointer<Api::ApiCall>> calls{m_pageCall, m_refreshCall};
    m_pageCall = nullptr;
    m_refreshCall = nullptr;
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
}

void ResourceListModel::reload()
{
    const bool wasLoading = isLoading();
    const bool wasRefreshing = isRefreshing();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    if (wasRefreshing)
        Q_EMIT refreshingChanged(false);
    beginResetModel();
    m_rows.clear();
    m_rowByKey.clear();
    m_refreshRows.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    rowsCleared();
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
    if (canFetchMore({}))
        requestNextPage();
}

void ResourceListModel::reportError(const QString &what, const Api::ApiError &error)
{
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    qCInfo(lcResourceModel).noquote() << what << '-' << error.message() << error.context();
    const QString message = error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message());
    Q_EMIT errorOccurred(message);
}

} // namespace Windsock::Models
