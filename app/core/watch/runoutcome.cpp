#include "runoutcome.h"

namespace Windsock::Watch {

QString RunOutcome::title() const
{
    return run.dagId + (succeeded() ? QStringLiteral(" succeeded") : QStringLiteral(" failed"));
}

QString RunOutcome::message() const
{
    QString text = run.dagId + QStringLiteral(": ") + run.dagRunId +
                   (succeeded() ? QStringLiteral(" succeeded") : QStringLiteral(" failed"));
    if (durationMs >= 0)
        text += QStringLiteral(" after ") + durationText(durationMs);
    if (!succeeded() && failedTaskInstances > 0) {
        text += QStringLiteral(" — ") + QString::number(failedTaskInstances) +
                (failedTaskInstances == 1 ? QStringLiteral(" task instance failed")
                                          : QStringLiteral(" task instances failed"));
    }
    return text;
}

QString RunOutcome::durationText(qint64 ms)
{
    const qint64 seconds = qMax<qint64>(0, (ms + 500) / 1000);
    const qint64 minute = 60;
    const qint64 hour = 60 * minute;
    const qint64 day = 24 * hour;
    const auto pair = [](qint64 big, const char *bigUnit, qint64 small, const char *smallUnit) {
        QString text = QString::number(big) + u' ' + QLatin1String(bigUnit);
        if (small > 0)
            text += u' ' + QString::number(small) + u' ' + QLatin1String(smallUnit);
        return text;
    };
    if (seconds < minute)
        return QString::number(seconds) + QStringLiteral(" s");
    if (seconds < hour)
        return pair(seconds / minute, "min", seconds % minute, "s");
    if (seconds < day)
        return pair(seconds / hour, "h", (seconds % hour) / minute, "min");
    return pair(seconds / day, "d", (seconds % day) / hour, "h");
}

} // namespace Windsock::Watch
