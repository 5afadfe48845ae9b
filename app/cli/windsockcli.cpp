#include "windsockcli.h"

#include "commandcontext.h"
#include "exitcode.h"
#include "profilecommand.h"
#include "profilefields.h"
#include "requestcommand.h"

#include "profiles/keychainsecretstore.h"
#include "profiles/profilestore.h"

#include <QDir>
#include <QNetworkAccessManager>

namespace Windsock::Cli {

namespace {

const char *const refusedSecretOptions[] = {"secret", "password", "token", "key", "api-key", "client-secret"};

} // namespace

WindsockCli::WindsockCli(QStringList arguments, QTextStream &out, QTextStream &err, bool outIsTerminal,
                         QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_out(out)
    , m_err(err)
    , m_outIsTerminal(outIsTerminal)
    , m_nam(new QNetworkAccessManager(this))
{
    m_parser.setApplicationDescription(QStringLiteral("Windsock's command line: connection profiles and "
                                                      "requests to Airflow deployments."));
    m_parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("profile ... or request ..."));
    m_parser.addOptions({
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")),
        QCommandLineOption(QStringLiteral("config"),
                           QStringLiteral("Folder of profiles.json (default: the platform's config folder; "
                                          "or the environment variable WINDSOCK_CONFIG_DIR)."),
                           QStringLiteral("dir")),
        QCommandLineOption(QStringLiteral("profile"),
                           QStringLiteral("request: the profile to use (name or id)."),
                           QStringLiteral("name-or-id")),
        QCommandLineOption(QStringLiteral("data"), QStringLiteral("request: a JSON body."),
                           QStringLiteral("json")),
        QCommandLineOption(QStringLiteral("query"),
                           QStringLiteral("request: a query parameter (repeatable)."),
                           QStringLiteral("key=value")),
        QCommandLineOption(QStringLiteral("json"), QStringLiteral("profile list: print JSON.")),
        QCommandLineOption(QStringLiteral("secret-stdin"),
                           QStringLiteral("profile add/edit: read the secret from standard input.")),
        QCommandLineOption(
            QStringLiteral("secret-env"),
            QStringLiteral("profile add/edit: read the secret from this environment variable."),
            QStringLiteral("name")),
        QCommandLineOption(QStringLiteral("change-secret"),
                           QStringLiteral("profile edit: ask for a new secret at a prompt.")),
    });
    ProfileFields::addOptions(m_parser);
    for (const char *name : refusedSecretOptions) {
        QCommandLineOption option(QString::fromLatin1(name), QStringLiteral("Refused: see below."),
                                  QStringLiteral("value"));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        m_parser.addOption(option);
    }
}

WindsockCli::~WindsockCli() = default;

QString WindsockCli::helpText(const QCommandLineParser &parser)
{
    return QStringLiteral(
               "Usage:\n"
               "  windsock-cli profile list [--json]\n"
               "  windsock-cli profile add --kind KIND --url URL [fields] [--secret-stdin | --secret-env "
               "NAME]\n"
               "  windsock-cli profile edit NAME_OR_ID [fields] [--change-secret | --secret-stdin | "
               "--secret-env "
               "NAME]\n"
               "  windsock-cli profile remove NAME_OR_ID\n"
               "  windsock-cli profile test [NAME_OR_ID]\n"
               "  windsock-cli request METHOD PATH [--data JSON] [--query k=v]... [--profile NAME_OR_ID]\n"
               "\n"
               "Secrets (password, token, key, client secret) are asked for at a prompt without echo, or "
               "read\n"
               "from standard input (--secret-stdin) or an environment variable (--secret-env NAME), and "
               "kept\n"
               "in the OS keychain. They are never taken as arguments (--secret, --password, ...): other "
               "users\n"
               "can read arguments in the process list, and they stay in your shell history.\n"
               "\n"
               "Exit codes:\n"
               "  0  done (request: the server answered without an error status)\n"
               "  1  the server answered with an HTTP error status (404, 409, 500, ...)\n"
               "  2  usage error (unknown command or option, missing argument, invalid --data JSON,\n"
               "     a secret given as an argument)\n"
               "  3  connection, TLS or authentication failure (unreachable, timeout, certificate refused,\n"
               "     credentials rejected or a redirect to a login page); profile test: a step failed\n"
               "  4  profile or keychain problem (no such profile, invalid field, unreadable profiles file,\n"
               "     secret missing, no keychain available)\n"
               "  5  the server's Airflow API is not supported by this version yet\n"
               "\n") +
           parser.helpText().section(QLatin1Char('\n'), 1);
}

void WindsockCli::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    Q_EMIT finished(exitCode);
}

bool WindsockCli::refuseSecretArgument()
{
    for (const QString &argument : std::as_const(m_arguments)) {
        for (const char *name : refusedSecretOptions) {
            const QString option = QStringLiteral("--") + QLatin1String(name);
            if (argument == option || argument.startsWith(option + QLatin1Char('='))) {
                m_err
                    << option
                    << " is refused: a secret given as an argument can be read by other users in the process "
                       "list and stays in your shell history. Use the prompt (leave it out), --secret-stdin, "
                       "or --secret-env NAME."
                    << Qt::endl;
                return true;
            }
        }
    }
    return false;
}

void WindsockCli::start()
{
    if (refuseSecretArgument())
        return finish(UsageError);
    if (!m_parser.parse(m_arguments)) {
        m_err << m_parser.errorText() << "\nRun windsock-cli --help for the usage." << Qt::endl;
        return finish(UsageError);
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        m_out << helpText(m_parser);
        return finish(Ok);
    }
    QStringList words = m_parser.positionalArguments();
    const QString command = words.value(0);
    if (command != QLatin1String("profile") && command != QLatin1String("request")) {
        m_err << (command.isEmpty() ? QStringLiteral("No command given.")
                                    : QStringLiteral("Unknown command \"%1\".").arg(command))
              << "\n"
              << helpText(m_parser);
        return finish(UsageError);
    }
    words.removeFirst();

    QString configDir = m_parser.value(QStringLiteral("config"));
    if (configDir.isEmpty())
        configDir = qEnvironmentVariable("WINDSOCK_CONFIG_DIR");
    m_store = new Profiles::ProfileStore(
        configDir.isEmpty() ? QString() : QDir(configDir).absoluteFilePath(QStringLiteral("profiles.json")),
        this);
    if (!m_store->load()) {
        m_err << m_store->error() << Qt::endl;
        return finish(ProfileError);
    }
    if (!m_store->error().isEmpty())
        m_err << m_store->error() << Qt::endl;
    m_secrets = new Profiles::KeychainSecretStore(this);

    CommandContext context;
    context.parser = &m_parser;
    context.arguments = words;
    context.out = &m_out;
    context.err = &m_err;
    context.outIsTerminal = m_outIsTerminal;
    context.store = m_store;
    context.secrets = m_secrets;
    context.nam = m_nam;
    context.finish = [this](int code) { finish(code); };
    if (command == QLatin1String("profile")) {
        if (words.isEmpty()) {
            m_err << "Say what to do: profile list, add, edit, remove or test." << Qt::endl;
            return finish(UsageError);
        }
        (new ProfileCommand(context, this))->run();
    } else {
        (new RequestCommand(context, this))->run();
    }
}

} // namespace Windsock::Cli
