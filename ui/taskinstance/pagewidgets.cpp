#include "pagewidgets.h"

#include <QFont>
#include <QFormLayout>
#include <QLabel>

namespace Windsock::Ui::PageWidgets {

void makeHeading(QLabel *label)
{
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    label->setFont(font);
}

void makeBold(QLabel *label)
{
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
}

QLabel *addField(QFormLayout *form, QWidget *parent, const QString &label, const QString &objectName,
                 bool wordWrap)
{
    auto *value = new QLabel(parent);
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(wordWrap);
    form->addRow(label, value);
    return value;
}

} // namespace Windsock::Ui::PageWidgets
