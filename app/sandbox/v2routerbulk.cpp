#include "apirouter.h"
#include "v2requestcheck.h"
#include "v2router.h"

#include <QJsonArray>
#include <QJsonDocument>

// V2Router: Airflow 3's bulk endpoints, PATCH /variables, /connections and /pools with a BulkBody. The whole
// body is checked first (a 422 for any fault, nothing done); then each action runs as Airflow's bulk services
// run it: the keys are looked up, a "fail" clash refuses the whole action with one error that names the keys,
// "skip" passes over them, and the entities are created, updated or deleted one by one through the same
// paths as the single endpoints. An error inside the loop ends that action, as the exception does in Airflow.
namespace Windsock::Sandbox {

using namespace V2RequestCheck;

namespace {

using V2Shapes::Violation;

// An entity body checked as the single endpoints check it (VariableBody, ConnectionBody, PoolBody).
std::optional<ApiResponse> entityViolation(const QString &collection, const QJsonObject &entity)
{
    ApiRequest request;
    request.body = compact(entity);
    QJsonObject body;
    if (collection == QLatin1String("variables"))
        return strictBody(request,
                          {{"key", Type::String, false, true},
                           {"value", Type::Any, true, true},
                           {"description", Type::String},
                           {"team_name", Type::String}},
                          &body);
    if (collection == QLatin1String("pools"))
        return strictBody(request,
                          {{"name", Type::String, false, true},
                           {"slots", Type::Int, false, true},
                           {"description", Type::String},
                           {"include_deferred", Type::Bool, false},
                           {"team_name", Type::String}},
                          &body);
    return strictBody(request,
                      {{"connection_id", Type::String, false, true},
                       {"conn_type", Type::String, false, true},
                       {"description", Type::String},
                       {"host", Type::String},
                       {"login", Type::String},
                       {"schema", Type::String},
                       {"port", Type::Int},
                       {"password", Type::String},
                       {"extra", Type::String},
                       {"team_name", Type::String}},
                      &body);
}

// The violations of a 422 answer, with their location moved under prefix.
void adoptViolations(const ApiResponse &invalid, const QStringList &prefix, QList<Violation> *violations)
{
    for (const QJsonValue &item : jsonOf(invalid).value(QLatin1String("detail")).toArray()) {
        const QJsonObject detail = item.toObject();
        QStringList loc = prefix;
        const QJsonArray parts = detail.value(QLatin1String("loc")).toArray();
        for (qsizetype i = 1; i < parts.size(); ++i) // parts[0] is "body"
            loc.append(parts.at(i).isDouble() ? QString::number(parts.at(i).toInt())
                                              : parts.at(i).toString());
        violations->append({detail.value(QLatin1String("type")).toString(), loc,
                            detail.value(QLatin1String("msg")).toString(),
                            detail.value(QLatin1String("input"))});
    }
}

QString keyField(const QString &collection)
{
    return collection == QLatin1String("variables") ? QStringLiteral("key")
           : collection == QLatin1String("pools")   ? QStringLiteral("name")
                                                    : QStringLiteral("connection_id");
}

// Airflow's words for a group of keys: "The variables with these keys: {'a', 'b'}".
QString keysPhrase(const QString &collection, const QStringList &keys)
{
    QStringList quoted;
    for (const QString &key : keys)
        quoted.append(u'\'' + key + u'\'');
    const QString what = collection == QLatin1String("variables") ? QStringLiteral("keys")
                         : collection == QLatin1String("pools")   ? QStringLiteral("names")
                                                                  : QStringLiteral("connection_ids");
    return QStringLiteral("The %1 with these %2: {%3}")
        .arg(collection, what, quoted.join(QStringLiteral(", ")));
}

QJsonObject bulkError(const QString &message, int status)
{
    return QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("status_code"), status}};
}

// The words of a v2 error answer ({"detail": text}, {"detail": {"message": ...}} or a 422 list).
QString errorText(const ApiResponse &response)
{
    const QJsonValue detail = jsonOf(response).value(QLatin1String("detail"));
    if (detail.isString())
        return detail.toString();
    if (detail.isObject() && detail.toObject().value(QLatin1String("message")).isString())
        return detail.toObject().value(QLatin1String("message")).toString();
    if (detail.isUndefined())
        return QString::fromUtf8(response.body);
    return QString::fromUtf8(QJsonDocument(QJsonArray{detail}).toJson(QJsonDocument::Compact))
        .chopped(1)
        .mid(1);
}

} // namespace

ApiResponse V2Router::bulk(const ApiRequest &request, const QString &collection)
{
    QJsonObject body;
    if (std::optional<ApiResponse> invalid =
            strictBody(request, {{"actions", Type::Array, false, true}}, &body))
        return *invalid;
    const QJsonArray actions = body.value(QLatin1String("actions")).toArray();
    const QString idKey = keyField(collection);

    // The whole body first: pydantic refuses it before any action runs.
    QList<Violation> violations;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QStringList at{QStringLiteral("body"), QStringLiteral("actions"), QString::number(i)};
        if (!actions.at(i).isObject()) {
            violations.append(
                {QStringLiteral("model_attributes_type"), at,
                 QStringLiteral("Input should be a valid dictionary or object to extract fields from"),
                 actions.at(i)});
            continue;
        }
        const QJsonObject action = actions.at(i).toObject();
        const QString kind = action.value(QLatin1String("action")).toString();
        if (kind != QLatin1String("create") && kind != QLatin1String("update") &&
            kind != QLatin1String("delete")) {
            violations.append({QStringLiteral("union_tag_invalid"),
                               at + QStringList{QStringLiteral("action")},
                               QStringLiteral("Input tag '%1' found using 'action' does not match any of the "
                                              "expected tags: 'create', 'update', 'delete'")
                                   .arg(kind),
                               action.value(QLatin1String("action"))});
            continue;
        }
        ApiRequest actionRequest;
        actionRequest.body = compact(action);
        QJsonObject checked;
        std::optional<ApiResponse> invalid;
        if (kind == QLatin1String("create"))
            invalid = strictBody(actionRequest,
                                 {{"action", Type::String, false, true},
                                  {"entities", Type::Array, false, true},
                                  {"action_on_existence", Type::String, false}},
                                 &checked);
        else if (kind == QLatin1String("update"))
            invalid = strictBody(actionRequest,
                                 {{"action", Type::String, false, true},
                                  {"entities", Type::Array, false, true},
                                  {"update_mask", Type::Array},
                                  {"action_on_non_existence", Type::String, false}},
                                 &checked);
        else
            invalid = strictBody(actionRequest,
                                 {{"action", Type::String, false, true},
                                  {"entities", Type::Array, false, true},
                                  {"action_on_non_existence", Type::String, false}},
                                 &checked);
        if (invalid)
            adoptViolations(*invalid, at, &violations);
        const QString onExistence = action.value(QLatin1String("action_on_existence")).toString();
        if (action.contains(QLatin1String("action_on_existence")) && kind == QLatin1String("create") &&
            onExistence != QLatin1String("fail") && onExistence != QLatin1String("skip") &&
            onExistence != QLatin1String("overwrite"))
            violations.append({QStringLiteral("enum"),
                               at + QStringList{QStringLiteral("action_on_existence")},
                               QStringLiteral("Input should be 'fail', 'skip' or 'overwrite'"),
                               action.value(QLatin1String("action_on_existence"))});
        const QString onMissing = action.value(QLatin1String("action_on_non_existence")).toString();
        if (action.contains(QLatin1String("action_on_non_existence")) && kind != QLatin1String("create") &&
            onMissing != QLatin1String("fail") && onMissing != QLatin1String("skip"))
            violations.append({QStringLiteral("enum"),
                               at + QStringList{QStringLiteral("action_on_non_existence")},
                               QStringLiteral("Input should be 'fail' or 'skip'"),
                               action.value(QLatin1String("action_on_non_existence"))});
        for (const QJsonValue &field : action.value(QLatin1String("update_mask")).toArray())
            if (!field.isString())
                violations.append({QStringLiteral("string_type"),
                                   at + QStringList{QStringLiteral("update_mask")},
                                   QStringLiteral("Input should be a valid string"), field});
        const QJsonArray entities = action.value(QLatin1String("entities")).toArray();
        for (qsizetype j = 0; j < entities.size(); ++j) {
            const QStringList entityAt = at + QStringList{QStringLiteral("entities"), QString::number(j)};
            const QJsonValue entity = entities.at(j);
            if (kind == QLatin1String("delete") && entity.isString())
                continue;
            if (!entity.isObject()) {
                violations.append({QStringLiteral("model_attributes_type"), entityAt,
                                   QStringLiteral("Input should be a valid dictionary or object to extract "
                                                  "fields from"),
                                   entity});
                continue;
            }
            if (std::optional<ApiResponse> bad = entityViolation(collection, entity.toObject()))
                adoptViolations(*bad, entityAt, &violations);
        }
    }
    if (!violations.isEmpty())
        return V2Shapes::validationError(violations);

    // One sub-request through the single endpoints, as the caller.
    const auto single = [this, &request, &collection](const QByteArray &method, const QString &key,
                                                      const QJsonObject &entity, const QStringList &mask) {
        ApiRequest sub;
        sub.method = method;
        sub.segments = key.isEmpty() ? QStringList{collection} : QStringList{collection, key};
        sub.path = QStringLiteral("/api/v2/") + collection +
                   (key.isEmpty() ? QString() : u'/' + QString::fromLatin1(QUrl::toPercentEncoding(key)));
        for (const QString &field : mask)
            sub.query.addQueryItem(QStringLiteral("update_mask"), field);
        sub.body = entity.isEmpty() ? QByteArray() : compact(entity);
        sub.accept = QByteArrayLiteral("application/json");
        sub.authorization = request.authorization;
        sub.contentType = sub.body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json");
        return V2Shapes::fromProblem(resources(sub, sub.segments));
    };

    QJsonObject results{{QStringLiteral("create"), QJsonValue::Null},
                        {QStringLiteral("update"), QJsonValue::Null},
                        {QStringLiteral("delete"), QJsonValue::Null}};
    for (const QJsonValue &item : actions) {
        const QJsonObject action = item.toObject();
        const QString kind = action.value(QLatin1String("action")).toString();
        QJsonObject result = results.value(kind).isObject()
                                 ? results.value(kind).toObject()
                                 : QJsonObject{{QStringLiteral("success"), QJsonArray()},
                                               {QStringLiteral("errors"), QJsonArray()}};
        QJsonArray success = result.value(QLatin1String("success")).toArray();
        QJsonArray errors = result.value(QLatin1String("errors")).toArray();

        QStringList keys;
        QList<QJsonObject> entities;
        for (const QJsonValue &entity : action.value(QLatin1String("entities")).toArray()) {
            keys.append(entity.isString() ? entity.toString() : entity.toObject().value(idKey).toString());
            entities.append(entity.toObject());
        }
        QStringList existing, missing;
        for (const QString &key : std::as_const(keys)) {
            const bool exists = ok(v1(request, Call{QByteArrayLiteral("GET"), {collection, key}}));
            QStringList &group = exists ? existing : missing;
            if (!group.contains(key))
                group.append(key);
        }
        const QString onExistence =
            action.value(QLatin1String("action_on_existence")).toString(QStringLiteral("fail"));
        const QString onMissing =
            action.value(QLatin1String("action_on_non_existence")).toString(QStringLiteral("fail"));
        if (kind == QLatin1String("create") && onExistence == QLatin1String("fail") && !existing.isEmpty()) {
            errors.append(
                bulkError(keysPhrase(collection, existing) + QStringLiteral(" already exist."), 409));
        } else if (kind != QLatin1String("create") && onMissing == QLatin1String("fail") &&
                   !missing.isEmpty()) {
            errors.append(
                bulkError(keysPhrase(collection, missing) + QStringLiteral(" were not found."), 404));
        } else {
            QStringList mask;
            for (const QJsonValue &field : action.value(QLatin1String("update_mask")).toArray())
                if (field.toString() != idKey) // the key is how the entity is found, not a field to change
                    mask.append(field.toString());
            for (qsizetype i = 0; i < keys.size(); ++i) {
                const QString &key = keys.at(i);
                const bool exists = existing.contains(key);
                ApiResponse answer;
                if (kind == QLatin1String("delete")) {
                    if (!exists)
                        continue; // skip
                    answer = single(QByteArrayLiteral("DELETE"), key, {}, {});
                } else if (kind == QLatin1String("create") && !exists) {
                    answer = single(QByteArrayLiteral("POST"), QString(), entities.at(i), {});
                } else if (kind == QLatin1String("create") && onExistence == QLatin1String("skip")) {
                    continue;
                } else if (kind == QLatin1String("update") && !exists) {
                    continue; // skip
                } else {
                    // An update, or a create that overwrites: the single PATCH of that entity. PoolPatchBody
                    // names the pool "pool" and has no "name".
                    QJsonObject patch = entities.at(i);
                    if (collection == QLatin1String("pools"))
                        patch.remove(QStringLiteral("name"));
                    // The single variable PATCH drops a mask that names "value" (v1 cannot take it) and
                    // then takes the whole body: the fields the mask leaves out keep their stored values.
                    if (collection == QLatin1String("variables") && kind == QLatin1String("update") &&
                        !mask.isEmpty()) {
                        const QJsonObject stored =
                            jsonOf(v1(request, Call{QByteArrayLiteral("GET"), {collection, key}}));
                        for (const char *field : {"value", "description"})
                            if (!mask.contains(QLatin1String(field)))
                                patch.insert(QLatin1String(field), stored.value(QLatin1String(field)));
                    }
                    answer = single(QByteArrayLiteral("PATCH"), key, patch,
                                    kind == QLatin1String("update") ? mask : QStringList());
                }
                if (!ok(answer)) {
                    errors.append(bulkError(errorText(answer), answer.status));
                    break;
                }
                success.append(key);
            }
        }
        result.insert(QStringLiteral("success"), success);
        result.insert(QStringLiteral("errors"), errors);
        results.insert(kind, result);
    }
    return ApiResponse::json(results);
}

} // namespace Windsock::Sandbox
