#include "faultinjector.h"

#include "seedhash.h"

namespace Windsock::Sandbox {

FaultInjector::FaultInjector(quint32 seed, const FaultOptions &options)
    : m_seed(seed)
    , m_options(options)
{}

Fault FaultInjector::decide(quint64 requestNumber) const
{
    // One independent draw per fault kind, so that changing one rate does not move the others.
    if (SeedHash::unit(SeedHash::of(m_seed, requestNumber, 0xd409)) < m_options.dropRate)
        return Fault::Drop;
    if (SeedHash::unit(SeedHash::of(m_seed, requestNumber, 0xe440)) < m_options.errorRate)
        return Fault::ServerError;
    if (SeedHash::unit(SeedHash::of(m_seed, requestNumber, 0x7c07)) < m_options.truncateRate)
        return Fault::Truncate;
    return Fault::None;
}

int FaultInjector::serverErrorStatus(quint64 requestNumber) const
{
    return SeedHash::of(m_seed, requestNumber, 0x503) % 2 == 0 ? 500 : 503;
}

} // namespace Windsock::Sandbox
