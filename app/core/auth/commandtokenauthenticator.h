#pragma once

#include "tokenauthenticator.h"

namespace Windsock::Auth {

// A token printed by a command (e.g. "gcloud auth print-access-token"): the command runs through /bin/sh -c,
// asynchronously; its trimmed standard output is the Bearer token, cached for cacheSeconds. A command that
// runs longer than timeoutSeconds is killed; a non-zero exit reports the first lines of its standard error.
class CommandTokenAuthenticator final : public TokenAuthenticator
{
public:
    CommandTokenAuthenticator(QString command, int timeoutSeconds, int cacheSeconds);

    QString redactedDescription() const override;
    Explorer::SnippetAuth snippetAuth(bool includeSecret = false) const override;
    QString command() const { return m_command; }

protected:
    void startFetch(QNetworkAccessManager *nam, const QUrl &deploymentUrl, TokenDone done) override;
    QStringList credentialSecrets() const override { return {}; }
    int refreshMarginSeconds() const override { return 0; }

private:
    QString m_command;
    int m_timeoutSeconds;
    int m_cacheSeconds;
};

} // namespace Windsock::Auth
