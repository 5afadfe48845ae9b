#pragma once

#include "sandboxoptions.h"

namespace Windsock::Sandbox {

enum class Fault
{
    None,
    ServerError, // problem+json 500 or 503
    Drop,        // abort the connection without an answer
    Truncate     // announce the full Content-Length, send part of the body, close
};

// Decides, from the seed and a request's sequence number alone, which fault (if any) that request gets.
class FaultInjector
{
public:
    FaultInjector(quint32 seed, const FaultOptions &options);

    void setOptions(const FaultOptions &options) { m_options = options; }
    const FaultOptions &options() const { return m_options; }
    Fault decide(quint64 requestNumber) const;
    int serverErrorStatus(quint64 requestNumber) const; // 500 or 503

private:
    quint32 m_seed;
    FaultOptions m_options;
};

} // namespace Windsock::Sandbox
