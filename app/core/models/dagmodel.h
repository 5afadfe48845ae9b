#pragma once

#include "api/types.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// The DAGs of one deployment, as a tree model: DAGs at the top level (their runs become children later).
//
// Fed by an AirflowClient, page by page through canFetchMore()/fetchMore(): every page (100 DAGs, the
// server's cap) is appended with one rowsInserted, never a reset. For every DAG of a page the newest run is
// asked for (dagRuns limit 1, newest first) and its state lands in place through dataChanged.
// Pausing is optimistic: the row changes at once, then follows the server's answer; on failure it goes back
// and errorOccurred() says why in plain words. The model has no looks: the view decides colours from the
// roles.
class DagModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        DagId,
        Paused,
        Schedule,
        Owners,
        Tags,
        LastRunState,
        NextRun,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, bool, QDateTime
        DagIdRole,               // QString, on every column
        DagRole,                 // Api::Dag, on every column
        OwnersRole,              // QStringList
        TagsRole,                // QStringList
        LastRunStateRole,  // QString: the newest run's state; empty when it has none or is not known yet
        PauseInFlightRole, // bool: a pause/unpause for this DAG awaits the server's answer
    };
    Q_ENUM(Role)

    static constexpr int PageSize = 100;

    explicit DagModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~DagModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Qt::CheckStateRole on the Paused column pauses or unpauses the DAG (see setPaused()).
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    // The DAG on a top-level row; row must be valid.
    const Api::Dag &dag(int row) const;
    // The top-level row of a loaded DAG, or -1.
    int rowOfDag(const QString &dagId) const;
    QModelIndex indexOfDag(const QString &dagId, int column = DagId) const;

    // A page of DAGs is being asked for.
    bool isLoading() const { return !m_pageCall.isNull(); }
    // How many DAGs the server has for the current pattern; -1 until the first page arrives.
    int totalEntries() const { return m_totalEntries; }
    // Every DAG of the current pattern is loaded.
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }
    QString dagIdPattern() const { return m_dagIdPattern; }

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
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        Api::Dag dag;
        QString lastRunState;
        bool lastRunKnown = false;
        bool confirmedPaused = false; // what the server last said
        bool pauseInFlight = false;
        int pauseSerial = 0; // the newest pause request wins
    };

    void requestPage();
    void handlePage(const Api::Page<Api::Dag> &page);
    void mergeDags(const QList<Api::Dag> &dags);
    void requestLastRuns(const QStringList &dagIds);
    void resetRows();
    void cancelCalls();
    void setTotalEntries(int totalEntries);
    void emitRowChanged(int row);
    void reportError(const QString &what, const Api::ApiError &error);
    QString displayText(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QPointer<Api::AirflowClient> m_client;
    bool m_readOnly = false;
    QList<Row> m_rows;
    QHash<QString, int> m_rowByDagId;
    QString m_dagIdPattern;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;       // offset of the next page on the server's list
    bool m_pagingFailed = false; // no automatic retries until reload()
    bool m_lastRunErrorReported = false;
    quint64 m_generation = 0; // bumped by every reset; answers from an older generation are dropped
    QPointer<Api::ApiCall> m_pageCall;
    QList<QPointer<Api::ApiCall>> m_calls; // everything else in flight, cancelled on reset
};

} // namespace Windsock::Models
