#include "importerrormodel.h"

#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcImportErrorModel, "windsock.models.importerrors", QtInfoMsg)

namespace Windsock::Models {

namespace {

QString formatDateTime(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              : QString();
}

bool sameError(const Api::ImportError &a, const Api::ImportError &b)
{
    return a.id == b.id && a.filename == b.filename && a.stackTrace == b.stackTrace &&
           a.timestamp == b.timestamp;
}

} // namespace

QString ImportErrorModel::errorLine(const QString &stackTrace)
{
    const QStringList lines = stackTrace.split(QLatin1Char('\n'));
    const auto firstNonEmpty = [&lines]() -> QString {
        for (const QString &line : lines) {
            if (!line.trimmed().isEmpty())
                return line.trimmed();
        }
        return {};
    };
    const QString first = firstNonEmpty();
    if (!first.startsWith(QLatin1String("Traceback")))
        return first;
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        // The exception line is not indented; frames ("  File ...") and source lines are.
        if (!it->trimmed().isEmpty() && !it->startsWith(QLatin1Char(' ')))
            return it->trimmed();
    }
    return first;
}

ImportErrorModel::ImportErrorModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

ImportErrorModel::~ImportErrorModel()
{
    ++m_generation;
    cancelCalls();
}

int ImportErrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportErrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportErrorModel::displayText(const Api::ImportError &error, int column) const
{
    switch (column) {
    case File:
        return error.filename;
    case Timestamp:
        return formatDateTime(error.timestamp);
    case Error:
        return errorLine(error.stackTrace);
    }
    return {};
}

QVariant ImportErrorModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Api::ImportError &error = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(error, column);
    case Qt::ToolTipRole:
        if (column == Timestamp)
            return tr("When the scheduler last failed to import the file (local time)");
        return displayText(error, column);
    case SortRole:
        return column == Timestamp ? QVariant(error.timestamp) : QVariant(displayText(error, column));
    case ImportErrorRole:
        return QVariant::fromValue(error);
    case StackTraceRole:
        return error.stackTrace;
    case SearchTextRole:
        return QString(error.filename + QLatin1Char('\n') + error.stackTrace);
    case IdRole:
        return error.id;
    default:
        return {};
    }
}

QVariant ImportErrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case File:
        return tr("File");
    case Timestamp:
        return tr("Time");
    case Error:
        return tr("Error");
    }
    return {};
}

Qt::ItemFlags ImportErrorModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ImportErrorModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(ImportErrorRole, QByteArrayLiteral("importError"));
    names.insert(StackTraceRole, QByteArrayLiteral("stackTrace"));
    names.insert(SearchTextRole, QByteArrayLiteral("searchText"));
    names.insert(IdRole, QByteArrayLiteral("importErrorId"));
    return names;
}

const Api::ImportError &ImportErrorModel::importError(int row) const
{
    return m_rows.at(row);
}

int ImportErrorModel::rowOfId(int importErrorId) const
{
    return m_rowById.value(importErrorId, -1);
}

// ---- Paging

bool ImportErrorModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_pageCall || m_refreshCall || m_pagingFailed)
        return false;
    return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
}

void ImportErrorModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void ImportErrorModel::requestPage()
{
    if (m_pageCall)
        return;
    const quint64 generation = m_generation;
    m_pageCall = m_client->importErrors(
        PageSize, m_pagedOffset, this,
        [this, generation](const Api::Result<Api::Page<Api::ImportError>> &result) {
            if (generation != m_generation)
                return;
            m_pageCall = nullptr;
            Q_EMIT loadingChanged(false);
            if (!result.ok()) {
                m_pagingFailed = true;
                reportError(tr("Could not load the import errors"), result.error());
                return;
            }
            const Api::Page<Api::ImportError> &page = result.value();
            m_pagedOffset += int(page.items.size());
            setTotalEntries(page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset));
            appendErrors(page.items);
        });
    Q_EMIT loadingChanged(true);
}

void ImportErrorModel::appendErrors(const QList<Api::ImportError> &errors)
{
    QList<Api::ImportError> fresh;
    QSet<int> freshIds;
    for (const Api::ImportError &error : errors) {
        const int row = m_rowById.value(error.id, -1);
        if (row >= 0)
            updateRow(row, error); // the list shifted between two pages
        else if (!freshIds.contains(error.id)) {
            freshIds.insert(error.id);
            fresh.append(error);
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Api::ImportError &error : std::as_const(fresh)) {
        m_rowById.insert(error.id, int(m_rows.size()));
        m_rows.append(error);
    }
    endInsertRows();
}

void ImportErrorModel::updateRow(int row, const Api::ImportError &error)
{
    if (sameError(m_rows.at(row), error))
        return;
    m_rows[row] = error;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ImportErrorModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Refresh in place

void ImportErrorModel::refresh()
{
    if (!m_client || m_refreshCall)
        return;
    if (m_rows.isEmpty()) {
        // Nothing to keep: asking for the first page again is the refresh (and retries a failed one).
        if (m_pageCall)
            return;
        m_pagingFailed = false;
        m_pagedOffset = 0;
        requestPage();
        return;
    }
    if (m_pageCall) {
        ++m_generation;
        const QPointer<Api::ApiCall> pageCall = m_pageCall;
        m_pageCall = nullptr;
        pageCall->cancel();
        Q_EMIT loadingChanged(false);
    }
    m_pagingFailed = false;
    m_refreshRows.clear();
    m_refreshOffset = 0;
    m_refreshTarget = int(m_rows.size());
    requestRefreshPage();
    Q_EMIT refreshingChanged(true);
}

void ImportErrorModel::requestRefreshPage()
{
    const quint64 generation = m_generation;
    m_refreshCall = m_client->importErrors(
        PageSize, m_refreshOffset, this,
        [this, generation](const Api::Result<Api::Page<Api::ImportError>> &result) {
            if (generation != m_generation)
                return;
            m_refreshCall = nullptr;
            if (!result.ok()) {
                m_refreshRows.clear();
                Q_EMIT refreshingChanged(false);
                reportError(tr("Could not refresh the import errors"), result.error());
                return;
            }
            const Api::Page<Api::ImportError> &page = result.value();
            QSet<int> seen;
            for (const Api::ImportError &error : std::as_const(m_refreshRows))
                seen.insert(error.id);
            for (const Api::ImportError &error : page.items) {
                if (!seen.contains(error.id)) {
                    seen.insert(error.id);
                    m_refreshRows.append(error);
                }
            }
            m_refreshOffset += int(page.items.size());
            const bool reachedEnd = page.items.isEmpty() || m_refreshOffset >= page.totalEntries;
            if (!reachedEnd && m_refreshOffset < m_refreshTarget)
                return requestRefreshPage();
            const QList<Api::ImportError> fresh = m_refreshRows;
            m_refreshRows.clear();
            syncRows(fresh);
            m_pagedOffset = m_refreshOffset;
            setTotalEntries(reachedEnd ? m_refreshOffset : qMax(page.totalEntries, m_refreshOffset));
            Q_EMIT refreshingChanged(false);
            Q_EMIT refreshed();
        });
}

void ImportErrorModel::syncRows(const QList<Api::ImportError> &fresh)
{
    QSet<int> freshIds;
    for (const Api::ImportError &error : fresh)
        freshIds.insert(error.id);

    // 1. Entries gone from the server (files fixed or deleted), bottom up, a contiguous block at a time.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshIds.contains(m_rows.at(last).id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshIds.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    rebuildIndex();
    const QHash<int, int> known = m_rowById;

    // 2. Walk the fresh order: update in place, insert new entries in blocks, move the ones the order moved.
    for (int i = 0; i < fresh.size(); ++i) {
        const int id = fresh.at(i).id;
        if (i < m_rows.size() && m_rows.at(i).id == id) {
            updateRow(i, fresh.at(i));
            continue;
        }
        if (!known.contains(id)) {
            int end = i + 1;
            while (end < fresh.size() && !known.contains(fresh.at(end).id))
                ++end;
            beginInsertRows({}, i, end - 1);
            for (int k = i; k < end; ++k)
                m_rows.insert(k, fresh.at(k));
            endInsertRows();
            i = end - 1;
            continue;
        }
        int from = i + 1;
        while (from < m_rows.size() && m_rows.at(from).id != id)
            ++from;
        if (from >= m_rows.size())
            continue;
        beginMoveRows({}, from, from, {}, i);
        m_rows.move(from, i);
        endMoveRows();
        updateRow(i, fresh.at(i));
    }
    rebuildIndex();
}

void ImportErrorModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).id, row);
}

// ---- Reset

void ImportErrorModel::cancelCalls()
{
    for (QPointer<Api::ApiCall> *slot : {&m_pageCall, &m_refreshCall}) {
        if (*slot) {
            const QPointer<Api::ApiCall> call = *slot;
            *slot = nullptr;
            call->cancel();
        }
    }
}

void ImportErrorModel::resetRows()
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
    m_rowById.clear();
    m_refreshRows.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void ImportErrorModel::reload()
{
    resetRows();
    if (canFetchMore({}))
        requestPage();
}

void ImportErrorModel::reportError(const QString &what, const Api::ApiError &error)
{
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    qCInfo(lcImportErrorModel).noquote() << what << '-' << error.message() << error.context();
    Q_EMIT errorOccurred(error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message()));
}

} // namespace Windsock::Models
