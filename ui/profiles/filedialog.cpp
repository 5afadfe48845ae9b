#include "filedialog.h"

#include <QColorDialog>
#include <QFileDialog>

namespace Windsock::Ui {

std::optional<QString> FileDialog::s_nextFileName;
std::optional<QColor> FileDialog::s_nextColor;

namespace {

template<typename T>
std::optional<T> take(std::optional<T> &slot)
{
    std::optional<T> value = slot;
    slot.reset();
    return value;
}

} // namespace

QString FileDialog::getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter)
{
    if (const std::optional<QString> next = take(s_nextFileName))
        return *next;
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter)
{
    if (const std::optional<QString> next = take(s_nextFileName))
        return *next;
    return QFileDialog::getSaveFileName(parent, caption, directory, filter);
}

QColor FileDialog::getColor(const QColor &initial, QWidget *parent, const QString &title)
{
    if (const std::optional<QColor> next = take(s_nextColor))
        return *next;
    return QColorDialog::getColor(initial, parent, title);
}

void FileDialog::setNextFileName(const QString &fileName)
{
    s_nextFileName = fileName;
}

void FileDialog::setNextColor(const QColor &colour)
{
    s_nextColor = colour;
}

void FileDialog::reset()
{
    s_nextFileName.reset();
    s_nextColor.reset();
}

} // namespace Windsock::Ui
