#pragma once

#include "api/types.h"
#include "resourcelistmodel.h"

namespace Windsock::Models {

// The datasets (Airflow 2.4+, GET /datasets) or assets (Airflow 3, GET /assets) of a deployment, as a flat
// table in the server's order, keyed by id: what each is, which DAGs are scheduled on it and which tasks
// update it.
//
// Paged and refreshed in place as ResourceListModel does. No page is asked for while a refresh runs, and
// refreshed() means a refresh that succeeded. Filtering belongs in a QSortFilterProxyModel on SearchTextRole
// (name, uri, consuming DAGs and producing tasks).
class AssetModel final : public ResourceListModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name, // the uri on Airflow 2 (datasets have no name)
        Uri,
        ConsumedBy, // the DAGs scheduled on it
        ProducedBy, // the tasks that update it, "dag_id.task_id"
        Updated,
        ColumnCount
    };
    Q_ENUM(Column)

    // SortRole holds the column's raw value (QString, QDateTime); KeyRole the id as a string.
    enum ExtraRole
    {
        AssetRole = FirstSubclassRole, // Api::Asset, on every column
        SearchTextRole,                // QString: name, uri, DAG ids and task ids, for a filter
        IdRole,                        // int: the id
    };
    Q_ENUM(ExtraRole)

    explicit AssetModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~AssetModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    QHash<int, QByteArray> roleNames() const override;

    Api::Asset asset(int row) const;

protected:
    Api::ApiCall *requestPage(int limit, int offset, PageCallback done) override;
    QString keyOf(const QVariant &row) const override;
    bool sameRow(const QVariant &a, const QVariant &b) const override;
    QString collectionName() const override;
    Api::Feature feature() const override { return Api::Feature::Assets; }
    // The page clears its error banner on refreshed().
    bool refreshedAfterFailure() const override { return false; }

private:
    QString displayText(const Api::Asset &asset, int column) const;
};

} // namespace Windsock::Models
