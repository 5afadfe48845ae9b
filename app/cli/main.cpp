// windsock-cli: profiles, DAGs, runs, logs and requests from the command line, on windsock_core. Exit codes:
// exitcode.h.
#include "windsockcli.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    // The same names as the desktop app, so that both read the same profiles.json.
    QCoreApplication::setApplicationName(QStringLiteral("Windsock"));
    QCoreApplication::setOrganizationName(QStringLiteral("Windsock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WINDSOCK_VERSION));

    // The core's log lines (profile opened, request failed) repeat what a command says in plain words, and
    // would mix into what scripts read from stderr: --verbose (or QT_LOGGING_RULES) shows them.
    if (!QCoreApplication::arguments().contains(QStringLiteral("--verbose")) &&
        qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("windsock.*=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Windsock::Cli::WindsockCli cli(QCoreApplication::arguments(), out, err, ::isatty(STDOUT_FILENO) == 1);
    QObject::connect(
        &cli, &Windsock::Cli::WindsockCli::finished, &application,
        [](int exitCode) { QCoreApplication::exit(exitCode); }, Qt::QueuedConnection);
    QTimer::singleShot(0, &cli, &Windsock::Cli::WindsockCli::start);
    return application.exec();
}
