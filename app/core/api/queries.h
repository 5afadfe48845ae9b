#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

// What a caller asks for; the dialect turns these into paths, query strings and bodies.
namespace Windsock::Api {

struct DagQuery
{
    int limit = 100; // asked per page; the server caps it (100 in 2.x)
    int offset = 0;
    QString orderBy;  // a field name, "-" prefix for descending; empty = server default (dag_id)
    QStringList tags; // match any
    QString dagIdPattern;
    std::optional<bool> paused;
    bool onlyActive = true;
};

struct DagRunQuery
{
    QString dagId = QStringLiteral("~");
    int limit = 100;
    int offset = 0;
    QString orderBy; // empty = server default (id, oldest first); "-execution_date" for newest first
    QStringList states;
};

struct TaskInstanceQuery
{
    QString dagId;
    QString dagRunId;
    int limit = 100;
    int offset = 0;
};

// A request to trigger a DAG run. Only what the user set is sent: read-only fields never are.
struct TriggerRequest
{
    QString dagId;
    QString dagRunId;      // empty = let the server choose (the UI always sets one, so retries are safe)
    QDateTime logicalDate; // invalid = now (the server's default)
    QJsonObject conf;
    QString note; // sent only when non-empty (2.5+)
};

} // namespace Windsock::Api
