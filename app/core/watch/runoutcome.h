#pragma once

#include "api/types.h"

#include <QString>

namespace Windsock::Watch {

// How a watched run ended, and the sentence a notification shows for it:
// "etl_orders: manual__2026-… succeeded after 4 min 12 s", "… failed after 3 min — 2 task instances failed".
struct RunOutcome
{
    Api::DagRun run;
    qint64 durationMs = -1;       // end - start; -1 when the server gave no start or end date
    int failedTaskInstances = -1; // task instances in state "failed"; -1 when they could not be counted
    bool succeeded() const { return run.state == QLatin1String("success"); }

    QString title() const;   // "etl_orders succeeded" / "etl_orders failed"
    QString message() const; // the whole sentence, see above

    // "4 min 12 s", "45 s", "2 h 3 min", "3 d 4 h": two units at most, the way a person says it.
    static QString durationText(qint64 ms);
};

} // namespace Windsock::Watch
