#include "dialectexperimental.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>

// DialectExperimental: decoding 1.10's answers. Runs are {id, run_id, state, dag_id, execution_date,
// start_date, dag_run_url} with "" for a missing date; tasks and task instances are objects whose every value
// is Python's str() of the attribute ("None", "True", "2026-11-22 10:00:00+00:00", "3").
namespace Windsock::Api {

namespace {

using Kind = ApiError::Kind;

QString runKey(const QString &dagId, const QString &dagRunId)
{
    return dagId + QLatin1Char('\n') + dagRunId;
}

// str() of a Python value, as a string; "None" is no value.
QString pythonString(JsonFields &f, QLatin1String key)
{
    const QString text = f.has(key) && f.value(key).isString() ? f.string(key) : QString();
    return text == QLatin1String("None") ? QString() : text;
}

int pythonInteger(JsonFields &f, QLatin1String key, int fallback = 0)
{
    if (f.value(key).isDouble())
        return f.integer(key, fallback);
    bool ok = false;
    const int value = pythonString(f, key).toInt(&ok);
    return ok ? value : fallback;
}

double pythonNumber(JsonFields &f, QLatin1String key)
{
    if (f.value(key).isDouble())
        return f.number(key);
    return pythonString(f, key).toDouble();
}

bool pythonBoolean(JsonFields &f, QLatin1String key)
{
    if (f.value(key).isBool())
        return f.boolean(key);
    return pythonString(f, key) == QLatin1String("True");
}

QDateTime pythonDateTime(JsonFields &f, QLatin1String key)
{
    return DialectExperimental::parsePythonDateTime(pythonString(f, key));
}

// 1.10 names the kind of run only in its id's prefix.
QString runTypeOf(const QString &runId)
{
    if (runId.startsWith(QLatin1String("scheduled__")))
        return QStringLiteral("scheduled");
    if (runId.startsWith(QLatin1String("backfill")))
        return QStringLiteral("backfill");
    return QStringLiteral("manual");
}

ApiError notAnObject(const QString &what)
{
    return ApiError(Kind::UnexpectedShape,
                    QObject::tr("The server's answer is not %1 (expected a JSON object).").arg(what));
}

ApiError notAList(const QString &what)
{
    return ApiError(
        Kind::UnexpectedShape,
        QObject::tr("The server's answer is not a list of %1 (expected a JSON array).").arg(what));
}

Pool readPool(JsonFields &f)
{
    Pool pool;
    pool.name = f.string(QLatin1String("pool"));
    if (f.ok() && pool.name.isEmpty())
        f.fail(QLatin1String("pool"), QStringLiteral("a pool name"));
    pool.slots = pythonInteger(f, QLatin1String("slots"));
    pool.description = pythonString(f, QLatin1String("description"));
    return pool;
}

} // namespace

QDateTime DialectExperimental::parsePythonDateTime(const QString &text)
{
    QString iso = text.trimmed();
    if (iso.isEmpty() || iso == QLatin1String("None"))
        return {};
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' ')) // str(datetime) puts a space before the time
        iso[10] = QLatin1Char('T');
    // Microseconds: Qt reads milliseconds only.
    static const QRegularExpression micro(QStringLiteral("(\\.\\d{3})\\d+"));
    iso.replace(micro, QStringLiteral("\\1"));
    return JsonFields::parseDateTime(iso);
}

Result<DagRun> DialectExperimental::readRun(const QJsonValue &value, const QString &where) const
{
    JsonFields f(value, where);
    DagRun run;
    run.dagId = f.string(QLatin1String("dag_id"));
    run.dagRunId = f.string(QLatin1String("run_id"));
    run.state = pythonString(f, QLatin1String("state"));
    const QString executionDate = pythonString(f, QLatin1String("execution_date"));
    run.logicalDate = parsePythonDateTime(executionDate);
    run.startDate = pythonDateTime(f, QLatin1String("start_date"));
    if (f.ok() && run.dagRunId.isEmpty())
        f.fail(QLatin1String("run_id"), QStringLiteral("a run id"));
    if (f.ok() && !executionDate.isEmpty() && !run.logicalDate.isValid())
        f.fail(QLatin1String("execution_date"), QStringLiteral("a date and time"));
    if (!f.ok())
        return f.error();
    run.runType = runTypeOf(run.dagRunId);
    run.externalTrigger = run.runType == QLatin1String("manual");
    run.hasConf = false;
    if (!executionDate.isEmpty())
        m_executionDates.insert(runKey(run.dagId, run.dagRunId), executionDate);
    m_runs.insert(runKey(run.dagId, run.dagRunId), run);
    return run;
}

Result<Version> DialectExperimental::decodeVersion(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, versionRequest().unavailable);
}

Result<Health> DialectExperimental::decodeHealth(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Health));
}

Result<Page<Dag>> DialectExperimental::decodeDags(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ListDags));
}

Result<Dag> DialectExperimental::decodeDag(const QJsonDocument &json) const
{
    if (!json.isObject())
        return notAnObject(QObject::tr("a DAG's pause state"));
    JsonFields f(json.object(), QStringLiteral("the DAG"));
    Dag dag;
    dag.isPaused = f.boolean(QLatin1String("is_paused"));
    if (f.ok() && !f.has(QLatin1String("is_paused")))
        f.fail(QLatin1String("is_paused"), QStringLiteral("true or false"));
    if (!f.ok())
        return f.error();
    return dag;
}

Result<Dag> DialectExperimental::decodeDagAnswer(const QJsonDocument &json, const QString &dagId) const
{
    Result<Dag> dag = decodeDag(json);
    if (!dag)
        return dag;
    Dag value = dag.value();
    value.dagId = dagId;
    value.displayName = dagId;
    value.fileToken = dagId; // the code endpoint is keyed by the DAG's id
    return value;
}

Result<Dag> DialectExperimental::decodePauseAnswer(const QJsonDocument &json, const QString &dagId,
                                                   bool paused) const
{
    // {"response": "ok"}: the toggle says nothing but that it was done.
    if (!json.isObject() || json.object().value(QLatin1String("response")).toString() != QLatin1String("ok"))
        return ApiError(Kind::UnexpectedShape,
                        QObject::tr("The server did not confirm the change of %1's pause state.").arg(dagId));
    Dag dag;
    dag.dagId = dagId;
    dag.displayName = dagId;
    dag.fileToken = dagId;
    dag.isPaused = paused;
    return dag;
}

Result<DagDetails> DialectExperimental::decodeDagDetails(const QJsonDocument &, const QByteArray &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::DagDetails));
}

Result<Page<DagRun>> DialectExperimental::decodeDagRuns(const QJsonDocument &json) const
{
    if (!json.isArray())
        return notAList(QObject::tr("runs"));
    const QJsonArray items = json.array();
    Page<DagRun> page;
    page.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Result<DagRun> run = readRun(items.at(i), QStringLiteral("runs[%1]").arg(i));
        if (!run)
            return run.error();
        page.items.append(run.value());
    }
    page.totalEntries = int(page.items.size());
    return page;
}

Result<DagRun> DialectExperimental::decodeDagRun(const QJsonDocument &json) const
{
    // {"state": "running"}: decodeDagRunAnswer adds what the answer leaves out.
    if (!json.isObject())
        return notAnObject(QObject::tr("a run's state"));
    JsonFields f(json.object(), QStringLiteral("the run"));
    DagRun run;
    run.state = f.string(QLatin1String("state"));
    run.hasConf = false;
    if (!f.ok())
        return f.error();
    return run;
}

Result<DagRun> DialectExperimental::decodeDagRunAnswer(const QJsonDocument &json, const QString &dagId,
                                                       const QString &dagRunId) const
{
    if (json.isArray()) { // the DAG's whole list, for a run not seen before
        const Result<Page<DagRun>> runs = decodeDagRuns(json);
        if (!runs)
            return runs.error();
        for (const DagRun &run : runs.value().items)
            if (run.dagRunId == dagRunId)
                return run;
        return ApiError(Kind::NotFound, QObject::tr("The DAG %1 has no run %2.").arg(dagId, dagRunId), 404);
    }
    const Result<DagRun> state = decodeDagRun(json);
    if (!state)
        return state;
    DagRun run = m_runs.value(runKey(dagId, dagRunId));
    run.dagId = dagId;
    if (run.dagRunId.isEmpty()) { // the path named the run by its execution date
        run.dagRunId = dagRunId;
        run.logicalDate = parsePythonDateTime(dagRunId);
        run.runType = runTypeOf(dagRunId);
        run.hasConf = false;
    }
    run.state = state.value().state;
    m_runs.insert(runKey(dagId, dagRunId), run);
    return run;
}

Result<DagRun> DialectExperimental::decodeTriggerAnswer(const QJsonDocument &json,
                                                        const TriggerRequest &request) const
{
    // 1.10.15: {"message": "Created <DagRun dag @ 2026-...: manual__..., externally triggered: True>",
    // "execution_date": "...", "run_id": "..."}; earlier 1.10 releases send the message only.
    if (!json.isObject())
        return notAnObject(QObject::tr("the new run"));
    JsonFields f(json.object(), QStringLiteral("the new run"));
    const QString message = f.string(QLatin1String("message"));
    QString runId = f.string(QLatin1String("run_id"));
    QString executionDate = f.string(QLatin1String("execution_date"));
    if (!f.ok())
        return f.error();
    // A date holds colons but never ": ", which ends it.
    static const QRegularExpression created(
        QStringLiteral("<DagRun .+ @ (.+?): (.+), externally triggered: \\w+>"));
    const QRegularExpressionMatch match = created.match(message);
    if (executionDate.isEmpty() && match.hasMatch())
        executionDate = match.captured(1);
    if (runId.isEmpty())
        runId = match.hasMatch() ? match.captured(2) : request.dagRunId;
    if (runId.isEmpty())
        return ApiError(Kind::UnexpectedShape, QObject::tr("The server did not say which run it created."));

    DagRun run;
    run.dagId = request.dagId;
    run.dagRunId = runId;
    run.logicalDate = parsePythonDateTime(executionDate);
    run.state = QStringLiteral("running"); // 1.10's trigger_dag creates runs running
    run.runType = runTypeOf(runId);
    run.externalTrigger = true;
    run.conf = request.conf;
    if (!executionDate.isEmpty())
        m_executionDates.insert(runKey(run.dagId, run.dagRunId), executionDate);
    // A later read of this run shows what 1.10 shows, as a read of the DAG's list would: no conf.
    DagRun asRead = run;
    asRead.conf = QJsonObject();
    asRead.hasConf = false;
    m_runs.insert(runKey(run.dagId, run.dagRunId), asRead);
    return run;
}

Result<Page<TaskInstance>> DialectExperimental::decodeTaskInstances(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ListTaskInstances));
}

Result<Page<Pool>> DialectExperimental::decodePools(const QJsonDocument &json) const
{
    if (!json.isArray())
        return notAList(QObject::tr("pools"));
    const QJsonArray items = json.array();
    Page<Pool> page;
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields f(items.at(i), QStringLiteral("pools[%1]").arg(i));
        const Pool pool = f.ok() ? readPool(f) : Pool();
        if (!f.ok())
            return f.error();
        page.items.append(pool);
    }
    page.totalEntries = int(page.items.size());
    return page;
}

Result<Pool> DialectExperimental::decodePool(const QJsonDocument &json) const
{
    if (!json.isObject())
        return notAnObject(QObject::tr("a pool"));
    JsonFields f(json.object(), QStringLiteral("the pool"));
    const Pool pool = readPool(f);
    if (!f.ok())
        return f.error();
    return pool;
}

Result<Page<ImportError>> DialectExperimental::decodeImportErrors(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ImportErrors));
}

Result<QList<TaskInstanceReference>>
DialectExperimental::decodeTaskInstanceReferences(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ClearTaskInstances));
}

Result<TaskInstanceReference> DialectExperimental::decodeTaskInstanceReference(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::MarkTaskInstances));
}

Result<TaskLogChunk> DialectExperimental::decodeTaskLogChunk(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::TaskLogs));
}

Result<QString> DialectExperimental::decodeTaskLog(const QByteArray &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::TaskLogs));
}

Result<Page<XComEntry>> DialectExperimental::decodeXComEntries(const QJsonDocument &, const QString &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::XComs));
}

Result<XComEntry> DialectExperimental::decodeXComEntry(const QJsonDocument &, const QString &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::XComs));
}

Result<QString> DialectExperimental::decodeDagSource(const QByteArray &body, const QByteArray &) const
{
    return QString::fromUtf8(body);
}

Result<TaskInstance> DialectExperimental::decodeTaskInstance(const QJsonDocument &json) const
{
    if (!json.isObject())
        return notAnObject(QObject::tr("a task instance"));
    JsonFields f(json.object(), QStringLiteral("the task instance"));
    TaskInstance ti;
    ti.dagId = pythonString(f, QLatin1String("dag_id"));
    ti.taskId = pythonString(f, QLatin1String("task_id"));
    ti.state = pythonString(f, QLatin1String("state"));
    ti.tryNumber = pythonInteger(f, QLatin1String("try_number"));
    ti.maxTries = pythonInteger(f, QLatin1String("max_tries"));
    ti.startDate = pythonDateTime(f, QLatin1String("start_date"));
    ti.endDate = pythonDateTime(f, QLatin1String("end_date"));
    ti.duration = pythonNumber(f, QLatin1String("duration"));
    ti.operatorName = pythonString(f, QLatin1String("operator"));
    ti.pool = pythonString(f, QLatin1String("pool"));
    ti.queue = pythonString(f, QLatin1String("queue"));
    ti.hostname = pythonString(f, QLatin1String("hostname"));
    if (f.ok() && ti.taskId.isEmpty())
        f.fail(QLatin1String("task_id"), QStringLiteral("a task id"));
    if (!f.ok())
        return f.error();
    return ti;
}

Result<TaskInstance> DialectExperimental::decodeTaskInstanceAnswer(const QJsonDocument &json,
                                                                   const QString &dagId,
                                                                   const QString &dagRunId,
                                                                   const QString &taskId) const
{
    Result<TaskInstance> decoded = decodeTaskInstance(json);
    if (!decoded)
        return decoded;
    TaskInstance ti = decoded.value();
    ti.dagId = dagId;
    ti.dagRunId = dagRunId; // 1.10's task instance has an execution date, no run id
    ti.taskId = taskId;
    return ti;
}

Result<Page<TaskInstance>> DialectExperimental::decodeTaskInstanceTries(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::TaskInstanceTries));
}

Result<QList<Task>> DialectExperimental::decodeTasks(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ListTasks));
}

Result<Task> DialectExperimental::decodeTask(const QJsonDocument &json) const
{
    if (!json.isObject())
        return notAnObject(QObject::tr("a task"));
    JsonFields f(json.object(), QStringLiteral("the task"));
    Task task;
    task.taskId = pythonString(f, QLatin1String("task_id"));
    task.displayName = task.taskId;
    task.operatorName = pythonString(f, QLatin1String("task_type"));
    task.owner = pythonString(f, QLatin1String("owner"));
    task.triggerRule = pythonString(f, QLatin1String("trigger_rule"));
    task.pool = pythonString(f, QLatin1String("pool"));
    task.queue = pythonString(f, QLatin1String("queue"));
    task.retries = pythonInteger(f, QLatin1String("retries"));
    task.dependsOnPast = pythonBoolean(f, QLatin1String("depends_on_past"));
    task.docMd = pythonString(f, QLatin1String("doc_md"));
    if (f.ok() && task.taskId.isEmpty())
        f.fail(QLatin1String("task_id"), QStringLiteral("a task id"));
    if (!f.ok())
        return f.error();
    return task;
}

Result<ImportError> DialectExperimental::decodeImportError(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ImportErrors));
}

Result<QList<DagRun>> DialectExperimental::decodeLatestRuns(const QJsonDocument &json) const
{
    if (!json.isObject())
        return notAnObject(QObject::tr("a list of latest runs"));
    JsonFields root(json.object(), QStringLiteral("the answer"));
    const QJsonArray items = root.array(QLatin1String("items"));
    if (!root.ok())
        return root.error();
    QList<DagRun> runs;
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields f(items.at(i), QStringLiteral("items[%1]").arg(i));
        DagRun run;
        run.dagId = f.string(QLatin1String("dag_id"));
        run.logicalDate = pythonDateTime(f, QLatin1String("execution_date"));
        run.startDate = pythonDateTime(f, QLatin1String("start_date"));
        run.hasConf = false;
        if (f.ok() && run.dagId.isEmpty())
            f.fail(QLatin1String("dag_id"), QStringLiteral("a DAG id"));
        if (!f.ok())
            return f.error();
        runs.append(run);
    }
    return runs;
}

Result<Page<Variable>> DialectExperimental::decodeVariables(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Variables));
}

Result<Variable> DialectExperimental::decodeVariable(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Variables));
}

Result<Page<Connection>> DialectExperimental::decodeConnections(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Connections));
}

Result<Connection> DialectExperimental::decodeConnection(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Connections));
}

Result<ConnectionTestResult> DialectExperimental::decodeConnectionTest(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::ConnectionTest));
}

Result<Config> DialectExperimental::decodeConfig(const QJsonDocument &) const
{
    return ApiError(Kind::Unsupported, unavailableReason(Feature::Config));
}

QString DialectExperimental::errorDetail(const QByteArray &body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue error = doc.object().value(QLatin1String("error"));
        if (error.isString() && !error.toString().trimmed().isEmpty())
            return error.toString().trimmed();
        return {};
    }
    // deny_all's plain "Forbidden", kerberos' "Unauthorized": short plain text is worth showing.
    const QByteArray text = body.trimmed();
    if (!text.isEmpty() && text.size() <= 200 && !text.startsWith('<'))
        return QString::fromUtf8(text);
    return {};
}

} // namespace Windsock::Api
