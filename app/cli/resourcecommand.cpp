#include "resourcecommand.h"

#include "exitcode.h"
#include "jsoninput.h"
#include "output.h"
#include "secretinput.h"

#include "api/airflowclient.h"
#include "api/variablesfile.h"

#include <QFile>

#include <QJsonObject>

using Windsock::Api::ApiError;
using Windsock::Api::Connection;
using Windsock::Api::Pool;
using Windsock::Api::Variable;

namespace Windsock::Cli {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString slotsText(int slots)
{
    return slots < 0 ? QStringLiteral("unlimited") : QString::number(slots);
}

// A pool as --json prints it, in `pools list` and `pools get` alike.
Output::JsonRecord poolRecord(const Pool &pool)
{
    Output::JsonRecord record;
    record.add(QStringLiteral("name"), pool.name)
        .add(QStringLiteral("slots"), pool.slots)
        .add(QStringLiteral("occupied_slots"), pool.occupiedSlots)
        .add(QStringLiteral("running_slots"), pool.runningSlots)
        .add(QStringLiteral("queued_slots"), pool.queuedSlots)
        .add(QStringLiteral("scheduled_slots"), pool.scheduledSlots)
        .add(QStringLiteral("deferred_slots"), pool.deferredSlots)
        .add(QStringLiteral("open_slots"), pool.openSlots)
        .add(QStringLiteral("include_deferred"), pool.includeDeferred)
        .add(QStringLiteral("description"), textOrNull(pool.description));
    return record;
}

// A connection as --json prints it; `connections list` leaves out extra (it may be long), `get` has it.
Output::JsonRecord connectionRecord(const Connection &connection, bool withExtra)
{
    Output::JsonRecord record;
    record.add(QStringLiteral("connection_id"), connection.connectionId)
        .add(QStringLiteral("conn_type"), connection.connType)
        .add(QStringLiteral("host"), textOrNull(connection.host))
        .add(QStringLiteral("port"), connection.port > 0 ? QJsonValue(connection.port) : QJsonValue())
        .add(QStringLiteral("login"), textOrNull(connection.login))
        .add(QStringLiteral("schema"), textOrNull(connection.schema));
    if (withExtra)
        record.add(QStringLiteral("extra"), textOrNull(connection.extra));
    record.add(QStringLiteral("description"), textOrNull(connection.description));
    return record;
}

// What --password-stdin, --password-prompt or --value-stdin read: SecretInput's sentence names the thing.
QString inputError(QString error, const QString &what)
{
    return error.replace(QLatin1String("secret"), what);
}

} // namespace

ResourceCommand::ResourceCommand(Kind kind, CommandContext context, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_context(std::move(context))
    , m_session(m_context)
{}

QString ResourceCommand::noun() const
{
    switch (m_kind) {
    case Kind::Pools:
        return QStringLiteral("pool");
    case Kind::Connections:
        return QStringLiteral("connection");
    case Kind::Variables:
        break;
    }
    return QStringLiteral("variable");
}

bool ResourceCommand::json() const
{
    return m_context.parser->isSet(QStringLiteral("json"));
}

void ResourceCommand::fail(const ApiError &error, const QString &name)
{
    if (error.kind() == ApiError::Kind::NotFound && !name.isEmpty())
        return m_context.fail(
            HttpError,
            QStringLiteral("There is no %1 \"%2\" on %3.").arg(noun(), name, m_session.profile().name));
    m_context.fail(exitCodeFor(error), error.message());
}

void ResourceCommand::succeed()
{
    m_context.out->flush();
    m_context.finish(Ok);
}

template<typename T>
ResourceCommand::Handler<Api::Page<T>> ResourceCommand::pageReader(int offset, QList<T> *all,
                                                                   void (ResourceCommand::*more)(int),
                                                                   void (ResourceCommand::*print)())
{
    return [this, offset, all, more, print](const Api::Result<Api::Page<T>> &result) {
        if (!result)
            return fail(result.error(), QString());
        *all += result.value().items;
        const int next = offset + int(result.value().items.size());
        if (!result.value().items.isEmpty() && next < result.value().totalEntries)
            return (this->*more)(next);
        (this->*print)();
        succeed();
    };
}

template<typename T>
ResourceCommand::Handler<T> ResourceCommand::itemPrinter(const QString &name,
                                                         void (ResourceCommand::*print)(const T &))
{
    return [this, name, print](const Api::Result<T> &result) {
        if (!result)
            return fail(result.error(), name);
        (this->*print)(result.value());
        succeed();
    };
}

template<typename T>
ResourceCommand::Handler<T> ResourceCommand::saved(const QString &verb,
                                                   std::function<QString(const T &)> describe)
{
    return [this, verb, describe](const Api::Result<T> &result) {
        if (!result)
            return fail(result.error(), QString());
        *m_context.out << verb << ' ' << describe(result.value()) << Qt::endl;
        m_context.finish(Ok);
    };
}

void ResourceCommand::run()
{
    // Airflow 1.10's experimental API has pools only: the others are refused, with its reason, once the
    // profile is open and before anything of the command is sent.
    if (m_kind == Kind::Variables)
        m_session.require(Api::Feature::Variables);
    else if (m_kind == Kind::Connections)
        m_session.require(Api::Feature::Connections);
    const QString action = m_context.arguments.value(0);
    if (!m_context.arguments.isEmpty())
        m_context.arguments.removeFirst();
    if (action == QLatin1String("list"))
        list();
    else if (action == QLatin1String("get"))
        get();
    else if (action == QLatin1String("set"))
        set();
    else if (action == QLatin1String("delete"))
        remove();
    else if (action == QLatin1String("import") && m_kind == Kind::Variables)
        importVariables();
    else
        m_context.fail(
            UsageError,
            QStringLiteral("Unknown %1s command \"%2\": use list, get, set or delete.").arg(noun(), action));
}

// --- list -------------------------------------------------------------------------------------------

void ResourceCommand::list()
{
    if (!m_context.arguments.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("%1s list takes no name.").arg(noun()));
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        switch (m_kind) {
        case Kind::Pools:
            return listPools(0);
        case Kind::Connections:
            return listConnections(0);
        case Kind::Variables:
            break;
        }
        client->allVariables(this, [this](const Api::Result<QList<Variable>> &result) {
            if (!result)
                return fail(result.error(), QString());
            if (json()) {
                QList<Output::JsonRecord> records;
                for (const Variable &variable : result.value()) {
                    records.append(Output::JsonRecord()
                                       .add(QStringLiteral("key"), variable.key)
                                       .add(QStringLiteral("description"), textOrNull(variable.description)));
                }
                Output::printJson(*m_context.out, records);
            } else if (result.value().isEmpty()) {
                *m_context.err << "No variables." << Qt::endl;
            } else {
                // The list carries no values (Airflow leaves them out): `variables get KEY` reads one.
                Output::TextTable table({QStringLiteral("KEY"), QStringLiteral("DESCRIPTION")});
                for (const Variable &variable : result.value())
                    table.addRow({variable.key, variable.description});
                table.print(*m_context.out);
            }
            succeed();
        });
    });
}

void ResourceCommand::listPools(int offset)
{
    m_client->pools(m_client->maxPageSize(), offset, this,
                    pageReader(offset, &m_pools, &ResourceCommand::listPools, &ResourceCommand::printPools));
}

void ResourceCommand::listConnections(int offset)
{
    Api::CollectionQuery query;
    query.limit = m_client->maxPageSize();
    query.offset = offset;
    query.orderBy = QStringLiteral("connection_id");
    m_client->connections(query, this,
                          pageReader(offset, &m_connections, &ResourceCommand::listConnections,
                                     &ResourceCommand::printConnections));
}

void ResourceCommand::printPools()
{
    if (json()) {
        QList<Output::JsonRecord> records;
        for (const Pool &pool : std::as_const(m_pools))
            records.append(poolRecord(pool));
        return Output::printJson(*m_context.out, records);
    }
    Output::TextTable table({QStringLiteral("NAME"), QStringLiteral("SLOTS"), QStringLiteral("RUNNING"),
                             QStringLiteral("QUEUED"), QStringLiteral("OPEN"),
                             QStringLiteral("DESCRIPTION")});
    for (const Pool &pool : std::as_const(m_pools)) {
        table.addRow({pool.name, slotsText(pool.slots), QString::number(pool.runningSlots),
                      QString::number(pool.queuedSlots), slotsText(pool.openSlots), pool.description});
    }
    table.print(*m_context.out);
}

void ResourceCommand::printConnections()
{
    if (json()) {
        QList<Output::JsonRecord> records;
        for (const Connection &connection : std::as_const(m_connections))
            records.append(connectionRecord(connection, false));
        return Output::printJson(*m_context.out, records);
    }
    if (m_connections.isEmpty()) {
        *m_context.err << "No connections." << Qt::endl;
        return;
    }
    Output::TextTable table({QStringLiteral("CONNECTION ID"), QStringLiteral("TYPE"), QStringLiteral("HOST"),
                             QStringLiteral("PORT"), QStringLiteral("LOGIN"), QStringLiteral("SCHEMA")});
    for (const Connection &connection : std::as_const(m_connections)) {
        table.addRow({connection.connectionId, connection.connType, orDash(connection.host),
                      connection.port > 0 ? QString::number(connection.port) : QStringLiteral("-"),
                      orDash(connection.login), orDash(connection.schema)});
    }
    table.print(*m_context.out);
}

// --- get --------------------------------------------------------------------------------------------

void ResourceCommand::get()
{
    if (m_context.arguments.size() != 1)
        return m_context.fail(UsageError, QStringLiteral("Say which %1 to show: %1s get NAME.").arg(noun()));
    const QString name = m_context.arguments.at(0);
    if (!m_session.select(ProfileSession::Access::Read))
        return;
    m_session.open(this, [this, name](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        switch (m_kind) {
        case Kind::Pools:
            client->pool(name, this, itemPrinter(name, &ResourceCommand::printPool));
            return;
        case Kind::Connections:
            client->connection(name, this, itemPrinter(name, &ResourceCommand::printConnection));
            return;
        case Kind::Variables:
            client->variable(name, this, itemPrinter(name, &ResourceCommand::printVariable));
            return;
        }
    });
}

void ResourceCommand::printPool(const Pool &pool)
{
    if (json()) {
        Output::printJson(*m_context.out, poolRecord(pool));
    } else {
        Output::printFields(*m_context.out,
                            {{QStringLiteral("name"), pool.name},
                             {QStringLiteral("slots"), slotsText(pool.slots)},
                             {QStringLiteral("running"), QString::number(pool.runningSlots)},
                             {QStringLiteral("queued"), QString::number(pool.queuedSlots)},
                             {QStringLiteral("scheduled"), QString::number(pool.scheduledSlots)},
                             {QStringLiteral("deferred"), QString::number(pool.deferredSlots)},
                             {QStringLiteral("open"), slotsText(pool.openSlots)},
                             {QStringLiteral("include deferred"),
                              pool.includeDeferred ? QStringLiteral("yes") : QStringLiteral("no")},
                             {QStringLiteral("description"), pool.description}});
    }
}

void ResourceCommand::printConnection(const Connection &connection)
{
    // Airflow never sends a password back, so there is none here to print; extra comes masked by the server.
    if (json()) {
        Output::printJson(*m_context.out, connectionRecord(connection, true));
    } else {
        Output::printFields(
            *m_context.out,
            {{QStringLiteral("connection id"), connection.connectionId},
             {QStringLiteral("type"), connection.connType},
             {QStringLiteral("host"), connection.host},
             {QStringLiteral("port"), connection.port > 0 ? QString::number(connection.port) : QString()},
             {QStringLiteral("login"), connection.login},
             {QStringLiteral("schema"), connection.schema},
             {QStringLiteral("extra"), connection.extra},
             {QStringLiteral("description"), connection.description}});
    }
}

void ResourceCommand::printVariable(const Variable &variable)
{
    if (json()) {
        Output::printJson(*m_context.out,
                          Output::JsonRecord()
                              .add(QStringLiteral("key"), variable.key)
                              .add(QStringLiteral("value"), variable.value)
                              .add(QStringLiteral("description"), textOrNull(variable.description)));
    } else {
        // The value alone, as it is stored, for `$(windsock-cli variables get KEY)`.
        *m_context.out << variable.value;
        if (!variable.value.endsWith(QLatin1Char('\n')))
            *m_context.out << '\n';
    }
}

// --- set --------------------------------------------------------------------------------------------

void ResourceCommand::set()
{
    const QCommandLineParser &parser = *m_context.parser;
    const int maxArguments = m_kind == Kind::Variables ? 2 : 1;
    if (m_context.arguments.isEmpty() || m_context.arguments.size() > maxArguments) {
        const QString usage =
            m_kind == Kind::Pools ? QStringLiteral("pools set NAME [--slots N] [--description TEXT]")
            : m_kind == Kind::Connections
                ? QStringLiteral("connections set CONN_ID [--conn-type TYPE] [--host HOST] ... "
                                 "[--password-stdin | --password-prompt]")
                : QStringLiteral("variables set KEY [VALUE | --value-stdin] [--description TEXT]");
        return m_context.fail(UsageError, QStringLiteral("Usage: windsock-cli ") + usage);
    }
    const QString name = m_context.arguments.at(0).trimmed();
    if (name.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("The %1's name must not be empty.").arg(noun()));

    // Everything typed is checked before anything is sent.
    if (m_kind == Kind::Pools && parser.isSet(QStringLiteral("slots"))) {
        bool ok = false;
        const int slots = parser.value(QStringLiteral("slots")).toInt(&ok);
        if (!ok || slots < -1)
            return m_context.fail(UsageError,
                                  QStringLiteral("--slots takes a whole number of slots (-1: unlimited)."));
    }
    if (m_kind == Kind::Pools && parser.isSet(QStringLiteral("include-deferred")) &&
        parser.isSet(QStringLiteral("exclude-deferred")))
        return m_context.fail(UsageError,
                              QStringLiteral("Give --include-deferred or --exclude-deferred, not both."));
    if (m_kind == Kind::Connections) {
        if (parser.isSet(QStringLiteral("port"))) {
            bool ok = false;
            const int port = parser.value(QStringLiteral("port")).toInt(&ok);
            if (!parser.value(QStringLiteral("port")).isEmpty() && (!ok || port < 0 || port > 65535))
                return m_context.fail(UsageError,
                                      QStringLiteral("--port takes a port number, 1 to 65535 (empty "
                                                     "or 0 clears it)."));
        }
        if (parser.isSet(QStringLiteral("extra")) && !parser.value(QStringLiteral("extra")).isEmpty()) {
            const QString error = JsonInput::error(QStringLiteral("--extra"),
                                                   parser.value(QStringLiteral("extra")).toUtf8(), true);
            if (!error.isEmpty())
                return m_context.fail(UsageError, error + QStringLiteral(" Nothing was sent."));
        }
        if (parser.isSet(QStringLiteral("password-stdin")) && parser.isSet(QStringLiteral("password-prompt")))
            return m_context.fail(UsageError,
                                  QStringLiteral("Give --password-stdin or --password-prompt, not both."));
    }
    if (m_kind == Kind::Variables) {
        const bool fromStdin = parser.isSet(QStringLiteral("value-stdin"));
        if (fromStdin && m_context.arguments.size() == 2)
            return m_context.fail(UsageError,
                                  QStringLiteral("Give the value as an argument or with --value-stdin, "
                                                 "not both."));
        if (m_context.arguments.size() == 2)
            m_variableValue = m_context.arguments.at(1);
    }
    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("change %1s").arg(noun())))
        return;
    if (m_kind == Kind::Connections && parser.isSet(QStringLiteral("password-prompt")) &&
        !SecretInput::stdinIsTerminal()) {
        // A prompt that cannot be shown is said before anything is sent, in the prompt's own words.
        QString error;
        SecretInput::prompt(QString(), &error);
        return m_context.fail(UsageError, inputError(error, QStringLiteral("password")));
    }
    m_session.open(this, [this, name](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        // Secrets and values from standard input are read only once the profile may change things and the
        // server can keep them (Airflow 1.10 has no connections or variables): nobody types a password for
        // nothing.
        const QCommandLineParser &commandLine = *m_context.parser;
        QString error;
        if (m_kind == Kind::Connections && commandLine.isSet(QStringLiteral("password-stdin"))) {
            m_password = SecretInput::fromStdin(&error);
            if (!m_password)
                return m_context.fail(UsageError, inputError(error, QStringLiteral("password")));
        } else if (m_kind == Kind::Connections && commandLine.isSet(QStringLiteral("password-prompt"))) {
            m_password = SecretInput::prompt(QStringLiteral("Password of %1 (not shown)").arg(name), &error);
            if (!m_password)
                return m_context.fail(UsageError, inputError(error, QStringLiteral("password")));
        }
        if (m_kind == Kind::Variables && commandLine.isSet(QStringLiteral("value-stdin"))) {
            m_variableValue = SecretInput::fromStdin(&error);
            if (!m_variableValue)
                return m_context.fail(UsageError, inputError(error, QStringLiteral("value")));
        }
        switch (m_kind) {
        case Kind::Pools:
            return setPool(name);
        case Kind::Connections:
            return setConnection(name);
        case Kind::Variables:
            return setVariable(name);
        }
    });
}

void ResourceCommand::setPool(const QString &name)
{
    const QCommandLineParser &parser = *m_context.parser;
    Api::PoolRequest request;
    request.name = name;
    if (parser.isSet(QStringLiteral("slots")))
        request.slots = parser.value(QStringLiteral("slots")).toInt();
    if (parser.isSet(QStringLiteral("description")))
        request.description = parser.value(QStringLiteral("description"));
    if (parser.isSet(QStringLiteral("include-deferred")))
        request.includeDeferred = true;
    else if (parser.isSet(QStringLiteral("exclude-deferred")))
        request.includeDeferred = false;
    m_client->pool(name, this, [this, name, request](const Api::Result<Pool> &existing) {
        const auto done = [this](const QString &verb) {
            return saved<Pool>(verb, [](const Pool &pool) {
                return QStringLiteral("pool %1 (%2 slots)").arg(pool.name, slotsText(pool.slots));
            });
        };
        if (existing)
            return void(m_client->updatePool(name, request, this, done(QStringLiteral("Updated"))));
        if (existing.error().kind() != ApiError::Kind::NotFound)
            return fail(existing.error(), QString());
        if (!request.slots)
            return m_context.fail(UsageError, QStringLiteral("There is no pool \"%1\" yet; a new pool needs "
                                                             "--slots N.")
                                                  .arg(name));
        m_client->createPool(request, this, done(QStringLiteral("Created")));
    });
}

void ResourceCommand::setConnection(const QString &connectionId)
{
    const QCommandLineParser &parser = *m_context.parser;
    Api::ConnectionRequest request;
    request.connectionId = connectionId;
    const auto take = [&parser](const char *option, std::optional<QString> &field) {
        if (parser.isSet(QLatin1String(option)))
            field = parser.value(QLatin1String(option));
    };
    take("conn-type", request.connType);
    take("description", request.description);
    take("host", request.host);
    take("login", request.login);
    take("schema", request.schema);
    take("extra", request.extra);
    if (parser.isSet(QStringLiteral("port")))
        request.port = parser.value(QStringLiteral("port")).toInt();
    request.password = m_password;
    m_client->connection(
        connectionId, this, [this, connectionId, request](const Api::Result<Connection> &existing) {
            const auto done = [this](const QString &verb) {
                return saved<Connection>(verb, [](const Connection &connection) {
                    return QStringLiteral("connection %1 (%2)")
                        .arg(connection.connectionId, connection.connType);
                });
            };
            if (existing)
                return void(m_client->updateConnection(request, this, done(QStringLiteral("Updated"))));
            if (existing.error().kind() != ApiError::Kind::NotFound)
                return fail(existing.error(), QString());
            if (!request.connType || request.connType->isEmpty())
                return m_context.fail(UsageError,
                                      QStringLiteral("There is no connection \"%1\" yet; a new connection "
                                                     "needs --conn-type TYPE (postgres, http, ...).")
                                          .arg(connectionId));
            m_client->createConnection(request, this, done(QStringLiteral("Created")));
        });
}

void ResourceCommand::setVariable(const QString &key)
{
    const QCommandLineParser &parser = *m_context.parser;
    const std::optional<QString> description =
        parser.isSet(QStringLiteral("description"))
            ? std::optional<QString>(parser.value(QStringLiteral("description")))
            : std::nullopt;
    if (!m_variableValue && !description)
        return m_context.fail(UsageError,
                              QStringLiteral("Say what to set: variables set KEY VALUE, --value-stdin, or "
                                             "--description TEXT."));
    m_client->variable(key, this, [this, key, description](const Api::Result<Variable> &existing) {
        const auto done = [this](const QString &verb) {
            return saved<Variable>(verb, [](const Variable &variable) -> QString {
                return QStringLiteral("variable ") + variable.key;
            });
        };
        if (existing) {
            // Airflow's PATCH needs the value in every body: an unchanged one is sent as it is stored.
            Api::VariableUpdate update;
            update.key = key;
            update.value = m_variableValue.value_or(existing.value().value);
            update.description = description.value_or(existing.value().description);
            if (m_variableValue)
                update.updateMask.append(QStringLiteral("value"));
            if (description)
                update.updateMask.append(QStringLiteral("description"));
            return void(m_client->updateVariable(update, this, done(QStringLiteral("Updated"))));
        }
        if (existing.error().kind() != ApiError::Kind::NotFound)
            return fail(existing.error(), QString());
        if (!m_variableValue)
            return m_context.fail(UsageError,
                                  QStringLiteral("There is no variable \"%1\" yet; a new variable needs a "
                                                 "value: variables set KEY VALUE (or --value-stdin).")
                                      .arg(key));
        Variable variable;
        variable.key = key;
        variable.value = *m_variableValue;
        variable.hasValue = true;
        variable.description = description.value_or(QString());
        m_client->createVariable(variable, this, done(QStringLiteral("Created")));
    });
}

// --- delete -----------------------------------------------------------------------------------------

void ResourceCommand::remove()
{
    if (m_context.arguments.size() != 1)
        return m_context.fail(UsageError,
                              QStringLiteral("Say which %1 to delete: %1s delete NAME.").arg(noun()));
    const QString name = m_context.arguments.at(0);
    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("delete %1s").arg(noun())) ||
        !m_session.confirmProduction(QStringLiteral("delete %1 %2").arg(noun(), name)))
        return;
    m_session.open(this, [this, name](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        const auto done = [this, name](const Api::Result<Api::Nothing> &result) {
            if (!result)
                return fail(result.error(), name);
            *m_context.out << "Deleted " << noun() << ' ' << name << Qt::endl;
            m_context.finish(Ok);
        };
        switch (m_kind) {
        case Kind::Pools:
            client->deletePool(name, this, done);
            return;
        case Kind::Connections:
            client->deleteConnection(name, this, done);
            return;
        case Kind::Variables:
            client->deleteVariable(name, this, done);
            return;
        }
    });
}

// --- import -----------------------------------------------------------------------------------------

void ResourceCommand::importVariables()
{
    if (m_context.arguments.size() != 1)
        return m_context.fail(UsageError, QStringLiteral("Usage: windsock-cli variables import FILE "
                                                         "[--on-existing overwrite|skip|fail]"));
    // As `airflow variables import --action-on-existing-key`, whose default is overwrite.
    const QString onExisting = m_context.parser->isSet(QStringLiteral("on-existing"))
                                   ? m_context.parser->value(QStringLiteral("on-existing"))
                                   : QStringLiteral("overwrite");
    Api::VariableBulkAction create;
    if (onExisting == QLatin1String("overwrite"))
        create.onExistence = Api::BulkOnExistence::Overwrite;
    else if (onExisting == QLatin1String("skip"))
        create.onExistence = Api::BulkOnExistence::Skip;
    else if (onExisting == QLatin1String("fail"))
        create.onExistence = Api::BulkOnExistence::Fail;
    else
        return m_context.fail(
            UsageError,
            QStringLiteral("--on-existing takes overwrite, skip or fail, not \"%1\".").arg(onExisting));
    const QString fileName = m_context.arguments.at(0);
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return m_context.fail(UsageError,
                              QStringLiteral("Could not read %1: %2").arg(fileName, file.errorString()));
    QString error;
    create.entities = Api::readVariablesFile(file.readAll(), &error);
    if (!error.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("Could not import %1. %2").arg(fileName, error));
    if (create.entities.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("%1 holds no variables.").arg(fileName));
    if (!m_session.select(ProfileSession::Access::Change, QStringLiteral("import variables")) ||
        !m_session.confirmProduction(QStringLiteral("import %1 variables").arg(create.entities.size())))
        return;
    m_session.open(this, [this, create](const std::shared_ptr<Api::AirflowClient> &client) {
        m_client = client;
        client->bulkVariables({create}, this, [this](const Api::Result<Api::BulkResult> &result) {
            if (!result)
                return fail(result.error(), QString());
            using Status = Api::BulkItemResult::Status;
            QList<Output::JsonRecord> records;
            for (const Api::BulkItemResult &item : result.value().items) {
                const QString status = item.status == Status::Succeeded ? QStringLiteral("imported")
                                       : item.status == Status::Skipped ? QStringLiteral("skipped")
                                                                        : QStringLiteral("failed");
                if (json()) {
                    records.append(Output::JsonRecord()
                                       .add(QStringLiteral("key"), item.key)
                                       .add(QStringLiteral("status"), status)
                                       .add(QStringLiteral("error"), textOrNull(item.message)));
                } else if (item.status == Status::Failed) {
                    *m_context.err << "Could not import variable " << item.key << ": " << item.message
                                   << Qt::endl;
                } else {
                    *m_context.out << (item.status == Status::Succeeded ? "Imported" : "Skipped (exists)")
                                   << " variable " << item.key << Qt::endl;
                }
            }
            if (json())
                Output::printJson(*m_context.out, records);
            const int failed = int(result.value().failures().size());
            m_context.out->flush();
            if (failed > 0) {
                const QString message = QStringLiteral("%1 of %2 variables were not imported.")
                                            .arg(failed)
                                            .arg(result.value().items.size());
                return m_context.fail(HttpError, message);
            }
            m_context.finish(Ok);
        });
    });
}

} // namespace Windsock::Cli
