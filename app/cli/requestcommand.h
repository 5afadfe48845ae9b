#pragma once

#include "commandcontext.h"

#include <QObject>

namespace Windsock::Api {
struct RawResponse;
}

namespace Windsock::Profiles {
class DeploymentConnector;
struct OpenedDeployment;
} // namespace Windsock::Profiles

namespace Windsock::Cli {

// `windsock-cli request METHOD PATH [--data JSON] [--query k=v]... [--profile NAME_OR_ID]`: one request with
// the profile's authentication, the body to stdout (pretty on a terminal), errors to stderr.
class RequestCommand final : public QObject
{
    Q_OBJECT

public:
    explicit RequestCommand(CommandContext context, QObject *parent = nullptr);
    void run();

private:
    void send(const Profiles::OpenedDeployment &opened);
    void report(const Api::RawResponse &response);

    CommandContext m_context;
    Profiles::DeploymentConnector *m_connector = nullptr;
    QByteArray m_method;
    QString m_pathAndQuery;
    QByteArray m_body;
};

} // namespace Windsock::Cli
