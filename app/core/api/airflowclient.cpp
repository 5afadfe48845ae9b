#include "airflowclient.h"
#include "clientrequest.h"
#include "dialect.h"
#include "pagedlistcall.h"
#include "runquery.h"
#include "tlstrust.h"

#include "auth/authenticator.h"

#include <QNetworkAccessManager>

namespace Windsock::Api {

QByteArray RawResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

AirflowClient::AirflowClient(QNetworkAccessManager *nam, QUrl baseUrl, std::unique_ptr<Dialect> dialect,
                             std::unique_ptr<Auth::Authenticator> authenticator, QObject *parent)
    : AirflowClient(nam, std::move(baseUrl), std::move(dialect), std::move(authenticator), Options{}, parent)
{}

AirflowClient::AirflowClient(QNetworkAccessManager *nam, QUrl baseUrl, std::unique_ptr<Dialect> dialect,
                             std::unique_ptr<Auth::Authenticator> authenticator, Options options,
                             QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_baseUrl(std::move(baseUrl))
    , m_dialect(std::move(dialect))
    , m_authenticator(authenticator ? std::move(authenticator) : std::make_unique<Auth::NoAuthenticator>())
    , m_options(std::move(options))
{
    Q_ASSERT(m_nam);
    Q_ASSERT(m_dialect);
    m_authenticator->setCaCertificates(m_options.caCertificates);
}

Result<QList<QSslCertificate>> AirflowClient::loadCaBundle(const QString &path)
{
    return TlsTrust::loadCaBundle(path);
}

AirflowClient::~AirflowClient() = default;

void AirflowClient::setAuthenticator(std::unique_ptr<Auth::Authenticator> authenticator)
{
    m_authenticator = authenticator ? std::move(authenticator) : std::make_unique<Auth::NoAuthenticator>();
    m_authenticator->setCaCertificates(m_options.caCertificates);
}

int AirflowClient::maxPageSize() const
{
    return m_dialect->maxPageSize();
}

ApiCall *AirflowClient::version(QObject *context, Callback<Version> done)
{
    return ClientRequest::json<Version>(*this, m_dialect->versionRequest(), context, std::move(done),
                                        &Dialect::decodeVersion);
}

ApiCall *AirflowClient::health(QObject *context, Callback<Health> done)
{
    return ClientRequest::json<Health>(*this, m_dialect->healthRequest(), context, std::move(done),
                                       &Dialect::decodeHealth);
}

ApiCall *AirflowClient::dags(const DagQuery &query, QObject *context, Callback<Page<Dag>> done)
{
    return ClientRequest::json<Page<Dag>>(*this, m_dialect->dagsRequest(query), context, std::move(done),
                                          &Dialect::decodeDags);
}

ApiCall *AirflowClient::allDags(const DagQuery &query, QObject *context, Callback<QList<Dag>> done)
{
    const ApiRequest first = m_dialect->dagsRequest(query);
    ApiCall *call =
        ClientRequest::newCall(*this, context, first.description() + QStringLiteral(" (every page)"));
    const Dialect *dialect = m_dialect.get();
    auto makeRequest = [dialect, query](int limit, int offset) {
        DagQuery page = query;
        page.limit = limit;
        page.offset = offset;
        return dialect->dagsRequest(page);
    };
    std::make_shared<PagedListCall<Dag>>(*this, call, context, std::move(makeRequest), &Dialect::decodeDags,
                                         query.offset, PagedListCall<Dag>::Mode::Concurrent, std::move(done))
        ->start();
    return call;
}

ApiCall *AirflowClient::dag(const QString &dagId, QObject *context, Callback<Dag> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<Dag>(
        *this, m_dialect->dagRequest(dagId), context, std::move(done),
        [dialect, dagId](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<Dag> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeDagAnswer(doc.value(), dagId);
        });
}

ApiCall *AirflowClient::dagDetails(const QString &dagId, QObject *context, Callback<DagDetails> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<DagDetails>(
        *this, m_dialect->dagDetailsRequest(dagId), context, std::move(done),
        [dialect](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<DagDetails> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeDagDetails(doc.value(), outcome.body);
        });
}

ApiCall *AirflowClient::setDagPaused(const QString &dagId, bool paused, QObject *context, Callback<Dag> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<Dag>(
        *this, m_dialect->patchDagRequest(dagId, paused), context, std::move(done),
        [dialect, dagId, paused](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<Dag> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodePauseAnswer(doc.value(), dagId, paused);
        });
}

ApiCall *AirflowClient::setDagsPaused(const QString &dagIdPattern, bool paused, QObject *context,
                                      Callback<QList<Dag>> done)
{
    const Dialect *dialect = m_dialect.get();
    const ApiRequest first = dialect->patchDagsRequest(dagIdPattern, paused, maxPageSize(), 0);
    ApiCall *call =
        ClientRequest::newCall(*this, context, first.description() + QStringLiteral(" (every page)"));
    auto makeRequest = [dialect, dagIdPattern, paused](int limit, int offset) {
        return dialect->patchDagsRequest(dagIdPattern, paused, limit, offset);
    };
    std::make_shared<PagedListCall<Dag>>(*this, call, context, std::move(makeRequest), &Dialect::decodeDags,
                                         0, PagedListCall<Dag>::Mode::Sequential, std::move(done))
        ->start();
    return call;
}

ApiCall *AirflowClient::dagRuns(const DagRunQuery &query, QObject *context, Callback<Page<DagRun>> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<Page<DagRun>>(
        *this, m_dialect->dagRunsRequest(query), context, std::move(done),
        [dialect, query](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<Page<DagRun>> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            Result<Page<DagRun>> page = dialect->decodeDagRuns(doc.value());
            if (!page || dialect->filtersRunsOnServer())
                return page;
            return applyRunQuery(page.value(), query);
        });
}

ApiCall *AirflowClient::dagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                               Callback<DagRun> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<DagRun>(
        *this, m_dialect->dagRunRequest(dagId, dagRunId), context, std::move(done),
        [dialect, dagId, dagRunId](const ResponseReader &reader,
                                   const HttpOutcome &outcome) -> Result<DagRun> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeDagRunAnswer(doc.value(), dagId, dagRunId);
        });
}

ApiCall *AirflowClient::triggerDagRun(const TriggerRequest &request, QObject *context, Callback<DagRun> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<DagRun>(
        *this, m_dialect->triggerDagRunRequest(request), context, std::move(done),
        [dialect, request](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<DagRun> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            return dialect->decodeTriggerAnswer(doc.value(), request);
        });
}

ApiCall *AirflowClient::deleteDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                                     Callback<Nothing> done)
{
    return ClientRequest::single<Nothing>(
        *this, m_dialect->deleteDagRunRequest(dagId, dagRunId), context, std::move(done),
        [](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<Nothing> {
            const ApiError error = reader.success(outcome);
            if (error.isError())
                return error;
            return Nothing{};
        });
}

ApiCall *AirflowClient::listDagRunsBatch(const DagRunBatchQuery &query, QObject *context,
                                         Callback<Page<DagRun>> done)
{
    return ClientRequest::json<Page<DagRun>>(*this, m_dialect->dagRunsBatchRequest(query), context,
                                             std::move(done), &Dialect::decodeDagRuns);
}

ApiCall *AirflowClient::listTaskInstancesBatch(const TaskInstanceBatchQuery &query, QObject *context,
                                               Callback<Page<TaskInstance>> done)
{
    return ClientRequest::json<Page<TaskInstance>>(*this, m_dialect->taskInstancesBatchRequest(query),
                                                   context, std::move(done), &Dialect::decodeTaskInstances);
}

ApiCall *AirflowClient::markDagRun(const QString &dagId, const QString &dagRunId, const QString &state,
                                   QObject *context, Callback<DagRun> done)
{
    return ClientRequest::json<DagRun>(*this, m_dialect->markDagRunRequest(dagId, dagRunId, state), context,
                                       std::move(done), &Dialect::decodeDagRun);
}

ApiCall *AirflowClient::previewClearDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                                           Callback<QList<TaskInstanceReference>> done)
{
    return ClientRequest::json<QList<TaskInstanceReference>>(
        *this, m_dialect->clearDagRunRequest(dagId, dagRunId, true), context, std::move(done),
        &Dialect::decodeTaskInstanceReferences);
}

ApiCall *AirflowClient::clearDagRun(const QString &dagId, const QString &dagRunId, QObject *context,
                                    Callback<DagRun> done)
{
    return ClientRequest::json<DagRun>(*this, m_dialect->clearDagRunRequest(dagId, dagRunId, false), context,
                                       std::move(done), &Dialect::decodeDagRun);
}

ApiCall *AirflowClient::setDagRunNote(const QString &dagId, const QString &dagRunId, const QString &note,
                                      QObject *context, Callback<DagRun> done)
{
    return ClientRequest::json<DagRun>(*this, m_dialect->setDagRunNoteRequest(dagId, dagRunId, note), context,
                                       std::move(done), &Dialect::decodeDagRun);
}

ApiCall *AirflowClient::clearTaskInstances(const ClearTaskInstancesRequest &request, QObject *context,
                                           Callback<QList<TaskInstanceReference>> done)
{
    return ClientRequest::json<QList<TaskInstanceReference>>(
        *this, m_dialect->clearTaskInstancesRequest(request), context, std::move(done),
        &Dialect::decodeTaskInstanceReferences);
}

ApiCall *AirflowClient::updateTaskInstancesState(const UpdateTaskInstancesStateRequest &request,
                                                 QObject *context,
                                                 Callback<QList<TaskInstanceReference>> done)
{
    return ClientRequest::json<QList<TaskInstanceReference>>(
        *this, m_dialect->updateTaskInstancesStateRequest(request), context, std::move(done),
        &Dialect::decodeTaskInstanceReferences);
}

ApiCall *AirflowClient::setTaskInstanceState(const QString &dagId, const QString &dagRunId,
                                             const QString &taskId, const QString &newState, bool dryRun,
                                             QObject *context, Callback<TaskInstanceReference> done)
{
    return ClientRequest::json<TaskInstanceReference>(
        *this, m_dialect->setTaskInstanceStateRequest(dagId, dagRunId, taskId, newState, dryRun), context,
        std::move(done), &Dialect::decodeTaskInstanceReference);
}

ApiCall *AirflowClient::taskInstances(const TaskInstanceQuery &query, QObject *context,
                                      Callback<Page<TaskInstance>> done)
{
    return ClientRequest::json<Page<TaskInstance>>(*this, m_dialect->taskInstancesRequest(query), context,
                                                   std::move(done), &Dialect::decodeTaskInstances);
}

ApiCall *AirflowClient::taskLog(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                int tryNumber, QObject *context, Callback<QString> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<QString>(
        *this, m_dialect->taskLogRequest(dagId, dagRunId, taskId, tryNumber), context, std::move(done),
        [dialect](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<QString> {
            // Checked, not converted: the dialect converts the (possibly 50 MB) body once.
            const ApiError error = reader.textError(outcome);
            if (error.isError())
                return error;
            return dialect->decodeTaskLog(outcome.body);
        });
}

ApiCall *AirflowClient::taskLogChunk(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                     int tryNumber, const QString &token, QObject *context,
                                     Callback<TaskLogChunk> done)
{
    return ClientRequest::json<TaskLogChunk>(
        *this, m_dialect->taskLogChunkRequest(dagId, dagRunId, taskId, tryNumber, token), context,
        std::move(done), &Dialect::decodeTaskLogChunk);
}

ApiCall *AirflowClient::pools(int limit, int offset, QObject *context, Callback<Page<Pool>> done)
{
    return ClientRequest::json<Page<Pool>>(*this, m_dialect->poolsRequest(limit, offset), context,
                                           std::move(done), &Dialect::decodePools);
}

ApiCall *AirflowClient::importErrors(int limit, int offset, QObject *context,
                                     Callback<Page<ImportError>> done)
{
    return ClientRequest::json<Page<ImportError>>(*this, m_dialect->importErrorsRequest(limit, offset),
                                                  context, std::move(done), &Dialect::decodeImportErrors);
}

ApiCall *AirflowClient::send(const RawRequest &request, QObject *context, Callback<RawResponse> done)
{
    const qsizetype question = request.path.indexOf(QLatin1Char('?'));
    ApiCall *call = ClientRequest::newCall(
        *this, context, QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path.left(question));
    const QUrl target = ClientRequest::url(m_baseUrl, request.path);
    bool hasContentType = false;
    for (const auto &header : request.headers)
        hasContentType = hasContentType || header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    const bool jsonBody = !request.body.isEmpty() && !hasContentType;
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers;
    auto build = [this, target, jsonBody, headers] {
        QNetworkRequest networkRequest =
            ClientRequest::networkRequest(*this, target, QByteArrayLiteral("application/json"), jsonBody);
        for (const auto &[name, value] : headers)
            networkRequest.setRawHeader(name, value);
        return networkRequest;
    };

    const QPointer<QObject> guardedContext(context);
    // The explorer's request: judged by its method alone (a POST to a list endpoint is refused too).
    if (const ApiError refusal = ClientRequest::readOnlyRefusal(*this, request.method, false);
        refusal.isError()) {
        QMetaObject::invokeMethod(
            call,
            [call, guardedContext, done = std::move(done), refusal] {
                ClientRequest::deliver<RawResponse>(call, guardedContext, done, refusal);
            },
            Qt::QueuedConnection);
        return call;
    }
    ClientRequest::authorizedExchange(
        *this, call, build, request.method, request.body,
        [call, guardedContext, done = std::move(done)](const HttpOutcome &outcome) {
            // HTTP error statuses are answers here; only transport failures are errors.
            if (outcome.error.isError())
                return ClientRequest::deliver<RawResponse>(call, guardedContext, done, outcome.error);
            RawResponse response;
            response.status = outcome.status;
            response.headers = outcome.headers;
            response.body = outcome.body;
            response.elapsedMs = outcome.elapsedMs;
            ClientRequest::deliver<RawResponse>(call, guardedContext, done, response);
        });
    return call;
}

} // namespace Windsock::Api
