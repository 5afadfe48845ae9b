#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Windsock::Sandbox::V2RequestCheck {

// What FastAPI and pydantic check in an Airflow 3 request before its handler runs, and the small
// conversions V2Router needs to hand the request on to the Airflow 2 handlers.

enum class Type
{
    String,
    Bool,
    Int,
    Number,
    Object,
    Array,
    Any
};

// One field of a strict (additionalProperties: false) request body.
struct Field
{
    const char *name;
    Type type;
    bool nullable = true;
    bool required = false;
};

// The body checked as pydantic checks a StrictBaseModel: unknown fields, missing required ones and wrong
// types are all reported at once, in a 422. nullopt when the body is good (then *body holds it).
std::optional<ApiResponse> strictBody(const ApiRequest &request, std::initializer_list<Field> fields,
                                      QJsonObject *body);
// limit and offset that are not whole numbers of at least 0: the 422 FastAPI answers for them.
std::optional<ApiResponse> pagingViolation(const ApiRequest &request);
// The query with v2's names turned into v1's and v2's page default (50) where no limit is given.
QUrlQuery v1Query(const QUrlQuery &v2, bool paged,
                  std::initializer_list<std::pair<const char *, const char *>> renames);
// update_mask, repeated in v2 (a comma-separated value is read too).
QStringList updateMask(const ApiRequest &request);

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QJsonObject jsonOf(const ApiResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

inline bool ok(const ApiResponse &response)
{
    return response.status >= 200 && response.status < 300;
}

} // namespace Windsock::Sandbox::V2RequestCheck
