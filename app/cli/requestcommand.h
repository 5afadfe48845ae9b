#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include <QObject>

namespace Windsock::Api {
class AirflowClient;
struct RawResponse;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli request METHOD PATH [--data JSON] [--query k=v]... [--profile NAME_OR_ID]`: one request with
// the profile's authentication, the body to stdout (pretty on a terminal), errors to stderr. A read-only
// profile sends only GET, HEAD and OPTIONS.
class RequestCommand final : public QObject
{
    Q_OBJECT

public:
    explicit RequestCommand(CommandContext context, QObject *parent = nullptr);
    void run();

private:
    void send(const std::shared_ptr<Api::AirflowClient> &client);
    void report(const Api::RawResponse &response);

    CommandContext m_context;
    ProfileSession m_session;
    QByteArray m_method;
    QString m_pathAndQuery;
    QByteArray m_body;
};

} // namespace Windsock::Cli
