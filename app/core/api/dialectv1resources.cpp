#include "dialectv1.h"
#include "jsonfields.h"
#include "pagedecode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// DialectV1: variables, connections, pools (CRUD) and configuration, requests and decoders.
namespace Windsock::Api {

namespace {

template<typename T>
using Decoder = T (*)(JsonFields &);

QString resourcePath(const QString &collection, const QString &key = {})
{
    QString path = QStringLiteral("/api/v1/") + collection;
    if (!key.isNull())
        path += QLatin1Char('/') + ApiRequest::encodeSegment(key);
    return path;
}

ApiRequest jsonRequest(const QByteArray &method, const QString &encodedPath, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.encodedPath = encodedPath;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

ApiRequest collectionRequest(const QString &collection, const CollectionQuery &query)
{
    ApiRequest request;
    request.encodedPath = resourcePath(collection);
    request.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    request.addQueryItem(QStringLiteral("offset"), QString::number(query.offset));
    if (!query.orderBy.isEmpty())
        request.addQueryItem(QStringLiteral("order_by"), query.orderBy);
    return request;
}

ApiRequest deleteRequest(const QString &collection, const QString &key)
{
    ApiRequest request;
    request.method = QByteArrayLiteral("DELETE");
    request.encodedPath = resourcePath(collection, key);
    return request;
}

// Nullable text fields: an empty text clears the field (null), as the server stores "no value".
QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// update_mask is one comma-separated value (style form, explode false).
void addUpdateMask(ApiRequest &request, const QStringList &fields)
{
    if (!fields.isEmpty())
        request.addQueryItem(QStringLiteral("update_mask"), fields.join(QLatin1Char(',')));
}

// The body of a connection request, with only the fields that are set; `fields` gets their names (for the
// update mask, without connection_id, which cannot change).
QJsonObject connectionBody(const ConnectionRequest &connection, QStringList *fields)
{
    QJsonObject body{{QStringLiteral("connection_id"), connection.connectionId}};
    const auto text = [&](const char *key, const std::optional<QString> &value, bool nullable) {
        if (!value)
            return;
        const QString name = QLatin1String(key);
        body.insert(name, nullable ? textOrNull(*value) : QJsonValue(*value));
        fields->append(name);
    };
    text("conn_type", connection.connType, false);
    text("description", connection.description, true);
    text("host", connection.host, true);
    text("login", connection.login, true);
    text("schema", connection.schema, true);
    if (connection.port) {
        body.insert(QStringLiteral("port"),
                    *connection.port > 0 ? QJsonValue(*connection.port) : QJsonValue(QJsonValue::Null));
        fields->append(QStringLiteral("port"));
    }
    // The password is not nullable in the schema: an empty one is sent as "" (no password).
    text("password", connection.password, false);
    text("extra", connection.extra, true);
    return body;
}

Variable readVariable(JsonFields &f)
{
    Variable variable;
    variable.key = f.string(QLatin1String("key"));
    variable.hasValue = f.has(QLatin1String("value"));
    variable.value = f.string(QLatin1String("value"));
    variable.description = f.string(QLatin1String("description"));
    return variable;
}

Connection readConnection(JsonFields &f)
{
    // "password" is write-only: never read, even from a server that sends it.
    Connection connection;
    connection.connectionId = f.string(QLatin1String("connection_id"));
    connection.connType = f.string(QLatin1String("conn_type"));
    connection.description = f.string(QLatin1String("description"));
    connection.host = f.string(QLatin1String("host"));
    connection.login = f.string(QLatin1String("login"));
    connection.schema = f.string(QLatin1String("schema"));
    connection.port = f.integer(QLatin1String("port"));
    connection.extra = f.string(QLatin1String("extra"));
    return connection;
}

ConnectionTestResult readConnectionTest(JsonFields &f)
{
    ConnectionTestResult result;
    result.status = f.boolean(QLatin1String("status"));
    result.message = f.string(QLatin1String("message"));
    return result;
}

Pool readPool(JsonFields &f)
{
    Pool pool;
    pool.name = f.string(QLatin1String("name"));
    pool.slots = f.integer(QLatin1String("slots"));
    pool.occupiedSlots = f.integer(QLatin1String("occupied_slots"));
    pool.runningSlots = f.integer(QLatin1String("running_slots"));
    pool.queuedSlots = f.integer(QLatin1String("queued_slots"));
    pool.openSlots = f.integer(QLatin1String("open_slots"));
    pool.scheduledSlots = f.integer(QLatin1String("scheduled_slots"));
    pool.deferredSlots = f.integer(QLatin1String("deferred_slots"));
    pool.description = f.string(QLatin1String("description"));
    pool.includeDeferred = f.boolean(QLatin1String("include_deferred"));
    return pool;
}

// An option's value: a string in 2.x; [value, source] where the server displays sources; a number or a
// boolean from hand-written servers, shown as its JSON literal.
ConfigOption readConfigOption(JsonFields &f)
{
    ConfigOption option;
    option.key = f.string(QLatin1String("key"));
    const QJsonValue value = f.value(QLatin1String("value"));
    if (value.isArray() && value.toArray().size() == 2 && value.toArray().at(0).isString() &&
        value.toArray().at(1).isString()) {
        option.value = value.toArray().at(0).toString();
        option.source = value.toArray().at(1).toString();
    } else if (value.isDouble() || value.isBool()) {
        option.value = QString::fromUtf8(
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1));
    } else {
        option.value = f.string(QLatin1String("value"));
    }
    if (option.source.isEmpty())
        option.source = f.string(QLatin1String("source"));
    return option;
}

ConfigSection readConfigSection(JsonFields &f)
{
    ConfigSection section;
    section.name = f.string(QLatin1String("name"));
    const QJsonValue options = f.value(QLatin1String("options"));
    if (!options.isUndefined() && !options.isNull() && !options.isArray()) {
        f.fail(QLatin1String("options"), QStringLiteral("a list of options"));
        return section;
    }
    const QJsonArray items = options.toArray();
    for (qsizetype i = 0; i < items.size() && f.ok(); ++i) {
        JsonFields option(items.at(i), f.where() + QStringLiteral(".options[%1]").arg(i));
        if (option.ok())
            section.options.append(readConfigOption(option));
        f.adopt(option.error());
    }
    return section;
}

Config readConfig(JsonFields &f)
{
    Config config;
    const QJsonValue sections = f.value(QLatin1String("sections"));
    if (!sections.isArray()) {
        f.fail(QLatin1String("sections"), QStringLiteral("a list of sections"));
        return config;
    }
    const QJsonArray items = sections.toArray();
    for (qsizetype i = 0; i < items.size() && f.ok(); ++i) {
        JsonFields section(items.at(i), QStringLiteral("sections[%1]").arg(i));
        if (section.ok())
            config.sections.append(readConfigSection(section));
        f.adopt(section.error());
    }
    return config;
}

template<typename T>
Result<T> decodeObject(const QJsonDocument &json, const QString &where, Decoder<T> read)
{
    JsonFields fields(json.isObject()  ? QJsonValue(json.object())
                      : json.isArray() ? QJsonValue(json.array())
                                       : QJsonValue(QJsonValue::Null),
                      where);
    if (!fields.ok())
        return fields.error();
    T value = read(fields);
    if (!fields.ok())
        return fields.error();
    return value;
}

} // namespace

ApiRequest DialectV1::variablesRequest(const CollectionQuery &query) const
{
    return collectionRequest(QStringLiteral("variables"), query);
}

ApiRequest DialectV1::variableRequest(const QString &key) const
{
    ApiRequest request;
    request.encodedPath = resourcePath(QStringLiteral("variables"), key);
    return request;
}

ApiRequest DialectV1::createVariableRequest(const Variable &variable) const
{
    QJsonObject body{{QStringLiteral("key"), variable.key}, {QStringLiteral("value"), variable.value}};
    if (!variable.description.isEmpty())
        body.insert(QStringLiteral("description"), variable.description);
    return jsonRequest(QByteArrayLiteral("POST"), resourcePath(QStringLiteral("variables")), body);
}

ApiRequest DialectV1::updateVariableRequest(const VariableUpdate &update) const
{
    // key and value are required in every body, and description may not be null (VariableSchema). Airflow
    // loads "value" as "val", so update_mask=value is refused as an unknown field: a change of the value
    // goes without a mask, and a description the caller keeps is left out of the body (absent fields stay).
    const bool changesDescription =
        update.updateMask.isEmpty() || update.updateMask.contains(QLatin1String("description"));
    const bool changesValue =
        update.updateMask.isEmpty() || update.updateMask.contains(QLatin1String("value"));
    QJsonObject body{{QStringLiteral("key"), update.key}, {QStringLiteral("value"), update.value}};
    if (changesDescription)
        body.insert(QStringLiteral("description"), update.description);
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"), resourcePath(QStringLiteral("variables"), update.key), body);
    if (!changesValue)
        addUpdateMask(request, {QStringLiteral("description")});
    return request;
}

ApiRequest DialectV1::deleteVariableRequest(const QString &key) const
{
    return deleteRequest(QStringLiteral("variables"), key);
}

ApiRequest DialectV1::connectionsRequest(const CollectionQuery &query) const
{
    return collectionRequest(QStringLiteral("connections"), query);
}

ApiRequest DialectV1::connectionRequest(const QString &connectionId) const
{
    ApiRequest request;
    request.encodedPath = resourcePath(QStringLiteral("connections"), connectionId);
    return request;
}

ApiRequest DialectV1::createConnectionRequest(const ConnectionRequest &connection) const
{
    QStringList fields;
    return jsonRequest(QByteArrayLiteral("POST"), resourcePath(QStringLiteral("connections")),
                       connectionBody(connection, &fields));
}

ApiRequest DialectV1::updateConnectionRequest(const ConnectionRequest &connection) const
{
    // Always a mask: without one, a server takes every field of the body, and a client that filled in the
    // form's empty password field would clear the stored one.
    QStringList fields;
    const QJsonObject body = connectionBody(connection, &fields);
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"),
                    resourcePath(QStringLiteral("connections"), connection.connectionId), body);
    addUpdateMask(request, fields);
    return request;
}

ApiRequest DialectV1::deleteConnectionRequest(const QString &connectionId) const
{
    return deleteRequest(QStringLiteral("connections"), connectionId);
}

ApiRequest DialectV1::testConnectionRequest(const ConnectionRequest &connection) const
{
    if (const QString reason = unavailableReason(Feature::ConnectionTest); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    QStringList fields;
    // The server tries the connection and stores nothing: a read-only profile may test one too.
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("POST"), resourcePath(QStringLiteral("connections/test")),
                    connectionBody(connection, &fields));
    request.reads = true;
    return request;
}

ApiRequest DialectV1::poolRequest(const QString &name) const
{
    ApiRequest request;
    request.encodedPath = resourcePath(QStringLiteral("pools"), name);
    return request;
}

ApiRequest DialectV1::createPoolRequest(const PoolRequest &pool) const
{
    // name and slots are required on create.
    QJsonObject body{{QStringLiteral("name"), pool.name}, {QStringLiteral("slots"), pool.slots.value_or(0)}};
    if (pool.description)
        body.insert(QStringLiteral("description"), textOrNull(*pool.description));
    if (pool.includeDeferred) {
        // Before 2.7 the field is unknown (a 400): "no" is what those servers do anyway, "yes" they cannot.
        const QString reason = unavailableReason(Feature::PoolDeferredSlots);
        if (!reason.isEmpty() && *pool.includeDeferred)
            return ApiRequest::unavailableBecause(reason);
        if (reason.isEmpty())
            body.insert(QStringLiteral("include_deferred"), *pool.includeDeferred);
    }
    return jsonRequest(QByteArrayLiteral("POST"), resourcePath(QStringLiteral("pools")), body);
}

ApiRequest DialectV1::updatePoolRequest(const QString &name, const PoolRequest &pool) const
{
    // The body always names the pool (Airflow reads "name" to guard default_pool), and holds every masked
    // field (Airflow fails with a 500 on a masked field missing from the body).
    const QString newName = pool.name.isEmpty() ? name : pool.name;
    QJsonObject body{{QStringLiteral("name"), newName}};
    QStringList fields;
    if (newName != name)
        fields.append(QStringLiteral("name"));
    if (pool.slots) {
        body.insert(QStringLiteral("slots"), *pool.slots);
        fields.append(QStringLiteral("slots"));
    }
    if (pool.description) {
        body.insert(QStringLiteral("description"), textOrNull(*pool.description));
        fields.append(QStringLiteral("description"));
    }
    if (pool.includeDeferred) {
        if (const QString reason = unavailableReason(Feature::PoolDeferredSlots); !reason.isEmpty())
            return ApiRequest::unavailableBecause(reason);
        body.insert(QStringLiteral("include_deferred"), *pool.includeDeferred);
        fields.append(QStringLiteral("include_deferred"));
    }
    ApiRequest request =
        jsonRequest(QByteArrayLiteral("PATCH"), resourcePath(QStringLiteral("pools"), name), body);
    // An empty mask would make Airflow require name and slots; "name" alone renames nothing harmful.
    addUpdateMask(request, fields.isEmpty() ? QStringList{QStringLiteral("name")} : fields);
    return request;
}

ApiRequest DialectV1::deletePoolRequest(const QString &name) const
{
    return deleteRequest(QStringLiteral("pools"), name);
}

ApiRequest DialectV1::configRequest(const QString &section) const
{
    ApiRequest request;
    request.encodedPath = resourcePath(QStringLiteral("config"));
    if (!section.isEmpty())
        request.addQueryItem(QStringLiteral("section"), section);
    return request;
}

Result<Page<Variable>> DialectV1::decodeVariables(const QJsonDocument &json) const
{
    return decodePage<Variable>(json, QLatin1String("variables"), QStringLiteral("variables"), &readVariable);
}

Result<Variable> DialectV1::decodeVariable(const QJsonDocument &json) const
{
    return decodeObject<Variable>(json, QStringLiteral("the variable"), &readVariable);
}

Result<Page<Connection>> DialectV1::decodeConnections(const QJsonDocument &json) const
{
    return decodePage<Connection>(json, QLatin1String("connections"), QStringLiteral("connections"),
                                  &readConnection);
}

Result<Connection> DialectV1::decodeConnection(const QJsonDocument &json) const
{
    return decodeObject<Connection>(json, QStringLiteral("the connection"), &readConnection);
}

Result<ConnectionTestResult> DialectV1::decodeConnectionTest(const QJsonDocument &json) const
{
    return decodeObject<ConnectionTestResult>(json, QStringLiteral("the connection test"),
                                              &readConnectionTest);
}

Result<Pool> DialectV1::decodePool(const QJsonDocument &json) const
{
    return decodeObject<Pool>(json, QStringLiteral("the pool"), &readPool);
}

Result<Config> DialectV1::decodeConfig(const QJsonDocument &json) const
{
    return decodeObject<Config>(json, QStringLiteral("the configuration"), &readConfig);
}

} // namespace Windsock::Api
