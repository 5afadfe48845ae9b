#pragma once

#include <QStyledItemDelegate>

namespace Windsock::Ui {

// Draws a cell's placeholder (PlaceholderRole, e.g. "integer, default 100") in the placeholder colour while
// the cell is empty, as a line edit does; the editor shows it too.
class PlaceholderDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int PlaceholderRole = Qt::UserRole + 40;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
};

} // namespace Windsock::Ui
