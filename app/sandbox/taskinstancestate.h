#pragma once

#include <QString>
#include <QtGlobal>

namespace Windsock::Sandbox {

// A task instance of one run at one moment, derived from the run's progress.
struct TaskInstanceState
{
    int taskIndex = 0;
    QString state; // empty: no state yet (null)
    qint64 queuedWallMs = -1;
    qint64 startWallMs = -1;
    qint64 endWallMs = -1;
    int tryNumber = 0;
};

} // namespace Windsock::Sandbox
