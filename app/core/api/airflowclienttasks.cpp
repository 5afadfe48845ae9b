#include "airflowclient.h"
#include "clientrequest.h"
#include "dialect.h"
#include "runquery.h"

#include <QJsonArray>
#include <QJsonDocument>

// AirflowClient: task-level reading (XComs, DAG source, one task instance and its tries, notes, tasks, one
// import error) and the run at a logical date.
namespace Windsock::Api {

QString XComEntry::valueText() const
{
    if (!hasValue || value.isUndefined())
        return {};
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    // A scalar: its JSON literal (null, true, 3.5), through a one-item array because QJsonDocument only
    // writes objects and arrays.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

namespace {

// Reads every try of a task instance, one page after the other (a task rarely has more than a page of
// tries, but the server caps pages and a long-retrying sensor can pass it).
class TriesCall final : public std::enable_shared_from_this<TriesCall>
{
public:
    TriesCall(AirflowClient &client, ApiCall *call, QObject *context, QString dagId, QString dagRunId,
              QString taskId, AirflowClient::Callback<QList<TaskInstance>> done)
        : m_client(client)
        , m_call(call)
        , m_context(context)
        , m_dagId(std::move(dagId))
        , m_dagRunId(std::move(dagRunId))
        , m_taskId(std::move(taskId))
        , m_done(std::move(done))
    {}

    void request()
    {
        const ApiRequest apiRequest = m_client.dialect().taskInstanceTriesRequest(
            m_dagId, m_dagRunId, m_taskId, m_client.maxPageSize(), int(m_tries.size()));
        ClientRequest::exchange(m_client, m_call, apiRequest,
                                [self = shared_from_this(), apiRequest](const HttpOutcome &outcome) {
                                    self->onPage(apiRequest, outcome);
                                });
    }

private:
    void onPage(const ApiRequest &apiRequest, const HttpOutcome &outcome)
    {
        const Result<QJsonDocument> doc = ClientRequest::reader(m_client, apiRequest).json(outcome);
        if (!doc)
            return ClientRequest::deliver<QList<TaskInstance>>(m_call, m_context, m_done, doc.error());
        const Result<Page<TaskInstance>> page = m_client.dialect().decodeTaskInstanceTries(doc.value());
        if (!page)
            return ClientRequest::deliver<QList<TaskInstance>>(m_call, m_context, m_done, page.error());
        m_tries += page.value().items;
        m_call->reportProgress(m_tries.size(), page.value().totalEntries);
        if (!page.value().items.isEmpty() && m_tries.size() < page.value().totalEntries)
            return request();
        ClientRequest::deliver<QList<TaskInstance>>(m_call, m_context, m_done, m_tries);
    }

    AirflowClient &m_client;
    ApiCall *m_call;
    QPointer<QObject> m_context;
    const QString m_dagId, m_dagRunId, m_taskId;
    QList<TaskInstance> m_tries;
    AirflowClient::Callback<QList<TaskInstance>> m_done;
};

bool rejectsStringify(const HttpOutcome &outcome)
{
    // Before 2.10 the spec has no stringify, and connexion's strict validation answers
    // 400 "Extra query parameter(s) stringify not in spec".
    return outcome.status == 400 && outcome.body.contains("stringify");
}

} // namespace

ApiCall *AirflowClient::taskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                     QObject *context, Callback<TaskInstance> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<TaskInstance>(
        *this, m_dialect->taskInstanceRequest(dagId, dagRunId, taskId), context, std::move(done),
        [dialect, dagId, dagRunId, taskId](const ResponseReader &reader,
                                           const HttpOutcome &outcome) -> Result<TaskInstance> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeTaskInstanceAnswer(doc.value(), dagId, dagRunId, taskId);
        });
}

ApiCall *AirflowClient::taskInstanceTries(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId, QObject *context,
                                          Callback<QList<TaskInstance>> done)
{
    const ApiRequest first = m_dialect->taskInstanceTriesRequest(dagId, dagRunId, taskId, maxPageSize(), 0);
    ApiCall *call = ClientRequest::newCall(*this, context, first.description());
    std::make_shared<TriesCall>(*this, call, context, dagId, dagRunId, taskId, std::move(done))->request();
    return call;
}

ApiCall *AirflowClient::setTaskInstanceNote(const QString &dagId, const QString &dagRunId,
                                            const QString &taskId, const QString &note, QObject *context,
                                            Callback<TaskInstance> done)
{
    return ClientRequest::json<TaskInstance>(
        *this, m_dialect->setTaskInstanceNoteRequest(dagId, dagRunId, taskId, note), context, std::move(done),
        &Dialect::decodeTaskInstance);
}

ApiCall *AirflowClient::xcomEntries(const XComQuery &query, QObject *context, Callback<Page<XComEntry>> done)
{
    const Dialect *dialect = m_dialect.get();
    const QString dagRunId = query.dagRunId;
    return ClientRequest::single<Page<XComEntry>>(
        *this, m_dialect->xcomEntriesRequest(query), context, std::move(done),
        [dialect, dagRunId](const ResponseReader &reader,
                            const HttpOutcome &outcome) -> Result<Page<XComEntry>> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeXComEntries(doc.value(), dagRunId);
        });
}

ApiCall *AirflowClient::xcomEntry(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                  const QString &key, QObject *context, Callback<XComEntry> done)
{
    const ApiRequest request = m_dialect->xcomEntryRequest(dagId, dagRunId, taskId, key);
    ApiCall *call = ClientRequest::newCall(*this, context, request.description());
    const QPointer<QObject> guardedContext(context);
    auto finish = [this, call, guardedContext, done, dagRunId](const ApiRequest &sent,
                                                               const HttpOutcome &outcome) {
        const Result<QJsonDocument> doc = ClientRequest::reader(*this, sent).json(outcome);
        if (!doc)
            return ClientRequest::deliver<XComEntry>(call, guardedContext, done, doc.error());
        ClientRequest::deliver<XComEntry>(call, guardedContext, done,
                                          m_dialect->decodeXComEntry(doc.value(), dagRunId));
    };
    ClientRequest::exchange(*this, call, request, [this, call, request, finish](const HttpOutcome &outcome) {
        if (!rejectsStringify(outcome))
            return finish(request, outcome);
        // An older server: ask again for its only form, the string.
        ApiRequest plain = request;
        plain.query.removeIf(
            [](const QPair<QString, QString> &item) { return item.first == QLatin1String("stringify"); });
        ClientRequest::exchange(*this, call, plain,
                                [plain, finish](const HttpOutcome &retried) { finish(plain, retried); });
    });
    return call;
}

ApiCall *AirflowClient::dagSource(const QString &fileToken, QObject *context, Callback<QString> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<QString>(
        *this, m_dialect->dagSourceRequest(fileToken), context, std::move(done),
        [dialect](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<QString> {
            // 1.10 labels a DAG file text/html: only the body tells a login page from the file then.
            HttpOutcome judged = outcome;
            if (dialect->labelsSourceAsHtml())
                judged.headers.removeIf([](const QPair<QByteArray, QByteArray> &header) {
                    return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
                });
            const Result<QString> text = reader.text(judged); // errors, and HTML pages instead of a file
            if (!text)
                return text.error();
            return dialect->decodeDagSource(judged.body, judged.header(QByteArrayLiteral("Content-Type")));
        });
}

ApiCall *AirflowClient::tasks(const QString &dagId, QObject *context, Callback<QList<Task>> done)
{
    return ClientRequest::json<QList<Task>>(*this, m_dialect->tasksRequest(dagId), context, std::move(done),
                                            &Dialect::decodeTasks);
}

ApiCall *AirflowClient::importError(int importErrorId, QObject *context, Callback<ImportError> done)
{
    return ClientRequest::json<ImportError>(*this, m_dialect->importErrorRequest(importErrorId), context,
                                            std::move(done), &Dialect::decodeImportError);
}

ApiCall *AirflowClient::task(const QString &dagId, const QString &taskId, QObject *context,
                             Callback<Task> done)
{
    return ClientRequest::json<Task>(*this, m_dialect->taskRequest(dagId, taskId), context, std::move(done),
                                     &Dialect::decodeTask);
}

ApiCall *AirflowClient::latestRuns(QObject *context, Callback<QList<DagRun>> done)
{
    return ClientRequest::json<QList<DagRun>>(*this, m_dialect->latestRunsRequest(), context, std::move(done),
                                              &Dialect::decodeLatestRuns);
}

ApiCall *AirflowClient::dagRunAtLogicalDate(const QString &dagId, const QDateTime &logicalDate,
                                            QObject *context, Callback<std::optional<DagRun>> done)
{
    // A DAG has at most one run per logical date: both bounds at the date find it.
    DagRunQuery query;
    query.dagId = dagId;
    query.limit = 1;
    query.logicalDateFrom = logicalDate;
    query.logicalDateTo = logicalDate;
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<std::optional<DagRun>>(
        *this, m_dialect->dagRunsRequest(query), context, std::move(done),
        [dialect, query](const ResponseReader &reader,
                         const HttpOutcome &outcome) -> Result<std::optional<DagRun>> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            Result<Page<DagRun>> page = dialect->decodeDagRuns(doc.value());
            if (page && !dialect->filtersRunsOnServer())
                page = applyRunQuery(page.value(), query);
            if (!page)
                return page.error();
            if (page.value().items.isEmpty())
                return std::optional<DagRun>();
            return std::optional<DagRun>(page.value().items.first());
        });
}

} // namespace Windsock::Api
