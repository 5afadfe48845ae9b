#pragma once

// Runs windsock-cli as a process with its own config folder, for the CLI's integration tests. It waits
// through the event loop, not by blocking, because the in-process sandbox answers in the test's own
// process; while it waits it can move a manual sandbox clock on.
#include <sandbox/sandboxserver.h>

#include <QByteArray>
#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <memory>

struct CliRun
{
    int exitCode = -1; // -1: did not start or did not finish in time; -2: crashed
    QByteArray out;
    QString err;
};

class CliRunner final
{
public:
    explicit CliRunner(QString configDir)
        : m_configDir(std::move(configDir))
    {}

    // Every run gets `--profile <name>` unless it names one itself (empty: none added).
    void setDefaultProfile(const QString &name) { m_defaultProfile = name; }

    std::unique_ptr<QProcess> start(QStringList arguments, const QByteArray &input = {}) const
    {
        if (!m_defaultProfile.isEmpty() && !arguments.contains(QStringLiteral("--profile")) &&
            arguments.value(0) != QLatin1String("profile") && arguments.value(0) != QLatin1String("--help"))
            arguments << QStringLiteral("--profile") << m_defaultProfile;
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WINDSOCK_CONFIG_DIR"), m_configDir);
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli"), arguments);
        if (!process->waitForStarted(10000))
            return nullptr;
        process->write(input);
        process->closeWriteChannel();
        return process;
    }

    // Waits up to a minute for the process, moving the sandbox's clock on by advanceMs every 100 ms of
    // waiting when a sandbox is given.
    static CliRun finish(QProcess *process, qint64 advanceMs = 0,
                         Windsock::Sandbox::SandboxServer *sandbox = nullptr)
    {
        CliRun result;
        if (!process)
            return result;
        // The process may have ended already, while an earlier wait ran the event loop: its state says so, a
        // spy made now would wait for a signal that is gone.
        QSignalSpy finished(process, &QProcess::finished);
        for (int waited = 0; process->state() != QProcess::NotRunning && waited < 60000; waited += 100) {
            if (!finished.wait(100) && sandbox && advanceMs > 0)
                sandbox->advanceClock(advanceMs);
        }
        if (process->state() != QProcess::NotRunning) {
            // What it wrote so far tells why it hangs.
            process->kill();
            process->waitForFinished(5000);
            result.out = process->readAllStandardOutput();
            result.err = QStringLiteral("[did not finish in time] ") +
                         QString::fromUtf8(process->readAllStandardError());
            return result;
        }
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -2;
        result.out = process->readAllStandardOutput();
        result.err = QString::fromUtf8(process->readAllStandardError());
        return result;
    }

    CliRun run(const QStringList &arguments, const QByteArray &input = {}) const
    {
        const std::unique_ptr<QProcess> process = start(arguments, input);
        return finish(process.get());
    }

private:
    QString m_configDir;
    QString m_defaultProfile;
};
