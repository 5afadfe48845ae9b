#include "airflowtime.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace Windsock::Sandbox::AirflowTime {

QString iso(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    const int millis = t.time().msec();
    QString text = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (millis != 0)
        text += u'.' + QString::number(millis * 1000).rightJustified(6, u'0');
    return text + QStringLiteral("+00:00");
}

QString logStamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
           QStringLiteral("+0000");
}

std::optional<qint64> parse(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})[Tt "
                       "](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?([Zz]|[+-]\\d{2}:?\\d{2})$"));
    QString value = text.trimmed();
    // A '+' sent unencoded in a query string arrives as a space: take it back.
    if (value.size() > 19 && value.at(value.size() - 6) == u' ')
        value[value.size() - 6] = u'+';
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(),
                     m.captured(7).isEmpty() ? 0 : m.captured(7).left(3).leftJustified(3, u'0').toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (zone.compare(QLatin1String("z"), Qt::CaseInsensitive) != 0) {
        const QString digits = QString(zone.mid(1)).remove(u':');
        offsetSeconds = digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60;
        if (zone.startsWith(u'-'))
            offsetSeconds = -offsetSeconds;
    }
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch() - qint64(offsetSeconds) * 1000;
}

} // namespace Windsock::Sandbox::AirflowTime
