#pragma once

#include <QString>
#include <QVector>
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
    // The tries before this one (a seeded retry, or the tries a clear started over), oldest first.
    struct EarlierTry
    {
        int tryNumber = 0;
        QString state;
        qint64 startWallMs = -1;
        qint64 endWallMs = -1;
    };
    QVector<EarlierTry> earlierTries;
    int maxTries = 0; // the task's retries (try_number may pass it after clears)
    QString note;
    bool hasNote = false;
};

} // namespace Windsock::Sandbox
