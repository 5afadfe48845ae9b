#include "colourswatchpicker.h"

#include "filedialog.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

namespace Windsock::Ui {

namespace {

// Distinct at a glance on light and dark palettes: red for prod, then the usual calm ones.
const char *const Palette[] = {"#d64545", "#e8833a", "#e0b400", "#3aa757",
                               "#2f80ed", "#7b61ff", "#c2439e", "#6b7785"};
constexpr int SwatchSize = 18;
const char ColourProperty[] = "swatchColour";

} // namespace

QIcon ColourSwatchPicker::swatchIcon(const QColor &colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    if (colour.isValid()) {
        painter.setPen(colour.darker(130));
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3);
    } else {
        QPen pen(Qt::gray);
        pen.setWidthF(1.2);
        painter.setPen(pen);
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3);
        painter.drawLine(QPointF(3, size - 3), QPointF(size - 3, 3));
    }
    return QIcon(pixmap);
}

ColourSwatchPicker::ColourSwatchPicker(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
    , m_other(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_group->setExclusive(true);

    const auto addSwatch = [this, layout](const QString &colour, const QString &toolTip) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setIcon(swatchIcon(colour.isEmpty() ? QColor() : QColor(colour), SwatchSize));
        button->setIconSize(QSize(SwatchSize, SwatchSize));
        button->setToolTip(toolTip);
        button->setProperty(ColourProperty, colour);
        button->setObjectName(colour.isEmpty() ? QStringLiteral("swatchNone")
                                               : QStringLiteral("swatch") + colour.mid(1));
        m_group->addButton(button);
        layout->addWidget(button);
        connect(button, &QToolButton::clicked, this, [this, colour] { setColour(colour); });
    };
    addSwatch(QString(), tr("No colour"));
    for (const char *colour : Palette)
        addSwatch(QString::fromLatin1(colour), QString::fromLatin1(colour));

    m_other->setText(tr("Other…"));
    m_other->setObjectName(QStringLiteral("swatchOther"));
    m_other->setCheckable(true);
    m_other->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_group->addButton(m_other);
    connect(m_other, &QToolButton::clicked, this, &ColourSwatchPicker::chooseOther);
    layout->addWidget(m_other);
    layout->addStretch(1);
    updateChecked();
}

void ColourSwatchPicker::setColour(const QString &colour)
{
    const QString normalized = QColor(colour).isValid() ? QColor(colour).name() : QString();
    const bool changed = normalized != m_colour;
    m_colour = normalized;
    updateChecked();
    if (changed)
        Q_EMIT colourChanged(m_colour);
}

void ColourSwatchPicker::chooseOther()
{
    const QColor chosen = FileDialog::getColor(m_colour.isEmpty() ? QColor(Qt::gray) : QColor(m_colour), this,
                                               tr("Profile colour"));
    if (chosen.isValid())
        setColour(chosen.name());
    else
        updateChecked();
}

void ColourSwatchPicker::updateChecked()
{
    const QList<QAbstractButton *> buttons = m_group->buttons();
    bool found = false;
    for (QAbstractButton *button : buttons) {
        if (button == m_other)
            continue;
        const bool match = button->property(ColourProperty).toString() == m_colour;
        button->setChecked(match);
        found = found || match;
    }
    m_other->setChecked(!found);
    m_other->setIcon(found ? QIcon() : swatchIcon(QColor(m_colour), SwatchSize));
}

} // namespace Windsock::Ui
