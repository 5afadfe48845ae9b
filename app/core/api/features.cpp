#include "features.h"

#include <QObject>

namespace Windsock::Api {

QString versionGate(const Version &server, int major, int minor, const QString &what)
{
    if (server.version.isEmpty() || server.isAtLeast(major, minor))
        return {};
    return QObject::tr("%1 Airflow %2.%3 or later; this deployment runs Airflow %4.")
        .arg(what)
        .arg(major)
        .arg(minor)
        .arg(server.version);
}

} // namespace Windsock::Api
