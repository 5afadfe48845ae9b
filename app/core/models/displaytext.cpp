#include "displaytext.h"

#include <QCoreApplication>

namespace Windsock::Models {

QString formatDateTime(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              : QString();
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    const auto tr = [](const char *text) { return QCoreApplication::translate("Windsock::Models", text); };
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace Windsock::Models
