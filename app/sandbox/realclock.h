#pragma once

#include "sandboxclock.h"

#include <QElapsedTimer>

namespace Windsock::Sandbox {

// Wall time, optionally sped up: sandbox time = start + elapsed * speed.
class RealClock final : public SandboxClock
{
public:
    explicit RealClock(double speed = 1.0);
    qint64 nowMs() const override;

private:
    qint64 m_startMs;
    double m_speed;
    QElapsedTimer m_elapsed;
};

} // namespace Windsock::Sandbox
