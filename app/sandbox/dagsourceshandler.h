#pragma once

#include "apiresponse.h"

#include <QString>

namespace Windsock::Sandbox {

struct ApiRequest;
struct DagModel;
class SandboxState;

// What comes from a DAG's file: GET /dagSources/{file_token} (the file's text, synthesized from the DAG)
// and GET /dags/{dag_id}/tasks (its tasks, a chain from start to end).
class DagSourcesHandler
{
public:
    explicit DagSourcesHandler(SandboxState *state);

    ApiResponse source(const ApiRequest &request, const QString &fileToken) const;
    ApiResponse tasks(const ApiRequest &request, const QString &dagId) const;
    // One task of the list (GET /dags/{dag_id}/tasks/{task_id}).
    ApiResponse task(const ApiRequest &request, const QString &dagId, const QString &taskId) const;

    // Plausible Python for the DAG: its id, schedule, tags, params and tasks.
    static QString pythonSource(const DagModel &dag);

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
