#pragma once

#include <QString>
#include <optional>

namespace Windsock::Cli {

// Where windsock-cli takes a secret from: a prompt on the terminal without echo, standard input, or an
// environment variable. Never from a command-line argument (other users can read those in the process
// list, and they stay in shell history).
class SecretInput final
{
public:
    // All of standard input, without one trailing line break.
    static std::optional<QString> fromStdin(QString *error);
    // The value of the environment variable `name`.
    static std::optional<QString> fromEnvironment(const QString &name, QString *error);
    // Asks on the terminal (prompt on stderr), with echo switched off while typing.
    static std::optional<QString> prompt(const QString &label, QString *error);
    static bool stdinIsTerminal();
};

} // namespace Windsock::Cli
