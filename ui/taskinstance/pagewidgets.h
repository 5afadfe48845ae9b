#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

// The pieces the run, task-instance and health pages build alike: one look everywhere.
namespace Windsock::Ui::PageWidgets {

// The page's heading: bold and a fifth larger than the text around it.
void makeHeading(QLabel *label);
// A value that stands out from the fields around it (a state).
void makeBold(QLabel *label);
// A plain-text, selectable value label added to form as a row under label; wordWrap for values that may be
// long (an id must not widen the window).
QLabel *addField(QFormLayout *form, QWidget *parent, const QString &label, const QString &objectName,
                 bool wordWrap = false);

} // namespace Windsock::Ui::PageWidgets
