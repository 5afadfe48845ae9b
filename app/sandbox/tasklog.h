#pragma once

#include "apiresponse.h"
#include "dagmodel.h"
#include "taskinstancestate.h"

#include <QString>

namespace Windsock::Sandbox::TaskLog {

// The text of one try of a task instance, in the shape of a real Airflow 2.10 task log (local file
// handler, standard task runner), up to the run's current moment.
// A running task's log grows with the clock: one progress line per 2 s up to nowMs.
QString text(quint32 seed, const DagModel &dag, const DagRun &run, const TaskInstanceState &ti, int tryNumber,
             qint64 nowMs);

// The finished tries of one task of one seeded DAG (the DAG with index 1, its second task) write 5-50 MB
// logs. Their text, generated piece by piece as it is read; null for every other log.
std::shared_ptr<const BodySource> bulk(quint32 seed, const DagModel &dag, const DagRun &run,
                                       const TaskInstanceState &ti, int tryNumber);

// Python's repr() of a str, as Airflow's JSON log answer carries str() of a list of (host, log) tuples.
QString pythonRepr(const QString &text);

} // namespace Windsock::Sandbox::TaskLog
