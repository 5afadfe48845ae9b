#pragma once

#include "apiresponse.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Windsock::Sandbox {

// Airflow 3's JSON shapes (spec airflow-3-v2.yaml), made from the sandbox's Airflow 2 ones: renamed fields
// (is_active -> is_stale, execution_date -> logical_date, schedule_interval -> timetable_summary, ...), tag
// objects, the fields v2 added (with the values a deployment without them sends: null, false, []), and
// nothing v2 removed. Every answer carries each required field of its schema.
namespace V2Shapes {

QJsonObject dag(const QJsonObject &v1);
QJsonObject dagDetails(const QJsonObject &v1);
// logicalDateNull: the run was triggered with "logical_date": null (it has none, only run_after).
QJsonObject dagRun(const QJsonObject &v1, bool logicalDateNull);
QJsonObject taskInstance(const QJsonObject &v1, const QString &dagDisplayName, bool logicalDateNull);
QJsonObject taskInstanceTry(const QJsonObject &v1, const QString &dagDisplayName);
QJsonObject xcom(const QJsonObject &v1, const QString &dagRunId, const QString &runAfter);
QJsonObject pool(const QJsonObject &v1);
QJsonObject variable(const QJsonObject &v1);
QJsonObject connection(const QJsonObject &v1);
QJsonObject importError(const QJsonObject &v1);
QJsonObject task(const QJsonObject &v1);

// One Airflow 2 log line ("[2025-06-01T12:00:00.000+0000] {source} INFO - text") as a StructuredLogMessage
// {"timestamp", "event", "level", "logger"}; other lines ("*** Found local files:") as {"event"}.
QJsonObject logMessage(const QString &line);

// Errors: {"detail": "..."} for an Airflow 2 problem+json or plain-text error (same status); 422
// validation lists.
ApiResponse detail(int status, const QString &text);
ApiResponse fromProblem(const ApiResponse &v1);
struct Violation
{
    QString type; // "missing", "extra_forbidden", "bool_type", ...
    QStringList loc;
    QString msg;
    QJsonValue input;
};
ApiResponse validationError(const QList<Violation> &violations);

} // namespace V2Shapes
} // namespace Windsock::Sandbox
