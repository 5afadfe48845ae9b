#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace Windsock::Models {

// Sorts a DagModel by its raw-value SortRole (ties broken by DAG id) and filters as the user types: a row is
// shown when the text is part of its DAG id, one of its owners or one of its tags, ignoring case. Filtering
// is recursive, so once runs are children a DAG stays visible while one of its rows matches, and the rows
// under a matching DAG stay visible too.
class DagSortFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DagSortFilterProxyModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }

public Q_SLOTS:
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_filterText;
};

} // namespace Windsock::Models
