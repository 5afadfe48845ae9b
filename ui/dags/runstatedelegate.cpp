#include "runstatedelegate.h"

#include "statecolors.h"

namespace Windsock::Ui {

RunStateDelegate::RunStateDelegate(QObject *parent, int stateRole)
    : QStyledItemDelegate(parent)
    , m_stateRole(stateRole)
{}

void RunStateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QColor colour = StateColors::forRunState(index.data(m_stateRole).toString(), option->palette);
    if (!colour.isValid())
        return;
    // A selected row keeps the palette's highlighted text, which is what stays readable on the highlight.
    option->palette.setColor(QPalette::Text, colour);
    option->font.setBold(true);
}

} // namespace Windsock::Ui
