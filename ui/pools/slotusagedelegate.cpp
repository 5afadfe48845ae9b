#include "slotusagedelegate.h"

#include <QApplication>
#include <QPainter>

namespace Windsock::Ui {

SlotUsageDelegate::SlotUsageDelegate(int usageRole, int occupiedRole, int totalRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_usageRole(usageRole)
    , m_occupiedRole(occupiedRole)
    , m_totalRole(totalRole)
{}

QString SlotUsageDelegate::usageText(int occupied, int total)
{
    if (total < 0)
        return tr("%1 (unlimited)").arg(occupied);
    return tr("%1 / %2").arg(occupied).arg(total);
}

void SlotUsageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    const QVariant occupied = index.data(m_occupiedRole);
    if (!occupied.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell's background and selection as the style draws them, without its text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QVariant usage = index.data(m_usageRole);
    const QRect bar = option.rect.adjusted(4, 3, -4, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (usage.isValid()) {
        const double share = qBound(0.0, usage.toDouble(), 1.0);
        QColor frame = option.palette.color(QPalette::Mid);
        painter->setPen(frame);
        painter->setBrush(option.palette.color(QPalette::Base));
        painter->drawRoundedRect(QRectF(bar).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2);
        if (share > 0) {
            QColor fill = usage.toDouble() >= 1.0 ? QColor(0xd3, 0x2f, 0x2f)
                                                  : option.palette.color(QPalette::Highlight);
            fill.setAlpha(170);
            QRectF filled = QRectF(bar).adjusted(1, 1, -1, -1);
            filled.setWidth(filled.width() * share);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(filled, 1.5, 1.5);
        }
    }
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(
        option.palette.color(selected && !usage.isValid() ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(option.font);
    painter->drawText(bar, Qt::AlignCenter, usageText(occupied.toInt(), index.data(m_totalRole).toInt()));
    painter->restore();
}

QSize SlotUsageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(m_occupiedRole).isValid()) {
        const QString sample = usageText(index.data(m_occupiedRole).toInt(), index.data(m_totalRole).toInt());
        size.setWidth(qMax(size.width(), option.fontMetrics.horizontalAdvance(sample) + 24));
    }
    return size;
}

} // namespace Windsock::Ui
