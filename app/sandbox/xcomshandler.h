#pragma once

#include "apiresponse.h"

#include <QJsonValue>
#include <QString>
#include <QVector>

namespace Windsock::Sandbox {

struct ApiRequest;
struct DagRun;
struct TaskInstanceState;
class SandboxState;

// .../taskInstances/{task_id}/xcomEntries[/{xcom_key}]: the XComs the seeded tasks pushed. Every finished,
// successful task of real work pushes something: a JSON return_value, a plain string, or (one task of one
// DAG) a large manifest; EmptyOperators push nothing, as in Airflow.
class XComsHandler
{
public:
    explicit XComsHandler(SandboxState *state);

    ApiResponse list(const ApiRequest &request, const QString &dagId, const QString &runId,
                     const QString &taskId) const;
    ApiResponse get(const ApiRequest &request, const QString &dagId, const QString &runId,
                    const QString &taskId, const QString &key) const;

    struct Entry
    {
        QString key;
        QJsonValue value;
    };
    // What the task instance pushed, ordered by key; empty unless it succeeded. withValues false leaves the
    // values out (lists do not carry them, and the manifest is large).
    QVector<Entry> entries(const DagRun &run, const TaskInstanceState &ti, bool withValues = true) const;
    // Python's str() of a JSON value, as stringify=true (the default) sends it: {'rows': 3, 'ok': True}.
    static QString pythonStr(const QJsonValue &value, bool nested = false);

private:
    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
