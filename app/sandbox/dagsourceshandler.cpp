#include "dagsourceshandler.h"

#include "airflowtime.h"
#include "apirequest.h"
#include "dagparams.h"
#include "problem.h"
#include "sandboxstate.h"
#include "tasklog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Windsock::Sandbox {

namespace {

// The sandbox's file_token (see AirflowJson::dag): base64url of the JSON-quoted fileloc, then ".sandbox"
// where Airflow puts its itsdangerous signature. The fileloc it names, or empty for a token it did not make.
QString filelocOf(const QString &fileToken)
{
    const qsizetype dot = fileToken.indexOf(u'.');
    if (dot < 0 || fileToken.mid(dot) != QLatin1String(".sandbox"))
        return {};
    const QByteArray payload = QByteArray::fromBase64(
        fileToken.left(dot).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString quoted = QString::fromUtf8(payload);
    if (quoted.size() < 2 || !quoted.startsWith(u'"') || !quoted.endsWith(u'"'))
        return {};
    return quoted.mid(1, quoted.size() - 2);
}

QString pythonLiteral(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double:
        return value.toDouble() == double(value.toInteger()) ? QString::number(value.toInteger())
                                                             : QString::number(value.toDouble());
    case QJsonValue::String:
        return TaskLog::pythonRepr(value.toString());
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(pythonLiteral(item));
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            items.append(TaskLog::pythonRepr(it.key()) + QStringLiteral(": ") + pythonLiteral(it.value()));
        return u'{' + items.join(QStringLiteral(", ")) + u'}';
    }
    }
    return QStringLiteral("None");
}

QString scheduleArgument(const DagSchedule &schedule)
{
    switch (schedule.kind) {
    case DagSchedule::Kind::Cron:
        return TaskLog::pythonRepr(schedule.expression);
    case DagSchedule::Kind::TimeDelta:
        return QStringLiteral("timedelta(seconds=%1)").arg(schedule.timeDeltaSeconds);
    case DagSchedule::Kind::RelativeDelta:
        return QStringLiteral("relativedelta(months=%1)").arg(schedule.relativeMonths);
    case DagSchedule::Kind::Dataset:
        return QStringLiteral("[Dataset(\"s3://warehouse/upstream\")]");
    case DagSchedule::Kind::None:
        break;
    }
    return QStringLiteral("None");
}

QString taskVariable(const QString &taskId)
{
    QString name = taskId;
    for (QChar &c : name) {
        if (!c.isLetterOrNumber())
            c = u'_';
    }
    return name;
}

} // namespace

DagSourcesHandler::DagSourcesHandler(SandboxState *state)
    : m_state(state)
{}

QString DagSourcesHandler::pythonSource(const DagModel &dag)
{
    QString out = QStringLiteral("\"\"\"") + (dag.description.isEmpty() ? dag.dagId : dag.description) +
                  QStringLiteral("\"\"\"\n\nfrom __future__ import annotations\n\n");
    out += QStringLiteral("from datetime import datetime, timedelta\n\n");
    if (dag.schedule.kind == DagSchedule::Kind::RelativeDelta)
        out += QStringLiteral("from dateutil.relativedelta import relativedelta\n");
    out += QStringLiteral("from airflow import DAG\n");
    if (dag.schedule.kind == DagSchedule::Kind::Dataset)
        out += QStringLiteral("from airflow.datasets import Dataset\n");
    out += QStringLiteral("from airflow.models.param import Param\n");
    out += QStringLiteral("from airflow.operators.empty import EmptyOperator\n");
    out += QStringLiteral("from airflow.operators.python import PythonOperator\n\n\n");
    for (int j = 1; j + 1 < dag.tasks.size(); ++j) {
        const QString name = taskVariable(dag.tasks.at(j).taskId);
        out += QStringLiteral("def ") + name + QStringLiteral("(**context):\n") +
               QStringLiteral("    rows = context[\"params\"].get(\"batch_size\", 1000)\n") +
               QStringLiteral("    return {\"rows\": rows, \"task\": \"") + dag.tasks.at(j).taskId +
               QStringLiteral("\"}\n\n\n");
    }
    out += QStringLiteral("with DAG(\n    dag_id=") + TaskLog::pythonRepr(dag.dagId) + QStringLiteral(",\n");
    out += QStringLiteral("    schedule=") + scheduleArgument(dag.schedule) + QStringLiteral(",\n");
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(dag.startDateMs, Qt::UTC);
    out += QStringLiteral("    start_date=datetime(%1, %2, %3),\n")
               .arg(start.date().year())
               .arg(start.date().month())
               .arg(start.date().day());
    out += QStringLiteral("    catchup=") + (dag.catchup ? QStringLiteral("True") : QStringLiteral("False")) +
           QStringLiteral(",\n");
    out += QStringLiteral("    max_active_runs=%1,\n").arg(dag.maxActiveRuns);
    QStringList tags;
    for (const QString &tag : dag.tags)
        tags.append(TaskLog::pythonRepr(tag));
    out += QStringLiteral("    tags=[") + tags.join(QStringLiteral(", ")) + QStringLiteral("],\n");
    out += QStringLiteral("    default_args={\"owner\": ") +
           TaskLog::pythonRepr(dag.owners.isEmpty() ? QStringLiteral("airflow") : dag.owners.first()) +
           QStringLiteral(", \"retries\": 1, \"retry_delay\": timedelta(minutes=5)},\n");
    // Sorted by name: the file's text does not need the declaration order the details answer keeps.
    const QJsonObject params = DagParams::build(dag.paramsKind).toObject();
    if (!params.isEmpty()) {
        out += QStringLiteral("    params={\n");
        for (auto it = params.begin(); it != params.end(); ++it) {
            const QJsonObject param = it.value().toObject();
            QString line = QStringLiteral("        ") + TaskLog::pythonRepr(it.key()) +
                           QStringLiteral(": Param(") + pythonLiteral(param.value(QStringLiteral("value")));
            const QJsonObject schema = param.value(QStringLiteral("schema")).toObject();
            if (schema.contains(QStringLiteral("type")))
                line += QStringLiteral(", type=") + pythonLiteral(schema.value(QStringLiteral("type")));
            if (param.value(QStringLiteral("description")).isString())
                line += QStringLiteral(", description=") +
                        pythonLiteral(param.value(QStringLiteral("description")));
            out += line + QStringLiteral("),\n");
        }
        out += QStringLiteral("    },\n");
    }
    out += QStringLiteral(") as dag:\n");
    if (!dag.docMd.isEmpty())
        out += QStringLiteral("    dag.doc_md = ") + TaskLog::pythonRepr(dag.docMd) + u'\n';
    QStringList chain;
    for (int j = 0; j < dag.tasks.size(); ++j) {
        const DagTask &task = dag.tasks.at(j);
        const QString name = taskVariable(task.taskId);
        chain.append(name);
        const bool empty = j == 0 || j + 1 == dag.tasks.size();
        QString call =
            empty ? QString(QStringLiteral("EmptyOperator(task_id=") + TaskLog::pythonRepr(task.taskId))
                  : QString(QStringLiteral("PythonOperator(task_id=") + TaskLog::pythonRepr(task.taskId) +
                            QStringLiteral(", python_callable=") + name + QStringLiteral(", pool=") +
                            TaskLog::pythonRepr(task.pool) +
                            QStringLiteral(", priority_weight=%1").arg(task.priorityWeight));
        out += QStringLiteral("    ") + name + QStringLiteral("_task = ") + call + QStringLiteral(")\n");
    }
    out += QStringLiteral("\n    ") + chain.join(QStringLiteral("_task >> ")) + QStringLiteral("_task\n");
    return out;
}

ApiResponse DagSourcesHandler::source(const ApiRequest &request, const QString &fileToken) const
{
    const QString fileloc = filelocOf(fileToken);
    const DagModel *found = nullptr;
    for (int i = 0; i < m_state->dagCount() && !fileloc.isEmpty(); ++i) {
        if (m_state->dag(i).fileloc == fileloc)
            found = &m_state->dag(i);
    }
    // dag_source_endpoint: a bad signature and a missing file are both NotFound("Dag source not found").
    if (!found)
        return Problem::notFound(QStringLiteral("Dag source not found"), QString());
    const QString text = pythonSource(*found);
    const QByteArray accept = request.accept;
    // Airflow picks text/plain or application/json by the Accept header; anything else is 406.
    const bool json = accept.isEmpty() || accept.contains("application/json") || accept.contains("*/*");
    if (accept.contains("text/plain") && (accept.indexOf("text/plain") < accept.indexOf("application/json") ||
                                          !accept.contains("application/json")))
        return ApiResponse{200, QByteArrayLiteral("text/plain"), text.toUtf8()};
    if (json)
        return ApiResponse::json(QJsonObject{{QStringLiteral("content"), text}});
    return Problem::notAcceptable(QStringLiteral("Only text/plain and application/json are supported"));
}

ApiResponse DagSourcesHandler::task(const ApiRequest &request, const QString &dagId,
                                    const QString &taskId) const
{
    const ApiResponse all = tasks(request, dagId);
    if (all.status != 200)
        return all;
    const QJsonArray items =
        QJsonDocument::fromJson(all.body).object().value(QLatin1String("tasks")).toArray();
    for (const QJsonValue &item : items)
        if (item.toObject().value(QLatin1String("task_id")).toString() == taskId)
            return ApiResponse::json(item.toObject());
    return Problem::notFound(QStringLiteral("Task not found"),
                             QStringLiteral("Task with id ") + taskId + QStringLiteral(" not found"));
}

ApiResponse DagSourcesHandler::tasks(const ApiRequest &request, const QString &dagId) const
{
    Q_UNUSED(request)
    const int index = m_state->dagIndex(dagId);
    if (index < 0)
        return Problem::notFound(QStringLiteral("DAG not found"),
                                 QStringLiteral("DAG with id ") + dagId + QStringLiteral(" not found"));
    const DagModel &dag = m_state->dag(index);
    QJsonArray tasks;
    for (int j = 0; j < dag.tasks.size(); ++j) {
        const DagTask &task = dag.tasks.at(j);
        const bool empty = j == 0 || j + 1 == dag.tasks.size();
        const QString operatorName = empty ? QStringLiteral("EmptyOperator") : task.operatorName;
        const QString module =
            empty ? QStringLiteral("airflow.operators.empty") : QStringLiteral("airflow.operators.python");
        const QJsonObject delay{{QStringLiteral("__type"), QStringLiteral("TimeDelta")},
                                {QStringLiteral("days"), 0},
                                {QStringLiteral("seconds"), 300},
                                {QStringLiteral("microseconds"), 0}};
        tasks.append(QJsonObject{
            {QStringLiteral("class_ref"), QJsonObject{{QStringLiteral("module_path"), module},
                                                      {QStringLiteral("class_name"), operatorName}}},
            {QStringLiteral("task_id"), task.taskId},
            {QStringLiteral("task_display_name"), task.taskId},
            {QStringLiteral("owner"), dag.owners.isEmpty() ? QStringLiteral("airflow") : dag.owners.first()},
            {QStringLiteral("start_date"), AirflowTime::iso(dag.startDateMs)},
            {QStringLiteral("end_date"), QJsonValue::Null},
            {QStringLiteral("trigger_rule"), QStringLiteral("all_success")},
            {QStringLiteral("extra_links"), QJsonArray()},
            {QStringLiteral("depends_on_past"), false},
            {QStringLiteral("is_mapped"), false},
            {QStringLiteral("wait_for_downstream"), false},
            {QStringLiteral("retries"), empty ? 0 : 1},
            {QStringLiteral("queue"), QStringLiteral("default")},
            {QStringLiteral("executor"), QJsonValue::Null},
            {QStringLiteral("pool"), task.pool},
            {QStringLiteral("pool_slots"), 1},
            {QStringLiteral("execution_timeout"), QJsonValue::Null},
            {QStringLiteral("retry_delay"), delay},
            {QStringLiteral("retry_exponential_backoff"), false},
            {QStringLiteral("priority_weight"), task.priorityWeight},
            {QStringLiteral("weight_rule"), QStringLiteral("downstream")},
            {QStringLiteral("ui_color"), empty ? QStringLiteral("#e8f7e4") : QStringLiteral("#ffefeb")},
            {QStringLiteral("ui_fgcolor"), QStringLiteral("#000")},
            {QStringLiteral("template_fields"),
             empty ? QJsonArray()
                   : QJsonArray{QStringLiteral("templates_dict"), QStringLiteral("op_args"),
                                QStringLiteral("op_kwargs")}},
            {QStringLiteral("downstream_task_ids"),
             j + 1 < dag.tasks.size() ? QJsonArray{dag.tasks.at(j + 1).taskId} : QJsonArray()},
            {QStringLiteral("doc_md"), QJsonValue::Null}});
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("tasks"), tasks}});
}

} // namespace Windsock::Sandbox
