#include "logscommand.h"

#include "exitcode.h"

#include "api/airflowclient.h"
#include "logs/logfollower.h"

using Windsock::Api::ApiError;

namespace Windsock::Cli {

LogsCommand::LogsCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

void LogsCommand::run()
{
    const QCommandLineParser &parser = *m_context.parser;
    if (m_context.arguments.size() != 3)
        return m_context.fail(UsageError,
                              QStringLiteral("Usage: windsock-cli logs DAG_ID RUN_ID TASK_ID [--try N] "
                                             "[--follow]"));
    m_dagId = m_context.arguments.at(0);
    m_dagRunId = m_context.arguments.at(1);
    m_taskId = m_context.arguments.at(2);
    if (parser.isSet(QStringLiteral("try"))) {
        bool ok = false;
        m_tryNumber = parser.value(QStringLiteral("try")).toInt(&ok);
        if (!ok || m_tryNumber < 1)
            return m_context.fail(UsageError,
                                  QStringLiteral("--try takes a try number: 1 for the first try."));
    }
    if (parser.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || seconds < 0.1 || seconds > 3600)
            return m_context.fail(UsageError, QStringLiteral("--interval takes seconds, from 0.1 to 3600."));
    }
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    // Without logs the task instance's lookup would be a request for nothing.
    m_session.require(Api::Feature::TaskLogs);
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->taskInstance(
            m_dagId, m_dagRunId, m_taskId, this, [this](const Api::Result<Api::TaskInstance> &result) {
                if (!result) {
                    const ApiError &error = result.error();
                    if (error.kind() == ApiError::Kind::NotFound)
                        return m_context.fail(
                            HttpError, QStringLiteral("There is no task %1 in the run %2 of the DAG %3 on %4 "
                                                      "(the server says: %5).")
                                           .arg(m_taskId, m_dagRunId, m_dagId, m_session.profile().name,
                                                error.detail().isEmpty() ? error.message() : error.detail()));
                    return m_context.fail(exitCodeFor(error), error.message());
                }
                read(result.value());
            });
    });
}

void LogsCommand::read(const Api::TaskInstance &taskInstance)
{
    const bool follow = m_context.parser->isSet(QStringLiteral("follow"));
    const int tries = qMax(1, taskInstance.tryNumber);
    if (m_tryNumber > tries)
        return m_context.fail(
            HttpError,
            QStringLiteral("The task %1 has %2 so far, so there is no try %3.")
                .arg(m_taskId, tries == 1 ? QStringLiteral("1 try") : QStringLiteral("%1 tries").arg(tries))
                .arg(m_tryNumber));
    const QString shownState = taskInstance.state.isEmpty() ? QStringLiteral("no state") : taskInstance.state;
    if (!follow && taskInstance.tryNumber < 1 && Logs::LogFollower::isNotStartedState(taskInstance.state))
        return m_context.fail(HttpError,
                              QStringLiteral("The task %1 has not started yet (%2), so it has no log. "
                                             "Add --follow to wait for it and read along.")
                                  .arg(m_taskId, shownState));
    if (taskInstance.tryNumber < 1 && Logs::LogFollower::isFinalState(taskInstance.state))
        return m_context.fail(
            HttpError,
            QStringLiteral("The task %1 never ran (%2), so it has no log.").arg(m_taskId, shownState));
    const int tryNumber = m_tryNumber > 0 ? m_tryNumber : tries;

    auto *follower = new Logs::LogFollower(m_client.get(), this);
    if (m_context.parser->isSet(QStringLiteral("interval")))
        follower->setPollIntervalMs(
            qRound(m_context.parser->value(QStringLiteral("interval")).toDouble() * 1000));
    connect(follower, &Logs::LogFollower::textReceived, this, [this](const QString &text) {
        if (text.isEmpty())
            return;
        *m_context.out << text;
        m_context.out->flush();
        m_endsWithNewline = text.endsWith(QLatin1Char('\n'));
    });
    connect(follower, &Logs::LogFollower::waitingForStart, this, [this](const QString &state) {
        if (m_waitingSaid)
            return;
        m_waitingSaid = true;
        *m_context.err << "Waiting for the task " << m_taskId << " to begin ("
                       << (state.isEmpty() ? QStringLiteral("no state yet") : state) << ")..." << Qt::endl;
    });
    connect(follower, &Logs::LogFollower::loaded, this, [this, follow] {
        if (!follow)
            m_context.finish(Ok);
    });
    connect(follower, &Logs::LogFollower::taskEnded, this, [this](const QString &state) {
        if (!m_endsWithNewline)
            *m_context.out << '\n';
        m_context.out->flush();
        *m_context.err << m_taskId << " ended: " << state << Qt::endl;
        m_context.finish(Ok);
    });
    connect(follower, &Logs::LogFollower::failed, this, [this](const ApiError &error) {
        m_context.out->flush();
        m_context.fail(exitCodeFor(error), QStringLiteral("The log could not be read: ") + error.message());
    });
    follower->start(Logs::TaskInstanceKey{m_dagId, m_dagRunId, m_taskId, taskInstance.mapIndex}, tryNumber,
                    follow);
}

} // namespace Windsock::Cli
