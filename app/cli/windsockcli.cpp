#include "windsockcli.h"

#include "commandcontext.h"
#include "dagscommand.h"
#include "exitcode.h"
#include "fleetcommand.h"
#include "logscommand.h"
#include "profilecommand.h"
#include "profilefields.h"
#include "requestcommand.h"
#include "resourcecommand.h"
#include "runscommand.h"
#include "taskscommand.h"
#include "triggercommand.h"

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
    m_parser.setApplicationDescription(QStringLiteral("Windsock's command line: connection profiles, DAGs, "
                                                      "runs, logs, pools, connections, variables and "
                                                      "requests on Airflow deployments."));
    m_parser.addPositionalArgument(QStringLiteral("command"),
                                   QStringLiteral("profile, dags, trigger, runs, logs, tasks, pools, "
                                                  "connections, variables or request, then its words"));
    m_parser.addOptions({
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")),
        QCommandLineOption(QStringLiteral("verbose"),
                           QStringLiteral("Also show the log lines of what happens (profile opened, each "
                                          "request that failed).")),
        QCommandLineOption(QStringLiteral("config"),
                           QStringLiteral("Folder of profiles.json (default: the platform's config folder; "
                                          "or the environment variable WINDSOCK_CONFIG_DIR)."),
                           QStringLiteral("dir")),
        QCommandLineOption(QStringLiteral("profile"),
                           QStringLiteral("The profile to use (name or id; default: the last used, or the "
                                          "only one)."),
                           QStringLiteral("name-or-id")),
        QCommandLineOption(QStringLiteral("confirm-production"),
                           QStringLiteral("The profile's exact name: a production profile's delete and bulk "
                                          "commands (several DAGs paused at once, variables import, request "
                                          "-X DELETE) need it."),
                           QStringLiteral("name")),
        QCommandLineOption(QStringLiteral("data"), QStringLiteral("request: a JSON body."),
                           QStringLiteral("json")),
        QCommandLineOption(QStringLiteral("query"),
                           QStringLiteral("request: a query parameter (repeatable)."),
                           QStringLiteral("key=value")),
        QCommandLineOption(QStringLiteral("all-pages"),
                           QStringLiteral("request: every page of a list (limit/offset until total_entries), "
                                          "as one JSON object.")),
        QCommandLineOption(QStringLiteral("save"),
                           QStringLiteral("request: save the request under this name (then send it)."),
                           QStringLiteral("name")),
        QCommandLineOption(QStringLiteral("collection"),
                           QStringLiteral("request --save: the collection (a subfolder) to save into."),
                           QStringLiteral("name")),
        QCommandLineOption(QStringLiteral("from-file"),
                           QStringLiteral("request: send the request saved in this file (the explorer's "
                                          "format)."),
                           QStringLiteral("file")),
        QCommandLineOption(QStringLiteral("saved-dir"),
                           QStringLiteral("request --save: the saved-requests folder (default: the app's)."),
                           QStringLiteral("dir")),
        QCommandLineOption(QStringLiteral("per-host"),
                           QStringLiteral("fleet: profiles asked at once per server (default 4)."),
                           QStringLiteral("n")),
        QCommandLineOption(QStringLiteral("json"),
                           QStringLiteral("Print JSON (list, get and show commands, trigger) instead of a "
                                          "table.")),
        QCommandLineOption(QStringLiteral("pattern"),
                           QStringLiteral("dags list: DAG ids containing this text."),
                           QStringLiteral("text")),
        QCommandLineOption(QStringLiteral("paused"), QStringLiteral("dags list: only paused DAGs.")),
        QCommandLineOption(QStringLiteral("active"),
                           QStringLiteral("dags list: only DAGs that are not paused.")),
        QCommandLineOption(QStringLiteral("tags"),
                           QStringLiteral("dags list: DAGs with any of these tags (comma-separated, "
                                          "repeatable)."),
                           QStringLiteral("tag,...")),
        QCommandLineOption(QStringLiteral("conf"),
                           QStringLiteral("trigger: the run's conf as a JSON object."),
                           QStringLiteral("json")),
        QCommandLineOption(QStringLiteral("param"),
                           QStringLiteral("trigger: one of the DAG's params, checked against its schema "
                                          "(repeatable; a list takes one --param per item)."),
                           QStringLiteral("key=value")),
        QCommandLineOption(QStringLiteral("logical-date"),
                           QStringLiteral("trigger: the run's logical date, ISO 8601 (no offset means UTC)."),
                           QStringLiteral("time")),
        QCommandLineOption(
            QStringLiteral("run-id"),
            QStringLiteral("trigger: the run id (default: manual__<now>__windsock_<random>); the "
                           "same id again never creates a second run."),
            QStringLiteral("id")),
        QCommandLineOption(QStringLiteral("note"), QStringLiteral("trigger: a note on the run."),
                           QStringLiteral("text")),
        QCommandLineOption(
            QStringLiteral("wait"),
            QStringLiteral("trigger: wait for the run to end; exit 0 on success, 7 on failed.")),
        QCommandLineOption(QStringLiteral("interval"),
                           QStringLiteral("trigger --wait, logs --follow: seconds between polls (default 5, "
                                          "3 for logs)."),
                           QStringLiteral("seconds")),
        QCommandLineOption(QStringLiteral("state"),
                           QStringLiteral("runs list: only runs in this state: queued, running, success, "
                                          "failed (repeatable)."),
                           QStringLiteral("state")),
        QCommandLineOption(QStringLiteral("limit"),
                           QStringLiteral("runs list: at most this many runs, newest first (default 25)."),
                           QStringLiteral("n")),
        QCommandLineOption(QStringLiteral("offset"),
                           QStringLiteral("runs list: skip this many of the newest runs first (default 0)."),
                           QStringLiteral("n")),
        QCommandLineOption(QStringLiteral("try"),
                           QStringLiteral("logs: the try to read (default: the latest)."),
                           QStringLiteral("n")),
        QCommandLineOption(QStringLiteral("follow"),
                           QStringLiteral("logs: keep reading what the task writes until it ends.")),
        QCommandLineOption(QStringLiteral("slots"),
                           QStringLiteral("pools set: the pool's slots (-1: unlimited)."),
                           QStringLiteral("n")),
        QCommandLineOption(QStringLiteral("include-deferred"),
                           QStringLiteral("pools set: deferred tasks take slots of the pool.")),
        QCommandLineOption(QStringLiteral("exclude-deferred"),
                           QStringLiteral("pools set: deferred tasks take no slots.")),
        QCommandLineOption(
            QStringLiteral("description"),
            QStringLiteral("pools/connections/variables set: the description (empty clears it)."),
            QStringLiteral("text")),
        QCommandLineOption(QStringLiteral("value-stdin"),
                           QStringLiteral("variables set: read the value from standard input.")),
        QCommandLineOption(QStringLiteral("on-existing"),
                           QStringLiteral("variables import: overwrite (the default), skip or fail for keys "
                                          "that exist already."),
                           QStringLiteral("action")),
        QCommandLineOption(QStringLiteral("conn-type"),
                           QStringLiteral("connections set: the connection's type (postgres, http, ...)."),
                           QStringLiteral("type")),
        QCommandLineOption(QStringLiteral("host"),
                           QStringLiteral("connections set: the host (empty clears it)."),
                           QStringLiteral("host")),
        QCommandLineOption(QStringLiteral("port"),
                           QStringLiteral("connections set: the port (empty clears it)."),
                           QStringLiteral("port")),
        QCommandLineOption(QStringLiteral("login"),
                           QStringLiteral("connections set: the login (empty clears it)."),
                           QStringLiteral("login")),
        QCommandLineOption(QStringLiteral("schema"),
                           QStringLiteral("connections set: the schema (empty clears it)."),
                           QStringLiteral("schema")),
        QCommandLineOption(
            QStringLiteral("extra"),
            QStringLiteral("connections set: extra settings as a JSON object (empty clears it)."),
            QStringLiteral("json")),
        QCommandLineOption(QStringLiteral("password-stdin"),
                           QStringLiteral("connections set: read the new password from standard input.")),
        QCommandLineOption(QStringLiteral("password-prompt"),
                           QStringLiteral("connections set: ask for the new password at a prompt.")),
        QCommandLineOption(QStringLiteral("secret-stdin"),
                           QStringLiteral("profile add/edit: read the secret from standard input.")),
        QCommandLineOption(
            QStringLiteral("secret-env"),
            QStringLiteral("profile add/edit: read the secret from this environment variable."),
            QStringLiteral("name")),
        QCommandLineOption(QStringLiteral("change-secret"),
                           QStringLiteral("profile edit: ask for a new secret at a prompt.")),
        QCommandLineOption(QStringLiteral("platform-url"),
                           QStringLiteral("profile discover astro: the Astro Platform API's URL (default "
                                          "https://api.astronomer.io)."),
                           QStringLiteral("url")),
        QCommandLineOption(QStringLiteral("houston-url"),
                           QStringLiteral("profile discover software: Houston's URL (default "
                                          "https://houston.<domain>/v1)."),
                           QStringLiteral("url")),
        QCommandLineOption(QStringLiteral("domain"),
                           QStringLiteral("profile discover software: the Astronomer Software base domain."),
                           QStringLiteral("domain")),
        QCommandLineOption(QStringLiteral("bearer"),
                           QStringLiteral("profile discover software: send the key as \"Bearer <key>\".")),
        QCommandLineOption(QStringLiteral("all"),
                           QStringLiteral("profile discover: create profiles for every deployment found.")),
        QCommandLineOption(QStringLiteral("select"),
                           QStringLiteral("profile discover: create a profile for this deployment (name, "
                                          "\"workspace / name\" or id; repeatable)."),
                           QStringLiteral("name")),
        QCommandLineOption(
            QStringLiteral("dry-run"),
            QStringLiteral("profile discover: say which profiles would be created, create none; runs clear: "
                           "list the task instances the server would clear, clear none.")),
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
               "  windsock-cli profile discover astro [--platform-url URL] [--all | --select NAME...] "
               "[--dry-run] < token\n"
               "  windsock-cli profile discover software --domain D [--houston-url URL] [--bearer] [--all | "
               "--select NAME...] [--dry-run] < key\n"
               "  windsock-cli request METHOD PATH [--data JSON] [--query k=v]... [--profile NAME_OR_ID]\n"
               "                      [--all-pages] [--save NAME [--collection C] [--saved-dir DIR]]\n"
               "  windsock-cli request --from-file FILE [--query k=v]... [--data JSON] [--all-pages]\n"
               "  windsock-cli dags list [--pattern TEXT] [--paused | --active] [--tags TAG,...] [--json]\n"
               "  windsock-cli dags show DAG_ID [--json]\n"
               "  windsock-cli dags pause|unpause DAG_ID...\n"
               "  windsock-cli trigger DAG_ID [--conf JSON | --param KEY=VALUE...] [--logical-date TIME]\n"
               "                      [--run-id ID] [--note TEXT] [--wait [--interval SECONDS]] [--json]\n"
               "  windsock-cli runs list [DAG_ID] [--state STATE]... [--limit N] [--offset N] [--json]\n"
               "  windsock-cli runs clear DAG_ID RUN_ID [--dry-run] | mark DAG_ID RUN_ID STATE | delete "
               "DAG_ID RUN_ID\n"
               "                      (newest first; no DAG_ID: every DAG)\n"
               "  windsock-cli logs DAG_ID RUN_ID TASK_ID [--try N] [--follow [--interval SECONDS]]\n"
               "  windsock-cli tasks show DAG_ID TASK_ID [--json]\n"
               "  windsock-cli tasks instance DAG_ID RUN_ID TASK_ID [--json]\n"
               "  windsock-cli pools list|get NAME|delete NAME [--json]\n"
               "  windsock-cli pools set NAME [--slots N] [--description TEXT] [--include-deferred | "
               "--exclude-deferred]\n"
               "  windsock-cli connections list|get CONN_ID|delete CONN_ID [--json]\n"
               "  windsock-cli connections set CONN_ID [--conn-type TYPE] [--host HOST] [--port PORT] "
               "[--login "
               "LOGIN]\n"
               "                      [--schema SCHEMA] [--extra JSON] [--description TEXT]\n"
               "                      [--password-stdin | --password-prompt]\n"
               "  windsock-cli variables list|get KEY|delete KEY [--json]\n"
               "  windsock-cli variables set KEY [VALUE | --value-stdin] [--description TEXT]\n"
               "  windsock-cli variables import FILE [--on-existing overwrite|skip|fail] [--json]\n"
               "  windsock-cli fleet [--json] [--per-host N]\n"
               "                      (every profile at once: status, version, health, counts; exit 0 when\n"
               "                      at least one answered, 3 when none did)\n"
               "\n"
               "set creates the item, or changes only the fields given when it exists. A connection's "
               "password\n"
               "is never printed, and never taken as an argument.\n"
               "Every command but profile takes --profile NAME_OR_ID (default: the last used, or the only "
               "one).\n"
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
               "  1  the server answered with an HTTP error status (404, 409, 500, ...), or has no such "
               "DAG,\n"
               "     run, task, try or log\n"
               "  2  usage error (unknown command or option, missing argument, invalid --data or --conf\n"
               "     JSON, a --param that does not fit the DAG's params, a secret given as an argument,\n"
               "     a --from-file that cannot be read, a --save name or file that cannot be written);\n"
               "     nothing was sent\n"
               "  3  connection, TLS or authentication failure (unreachable, timeout, certificate refused,\n"
               "     credentials rejected or a redirect to a login page); profile test: a step failed\n"
               "  4  profile or keychain problem (no such profile, invalid field, unreadable profiles file,\n"
               "     secret missing, no keychain available)\n"
               "  5  the server's API cannot do this (Airflow 1.10's experimental API lists no DAGs, has no\n"
               "     logs, variables or connections, ...): the message says why, and nothing was sent; or\n"
               "     the server's Airflow API is not supported by this version at all\n"
               "  6  the profile is read-only and the command would change something (pause, unpause,\n"
               "     trigger, set, delete)\n"
               "  7  trigger --wait: the run ended in the failed state\n"
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
                // A connection's password has its own ways in; a profile's secret has the others.
                const bool connection = m_arguments.contains(QStringLiteral("connections"));
                m_err
                    << option
                    << " is refused: a secret given as an argument can be read by other users in the process "
                       "list and stays in your shell history. "
                    << (connection ? "Use --password-stdin or --password-prompt."
                                   : "Use the prompt (leave it out), --secret-stdin, or --secret-env NAME.")
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
    static const QStringList commands{
        QStringLiteral("profile"),   QStringLiteral("request"), QStringLiteral("dags"),
        QStringLiteral("trigger"),   QStringLiteral("runs"),    QStringLiteral("logs"),
        QStringLiteral("tasks"),     QStringLiteral("pools"),   QStringLiteral("connections"),
        QStringLiteral("variables"), QStringLiteral("fleet")};
    if (!commands.contains(command)) {
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
            m_err << "Say what to do: profile list, add, edit, remove, test or discover." << Qt::endl;
            return finish(UsageError);
        }
        (new ProfileCommand(context, this))->run();
    } else if (command == QLatin1String("dags")) {
        (new DagsCommand(context, this))->run();
    } else if (command == QLatin1String("fleet")) {
        (new FleetCommand(context, this))->run();
    } else if (command == QLatin1String("trigger")) {
        (new TriggerCommand(context, this))->run();
    } else if (command == QLatin1String("runs")) {
        (new RunsCommand(context, this))->run();
    } else if (command == QLatin1String("logs")) {
        (new LogsCommand(context, this))->run();
    } else if (command == QLatin1String("tasks")) {
        (new TasksCommand(context, this))->run();
    } else if (command == QLatin1String("pools")) {
        (new ResourceCommand(ResourceCommand::Kind::Pools, context, this))->run();
    } else if (command == QLatin1String("connections")) {
        (new ResourceCommand(ResourceCommand::Kind::Connections, context, this))->run();
    } else if (command == QLatin1String("variables")) {
        (new ResourceCommand(ResourceCommand::Kind::Variables, context, this))->run();
    } else {
        (new RequestCommand(context, this))->run();
    }
}

} // namespace Windsock::Cli
