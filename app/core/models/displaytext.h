#pragma once

#include <QDateTime>
#include <QString>

namespace Windsock::Models {

// How the list models show times: local, to the second ("2026-11-22 16:33:35"); empty when unknown.
QString formatDateTime(const QDateTime &dateTime);
// A run's duration for the runs lists: "42 s", "3 min 5 s", "2 h 10 min"; empty for a negative (unknown) one.
QString formatDuration(qint64 seconds);

} // namespace Windsock::Models
