#include "tasklog.h"

#include "airflowtime.h"
#include "seedhash.h"

namespace Windsock::Sandbox::TaskLog {

namespace {

QString line(qint64 ms, const QString &source, const QString &level, const QString &message)
{
    return u'[' + AirflowTime::logStamp(ms) + QStringLiteral("] {") + source + QStringLiteral("} ") + level +
           QStringLiteral(" - ") + message + u'\n';
}

} // namespace

QString text(quint32 seed, const DagModel &dag, const DagRun &run, const TaskInstanceState &ti, int tryNumber)
{
    const DagTask &task = dag.tasks.at(ti.taskIndex);
    const QString host =
        QStringLiteral("airflow-worker-%1").arg(SeedHash::of(seed, run.runId, quint64(ti.taskIndex)) % 3);
    const QString path = QStringLiteral("/opt/airflow/logs/dag_id=") + dag.dagId +
                         QStringLiteral("/run_id=") + run.runId + QStringLiteral("/task_id=") + task.taskId +
                         QStringLiteral("/attempt=") + QString::number(tryNumber) + QStringLiteral(".log");
    const QString tiRepr =
        QStringLiteral("<TaskInstance: ") + dag.dagId + u'.' + task.taskId + u' ' + run.runId;
    QString out = QStringLiteral("*** Found local files:\n***   * ") + path + u'\n';
    if (ti.startWallMs < 0)
        return out.left(0) +
               QStringLiteral("*** Could not read served logs: task instance has not started\n");
    qint64 t = ti.startWallMs;
    out += line(t, QStringLiteral("local_task_job_runner.py:123"), QStringLiteral("INFO"),
                QStringLiteral("::group::Pre task execution logs"));
    out += line(t + 12, QStringLiteral("taskinstance.py:2612"), QStringLiteral("INFO"),
                QStringLiteral("Dependencies all met for dep_context=non-requeueable deps ti=") + tiRepr +
                    QStringLiteral(" [queued]>"));
    out += line(t + 25, QStringLiteral("taskinstance.py:2865"), QStringLiteral("INFO"),
                QStringLiteral("Starting attempt %1 of 1").arg(tryNumber));
    out += line(t + 31, QStringLiteral("taskinstance.py:2888"), QStringLiteral("INFO"),
                QStringLiteral("Executing <Task(") + task.operatorName + QStringLiteral("): ") + task.taskId +
                    QStringLiteral("> on ") + AirflowTime::iso(run.logicalMs));
    out += line(t + 40, QStringLiteral("standard_task_runner.py:72"), QStringLiteral("INFO"),
                QStringLiteral("Started process %1 to run task")
                    .arg(1000 + SeedHash::of(seed, run.runId, 7) % 60000));
    out += line(t + 55, QStringLiteral("task_command.py:467"), QStringLiteral("INFO"),
                QStringLiteral("Running ") + tiRepr + QStringLiteral(" [running]> on host ") + host);
    out += line(t + 80, QStringLiteral("taskinstance.py:3158"), QStringLiteral("INFO"),
                QStringLiteral("Exporting env vars: AIRFLOW_CTX_DAG_OWNER='") + dag.owners.join(u',') +
                    QStringLiteral("' AIRFLOW_CTX_DAG_ID='") + dag.dagId +
                    QStringLiteral("' AIRFLOW_CTX_TASK_ID='") + task.taskId +
                    QStringLiteral("' AIRFLOW_CTX_EXECUTION_DATE='") + AirflowTime::iso(run.logicalMs) +
                    QStringLiteral("' AIRFLOW_CTX_TRY_NUMBER='%1' AIRFLOW_CTX_DAG_RUN_ID='").arg(tryNumber) +
                    run.runId + u'\'');
    out += line(t + 81, QStringLiteral("taskinstance.py:731"), QStringLiteral("INFO"),
                QStringLiteral("::endgroup::"));
    const qint64 end = ti.endWallMs >= 0 ? ti.endWallMs : t + 1000;
    const int steps = 3 + int(SeedHash::of(seed, run.runId, 11) % 5);
    for (int i = 0; i < steps; ++i) {
        const qint64 at = t + 100 + (end - t - 200) * i / steps;
        out += line(at, QStringLiteral("logging_mixin.py:190"), QStringLiteral("INFO"),
                    QStringLiteral("Processed batch %1/%2 (%3 rows)")
                        .arg(i + 1)
                        .arg(steps)
                        .arg(1000 + SeedHash::of(seed, run.runId, quint64(i)) % 50000));
        if (ti.endWallMs < 0)
            break;
    }
    if (ti.state == QLatin1String("failed")) {
        out += line(
            end - 50, QStringLiteral("taskinstance.py:3310"), QStringLiteral("ERROR"),
            QStringLiteral("Task failed with exception\nTraceback (most recent call last):\n"
                           "  File \"/home/airflow/.local/lib/python3.12/site-packages/airflow/models/"
                           "taskinstance.py\", line 767, in _execute_task\n    result = _execute_callable("
                           "context=context, **execute_callable_kwargs)\n  File \"") +
                dag.fileloc + QStringLiteral("\", line 42, in ") + task.taskId +
                QStringLiteral("\n    raise ValueError(\"upstream file is empty\")\n"
                               "ValueError: upstream file is empty"));
        out += line(end - 20, QStringLiteral("taskinstance.py:1225"), QStringLiteral("INFO"),
                    QStringLiteral("Marking task as FAILED. dag_id=") + dag.dagId +
                        QStringLiteral(", task_id=") + task.taskId + QStringLiteral(", run_id=") + run.runId);
        out += line(end, QStringLiteral("local_task_job_runner.py:266"), QStringLiteral("INFO"),
                    QStringLiteral("Task exited with return code 1"));
    } else if (ti.state == QLatin1String("success")) {
        out += line(end - 20, QStringLiteral("taskinstance.py:352"), QStringLiteral("INFO"),
                    QStringLiteral("Marking task as SUCCESS. dag_id=") + dag.dagId +
                        QStringLiteral(", task_id=") + task.taskId + QStringLiteral(", run_id=") + run.runId);
        out += line(end, QStringLiteral("local_task_job_runner.py:243"), QStringLiteral("INFO"),
                    QStringLiteral("Task exited with return code 0"));
    }
    return out;
}

QString pythonRepr(const QString &text)
{
    const bool useDouble = text.contains(u'\'') && !text.contains(u'"');
    const QChar quote = useDouble ? u'"' : u'\'';
    QString out;
    out.reserve(text.size() + text.size() / 16 + 2);
    out += quote;
    for (const QChar c : text) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c == quote)
            out += u'\\' + QString(c);
        else
            out += c;
    }
    out += quote;
    return out;
}

} // namespace Windsock::Sandbox::TaskLog
