#pragma once

#include "api/result.h"

#include <QTest>
#include <optional>

namespace Windsock::Tests {

// Starts an asynchronous client call and waits for its one result, running the event loop (QTRY). The test
// fails (and nullopt comes back) when nothing arrives in time. Use it as
//   const auto dags = awaitResult<Page<Dag>>([&](auto done) { client->dags({}, this, done); });
template<typename T, typename Start>
std::optional<Api::Result<T>> awaitResult(Start start, int timeoutMs = 20000)
{
    std::optional<Api::Result<T>> result;
    start([&result](const Api::Result<T> &r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), timeoutMs); }();
    return result;
}

} // namespace Windsock::Tests
