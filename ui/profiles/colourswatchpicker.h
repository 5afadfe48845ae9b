#pragma once

#include <QColor>
#include <QWidget>

class QButtonGroup;
class QToolButton;

namespace Windsock::Ui {

// A row of colour swatches for a profile (so that prod and staging never look alike), "none", and "Other…"
// for any colour through the colour dialog. The colour is a "#rrggbb" string, empty for none.
class ColourSwatchPicker final : public QWidget
{
    Q_OBJECT

public:
    explicit ColourSwatchPicker(QWidget *parent = nullptr);

    QString colour() const { return m_colour; }
    void setColour(const QString &colour);
    static QIcon swatchIcon(const QColor &colour, int size);

Q_SIGNALS:
    void colourChanged(const QString &colour);

private:
    void chooseOther();
    void updateChecked();

    QString m_colour;
    QButtonGroup *m_group;
    QToolButton *m_other;
};

} // namespace Windsock::Ui
