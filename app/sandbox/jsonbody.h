#pragma once

#include "apiresponse.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;

// Request bodies checked as connexion checks them against the spec before a handler runs: the messages are
// connexion's ("123 is not of type 'string' - 'key'").
namespace JsonBody {

// The body as a JSON object; nullopt and *error (400) when it is not one.
std::optional<QJsonObject> object(const ApiRequest &request, ApiResponse *error);
// A present field of the wrong type (null only where nullable): false and *error (400).
bool check(const QJsonObject &body, const QString &key, QJsonValue::Type type, bool nullable,
           ApiResponse *error);
// Python's way of showing a JSON value in a message: None, True, 'text', 3.
QString repr(const QJsonValue &value);
// update_mask: one comma-separated value (or repeated values); trimmed, empty names dropped.
QStringList updateMask(const ApiRequest &request);

} // namespace JsonBody
} // namespace Windsock::Sandbox
