#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include "api/queries.h"

#include <QObject>
#include <QPair>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
class ApiError;
struct DagDetails;
struct DagRun;
} // namespace Windsock::Api

namespace Windsock::Watch {
struct RunOutcome;
}

namespace Windsock::Cli {

// `windsock-cli trigger DAG_ID [--conf JSON | --param KEY=VALUE...] [--logical-date TIME] [--run-id ID]
// [--note TEXT] [--wait [--interval SECONDS]] [--json]`.
//
// Everything that can be checked before sending is: the conf's JSON (with its line and column), each
// --param against the DAG's params schema (the trigger dialog's words), the logical date, the profile's
// read-only mark. The run id is chosen here, as the trigger dialog does, so that a retry after a lost
// answer finds the run it created instead of creating a second one (Api::triggerDagRunSafely); giving
// the same --run-id again is safe in the same way. --wait follows the run to its end: exit 0 when it
// succeeded, 7 when it failed. On a server without DAG details (Airflow 1.10) --param is refused with the
// dialect's reason (the conf is given as --conf JSON there), as is --note without run notes.
class TriggerCommand final : public QObject
{
    Q_OBJECT

public:
    explicit TriggerCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

    // "manual__2025-06-01T12:00:00+00:00__windsock_1a2b3c": Airflow's manual run id with a random suffix, the
    // shape the trigger dialog uses.
    static QString generateRunId(const QDateTime &utcNow);
    // ISO 8601 date or date-time; without an offset it is UTC. Invalid when it does not parse.
    static QDateTime parseLogicalDate(const QString &text);

private:
    // Fails the command for a DAG that could not be read (an unknown id: "There is no DAG ...").
    void failReading(const Api::ApiError &error);
    void withDetails(const Api::DagDetails &details);
    void send();
    void triggered(const Api::DagRun &run, bool createdByEarlierAttempt);
    void wait(const Api::DagRun &run);
    void ended(const Watch::RunOutcome &outcome);

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    Api::TriggerRequest m_request;
    bool m_confGiven = false;
    QList<QPair<QString, QString>> m_params; // --param, in the order given
};

} // namespace Windsock::Cli
