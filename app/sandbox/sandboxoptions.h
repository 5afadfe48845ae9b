#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

namespace Windsock::Sandbox {

// Faults the sandbox injects into its answers. Every decision is a pure function of the seed and the
// request's sequence number, so a run with the same flags and the same request order misbehaves the same way.
struct FaultOptions
{
    int latencyMs = 0;         // every answer is written this much later (the event loop stays free)
    double errorRate = 0.0;    // share of requests answered with a problem+json 500 or 503
    double dropRate = 0.0;     // share of connections aborted without an answer
    double truncateRate = 0.0; // share of answers cut short: Content-Length announced, fewer bytes sent
};

enum class ClockKind
{
    Real,  // wall time, sped up by clockSpeed
    Manual // starts at manualClockStart, moves only through SandboxServer::advanceClock()
};

struct SandboxOptions
{
    int dagCount = 40;
    int runsPerDag = 25;
    quint32 seed = 1;
    QList<QPair<QString, QString>> users{{QStringLiteral("admin"), QStringLiteral("admin")}};
    FaultOptions faults;
    ClockKind clock = ClockKind::Real;
    double clockSpeed = 1.0;                     // Real clock only: 60 makes one real second a sandbox minute
    qint64 manualClockStartMs = 1748779200000LL; // 2025-06-01T12:00:00Z
};

} // namespace Windsock::Sandbox
