// AirflowClient: variables, connections, pools (CRUD) and configuration.
#include "airflowclient.h"
#include "clientrequest.h"
#include "dialect.h"
#include "pagedlistcall.h"

namespace Windsock::Api {

namespace {

using Kind = ApiError::Kind;

// Decodes a 2xx without a body worth reading (DELETE → 204).
Result<Nothing> nothingOf(const ResponseReader &reader, const HttpOutcome &outcome)
{
    const ApiError error = reader.success(outcome);
    if (error.isError())
        return error;
    return Nothing{};
}

// A 403 whose detail (or bare body: Airflow sends the test-connection refusal as a text/html response
// without markup) contains `marker` is a server setting, not the user's permissions: say which setting.
ApiError explainForbidden(const ApiError &error, const HttpOutcome &outcome, QLatin1String marker,
                          const QString &sentence)
{
    if (error.kind() != Kind::Forbidden)
        return error;
    QString detail = error.detail();
    if (detail.isEmpty() && outcome.body.size() < 2048 && !outcome.body.trimmed().startsWith('<'))
        detail = QString::fromUtf8(outcome.body).simplified();
    if (!detail.contains(marker, Qt::CaseInsensitive))
        return error;
    return ApiError(Kind::Forbidden, sentence + QStringLiteral(" (HTTP 403). Airflow said: ") + detail,
                    error.httpStatus(), detail);
}

} // namespace

ApiCall *AirflowClient::variables(const CollectionQuery &query, QObject *context,
                                  Callback<Page<Variable>> done)
{
    return ClientRequest::json<Page<Variable>>(*this, m_dialect->variablesRequest(query), context,
                                               std::move(done), &Dialect::decodeVariables);
}

ApiCall *AirflowClient::allVariables(QObject *context, Callback<QList<Variable>> done)
{
    const Dialect *dialect = m_dialect.get();
    const ApiRequest first = dialect->variablesRequest({});
    ApiCall *call =
        ClientRequest::newCall(*this, context, first.description() + QStringLiteral(" (every page)"));
    auto makeRequest = [dialect](int limit, int offset) {
        CollectionQuery page;
        page.limit = limit;
        page.offset = offset;
        return dialect->variablesRequest(page);
    };
    using Paged = PagedListCall<Variable>;
    std::make_shared<Paged>(*this, call, context, std::move(makeRequest), &Dialect::decodeVariables, 0,
                            Paged::Mode::Concurrent, std::move(done))
        ->start();
    return call;
}

ApiCall *AirflowClient::variable(const QString &key, QObject *context, Callback<Variable> done)
{
    return ClientRequest::json<Variable>(*this, m_dialect->variableRequest(key), context, std::move(done),
                                         &Dialect::decodeVariable);
}

ApiCall *AirflowClient::createVariable(const Variable &variable, QObject *context, Callback<Variable> done)
{
    // GET first: Airflow 2's POST /variables is an upsert (Variable.set) and would replace a value that
    // someone else stored under the same key. The gap between the two requests is small, not zero.
    const Dialect *dialect = m_dialect.get();
    const ApiRequest check = dialect->variableRequest(variable.key);
    const ApiRequest create = dialect->createVariableRequest(variable);
    ApiCall *call = ClientRequest::newCall(*this, context, create.description());
    const QPointer<QObject> guardedContext(context);
    const ResponseReader checkReader = ClientRequest::reader(*this, check);
    const ResponseReader createReader = ClientRequest::reader(*this, create);
    const QString key = variable.key;
    ClientRequest::exchange(
        *this, call, check,
        [this, call, guardedContext, done = std::move(done), dialect, create, checkReader, createReader,
         key](const HttpOutcome &outcome) {
            if (outcome.error.isError())
                return ClientRequest::deliver<Variable>(call, guardedContext, done, outcome.error);
            if (outcome.status >= 200 && outcome.status < 300) {
                return ClientRequest::deliver<Variable>(
                    call, guardedContext, done,
                    ApiError(
                        Kind::Conflict,
                        QStringLiteral("A variable named \"%1\" already exists. Windsock does not "
                                       "overwrite it: edit that variable instead, or choose another key.")
                            .arg(key),
                        409));
            }
            if (outcome.status != 404)
                return ClientRequest::deliver<Variable>(call, guardedContext, done,
                                                        checkReader.statusError(outcome));
            ClientRequest::exchange(
                *this, call, create,
                [call, guardedContext, done, dialect, createReader](const HttpOutcome &made) {
                    const Result<QJsonDocument> doc = createReader.json(made);
                    if (!doc)
                        return ClientRequest::deliver<Variable>(call, guardedContext, done, doc.error());
                    ClientRequest::deliver<Variable>(call, guardedContext, done,
                                                     dialect->decodeVariable(doc.value()));
                });
        });
    return call;
}

ApiCall *AirflowClient::updateVariable(const VariableUpdate &update, QObject *context,
                                       Callback<Variable> done)
{
    return ClientRequest::json<Variable>(*this, m_dialect->updateVariableRequest(update), context,
                                         std::move(done), &Dialect::decodeVariable);
}

ApiCall *AirflowClient::deleteVariable(const QString &key, QObject *context, Callback<Nothing> done)
{
    return ClientRequest::single<Nothing>(*this, m_dialect->deleteVariableRequest(key), context,
                                          std::move(done), &nothingOf);
}

ApiCall *AirflowClient::connections(const CollectionQuery &query, QObject *context,
                                    Callback<Page<Connection>> done)
{
    return ClientRequest::json<Page<Connection>>(*this, m_dialect->connectionsRequest(query), context,
                                                 std::move(done), &Dialect::decodeConnections);
}

ApiCall *AirflowClient::connection(const QString &connectionId, QObject *context, Callback<Connection> done)
{
    return ClientRequest::json<Connection>(*this, m_dialect->connectionRequest(connectionId), context,
                                           std::move(done), &Dialect::decodeConnection);
}

ApiCall *AirflowClient::createConnection(const ConnectionRequest &connection, QObject *context,
                                         Callback<Connection> done)
{
    return ClientRequest::json<Connection>(*this, m_dialect->createConnectionRequest(connection), context,
                                           std::move(done), &Dialect::decodeConnection);
}

ApiCall *AirflowClient::updateConnection(const ConnectionRequest &connection, QObject *context,
                                         Callback<Connection> done)
{
    return ClientRequest::json<Connection>(*this, m_dialect->updateConnectionRequest(connection), context,
                                           std::move(done), &Dialect::decodeConnection);
}

ApiCall *AirflowClient::deleteConnection(const QString &connectionId, QObject *context,
                                         Callback<Nothing> done)
{
    return ClientRequest::single<Nothing>(*this, m_dialect->deleteConnectionRequest(connectionId), context,
                                          std::move(done), &nothingOf);
}

ApiCall *AirflowClient::testConnection(const ConnectionRequest &connection, QObject *context,
                                       Callback<ConnectionTestResult> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<ConnectionTestResult>(
        *this, m_dialect->testConnectionRequest(connection), context, std::move(done),
        [dialect](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<ConnectionTestResult> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc) {
                // Since 2.7 the default is [core] test_connection = Disabled: a plain-text 403.
                return explainForbidden(
                    doc.error(), outcome, QLatin1String("Testing connections is disabled"),
                    QStringLiteral("This Airflow server does not allow testing connections. An administrator "
                                   "must set [core] test_connection = Enabled in its configuration (or the "
                                   "environment variable AIRFLOW__CORE__TEST_CONNECTION=Enabled)"));
            }
            return dialect->decodeConnectionTest(doc.value());
        });
}

ApiCall *AirflowClient::pool(const QString &name, QObject *context, Callback<Pool> done)
{
    return ClientRequest::json<Pool>(*this, m_dialect->poolRequest(name), context, std::move(done),
                                     &Dialect::decodePool);
}

ApiCall *AirflowClient::createPool(const PoolRequest &pool, QObject *context, Callback<Pool> done)
{
    return ClientRequest::json<Pool>(*this, m_dialect->createPoolRequest(pool), context, std::move(done),
                                     &Dialect::decodePool);
}

ApiCall *AirflowClient::updatePool(const QString &name, const PoolRequest &pool, QObject *context,
                                   Callback<Pool> done)
{
    const ApiRequest direct = m_dialect->updatePoolRequest(name, pool);
    // An update the server cannot do (a rename on 1.10) fails at once, without reading the pool first.
    if (!m_dialect->updatesPoolsWhole() || (pool.slots && pool.description) || !direct.unavailable.isEmpty())
        return ClientRequest::json<Pool>(*this, direct, context, std::move(done), &Dialect::decodePool);
    // The server replaces the pool whole: what the update leaves out keeps the pool's current value.
    const ApiRequest read = m_dialect->poolRequest(name);
    ApiCall *call = ClientRequest::newCall(*this, context, read.description());
    const QPointer<QObject> guardedContext(context);
    const ResponseReader reader = ClientRequest::reader(*this, read);
    ClientRequest::exchange(
        *this, call, read,
        [this, call, guardedContext, name, pool, reader, done = std::move(done)](const HttpOutcome &outcome) {
            const Result<QJsonDocument> doc = reader.json(outcome);
            Result<Pool> current = doc ? m_dialect->decodePool(doc.value()) : Result<Pool>(doc.error());
            if (!current)
                return ClientRequest::deliver<Pool>(call, guardedContext, done, current.error());
            PoolRequest whole = pool;
            whole.slots = pool.slots.value_or(current.value().slots);
            whole.description = pool.description.value_or(current.value().description);
            const ApiRequest write = m_dialect->updatePoolRequest(name, whole);
            const ResponseReader writeReader = ClientRequest::reader(*this, write);
            ClientRequest::exchange(
                *this, call, write,
                [this, call, guardedContext, writeReader, done](const HttpOutcome &answer) {
                    const Result<QJsonDocument> written = writeReader.json(answer);
                    ClientRequest::deliver<Pool>(call, guardedContext, done,
                                                 written ? m_dialect->decodePool(written.value())
                                                         : Result<Pool>(written.error()));
                });
        });
    return call;
}

ApiCall *AirflowClient::deletePool(const QString &name, QObject *context, Callback<Nothing> done)
{
    return ClientRequest::single<Nothing>(*this, m_dialect->deletePoolRequest(name), context, std::move(done),
                                          &nothingOf);
}

ApiCall *AirflowClient::config(const QString &section, QObject *context, Callback<Config> done)
{
    const Dialect *dialect = m_dialect.get();
    return ClientRequest::single<Config>(
        *this, m_dialect->configRequest(section), context, std::move(done),
        [dialect](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<Config> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc) {
                // [webserver] expose_config defaults to False.
                return explainForbidden(
                    doc.error(), outcome, QLatin1String("not to expose the configuration"),
                    QStringLiteral("This Airflow server does not show its configuration. An administrator "
                                   "can allow it with [webserver] expose_config = non-sensitive-only (which "
                                   "hides passwords and keys) or True"));
            }
            return dialect->decodeConfig(doc.value());
        });
}

} // namespace Windsock::Api
