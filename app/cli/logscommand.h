#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include <QObject>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
struct TaskInstance;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli logs DAG_ID RUN_ID TASK_ID [--try N] [--follow [--interval SECONDS]]`: one try's log (the
// latest by default) to stdout. --follow keeps reading what the running try writes (Logs::LogFollower, with
// the server's continuation token, so each line is written once) until the try ends.
class LogsCommand final : public QObject
{
    Q_OBJECT

public:
    explicit LogsCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    void read(const Api::TaskInstance &taskInstance);

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    QString m_dagId;
    QString m_dagRunId;
    QString m_taskId;
    int m_tryNumber = 0; // 0: the latest
    bool m_endsWithNewline = true;
    bool m_waitingSaid = false; // "Waiting for the task to start" is said once
};

} // namespace Windsock::Cli
