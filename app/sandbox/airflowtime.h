#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace Windsock::Sandbox::AirflowTime {

// 2025-06-01T12:00:00+00:00, or 2025-06-01T12:00:00.123000+00:00 (Python's isoformat() of a UTC datetime).
QString iso(qint64 ms);
QString logStamp(qint64 ms); // 2025-06-01T12:00:00.123+0000, as in task logs
// Parses an RFC 3339 date-time; nullopt if malformed or without a timezone ("naive").
std::optional<qint64> parse(const QString &text);

} // namespace Windsock::Sandbox::AirflowTime
