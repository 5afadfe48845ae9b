#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>
#include <functional>

class QNetworkAccessManager;

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Cli {

// What every windsock-cli command works with: the parsed command line, the streams, the profile store
// (loaded), the secret store, one network access manager, and finish(exitCode), called exactly once when
// done.
struct CommandContext
{
    const QCommandLineParser *parser = nullptr;
    QStringList arguments; // positional arguments after the command's words
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    bool outIsTerminal = false;
    Profiles::ProfileStore *store = nullptr;
    Profiles::SecretStore *secrets = nullptr;
    QNetworkAccessManager *nam = nullptr;
    std::function<void(int)> finish;

    // Writes a line to stderr and finishes with code.
    void fail(int code, const QString &message) const
    {
        *err << message << Qt::endl;
        finish(code);
    }
};

} // namespace Windsock::Cli
