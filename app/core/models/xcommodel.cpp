#include "xcommodel.h"

#include "displaytext.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcXComModel, "windsock.models.xcoms", QtInfoMsg)

namespace Windsock::Models {

namespace {

Api::XComEntry entryOf(const QVariant &row)
{
    return row.value<Api::XComEntry>();
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
    : ResourceListModel(client, parent)
{}

XComModel::~XComModel()
{
    cancelValueCall();
}

QString XComModel::rowKey(const QString &key, int mapIndex)
{
    // No XCom key holds a NUL character.
    return key + QChar(0) + QString::number(mapIndex);
}

int XComModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString XComModel::displayText(const Api::XComEntry &entry, const ValueRead *value, int column) const
{
    switch (column) {
    case Key:
        return entry.key;
    case MapIndex:
        return entry.mapIndex >= 0 ? QString::number(entry.mapIndex) : QString();
    case Timestamp:
        return formatDateTime(entry.timestamp);
    case Value:
        if (entry.hasValue && value)
            return value->preview;
        return value && value->failed ? tr("(could not be read)") : QString(QChar(0x2026));
    }
    return {};
}

QVariant XComModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto found = m_values.constFind(keyAt(index.row()));
    const ValueRead *value = found == m_values.cend() ? nullptr : &found.value();
    const Api::XComEntry entry = value && value->entry.hasValue ? value->entry : entryOf(rowAt(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(entry, value, column);
    case Qt::ToolTipRole:
        if (column == Value && !entry.hasValue && !(value && value->failed))
            return tr("The value is being read");
        if (column == Timestamp)
            return tr("Pushed at %1 (local time)").arg(formatDateTime(entry.timestamp));
        return displayText(entry, value, column);
    case Qt::TextAlignmentRole:
        if (column == MapIndex)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case MapIndex:
            return entry.mapIndex;
        case Timestamp:
            return entry.timestamp;
        default:
            return displayText(entry, value, column);
        }
    case XComEntryRole:
        return QVariant::fromValue(entry);
    case KeyRole:
        return entry.key;
    case HasValueRole:
        return entry.hasValue;
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

QHash<int, QByteArray> XComModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(XComEntryRole, QByteArrayLiteral("xcomEntry"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(HasValueRole, QByteArrayLiteral("hasValue"));
    return names;
}

Api::XComEntry XComModel::entry(int row) const
{
    const auto value = m_values.constFind(keyAt(row));
    if (value != m_values.cend() && value->entry.hasValue)
        return value->entry;
    return entryOf(rowAt(row));
}

int XComModel::rowOf(const QString &key, int mapIndex) const
{
    return rowOfKey(rowKey(key, mapIndex));
}

bool XComModel::isLoadingValue(int row) const
{
    if (row < 0 || row >= rowCount() || !m_valueCall)
        return false;
    return keyAt(row) == m_valueKey;
}

bool XComModel::hasValue(const QString &key) const
{
    const auto value = m_values.constFind(key);
    return value != m_values.cend() && value->entry.hasValue;
}

// ---- Paging

bool XComModel::canFetchMore(const QModelIndex &parent) const
{
    return !m_taskId.isEmpty() && ResourceListModel::canFetchMore(parent);
}

Api::ApiCall *XComModel::requestPage(int limit, int offset, PageCallback done)
{
    if (m_taskId.isEmpty())
        return nullptr;
    Api::XComQuery query;
    query.dagId = m_dagId;
    query.dagRunId = m_dagRunId;
    query.taskId = m_taskId;
    query.limit = limit;
    query.offset = offset;
    return client()->xcomEntries(
        query, this, [done = std::move(done)](const Api::Result<Api::Page<Api::XComEntry>> &result) {
            done(toVariantPage(result));
        });
}

QString XComModel::keyOf(const QVariant &row) const
{
    const Api::XComEntry entry = entryOf(row);
    return rowKey(entry.key, entry.mapIndex);
}

bool XComModel::sameRow(const QVariant &a, const QVariant &b) const
{
    const Api::XComEntry left = entryOf(a);
    const Api::XComEntry right = entryOf(b);
    return left.key == right.key && left.mapIndex == right.mapIndex && left.timestamp == right.timestamp;
}

QString XComModel::collectionName() const
{
    return tr("the XComs");
}

// ---- Values

void XComModel::rowsArrived(const QStringList &keys)
{
    for (const QString &key : keys) {
        const int row = rowOfKey(key);
        const Api::XComEntry listed = entryOf(rowAt(row));
        if (listed.hasValue) { // a list that carries values: nothing to read
            m_values.insert(key, ValueRead{listed, previewOf(listed), listed.timestamp, false});
            continue;
        }
        const auto value = m_values.constFind(key);
        if (value != m_values.cend() && value->listedAt != listed.timestamp) {
            m_values.remove(key); // pushed again since it was read
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        if (!hasValue(key) && key != m_valueKey && !m_valueQueue.contains(key))
            m_valueQueue.append(key);
    }
    readNextValue();
}

void XComModel::loadValue(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    const QString key = keyAt(row);
    if (hasValue(key)) {
        Q_EMIT valueLoaded(row);
        return;
    }
    if (key == m_valueKey && m_valueCall)
        return; // on its way
    m_valueQueue.removeAll(key);
    m_valueQueue.prepend(key);
    readNextValue();
}

void XComModel::readNextValue()
{
    if (m_valueCall || !client())
        return;
    while (!m_valueQueue.isEmpty()) {
        const QString key = m_valueQueue.takeFirst();
        const int row = rowOfKey(key);
        if (row < 0 || hasValue(key))
            continue;
        const quint64 generation = m_valueGeneration;
        m_valueKey = key;
        m_valueCall = client()->xcomEntry(m_dagId, m_dagRunId, m_taskId, entryOf(rowAt(row)).key, this,
                                          [this, generation, key](const Api::Result<Api::XComEntry> &result) {
                                              if (generation != m_valueGeneration)
                                                  return;
                                              m_valueCall = nullptr;
                                              m_valueKey.clear();
                                              storeValue(key, result);
                                              readNextValue();
                                          });
        return;
    }
}

void XComModel::storeValue(const QString &key, const Api::Result<Api::XComEntry> &result)
{
    const int row = rowOfKey(key);
    if (row < 0 || (!result.ok() && result.error().kind() == Api::ApiError::Kind::Cancelled))
        return;
    const Api::XComEntry listed = entryOf(rowAt(row));
    ValueRead &value = m_values[key];
    value.listedAt = listed.timestamp;
    if (!result.ok()) {
        value.failed = true;
        const QString what = tr("Could not read the value of %1").arg(listed.key);
        qCInfo(lcXComModel).noquote() << what << '-' << result.error().message() << result.error().context();
        Q_EMIT dataChanged(index(row, Value), index(row, Value));
        Q_EMIT valueFailed(row, result.error().message().isEmpty()
                                    ? what
                                    : tr("%1: %2").arg(what, result.error().message()));
        return;
    }
    // The list knows the run id and map index the answer may not repeat; the value and its dates come
    // from the answer.
    Api::XComEntry entry = result.value();
    entry.dagId = listed.dagId;
    entry.dagRunId = listed.dagRunId;
    entry.taskId = listed.taskId;
    entry.mapIndex = listed.mapIndex;
    if (!entry.timestamp.isValid())
        entry.timestamp = listed.timestamp;
    value.entry = entry;
    value.preview = previewOf(entry);
    value.failed = false;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT valueLoaded(row);
}

// ---- Reset

void XComModel::cancelValueCall()
{
    // Cancelling may call the callback at once; the generation was bumped, so it drops the answer.
    ++m_valueGeneration;
    const QPointer<Api::ApiCall> call = m_valueCall;
    m_valueCall = nullptr;
    if (call)
        call->cancel();
}

void XComModel::rowsCleared()
{
    cancelValueCall();
    m_values.clear();
    m_valueQueue.clear();
    m_valueKey.clear();
}

void XComModel::setTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId)
{
    m_dagId = dagId;
    m_dagRunId = dagRunId;
    m_taskId = taskId;
    reload();
}

} // namespace Windsock::Models
