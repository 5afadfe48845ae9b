#include "dialectv2.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// DialectV2: the bulk endpoints (PATCH /variables, /connections, /pools with a BulkBody; BulkResponse).
// Each entity is the same VariableBody / ConnectionBody / PoolBody a single create sends, so the bodies are
// v1's create bodies (whose fields v2 kept).
namespace Windsock::Api {

namespace {

const QString v2Root = QStringLiteral("/api/v2");

QString actionName(BulkActionKind kind)
{
    switch (kind) {
    case BulkActionKind::Create:
        return QStringLiteral("create");
    case BulkActionKind::Update:
        return QStringLiteral("update");
    case BulkActionKind::Delete:
        break;
    }
    return QStringLiteral("delete");
}

QString onExistenceName(BulkOnExistence onExistence)
{
    switch (onExistence) {
    case BulkOnExistence::Fail:
        return QStringLiteral("fail");
    case BulkOnExistence::Skip:
        return QStringLiteral("skip");
    case BulkOnExistence::Overwrite:
        break;
    }
    return QStringLiteral("overwrite");
}

QJsonObject bodyOf(const ApiRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// The update_mask items of a single-entity request (v1 sends one comma-separated item).
QStringList maskOf(const ApiRequest &request)
{
    QStringList mask;
    for (const auto &[key, value] : request.query)
        if (key == QLatin1String("update_mask"))
            mask += value.split(u',', Qt::SkipEmptyParts);
    return mask;
}

// One BulkBody action. entityBody gives an entity's body and, for an update without an explicit mask, the
// fields that entity sets (an update changes only those, as a single PATCH does).
template<typename Entity, typename EntityBody>
QJsonObject actionJson(const BulkAction<Entity> &action, EntityBody entityBody)
{
    QJsonObject json{{QStringLiteral("action"), actionName(action.kind)}};
    QJsonArray entities;
    if (action.kind == BulkActionKind::Delete) {
        for (const QString &key : action.keys)
            entities.append(key);
        json.insert(QStringLiteral("action_on_non_existence"),
                    action.onNonExistence == BulkOnNonExistence::Skip ? QStringLiteral("skip")
                                                                      : QStringLiteral("fail"));
    } else {
        QStringList setFields;
        for (const Entity &entity : action.entities) {
            QStringList fields;
            entities.append(entityBody(entity, &fields));
            for (const QString &field : std::as_const(fields))
                if (!setFields.contains(field))
                    setFields.append(field);
        }
        if (action.kind == BulkActionKind::Create) {
            json.insert(QStringLiteral("action_on_existence"), onExistenceName(action.onExistence));
        } else {
            json.insert(QStringLiteral("action_on_non_existence"),
                        action.onNonExistence == BulkOnNonExistence::Skip ? QStringLiteral("skip")
                                                                          : QStringLiteral("fail"));
            const QStringList mask = action.updateMask.isEmpty() ? setFields : action.updateMask;
            if (!mask.isEmpty())
                json.insert(QStringLiteral("update_mask"), QJsonArray::fromStringList(mask));
        }
    }
    json.insert(QStringLiteral("entities"), entities);
    return json;
}

template<typename Entity, typename EntityBody>
ApiRequest bulkRequest(const QString &collection, const QList<BulkAction<Entity>> &actions,
                       EntityBody entityBody)
{
    QJsonArray list;
    for (const BulkAction<Entity> &action : actions)
        list.append(actionJson(action, entityBody));
    ApiRequest request;
    request.method = QByteArrayLiteral("PATCH");
    request.encodedPath = v2Root + u'/' + collection;
    request.body =
        QJsonDocument(QJsonObject{{QStringLiteral("actions"), list}}).toJson(QJsonDocument::Compact);
    return request;
}

std::optional<BulkActionResponse> readActionResponse(JsonFields &response, QLatin1String key)
{
    if (!response.has(key))
        return std::nullopt;
    JsonFields fields(response.value(key), response.where() + u'.' + key);
    BulkActionResponse action;
    action.success = fields.strings(QLatin1String("success"));
    const QJsonArray errors = fields.array(QLatin1String("errors"));
    for (qsizetype i = 0; i < errors.size(); ++i) {
        JsonFields error(errors.at(i), QStringLiteral("%1.errors[%2]").arg(fields.where()).arg(i));
        // "error" is a string in every Airflow 3 release; anything else is shown as its JSON text.
        const QJsonValue text = error.value(QLatin1String("error"));
        BulkActionResponse::Error item;
        item.message = text.isString() ? text.toString()
                       : text.isUndefined() || text.isNull()
                           ? QString()
                           : QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact))
                                 .chopped(1)
                                 .mid(1);
        item.httpStatus = error.integer(QLatin1String("status_code"));
        fields.adopt(error.error());
        action.errors.append(item);
    }
    response.adopt(fields.error());
    return action;
}

} // namespace

ApiRequest DialectV2::bulkVariablesRequest(const QList<VariableBulkAction> &actions) const
{
    return bulkRequest(QStringLiteral("variables"), actions, [](const Variable &variable, QStringList *) {
        // Every field, so that an update without a mask sets the description the caller gave (or clears it).
        return QJsonObject{{QStringLiteral("key"), variable.key},
                           {QStringLiteral("value"), variable.value},
                           {QStringLiteral("description"), variable.description.isEmpty()
                                                               ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(variable.description)}};
    });
}

ApiRequest DialectV2::bulkConnectionsRequest(const QList<ConnectionBulkAction> &actions) const
{
    return bulkRequest(QStringLiteral("connections"), actions,
                       [this](const ConnectionRequest &connection, QStringList *fields) {
                           *fields = maskOf(m_v1.updateConnectionRequest(connection));
                           QJsonObject body = bodyOf(m_v1.createConnectionRequest(connection));
                           // ConnectionBody requires conn_type even in an update, whose mask leaves it be.
                           if (!body.contains(QLatin1String("conn_type")))
                               body.insert(QStringLiteral("conn_type"), QString());
                           return body;
                       });
}

ApiRequest DialectV2::bulkPoolsRequest(const QList<PoolBulkAction> &actions) const
{
    return bulkRequest(QStringLiteral("pools"), actions,
                       [this](const PoolRequest &pool, QStringList *fields) {
                           // PoolBody requires slots (v1's create body sends 0 when unset); an update's mask
                           // leaves it be.
                           if (pool.slots)
                               fields->append(QStringLiteral("slots"));
                           if (pool.description)
                               fields->append(QStringLiteral("description"));
                           if (pool.includeDeferred)
                               fields->append(QStringLiteral("include_deferred"));
                           return bodyOf(m_v1.createPoolRequest(pool));
                       });
}

Result<BulkResponse> DialectV2::decodeBulkResponse(const QJsonDocument &json) const
{
    JsonFields fields(json.isObject() ? QJsonValue(json.object()) : QJsonValue(),
                      QStringLiteral("the bulk answer"));
    BulkResponse response;
    response.create = readActionResponse(fields, QLatin1String("create"));
    response.update = readActionResponse(fields, QLatin1String("update"));
    response.remove = readActionResponse(fields, QLatin1String("delete"));
    if (!fields.ok())
        return fields.error();
    return response;
}

} // namespace Windsock::Api
