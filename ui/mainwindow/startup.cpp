#include "startup.h"

#include "mainwindow.h"
#include "messagebar.h"
#include "profiles/keychainsecretstore.h"
#include "profiles/profilestore.h"
#include "session.h"
#include "sessionopener.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStartup, "windsock.startup", QtInfoMsg)

namespace Windsock::Ui::Startup {

std::unique_ptr<MainWindow> createMainWindow(QApplication &application)
{
    QCoreApplication::setApplicationName(QStringLiteral("Windsock"));
    QCoreApplication::setOrganizationName(QStringLiteral("Windsock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WINDSOCK_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Windsock"));
    QGuiApplication::setDesktopFileName(QStringLiteral("windsock"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("Windsock::Ui::Startup", "A desktop client for Apache Airflow."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate("Windsock::Ui::Startup",
                                    "Open the built-in demo sandbox, an in-process stand-in for an Airflow 2 "
                                    "deployment, instead of a connection profile."));
    parser.addOption(demo);
    const QCommandLineOption demoOpenApi(
        QStringLiteral("demo-openapi"),
        QCoreApplication::translate(
            "Windsock::Ui::Startup",
            "The OpenAPI document (JSON or YAML) the demo sandbox serves, so that the "
            "Explorer's catalogue lists its operations (e.g. Airflow's v1.yaml)."),
        QStringLiteral("file"));
    parser.addOption(demoOpenApi);
    parser.process(application); // exits for --help, --version and unknown options

    MainWindow::ProfileServices services;
    services.store = std::make_unique<Profiles::ProfileStore>();
    services.secrets = std::make_unique<Profiles::KeychainSecretStore>();
    const bool loaded = services.store->load();
    const QString storeProblem = services.store->error();
    Profiles::ProfileStore *store = services.store.get();
    auto window = std::make_unique<MainWindow>(std::move(services));
    window->sessionOpener()->demoOptions().openApiFile = parser.value(demoOpenApi);

    // The last used profile in a tab beside the fleet; without profiles the demo (and why); else the fleet.
    const QString lastUsed = store->lastUsedProfileId();
    if (parser.isSet(demo))
        window->openDemo(Session::DemoReason::Requested);
    else if (!lastUsed.isEmpty() && store->profile(lastUsed))
        window->openProfile(lastUsed);
    else if (store->profiles().isEmpty())
        window->openDemo(Session::DemoReason::NoProfile);
    if (!storeProblem.isEmpty() || !loaded)
        window->errorBar()->showMessage(storeProblem);
    return window;
}

} // namespace Windsock::Ui::Startup
