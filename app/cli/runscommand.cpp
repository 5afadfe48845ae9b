#include "runscommand.h"

#include "exitcode.h"
#include "output.h"

#include "api/airflowclient.h"

using Windsock::Api::ApiError;
using Windsock::Api::DagRun;

namespace Windsock::Cli {

namespace {

const QStringList runStates{QStringLiteral("queued"), QStringLiteral("running"), QStringLiteral("success"),
                            QStringLiteral("failed")};

} // namespace

RunsCommand::RunsCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

void RunsCommand::run()
{
    const QString action = m_context.arguments.value(0);
    if (!m_context.arguments.isEmpty())
        m_context.arguments.removeFirst();
    if (action == QLatin1String("list"))
        list();
    else if (action == QLatin1String("clear"))
        clear();
    else if (action == QLatin1String("mark"))
        mark();
    else if (action == QLatin1String("delete"))
        remove();
    else
        m_context.fail(UsageError,
                       action.isEmpty()
                           ? QStringLiteral("Say what to do: runs list DAG_ID (or ~ for every DAG).")
                           : QStringLiteral("Unknown runs command \"%1\": use list, clear, mark or delete.")
                                 .arg(action));
}

bool RunsCommand::takeRun(const QString &usage, int extraArguments)
{
    if (m_context.arguments.size() != 2 + extraArguments) {
        m_context.fail(UsageError, QStringLiteral("Usage: windsock-cli ") + usage);
        return false;
    }
    m_dagId = m_context.arguments.at(0);
    m_dagRunId = m_context.arguments.at(1);
    return true;
}

void RunsCommand::clear()
{
    if (!takeRun(QStringLiteral("runs clear DAG_ID RUN_ID [--dry-run]"), 0))
        return;
    const bool dryRun = m_context.parser->isSet(QStringLiteral("dry-run"));
    // The dry run changes nothing: a read-only profile may ask for it.
    if (!m_session.select(dryRun ? ProfileSession::Access::Read : ProfileSession::Access::Change,
                          QStringLiteral("clear runs")))
        return;
    if (!dryRun &&
        !m_session.confirmProduction(QStringLiteral("clear run %1 of %2").arg(m_dagRunId, m_dagId)))
        return;
    m_session.require(Api::Feature::ClearRun);
    m_session.open(this, [this, dryRun](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->previewClearDagRun(
            m_dagId, m_dagRunId, this,
            [this, dryRun](const Api::Result<QList<Api::TaskInstanceReference>> &preview) {
                if (!preview)
                    return m_context.fail(exitCodeFor(preview.error()), preview.error().message());
                QTextStream &out = *m_context.out;
                if (m_context.parser->isSet(QStringLiteral("json")) && dryRun) {
                    QList<Output::JsonRecord> records;
                    for (const Api::TaskInstanceReference &ti : preview.value()) {
                        Output::JsonRecord record;
                        record.add(QStringLiteral("dag_id"), ti.dagId)
                            .add(QStringLiteral("dag_run_id"), ti.dagRunId)
                            .add(QStringLiteral("task_id"), ti.taskId);
                        records.append(record);
                    }
                    Output::printJson(out, records);
                    return m_context.finish(Ok);
                }
                const int count = int(preview.value().size());
                *m_context.err << QStringLiteral("The server would clear %1 task instance%2 of %3:")
                                      .arg(count)
                                      .arg(count == 1 ? QString() : QStringLiteral("s"), m_dagRunId)
                               << Qt::endl;
                for (const Api::TaskInstanceReference &ti : preview.value())
                    out << ti.taskId << Qt::endl;
                out.flush();
                if (dryRun)
                    return m_context.finish(Ok);
                m_client->clearDagRun(m_dagId, m_dagRunId, this, [this](const Api::Result<DagRun> &result) {
                    finishWithRun(result, QStringLiteral("Cleared"));
                });
            });
    });
}

void RunsCommand::mark()
{
    if (!takeRun(QStringLiteral("runs mark DAG_ID RUN_ID success|failed|queued"), 1))
        return;
    const QString state = m_context.arguments.at(2).toLower();
    const QStringList markable{QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("queued")};
    if (!markable.contains(state))
        return m_context.fail(UsageError, QStringLiteral("A run can be marked success, failed or queued, not "
                                                         "\"%1\".")
                                              .arg(m_context.arguments.at(2)));
    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("mark runs")) ||
        !m_session.confirmProduction(QStringLiteral("mark run %1 of %2 %3").arg(m_dagRunId, m_dagId, state)))
        return;
    m_session.require(Api::Feature::MarkRun);
    m_session.open(this, [this, state](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->markDagRun(m_dagId, m_dagRunId, state, this,
                           [this, state](const Api::Result<DagRun> &result) {
                               finishWithRun(result, QStringLiteral("Marked %1").arg(state));
                           });
    });
}

void RunsCommand::remove()
{
    if (!takeRun(QStringLiteral("runs delete DAG_ID RUN_ID"), 0))
        return;
    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("delete runs")) ||
        !m_session.confirmProduction(QStringLiteral("delete run %1 of %2").arg(m_dagRunId, m_dagId)))
        return;
    m_session.require(Api::Feature::DeleteRun);
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->deleteDagRun(m_dagId, m_dagRunId, this, [this](const Api::Result<Api::Nothing> &result) {
            if (!result)
                return m_context.fail(exitCodeFor(result.error()), result.error().message());
            *m_context.err << QStringLiteral("Deleted run %1 of %2.").arg(m_dagRunId, m_dagId) << Qt::endl;
            m_context.finish(Ok);
        });
    });
}

void RunsCommand::finishWithRun(const Api::Result<DagRun> &result, const QString &done)
{
    if (!result)
        return m_context.fail(exitCodeFor(result.error()), result.error().message());
    *m_context.err << QStringLiteral("%1: run %2 of %3.").arg(done, m_dagRunId, m_dagId) << Qt::endl;
    print(m_context, {result.value()}, false);
    m_context.finish(Ok);
}

void RunsCommand::list()
{
    const QCommandLineParser &parser = *m_context.parser;
    if (m_context.arguments.size() > 1)
        return m_context.fail(
            UsageError, QStringLiteral("Usage: windsock-cli runs list [DAG_ID|~] [--state STATE]... "
                                       "[--limit N] [--offset N] (without a DAG id, or with ~: the runs of "
                                       "every DAG)."));
    // "~" is Airflow's "every DAG"; a shell turns an unquoted ~ into the home folder, so none means the same.
    m_query.dagId = m_context.arguments.value(0, QStringLiteral("~"));
    m_query.orderBy = QStringLiteral("-execution_date"); // newest first
    for (const QString &states : parser.values(QStringLiteral("state"))) {
        for (const QString &state : states.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString s = state.trimmed().toLower();
            if (!runStates.contains(s))
                return m_context.fail(UsageError, QStringLiteral("Unknown run state \"%1\": use %2.")
                                                      .arg(state, runStates.join(QStringLiteral(", "))));
            if (!m_query.states.contains(s))
                m_query.states.append(s);
        }
    }
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        m_limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || m_limit < 1 || m_limit > 100000)
            return m_context.fail(UsageError, QStringLiteral("--limit takes a number from 1 to 100000."));
    }
    if (parser.isSet(QStringLiteral("offset"))) {
        bool ok = false;
        m_offset = parser.value(QStringLiteral("offset")).toInt(&ok);
        if (!ok || m_offset < 0)
            return m_context.fail(UsageError, QStringLiteral("--offset takes a number of runs to skip, 0 or "
                                                             "more."));
    }
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    if (m_query.dagId == QLatin1String("~"))
        m_session.require(Api::Feature::RunsAcrossDags);
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        if (m_query.dagId == QLatin1String("~"))
            return fetchFrom(m_offset);
        // Airflow answers an unknown DAG's runs with an empty list: ask for the DAG first.
        client->dag(m_query.dagId, this, [this](const Api::Result<Api::Dag> &result) {
            if (!result) {
                if (result.error().kind() == ApiError::Kind::NotFound)
                    return m_context.fail(HttpError, QStringLiteral("There is no DAG \"%1\" on %2.")
                                                         .arg(m_query.dagId, m_session.profile().name));
                return m_context.fail(exitCodeFor(result.error()), result.error().message());
            }
            fetchFrom(m_offset);
        });
    });
}

void RunsCommand::fetchFrom(int offset)
{
    m_query.offset = offset;
    m_query.limit = qMin(m_limit - int(m_runs.size()), m_client->maxPageSize());
    m_client->dagRuns(m_query, this, [this](const Api::Result<Api::Page<DagRun>> &result) {
        if (!result)
            return m_context.fail(exitCodeFor(result.error()), result.error().message());
        m_runs += result.value().items;
        const int next = m_query.offset + int(result.value().items.size());
        if (!result.value().items.isEmpty() && m_runs.size() < m_limit && next < result.value().totalEntries)
            return fetchFrom(next);
        if (m_runs.isEmpty() && !m_context.parser->isSet(QStringLiteral("json"))) {
            *m_context.err << "No runs match." << Qt::endl;
            return m_context.finish(Ok);
        }
        print(m_context, m_runs, m_query.dagId == QLatin1String("~"));
        m_context.finish(Ok);
    });
}

Output::JsonRecord RunsCommand::record(const DagRun &run)
{
    Output::JsonRecord record;
    record.add(QStringLiteral("dag_id"), run.dagId)
        .add(QStringLiteral("dag_run_id"), run.dagRunId)
        .add(QStringLiteral("state"), run.state)
        .add(QStringLiteral("logical_date"), Output::isoTimeJson(run.logicalDate))
        .add(QStringLiteral("start_date"), Output::isoTimeJson(run.startDate))
        .add(QStringLiteral("end_date"), Output::isoTimeJson(run.endDate))
        .add(QStringLiteral("run_type"), run.runType)
        .add(QStringLiteral("conf"), run.conf)
        .add(QStringLiteral("note"), run.note.isEmpty() ? QJsonValue() : QJsonValue(run.note));
    return record;
}

void RunsCommand::print(const CommandContext &context, const QList<DagRun> &runs, bool withDagId)
{
    QTextStream &out = *context.out;
    if (context.parser->isSet(QStringLiteral("json"))) {
        QList<Output::JsonRecord> records;
        for (const DagRun &run : runs) {
            records.append(record(run));
        }
        Output::printJson(out, records);
    } else {
        QStringList headers{QStringLiteral("RUN ID"), QStringLiteral("STATE"), QStringLiteral("LOGICAL DATE"),
                            QStringLiteral("START"),  QStringLiteral("END"),   QStringLiteral("TYPE")};
        if (withDagId)
            headers.prepend(QStringLiteral("DAG ID"));
        Output::TextTable table(headers);
        const auto orDash = [](const QString &text) { return text.isEmpty() ? QStringLiteral("-") : text; };
        for (const DagRun &run : runs) {
            QStringList row{run.dagRunId,
                            orDash(run.state),
                            orDash(Output::isoTime(run.logicalDate)),
                            orDash(Output::isoTime(run.startDate)),
                            orDash(Output::isoTime(run.endDate)),
                            orDash(run.runType)};
            if (withDagId)
                row.prepend(run.dagId);
            table.addRow(row);
        }
        table.print(out);
    }
    out.flush();
}

} // namespace Windsock::Cli
