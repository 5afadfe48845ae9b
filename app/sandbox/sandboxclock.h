#pragma once

#include <QtGlobal>

namespace Windsock::Sandbox {

// The time the emulated scheduler sees, in milliseconds since the Unix epoch (UTC).
class SandboxClock
{
public:
    virtual ~SandboxClock() = default;
    virtual qint64 nowMs() const = 0;
};

} // namespace Windsock::Sandbox
