#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// /variables and /variables/{variable_key} as Airflow 2.10 answers them: the list without values, POST as an
// upsert (Variable.set: an existing key is overwritten, no 409), PATCH with update_mask, DELETE → 204.
class VariablesHandler
{
public:
    explicit VariablesHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &key) const;
    ApiResponse create(const ApiRequest &request);
    ApiResponse patch(const ApiRequest &request, const QString &key);
    ApiResponse remove(const ApiRequest &request, const QString &key);

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
