#pragma once

#include "apierror.h"

#include <utility>

namespace Windsock::Api {

// The outcome of one call: a value or an ApiError, never both.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(ApiError error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return m_value; }
    T &value() { return m_value; }
    const ApiError &error() const { return m_error; }

private:
    T m_value{};
    ApiError m_error;
};

} // namespace Windsock::Api
