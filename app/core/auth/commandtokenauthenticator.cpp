#include "commandtokenauthenticator.h"

#include <QProcess>
#include <QTimer>
#include <memory>

namespace Windsock::Auth {

using Api::ApiError;
using Kind = ApiError::Kind;

namespace {

constexpr qint64 outputLimit = 1024 * 1024;

// The first few non-empty lines of a command's error output, on one line.
QString firstLines(const QByteArray &bytes)
{
    QStringList lines;
    const QStringList all = QString::fromLocal8Bit(bytes).split(QLatin1Char('\n'));
    for (const QString &line : all) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
        if (lines.size() == 3)
            break;
    }
    QString text = lines.join(QStringLiteral(" / "));
    if (text.size() > 400)
        text = text.left(400) + QStringLiteral("…");
    return text;
}

} // namespace

CommandTokenAuthenticator::CommandTokenAuthenticator(QString command, int timeoutSeconds, int cacheSeconds)
    : m_command(std::move(command))
    , m_timeoutSeconds(timeoutSeconds > 0 ? timeoutSeconds : 30)
    , m_cacheSeconds(cacheSeconds)
{}

QString CommandTokenAuthenticator::redactedDescription() const
{
    return QStringLiteral("Bearer (token printed by a command, hidden)");
}

void CommandTokenAuthenticator::startFetch(QNetworkAccessManager *, const QUrl &, TokenDone done)
{
    auto *process = new QProcess(receiver());
    auto *timer = new QTimer(process);
    auto finished = std::make_shared<bool>(false);
    auto timedOut = std::make_shared<bool>(false);
    auto output = std::make_shared<QByteArray>();
    auto errors = std::make_shared<QByteArray>();
    const int timeoutSeconds = m_timeoutSeconds;
    const int cacheSeconds = m_cacheSeconds;

    // Finishes once: with the token, or with the error in plain words.
    auto finish = [this, process, finished, done, cacheSeconds](const QString &token, const ApiError &error) {
        if (*finished)
            return;
        *finished = true;
        process->disconnect(receiver());
        process->deleteLater();
        if (error.isError()) {
            ApiError withContext = error;
            withContext.setContext(QStringLiteral("token command"));
            return done({}, std::nullopt, withContext);
        }
        std::optional<QDateTime> expiry;
        if (cacheSeconds >= 0)
            expiry = now().addSecs(cacheSeconds);
        done(token, expiry, ApiError::none());
    };

    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, receiver(), [process, timedOut, finish, timeoutSeconds] {
        *timedOut = true;
        process->kill();
        const QString limit = timeoutSeconds == 1 ? QStringLiteral("1 second")
                                                  : QStringLiteral("%1 seconds").arg(timeoutSeconds);
        finish({}, ApiError(Kind::Timeout, QStringLiteral("The token command did not finish within %1, so "
                                                          "Windsock stopped it. Run it in a terminal to see "
                                                          "whether it waits for input or a login.")
                                               .arg(limit)));
    });
    QObject::connect(process, &QProcess::readyReadStandardOutput, receiver(), [process, output] {
        *output += process->readAllStandardOutput();
        if (output->size() > outputLimit)
            process->kill();
    });
    QObject::connect(process, &QProcess::readyReadStandardError, receiver(), [process, errors] {
        if (errors->size() < outputLimit)
            *errors += process->readAllStandardError();
        else
            process->readAllStandardError();
    });
    QObject::connect(process, &QProcess::errorOccurred, receiver(), [finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            finish({}, ApiError(Kind::Network, QStringLiteral("The token command could not be started "
                                                              "(/bin/sh is missing or not executable).")));
        }
    });
    QObject::connect(
        process, &QProcess::finished, receiver(),
        [process, output, errors, finish](int exitCode, QProcess::ExitStatus status) {
            *output += process->readAllStandardOutput();
            *errors += process->readAllStandardError();
            const QString said = firstLines(*errors);
            if (status == QProcess::CrashExit) {
                return finish(
                    {}, ApiError(Kind::Network,
                                 QStringLiteral("The token command was stopped before it finished") +
                                     (said.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + said)));
            }
            if (exitCode != 0) {
                return finish(
                    {}, ApiError(Kind::Unauthorized,
                                 QStringLiteral("The token command failed (exit code %1)").arg(exitCode) +
                                     (said.isEmpty() ? QStringLiteral(" and printed no error.")
                                                     : QStringLiteral(": ") + said),
                                 0, said));
            }
            if (output->size() > outputLimit) {
                return finish(
                    {}, ApiError(Kind::TooLarge, QStringLiteral("The token command printed more than 1 MB; a "
                                                                "token is one line.")));
            }
            const QString token = QString::fromUtf8(*output).trimmed();
            if (token.isEmpty()) {
                return finish({}, ApiError(Kind::UnexpectedShape,
                                           QStringLiteral("The token command succeeded but printed nothing; "
                                                          "it must print the token.")));
            }
            if (token.contains(QLatin1Char('\n'))) {
                return finish({}, ApiError(Kind::UnexpectedShape,
                                           QStringLiteral("The token command printed several lines; it must "
                                                          "print only the token.")));
            }
            finish(token, ApiError::none());
        });

    process->setProgram(QStringLiteral("/bin/sh"));
    process->setArguments({QStringLiteral("-c"), m_command});
    process->setStandardInputFile(QProcess::nullDevice());
    timer->start(timeoutSeconds * 1000);
    process->start();
}

Explorer::SnippetAuth CommandTokenAuthenticator::snippetAuth(bool includeSecret) const
{
    Explorer::SnippetAuth auth;
    auth.kind = Explorer::SnippetAuth::Bearer;
    auth.envVar = QStringLiteral("AIRFLOW_TOKEN");
    auth.note = QStringLiteral("export AIRFLOW_TOKEN=\"$(%1)\"").arg(m_command);
    if (includeSecret && tokensObtained() > 0)
        auth.secret = secrets().constLast();
    return auth;
}

} // namespace Windsock::Auth
