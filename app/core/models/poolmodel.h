#pragma once

#include "api/airflowclient.h"
#include "api/types.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

#include <memory>
#include <vector>

namespace Windsock::Api {
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// The pools of a deployment as a tree: pools at the top, and under each pool the task instances that hold or
// wait for its slots (state running or queued), from POST /dags/~/dagRuns/~/taskInstances/list with
// pool=[name].
//
// Pools are paged through canFetchMore()/fetchMore() on the root; a pool's task instances are loaded the
// same way on the pool's index (a view does it when the pool is expanded), a page (100) at a time.
// refresh() re-reads the pools and the task instances of every pool whose children were asked for, in place:
// dataChanged for changed rows, inserts and removes for pools and task instances that came or went, never
// a reset, so persistent indexes of untouched rows stay valid.
class PoolModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Slots, // "unlimited" for -1
        Running,
        Queued,
        Scheduled,
        Deferred,
        Open,
        Occupied,
        Description,
        ColumnCount
    };
    Q_ENUM(Column)

    // What the columns show on a task-instance row (a child of a pool).
    enum TaskColumn
    {
        TaskId = Name,
        TaskDagId = Slots,
        TaskRunId = Running,
        TaskState = Queued,
        TaskStart = Scheduled,
    };
    Q_ENUM(TaskColumn)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, int, QDateTime
        PoolRole,                // Api::Pool, on every column of a pool row
        TaskInstanceRole,        // Api::TaskInstance, on every column of a task-instance row
        PoolNameRole,            // QString: the pool's name, on pool and task-instance rows
        // On pool rows: occupied / slots as a double from 0 (may go past 1 when over-subscribed); an invalid
        // QVariant for an unlimited pool, which has no share to draw.
        SlotUsageRole,
        OccupiedSlotsRole, // int, on pool rows
        TotalSlotsRole,    // int (-1 unlimited), on pool rows
        StateRole,         // QString: the task instance's state, on task-instance rows
    };
    Q_ENUM(Role)

    static constexpr int PageSize = 100;
    static const QStringList &slotStates(); // running, queued: what the children list

    explicit PoolModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~PoolModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    // The top-level row of a loaded pool, or -1.
    int rowOfPool(const QString &name) const;
    QModelIndex indexOfPool(const QString &name, int column = Name) const;
    const Api::Pool &pool(int row) const;
    bool isPoolIndex(const QModelIndex &index) const;
    // Whether the server can list task instances (1.10 cannot): pools then have no children.
    bool listsTaskInstances() const;

    bool isLoading() const { return !m_pageCall.isNull(); }
    bool isRefreshing() const { return !m_refreshCall.isNull() || m_childRefreshes > 0; }
    // Task instances of this pool are being asked for.
    bool isLoadingTaskInstances(const QString &poolName) const;
    int totalEntries() const { return m_totalEntries; }
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }

public Q_SLOTS:
    // Forgets every row and loads the first page again (one reset).
    void reload();
    // Re-reads the pools and the loaded task instances in place; nothing while a refresh runs.
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalEntriesChanged(int totalEntries);
    // A page of a pool's task instances arrived (or failed).
    void taskInstancesLoaded(const QString &poolName);
    // A refresh finished, pools and task instances.
    void refreshed();
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    // One pool row. Held by pointer: its address is the internal pointer of its children's indexes, so it
    // stays put while pools come and go above it.
    struct PoolNode
    {
        Api::Pool pool;
        QList<Api::TaskInstance> taskInstances;
        bool childrenRequested = false; // a view asked: refresh() keeps them current
        int childTotal = -1;
        int childOffset = 0;
        bool childFailed = false;
        QPointer<Api::ApiCall> childCall;
        // What a refresh of the children has read so far, each with the server offset just after it.
        QList<Api::TaskInstance> refreshed;
        QList<int> refreshEnds;
        int refreshOffset = 0;
        int refreshMatched = 0;          // loaded task instances found again
        bool refreshWasComplete = false; // all of them were loaded when the refresh began
        QPointer<Api::ApiCall> refreshCall;
    };

    using TaskInstancePage = Api::AirflowClient::Callback<Api::Page<Api::TaskInstance>>;

    PoolNode *nodeOf(const QModelIndex &index) const; // the pool a task-instance index belongs to
    Api::ApiCall *requestTaskInstances(const QString &poolName, int offset, TaskInstancePage done);
    void requestPage();
    void appendPools(const QList<Api::Pool> &pools);
    void requestChildPage(PoolNode *node);
    void requestRefreshPage(int offset);
    void syncPools(const QList<Api::Pool> &fresh);
    void refreshChildren(PoolNode *node);
    void requestChildRefreshPage(PoolNode *node);
    void syncChildren(PoolNode *node, const QList<Api::TaskInstance> &fresh);
    void childRefreshDone();
    void rebuildIndex();
    void resetRows();
    void cancelCalls();
    void setTotalEntries(int totalEntries);
    void reportError(const QString &what, const Api::ApiError &error);
    QVariant poolData(const Api::Pool &pool, int column, int role) const;
    QVariant taskInstanceData(const PoolNode &node, const Api::TaskInstance &ti, int column, int role) const;

    QPointer<Api::AirflowClient> m_client;
    std::vector<std::unique_ptr<PoolNode>> m_nodes;
    QHash<QString, int> m_rowByName;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;
    bool m_pagingFailed = false;
    quint64 m_generation = 0; // bumped by every reset; answers from an older generation are dropped
    QPointer<Api::ApiCall> m_pageCall;
    QPointer<Api::ApiCall> m_refreshCall;
    QList<Api::Pool> m_refreshPools;
    int m_childRefreshes = 0; // child refreshes in flight
    bool m_refreshErrorReported = false;
};

} // namespace Windsock::Models
