#include "tasklog.h"

#include "airflowtime.h"
#include "seedhash.h"

#include <memory>

namespace Windsock::Sandbox::TaskLog {

namespace {

QString line(qint64 ms, const QString &source, const QString &level, const QString &message)
{
    return u'[' + AirflowTime::logStamp(ms) + QStringLiteral("] {") + source + QStringLiteral("} ") + level +
           QStringLiteral(" - ") + message + u'\n';
}

} // namespace

QString text(quint32 seed, const DagModel &dag, const DagRun &run, const TaskInstanceState &ti, int tryNumber,
             qint64 nowMs)
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
    out += line(
        t + 25, QStringLiteral("taskinstance.py:2865"), QStringLiteral("INFO"),
        QStringLiteral("Starting attempt %1 of %2").arg(tryNumber).arg(qMax(tryNumber, ti.maxTries + 1)));
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
    // A running task's log is always a prefix of its finished log: progress lines every 2 s up to now
    // (or up to the end), then the summary and the closing lines once it has finished.
    const bool running = ti.endWallMs < 0;
    const qint64 end = running ? nowMs : ti.endWallMs;
    for (qint64 at = t + 2000; running ? at <= end : at < end; at += 2000)
        out += line(at, QStringLiteral("logging_mixin.py:190"), QStringLiteral("INFO"),
                    QStringLiteral("Still working: %1 rows so far")
                        .arg((at - t) / 2000 * 1000 + SeedHash::of(seed, run.runId, quint64(at - t)) % 1000));
    if (running)
        return out;
    const int steps = 3 + int(SeedHash::of(seed, run.runId, 11) % 5);
    for (int i = 0; i < steps; ++i) {
        out += line(end - 150 + i, QStringLiteral("logging_mixin.py:190"), QStringLiteral("INFO"),
                    QStringLiteral("Processed batch %1/%2 (%3 rows)")
                        .arg(i + 1)
                        .arg(steps)
                        .arg(1000 + SeedHash::of(seed, run.runId, quint64(i)) % 50000));
    }
    const bool retrying = ti.state == QLatin1String("up_for_retry");
    if (ti.state == QLatin1String("failed") || retrying) {
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
                    (retrying ? QStringLiteral("Marking task as UP_FOR_RETRY. dag_id=")
                              : QStringLiteral("Marking task as FAILED. dag_id=")) +
                        dag.dagId + QStringLiteral(", task_id=") + task.taskId + QStringLiteral(", run_id=") +
                        run.runId);
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

namespace {

// head, then `lines` lines of exactly lineWidth bytes, then tail.
class BulkLog final : public BodySource
{
public:
    static constexpr qint64 lineWidth = 100;

    BulkLog(QByteArray head, QByteArray tail, qint64 lines, qint64 startMs, qint64 spanMs, quint64 hash)
        : m_head(std::move(head))
        , m_tail(std::move(tail))
        , m_lines(lines)
        , m_startMs(startMs)
        , m_spanMs(spanMs)
        , m_hash(hash)
    {}

    qint64 size() const override { return m_head.size() + m_lines * lineWidth + m_tail.size(); }

    QByteArray read(qint64 offset, qint64 maxBytes) const override
    {
        QByteArray out;
        const qint64 end = qMin(size(), offset + maxBytes);
        out.reserve(qMax<qint64>(0, end - offset));
        while (offset < end) {
            QByteArray piece;
            qint64 pieceStart = 0;
            if (offset < m_head.size()) {
                piece = m_head;
            } else if (offset < m_head.size() + m_lines * lineWidth) {
                const qint64 k = (offset - m_head.size()) / lineWidth;
                piece = bulkLine(k);
                pieceStart = m_head.size() + k * lineWidth;
            } else {
                piece = m_tail;
                pieceStart = m_head.size() + m_lines * lineWidth;
            }
            const QByteArray part = piece.mid(offset - pieceStart, end - offset);
            out += part;
            offset += part.size();
        }
        return out;
    }

private:
    QByteArray bulkLine(qint64 k) const
    {
        const qint64 at = m_startMs + 200 + (m_spanMs - 400) * k / qMax<qint64>(1, m_lines);
        QByteArray text = (u'[' + AirflowTime::logStamp(at) +
                           QStringLiteral("] {logging_mixin.py:190} INFO - row %1 checksum %2")
                               .arg(k, 9, 10, QLatin1Char('0'))
                               .arg(SeedHash::mix(m_hash ^ quint64(k)), 16, 16, QLatin1Char('0')))
                              .toLatin1();
        text = text.leftJustified(lineWidth - 1, ' ', true);
        text += '\n';
        return text;
    }

    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_lines;
    qint64 m_startMs;
    qint64 m_spanMs;
    quint64 m_hash;
};

} // namespace

std::shared_ptr<const BodySource> bulk(quint32 seed, const DagModel &dag, const DagRun &run,
                                       const TaskInstanceState &ti, int tryNumber)
{
    if (dag.index != 1 || ti.taskIndex != 1 || ti.endWallMs < 0 || ti.startWallMs < 0)
        return nullptr;
    const QByteArray whole = text(seed, dag, run, ti, tryNumber, ti.endWallMs).toUtf8();
    // The bulk lines go before the closing "Marking task as ..." and exit lines.
    const qsizetype marking = whole.indexOf("Marking task as");
    qsizetype split = marking < 0 ? whole.size() : whole.lastIndexOf("\n[", marking) + 1;
    if (ti.state == QLatin1String("failed"))
        split =
            qMax<qsizetype>(0, whole.indexOf("{taskinstance.py:3310}") < 0
                                   ? split
                                   : whole.lastIndexOf("\n[", whole.indexOf("{taskinstance.py:3310}")) + 1);
    const quint64 h = SeedHash::of(seed, run.runId, quint64(tryNumber) + 0xb16);
    const qint64 bytes = 5LL * 1024 * 1024 + qint64(h % quint64(45LL * 1024 * 1024));
    return std::make_shared<BulkLog>(whole.left(split), whole.mid(split), bytes / BulkLog::lineWidth,
                                     ti.startWallMs, qMax<qint64>(1000, ti.endWallMs - ti.startWallMs), h);
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
