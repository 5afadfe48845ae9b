#include "feedbacklabel.h"

#include "dags/statecolors.h"

#include <QEvent>

namespace Windsock::Ui {

FeedbackLabel::FeedbackLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    QLabel::setVisible(false);
}

void FeedbackLabel::show(Tone tone, const QString &text)
{
    m_tone = tone;
    setText(text);
    applyColour();
    setVisible(!text.isEmpty());
}

void FeedbackLabel::applyColour()
{
    QPalette palette = parentWidget() ? parentWidget()->palette() : this->palette();
    QColor colour;
    if (m_tone == Tone::Error)
        colour = StateColors::forRunState(QStringLiteral("failed"), palette);
    else if (m_tone == Tone::Warning)
        colour = StateColors::forRunState(QStringLiteral("up_for_retry"), palette);
    else
        colour = palette.color(QPalette::PlaceholderText);
    palette.setColor(QPalette::WindowText, colour);
    setPalette(palette);
}

void FeedbackLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::ParentChange)
        applyColour();
}

} // namespace Windsock::Ui
