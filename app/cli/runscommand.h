#pragma once

#include "commandcontext.h"
#include "output.h"
#include "profilesession.h"

#include "api/queries.h"
#include "api/result.h"
#include "api/types.h"

#include <QObject>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Cli {

// `windsock-cli runs list [DAG_ID|~] [--state STATE]... [--limit N] [--offset N] [--json]`: the newest runs
// first (--offset skips that many of them); without a DAG id (or with ~) the runs of every DAG, which
// Airflow 1.10's experimental API cannot list (refused with its reason).
// `runs clear DAG_ID RUN_ID [--dry-run]`: lists the task instances the server says it would clear (its own
// dry run), then clears them, unless --dry-run. `runs mark DAG_ID RUN_ID success|failed|queued` and
// `runs delete DAG_ID RUN_ID`. All three change something: refused on a read-only profile (exit 6), and on a
// production profile they need --confirm-production NAME.
class RunsCommand final : public QObject
{
    Q_OBJECT

public:
    explicit RunsCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

    // A run for --json, in the same shape in `runs list` and `trigger`.
    static Output::JsonRecord record(const Api::DagRun &run);
    static void print(const CommandContext &context, const QList<Api::DagRun> &runs, bool withDagId);

private:
    void list();
    void fetchFrom(int offset);
    // clear, mark and delete: the DAG and run ids, the profile (read-only and production checks), the client.
    bool takeRun(const QString &usage, int extraArguments);
    void clear();
    void mark();
    void remove();
    void finishWithRun(const Api::Result<Api::DagRun> &result, const QString &done);

    QString m_dagId;
    QString m_dagRunId;

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    Api::DagRunQuery m_query;
    int m_limit = 25;
    int m_offset = 0;
    QList<Api::DagRun> m_runs;
};

} // namespace Windsock::Cli
