#pragma once

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "fleet/fleetmember.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <memory>

namespace Windsock::Tests {

// One deployment of a test fleet: an in-process sandbox (Airflow 2 with Basic, or Airflow 3 with the JWT
// login) and a FleetMember whose shared client talks to it.
struct FleetSandbox
{
    std::unique_ptr<Sandbox::SandboxServer> server;
    Fleet::FleetMember member;

    // Requests that would change something (anything but GET, HEAD, OPTIONS and the JWT login).
    int changingRequests() const
    {
        int count = 0;
        for (const Sandbox::SandboxServer::LoggedRequest &request : server->requestLog()) {
            if (request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS")
                continue;
            if (request.method == "POST" && request.path == QLatin1String("/auth/token"))
                continue;
            ++count;
        }
        return count;
    }
};

struct FleetSandboxOptions
{
    FleetSandboxOptions(QString id, QString displayName, QString colourName = {})
        : profileId(std::move(id))
        , name(std::move(displayName))
        , colour(std::move(colourName))
    {}

    QString profileId;
    QString name;
    QString colour;
    bool readOnly = false;
    bool production = false;
    QString password = QStringLiteral("admin"); // a wrong one makes a deployment that refuses us
};

// Starts the sandbox (options.api says v1 or v2) and builds its member; nullopt-like (server null) on
// failure.
inline FleetSandbox startFleetSandbox(QNetworkAccessManager *nam, const Sandbox::SandboxOptions &options,
                                      const FleetSandboxOptions &member)
{
    FleetSandbox sandbox;
    sandbox.server = std::make_unique<Sandbox::SandboxServer>(options);
    if (!sandbox.server->listen(0)) {
        sandbox.server.reset();
        return sandbox;
    }
    Api::AirflowClient::Options clientOptions;
    clientOptions.readOnly = member.readOnly;
    clientOptions.profileName = member.name;
    std::unique_ptr<Api::Dialect> dialect;
    std::unique_ptr<Auth::Authenticator> authenticator;
    if (options.api == Sandbox::ApiVersion::V2) {
        dialect = std::make_unique<Api::DialectV2>();
        authenticator =
            std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), member.password);
    } else {
        dialect = std::make_unique<Api::DialectV1>();
        authenticator = std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), member.password);
    }
    sandbox.member.profileId = member.profileId;
    sandbox.member.name = member.name;
    sandbox.member.colour = member.colour;
    sandbox.member.readOnly = member.readOnly;
    sandbox.member.production = member.production;
    sandbox.member.client = std::make_shared<Api::AirflowClient>(
        nam, sandbox.server->baseUrl(), std::move(dialect), std::move(authenticator), clientOptions);
    return sandbox;
}

} // namespace Windsock::Tests
