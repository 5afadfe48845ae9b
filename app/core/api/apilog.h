#pragma once

#include <QLoggingCategory>

// windsock.api: requests, statuses and failures of the API core. Never credentials, never bodies.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
