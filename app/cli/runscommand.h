#pragma once

#include "commandcontext.h"
#include "output.h"
#include "profilesession.h"

#include "api/queries.h"
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

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    Api::DagRunQuery m_query;
    int m_limit = 25;
    int m_offset = 0;
    QList<Api::DagRun> m_runs;
};

} // namespace Windsock::Cli
