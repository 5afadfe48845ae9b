#include "runquery.h"

#include <algorithm>

namespace Windsock::Api {

namespace {

bool inRange(const QDateTime &value, const QDateTime &from, const QDateTime &to)
{
    if (from.isValid() && (!value.isValid() || value < from))
        return false;
    if (to.isValid() && (!value.isValid() || value > to))
        return false;
    return true;
}

// -1, 0, 1 for a before, equal, after b by the order_by field (Airflow's names, v1 and v2 spellings).
int compareBy(const QString &field, const DagRun &a, const DagRun &b)
{
    auto dates = [](const QDateTime &x, const QDateTime &y) {
        if (x == y)
            return 0;
        if (!x.isValid())
            return -1; // nulls first, as the database sorts them ascending
        if (!y.isValid())
            return 1;
        return x < y ? -1 : 1;
    };
    if (field == QLatin1String("start_date"))
        return dates(a.startDate, b.startDate);
    if (field == QLatin1String("end_date"))
        return dates(a.endDate, b.endDate);
    if (field == QLatin1String("state"))
        return a.state.compare(b.state);
    if (field == QLatin1String("dag_run_id") || field == QLatin1String("run_id"))
        return a.dagRunId.compare(b.dagRunId);
    if (field == QLatin1String("dag_id"))
        return a.dagId.compare(b.dagId);
    // execution_date, logical_date, id (the server's default: runs are numbered as they are created)
    return dates(a.logicalDate, b.logicalDate);
}

} // namespace

Page<DagRun> applyRunQuery(const Page<DagRun> &runs, const DagRunQuery &query)
{
    QList<DagRun> matching;
    for (const DagRun &run : runs.items) {
        if (!query.states.isEmpty() && !query.states.contains(run.state))
            continue;
        if (!inRange(run.logicalDate, query.logicalDateFrom, query.logicalDateTo) ||
            !inRange(run.startDate, query.startDateFrom, query.startDateTo) ||
            !inRange(run.endDate, query.endDateFrom, query.endDateTo))
            continue;
        matching.append(run);
    }
    const bool descending = query.orderBy.startsWith(QLatin1Char('-'));
    const QString field = descending ? query.orderBy.mid(1) : query.orderBy;
    std::stable_sort(matching.begin(), matching.end(), [&](const DagRun &a, const DagRun &b) {
        const int order = compareBy(field, a, b);
        return descending ? order > 0 : order < 0;
    });

    Page<DagRun> page;
    page.totalEntries = int(matching.size());
    const qsizetype offset = std::clamp<qsizetype>(query.offset, 0, matching.size());
    const qsizetype limit = query.limit > 0 ? query.limit : matching.size();
    page.items = matching.mid(offset, limit);
    return page;
}

} // namespace Windsock::Api
