#include "experimentalshapes.h"

#include "airflowjson.h"
#include "airflowtime.h"
#include "resourcestore.h"
#include "sandboxstate.h"
#include "seedhash.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace Windsock::Sandbox::ExperimentalShapes {

namespace {

// Python's str() of a float: the shortest text, always with a decimal point ("5.0", "12.345").
QString pythonFloat(double value)
{
    QString text = QString::number(value, 'f', 6);
    while (text.endsWith(u'0') && !text.endsWith(QLatin1String(".0")))
        text.chop(1);
    return text;
}

// Python's str() of what a JSON value held before jsonify: None, True/False, the number, the text.
QString pythonValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double:
        return value.toDouble() == double(value.toInteger()) ? QString::number(value.toInteger())
                                                             : pythonFloat(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return value.toArray().isEmpty() ? QStringLiteral("[]") : QStringLiteral("[...]");
    case QJsonValue::Object:
        return value.toObject().isEmpty() ? QStringLiteral("{}") : QStringLiteral("{...}");
    }
    return QStringLiteral("None");
}

// str(datetime.timedelta): "0:05:00", "1 day, 2:00:00".
QString timedeltaStr(const QJsonObject &delta)
{
    const qint64 days = delta.value(QLatin1String("days")).toInteger();
    const qint64 seconds = delta.value(QLatin1String("seconds")).toInteger();
    QString text = QStringLiteral("%1:%2:%3")
                       .arg(seconds / 3600)
                       .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                       .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (days != 0)
        text =
            QString::number(days) + (days == 1 ? QStringLiteral(" day, ") : QStringLiteral(" days, ")) + text;
    return text;
}

QString quotePlus(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral(" ")).replace(' ', '+'));
}

} // namespace

QString pythonStr(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("None");
    QString text = AirflowTime::iso(ms);
    text[10] = u' ';
    return text;
}

QString isoMicros(qint64 micros)
{
    const qint64 fraction = ((micros % 1000000) + 1000000) % 1000000;
    const QString whole = AirflowTime::iso((micros - fraction) / 1000);
    if (fraction == 0)
        return whole;
    return whole.left(19) + u'.' + QString::number(fraction).rightJustified(6, u'0') + whole.mid(19);
}

std::optional<qint64> parseDate(const QString &text)
{
    // pendulum 1.x falls back to dateutil for text that is not ISO 8601 ("Nov 16 2016"); the sandbox takes
    // ISO 8601 only, which is what every client sends.
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?)?"
        "(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?$"));
    QString value = text.trimmed();
    // A '+' sent unencoded in a query string arrives as a space: take it back.
    if (value.size() > 19 && value.at(value.size() - 6) == u' ')
        value[value.size() - 6] = u'+';
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const qint64 micros = m.captured(7).isEmpty() ? 0 : m.captured(7).leftJustified(6, u'0').toLongLong();
    qint64 offsetSeconds = 0;
    if (!m.captured(9).isEmpty()) {
        offsetSeconds = m.captured(10).toInt() * 3600 + m.captured(11).toInt() * 60;
        if (m.captured(9) == QLatin1String("-"))
            offsetSeconds = -offsetSeconds;
    }
    return (QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch() - offsetSeconds * 1000) * 1000 +
           micros;
}

QString runState(const DagRunProgress &progress)
{
    return progress.state == DagRunState::Queued ? QStringLiteral("running")
                                                 : AirflowJson::dagRunStateName(progress.state);
}

QString dagRunUrl(const QString &dagId, qint64 logicalMs)
{
    return QStringLiteral("/graph?dag_id=") + quotePlus(dagId) + QStringLiteral("&execution_date=") +
           quotePlus(pythonStr(logicalMs));
}

QJsonObject dagRun(const SandboxState &state, const DagRun &run)
{
    const QString dagId = state.dag(run.dagIndex).dagId;
    // DagRun.start_date is set when the run is created (create_dagrun, or the scheduler's), so it is the
    // sandbox's queued time; get_dag_runs would write "" for a run without one.
    return QJsonObject{{QStringLiteral("id"), run.id},
                       {QStringLiteral("run_id"), run.runId},
                       {QStringLiteral("state"), runState(state.progress(run))},
                       {QStringLiteral("dag_id"), dagId},
                       {QStringLiteral("execution_date"), AirflowTime::iso(run.logicalMs)},
                       {QStringLiteral("start_date"), AirflowTime::iso(run.queuedWallMs)},
                       {QStringLiteral("dag_run_url"), dagRunUrl(dagId, run.logicalMs)}};
}

QJsonObject taskInstance(const SandboxState &state, const DagRun &run, const TaskInstanceState &ti)
{
    const QJsonObject v1 = AirflowJson::taskInstance(state, run, ti);
    QJsonObject o;
    // The columns vars(ti) holds after a load from the database (private ones, _try_number among them,
    // are left out by the endpoint), plus try_number, which a client wants and 1.10 shows in its UI.
    for (const char *key : {"task_id", "dag_id", "state", "max_tries", "hostname", "unixname", "pool",
                            "pool_slots", "queue", "priority_weight", "operator", "pid", "executor_config"})
        o.insert(QLatin1String(key), pythonValue(v1.value(QLatin1String(key))));
    o.insert(QStringLiteral("try_number"), QString::number(ti.tryNumber));
    o.insert(QStringLiteral("execution_date"), pythonStr(run.logicalMs));
    o.insert(QStringLiteral("start_date"), pythonStr(ti.startWallMs));
    o.insert(QStringLiteral("end_date"), pythonStr(ti.endWallMs));
    o.insert(QStringLiteral("queued_dttm"), pythonStr(ti.queuedWallMs));
    o.insert(QStringLiteral("duration"), ti.endWallMs >= 0 && ti.startWallMs >= 0
                                             ? pythonFloat(double(ti.endWallMs - ti.startWallMs) / 1000.0)
                                             : QStringLiteral("None"));
    const quint64 h = SeedHash::of(state.seed(), run.runId, quint64(ti.taskIndex) ^ 0x10bULL);
    o.insert(QStringLiteral("job_id"),
             ti.startWallMs >= 0 ? QString::number(1 + h % 100000) : QStringLiteral("None"));
    o.insert(QStringLiteral("test_mode"), QStringLiteral("False")); // set by TaskInstance.init_on_load
    return o;
}

QJsonObject task(const QJsonObject &v1Task)
{
    QJsonObject o;
    for (const char *key : {"task_id", "owner", "trigger_rule", "depends_on_past", "wait_for_downstream",
                            "retries", "queue", "pool", "pool_slots", "priority_weight", "weight_rule",
                            "retry_exponential_backoff", "execution_timeout", "ui_color", "ui_fgcolor"})
        o.insert(QLatin1String(key), pythonValue(v1Task.value(QLatin1String(key))));
    // BaseOperator keeps its dates as pendulum instances, whose str() is the ISO form with a 'T'.
    const QJsonValue start = v1Task.value(QLatin1String("start_date"));
    o.insert(QStringLiteral("start_date"), start.isString() ? start.toString() : QStringLiteral("None"));
    const QJsonValue end = v1Task.value(QLatin1String("end_date"));
    o.insert(QStringLiteral("end_date"), end.isString() ? end.toString() : QStringLiteral("None"));
    o.insert(QStringLiteral("retry_delay"),
             timedeltaStr(v1Task.value(QLatin1String("retry_delay")).toObject()));
    // task_type is a property, not in vars(task); it is here because a client shows it.
    o.insert(
        QStringLiteral("task_type"),
        v1Task.value(QLatin1String("class_ref")).toObject().value(QLatin1String("class_name")).toString());
    // BaseOperator.__init__'s defaults for what the sandbox's DAG files do not set.
    o.insert(QStringLiteral("email"), QStringLiteral("None"));
    o.insert(QStringLiteral("email_on_failure"), QStringLiteral("True"));
    o.insert(QStringLiteral("email_on_retry"), QStringLiteral("True"));
    o.insert(QStringLiteral("max_retry_delay"), QStringLiteral("None"));
    o.insert(QStringLiteral("sla"), QStringLiteral("None"));
    o.insert(QStringLiteral("run_as_user"), QStringLiteral("None"));
    o.insert(QStringLiteral("task_concurrency"), QStringLiteral("None"));
    o.insert(QStringLiteral("do_xcom_push"), QStringLiteral("True"));
    o.insert(QStringLiteral("params"), QStringLiteral("{}"));
    o.insert(QStringLiteral("executor_config"), QStringLiteral("{}"));
    o.insert(QStringLiteral("inlets"), QStringLiteral("[]"));
    o.insert(QStringLiteral("outlets"), QStringLiteral("[]"));
    return o;
}

QJsonObject pool(const SandboxPool &p)
{
    return QJsonObject{{QStringLiteral("id"), p.id},
                       {QStringLiteral("pool"), p.name},
                       {QStringLiteral("slots"), p.slots},
                       {QStringLiteral("description"), p.description}};
}

QJsonObject error(const QString &message)
{
    return QJsonObject{{QStringLiteral("error"), message}};
}

} // namespace Windsock::Sandbox::ExperimentalShapes
