#pragma once

#include <QLoggingCategory>

// Profiles, the keychain and opening deployments. Never logs a secret.
Q_DECLARE_LOGGING_CATEGORY(lcProfiles)
