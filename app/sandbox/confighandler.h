#pragma once

#include "apiresponse.h"

namespace Windsock::Sandbox {

struct ApiRequest;

// GET /config as Airflow 2.10 answers it: 403 unless [webserver] expose_config allows it (exposeConfig);
// then JSON or text/plain by the Accept header, one section with ?section=. The sandbox runs as
// expose_config = non-sensitive-only: secrets show as "< hidden >".
class ConfigHandler
{
public:
    ConfigHandler(bool exposeConfig, bool allowConnectionTest);

    ApiResponse get(const ApiRequest &request) const;

private:
    bool m_exposeConfig;
    bool m_allowConnectionTest;
};

} // namespace Windsock::Sandbox
