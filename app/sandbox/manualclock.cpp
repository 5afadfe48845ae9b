#include "manualclock.h"

namespace Windsock::Sandbox {

ManualClock::ManualClock(qint64 startMs)
    : m_nowMs(startMs)
{}

void ManualClock::advance(qint64 ms)
{
    if (ms > 0)
        m_nowMs += ms;
}

} // namespace Windsock::Sandbox
