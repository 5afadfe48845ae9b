#include "timetext.h"

#include <QCoreApplication>

namespace Windsock::Ui::TimeText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Windsock::Ui::TimeText", text);
}

} // namespace

QString local(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              : QString();
}

QString utcAndLocal(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QDateTime utc = dateTime.toUTC();
    const QDateTime localTime = dateTime.toLocalTime();
    const QString utcText = utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    // The local date is written out only when it is another day than the UTC one.
    const QString localText = localTime.date() == utc.date()
                                  ? localTime.toString(QStringLiteral("HH:mm:ss"))
                                  : localTime.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return tr("%1 UTC (%2 local)").arg(utcText, localText);
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QString span(const QDateTime &start, const QDateTime &end, const QDateTime &now)
{
    if (!start.isValid())
        return {};
    if (end.isValid())
        return duration(qMax<qint64>(0, start.secsTo(end)));
    return tr("running for %1").arg(duration(qMax<qint64>(0, start.secsTo(now))));
}

QString age(const QDateTime &dateTime, const QDateTime &now)
{
    if (!dateTime.isValid())
        return {};
    const qint64 seconds = dateTime.secsTo(now);
    if (seconds < -5)
        return tr("in the future (a clock is off)");
    return tr("%1 ago").arg(duration(qMax<qint64>(0, seconds)));
}

} // namespace Windsock::Ui::TimeText
