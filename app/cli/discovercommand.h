#pragma once

#include "commandcontext.h"

#include "discovery/discovereddeployment.h"

#include <QList>
#include <QObject>

namespace Windsock::Cli {

// `windsock-cli profile discover astro [--platform-url URL] [--all | --select NAME...] [--dry-run]` and
// `windsock-cli profile discover software --domain D [--houston-url URL] [--bearer] [...]`: lists the
// deployments an Astro token (or a Software key) can see, and creates profiles for the chosen ones, each with
// the token in the keychain. The token or key comes from standard input only.
class DiscoverCommand final : public QObject
{
    Q_OBJECT

public:
    explicit DiscoverCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    void found(const QList<Discovery::DiscoveredDeployment> &deployments);

    CommandContext m_context;
    bool m_software = false;
    QString m_secret;
};

} // namespace Windsock::Cli
