#include "realclock.h"

#include <QDateTime>

namespace Windsock::Sandbox {

RealClock::RealClock(double speed)
    : m_startMs(QDateTime::currentMSecsSinceEpoch())
    , m_speed(speed > 0 ? speed : 1.0)
{
    m_elapsed.start();
}

qint64 RealClock::nowMs() const
{
    return m_startMs + static_cast<qint64>(static_cast<double>(m_elapsed.elapsed()) * m_speed);
}

} // namespace Windsock::Sandbox
