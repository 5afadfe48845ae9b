#pragma once

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>
#include <QTextStream>
#include <memory>

class QNetworkAccessManager;

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Cli {

// windsock-cli: parses the command line and runs one command in the event loop; finished(exitCode) once
// when it is done (main() then calls QCoreApplication::exit). Exit codes: see exitcode.h and helpText().
class WindsockCli final : public QObject
{
    Q_OBJECT

public:
    WindsockCli(QStringList arguments, QTextStream &out, QTextStream &err, bool outIsTerminal,
                QObject *parent = nullptr);
    ~WindsockCli() override;

    // Starts the command; finished() follows (possibly before start() returns, for usage errors).
    void start();
    static QString helpText(const QCommandLineParser &parser);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int exitCode);
    // Refuses a secret given as an argument (--secret, --password, ...): true when one was found.
    bool refuseSecretArgument();

    QStringList m_arguments;
    QTextStream &m_out;
    QTextStream &m_err;
    bool m_outIsTerminal;
    bool m_finished = false;
    QCommandLineParser m_parser;
    QNetworkAccessManager *m_nam;
    Profiles::ProfileStore *m_store = nullptr;
    Profiles::SecretStore *m_secrets = nullptr;
};

} // namespace Windsock::Cli
