#pragma once

#include "api/result.h"
#include "api/types.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// The DAGs of one deployment as a three-level tree: DAG -> its runs -> the task instances of a run.
//
// Every level loads through canFetchMore()/fetchMore() on its parent, never with a reset: the top level a
// page of 100 DAGs at a time (the server's cap); fetchMore() on a DAG a page of 25 of its runs, newest first;
// fetchMore() on a run all of its task instances (every page of them, inserted at once). DAGs and runs say
// hasChildren() before they are loaded, so a view shows expanders; once loaded, a run without task instances
// or a DAG without runs has none.
//
// Columns, the same for every level (what a cell shows on a DAG / run / task instance row):
//   DagId     Name: the DAG id / the run id / the task id (with [map index] when mapped)
//   Paused    a check box on DAG rows only (setData pauses and unpauses); empty below
//   State     the newest run's state / the run's state / the task instance's state
//   Schedule  the schedule / the run type (manual, scheduled, ...) / the operator
//   Owners    the owners / - / the pool
//   Tags      the tags / the note / the hostname
//   Start     - / the run's logical date / the task instance's start
//   NextRun   the next scheduled logical date / the run's end / the task instance's end
//   Duration  - / end - start (so far, while running) / the task instance's duration, in seconds (SortRole)
//   Try       - / - / "try of max tries"
//
// The newest-run state of a DAG is asked for only when a view asks for it (data() on the State column, or
// StateRole/LastRunStateRole): requests are coalesced by a zero-timer and at most MaxLastRunCallsInFlight
// run at once, the most recently asked first, so scrolling through 10,000 DAGs asks only for rows shown.
//
// refresh() updates every loaded level in place: changed rows get dataChanged, new runs are inserted at the
// top, runs and task instances that vanished are removed; selection, expansion and scroll position stay.
// The DAG pages loaded so far are asked for again (changed DAGs update, new ones are appended); a DAG deleted
// on the server stays listed until reload(). Runs are refreshed over the window loaded (newest first); older
// runs pushed out of it by new ones stay, runs inside it that the server no longer has go.
// Pausing is optimistic: the row changes at once, then follows the server's answer; on failure it goes back
// and errorOccurred() says why in plain words. The model has no looks: the view decides colours from roles.
//
// An API without a DAG list (Airflow 1.10's experimental one: listsDags() is false) shows the DAG ids it is
// given by setDagIds() instead of pages: each row is read with client.dag() (its pause state); an id the
// server does not know stays listed, with the reason in ErrorRole, its tooltip and its Tags cell, and no
// children. Runs load page by page as above. Where the API cannot list a run's task instances, runs have no
// children and none are asked for.
class DagModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        DagId,
        Paused,
        State,
        Schedule,
        Owners,
        Tags,
        Start,
        NextRun,
        Duration,
        Try,
        ColumnCount,
        LastRunState = State // the DAG rows' name for it
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, bool, QDateTime, double, int
        DagIdRole,               // QString, on every column of every level (the DAG the row belongs to)
        DagRole,                 // Api::Dag, on DAG rows
        OwnersRole,              // QStringList, on DAG rows
        TagsRole,                // QStringList, on DAG rows
        LastRunStateRole,  // QString, on DAG rows: the newest run's state; empty when none or not known yet
        PauseInFlightRole, // bool, on DAG rows: a pause/unpause for this DAG awaits the server's answer
        NodeKindRole,      // NodeKind, on every row
        DagRunRole,        // Api::DagRun, on run rows (and on task instance rows: their run)
        TaskInstanceRole,  // Api::TaskInstance, on task instance rows
        DagRunIdRole,      // QString, on run and task instance rows
        TaskIdRole,        // QString, on task instance rows
        StateRole,         // QString: the row's state (for a DAG its newest run's), on every column
        ErrorRole,         // QString, on DAG rows added by hand: why the DAG could not be read; else empty
    };
    Q_ENUM(Role)

    enum class NodeKind
    {
        Dag,
        Run,
        TaskInstance
    };
    Q_ENUM(NodeKind)

    static constexpr int PageSize = 100;
    static constexpr int RunPageSize = 25;
    static constexpr int MaxLastRunCallsInFlight = 4;

    explicit DagModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~DagModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Qt::CheckStateRole on the Paused column of a DAG pauses or unpauses it (see setPaused()).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    static NodeKind nodeKind(const QModelIndex &index);

    // The DAG on a top-level row; row must be valid.
    const Api::Dag &dag(int row) const;
    // The top-level row of a loaded DAG, or -1.
    int rowOfDag(const QString &dagId) const;
    QModelIndex indexOfDag(const QString &dagId, int column = DagId) const;
    // A loaded run / task instance, or an invalid index.
    QModelIndex indexOfRun(const QString &dagId, const QString &dagRunId, int column = DagId) const;
    QModelIndex indexOfTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                    int mapIndex = -1, int column = DagId) const;

    // The tags and owners of the loaded DAGs, sorted, each once: what a filter can offer.
    QStringList knownTags() const;
    QStringList knownOwners() const;

    // A page of DAGs is being asked for.
    bool isLoading() const { return !m_pageCall.isNull(); }
    // The children of a DAG or run are being asked for (for the root: isLoading()).
    bool isLoading(const QModelIndex &parent) const;
    // How many DAGs the server has for the current pattern; -1 until the first page arrives.
    int totalEntries() const { return m_totalEntries; }
    // Every DAG of the current pattern is loaded (with DAG ids given by hand: always).
    bool isComplete() const
    {
        return !m_listsDags || (m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries);
    }
    QString dagIdPattern() const { return m_dagIdPattern; }
    // A refresh() is on its way.
    bool isRefreshing() const { return m_refreshPending > 0; }
    int autoRefreshInterval() const;
    // How many newest-run requests the model has sent (for tests and diagnostics).
    int lastRunRequestCount() const { return m_lastRunRequests; }

    Api::AirflowClient *client() const;
    // The server lists DAGs (pages of them); false on APIs without a DAG list, where setDagIds() says which
    // DAGs to show.
    bool listsDags() const { return m_listsDags; }
    // The server lists a run's task instances; when not, runs have no children.
    bool listsTaskInstances() const { return m_listsTaskInstances; }
    // The DAG ids shown when listsDags() is false, in the order given (empty ids and repeats dropped): rows
    // not in ids go, new ones are appended and read from the server; the others stay as they are. Ignored
    // when the server lists DAGs.
    void setDagIds(const QStringList &ids);
    // The ids given to setDagIds(); empty when the server lists DAGs.
    QStringList dagIds() const { return m_dagIds; }

    // A read-only deployment (the profile's flag): the Paused cell is not checkable and setPaused refuses.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // Pauses or unpauses a loaded DAG through the server. False when the row or DAG is not loaded, or the
    // deployment is read-only.
    bool setPaused(int row, bool paused);
    bool setPaused(const QString &dagId, bool paused);

public Q_SLOTS:
    // Forgets every row and loads the first page again (one model reset).
    void reload();
    // Updates every loaded level in place (no reset). A refresh asked for while one runs is done once more
    // after it, not piled up.
    void refresh();
    // Updates one DAG in place now: its row, its newest run's state, its loaded runs and their task
    // instances (after a trigger, a clear or a mark).
    void refreshDag(const QString &dagId);
    // refresh() every ms milliseconds; 0 stops.
    void setAutoRefreshInterval(int ms);
    // A server-side filter: only DAGs whose id contains pattern (dag_id_pattern, case-insensitive), paged
    // like the full list. Empty = every DAG. Re-queries (one model reset) when the pattern changes.
    void setDagIdPattern(const QString &pattern);
    // Asks the server for the first page of DAGs whose id contains pattern and appends those not loaded yet,
    // without touching the pattern or the paging: so a filter typed in the view also finds DAGs on pages not
    // fetched yet, while the loaded rows stay.
    void fetchDagsMatching(const QString &pattern);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalEntriesChanged(int totalEntries);
    void refreshingChanged(bool refreshing);
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    struct Node
    {
        NodeKind kind = NodeKind::Dag;
        Node *parent = nullptr;
        int row = 0;
        Api::Dag dag;               // Dag rows
        Api::DagRun run;            // Run rows
        Api::TaskInstance instance; // TaskInstance rows
        // Dag rows: the newest run's state, asked for lazily.
        QString newestRunState;
        bool newestRunKnown = false;
        bool newestRunFresh = false;     // known and not outdated by a refresh
        bool newestRunRequested = false; // queued or in flight
        bool confirmedPaused = false;    // what the server last said
        // DAG rows given by hand (setDagIds): read one by one with client.dag().
        bool dagRead = true;      // the server said it knows the DAG (always true for listed DAGs)
        bool dagNotFound = false; // it answered 404
        QString dagError;         // why the DAG could not be read, in plain words; empty when fine
        bool pauseInFlight = false;
        int pauseSerial = 0; // the newest pause request wins
        // Children (runs of a DAG, task instances of a run).
        std::vector<std::unique_ptr<Node>> children;
        int childTotal = -1; // -1: not loaded yet
        bool childLoading = false;
        bool childFailed = false; // no automatic retries until refresh()
    };
    using Runs = QList<Api::DagRun>;
    using TaskInstances = QList<Api::TaskInstance>;

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = DagId) const;
    Node *dagNode(const QString &dagId) const;
    Node *runNode(const QString &dagId, const QString &dagRunId) const;
    const std::vector<std::unique_ptr<Node>> &siblings(const Node *parent) const;

    void appendDagIds(const QStringList &ids);
    void removeDagRow(int row);
    void readDag(const QString &dagId, bool refreshing);
    void handleDagRead(const QString &dagId, const Api::Result<Api::Dag> &result, bool refreshing);
    void requestPage();
    void handlePage(const Api::Page<Api::Dag> &page);
    void mergeDags(const QList<Api::Dag> &dags);
    void requestRunPage(Node *dag);
    void requestTaskInstances(Node *run);
    // Runs [offset, offset + count) of a DAG, newest first, in as many requests as the server's cap needs.
    void collectRuns(const QString &dagId, int offset, int count,
                     std::function<void(bool ok, const Runs &runs, int total)> done);
    void collectTaskInstances(const QString &dagId, const QString &dagRunId,
                              std::function<void(bool ok, const TaskInstances &instances, int total)> done);
    void appendRuns(Node *dag, const Runs &runs, int total);
    // Makes the children of parent the fresh list (runs or task instances) with inserts, removals and
    // dataChanged only. With complete false the fresh list is only the newest part (runs): older rows not in
    // it stay unless they are newer than its oldest run.
    void mergeChildren(Node *parent, std::vector<std::unique_ptr<Node>> fresh, bool complete);
    void insertChild(Node *parent, int row, std::unique_ptr<Node> child);
    void removeChild(Node *parent, int row);
    void setNewestRunState(Node *dag, const QString &state);
    void refreshDagNode(Node *dag, bool askNewestRun);
    void refreshRuns(Node *dag);
    void refreshTaskInstances(Node *run);
    void refreshDagPages(int offset);
    void beginRefreshCall();
    void endRefreshCall();

    void requestNewestRun(Node *dag) const;
    void sendNewestRunRequests();

    void resetRows();
    void cancelCalls();
    void track(Api::ApiCall *call);
    void setTotalEntries(int totalEntries);
    void emitRowChanged(const Node *node);
    void reportError(const QString &what, const Api::ApiError &error);
    void reportChildError(const QString &what, const Api::ApiError &error);
    QString displayText(const Node &node, int column) const;
    QVariant sortValue(const Node &node, int column) const;
    QVariant toolTip(const Node &node, int column) const;
    QString state(const Node &node) const;

    QPointer<Api::AirflowClient> m_client;
    bool m_listsDags = true;
    bool m_listsTaskInstances = true;
    QStringList m_dagIds; // given by hand, when the server cannot list DAGs
    bool m_readOnly = false;
    std::vector<std::unique_ptr<Node>> m_dags;
    QHash<QString, int> m_rowByDagId;
    QString m_dagIdPattern;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;       // offset of the next page on the server's list
    bool m_pagingFailed = false; // no automatic retries until reload()
    bool m_lastRunErrorReported = false;
    bool m_childErrorReported = false; // runs or task instances failed to load since the last refresh
    quint64 m_generation = 0;          // bumped by every reset; answers from an older generation are dropped
    QPointer<Api::ApiCall> m_pageCall;
    QList<QPointer<Api::ApiCall>> m_calls; // everything else in flight, cancelled on reset

    // Newest-run states asked for by data(): coalesced by a zero-timer, a few in flight at a time.
    mutable QStringList m_lastRunQueue;
    QTimer *m_lastRunTimer;
    int m_lastRunInFlight = 0;
    int m_lastRunRequests = 0;

    quint64 m_refreshGeneration = 0; // bumped by every refresh; older refresh answers are dropped
    int m_refreshPending = 0;
    bool m_refreshAgain = false;
    QTimer *m_autoRefresh;
};

} // namespace Windsock::Models
