#pragma once

#include <QDateTime>
#include <QString>

// How the run, task-instance and health pages write times: one wording everywhere.
namespace Windsock::Ui::TimeText {

// "2025-06-01 12:00:00" in local time; empty for an invalid date.
QString local(const QDateTime &dateTime);
// "2025-06-01 12:00:00 UTC (14:00:00 local)": Airflow thinks in UTC, the user reads local time.
QString utcAndLocal(const QDateTime &dateTime);
// "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"; empty for a negative duration (not known).
QString duration(qint64 seconds);
// The duration from start to end, or from start to now when it is still going ("running for ...");
// empty when it has not started.
QString span(const QDateTime &start, const QDateTime &end, const QDateTime &now);
// "12 s ago", "3 min ago", "in the future" (a clock ahead of ours); empty for an invalid date.
QString age(const QDateTime &dateTime, const QDateTime &now);

} // namespace Windsock::Ui::TimeText
