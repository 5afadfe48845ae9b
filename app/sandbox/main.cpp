// windsock-sandbox: runs the Airflow REST emulator stand-alone on 127.0.0.1, speaking the chosen API (--api),
// with the authentication of a chosen profile kind (--auth, or --experimental-auth for Airflow 1.10's API),
// optionally over HTTPS (--tls-cert, --tls-key) and serving an OpenAPI spec file (--openapi).
#include <sandbox/openapihandler.h>
#include <sandbox/sandboxserver.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ExperimentalAuth;
using Windsock::Sandbox::OAuthClient;
using Windsock::Sandbox::OpenApiHandler;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

bool parseAuthOptions(const QCommandLineParser &parser, SandboxOptions *options, QString *error)
{
    const QString mode = parser.value(QStringLiteral("auth"));
    const QList<QPair<QString, AuthMode>> modes{{QStringLiteral("basic"), AuthMode::Basic},
                                                {QStringLiteral("jwt"), AuthMode::Jwt},
                                                {QStringLiteral("bearer"), AuthMode::Bearer},
                                                {QStringLiteral("software"), AuthMode::Software},
                                                {QStringLiteral("oauth2"), AuthMode::OAuth2}};
    bool known = mode.isEmpty();
    for (const auto &candidate : modes) {
        if (candidate.first == mode) {
            options->auth = candidate.second;
            known = true;
        }
    }
    if (!known) {
        *error = QStringLiteral("--auth takes basic, jwt, bearer, software or oauth2");
        return false;
    }
    const auto seconds = [&](const QString &name, qint64 *target) {
        if (!parser.isSet(name))
            return true;
        bool good = false;
        const qint64 value = parser.value(name).toLongLong(&good);
        if (!good || value <= 0) {
            *error = QStringLiteral("--") + name + QStringLiteral(" needs a positive number of seconds");
            return false;
        }
        *target = value;
        return true;
    };
    if (!seconds(QStringLiteral("jwt-lifetime"), &options->jwtLifetimeSeconds) ||
        !seconds(QStringLiteral("oauth-expires-in"), &options->oauthExpiresInSeconds))
        return false;
    options->bearerTokens = parser.values(QStringLiteral("token"));
    options->softwareKeys = parser.values(QStringLiteral("key"));
    if (parser.isSet(QStringLiteral("login-url"))) {
        options->softwareLoginUrl = QUrl(parser.value(QStringLiteral("login-url")), QUrl::StrictMode);
        if (!options->softwareLoginUrl.isValid() || options->softwareLoginUrl.isRelative()) {
            *error = QStringLiteral("--login-url needs an absolute URL");
            return false;
        }
    }
    if (parser.isSet(QStringLiteral("oauth-path"))) {
        options->oauthTokenPath = parser.value(QStringLiteral("oauth-path"));
        if (!options->oauthTokenPath.startsWith(u'/')) {
            *error = QStringLiteral("--oauth-path needs a path starting with /");
            return false;
        }
    }
    for (const QString &client : parser.values(QStringLiteral("oauth-client"))) {
        const QStringList parts = client.split(u':');
        if (parts.size() < 2 || parts[0].isEmpty()) {
            *error = QStringLiteral("--oauth-client needs ID:SECRET[:AUDIENCE]");
            return false;
        }
        options->oauthClients.append(OAuthClient{parts[0], parts[1], parts.mid(2).join(u':')});
    }
    options->tls.certificateChainFile = parser.value(QStringLiteral("tls-cert"));
    options->tls.privateKeyFile = parser.value(QStringLiteral("tls-key"));
    if (options->tls.certificateChainFile.isEmpty() != options->tls.privateKeyFile.isEmpty()) {
        *error = QStringLiteral("--tls-cert and --tls-key go together");
        return false;
    }
    return true;
}

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
    const QString api = parser.value(QStringLiteral("api"));
    if (api == QLatin1String("v2")) {
        options->api = ApiVersion::V2;
    } else if (api == QLatin1String("experimental")) {
        options->api = ApiVersion::Experimental;
    } else if (!api.isEmpty() && api != QLatin1String("v1")) {
        *error = QStringLiteral("--api takes v1, v2 or experimental");
        return false;
    }
    const QString experimentalAuth = parser.value(QStringLiteral("experimental-auth"));
    if (experimentalAuth == QLatin1String("deny_all")) {
        options->experimentalAuth = ExperimentalAuth::DenyAll;
    } else if (experimentalAuth == QLatin1String("default")) {
        options->experimentalAuth = ExperimentalAuth::Default;
    } else if (!experimentalAuth.isEmpty() && experimentalAuth != QLatin1String("basic")) {
        *error = QStringLiteral("--experimental-auth takes basic, deny_all or default");
        return false;
    }
    options->exposeConfig = parser.isSet(QStringLiteral("expose-config"));
    options->allowConnectionTest = parser.isSet(QStringLiteral("allow-connection-test"));
    if (parser.isSet(QStringLiteral("airflow-version")))
        options->airflowVersion = parser.value(QStringLiteral("airflow-version"));
    if (parser.isSet(QStringLiteral("openapi"))) {
        options->openApiFile = parser.value(QStringLiteral("openapi"));
        if (options->api == ApiVersion::Experimental) {
            *error = QStringLiteral("--openapi: Airflow 1.10's experimental API serves no OpenAPI document");
            return false;
        }
        if (!OpenApiHandler::check(options->openApiFile, error)) {
            *error = QStringLiteral("--openapi: ") + *error;
            return false;
        }
    }
    return ok && parseAuthOptions(parser, options, error);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("windsock-sandbox"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "An Airflow REST API emulator for tests and demos: Airflow 2.x /api/v1 (--api v1, the default),\n"
        "Airflow 3.x /api/v2 (--api v2, where basic means the simple auth manager's /auth/token), or\n"
        "Airflow 1.10's /api/experimental (--api experimental, authenticated by --experimental-auth\n"
        "instead of --auth: basic = password_auth with the --user accounts, deny_all = every request a\n"
        "403 \"Forbidden\", default = no authentication).\n\n"
        "Authentication (--auth), applied to every path but /api/v1/version and /api/v1/health:\n"
        "  basic     HTTP Basic with the --user accounts (default admin:admin). The default.\n"
        "  jwt       Airflow 3: POST /auth/token {\"username\",\"password\"} (--user accounts) gives a JWT\n"
        "            for 'Authorization: Bearer', valid --jwt-lifetime seconds.\n"
        "  bearer    Astro: static tokens (--token), sent as 'Authorization: Bearer <token>'.\n"
        "  software  Astronomer Software: keys (--key), sent as 'Authorization: <key>' (or Bearer);\n"
        "            a bad key is a 302 to --login-url.\n"
        "  oauth2    POST --oauth-path (default /oauth/token) with grant_type=client_credentials and an\n"
        "            --oauth-client gives a Bearer token valid --oauth-expires-in seconds.\n"
        "HTTPS: --tls-cert CHAIN.pem --tls-key KEY.pem (then only HTTPS is served)."));
    parser.addHelpOption();
    const auto valueOption = [&parser](const QString &name, const QString &help, const QString &valueName) {
        parser.addOption(QCommandLineOption(name, help, valueName));
    };
    valueOption(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0: any free port)."),
                QStringLiteral("P"));
    valueOption(QStringLiteral("api"),
                QStringLiteral("v1 (Airflow 2.x, the default), v2 (Airflow 3.x) or experimental (Airflow "
                               "1.10)."),
                QStringLiteral("VERSION"));
    valueOption(QStringLiteral("experimental-auth"),
                QStringLiteral("experimental: the auth backend, basic, deny_all or default (default basic)."),
                QStringLiteral("BACKEND"));
    valueOption(QStringLiteral("airflow-version"),
                QStringLiteral("v1: the version /api/v1/version reports (default 2.10.5); features that "
                               "arrived later are unavailable to the client."),
                QStringLiteral("X.Y.Z"));
    valueOption(
        QStringLiteral("openapi"),
        QStringLiteral("Serve this OpenAPI spec file (JSON or YAML) as the server's document, without "
                       "authentication: v1 at /api/v1/openapi.json and /api/v1/openapi.yaml, v2 at "
                       "/openapi.json."),
        QStringLiteral("FILE"));
    valueOption(QStringLiteral("dags"), QStringLiteral("Number of DAGs (default 40)."), QStringLiteral("N"));
    valueOption(QStringLiteral("runs-per-dag"), QStringLiteral("Seeded runs per DAG (default 25)."),
                QStringLiteral("M"));
    valueOption(QStringLiteral("seed"), QStringLiteral("Seed of all generated data (default 1)."),
                QStringLiteral("S"));
    valueOption(QStringLiteral("user"),
                QStringLiteral("An accepted basic/jwt user (repeatable; default admin:admin)."),
                QStringLiteral("NAME:PASSWORD"));
    valueOption(QStringLiteral("auth"),
                QStringLiteral("basic, jwt, bearer, software or oauth2 (default basic)."),
                QStringLiteral("MODE"));
    valueOption(QStringLiteral("jwt-lifetime"),
                QStringLiteral("jwt: token lifetime in seconds (default 86400)."), QStringLiteral("S"));
    valueOption(QStringLiteral("token"), QStringLiteral("bearer: an accepted API token (repeatable)."),
                QStringLiteral("T"));
    valueOption(QStringLiteral("key"), QStringLiteral("software: an accepted API key (repeatable)."),
                QStringLiteral("K"));
    valueOption(QStringLiteral("login-url"),
                QStringLiteral(
                    "software: where a bad key is redirected (default https://app.sandbox.example/login)."),
                QStringLiteral("URL"));
    valueOption(
        QStringLiteral("oauth-client"),
        QStringLiteral("oauth2: an accepted client; with AUDIENCE, requests must name it (repeatable)."),
        QStringLiteral("ID:SECRET[:AUDIENCE]"));
    valueOption(QStringLiteral("oauth-path"),
                QStringLiteral("oauth2: the token endpoint (default /oauth/token)."), QStringLiteral("PATH"));
    valueOption(QStringLiteral("oauth-expires-in"),
                QStringLiteral("oauth2: lifetime of issued tokens in seconds (default 3600)."),
                QStringLiteral("S"));
    valueOption(QStringLiteral("tls-cert"),
                QStringLiteral("Serve HTTPS with this PEM chain (server certificate first)."),
                QStringLiteral("FILE"));
    valueOption(QStringLiteral("tls-key"), QStringLiteral("The unencrypted PEM key of --tls-cert."),
                QStringLiteral("FILE"));
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
    parser.addOption(QCommandLineOption(
        QStringLiteral("expose-config"),
        QStringLiteral("Answer GET /api/v1/config ([webserver] expose_config); by default it is a 403.")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("allow-connection-test"),
        QStringLiteral("Answer POST /api/v1/connections/test ([core] test_connection = Enabled); by default "
                       "it is a 403.")));
    valueOption(QStringLiteral("discovery"),
                QStringLiteral("Also serve the Astro Platform API (/v1/organizations..., "
                               "/platform/v1beta1/organizations...) and Houston (POST /v1) over this JSON "
                               "fixture (see DiscoveryFixture::fromJson)."),
                QStringLiteral("FILE"));
    parser.process(app);

    SandboxOptions options;
    quint16 port = 0;
    QString error;
    if (!parseOptions(parser, &options, &port, &error)) {
        std::fprintf(stderr, "windsock-sandbox: %s\n", qPrintable(error));
        return 2;
    }
    if (parser.isSet(QStringLiteral("discovery"))) {
        QFile file(parser.value(QStringLiteral("discovery")));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "windsock-sandbox: cannot read %s: %s\n", qPrintable(file.fileName()),
                         qPrintable(file.errorString()));
            return 2;
        }
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!document.isObject()) {
            std::fprintf(stderr, "windsock-sandbox: %s is not a JSON object: %s\n",
                         qPrintable(file.fileName()), qPrintable(parseError.errorString()));
            return 2;
        }
        options.discovery = Windsock::Sandbox::DiscoveryFixture::fromJson(document.object(), &error);
        if (!options.discovery) {
            std::fprintf(stderr, "windsock-sandbox: %s: %s\n", qPrintable(file.fileName()),
                         qPrintable(error));
            return 2;
        }
    }
    SandboxServer server(options);
    if (!server.listen(port)) {
        std::fprintf(stderr, "windsock-sandbox: cannot listen on 127.0.0.1:%u: %s\n", unsigned(port),
                     qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(server.baseUrl().toString()));
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
