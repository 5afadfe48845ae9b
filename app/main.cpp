#include "mainwindow/mainwindow.h"
#include "mainwindow/startup.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    const std::unique_ptr<Windsock::Ui::MainWindow> window =
        Windsock::Ui::Startup::createMainWindow(application);
    if (!window)
        return 1;
    window->show();
    return application.exec();
}
