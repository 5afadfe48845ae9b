#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include <QObject>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
class ApiError;
struct Task;
struct TaskInstance;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli tasks show DAG_ID TASK_ID [--json]`: one task of a DAG (operator, owner, retries, ...), and
// `windsock-cli tasks instance DAG_ID RUN_ID TASK_ID [--json]`: that task in one run (state, tries, times).
// Both look one item up by its id, which every Airflow API can, Airflow 1.10's experimental one included.
class TasksCommand final : public QObject
{
    Q_OBJECT

public:
    explicit TasksCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    void show();
    void instance();
    void readInstance(const QString &dagId, const QString &dagRunId, const QString &taskId);
    void printTask(const Api::Task &task);
    void printInstance(const Api::TaskInstance &taskInstance);
    // Fails the command; a 404 becomes `missing` with what the server said.
    void fail(const Api::ApiError &error, const QString &missing);

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
};

} // namespace Windsock::Cli
