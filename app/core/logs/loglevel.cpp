#include "loglevel.h"

#include <QTimeZone>

namespace Windsock::Logs {

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

// The number written by count digits at `at`, -1 when one of them is not a digit or the line ends first.
int digits(QStringView line, qsizetype at, int count)
{
    if (at + count > line.size())
        return -1;
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        if (!isDigit(line[i]))
            return -1;
        value = value * 10 + (line[i].unicode() - '0');
    }
    return value;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// "[yyyy-MM-ddTHH:mm:ss[.fff...][Z|+HHMM|+HH:MM|+HH]]" at the start of the line. Returns the position after
// the closing bracket, or -1.
qsizetype parseTimestamp(QStringView line, qint64 *msecs)
{
    if (line.size() < 21 || line[0] != u'[')
        return -1;
    const int year = digits(line, 1, 4);
    const int month = digits(line, 6, 2);
    const int day = digits(line, 9, 2);
    const int hour = digits(line, 12, 2);
    const int minute = digits(line, 15, 2);
    const int second = digits(line, 18, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60 || line[5] != u'-' || line[8] != u'-' ||
        (line[11] != u'T' && line[11] != u' ') || line[14] != u':' || line[17] != u':')
        return -1;
    qsizetype at = 20;
    int millis = 0;
    if (at < line.size() && (line[at] == u'.' || line[at] == u',')) {
        ++at;
        int count = 0;
        for (; at < line.size() && isDigit(line[at]); ++at, ++count) {
            if (count < 3)
                millis = millis * 10 + (line[at].unicode() - '0');
        }
        if (count == 0)
            return -1;
        for (; count < 3; ++count)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (at < line.size() && (line[at] == u'Z' || line[at] == u'z')) {
        ++at;
    } else if (at < line.size() && (line[at] == u'+' || line[at] == u'-')) {
        const int sign = line[at] == u'-' ? -1 : 1;
        const int offsetHours = digits(line, at + 1, 2);
        if (offsetHours < 0)
            return -1;
        at += 3;
        if (at < line.size() && line[at] == u':')
            ++at;
        int offsetMins = 0;
        if (at < line.size() && isDigit(line[at])) {
            offsetMins = digits(line, at, 2);
            if (offsetMins < 0)
                return -1;
            at += 2;
        }
        offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    }
    if (at >= line.size() || line[at] != u']')
        return -1;
    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                           qint64(offsetMinutes) * 60;
    *msecs = seconds * 1000 + millis;
    return at + 1;
}

qsizetype skipSpaces(QStringView line, qsizetype at)
{
    while (at < line.size() && line[at] == u' ')
        ++at;
    return at;
}

} // namespace

LogLevel logLevelFromName(QStringView name)
{
    // The first letter picks the candidates: this runs once per line of a 50 MB log.
    if (name.isEmpty() || name.size() > 9)
        return LogLevel::None;
    const auto is = [name](const char *word) {
        return name.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    };
    switch (name[0].toLower().unicode()) {
    case 'd':
        return is("debug") ? LogLevel::Debug : LogLevel::None;
    case 'i':
        return is("info") ? LogLevel::Info : LogLevel::None;
    case 'w':
        return is("warning") || is("warn") ? LogLevel::Warning : LogLevel::None;
    case 'e':
        return is("error") || is("exception") ? LogLevel::Error : LogLevel::None;
    case 'c':
        return is("critical") ? LogLevel::Critical : LogLevel::None;
    case 'f':
        return is("fatal") ? LogLevel::Critical : LogLevel::None;
    default:
        return LogLevel::None;
    }
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::None:
        return {};
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    case LogLevel::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

bool logLevelPasses(LogLevel level, LogLevel threshold)
{
    const LogLevel effective = level == LogLevel::None ? LogLevel::Info : level;
    return int(effective) >= int(threshold);
}

QDateTime LogLineHead::timestamp() const
{
    return hasTimestamp ? QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, QTimeZone::utc()) : QDateTime();
}

LogLineHead parseLogLineHead(QStringView line)
{
    LogLineHead head;
    qsizetype at = 0;
    if (!line.isEmpty() && line[0] == u'[') {
        const qsizetype end = parseTimestamp(line, &head.msecsSinceEpoch);
        if (end > 0) {
            head.hasTimestamp = true;
            head.isRecord = true;
            at = end < line.size() && line[end] == u' ' ? end + 1 : end;
            head.textStart = at;
        }
    }
    // Then "{source} " (Airflow 2's file:line, Airflow 3's logger), then "LEVEL - ".
    at = skipSpaces(line, at);
    if (at < line.size() && line[at] == u'{') {
        const qsizetype close = line.indexOf(u'}', at);
        if (close < 0)
            return head;
        at = skipSpaces(line, close + 1);
    }
    qsizetype wordEnd = at;
    while (wordEnd < line.size() && wordEnd - at <= 9 && line[wordEnd].isLetter())
        ++wordEnd;
    // The separator keeps "Error while ..." in print() output from passing for a level.
    const QStringView rest = line.mid(wordEnd);
    if (wordEnd > at && (rest == QLatin1String(" -") || rest.startsWith(QLatin1String(" - ")))) {
        head.level = logLevelFromName(line.mid(at, wordEnd - at));
        if (head.level != LogLevel::None)
            head.isRecord = true;
    }
    return head;
}

LogLineHead LogLineClassifier::classify(QStringView line)
{
    LogLineHead head = parseLogLineHead(line);
    if (head.isRecord)
        m_level = head.level;
    else
        head.level = m_level;
    return head;
}

} // namespace Windsock::Logs
