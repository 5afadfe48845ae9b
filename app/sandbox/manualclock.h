#pragma once

#include "sandboxclock.h"

namespace Windsock::Sandbox {

// A clock that only moves when told to: tests advance it and read states deterministically.
class ManualClock final : public SandboxClock
{
public:
    explicit ManualClock(qint64 startMs);
    qint64 nowMs() const override { return m_nowMs; }
    void advance(qint64 ms);

private:
    qint64 m_nowMs;
};

} // namespace Windsock::Sandbox
