#pragma once

#include "apiresponse.h"
#include "discoveryfixture.h"

#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;

// The Astro Platform API's listing operations over a DiscoveryFixture, under /v1/ and /platform/v1beta1/:
//   GET /organizations                         -> OrganizationsPaginated
//   GET /organizations/{id}/workspaces         -> WorkspacesPaginated
//   GET /organizations/{id}/deployments        -> DeploymentsPaginated (workspaceIds filter, offset, limit)
// Errors are the spec's Error {message, requestId, statusCode}. A version the fixture switches off is a 404.
class PlatformHandler
{
public:
    explicit PlatformHandler(const DiscoveryFixture &fixture);

    // Nothing when the path is not the Platform API's.
    std::optional<ApiResponse> answer(const ApiRequest &request);

private:
    ApiResponse error(int status, const QString &message);

    const DiscoveryFixture &m_fixture;
    quint64 m_requests = 0;
};

} // namespace Windsock::Sandbox
