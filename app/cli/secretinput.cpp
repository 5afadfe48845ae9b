#include "secretinput.h"

#include <QFile>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace Windsock::Cli {

namespace {

QString withoutLineBreak(QByteArray bytes)
{
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

std::optional<QString> nonEmpty(const QString &secret, const QString &where, QString *error)
{
    if (secret.isEmpty()) {
        if (error)
            *error = QStringLiteral("The secret from %1 is empty.").arg(where);
        return std::nullopt;
    }
    return secret;
}

} // namespace

bool SecretInput::stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

std::optional<QString> SecretInput::fromStdin(QString *error)
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Standard input could not be read: %1").arg(input.errorString());
        return std::nullopt;
    }
    return nonEmpty(withoutLineBreak(input.readAll()), QStringLiteral("standard input"), error);
}

std::optional<QString> SecretInput::fromEnvironment(const QString &name, QString *error)
{
    if (name.isEmpty() || !qEnvironmentVariableIsSet(name.toLocal8Bit().constData())) {
        if (error)
            *error = QStringLiteral("The environment variable %1 is not set.").arg(name);
        return std::nullopt;
    }
    return nonEmpty(qEnvironmentVariable(name.toLocal8Bit().constData()),
                    QStringLiteral("the environment variable ") + name, error);
}

std::optional<QString> SecretInput::prompt(const QString &label, QString *error)
{
    if (!stdinIsTerminal()) {
        if (error)
            *error =
                QStringLiteral("Standard input is not a terminal, so the secret cannot be asked for. Use "
                               "--secret-stdin or --secret-env NAME.");
        return std::nullopt;
    }
    std::fprintf(stderr, "%s: ", label.toLocal8Bit().constData());
    std::fflush(stderr);
    termios saved{};
    const bool haveTerminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QByteArray line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        line.append(char(c));
    if (haveTerminal)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    return nonEmpty(withoutLineBreak(line), QStringLiteral("the prompt"), error);
}

} // namespace Windsock::Cli
