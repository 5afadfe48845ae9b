#include "statecolors.h"

#include <QPalette>

namespace Windsock::Ui::StateColors {

namespace {

struct Shades
{
    QColor onLight;
    QColor onDark;
};

QColor pick(const Shades &shades, const QPalette &palette)
{
    return isDark(palette) ? shades.onDark : shades.onLight;
}

const Shades Success{QColor(0x1a, 0x7f, 0x37), QColor(0x56, 0xd3, 0x64)};
const Shades Failed{QColor(0xcf, 0x22, 0x2e), QColor(0xff, 0x7b, 0x72)};
const Shades Running{QColor(0x3f, 0xa6, 0x3f), QColor(0xa6, 0xf0, 0x9c)};
const Shades Queued{QColor(0x6e, 0x77, 0x81), QColor(0x9d, 0xa5, 0xae)};
const Shades Warning{QColor(0x9a, 0x67, 0x00), QColor(0xe3, 0xb3, 0x41)};

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor forRunState(const QString &state, const QPalette &palette)
{
    if (state == QLatin1String("success"))
        return pick(Success, palette);
    if (state == QLatin1String("failed") || state == QLatin1String("upstream_failed"))
        return pick(Failed, palette);
    if (state == QLatin1String("running"))
        return pick(Running, palette);
    if (state == QLatin1String("queued") || state == QLatin1String("scheduled"))
        return pick(Queued, palette);
    if (state == QLatin1String("up_for_retry") || state == QLatin1String("up_for_reschedule"))
        return pick(Warning, palette);
    return {};
}

QColor forHealthStatus(const QString &status, const QPalette &palette)
{
    if (status.isEmpty())
        return pick(Queued, palette);
    return status == QLatin1String("healthy") ? pick(Success, palette) : pick(Failed, palette);
}

} // namespace Windsock::Ui::StateColors
