#include "dagmodel.h"

namespace Windsock::Sandbox {

qint64 DagModel::activeMs(qint64 wallMs) const
{
    qint64 paused = 0;
    for (const PauseInterval &p : pauses) {
        if (p.startMs >= wallMs)
            break;
        const qint64 end = (p.endMs < 0 || p.endMs > wallMs) ? wallMs : p.endMs;
        paused += end - p.startMs;
    }
    return wallMs - paused;
}

qint64 DagModel::wallMsAt(qint64 active) const
{
    qint64 wall = active;
    for (const PauseInterval &p : pauses) {
        if (p.startMs >= wall)
            break;
        if (p.endMs < 0)
            return p.startMs;
        wall += p.endMs - p.startMs;
    }
    return wall;
}

} // namespace Windsock::Sandbox
