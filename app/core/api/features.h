#pragma once

#include "types.h"

#include <QString>

namespace Windsock::Api {

// What a deployment's API can do, as the views, actions and commands ask it before they offer something.
// Each dialect says, for each feature, why the server cannot do it (or nothing when it can), from the API
// generation and the detected version: never by trying it against the user's deployment.
enum class Feature
{
    ListDags,           // the DAG list (1.10's experimental API has none: DAG ids are added by hand)
    DagDetails,         // a DAG's details and params (the trigger form)
    DagSource,          // the DAG file's source
    PauseDags,          // pause or unpause many DAGs in one request
    ListRuns,           // one DAG's runs
    RunsAcrossDags,     // runs of every DAG, filtered (the Runs tab)
    DeleteRun,          //
    ClearRun,           // clear a whole run, with a dry run
    MarkRun,            // set a run's state
    RunNotes,           //
    ListTaskInstances,  // a run's task instances
    TaskInstanceTries,  // every try of a task instance
    TaskLogs,           //
    XComs,              //
    ClearTaskInstances, //
    MarkTaskInstances,  // set a task instance's state, with a dry run
    TaskInstanceNotes,  //
    ListTasks,          // a DAG's tasks
    ImportErrors,       //
    Variables,          //
    Connections,        //
    ConnectionTest,     //
    Config,             //
    Health,             //
    RenamePools,        //
    PoolDeferredSlots,  // whether deferred tasks take a pool's slots (2.7)
    PoolUsage,          // how a pool's slots are used: running, queued, open, ...
    Assets,             // datasets (2.4+) or assets (3.0)
    LatestRuns,         // the newest run of every DAG in one request (1.10's latest_runs)
};

// The sentence for a feature that arrived in a later version than the server's: versionGate(v, 2, 5, "Notes
// need") gives "Notes need Airflow 2.5 or later; this deployment runs Airflow 2.4.3."; empty when the server
// is recent enough or its version is not known (then nothing is refused).
QString versionGate(const Version &server, int major, int minor, const QString &needs);

} // namespace Windsock::Api
