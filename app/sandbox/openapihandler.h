#pragma once

#include "apiresponse.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Windsock::Sandbox {

struct ApiRequest;
struct SandboxOptions;

// The server's own OpenAPI document, served from a spec file (SandboxOptions::openApiFile, JSON or YAML)
// where Airflow serves it, without authentication as Airflow does:
//   Airflow 2 (connexion): /api/v1/openapi.json (as JSON) and /api/v1/openapi.yaml (the file as written);
//   Airflow 3 (FastAPI): /openapi.json (as JSON), with the browser UI's private /ui/... API in it too, as
//   the real server's document has (a dummy /ui/ path: clients must leave those out).
// Without a file, or on Airflow 1.10's API, these paths stay unknown (404).
class OpenApiHandler
{
public:
    explicit OpenApiHandler(const SandboxOptions &options);

    // Reads a spec file as the sandbox will serve it; false and a sentence when it cannot be read or is not
    // a JSON or YAML object. For the command line, to refuse a bad --openapi at once.
    static bool check(const QString &fileName, QString *error);

    bool isServing() const { return !m_json.isEmpty(); }
    // The answer for the document's paths (GET and HEAD); nothing for every other request.
    std::optional<ApiResponse> answer(const ApiRequest &request) const;

private:
    struct Document
    {
        QByteArray bytes; // the file as written
        QByteArray json;  // the same document as compact JSON
        bool yaml = false;
    };
    static std::optional<Document> load(const QString &fileName, QString *error);

    bool m_v2 = false;
    QByteArray m_json; // what /api/v1/openapi.json or /openapi.json answers
    QByteArray m_yaml; // what /api/v1/openapi.yaml answers
};

} // namespace Windsock::Sandbox
