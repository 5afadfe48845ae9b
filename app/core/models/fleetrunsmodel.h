#pragma once

#include "api/types.h"
#include "fleet/fleetmember.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QString>
#include <functional>

namespace Windsock::Api {
class ApiCall;
}

namespace Windsock::Models {

// The failed and running runs of every open deployment, as a tree: one row per deployment (with its counts,
// or its error in plain words), its runs as children. Children: the runs that failed in the last 24 hours
// and the runs running now (one server page of each, newest first). refresh() asks every deployment at once.
// Sort and filter in a QSortFilterProxyModel (SortRole; recursiveFilteringEnabled keeps a deployment whose
// runs match).
class FleetRunsModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Deployment,
        DagId,
        RunId,
        State,
        Start,
        End,
        Duration,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1, // QString, on every row
        DagIdRole,                        // QString, run rows
        RunIdRole,                        // QString, run rows
        SortRole,                         // the column's raw value
        ColourRole, // the deployment's colour, "#rrggbb" (empty: none), on every row: the view paints it
        StateRole,  // QString, run rows ("failed", "running")
        IsDeploymentRole, // bool
        ErrorRole,        // QString, deployment rows: empty when fine
    };
    Q_ENUM(Role)

    explicit FleetRunsModel(QObject *parent = nullptr);
    ~FleetRunsModel() override;

    // Rows for these deployments (one reset); refresh() fills them.
    void setMembers(const QList<Fleet::FleetMember> &members);
    QList<Fleet::FleetMember> members() const;
    bool isLoading() const { return m_pending > 0; }
    // The window of failed runs, in hours (default 24); takes effect at the next refresh().
    void setFailedWindowHours(int hours) { m_failedWindowHours = hours; }
    // What "now" is for the window of failed runs and running durations (tests pass the sandbox's clock).
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    // Counts for a deployment row; -1 until known.
    int failedCount(int deploymentRow) const;
    int runningCount(int deploymentRow) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void errorOccurred(const QString &profileId, const QString &message);
    void refreshed();

private:
    struct DeploymentRow
    {
        Fleet::FleetMember member;
        QList<Api::DagRun> runs; // failed first, then running
        int failed = -1;         // server totals (the children may be one page of them)
        int running = -1;
        QString error;
        bool loading = false;
        // what this refresh has read so far
        QList<Api::DagRun> newFailed, newRunning;
        int newFailedTotal = -1, newRunningTotal = -1;
        QString newError;
        int partsLeft = 0;
    };

    void finishPart(int row);
    void applyResult(int row);
    QVariant deploymentData(int row, int column, int role) const;
    QVariant runData(const DeploymentRow &deployment, const Api::DagRun &run, int column, int role) const;

    QList<DeploymentRow> m_deployments;
    int m_pending = 0;
    int m_failedWindowHours = 24;
    std::function<QDateTime()> m_now;
    quint64 m_generation = 0;
    QList<QPointer<Api::ApiCall>> m_calls;
};

} // namespace Windsock::Models
