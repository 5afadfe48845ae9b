#pragma once

#include <QString>
#include <QUrl>

namespace Windsock::Discovery {

// One deployment found through the Astro Platform API or Astronomer Software's Houston API: what a profile
// needs (its root URL, a name, where it belongs) and what the user reads before choosing it.
struct DiscoveredDeployment
{
    QString id;
    QString name;
    QString organizationId;   // Astro; empty for Software
    QString organizationName; // Astro: the profile's folder; Software: the base domain
    QString workspaceId;
    QString workspaceName;
    QString airflowVersion; // "2.10.5"; empty when the API says "NA" or nothing
    QString status;         // Astro: HEALTHY, HIBERNATING, ...; Software: empty
    QUrl apiUrl;            // the deployment's root, as Profile::baseUrl wants it; invalid when unknown
    QUrl uiUrl;
    QString releaseName; // Software
    QString problem;     // plain words when apiUrl could not be made (the profile cannot be created)
};

} // namespace Windsock::Discovery
