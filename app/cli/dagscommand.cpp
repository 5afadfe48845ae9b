#include "dagscommand.h"

#include "exitcode.h"
#include "output.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QJsonArray>

using Windsock::Api::ApiError;
using Windsock::Api::Dag;

namespace Windsock::Cli {

namespace {

Output::JsonRecord dagRecord(const Dag &dag)
{
    Output::JsonRecord record;
    record.add(QStringLiteral("dag_id"), dag.dagId)
        .add(QStringLiteral("is_paused"), dag.isPaused)
        .add(QStringLiteral("is_active"), dag.isActive)
        .add(QStringLiteral("schedule"), dag.schedule.isEmpty() ? QJsonValue() : QJsonValue(dag.schedule))
        .add(QStringLiteral("next_dagrun"), Output::isoTimeJson(dag.nextDagrun))
        .add(QStringLiteral("tags"), QJsonArray::fromStringList(dag.tags))
        .add(QStringLiteral("owners"), QJsonArray::fromStringList(dag.owners))
        .add(QStringLiteral("has_import_errors"), dag.hasImportErrors)
        .add(QStringLiteral("description"), dag.description.isEmpty() ? QJsonValue() : dag.description);
    return record;
}

} // namespace

DagsCommand::DagsCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

void DagsCommand::run()
{
    const QString action = m_context.arguments.value(0);
    if (!m_context.arguments.isEmpty())
        m_context.arguments.removeFirst();
    if (action == QLatin1String("list"))
        list();
    else if (action == QLatin1String("show"))
        show();
    else if (action == QLatin1String("pause"))
        setPaused(true);
    else if (action == QLatin1String("unpause"))
        setPaused(false);
    else
        m_context.fail(UsageError,
                       action.isEmpty()
                           ? QStringLiteral("Say what to do: dags list, show, pause or unpause.")
                           : QStringLiteral("Unknown dags command \"%1\": use list, show, pause or unpause.")
                                 .arg(action));
}

void DagsCommand::list()
{
    const QCommandLineParser &parser = *m_context.parser;
    if (!m_context.arguments.isEmpty())
        return m_context.fail(UsageError,
                              QStringLiteral("dags list takes no DAG id; filter with --pattern TEXT."));
    if (parser.isSet(QStringLiteral("paused")) && parser.isSet(QStringLiteral("active")))
        return m_context.fail(UsageError, QStringLiteral("Give --paused or --active, not both."));
    Api::DagQuery query;
    query.dagIdPattern = parser.value(QStringLiteral("pattern"));
    if (parser.isSet(QStringLiteral("paused")))
        query.paused = true;
    else if (parser.isSet(QStringLiteral("active")))
        query.paused = false;
    for (const QString &tags : parser.values(QStringLiteral("tags"))) {
        for (const QString &tag : tags.split(QLatin1Char(','), Qt::SkipEmptyParts))
            query.tags.append(tag.trimmed());
    }
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.require(Api::Feature::ListDags);
    m_session.open(this, [this, query](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        Api::DagQuery paged = query;
        paged.limit = client->maxPageSize();
        client->allDags(paged, this, [this](const Api::Result<QList<Dag>> &result) {
            if (!result)
                return m_context.fail(exitCodeFor(result.error()), result.error().message());
            QTextStream &out = *m_context.out;
            if (m_context.parser->isSet(QStringLiteral("json"))) {
                QList<Output::JsonRecord> records;
                for (const Dag &dag : result.value())
                    records.append(dagRecord(dag));
                Output::printJson(out, records);
            } else if (result.value().isEmpty()) {
                *m_context.err << "No DAGs match." << Qt::endl;
            } else {
                Output::TextTable table({QStringLiteral("DAG ID"), QStringLiteral("PAUSED"),
                                         QStringLiteral("SCHEDULE"), QStringLiteral("NEXT RUN"),
                                         QStringLiteral("OWNERS"), QStringLiteral("TAGS")});
                for (const Dag &dag : result.value()) {
                    table.addRow(
                        {dag.dagId, dag.isPaused ? QStringLiteral("yes") : QStringLiteral("no"),
                         dag.schedule.isEmpty() ? QStringLiteral("-") : dag.schedule,
                         dag.nextDagrun.isValid() ? Output::isoTime(dag.nextDagrun) : QStringLiteral("-"),
                         dag.owners.join(QStringLiteral(",")), dag.tags.join(QStringLiteral(","))});
                }
                table.print(out);
            }
            out.flush();
            m_context.finish(Ok);
        });
    });
}

void DagsCommand::show()
{
    if (m_context.arguments.size() != 1)
        return m_context.fail(UsageError, QStringLiteral("Say which DAG to show: dags show DAG_ID."));
    const QString dagId = m_context.arguments.at(0);
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.open(this, [this, dagId](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->dag(dagId, this, [this, dagId](const Api::Result<Dag> &result) {
            if (!result) {
                if (result.error().kind() == ApiError::Kind::NotFound)
                    return m_context.fail(
                        HttpError,
                        QStringLiteral("There is no DAG \"%1\" on %2.").arg(dagId, m_session.profile().name));
                return m_context.fail(exitCodeFor(result.error()), result.error().message());
            }
            const Dag &dag = result.value();
            // Airflow 1.10's experimental API tells only whether a DAG is paused: the other fields would be
            // made up, so they are left out rather than shown empty.
            const bool detailed = m_client->dialect().supports(Api::Feature::ListDags);
            QTextStream &out = *m_context.out;
            if (m_context.parser->isSet(QStringLiteral("json"))) {
                Output::printJson(out, detailed ? dagRecord(dag)
                                                : Output::JsonRecord()
                                                      .add(QStringLiteral("dag_id"), dag.dagId)
                                                      .add(QStringLiteral("is_paused"), dag.isPaused));
            } else {
                QList<QPair<QString, QString>> fields{
                    {QStringLiteral("dag id"), dag.dagId},
                    {QStringLiteral("paused"), dag.isPaused ? QStringLiteral("yes") : QStringLiteral("no")}};
                if (detailed) {
                    fields.append({{QStringLiteral("active"),
                                    dag.isActive ? QStringLiteral("yes") : QStringLiteral("no")},
                                   {QStringLiteral("schedule"), dag.schedule},
                                   {QStringLiteral("next run"), Output::isoTime(dag.nextDagrun)},
                                   {QStringLiteral("owners"), dag.owners.join(QStringLiteral(","))},
                                   {QStringLiteral("tags"), dag.tags.join(QStringLiteral(","))},
                                   {QStringLiteral("import errors"),
                                    dag.hasImportErrors ? QStringLiteral("yes") : QStringLiteral("no")},
                                   {QStringLiteral("description"), dag.description}});
                }
                Output::printFields(out, fields);
            }
            out.flush();
            m_context.finish(Ok);
        });
    });
}

void DagsCommand::setPaused(bool paused)
{
    m_dagIds = m_context.arguments;
    m_dagIds.removeDuplicates();
    const QString verb = paused ? QStringLiteral("pause") : QStringLiteral("unpause");
    if (m_dagIds.isEmpty())
        return m_context.fail(UsageError,
                              QStringLiteral("Say which DAGs to %1: dags %1 DAG_ID...").arg(verb));
    if (!m_session.select(ProfileSession::Access::Change, verb + QStringLiteral(" DAGs")))
        return;
    // One DAG is what the app's check box does; several at once is a bulk action.
    if (m_dagIds.size() > 1 &&
        !m_session.confirmProduction(QStringLiteral("%1 %2 DAGs").arg(verb).arg(m_dagIds.size())))
        return;
    m_session.open(this, [this, paused](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        setPausedFrom(0, paused);
    });
}

void DagsCommand::setPausedFrom(int index, bool paused)
{
    if (index >= m_dagIds.size())
        return m_context.finish(m_firstFailure);
    const QString dagId = m_dagIds.at(index);
    m_client->setDagPaused(dagId, paused, this, [this, index, paused, dagId](const Api::Result<Dag> &result) {
        if (result) {
            *m_context.out << (paused ? "Paused " : "Unpaused ") << dagId << Qt::endl;
        } else {
            const ApiError &error = result.error();
            *m_context.err
                << (error.kind() == ApiError::Kind::NotFound
                        ? QStringLiteral("There is no DAG \"%1\" on %2.").arg(dagId, m_session.profile().name)
                        : QStringLiteral("%1 was not %2: %3")
                              .arg(dagId, paused ? QStringLiteral("paused") : QStringLiteral("unpaused"),
                                   error.message()))
                << Qt::endl;
            if (m_firstFailure == Ok)
                m_firstFailure = exitCodeFor(error);
            // Without a usable answer the next DAGs would fail the same way.
            if (exitCodeFor(error) != HttpError)
                return m_context.finish(m_firstFailure);
        }
        setPausedFrom(index + 1, paused);
    });
}

} // namespace Windsock::Cli
