#pragma once

#include "airflowclient.h"

namespace Windsock::Api {

// How a trigger is retried after its answer was lost.
struct TriggerRetryPolicy
{
    int maxAttempts = 4;    // the first attempt included
    int firstDelayMs = 400; // doubled after each failed attempt
    int maxDelayMs = 5000;
};

struct TriggerOutcome
{
    DagRun run;
    int attempts = 1;
    // The server had created the run in an earlier attempt whose answer never arrived (or was cut short):
    // the run was read back instead of created twice.
    bool createdByEarlierAttempt = false;
};

// Triggers a DAG run so that a lost answer can never create a second run, the way the UI and the CLI both
// do it.
//
// The request must carry a dag_run_id (the caller generates it). When an attempt fails in transport (dropped
// connection, timeout, truncated body) or with a 5xx, the very same request is sent again after a growing
// delay. If the server answers 409 naming our run id, an earlier attempt landed: the run is read back and
// returned. A run under that id whose conf or logical date differs from ours is somebody else's run and is
// reported as a conflict, as is a 409 on the logical date. Anything else (400, 403, 404, ...) is returned
// at once. cancel() on the returned call stops between attempts too.
ApiCall *triggerDagRunSafely(AirflowClient &client, const TriggerRequest &request, QObject *context,
                             AirflowClient::Callback<TriggerOutcome> done, TriggerRetryPolicy policy = {});

// Whether a failed attempt may be repeated with the same run id (the server may or may not have acted).
bool isRetryableTriggerError(const ApiError &error);

} // namespace Windsock::Api
