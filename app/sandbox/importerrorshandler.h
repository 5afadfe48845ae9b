#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /importErrors and /importErrors/{import_error_id}: one DAG file that fails to import.
class ImportErrorsHandler
{
public:
    // count: 0 (no import error) or 1 (SandboxOptions::importErrorCount).
    explicit ImportErrorsHandler(SandboxState *state, int count = 1);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &id) const;

private:
    QJsonObject importError() const;

    SandboxState *m_state;
    int m_count;
};

} // namespace Windsock::Sandbox
