#pragma once

#include "apiresponse.h"
#include "discoveryfixture.h"

#include <QJsonObject>
#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;

// Astronomer Software's Houston GraphQL API at POST /v1, over a DiscoveryFixture: enough of a query is read
// to answer appConfig { version }, workspaces { id label ... } and workspaceDeployments(workspaceUuid:
// $workspaceId) { id label releaseName airflowVersion runtimeVersion urls { type url } ... } with the
// variables of the JSON body. Errors are HTTP 200 with errors[], as Houston answers them.
class HoustonHandler
{
public:
    explicit HoustonHandler(const DiscoveryFixture &fixture);

    // Nothing when the request is not for POST /v1.
    std::optional<ApiResponse> answer(const ApiRequest &request) const;

private:
    QJsonObject deploymentsOf(const QString &workspaceId) const;

    const DiscoveryFixture &m_fixture;
};

} // namespace Windsock::Sandbox
