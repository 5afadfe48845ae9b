#include "errorbanner.h"

namespace Windsock::Ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAutoFillBackground(true);
    setForegroundRole(QPalette::BrightText);
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    colours.setColor(QPalette::BrightText, Qt::white);
    setPalette(colours);
    setContentsMargins(8, 4, 8, 4);
    hide();
}

void ErrorBanner::setMessage(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
}

} // namespace Windsock::Ui
