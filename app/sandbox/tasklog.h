#pragma once

#include "dagmodel.h"
#include "taskinstancestate.h"

#include <QString>

namespace Windsock::Sandbox::TaskLog {

// The text of one try of a task instance, in the shape of a real Airflow 2.10 task log (local file
// handler, standard task runner), up to the run's current moment.
QString text(quint32 seed, const DagModel &dag, const DagRun &run, const TaskInstanceState &ti,
             int tryNumber);

// Python's repr() of a str, as Airflow's JSON log answer carries str() of a list of (host, log) tuples.
QString pythonRepr(const QString &text);

} // namespace Windsock::Sandbox::TaskLog
