#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

namespace Windsock::Models {

// Sorts a DagModel level by level (DAGs among DAGs, runs among the runs of their DAG, task instances among
// theirs) by the raw-value SortRole, ties broken by the row's ids. On the name column runs keep newest first
// in ascending order (their logical date, not their run id, which would put manual runs apart) and task
// instances keep the server's order (the DAG's tasks), not their ids' alphabet.
//
// Filters the DAGs the way the Airflow UI does: the text (part of the DAG id, an owner or a tag, ignoring
// case), tags (any or all of the chosen ones), an owner, paused (all, active only, paused only) and the
// newest run's state. Only DAGs are filtered: the runs and task instances of a shown DAG are always shown,
// and a hidden DAG hides them.
class DagSortFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class PausedFilter
    {
        All,
        ActiveOnly,
        PausedOnly
    };
    Q_ENUM(PausedFilter)

    explicit DagSortFilterProxyModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    QStringList tagFilter() const { return m_tags; }
    bool matchAllTags() const { return m_matchAllTags; }
    QString ownerFilter() const { return m_owner; }
    PausedFilter pausedFilter() const { return m_paused; }
    QString stateFilter() const { return m_state; }
    // How many of the filters other than the text are set (for a "Filters (2)" button).
    int activeFilterCount() const;

public Q_SLOTS:
    void setFilterText(const QString &text);
    // Only DAGs with any (matchAll false) or all of these tags, ignoring case; empty = no tag filter.
    void setTagFilter(const QStringList &tags, bool matchAll = false);
    // Only DAGs with this owner among theirs, ignoring case; empty = any owner.
    void setOwnerFilter(const QString &owner);
    void setPausedFilter(Windsock::Models::DagSortFilterProxyModel::PausedFilter paused);
    // Only DAGs whose newest run is in this state ("failed", ...); empty = any. Asks the model for the
    // newest-run state of every DAG it looks at.
    void setStateFilter(const QString &state);
    void clearFilters(); // every filter but the text

Q_SIGNALS:
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void filtersChangedNow();

    QString m_filterText;
    QStringList m_tags;
    bool m_matchAllTags = false;
    QString m_owner;
    PausedFilter m_paused = PausedFilter::All;
    QString m_state;
};

} // namespace Windsock::Models
