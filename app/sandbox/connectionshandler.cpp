#include "connectionshandler.h"

#include "apirequest.h"
#include "jsonbody.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

// The Connection schema's writable fields besides connection_id, with their JSON types (all nullable but
// conn_type and password).
struct FieldType
{
    const char *name;
    QJsonValue::Type type;
    bool nullable;
};
const FieldType connectionFields[] = {
    {"conn_type", QJsonValue::String, false}, {"description", QJsonValue::String, true},
    {"host", QJsonValue::String, true},       {"login", QJsonValue::String, true},
    {"schema", QJsonValue::String, true},     {"port", QJsonValue::Double, true},
    {"password", QJsonValue::String, false},  {"extra", QJsonValue::String, true}};

// The types a sandbox "hook" can test; the others are unknown, as a provider that is not installed.
const QStringList testableTypes = {QStringLiteral("postgres"), QStringLiteral("mysql"),
                                   QStringLiteral("http"),     QStringLiteral("ssh"),
                                   QStringLiteral("sftp"),     QStringLiteral("redis")};

QJsonObject itemJson(const SandboxConnection &c)
{
    return QJsonObject{{QStringLiteral("connection_id"), c.connectionId},
                       {QStringLiteral("conn_type"), c.connType},
                       {QStringLiteral("description"), c.description},
                       {QStringLiteral("host"), c.host},
                       {QStringLiteral("login"), c.login},
                       {QStringLiteral("schema"), c.schema},
                       {QStringLiteral("port"), c.port}};
}

// Never the password: the schema has it load_only.
QJsonObject connectionJson(const SandboxConnection &c)
{
    QJsonObject o = itemJson(c);
    o.insert(QStringLiteral("extra"), c.extra);
    return o;
}

ApiResponse connectionNotFound(const QString &connectionId)
{
    return Problem::notFound(QStringLiteral("Connection not found"),
                             QStringLiteral("The Connection with connection_id: `") + connectionId +
                                 QStringLiteral("` was not found"));
}

// The body checked as connexion (types) and ConnectionSchema (required fields unless partial) check it.
std::optional<QJsonObject> connectionBody(const ApiRequest &request, bool partial, ApiResponse *error)
{
    std::optional<QJsonObject> body = JsonBody::object(request, error);
    if (!body)
        return std::nullopt;
    if (!JsonBody::check(*body, QStringLiteral("connection_id"), QJsonValue::String, false, error))
        return std::nullopt;
    for (const FieldType &field : connectionFields) {
        if (!JsonBody::check(*body, QLatin1String(field.name), field.type, field.nullable, error))
            return std::nullopt;
    }
    if (!partial) {
        QStringList missing;
        for (const QString &field : {QStringLiteral("conn_type"), QStringLiteral("connection_id")}) {
            if (!body->contains(field))
                missing.append(u'\'' + field + QStringLiteral("': ['Missing data for required field.']"));
        }
        if (!missing.isEmpty()) {
            *error = Problem::badRequest(u'{' + missing.join(QStringLiteral(", ")) + u'}');
            return std::nullopt;
        }
    }
    return body;
}

void apply(SandboxConnection &c, const QString &field, const QJsonValue &value)
{
    if (field == QLatin1String("conn_type"))
        c.connType = value.toString();
    else if (field == QLatin1String("description"))
        c.description = value;
    else if (field == QLatin1String("host"))
        c.host = value;
    else if (field == QLatin1String("login"))
        c.login = value;
    else if (field == QLatin1String("schema"))
        c.schema = value;
    else if (field == QLatin1String("port"))
        c.port = value.isNull() ? value : QJsonValue(value.toInt());
    else if (field == QLatin1String("password"))
        c.password = value.toString();
    else if (field == QLatin1String("extra"))
        c.extra = value;
}

} // namespace

ConnectionsHandler::ConnectionsHandler(SandboxState *state, bool allowTest)
    : m_state(state)
    , m_allowTest(allowTest)
{}

ApiResponse ConnectionsHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QVector<SandboxConnection> rows = m_state->resources().connections;
    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    if (!field.isEmpty() && field != QLatin1String("id")) {
        static const QStringList allowed = {QStringLiteral("connection_id"), QStringLiteral("conn_type"),
                                            QStringLiteral("description"), QStringLiteral("host"),
                                            QStringLiteral("port")};
        if (!allowed.contains(field))
            return Paging::disallowedOrdering(field);
        const auto sortKey = [&field](const SandboxConnection &c) {
            return field == QLatin1String("connection_id") ? c.connectionId
                   : field == QLatin1String("conn_type")   ? c.connType
                   : field == QLatin1String("description") ? c.description.toString()
                   : field == QLatin1String("host")        ? c.host.toString()
                                                           : QStringLiteral("%1").arg(c.port.toInt(), 10);
        };
        std::stable_sort(rows.begin(), rows.end(),
                         [&sortKey](const SandboxConnection &a, const SandboxConnection &b) {
                             return sortKey(a) < sortKey(b);
                         });
    }
    if (descending)
        std::reverse(rows.begin(), rows.end());
    QJsonArray items;
    for (int i = paging->offset; i < rows.size() && i < paging->offset + paging->limit; ++i)
        items.append(itemJson(rows.at(i)));
    return ApiResponse::json(QJsonObject{{QStringLiteral("connections"), items},
                                         {QStringLiteral("total_entries"), int(rows.size())}});
}

ApiResponse ConnectionsHandler::get(const ApiRequest &, const QString &connectionId) const
{
    const int index = m_state->resources().connectionIndex(connectionId);
    if (index < 0)
        return connectionNotFound(connectionId);
    return ApiResponse::json(connectionJson(m_state->resources().connections.at(index)));
}

ApiResponse ConnectionsHandler::create(const ApiRequest &request)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = connectionBody(request, false, &error);
    if (!body)
        return error;
    const QString connectionId = body->value(QStringLiteral("connection_id")).toString();
    // helpers.validate_key(conn_id, max_length=200)
    static const QRegularExpression keyPattern(QStringLiteral("^[\\w.-]+$"));
    if (connectionId.size() > 200)
        return Problem::badRequest(QStringLiteral("The key has to be less than 200 characters"));
    if (!keyPattern.match(connectionId).hasMatch())
        return Problem::badRequest(
            QStringLiteral("The key '") + connectionId +
            QStringLiteral("' has to be made of alphanumeric characters, dashes, dots and "
                           "underscores exclusively"));
    ResourceStore &store = m_state->resources();
    if (store.connectionIndex(connectionId) >= 0)
        return Problem::alreadyExists(QStringLiteral("Connection already exist. ID: ") + connectionId);
    SandboxConnection connection;
    connection.id = store.nextId();
    connection.connectionId = connectionId;
    connection.description = connection.host = connection.login = connection.schema = connection.port =
        connection.extra = QJsonValue(QJsonValue::Null);
    for (auto it = body->begin(); it != body->end(); ++it)
        apply(connection, it.key(), it.value());
    store.connections.append(connection);
    return ApiResponse::json(connectionJson(connection));
}

ApiResponse ConnectionsHandler::patch(const ApiRequest &request, const QString &connectionId)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = connectionBody(request, true, &error);
    if (!body)
        return error;
    ResourceStore &store = m_state->resources();
    const int index = store.connectionIndex(connectionId);
    if (index < 0)
        return connectionNotFound(connectionId);
    const QString bodyId = body->value(QStringLiteral("connection_id")).toString();
    if (!bodyId.isEmpty() && bodyId != connectionId)
        return Problem::badRequest(QStringLiteral("The connection_id cannot be updated."));
    QStringList fields = JsonBody::updateMask(request);
    if (fields.isEmpty()) {
        // Without a mask every field of the body is taken; absent ones (the password) stay as they are.
        fields = body->keys();
        fields.removeAll(QStringLiteral("connection_id"));
    } else {
        for (const QString &field : fields) {
            if (field == QLatin1String("connection_id") || !body->contains(field))
                return Problem::badRequest(u'\'' + field +
                                           QStringLiteral("' is unknown or cannot be updated."));
        }
    }
    SandboxConnection &connection = store.connections[index];
    for (const QString &field : fields)
        apply(connection, field, body->value(field));
    return ApiResponse::json(connectionJson(connection));
}

ApiResponse ConnectionsHandler::remove(const ApiRequest &, const QString &connectionId)
{
    ResourceStore &store = m_state->resources();
    const int index = store.connectionIndex(connectionId);
    if (index < 0)
        return connectionNotFound(connectionId);
    store.connections.removeAt(index);
    return ApiResponse::noContent();
}

ApiResponse ConnectionsHandler::test(const ApiRequest &request) const
{
    if (!m_allowTest) {
        // Not a problem+json: Airflow returns a bare Flask Response here.
        return ApiResponse{403, QByteArrayLiteral("text/html; charset=utf-8"),
                           QByteArrayLiteral("Testing connections is disabled in Airflow configuration. "
                                             "Contact your deployment admin to enable it.")};
    }
    ApiResponse error;
    const std::optional<QJsonObject> body = connectionBody(request, false, &error);
    if (!body)
        return error;
    const QString type = body->value(QStringLiteral("conn_type")).toString();
    const QString host = body->value(QStringLiteral("host")).toString();
    bool status = false;
    QString message;
    if (!testableTypes.contains(type)) {
        message = QStringLiteral("Unknown hook type \"") + type + u'"';
    } else if (host.trimmed().isEmpty()) {
        message =
            QStringLiteral("could not translate host name \"None\" to address: Name or service not known");
    } else {
        status = true;
        message = QStringLiteral("Connection successfully tested");
    }
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}});
}

} // namespace Windsock::Sandbox
