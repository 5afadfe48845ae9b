#include "placeholderdelegate.h"

#include <QApplication>
#include <QLineEdit>
#include <QPainter>

namespace Windsock::Ui {

void PlaceholderDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QString placeholder = index.data(PlaceholderRole).toString();
    if (placeholder.isEmpty() || !index.data(Qt::DisplayRole).toString().isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text = placeholder;
    opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::PlaceholderText));
    opt.font.setItalic(true);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

QWidget *PlaceholderDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setPlaceholderText(index.data(PlaceholderRole).toString());
    return editor;
}

} // namespace Windsock::Ui
