#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox::Problem {

// RFC 7807 answers as Airflow's connexion layer sends them: application/problem+json with
// {type, title, status, detail}; type points at the Errors section of the REST API reference.
ApiResponse make(int status, const QString &title, const QString &detail, const QString &typeFragment);

ApiResponse badRequest(const QString &detail);
ApiResponse unauthenticated();
ApiResponse notFound(const QString &title, const QString &detail);
ApiResponse alreadyExists(const QString &detail);
ApiResponse unknownPath();
ApiResponse methodNotAllowed();
ApiResponse notAcceptable(const QString &detail);
ApiResponse serverError(int status); // 500 or 503, for fault injection

} // namespace Windsock::Sandbox::Problem
