#pragma once

#include <memory>

class QApplication;

namespace Windsock::Ui {

class MainWindow;

// What happens between QApplication and the first window: the application's identity, the command line
// (--demo, --help, --version), the profile store and the keychain, and the choice of what to open beside the
// fleet tab: the last used profile, else (no profile at all) the built-in demo sandbox, saying why.
namespace Startup {

// Null when nothing could be opened (the reason went to stderr); --help and --version exit here.
std::unique_ptr<MainWindow> createMainWindow(QApplication &application);

} // namespace Startup

} // namespace Windsock::Ui
