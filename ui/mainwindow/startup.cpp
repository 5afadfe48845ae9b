#include "startup.h"

#include "mainwindow.h"
#include "session.h"

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
    parser.process(application); // exits for --help, --version and unknown options

    // Connection profiles arrive in a later version: until then there is none, and the demo is all there is.
    const Session::DemoReason reason =
        parser.isSet(demo) ? Session::DemoReason::Requested : Session::DemoReason::NoProfile;
    QString error;
    std::unique_ptr<Session> session(Session::startDemo(reason, Session::DemoOptions{}, &error));
    if (!session) {
        qCCritical(lcStartup).noquote() << error;
        return nullptr;
    }
    return std::make_unique<MainWindow>(std::move(session));
}

} // namespace Windsock::Ui::Startup
