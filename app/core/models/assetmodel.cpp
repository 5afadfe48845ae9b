#include "assetmodel.h"

#include "displaytext.h"

#include "api/dialect.h"

namespace Windsock::Models {

namespace {

Api::Asset assetOf(const QVariant &row)
{
    return row.value<Api::Asset>();
}

} // namespace

AssetModel::AssetModel(Api::AirflowClient *client, QObject *parent)
    : ResourceListModel(client, parent)
{}

AssetModel::~AssetModel() = default;

int AssetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AssetModel::displayText(const Api::Asset &asset, int column) const
{
    switch (column) {
    case Name:
        return asset.name.isEmpty() ? asset.uri : asset.name;
    case Uri:
        return asset.uri;
    case ConsumedBy:
        return asset.consumingDagIds.join(QStringLiteral(", "));
    case ProducedBy:
        return asset.producingTasks.join(QStringLiteral(", "));
    case Updated:
        return formatDateTime(asset.updatedAt);
    }
    return {};
}

QVariant AssetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Api::Asset asset = assetOf(rowAt(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(asset, column);
    case Qt::ToolTipRole:
        if (column == Updated)
            return tr("When the asset was last updated (local time)");
        if (column == Name && !asset.extra.isEmpty())
            return tr("%1\nExtra: %2").arg(displayText(asset, column), asset.extra);
        return displayText(asset, column);
    case SortRole:
        return column == Updated ? QVariant(asset.updatedAt) : QVariant(displayText(asset, column));
    case AssetRole:
        return QVariant::fromValue(asset);
    case SearchTextRole:
        return QStringList{asset.name, asset.uri, asset.consumingDagIds.join(QLatin1Char('\n')),
                           asset.producingTasks.join(QLatin1Char('\n'))}
            .join(QLatin1Char('\n'));
    case KeyRole:
        return QString::number(asset.id);
    case IdRole:
        return asset.id;
    default:
        return {};
    }
}

QVariant AssetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Uri:
        return tr("URI");
    case ConsumedBy:
        return tr("Consumed by");
    case ProducedBy:
        return tr("Produced by");
    case Updated:
        return tr("Updated");
    }
    return {};
}

QHash<int, QByteArray> AssetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(AssetRole, QByteArrayLiteral("asset"));
    names.insert(SearchTextRole, QByteArrayLiteral("searchText"));
    names.insert(IdRole, QByteArrayLiteral("assetId"));
    return names;
}

Api::Asset AssetModel::asset(int row) const
{
    return assetOf(rowAt(row));
}

bool AssetModel::canFetchMore(const QModelIndex &parent) const
{
    // A page asked for during a refresh would land in the stretch the refresh is about to sync.
    return !isRefreshing() && ResourceListModel::canFetchMore(parent);
}

Api::ApiCall *AssetModel::requestPage(int limit, int offset, PageCallback done)
{
    Api::CollectionQuery query;
    query.limit = limit;
    query.offset = offset;
    return client()->assets(query, this,
                            [done = std::move(done)](const Api::Result<Api::Page<Api::Asset>> &result) {
                                done(toVariantPage(result));
                            });
}

QString AssetModel::keyOf(const QVariant &row) const
{
    return QString::number(assetOf(row).id);
}

bool AssetModel::sameRow(const QVariant &a, const QVariant &b) const
{
    const Api::Asset left = assetOf(a);
    const Api::Asset right = assetOf(b);
    return left.id == right.id && left.name == right.name && left.uri == right.uri &&
           left.group == right.group && left.updatedAt == right.updatedAt &&
           left.consumingDagIds == right.consumingDagIds && left.producingTasks == right.producingTasks &&
           left.extra == right.extra;
}

QString AssetModel::collectionName() const
{
    return client() && client()->dialect().kind() == Api::ApiKind::V2 ? tr("the assets") : tr("the datasets");
}

} // namespace Windsock::Models
