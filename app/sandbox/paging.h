#pragma once

#include "apiresponse.h"

#include <QString>

#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;

// limit/offset as Airflow 2.x applies them: absent or 0 -> fallback_page_limit (100), capped at
// maximum_page_limit (100).
struct Paging
{
    static constexpr int maximumPageLimit = 100;
    int limit = maximumPageLimit;
    int offset = 0;

    // nullopt and *error set when a value is not an integer or is negative.
    static std::optional<Paging> parse(const ApiRequest &request, ApiResponse *error);
    // order_by: the field name and direction; empty field when absent.
    static QString orderField(const ApiRequest &request, bool *descending);
    static ApiResponse disallowedOrdering(const QString &field);
    // A boolean query parameter: nullopt if absent; *error set if present and not a boolean.
    static std::optional<bool> boolean(const ApiRequest &request, const QString &key, ApiResponse *error);
};

} // namespace Windsock::Sandbox
