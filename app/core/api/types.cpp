#include "types.h"

#include <QRegularExpression>

namespace Windsock::Api {

namespace {

// "2.10.5", "3.0.0rc1", "2.9.0.dev0+astro.1" -> the leading numbers, 0 where absent.
int versionPart(const QString &version, int index)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?"));
    const QRegularExpressionMatch match = pattern.match(version);
    if (!match.hasMatch())
        return 0;
    return match.captured(index + 1).toInt(); // toInt() of an empty capture is 0
}

bool componentHealthy(const HealthComponent &component)
{
    return !component.present || component.status.isEmpty() ||
           component.status.compare(QLatin1String("healthy"), Qt::CaseInsensitive) == 0;
}

} // namespace

int Version::major() const
{
    return versionPart(version, 0);
}

int Version::minor() const
{
    return versionPart(version, 1);
}

int Version::patch() const
{
    return versionPart(version, 2);
}

bool Version::isAtLeast(int wantedMajor, int wantedMinor, int wantedPatch) const
{
    if (major() != wantedMajor)
        return major() > wantedMajor;
    if (minor() != wantedMinor)
        return minor() > wantedMinor;
    return patch() >= wantedPatch;
}

bool Health::isHealthy() const
{
    return componentHealthy(metadatabase) && componentHealthy(scheduler) && componentHealthy(triggerer) &&
           componentHealthy(dagProcessor);
}

} // namespace Windsock::Api
