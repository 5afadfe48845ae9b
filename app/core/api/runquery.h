#pragma once

#include "queries.h"
#include "types.h"

namespace Windsock::Api {

// A DAG's runs filtered, sorted and paged as `query` asks, for a dialect whose server cannot do it
// (Dialect::filtersRunsOnServer: 1.10 lists every run of a DAG at once). totalEntries counts every run that
// matches, so paging callers stop where the server would have.
Page<DagRun> applyRunQuery(const Page<DagRun> &runs, const DagRunQuery &query);

} // namespace Windsock::Api
