#include "importerrormodel.h"

#include "displaytext.h"

namespace Windsock::Models {

namespace {

Api::ImportError importErrorOf(const QVariant &row)
{
    return row.value<Api::ImportError>();
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
    : ResourceListModel(client, parent)
{}

ImportErrorModel::~ImportErrorModel() = default;

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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Api::ImportError error = importErrorOf(rowAt(index.row()));
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
    case KeyRole:
        return QString::number(error.id);
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

QHash<int, QByteArray> ImportErrorModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(ImportErrorRole, QByteArrayLiteral("importError"));
    names.insert(StackTraceRole, QByteArrayLiteral("stackTrace"));
    names.insert(SearchTextRole, QByteArrayLiteral("searchText"));
    names.insert(IdRole, QByteArrayLiteral("importErrorId"));
    return names;
}

Api::ImportError ImportErrorModel::importError(int row) const
{
    return importErrorOf(rowAt(row));
}

int ImportErrorModel::rowOfId(int importErrorId) const
{
    return rowOfKey(QString::number(importErrorId));
}

bool ImportErrorModel::canFetchMore(const QModelIndex &parent) const
{
    // A page asked for during a refresh would land in the stretch the refresh is about to sync.
    return !isRefreshing() && ResourceListModel::canFetchMore(parent);
}

Api::ApiCall *ImportErrorModel::requestPage(int limit, int offset, PageCallback done)
{
    return client()->importErrors(
        limit, offset, this,
        [done = std::move(done)](const Api::Result<Api::Page<Api::ImportError>> &result) {
            done(toVariantPage(result));
        });
}

QString ImportErrorModel::keyOf(const QVariant &row) const
{
    return QString::number(importErrorOf(row).id);
}

bool ImportErrorModel::sameRow(const QVariant &a, const QVariant &b) const
{
    const Api::ImportError left = importErrorOf(a);
    const Api::ImportError right = importErrorOf(b);
    return left.id == right.id && left.filename == right.filename && left.stackTrace == right.stackTrace &&
           left.timestamp == right.timestamp;
}

QString ImportErrorModel::collectionName() const
{
    return tr("the import errors");
}

} // namespace Windsock::Models
