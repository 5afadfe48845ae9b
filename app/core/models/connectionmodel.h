#pragma once

#include "resourcelistmodel.h"

namespace Windsock::Models {

// The connections of a deployment: id, type, host, port, schema, login, description, in the server's order,
// paged and refreshed in place as ResourceListModel does. Airflow never sends a password, so there is none
// here; the list carries no extra either (a single read does).
class ConnectionModel final : public ResourceListModel
{
    Q_OBJECT

public:
    enum Column
    {
        ConnectionId,
        Type,
        Host,
        Port, // empty when not set
        Schema,
        Login,
        Description,
        ColumnCount
    };
    Q_ENUM(Column)

    enum ExtraRole
    {
        ConnectionRole = FirstSubclassRole, // Api::Connection
    };
    Q_ENUM(ExtraRole)

    explicit ConnectionModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~ConnectionModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Api::Connection connection(int row) const;

protected:
    Api::ApiCall *requestPage(int limit, int offset, PageCallback done) override;
    QString keyOf(const QVariant &row) const override;
    bool sameRow(const QVariant &a, const QVariant &b) const override;
    QString collectionName() const override;
    Api::Feature feature() const override { return Api::Feature::Connections; }
};

} // namespace Windsock::Models
