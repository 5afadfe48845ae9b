#include "variableshandler.h"

#include "apirequest.h"
#include "jsonbody.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>

#include <algorithm>

namespace Windsock::Sandbox {

namespace {

QJsonObject variableJson(const SandboxVariable &variable)
{
    return QJsonObject{{QStringLiteral("key"), variable.key},
                       {QStringLiteral("value"), variable.value},
                       {QStringLiteral("description"), variable.description}};
}

ApiResponse variableNotFound()
{
    return Problem::notFound(QStringLiteral("Variable not found"), QStringLiteral("Variable does not exist"));
}

// marshmallow's ValidationError.messages, as str() shows them: {'value': ['Missing data for required
// field.']}
ApiResponse invalidSchema(const QStringList &missing)
{
    QStringList parts;
    for (const QString &field : missing)
        parts.append(u'\'' + field + QStringLiteral("': ['Missing data for required field.']"));
    return Problem::make(400, QStringLiteral("Invalid Variable schema"),
                         u'{' + parts.join(QStringLiteral(", ")) + u'}', QStringLiteral("BadRequest"));
}

// Checks the body as connexion and VariableSchema do; key and value are required.
std::optional<QJsonObject> variableBody(const ApiRequest &request, ApiResponse *error)
{
    std::optional<QJsonObject> body = JsonBody::object(request, error);
    if (!body)
        return std::nullopt;
    if (!JsonBody::check(*body, QStringLiteral("key"), QJsonValue::String, false, error) ||
        !JsonBody::check(*body, QStringLiteral("value"), QJsonValue::String, false, error) ||
        !JsonBody::check(*body, QStringLiteral("description"), QJsonValue::String, true, error))
        return std::nullopt;
    // The spec allows a null description, VariableSchema does not.
    if (body->value(QStringLiteral("description")).isNull()) {
        *error = Problem::make(400, QStringLiteral("Invalid Variable schema"),
                               QStringLiteral("{'description': ['Field may not be null.']}"),
                               QStringLiteral("BadRequest"));
        return std::nullopt;
    }
    QStringList missing;
    for (const QString &field : {QStringLiteral("key"), QStringLiteral("value")}) {
        if (!body->contains(field))
            missing.append(field);
    }
    if (!missing.isEmpty()) {
        *error = invalidSchema(missing);
        return std::nullopt;
    }
    return body;
}

} // namespace

VariablesHandler::VariablesHandler(SandboxState *state)
    : m_state(state)
{}

ApiResponse VariablesHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QVector<SandboxVariable> rows = m_state->resources().variables;
    bool descending = false;
    const QString field = Paging::orderField(request, &descending);
    if (!field.isEmpty() && field != QLatin1String("id")) {
        if (field != QLatin1String("key") && field != QLatin1String("value"))
            return Paging::disallowedOrdering(field);
        const bool byKey = field == QLatin1String("key");
        std::stable_sort(rows.begin(), rows.end(),
                         [byKey](const SandboxVariable &a, const SandboxVariable &b) {
                             return byKey ? a.key < b.key : a.value < b.value;
                         });
    }
    if (descending)
        std::reverse(rows.begin(), rows.end());
    QJsonArray items;
    for (int i = paging->offset; i < rows.size() && i < paging->offset + paging->limit; ++i) {
        // The list leaves the values out (they may be secrets).
        items.append(QJsonObject{{QStringLiteral("key"), rows.at(i).key},
                                 {QStringLiteral("description"), rows.at(i).description}});
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("variables"), items},
                                         {QStringLiteral("total_entries"), int(rows.size())}});
}

ApiResponse VariablesHandler::get(const ApiRequest &, const QString &key) const
{
    const int index = m_state->resources().variableIndex(key);
    if (index < 0)
        return variableNotFound();
    return ApiResponse::json(variableJson(m_state->resources().variables.at(index)));
}

ApiResponse VariablesHandler::create(const ApiRequest &request)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = variableBody(request, &error);
    if (!body)
        return error;
    ResourceStore &store = m_state->resources();
    const QString key = body->value(QStringLiteral("key")).toString();
    if (key.isEmpty() || key.size() > 250)
        return Problem::badRequest(QStringLiteral("The key has to be between 1 and 250 characters long"));
    // Variable.set: an existing key is overwritten (its description too).
    const int index = store.variableIndex(key);
    SandboxVariable variable{index >= 0 ? store.variables.at(index).id : store.nextId(), key,
                             body->value(QStringLiteral("value")).toString(),
                             body->contains(QStringLiteral("description"))
                                 ? body->value(QStringLiteral("description"))
                                 : QJsonValue(QJsonValue::Null)};
    if (index >= 0)
        store.variables[index] = variable;
    else
        store.variables.append(variable);
    return ApiResponse::json(variableJson(variable));
}

ApiResponse VariablesHandler::patch(const ApiRequest &request, const QString &key)
{
    ApiResponse error;
    const std::optional<QJsonObject> body = variableBody(request, &error);
    if (!body)
        return error;
    if (body->value(QStringLiteral("key")).toString() != key)
        return Problem::make(400, QStringLiteral("Invalid post body"),
                             QStringLiteral("key from request body doesn't match uri parameter"),
                             QStringLiteral("BadRequest"));
    ResourceStore &store = m_state->resources();
    const int index = store.variableIndex(key);
    if (index < 0)
        return variableNotFound();
    // Without a mask, every field of the body is taken (an absent description stays). With one,
    // extract_update_mask_data looks the names up in the loaded data, never the key; VariableSchema loads
    // "value" as "val", so "value" is refused too and only "description" can be masked.
    QStringList fields = JsonBody::updateMask(request);
    for (const QString &field : std::as_const(fields)) {
        if (field != QLatin1String("description") || !body->contains(field))
            return Problem::badRequest(u'\'' + field + QStringLiteral("' is unknown or cannot be updated."));
    }
    if (fields.isEmpty()) {
        fields.append(QStringLiteral("value"));
        if (body->contains(QStringLiteral("description")))
            fields.append(QStringLiteral("description"));
    }
    SandboxVariable &variable = store.variables[index];
    if (fields.contains(QLatin1String("value")))
        variable.value = body->value(QStringLiteral("value")).toString();
    if (fields.contains(QLatin1String("description")))
        variable.description = body->value(QStringLiteral("description"));
    return ApiResponse::json(variableJson(variable));
}

ApiResponse VariablesHandler::remove(const ApiRequest &, const QString &key)
{
    ResourceStore &store = m_state->resources();
    const int index = store.variableIndex(key);
    if (index < 0)
        return variableNotFound();
    store.variables.removeAt(index);
    return ApiResponse::noContent();
}

} // namespace Windsock::Sandbox
