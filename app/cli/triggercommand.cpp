#include "triggercommand.h"

#include "exitcode.h"
#include "output.h"
#include "runscommand.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "api/safetrigger.h"
#include "params/paramsform.h"
#include "watch/runwatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

using Windsock::Api::ApiError;
using Windsock::Api::DagRun;
using Windsock::Params::ParamField;
using Windsock::Params::ParamsForm;

namespace Windsock::Cli {

namespace {

bool isListKind(ParamField::Kind kind)
{
    return kind == ParamField::Kind::StringArray || kind == ParamField::Kind::NumberArray ||
           kind == ParamField::Kind::MultiSelect;
}

} // namespace

TriggerCommand::TriggerCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

QString TriggerCommand::generateRunId(const QDateTime &utcNow)
{
    const quint32 random = QRandomGenerator::global()->bounded(0x1000000u);
    return QStringLiteral("manual__") + utcNow.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
           QStringLiteral("+00:00__windsock_") + QStringLiteral("%1").arg(random, 6, 16, QLatin1Char('0'));
}

QDateTime TriggerCommand::parseLogicalDate(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (date.isValid() && trimmed.size() == 10)
        return QDateTime(date, QTime(0, 0), QTimeZone::utc());
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime) // no offset given
        time = QDateTime(time.date(), time.time(), QTimeZone::utc());
    return time.toUTC();
}

void TriggerCommand::run()
{
    const QCommandLineParser &parser = *m_context.parser;
    if (m_context.arguments.size() != 1)
        return m_context.fail(UsageError,
                              QStringLiteral("Usage: windsock-cli trigger DAG_ID [--conf JSON | --param "
                                             "KEY=VALUE...] [--logical-date TIME] [--wait]"));
    m_request.dagId = m_context.arguments.at(0);

    m_confGiven = parser.isSet(QStringLiteral("conf"));
    if (m_confGiven && parser.isSet(QStringLiteral("param")))
        return m_context.fail(UsageError, QStringLiteral("Give the conf either as --conf JSON or as --param "
                                                         "KEY=VALUE, not both."));
    if (m_confGiven) {
        const ParamsForm::JsonConf typed = ParamsForm::fromJsonText(parser.value(QStringLiteral("conf")));
        if (!typed.ok())
            return m_context.fail(UsageError, QStringLiteral("--conf: ") + typed.error +
                                                  QStringLiteral(" Nothing was sent."));
        m_request.conf = typed.conf;
    }
    for (const QString &pair : parser.values(QStringLiteral("param"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return m_context.fail(UsageError,
                                  QStringLiteral("--param takes KEY=VALUE, not \"%1\".").arg(pair));
        m_params.append({pair.left(equals), pair.mid(equals + 1)});
    }
    if (parser.isSet(QStringLiteral("logical-date"))) {
        m_request.logicalDate = parseLogicalDate(parser.value(QStringLiteral("logical-date")));
        if (!m_request.logicalDate.isValid())
            return m_context.fail(UsageError,
                                  QStringLiteral("--logical-date \"%1\" is not a date and time. Write it as "
                                                 "2025-06-01T06:00:00Z, 2025-06-01T08:00:00+02:00 or "
                                                 "2025-06-01 (no offset means UTC).")
                                      .arg(parser.value(QStringLiteral("logical-date"))));
    }
    m_request.dagRunId = parser.isSet(QStringLiteral("run-id"))
                             ? parser.value(QStringLiteral("run-id")).trimmed()
                             : generateRunId(QDateTime::currentDateTimeUtc());
    if (m_request.dagRunId.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("--run-id must not be empty."));
    m_request.note = parser.value(QStringLiteral("note"));
    if (parser.isSet(QStringLiteral("interval"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("interval")).toDouble(&ok);
        if (!ok || seconds < 0.1 || seconds > 3600)
            return m_context.fail(UsageError, QStringLiteral("--interval takes seconds, from 0.1 to 3600."));
    }

    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("trigger runs")))
        return;
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        // What the server cannot do is refused before anything is sent: a run without its note, or with a
        // conf that no schema checked, is not what was asked for.
        if (!m_params.isEmpty() && m_session.refuseUnsupported(*client, Api::Feature::DagDetails))
            return;
        if (!m_request.note.isEmpty() && m_session.refuseUnsupported(*client, Api::Feature::RunNotes))
            return;
        if (!client->dialect().supports(Api::Feature::DagDetails)) {
            // No params to fill in (Airflow 1.10): the DAG is still read, for an unknown id and the pause.
            client->dag(m_request.dagId, this, [this](const Api::Result<Api::Dag> &result) {
                if (!result)
                    return failReading(result.error());
                Api::DagDetails details;
                details.dag = result.value();
                withDetails(details);
            });
            return;
        }
        client->dagDetails(m_request.dagId, this, [this](const Api::Result<Api::DagDetails> &result) {
            if (!result)
                return failReading(result.error());
            withDetails(result.value());
        });
    });
}

void TriggerCommand::failReading(const ApiError &error)
{
    if (error.kind() == ApiError::Kind::NotFound)
        return m_context.fail(HttpError,
                              QStringLiteral("There is no DAG \"%1\" on %2. Nothing was triggered.")
                                  .arg(m_request.dagId, m_session.profile().name));
    m_context.fail(exitCodeFor(error),
                   QStringLiteral("The DAG could not be read, so nothing was triggered: ") + error.message());
}

void TriggerCommand::withDetails(const Api::DagDetails &details)
{
    if (!m_confGiven) {
        // The conf the trigger dialog's form would send: every param with its default, then what was given.
        ParamsForm form(details.params);
        QStringList names;
        for (const ParamField &field : form.fields())
            names.append(field.name);
        QStringList order;
        QHash<QString, QStringList> given;
        for (const auto &[key, value] : std::as_const(m_params)) {
            const ParamField *field = form.field(key);
            if (!field)
                return m_context.fail(
                    UsageError, names.isEmpty()
                                    ? QStringLiteral("The DAG %1 has no params, so --param %2 cannot be set. "
                                                     "Give a free-form conf with --conf JSON.")
                                          .arg(m_request.dagId, key)
                                    : QStringLiteral("The DAG %1 has no param \"%2\". Its params: %3.")
                                          .arg(m_request.dagId, key, names.join(QStringLiteral(", "))));
            if (field->isHidden())
                return m_context.fail(
                    UsageError,
                    QStringLiteral("The param \"%1\" is fixed by the DAG and cannot be set.").arg(key));
            if (!given.contains(key))
                order.append(key);
            given[key].append(value);
        }
        for (const QString &key : std::as_const(order)) {
            const ParamField *field = form.field(key);
            const QStringList values = given.value(key);
            if (values.size() > 1 && !isListKind(field->kind))
                return m_context.fail(
                    UsageError, QStringLiteral("--param %1 is given %2 times; only a list takes several.")
                                    .arg(key)
                                    .arg(values.size()));
            // A list is one --param per item (the form's one item a line), or a JSON array.
            const QString text = values.join(QLatin1Char('\n'));
            const QJsonDocument array = QJsonDocument::fromJson(text.toUtf8());
            if (isListKind(field->kind) && values.size() == 1 && array.isArray())
                form.setValue(key, array.array());
            else
                form.setText(key, text);
        }
        const QList<ParamsForm::FieldError> errors = form.validate();
        if (!errors.isEmpty()) {
            for (const ParamsForm::FieldError &error : errors) {
                *m_context.err << (given.contains(error.name) ? QStringLiteral("--param ") + error.name
                                                              : QStringLiteral("param ") + error.name)
                               << ": " << error.message << '\n';
            }
            return m_context.fail(UsageError, QStringLiteral("Nothing was sent."));
        }
        m_request.conf = form.conf();
    }
    if (details.dag.isPaused) {
        *m_context.err << "The DAG " << m_request.dagId
                       << " is paused: the run will stay queued until it is unpaused"
                       << (m_context.parser->isSet(QStringLiteral("wait")) ? " (and --wait waits until then)."
                                                                           : ".")
                       << Qt::endl;
    }
    send();
}

void TriggerCommand::send()
{
    Api::triggerDagRunSafely(
        *m_client, m_request, this, [this](const Api::Result<Api::TriggerOutcome> &result) {
            if (result)
                return triggered(result.value().run, result.value().createdByEarlierAttempt);
            const ApiError &error = result.error();
            if (error.kind() == ApiError::Kind::NotFound)
                return m_context.fail(HttpError, QStringLiteral("There is no DAG \"%1\" on %2. Nothing was "
                                                                "triggered.")
                                                     .arg(m_request.dagId, m_session.profile().name));
            if (error.httpStatus() == 409 &&
                !m_client->dialect().conflictNamesRunId(error, m_request.dagRunId)) {
                // The server names the logical date it refused; with none given that is its "now".
                static const QRegularExpression datePattern(QStringLiteral("logical date: '([^']+)'"));
                const QRegularExpressionMatch match = datePattern.match(error.detail());
                const QDateTime date = match.hasMatch()
                                           ? QDateTime::fromString(match.captured(1), Qt::ISODateWithMs)
                                           : m_request.logicalDate;
                return m_context.fail(
                    HttpError, QStringLiteral("This DAG already has a run at the logical date %1. Pick "
                                              "another --logical-date, or trigger again.")
                                   .arg(date.isValid() ? Output::isoTime(date) : error.detail()));
            }
            m_context.fail(exitCodeFor(error),
                           QStringLiteral("The run was not triggered: ") + error.message());
        });
}

void TriggerCommand::triggered(const DagRun &run, bool createdByEarlierAttempt)
{
    if (createdByEarlierAttempt)
        *m_context.err
            << "The run " << run.dagRunId
            << " already existed with this conf: it was created by an earlier attempt, and no second "
               "run was made."
            << Qt::endl;
    const bool json = m_context.parser->isSet(QStringLiteral("json"));
    const bool waiting = m_context.parser->isSet(QStringLiteral("wait"));
    if (!json) {
        *m_context.out << "Triggered " << run.dagId << " run " << run.dagRunId << " (logical date "
                       << Output::isoTime(run.logicalDate) << ", " << run.state << ")" << Qt::endl;
    } else if (!waiting) {
        Output::printJson(*m_context.out, RunsCommand::record(run));
        m_context.out->flush();
    }
    if (!waiting)
        return m_context.finish(Ok);
    wait(run);
}

void TriggerCommand::wait(const DagRun &run)
{
    Watch::RunWatcher::Options options;
    if (m_context.parser->isSet(QStringLiteral("interval")))
        options.intervalMs = qRound(m_context.parser->value(QStringLiteral("interval")).toDouble() * 1000);
    options.maxIntervalMs = qMax(options.intervalMs, options.maxIntervalMs);
    auto *watcher = new Watch::RunWatcher(m_client.get(), options, this);
    const bool json = m_context.parser->isSet(QStringLiteral("json"));
    connect(watcher, &Watch::RunWatcher::stateChanged, this, [this, json](const DagRun &changed) {
        if (!json)
            *m_context.err << changed.dagRunId << ": " << changed.state << Qt::endl;
    });
    connect(watcher, &Watch::RunWatcher::problem, this,
            [this](const QString &, const QString &, const QString &message) {
                *m_context.err << message << " (still waiting)" << Qt::endl;
            });
    connect(watcher, &Watch::RunWatcher::deleted, this,
            [this](const QString &, const QString &, const QString &message) {
                m_context.fail(HttpError, message);
            });
    connect(watcher, &Watch::RunWatcher::finished, this, &TriggerCommand::ended);
    watcher->watch(run);
}

void TriggerCommand::ended(const Watch::RunOutcome &outcome)
{
    if (m_context.parser->isSet(QStringLiteral("json")))
        Output::printJson(*m_context.out, RunsCommand::record(outcome.run));
    else
        *m_context.out << outcome.message() << Qt::endl;
    m_context.out->flush();
    if (outcome.succeeded())
        return m_context.finish(Ok);
    if (outcome.run.state == QLatin1String("failed"))
        return m_context.finish(RunFailed);
    // Any other final state (a future Airflow's): not a success.
    m_context.fail(RunFailed, QStringLiteral("The run ended in the state \"%1\".").arg(outcome.run.state));
}

} // namespace Windsock::Cli
