#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include "explorer/requestdraft.h"

#include <QObject>

namespace Windsock::Api {
class AirflowClient;
struct RawResponse;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli request METHOD PATH [--data JSON] [--query k=v]... [--profile NAME_OR_ID]`: one request with
// the profile's authentication, the body to stdout (pretty on a terminal), errors to stderr. A read-only
// profile sends only GET, HEAD and OPTIONS.
//
// `--from-file FILE` takes the request from a saved-request file (the explorer's format) instead of METHOD
// PATH; {{variables}} come from the profile's explorer variables (beside the profiles file when --config or
// WINDSOCK_CONFIG_DIR is given). `--save NAME [--collection C]` saves the request into the saved-requests
// folder (--saved-dir DIR, default the app's, shared with the explorer) once the profile is open (so that its
// secrets are known and kept out of the file), then sends it. `--all-pages` fetches every page of a list
// (limit/offset until total_entries) and prints one JSON object with all the items and total_entries.
class RequestCommand final : public QObject
{
    Q_OBJECT

public:
    explicit RequestCommand(CommandContext context, QObject *parent = nullptr);
    void run();

    // The saved-requests folder: --saved-dir, else the one the app uses by default.
    static QString savedFolder(const QCommandLineParser &parser);

private:
    bool buildDraft();
    bool saveDraft(const QStringList &secrets);
    void sendAllPages(const std::shared_ptr<Api::AirflowClient> &client, const Api::RawRequest &request);
    void report(const Api::RawResponse &response);
    void writeBody(const QByteArray &body);

    CommandContext m_context;
    ProfileSession m_session;
    Explorer::RequestDraft m_draft;
    QByteArray m_method;
    QString m_pathAndQuery;
};

} // namespace Windsock::Cli
