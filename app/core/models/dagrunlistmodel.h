#pragma once

#include "api/airflowclient.h"
#include "api/types.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

class QTimer;

namespace Windsock::Api {
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// The DAG runs of a whole deployment (every DAG, or the chosen ones), as a flat table: newest first.
//
// Fed page by page through canFetchMore()/fetchMore(), each page (100 runs, the server's cap) appended with
// one rowsInserted. Without a DAG-id list or with one DAG the rows come from GET /dags/{id|~}/dagRuns; with
// several DAGs from POST /dags/~/dagRuns/list, which takes dag_ids[]. Both filter by state and date ranges.
//
// Sorting: the columns the server can order by (DAG, Run id, State, Logical date, Start, End:
// isServerSortable()) are sorted by the server through sort(), which re-queries with order_by (one reset), so
// paging stays in that order. Run type, Duration and Note are not orderable on Airflow 2's API: sort() leaves
// those alone and a view sorts the loaded rows through a QSortFilterProxyModel on SortRole.
//
// refresh() re-reads the loaded window in place, never with a reset: changed runs get dataChanged, new runs
// are inserted where the server's order puts them (the top, newest first), runs gone from the server are
// removed, and a run the order moved is moved; so persistent indexes of untouched rows stay valid. The window
// ends with the last loaded run found again: runs pushed past it come with the next fetchMore(). A refresh
// reads the window again page by page (34 requests for 3,400 loaded runs), so auto-refresh suits the first
// pages best.
// The model has no looks: the view decides colours from StateRole.
class DagRunListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DagId,
        RunId,
        State,
        RunType,
        LogicalDate,
        StartDate,
        EndDate,
        Duration,
        Note,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, QDateTime, qint64 seconds (-1 unknown)
        DagRunRole,              // Api::DagRun, on every column
        StateRole,               // QString, on every column
        DagIdRole,               // QString, on every column
        RunIdRole,               // QString, on every column
    };
    Q_ENUM(Role)

    // What the server is asked for. Empty lists and invalid dates are no filter.
    struct Filter
    {
        QStringList dagIds; // exact ids
        QStringList states; // queued, running, success, failed
        QDateTime logicalDateFrom, logicalDateTo;
        QDateTime startDateFrom, startDateTo;

        bool hasDateRange() const;
        bool operator==(const Filter &other) const;
        bool operator!=(const Filter &other) const { return !(*this == other); }
    };

    static constexpr int PageSize = 100;

    explicit DagRunListModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~DagRunListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Server-side order for isServerSortable() columns (one reset, then paging in that order); other columns
    // are ignored here: sort the loaded rows in a proxy.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

    // Whether the server orders by this column (order_by); the rest are sorted by a proxy.
    static bool isServerSortable(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // The run on a row; row must be valid.
    const Api::DagRun &dagRun(int row) const;
    // The row of a loaded run, or -1.
    int rowOfRun(const QString &dagId, const QString &runId) const;

    Filter filter() const { return m_filter; }
    // A page of runs is being asked for (not a refresh).
    bool isLoading() const { return !m_pageCall.isNull(); }
    bool isRefreshing() const { return !m_refreshCall.isNull(); }
    // How many runs the server has for the filter; -1 until the first page arrives.
    int totalEntries() const { return m_totalEntries; }
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }
    int autoRefreshInterval() const;

public Q_SLOTS:
    // A new filter re-queries from the first page (one reset) when it differs from the current one.
    void setFilter(const Filter &filter);
    // Forgets every row and loads the first page again (one reset).
    void reload();
    // Re-reads the loaded runs in place (see the class comment). A page in flight is dropped: the refresh
    // covers it. Nothing happens while a refresh is already running.
    void refresh();
    // refresh() every ms milliseconds; 0 stops it.
    void setAutoRefreshInterval(int ms);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void refreshingChanged(bool refreshing);
    void totalEntriesChanged(int totalEntries);
    // A refresh finished and its rows are in.
    void refreshed();
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    using Done = Api::AirflowClient::Callback<Api::Page<Api::DagRun>>;

    Api::ApiCall *requestRuns(int offset, Done done);
    QString orderBy() const;
    void requestPage();
    void appendRuns(const QList<Api::DagRun> &runs);
    void requestRefreshPage();
    void finishRefresh();
    // Brings the rows to fresh (the server's current order) with removes, inserts, moves and dataChanged.
    void syncRows(const QList<Api::DagRun> &fresh);
    void updateRow(int row, const Api::DagRun &run);
    void rebuildIndex();
    void resetRows();
    void cancelCalls();
    void setTotalEntries(int totalEntries);
    void reportError(const QString &what, const Api::ApiError &error);
    QString displayText(const Api::DagRun &run, int column) const;
    QVariant sortValue(const Api::DagRun &run, int column) const;
    static QString keyOf(const Api::DagRun &run);

    QPointer<Api::AirflowClient> m_client;
    QList<Api::DagRun> m_rows;
    QHash<QString, int> m_rowByKey;
    Filter m_filter;
    int m_sortColumn = LogicalDate;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;       // offset of the next page on the server's list
    bool m_pagingFailed = false; // no automatic retries until reload() or refresh()
    quint64 m_generation = 0;    // bumped by every reset and dropped call; older answers are ignored
    QPointer<Api::ApiCall> m_pageCall;
    QPointer<Api::ApiCall> m_refreshCall;
    // What a refresh has read so far: the runs, each with the server offset just after it.
    QList<Api::DagRun> m_refreshRuns;
    QList<int> m_refreshEnds;
    QSet<QString> m_refreshKeys;
    int m_refreshOffset = 0;
    int m_refreshTotal = -1;
    int m_refreshMatched = 0;          // loaded runs found again
    bool m_refreshWasComplete = false; // every run was loaded when the refresh began
    bool m_refreshReachedEnd = false;
    QTimer *m_autoRefresh;
};

} // namespace Windsock::Models
