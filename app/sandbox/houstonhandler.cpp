#include "houstonhandler.h"
#include "apirequest.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Windsock::Sandbox {

namespace {

ApiResponse graphQlError(const QString &message)
{
    const QJsonObject error{{QStringLiteral("message"), message}};
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("errors"), QJsonArray{error}}, {QStringLiteral("data"), QJsonValue()}});
}

} // namespace

HoustonHandler::HoustonHandler(const DiscoveryFixture &fixture)
    : m_fixture(fixture)
{}

QJsonObject HoustonHandler::deploymentsOf(const QString &workspaceId) const
{
    QJsonArray deployments;
    for (const auto &deployment : m_fixture.deployments) {
        if (deployment.workspaceId != workspaceId)
            continue;
        QJsonArray urls;
        for (const auto &[type, url] : deployment.houstonUrls)
            urls.append(QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("url"), url}});
        deployments.append(QJsonObject{
            {QStringLiteral("id"), deployment.id},
            {QStringLiteral("type"), QStringLiteral("airflow")},
            {QStringLiteral("label"), deployment.name},
            {QStringLiteral("releaseName"), deployment.releaseName},
            {QStringLiteral("workspace"), QJsonObject{{QStringLiteral("id"), workspaceId}}},
            {QStringLiteral("version"), QStringLiteral("1.10.0")},
            {QStringLiteral("airflowVersion"), deployment.airflowVersion},
            {QStringLiteral("runtimeVersion"), QStringLiteral("12.1.0")},
            {QStringLiteral("urls"), urls},
        });
    }
    return QJsonObject{{QStringLiteral("workspaceDeployments"), deployments}};
}

std::optional<ApiResponse> HoustonHandler::answer(const ApiRequest &request) const
{
    if (request.path != QLatin1String("/v1"))
        return std::nullopt;
    if (request.method != "POST")
        return ApiResponse{405, QByteArrayLiteral("text/plain"), QByteArrayLiteral("Method Not Allowed")};

    // The key as is, or with "Bearer " before it: Houston takes both.
    QString key = QString::fromUtf8(request.authorization);
    if (key.startsWith(QLatin1String("Bearer ")))
        key = key.mid(7);
    if (key.isEmpty() || !m_fixture.houstonKeys.contains(key))
        return graphQlError(QStringLiteral("You do not have the appropriate permissions for that"));

    QJsonParseError parseError{};
    const QJsonObject body = QJsonDocument::fromJson(request.body, &parseError).object();
    const QString query = body.value(QLatin1String("query")).toString();
    if (parseError.error != QJsonParseError::NoError || query.isEmpty()) {
        return ApiResponse{400, QByteArrayLiteral("application/json"),
                           QByteArrayLiteral("{\"errors\":[{\"message\":\"Must provide query string.\"}]}")};
    }
    const QJsonObject variables = body.value(QLatin1String("variables")).toObject();

    QJsonObject data;
    if (query.contains(QLatin1String("appConfig"))) {
        data.insert(QStringLiteral("appConfig"),
                    QJsonObject{{QStringLiteral("version"), m_fixture.houstonVersion}});
    }
    if (query.contains(QLatin1String("workspaceDeployments"))) {
        const QString workspaceId = variables.value(QLatin1String("workspaceId")).toString();
        bool known = false;
        for (const auto &workspace : m_fixture.workspaces)
            known = known || workspace.id == workspaceId;
        if (!known)
            return graphQlError(QStringLiteral("You do not have the appropriate permissions for that"));
        const QJsonObject deployments = deploymentsOf(workspaceId);
        for (auto it = deployments.begin(); it != deployments.end(); ++it)
            data.insert(it.key(), it.value());
    } else if (query.contains(QLatin1String("workspaces"))) {
        QJsonArray workspaces;
        for (const auto &workspace : m_fixture.workspaces) {
            workspaces.append(QJsonObject{{QStringLiteral("id"), workspace.id},
                                          {QStringLiteral("label"), workspace.name},
                                          {QStringLiteral("description"), QString()}});
        }
        data.insert(QStringLiteral("workspaces"), workspaces);
    }
    if (data.isEmpty())
        return graphQlError(QStringLiteral("Cannot query: the sandbox's Houston knows appConfig, workspaces "
                                           "and workspaceDeployments only"));
    return ApiResponse::json(QJsonObject{{QStringLiteral("data"), data}});
}

} // namespace Windsock::Sandbox
