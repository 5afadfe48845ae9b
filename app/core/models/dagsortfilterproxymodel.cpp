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

} // namespace

DagSortFilterProxyModel::DagSortFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DagModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setDynamicSortFilter(true);
}

void DagSortFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool DagSortFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!index.isValid())
        return false;
    return index.data(DagModel::DagIdRole).toString().contains(m_filterText, Qt::CaseInsensitive) ||
           anyContains(index.data(DagModel::OwnersRole).toStringList(), m_filterText) ||
           anyContains(index.data(DagModel::TagsRole).toStringList(), m_filterText);
}

bool DagSortFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int order = compareValues(left.data(sortRole()), right.data(sortRole()));
    if (order != 0)
        return order < 0;
    return QString::compare(left.data(DagModel::DagIdRole).toString(),
                            right.data(DagModel::DagIdRole).toString(), Qt::CaseInsensitive) < 0;
}

} // namespace Windsock::Models
