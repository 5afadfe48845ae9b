#include "discoveryfixture.h"

#include <QJsonArray>

namespace Windsock::Sandbox {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

std::optional<DiscoveryFixture> DiscoveryFixture::fromJson(const QJsonObject &object, QString *error)
{
    DiscoveryFixture fixture;
    for (const QJsonValue &value : object.value(QLatin1String("organizations")).toArray()) {
        const QJsonObject o = value.toObject();
        fixture.organizations.append({text(o, "id"), text(o, "name")});
    }
    for (const QJsonValue &value : object.value(QLatin1String("workspaces")).toArray()) {
        const QJsonObject o = value.toObject();
        fixture.workspaces.append({text(o, "id"), text(o, "name"), text(o, "organizationId")});
    }
    for (const QJsonValue &value : object.value(QLatin1String("deployments")).toArray()) {
        const QJsonObject o = value.toObject();
        Deployment deployment;
        deployment.id = text(o, "id");
        deployment.name = text(o, "name");
        deployment.workspaceId = text(o, "workspaceId");
        if (o.contains(QLatin1String("airflowVersion")))
            deployment.airflowVersion = text(o, "airflowVersion");
        if (o.contains(QLatin1String("status")))
            deployment.status = text(o, "status");
        deployment.apiUrl = text(o, "apiUrl");
        deployment.webServerAirflowApiUrl = text(o, "webServerAirflowApiUrl");
        deployment.releaseName = text(o, "releaseName");
        for (const QJsonValue &url : o.value(QLatin1String("urls")).toArray())
            deployment.houstonUrls.append({text(url.toObject(), "type"), text(url.toObject(), "url")});
        if (deployment.id.isEmpty() || deployment.workspaceId.isEmpty()) {
            *error = QStringLiteral("every deployment needs an id and a workspaceId");
            return std::nullopt;
        }
        fixture.deployments.append(deployment);
    }
    if (object.contains(QLatin1String("platformVersions"))) {
        const QJsonArray versions = object.value(QLatin1String("platformVersions")).toArray();
        fixture.platformV1 = versions.contains(QStringLiteral("v1"));
        fixture.platformV1beta1 = versions.contains(QStringLiteral("v1beta1"));
    }
    for (const QJsonValue &value : object.value(QLatin1String("tokens")).toArray())
        fixture.tokens.append(value.toString());
    const QJsonObject workspaceTokens = object.value(QLatin1String("workspaceTokens")).toObject();
    for (auto it = workspaceTokens.begin(); it != workspaceTokens.end(); ++it)
        fixture.workspaceTokens.insert(it.key(), it.value().toString());
    for (const QJsonValue &value : object.value(QLatin1String("houstonKeys")).toArray())
        fixture.houstonKeys.append(value.toString());
    if (fixture.organizations.isEmpty() && fixture.workspaces.isEmpty()) {
        *error = QStringLiteral("the fixture has no organizations and no workspaces");
        return std::nullopt;
    }
    return fixture;
}

} // namespace Windsock::Sandbox
