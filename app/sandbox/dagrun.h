#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace Windsock::Sandbox {

enum class DagRunState
{
    Queued,
    Running,
    Success,
    Failed
};

// One DAG run as stored (triggered through the API) or as derived from its index (seeded history).
// Its state is not stored: it follows from the clock, see SandboxState::progress().
struct DagRun
{
    int dagIndex = -1;
    qint64 id = 0; // the database id: creation order
    QString runId;
    QString runType; // manual, scheduled, dataset_triggered
    bool externalTrigger = false;
    qint64 logicalMs = 0;
    qint64 dataIntervalStartMs = -1; // -1: null
    qint64 dataIntervalEndMs = -1;
    qint64 queuedWallMs = 0;    // when it was created (queued)
    qint64 createdActiveMs = 0; // its DAG's unpaused-time clock at creation
    qint64 queueDelayMs = 0;    // unpaused time spent queued
    qint64 durationMs = 0;      // unpaused time spent running
    bool succeeds = true;
    int failingTask = -1; // index of the task that fails when !succeeds
    QJsonObject conf;
    QString note;
    bool hasNote = false;
    int historyIndex = -1; // >= 0 for seeded history
};

// The state of a run at one moment.
struct DagRunProgress
{
    DagRunState state = DagRunState::Queued;
    qint64 startWallMs = -1; // -1: not started
    qint64 endWallMs = -1;
    qint64 runningMs = 0; // unpaused time spent running so far
};

} // namespace Windsock::Sandbox
