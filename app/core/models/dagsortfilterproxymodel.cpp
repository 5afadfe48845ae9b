#include "dagsortfilterproxymodel.h"

#include "dagmodel.h"

#include <QDateTime>

namespace Windsock::Models {

namespace {

bool anyContains(const QStringList &values, const QString &text)
{
    for (const QString &value : values) {
        if (value.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// <0, 0, >0 like strcmp. Empty values (no next run, no state yet) sort after the others in ascending order,
// so that the rows with something to show come first.
int compareValues(const QVariant &left, const QVariant &right)
{
    const int leftType = left.metaType().id();
    if (leftType != right.metaType().id())
        return QString::compare(left.toString(), right.toString(), Qt::CaseInsensitive);
    switch (leftType) {
    case QMetaType::Bool:
        return int(left.toBool()) - int(right.toBool());
    case QMetaType::Int:
    case QMetaType::LongLong:
        return left.toLongLong() < right.toLongLong() ? -1 : (left.toLongLong() > right.toLongLong() ? 1 : 0);
    case QMetaType::Double: {
        // A negative value means "not started": after the others.
        const double a = left.toDouble();
        const double b = right.toDouble();
        if ((a < 0) != (b < 0))
            return a < 0 ? 1 : -1;
        return a < b ? -1 : (b < a ? 1 : 0);
    }
    case QMetaType::QDateTime: {
        const QDateTime a = left.toDateTime();
        const QDateTime b = right.toDateTime();
        if (a.isValid() != b.isValid())
            return a.isValid() ? -1 : 1;
        return a < b ? -1 : (b < a ? 1 : 0);
    }
    case QMetaType::QString: {
        const QString a = left.toString();
        const QString b = right.toString();
        if (a.isEmpty() != b.isEmpty())
            return a.isEmpty() ? 1 : -1;
        return QString::compare(a, b, Qt::CaseInsensitive);
    }
    default: {
        const QPartialOrdering order = QVariant::compare(left, right);
        if (order == QPartialOrdering::Less)
            return -1;
        if (order == QPartialOrdering::Greater)
            return 1;
        return 0;
    }
    }
}

bool containsIgnoringCase(const QStringList &values, const QString &wanted)
{
    return values.contains(wanted, Qt::CaseInsensitive);
}

} // namespace

DagSortFilterProxyModel::DagSortFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DagModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    // Only DAGs are filtered; their children follow them (a hidden DAG hides its runs).
    setRecursiveFilteringEnabled(false);
    setDynamicSortFilter(true);
}

int DagSortFilterProxyModel::activeFilterCount() const
{
    return int(!m_tags.isEmpty()) + int(!m_owner.isEmpty()) + int(m_paused != PausedFilter::All) +
           int(!m_state.isEmpty());
}

void DagSortFilterProxyModel::filtersChangedNow()
{
    invalidateFilter();
    Q_EMIT filtersChanged();
}

void DagSortFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    filtersChangedNow();
}

void DagSortFilterProxyModel::setTagFilter(const QStringList &tags, bool matchAll)
{
    if (tags == m_tags && matchAll == m_matchAllTags)
        return;
    m_tags = tags;
    m_matchAllTags = matchAll;
    filtersChangedNow();
}

void DagSortFilterProxyModel::setOwnerFilter(const QString &owner)
{
    const QString trimmed = owner.trimmed();
    if (trimmed == m_owner)
        return;
    m_owner = trimmed;
    filtersChangedNow();
}

void DagSortFilterProxyModel::setPausedFilter(PausedFilter paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    filtersChangedNow();
}

void DagSortFilterProxyModel::setStateFilter(const QString &state)
{
    const QString trimmed = state.trimmed();
    if (trimmed == m_state)
        return;
    m_state = trimmed;
    filtersChangedNow();
}

void DagSortFilterProxyModel::clearFilters()
{
    if (activeFilterCount() == 0)
        return;
    m_tags.clear();
    m_matchAllTags = false;
    m_owner.clear();
    m_paused = PausedFilter::All;
    m_state.clear();
    filtersChangedNow();
}

bool DagSortFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return true; // a run or task instance: shown with its DAG
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!index.isValid())
        return false;

    const QStringList owners = index.data(DagModel::OwnersRole).toStringList();
    const QStringList tags = index.data(DagModel::TagsRole).toStringList();
    if (!m_filterText.isEmpty() &&
        !index.data(DagModel::DagIdRole).toString().contains(m_filterText, Qt::CaseInsensitive) &&
        !anyContains(owners, m_filterText) && !anyContains(tags, m_filterText))
        return false;
    if (!m_tags.isEmpty()) {
        int matched = 0;
        for (const QString &tag : m_tags)
            matched += int(containsIgnoringCase(tags, tag));
        if (m_matchAllTags ? matched < m_tags.size() : matched == 0)
            return false;
    }
    if (!m_owner.isEmpty() && !containsIgnoringCase(owners, m_owner))
        return false;
    if (m_paused != PausedFilter::All) {
        // The Paused column's raw value is the DAG's is_paused.
        const bool paused =
            sourceModel()->index(sourceRow, DagModel::Paused, sourceParent).data(DagModel::SortRole).toBool();
        if (paused != (m_paused == PausedFilter::PausedOnly))
            return false;
    }
    if (!m_state.isEmpty()) {
        const QString state = sourceModel()
                                  ->index(sourceRow, DagModel::State, sourceParent)
                                  .data(DagModel::StateRole)
                                  .toString();
        if (state.compare(m_state, Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

bool DagSortFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const DagModel::NodeKind kind = left.parent().isValid()
                                        ? left.data(DagModel::NodeKindRole).value<DagModel::NodeKind>()
                                        : DagModel::NodeKind::Dag;
    if (kind == DagModel::NodeKind::TaskInstance && left.column() == DagModel::DagId) {
        // The server's order (the DAG's task order) reads better than task ids in alphabetical order.
        return left.row() < right.row();
    }
    if (kind == DagModel::NodeKind::Run && left.column() == DagModel::DagId) {
        // Newest first when ascending: what a person expects of a run list.
        const int order = compareValues(right.siblingAtColumn(DagModel::Start).data(sortRole()),
                                        left.siblingAtColumn(DagModel::Start).data(sortRole()));
        if (order != 0)
            return order < 0;
    } else {
        const int order = compareValues(left.data(sortRole()), right.data(sortRole()));
        if (order != 0)
            return order < 0;
    }
    for (const int role :
         {int(DagModel::DagIdRole), int(DagModel::DagRunIdRole), int(DagModel::TaskIdRole)}) {
        const int order =
            QString::compare(left.data(role).toString(), right.data(role).toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
    }
    return false;
}

} // namespace Windsock::Models
