#pragma once

#include <QColor>
#include <QString>
#include <optional>

class QWidget;

namespace Windsock::Ui {

// QFileDialog and QColorDialog behind a seam (KeePassXC's FileDialog): a test sets the next file name or
// colour, and the call returns it at once without showing a dialog. An empty string / invalid colour means
// "cancelled".
class FileDialog final
{
public:
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                   const QString &filter);
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &directory,
                                   const QString &filter);
    static QColor getColor(const QColor &initial, QWidget *parent, const QString &title);

    static void setNextFileName(const QString &fileName);
    static void setNextColor(const QColor &colour);
    static void reset();

private:
    static std::optional<QString> s_nextFileName;
    static std::optional<QColor> s_nextColor;
};

} // namespace Windsock::Ui
