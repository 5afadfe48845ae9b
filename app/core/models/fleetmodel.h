#pragma once

#include "fleet/fleetstatus.h"
#include "profiles/profile.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace Windsock::Fleet {
class FleetRefresher;
}

namespace Windsock::Models {

// The fleet table: one row per profile, in the order setProfiles() gives, filled in from the refresher's
// statusChanged as each deployment answers. Rows exist before their status arrives (Status "Not refreshed
// yet"), and say "Refreshing…" while theirs is under way. Updates are dataChanged on the row, never a reset,
// so a view's selection and sort (a QSortFilterProxyModel on SortRole) stay put while the fleet refreshes.
class FleetModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Deployment,
        Status,
        Api,
        Version,
        Health,
        Dags,
        Paused,
        Running,
        Failed24h,
        ImportErrors,
        LastRefresh,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1, // QString, on every column
        SortRole,         // the column's raw value: QString, int (-1 unknown), QDateTime; Status its severity
        ColourRole,       // QColor of the deployment (invalid variant when it has none), on every column
        ReachabilityRole, // int(Fleet::Reachability), on every column
        StatusRole,       // Fleet::FleetStatus, on every column
    };
    Q_ENUM(Role)

    explicit FleetModel(Fleet::FleetRefresher *refresher, QObject *parent = nullptr);
    ~FleetModel() override;

    // Rows for every profile (before their status arrives); statuses of profiles that stay are kept.
    void setProfiles(const QList<Profiles::Profile> &profiles);
    // Sets or updates one row from a status (the refresher's statusChanged lands here). A status of a
    // profile without a row appends one.
    void setStatus(const Fleet::FleetStatus &status);

    QString profileIdAt(int row) const;
    int rowOf(const QString &profileId) const;
    Fleet::FleetStatus statusAt(int row) const;

    // A QColor in a QVariant made of "#rrggbb" when QtGui is loaded (the app, widget tests), else the string:
    // the core does not link QtGui, its conversions register themselves when it is there.
    static QVariant colourVariant(const QString &colour);
    // "3" or "—" (unknown).
    static QString countText(int count);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant displayData(const Fleet::FleetStatus &status, int column) const;
    QVariant sortData(const Fleet::FleetStatus &status, int column) const;
    QString toolTip(const Fleet::FleetStatus &status, int column) const;

    QPointer<Fleet::FleetRefresher> m_refresher;
    QList<Fleet::FleetStatus> m_rows;
};

} // namespace Windsock::Models
