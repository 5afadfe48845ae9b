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
    explicit ImportErrorsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &id) const;

private:
    QJsonObject importError() const;

    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
