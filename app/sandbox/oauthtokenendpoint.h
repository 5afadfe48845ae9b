#pragma once

#include "apiresponse.h"
#include "sandboxoptions.h"

#include <QList>

namespace Windsock::Sandbox {

struct ApiRequest;
class TokenIssuer;

// An OAuth2 token endpoint for the client-credentials grant (RFC 6749 section 4.4), shaped like Auth0's
// (which Astro's legacy Deployment API keys used): a form-urlencoded (or JSON) body with grant_type,
// client_id, client_secret and optional audience and scope; the client may authenticate with HTTP Basic
// instead.
//   200 {"access_token","token_type":"Bearer","expires_in"[,"scope"]}
//   400 {"error":"invalid_request"|"unsupported_grant_type", "error_description"}
//   401 {"error":"invalid_client", "error_description"}
//   403 {"error":"access_denied", "error_description"} when a client's configured audience does not match
class OAuthTokenEndpoint
{
public:
    OAuthTokenEndpoint(QList<OAuthClient> clients, qint64 expiresInSeconds, TokenIssuer *issuer);

    ApiResponse answer(const ApiRequest &request);

private:
    QList<OAuthClient> m_clients;
    qint64 m_expiresInSeconds;
    TokenIssuer *m_issuer;
};

} // namespace Windsock::Sandbox
