#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace Windsock::Logs {

// The levels of Python's logging, lowest first, so that they compare in order. None: the line does not say.
enum class LogLevel : quint8
{
    None,
    Debug,
    Info,
    Warning,
    Error,
    Critical
};

// "debug", "INFO", "Warning", "warn", "error", "exception" (structlog's), "critical", "fatal"; None
// otherwise.
LogLevel logLevelFromName(QStringView name);
// "debug" .. "critical" as Airflow 3 sends them; empty for None.
QString logLevelName(LogLevel level);
// Whether a line of this level passes a "threshold and up" filter. A line without a level counts as info:
// Airflow's own banners ("*** Found local files") and print() output are what a user reads at info.
bool logLevelPasses(LogLevel level, LogLevel threshold);

// What the start of one log line says. Airflow writes a record as
//   "[2026-11-22T10:00:00.123+0000] {taskinstance.py:1138} INFO - Dependencies all met"   (2.x)
//   "[2026-11-22 10:00:00,123] {taskinstance.py:1138} INFO - Dependencies all met"        (older 2.x, 1.10)
//   "[2026-11-22T10:00:00.123456Z] {airflow.task} INFO - Dependencies all met"            (3.x, as Windsock
//                                                                                          writes its lines)
// A line that is not one of these (a traceback, print() output) continues the record before it.
struct LogLineHead
{
    bool isRecord = false; // the line starts a log record
    LogLevel level = LogLevel::None;
    bool hasTimestamp = false;
    qint64 msecsSinceEpoch = 0; // UTC; a timestamp without an offset is taken as UTC (Airflow's default)
    qsizetype textStart = 0;    // where the line goes on after "[timestamp] " (0 without a timestamp)

    QDateTime timestamp() const;
};

// Reads the head of one line (without its line break). Cheap enough for half a million lines a second: it
// reads characters by hand, no regular expression, no QDateTime.
LogLineHead parseLogLineHead(QStringView line);

// Classifies a log line by line: a continuation line (a traceback under "ERROR - Task failed") takes the
// level of the record it belongs to; lines before the first record count as having no level.
class LogLineClassifier
{
public:
    LogLineHead classify(QStringView line);
    void reset() { m_level = LogLevel::None; }
    LogLevel currentLevel() const { return m_level; }

private:
    LogLevel m_level = LogLevel::None;
};

} // namespace Windsock::Logs
