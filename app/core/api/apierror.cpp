#include "apierror.h"

#include <utility>

namespace Windsock::Api {

ApiError::ApiError(Kind kind, QString message, int httpStatus, QString detail)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_httpStatus(httpStatus)
    , m_detail(std::move(detail))
{}

} // namespace Windsock::Api
