#pragma once

#include <QStyledItemDelegate>

namespace Windsock::Ui {

// Draws a pool's slot usage as a small bar with "occupied / slots" on it: the share comes from usageRole (a
// double, 0 to 1 and past 1 when over-subscribed; invalid for an unlimited pool, which gets text only), the
// numbers from occupiedRole and totalRole. Rows without a usage (task instances under a pool) are painted
// as usual. Colours follow the palette: the highlight colour, red once the pool is full.
class SlotUsageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    SlotUsageDelegate(int usageRole, int occupiedRole, int totalRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The text on the bar: "3 / 16", or "3 (unlimited)".
    static QString usageText(int occupied, int total);

private:
    int m_usageRole;
    int m_occupiedRole;
    int m_totalRole;
};

} // namespace Windsock::Ui
