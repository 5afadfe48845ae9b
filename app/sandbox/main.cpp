// windsock-sandbox: runs the Airflow 2.x REST emulator stand-alone on 127.0.0.1.
#include <sandbox/sandboxserver.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

bool parseOptions(const QCommandLineParser &parser, SandboxOptions *options, quint16 *port, QString *error)
{
    bool ok = true;
    auto number = [&](const QString &name, auto fallback) {
        using T = decltype(fallback);
        if (!parser.isSet(name))
            return fallback;
        bool good = false;
        const double value = parser.value(name).toDouble(&good);
        if (!good || value < 0) {
            ok = false;
            *error = QStringLiteral("--") + name + QStringLiteral(" needs a non-negative number");
            return fallback;
        }
        return static_cast<T>(value);
    };
    *port = number(QStringLiteral("port"), quint16(0));
    options->dagCount = number(QStringLiteral("dags"), options->dagCount);
    options->runsPerDag = number(QStringLiteral("runs-per-dag"), options->runsPerDag);
    options->seed = number(QStringLiteral("seed"), options->seed);
    options->faults.latencyMs = number(QStringLiteral("latency-ms"), 0);
    options->faults.errorRate = number(QStringLiteral("error-rate"), 0.0);
    options->faults.dropRate = number(QStringLiteral("drop-rate"), 0.0);
    options->faults.truncateRate = number(QStringLiteral("truncate-rate"), 0.0);
    options->clockSpeed = number(QStringLiteral("clock-speed"), 1.0);
    const QStringList users = parser.values(QStringLiteral("user"));
    if (!users.isEmpty()) {
        options->users.clear();
        for (const QString &user : users) {
            const int colon = user.indexOf(u':');
            if (colon <= 0) {
                *error = QStringLiteral("--user needs NAME:PASSWORD");
                return false;
            }
            options->users.append({user.left(colon), user.mid(colon + 1)});
        }
    }
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("windsock-sandbox"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("An Airflow 2.x /api/v1 emulator for tests and demos."));
    parser.addHelpOption();
    const auto valueOption = [&parser](const QString &name, const QString &help, const QString &valueName) {
        parser.addOption(QCommandLineOption(name, help, valueName));
    };
    valueOption(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0: any free port)."),
                QStringLiteral("P"));
    valueOption(QStringLiteral("dags"), QStringLiteral("Number of DAGs (default 40)."), QStringLiteral("N"));
    valueOption(QStringLiteral("runs-per-dag"), QStringLiteral("Seeded runs per DAG (default 25)."),
                QStringLiteral("M"));
    valueOption(QStringLiteral("seed"), QStringLiteral("Seed of all generated data (default 1)."),
                QStringLiteral("S"));
    valueOption(QStringLiteral("user"),
                QStringLiteral("An accepted Basic user (repeatable; default admin:admin)."),
                QStringLiteral("NAME:PASSWORD"));
    valueOption(QStringLiteral("latency-ms"), QStringLiteral("Delay every answer by N ms."),
                QStringLiteral("N"));
    valueOption(QStringLiteral("error-rate"), QStringLiteral("Share of 500/503 answers (0..1)."),
                QStringLiteral("F"));
    valueOption(QStringLiteral("drop-rate"), QStringLiteral("Share of dropped connections (0..1)."),
                QStringLiteral("F"));
    valueOption(QStringLiteral("truncate-rate"), QStringLiteral("Share of truncated bodies (0..1)."),
                QStringLiteral("F"));
    valueOption(QStringLiteral("clock-speed"), QStringLiteral("Speed of the sandbox clock (default 1)."),
                QStringLiteral("F"));
    valueOption(QStringLiteral("max-requests"), QStringLiteral("Exit after serving N requests."),
                QStringLiteral("N"));
    valueOption(QStringLiteral("max-seconds"), QStringLiteral("Exit after N seconds."), QStringLiteral("N"));
    parser.process(app);

    SandboxOptions options;
    quint16 port = 0;
    QString error;
    if (!parseOptions(parser, &options, &port, &error)) {
        std::fprintf(stderr, "windsock-sandbox: %s\n", qPrintable(error));
        return 2;
    }
    SandboxServer server(options);
    if (!server.listen(port)) {
        std::fprintf(stderr, "windsock-sandbox: cannot listen on 127.0.0.1:%u: %s\n", unsigned(port),
                     qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(server.port()));
    std::fflush(stdout);

    const quint64 maxRequests = parser.value(QStringLiteral("max-requests")).toULongLong();
    if (maxRequests > 0) {
        QObject::connect(&server, &SandboxServer::requestServed, &app, [maxRequests](quint64 count) {
            if (count >= maxRequests) // let the last answer (possibly delayed) go out first
                QTimer::singleShot(200, QCoreApplication::instance(), &QCoreApplication::quit);
        });
    }
    const double maxSeconds = parser.value(QStringLiteral("max-seconds")).toDouble();
    if (maxSeconds > 0)
        QTimer::singleShot(int(maxSeconds * 1000), &app, &QCoreApplication::quit);
    return app.exec();
}
