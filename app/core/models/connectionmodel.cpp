#include "connectionmodel.h"

namespace Windsock::Models {

ConnectionModel::ConnectionModel(Api::AirflowClient *client, QObject *parent)
    : ResourceListModel(client, parent)
{}

ConnectionModel::~ConnectionModel() = default;

int ConnectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Api::Connection ConnectionModel::connection(int row) const
{
    return rowAt(row).value<Api::Connection>();
}

QVariant ConnectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Api::Connection connection = this->connection(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        switch (index.column()) {
        case ConnectionId:
            return connection.connectionId;
        case Type:
            return connection.connType;
        case Host:
            return connection.host;
        case Port:
            if (role == SortRole)
                return connection.port;
            return connection.port > 0 ? QString::number(connection.port) : QString();
        case Schema:
            return connection.schema;
        case Login:
            return connection.login;
        case Description:
            return connection.description;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Port)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return connection.connectionId;
    case ConnectionRole:
        return QVariant::fromValue(connection);
    default:
        return {};
    }
}

QVariant ConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ConnectionId:
        return tr("Connection id");
    case Type:
        return tr("Type");
    case Host:
        return tr("Host");
    case Port:
        return tr("Port");
    case Schema:
        return tr("Schema");
    case Login:
        return tr("Login");
    case Description:
        return tr("Description");
    }
    return {};
}

QHash<int, QByteArray> ConnectionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(KeyRole, QByteArrayLiteral("connectionId"));
    names.insert(ConnectionRole, QByteArrayLiteral("connection"));
    return names;
}

Api::ApiCall *ConnectionModel::requestPage(int limit, int offset, PageCallback done)
{
    Api::CollectionQuery query;
    query.limit = limit;
    query.offset = offset;
    return client()->connections(
        query, this, [done = std::move(done)](const Api::Result<Api::Page<Api::Connection>> &result) {
            done(toVariantPage(result));
        });
}

QString ConnectionModel::keyOf(const QVariant &row) const
{
    return row.value<Api::Connection>().connectionId;
}

bool ConnectionModel::sameRow(const QVariant &a, const QVariant &b) const
{
    const Api::Connection l = a.value<Api::Connection>();
    const Api::Connection r = b.value<Api::Connection>();
    return l.connectionId == r.connectionId && l.connType == r.connType && l.description == r.description &&
           l.host == r.host && l.login == r.login && l.schema == r.schema && l.port == r.port &&
           l.extra == r.extra;
}

QString ConnectionModel::collectionName() const
{
    return tr("the connections");
}

} // namespace Windsock::Models
