#include "xcommodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcXComModel, "windsock.models.xcoms", QtInfoMsg)

namespace Windsock::Models {

namespace {

QString formatDateTime(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              : QString();
}

// One line of the value for a table cell. Only the start of a long value is looked at: a multi-megabyte
// XCom must not cost a full pass for a cell that shows two hundred characters.
QString previewOf(const Api::XComEntry &entry)
{
    const QString text = entry.valueText();
    QString preview = text.left(XComModel::PreviewChars * 4).simplified();
    if (preview.size() > XComModel::PreviewChars || text.size() > XComModel::PreviewChars * 4) {
        preview.truncate(XComModel::PreviewChars);
        preview += QChar(0x2026);
    }
    return preview;
}

} // namespace

XComModel::XComModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

XComModel::~XComModel()
{
    ++m_generation;
    cancelCalls();
}

QString XComModel::keyOf(const QString &key, int mapIndex)
{
    // No XCom key holds a NUL character.
    return key + QChar(0) + QString::number(mapIndex);
}

int XComModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int XComModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString XComModel::displayText(const Row &row, int column) const
{
    switch (column) {
    case Key:
        return row.entry.key;
    case MapIndex:
        return row.entry.mapIndex >= 0 ? QString::number(row.entry.mapIndex) : QString();
    case Timestamp:
        return formatDateTime(row.entry.timestamp);
    case Value:
        if (row.entry.hasValue)
            return row.preview;
        return row.valueFailed ? tr("(could not be read)") : QString(QChar(0x2026));
    }
    return {};
}

QVariant XComModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::ToolTipRole:
        if (column == Value && !row.entry.hasValue && !row.valueFailed)
            return tr("The value is being read");
        if (column == Timestamp)
            return tr("Pushed at %1 (local time)").arg(formatDateTime(row.entry.timestamp));
        return displayText(row, column);
    case Qt::TextAlignmentRole:
        if (column == MapIndex)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case MapIndex:
            return row.entry.mapIndex;
        case Timestamp:
            return row.entry.timestamp;
        default:
            return displayText(row, column);
        }
    case XComEntryRole:
        return QVariant::fromValue(row.entry);
    case KeyRole:
        return row.entry.key;
    case HasValueRole:
        return row.entry.hasValue;
    default:
        return {};
    }
}

QVariant XComModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case MapIndex:
        return tr("Map index");
    case Timestamp:
        return tr("Pushed");
    case Value:
        return tr("Value");
    }
    return {};
}

Qt::ItemFlags XComModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> XComModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(XComEntryRole, QByteArrayLiteral("xcomEntry"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(HasValueRole, QByteArrayLiteral("hasValue"));
    return names;
}

const Api::XComEntry &XComModel::entry(int row) const
{
    return m_rows.at(row).entry;
}

int XComModel::rowOf(const QString &key, int mapIndex) const
{
    return m_rowByKey.value(keyOf(key, mapIndex), -1);
}

bool XComModel::isLoadingValue(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_valueCall)
        return false;
    return keyOf(m_rows.at(row).entry.key, m_rows.at(row).entry.mapIndex) == m_valueKey;
}

// ---- Paging

bool XComModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_taskId.isEmpty() || m_pageCall || m_pagingFailed)
        return false;
    return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
}

void XComModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void XComModel::requestPage()
{
    if (m_pageCall)
        return;
    Api::XComQuery query;
    query.dagId = m_dagId;
    query.dagRunId = m_dagRunId;
    query.taskId = m_taskId;
    query.limit = PageSize;
    query.offset = m_pagedOffset;
    const quint64 generation = m_generation;
    m_pageCall = m_client->xcomEntries(
        query, this, [this, generation](const Api::Result<Api::Page<Api::XComEntry>> &result) {
            if (generation != m_generation)
                return;
            m_pageCall = nullptr;
            Q_EMIT loadingChanged(false);
            if (!result.ok()) {
                m_pagingFailed = true;
                if (result.error().kind() != Api::ApiError::Kind::Cancelled)
                    Q_EMIT errorOccurred(reportText(tr("Could not list the XComs"), result.error()));
                return;
            }
            const Api::Page<Api::XComEntry> &page = result.value();
            m_pagedOffset += int(page.items.size());
            // A server whose total promises more than its pages deliver must not make us ask forever.
            setTotalEntries(page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset));
            appendEntries(page.items);
        });
    Q_EMIT loadingChanged(true);
}

void XComModel::appendEntries(const QList<Api::XComEntry> &entries)
{
    QList<Row> fresh;
    for (const Api::XComEntry &entry : entries) {
        const QString key = keyOf(entry.key, entry.mapIndex);
        if (m_rowByKey.contains(key))
            continue; // an entry pushed between two pages shifted the offsets
        bool twice = false;
        for (const Row &row : std::as_const(fresh))
            twice = twice || (row.entry.key == entry.key && row.entry.mapIndex == entry.mapIndex);
        if (!twice)
            fresh.append(Row{entry, QString(), false});
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Row &row : std::as_const(fresh)) {
        const QString key = keyOf(row.entry.key, row.entry.mapIndex);
        m_rowByKey.insert(key, int(m_rows.size()));
        m_rows.append(row);
        m_valueQueue.append(key);
    }
    endInsertRows();
    readNextValue();
}

void XComModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Values

void XComModel::loadValue(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const Row &r = m_rows.at(row);
    if (r.entry.hasValue) {
        Q_EMIT valueLoaded(row);
        return;
    }
    const QString key = keyOf(r.entry.key, r.entry.mapIndex);
    if (key == m_valueKey && m_valueCall)
        return; // on its way
    m_valueQueue.removeAll(key);
    m_valueQueue.prepend(key);
    readNextValue();
}

void XComModel::readNextValue()
{
    if (m_valueCall || !m_client)
        return;
    while (!m_valueQueue.isEmpty()) {
        const QString key = m_valueQueue.takeFirst();
        const int row = m_rowByKey.value(key, -1);
        if (row < 0 || m_rows.at(row).entry.hasValue)
            continue;
        const Api::XComEntry &entry = m_rows.at(row).entry;
        const quint64 generation = m_generation;
        m_valueKey = key;
        m_valueCall = m_client->xcomEntry(m_dagId, m_dagRunId, m_taskId, entry.key, this,
                                          [this, generation, key](const Api::Result<Api::XComEntry> &result) {
                                              if (generation != m_generation)
                                                  return;
                                              m_valueCall = nullptr;
                                              m_valueKey.clear();
                                              storeValue(key, result);
                                              readNextValue();
                                          });
        return;
    }
}

void XComModel::storeValue(const QString &rowKey, const Api::Result<Api::XComEntry> &result)
{
    const int row = m_rowByKey.value(rowKey, -1);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    if (!result.ok()) {
        if (result.error().kind() == Api::ApiError::Kind::Cancelled)
            return;
        r.valueFailed = true;
        Q_EMIT dataChanged(index(row, Value), index(row, Value));
        Q_EMIT valueFailed(row,
                           reportText(tr("Could not read the value of %1").arg(r.entry.key), result.error()));
        return;
    }
    // The list knows the run id and map index the answer may not repeat; the value and its dates come
    // from the answer.
    Api::XComEntry entry = result.value();
    entry.dagId = r.entry.dagId;
    entry.dagRunId = r.entry.dagRunId;
    entry.taskId = r.entry.taskId;
    entry.mapIndex = r.entry.mapIndex;
    if (!entry.timestamp.isValid())
        entry.timestamp = r.entry.timestamp;
    r.entry = entry;
    r.preview = previewOf(entry);
    r.valueFailed = false;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT valueLoaded(row);
}

// ---- Reset

void XComModel::cancelCalls()
{
    // Cancelling may call a callback at once; the generation was bumped, so it drops the answer.
    for (QPointer<Api::ApiCall> *slot : {&m_pageCall, &m_valueCall}) {
        if (*slot) {
            const QPointer<Api::ApiCall> call = *slot;
            *slot = nullptr;
            call->cancel();
        }
    }
}

void XComModel::resetRows()
{
    const bool wasLoading = isLoading();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    beginResetModel();
    m_rows.clear();
    m_rowByKey.clear();
    m_valueQueue.clear();
    m_valueKey.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void XComModel::reload()
{
    resetRows();
    if (canFetchMore({}))
        requestPage();
}

void XComModel::setTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId)
{
    m_dagId = dagId;
    m_dagRunId = dagRunId;
    m_taskId = taskId;
    reload();
}

QString XComModel::reportText(const QString &what, const Api::ApiError &error) const
{
    qCInfo(lcXComModel).noquote() << what << '-' << error.message() << error.context();
    return error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message());
}

} // namespace Windsock::Models
