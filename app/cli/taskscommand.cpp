#include "taskscommand.h"

#include "exitcode.h"
#include "output.h"

#include "api/airflowclient.h"

#include <QJsonArray>

using Windsock::Api::ApiError;
using Windsock::Api::Task;
using Windsock::Api::TaskInstance;

namespace Windsock::Cli {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

} // namespace

TasksCommand::TasksCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

void TasksCommand::run()
{
    const QString action = m_context.arguments.value(0);
    if (!m_context.arguments.isEmpty())
        m_context.arguments.removeFirst();
    if (action == QLatin1String("show"))
        show();
    else if (action == QLatin1String("instance"))
        instance();
    else
        m_context.fail(
            UsageError,
            action.isEmpty()
                ? QStringLiteral("Say what to do: tasks show DAG_ID TASK_ID, or tasks instance "
                                 "DAG_ID RUN_ID TASK_ID.")
                : QStringLiteral("Unknown tasks command \"%1\": use show or instance.").arg(action));
}

void TasksCommand::fail(const ApiError &error, const QString &missing)
{
    if (error.kind() == ApiError::Kind::NotFound)
        return m_context.fail(
            HttpError, missing + QStringLiteral(" (the server says: %1).")
                                     .arg(error.detail().isEmpty() ? error.message() : error.detail()));
    m_context.fail(exitCodeFor(error), error.message());
}

void TasksCommand::show()
{
    if (m_context.arguments.size() != 2)
        return m_context.fail(UsageError, QStringLiteral("Usage: windsock-cli tasks show DAG_ID TASK_ID"));
    const QString dagId = m_context.arguments.at(0);
    const QString taskId = m_context.arguments.at(1);
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.open(this, [this, dagId, taskId](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->task(dagId, taskId, this, [this, dagId, taskId](const Api::Result<Task> &result) {
            if (!result)
                return fail(result.error(), QStringLiteral("There is no task %1 in the DAG %2 on %3")
                                                .arg(taskId, dagId, m_session.profile().name));
            printTask(result.value());
            m_context.out->flush();
            m_context.finish(Ok);
        });
    });
}

void TasksCommand::instance()
{
    if (m_context.arguments.size() != 3)
        return m_context.fail(UsageError,
                              QStringLiteral("Usage: windsock-cli tasks instance DAG_ID RUN_ID TASK_ID"));
    const QString dagId = m_context.arguments.at(0);
    const QString dagRunId = m_context.arguments.at(1);
    const QString taskId = m_context.arguments.at(2);
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.open(this, [this, dagId, dagRunId, taskId](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        // The run first: an unknown run is said as such, and Airflow 1.10's API, which finds a task instance
        // by its run's execution date, learns that date from it.
        client->dagRun(
            dagId, dagRunId, this, [this, dagId, dagRunId, taskId](const Api::Result<Api::DagRun> &result) {
                if (!result)
                    return fail(result.error(), QStringLiteral("There is no run %1 of the DAG %2 on %3")
                                                    .arg(dagRunId, dagId, m_session.profile().name));
                readInstance(dagId, dagRunId, taskId);
            });
    });
}

void TasksCommand::readInstance(const QString &dagId, const QString &dagRunId, const QString &taskId)
{
    m_client->taskInstance(dagId, dagRunId, taskId, this,
                           [this, dagId, dagRunId, taskId](const Api::Result<TaskInstance> &result) {
                               if (!result)
                                   return fail(
                                       result.error(),
                                       QStringLiteral("There is no task %1 in the run %2 of the DAG %3 on %4")
                                           .arg(taskId, dagRunId, dagId, m_session.profile().name));
                               printInstance(result.value());
                               m_context.out->flush();
                               m_context.finish(Ok);
                           });
}

void TasksCommand::printTask(const Task &task)
{
    if (m_context.parser->isSet(QStringLiteral("json"))) {
        Output::printJson(*m_context.out,
                          Output::JsonRecord()
                              .add(QStringLiteral("task_id"), task.taskId)
                              .add(QStringLiteral("task_display_name"), textOrNull(task.displayName))
                              .add(QStringLiteral("operator_name"), textOrNull(task.operatorName))
                              .add(QStringLiteral("owner"), textOrNull(task.owner))
                              .add(QStringLiteral("trigger_rule"), textOrNull(task.triggerRule))
                              .add(QStringLiteral("pool"), textOrNull(task.pool))
                              .add(QStringLiteral("queue"), textOrNull(task.queue))
                              .add(QStringLiteral("retries"), task.retries)
                              .add(QStringLiteral("depends_on_past"), task.dependsOnPast)
                              .add(QStringLiteral("is_mapped"), task.isMapped)
                              .add(QStringLiteral("downstream_task_ids"),
                                   QJsonArray::fromStringList(task.downstreamTaskIds))
                              .add(QStringLiteral("doc_md"), textOrNull(task.docMd)));
        return;
    }
    Output::printFields(*m_context.out,
                        {{QStringLiteral("task id"), task.taskId},
                         {QStringLiteral("display name"), task.displayName},
                         {QStringLiteral("operator"), task.operatorName},
                         {QStringLiteral("owner"), task.owner},
                         {QStringLiteral("trigger rule"), task.triggerRule},
                         {QStringLiteral("pool"), task.pool},
                         {QStringLiteral("queue"), task.queue},
                         {QStringLiteral("retries"), QString::number(task.retries)},
                         {QStringLiteral("depends on past"), yesNo(task.dependsOnPast)},
                         {QStringLiteral("mapped"), yesNo(task.isMapped)},
                         {QStringLiteral("downstream"), task.downstreamTaskIds.join(QStringLiteral(", "))}});
}

void TasksCommand::printInstance(const TaskInstance &ti)
{
    if (m_context.parser->isSet(QStringLiteral("json"))) {
        Output::printJson(*m_context.out,
                          Output::JsonRecord()
                              .add(QStringLiteral("dag_id"), ti.dagId)
                              .add(QStringLiteral("dag_run_id"), ti.dagRunId)
                              .add(QStringLiteral("task_id"), ti.taskId)
                              .add(QStringLiteral("map_index"), ti.mapIndex)
                              .add(QStringLiteral("state"), textOrNull(ti.state))
                              .add(QStringLiteral("try_number"), ti.tryNumber)
                              .add(QStringLiteral("max_tries"), ti.maxTries)
                              .add(QStringLiteral("start_date"), Output::isoTimeJson(ti.startDate))
                              .add(QStringLiteral("end_date"), Output::isoTimeJson(ti.endDate))
                              .add(QStringLiteral("duration"), ti.duration)
                              .add(QStringLiteral("operator"), textOrNull(ti.operatorName))
                              .add(QStringLiteral("pool"), textOrNull(ti.pool))
                              .add(QStringLiteral("queue"), textOrNull(ti.queue))
                              .add(QStringLiteral("hostname"), textOrNull(ti.hostname))
                              .add(QStringLiteral("note"), textOrNull(ti.note)));
        return;
    }
    Output::printFields(
        *m_context.out,
        {{QStringLiteral("dag id"), ti.dagId},
         {QStringLiteral("run id"), ti.dagRunId},
         {QStringLiteral("task id"), ti.taskId},
         {QStringLiteral("map index"), ti.mapIndex < 0 ? QString() : QString::number(ti.mapIndex)},
         {QStringLiteral("state"), ti.state.isEmpty() ? QStringLiteral("no status") : ti.state},
         {QStringLiteral("try"), QString::number(ti.tryNumber)},
         {QStringLiteral("max tries"), QString::number(ti.maxTries)},
         {QStringLiteral("start"), Output::isoTime(ti.startDate)},
         {QStringLiteral("end"), Output::isoTime(ti.endDate)},
         {QStringLiteral("duration"),
          ti.duration > 0 ? QStringLiteral("%1 s").arg(ti.duration, 0, 'f', 1) : QString()},
         {QStringLiteral("operator"), ti.operatorName},
         {QStringLiteral("pool"), ti.pool},
         {QStringLiteral("queue"), ti.queue},
         {QStringLiteral("hostname"), ti.hostname},
         {QStringLiteral("note"), ti.note}});
}

} // namespace Windsock::Cli
