#include "platformhandler.h"
#include "apirequest.h"

#include <QJsonArray>
#include <QSet>

namespace Windsock::Sandbox {

namespace {

QJsonObject paginated(const char *key, const QJsonArray &all, int offset, int limit)
{
    QJsonArray page;
    for (int i = offset; i < all.size() && i < offset + limit; ++i)
        page.append(all.at(i));
    return QJsonObject{{QLatin1String(key), page},
                       {QStringLiteral("offset"), offset},
                       {QStringLiteral("limit"), limit},
                       {QStringLiteral("totalCount"), int(all.size())}};
}

} // namespace

PlatformHandler::PlatformHandler(const DiscoveryFixture &fixture)
    : m_fixture(fixture)
{}

ApiResponse PlatformHandler::error(int status, const QString &message)
{
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("message"), message},
                    {QStringLiteral("requestId"), QStringLiteral("sandbox-%1").arg(++m_requests)},
                    {QStringLiteral("statusCode"), status}},
        status);
}

std::optional<ApiResponse> PlatformHandler::answer(const ApiRequest &request)
{
    bool enabled = false;
    QString rest;
    if (request.path.startsWith(QLatin1String("/v1/organizations"))) {
        enabled = m_fixture.platformV1;
        rest = request.path.mid(3);
    } else if (request.path.startsWith(QLatin1String("/platform/v1beta1/organizations"))) {
        enabled = m_fixture.platformV1beta1;
        rest = request.path.mid(17);
    } else {
        return std::nullopt;
    }
    if (!enabled)
        return error(404, QStringLiteral("Not Found"));
    if (request.method != "GET")
        return error(405, QStringLiteral("Method Not Allowed"));

    // Authorization: Bearer <token>; a Workspace token sees its workspace only.
    const QByteArray authorization = request.authorization;
    if (!authorization.startsWith("Bearer "))
        return error(401, QStringLiteral("Unauthorized"));
    const QString token = QString::fromUtf8(authorization.mid(7));
    QString onlyWorkspace;
    if (m_fixture.workspaceTokens.contains(token))
        onlyWorkspace = m_fixture.workspaceTokens.value(token);
    else if (!m_fixture.tokens.contains(token))
        return error(401, QStringLiteral("Unauthorized"));
    QString onlyOrganization;
    for (const auto &workspace : m_fixture.workspaces) {
        if (workspace.id == onlyWorkspace)
            onlyOrganization = workspace.organizationId;
    }

    bool ok = true;
    const int offset = request.hasQuery(QStringLiteral("offset"))
                           ? request.queryValue(QStringLiteral("offset")).toInt(&ok)
                           : 0;
    bool limitOk = true;
    const int limit = request.hasQuery(QStringLiteral("limit"))
                          ? request.queryValue(QStringLiteral("limit")).toInt(&limitOk)
                          : 20;
    if (!ok || !limitOk || offset < 0 || limit < 0 || limit > m_fixture.maxLimit)
        return error(400, QStringLiteral("Invalid request: offset and limit must be numbers within range"));

    const QStringList segments = rest.split(u'/', Qt::SkipEmptyParts); // organizations[/{id}/kind]
    const bool deploymentsAsked = segments.size() == 3 && segments.at(2) == QLatin1String("deployments");
    if (!onlyWorkspace.isEmpty() && !m_fixture.workspaceTokensListOrganizations && !deploymentsAsked)
        return error(403, QStringLiteral("Forbidden: this token may not list that"));
    if (segments.size() == 1) {
        QJsonArray all;
        for (const auto &organization : m_fixture.organizations) {
            if (!onlyOrganization.isEmpty() && organization.id != onlyOrganization)
                continue;
            all.append(QJsonObject{{QStringLiteral("id"), organization.id},
                                   {QStringLiteral("name"), organization.name}});
        }
        return ApiResponse::json(paginated("organizations", all, offset, limit));
    }
    if (segments.size() != 3)
        return error(404, QStringLiteral("Not Found"));
    const QString organizationId = QUrl::fromPercentEncoding(segments.at(1).toUtf8());
    bool known = false;
    for (const auto &organization : m_fixture.organizations)
        known = known || organization.id == organizationId;
    if (!known)
        return error(404, QStringLiteral("Organization not found"));
    if (!onlyOrganization.isEmpty() && organizationId != onlyOrganization)
        return error(403, QStringLiteral("You do not have permission to access this organization"));

    QHash<QString, QString> workspaceNames;
    QJsonArray workspaces;
    for (const auto &workspace : m_fixture.workspaces) {
        if (workspace.organizationId != organizationId)
            continue;
        workspaceNames.insert(workspace.id, workspace.name);
        if (!onlyWorkspace.isEmpty() && workspace.id != onlyWorkspace)
            continue;
        workspaces.append(QJsonObject{{QStringLiteral("id"), workspace.id},
                                      {QStringLiteral("name"), workspace.name},
                                      {QStringLiteral("organizationId"), organizationId}});
    }
    if (segments.at(2) == QLatin1String("workspaces"))
        return ApiResponse::json(paginated("workspaces", workspaces, offset, limit));
    if (segments.at(2) != QLatin1String("deployments"))
        return error(404, QStringLiteral("Not Found"));

    QSet<QString> filter;
    for (const QString &id : request.queryValues(QStringLiteral("workspaceIds")))
        filter.insert(id);
    if (!onlyWorkspace.isEmpty()) {
        if (filter.isEmpty() || filter != QSet<QString>{onlyWorkspace})
            return error(403, QStringLiteral("You do not have permission to list the deployments of this "
                                             "organization"));
    }
    QJsonArray deployments;
    for (const auto &deployment : m_fixture.deployments) {
        if (!workspaceNames.contains(deployment.workspaceId))
            continue;
        if (!filter.isEmpty() && !filter.contains(deployment.workspaceId))
            continue;
        deployments.append(QJsonObject{
            {QStringLiteral("id"), deployment.id},
            {QStringLiteral("name"), deployment.name},
            {QStringLiteral("organizationId"), organizationId},
            {QStringLiteral("workspaceId"), deployment.workspaceId},
            {QStringLiteral("workspaceName"), workspaceNames.value(deployment.workspaceId)},
            {QStringLiteral("airflowVersion"), deployment.airflowVersion},
            {QStringLiteral("astroRuntimeVersion"), QStringLiteral("12.1.0")},
            {QStringLiteral("runtimeVersion"), QStringLiteral("12.1.0")},
            {QStringLiteral("status"), deployment.status},
            {QStringLiteral("apiUrl"), deployment.apiUrl},
            {QStringLiteral("webServerAirflowApiUrl"), deployment.webServerAirflowApiUrl},
            {QStringLiteral("webServerUrl"), deployment.webServerAirflowApiUrl.section(u'/', 0, -3)},
            {QStringLiteral("namespace"), deployment.id},
        });
    }
    return ApiResponse::json(paginated("deployments", deployments, offset, limit));
}

} // namespace Windsock::Sandbox
