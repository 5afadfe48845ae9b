// AirflowClient: bulk create, update and delete of variables, connections and pools. Airflow 3 does a list
// of actions in one PATCH; on an API without bulk endpoints the same actions are done one request per
// entity, with Airflow 3's rules (a "fail" action whose keys clash does nothing at all), so that the result
// is the same whichever API the server speaks.
#include "airflowclient.h"
#include "clientrequest.h"
#include "dialect.h"

#include <QSet>

namespace Windsock::Api {

namespace {

using Status = BulkItemResult::Status;

QString keyOf(const Variable &variable)
{
    return variable.key;
}

QString keyOf(const ConnectionRequest &connection)
{
    return connection.connectionId;
}

QString keyOf(const PoolRequest &pool)
{
    return pool.name;
}

// The entity with only the fields an update mask names (in the API's names), for single PATCHes that
// change exactly the fields they are given.
ConnectionRequest masked(ConnectionRequest connection, const QStringList &mask)
{
    if (mask.isEmpty())
        return connection;
    const auto keep = [&mask](auto &field, const char *name) {
        if (!mask.contains(QLatin1String(name)))
            field.reset();
    };
    keep(connection.connType, "conn_type");
    keep(connection.description, "description");
    keep(connection.host, "host");
    keep(connection.login, "login");
    keep(connection.schema, "schema");
    keep(connection.port, "port");
    keep(connection.password, "password");
    keep(connection.extra, "extra");
    return connection;
}

PoolRequest masked(PoolRequest pool, const QStringList &mask)
{
    if (mask.isEmpty())
        return pool;
    if (!mask.contains(QLatin1String("slots")))
        pool.slots.reset();
    if (!mask.contains(QLatin1String("description")))
        pool.description.reset();
    if (!mask.contains(QLatin1String("include_deferred")))
        pool.includeDeferred.reset();
    return pool;
}

// The requests of one entity kind for the one-by-one way.
template<typename Entity>
struct EntityRequests
{
    QString plural; // "variables", for messages
    std::function<ApiRequest(const QString &key)> read;
    std::function<ApiRequest(const Entity &)> create;
    // An update of an existing entity; mask empty: every field the entity has.
    std::function<ApiRequest(const Entity &, const QStringList &mask)> update;
    std::function<ApiRequest(const QString &key)> remove;
};

// What the server's message says about one entity, in an error that may name several.
QString failureFor(const BulkActionResponse &response, const QString &key, int *httpStatus)
{
    QStringList messages;
    for (const BulkActionResponse::Error &error : response.errors) {
        if (error.message.contains(u'\'' + key + u'\'') || error.message.contains(u'`' + key + u'`') ||
            error.message.contains(u'"' + key + u'"')) {
            *httpStatus = error.httpStatus;
            return error.message;
        }
    }
    for (const BulkActionResponse::Error &error : response.errors) {
        messages.append(error.message);
        if (*httpStatus == 0)
            *httpStatus = error.httpStatus;
    }
    return messages.join(QStringLiteral("; "));
}

// Airflow 3's BulkResponse as one result per entity of the request.
template<typename Entity>
BulkResult itemsOf(const QList<BulkAction<Entity>> &actions, const BulkResponse &response)
{
    BulkResult result;
    for (const BulkAction<Entity> &action : actions) {
        const std::optional<BulkActionResponse> &part =
            action.kind == BulkActionKind::Create   ? response.create
            : action.kind == BulkActionKind::Update ? response.update
                                                    : response.remove;
        QStringList keys = action.keys;
        if (action.kind != BulkActionKind::Delete) {
            keys.clear();
            for (const Entity &entity : action.entities)
                keys.append(keyOf(entity));
        }
        for (const QString &key : std::as_const(keys)) {
            BulkItemResult item;
            item.action = action.kind;
            item.key = key;
            if (part && part->success.contains(key)) {
                item.status = Status::Succeeded;
            } else if (part && !part->errors.isEmpty()) {
                item.status = Status::Failed;
                item.message = failureFor(*part, key, &item.httpStatus);
            } else {
                // Neither done nor refused: passed over by "skip".
                item.status = Status::Skipped;
            }
            result.items.append(item);
        }
    }
    return result;
}

template<typename Entity>
ApiCall *bulkInOneRequest(AirflowClient &client, const ApiRequest &request,
                          const QList<BulkAction<Entity>> &actions, QObject *context,
                          AirflowClient::Callback<BulkResult> done)
{
    const Dialect *dialect = &client.dialect();
    return ClientRequest::single<BulkResult>(
        client, request, context, std::move(done),
        [dialect, actions](const ResponseReader &reader, const HttpOutcome &outcome) -> Result<BulkResult> {
            const Result<QJsonDocument> doc = reader.json(outcome);
            if (!doc)
                return doc.error();
            const Result<BulkResponse> response = dialect->decodeBulkResponse(doc.value());
            if (!response)
                return response.error();
            return itemsOf(actions, response.value());
        });
}

// The one-by-one way: for each action, first a read of every key (so that "fail" can refuse the whole
// action before anything changes, as Airflow 3 does), then one request per entity that is to change.
template<typename Entity>
class OneByOne final : public std::enable_shared_from_this<OneByOne<Entity>>
{
public:
    OneByOne(AirflowClient &client, ApiCall *call, QObject *context, QList<BulkAction<Entity>> actions,
             EntityRequests<Entity> requests, AirflowClient::Callback<BulkResult> done)
        : m_client(client)
        , m_call(call)
        , m_context(context)
        , m_actions(std::move(actions))
        , m_requests(std::move(requests))
        , m_done(std::move(done))
    {
        for (const BulkAction<Entity> &action : m_actions)
            m_total += action.kind == BulkActionKind::Delete ? action.keys.size() : action.entities.size();
        m_call->setReportsItems(true);
    }

    void start() { nextAction(); }

private:
    struct Step
    {
        QString key;
        std::optional<ApiRequest> request; // none: decided without a request (skipped or failed)
        BulkItemResult item;
    };

    QStringList keysOf(const BulkAction<Entity> &action) const
    {
        if (action.kind == BulkActionKind::Delete)
            return action.keys;
        QStringList keys;
        for (const Entity &entity : action.entities)
            keys.append(keyOf(entity));
        return keys;
    }

    void nextAction()
    {
        if (m_action >= m_actions.size()) {
            ClientRequest::deliver<BulkResult>(m_call, m_context, m_done, m_result);
            return;
        }
        m_keys = keysOf(m_actions.at(m_action));
        m_existing.clear();
        m_missing.clear();
        m_readErrors.clear();
        checkNext(0);
    }

    // Reads key i: 200 exists, 404 missing, anything else is that entity's failure.
    void checkNext(qsizetype i)
    {
        if (i >= m_keys.size()) {
            plan();
            return;
        }
        const ApiRequest read = m_requests.read(m_keys.at(i));
        const ResponseReader reader = ClientRequest::reader(m_client, read);
        auto self = this->shared_from_this();
        ClientRequest::exchange(m_client, m_call, read, [self, i, reader](const HttpOutcome &outcome) {
            if (const ApiError fatal = callError(reader, outcome); fatal.isError())
                return self->fail(fatal);
            const QString &key = self->m_keys.at(i);
            if (outcome.status >= 200 && outcome.status < 300)
                self->m_existing.insert(key);
            else if (outcome.status == 404)
                self->m_missing.insert(key);
            else
                self->m_readErrors.insert(key, reader.statusError(outcome));
            self->checkNext(i + 1);
        });
    }

    static BulkItemResult failed(BulkActionKind kind, const QString &key, const ApiError &error)
    {
        return BulkItemResult{kind, key, Status::Failed,
                              error.detail().isEmpty() ? error.message() : error.detail(),
                              error.httpStatus()};
    }

    QString keyList(const QSet<QString> &keys) const
    {
        QStringList ordered;
        for (const QString &key : m_keys)
            if (keys.contains(key) && !ordered.contains(key))
                ordered.append(key);
        return ordered.join(QStringLiteral(", "));
    }

    void plan()
    {
        const BulkAction<Entity> &action = m_actions.at(m_action);
        const BulkActionKind kind = action.kind;
        m_steps.clear();
        // A "fail" action with a clash does nothing, and every entity of it fails with the same words.
        QString refusal;
        int refusalStatus = 0;
        if (kind == BulkActionKind::Create && action.onExistence == BulkOnExistence::Fail &&
            !m_existing.isEmpty()) {
            refusal = QStringLiteral("The %1 with these keys already exist: %2.")
                          .arg(m_requests.plural, keyList(m_existing));
            refusalStatus = 409;
        } else if (kind != BulkActionKind::Create && action.onNonExistence == BulkOnNonExistence::Fail &&
                   !m_missing.isEmpty()) {
            refusal = QStringLiteral("The %1 with these keys were not found: %2.")
                          .arg(m_requests.plural, keyList(m_missing));
            refusalStatus = 404;
        }
        for (qsizetype i = 0; i < m_keys.size(); ++i) {
            const QString &key = m_keys.at(i);
            Step step;
            step.key = key;
            step.item = BulkItemResult{kind, key, Status::Succeeded, {}, 0};
            if (!refusal.isEmpty()) {
                step.item = BulkItemResult{kind, key, Status::Failed, refusal, refusalStatus};
            } else if (m_readErrors.contains(key)) {
                step.item = failed(kind, key, m_readErrors.value(key));
            } else if (kind == BulkActionKind::Create) {
                const Entity &entity = action.entities.at(i);
                if (!m_existing.contains(key))
                    step.request = m_requests.create(entity);
                else if (action.onExistence == BulkOnExistence::Overwrite)
                    step.request = m_requests.update(entity, {});
                else
                    step.item.status = Status::Skipped;
            } else if (m_missing.contains(key)) {
                step.item.status = Status::Skipped;
            } else if (kind == BulkActionKind::Update) {
                step.request = m_requests.update(action.entities.at(i), action.updateMask);
            } else {
                step.request = m_requests.remove(key);
            }
            m_steps.append(step);
        }
        applyNext(0);
    }

    void applyNext(qsizetype i)
    {
        if (i >= m_steps.size()) {
            ++m_action;
            nextAction();
            return;
        }
        Step &step = m_steps[i];
        if (!step.request) {
            finishStep(i);
            return;
        }
        const ResponseReader reader = ClientRequest::reader(m_client, *step.request);
        auto self = this->shared_from_this();
        ClientRequest::exchange(m_client, m_call, *step.request,
                                [self, i, reader](const HttpOutcome &outcome) {
                                    if (const ApiError fatal = callError(reader, outcome); fatal.isError())
                                        return self->fail(fatal);
                                    Step &done = self->m_steps[i];
                                    const ApiError error = reader.statusError(outcome);
                                    if (error.isError())
                                        done.item = failed(done.item.action, done.key, error);
                                    self->finishStep(i);
                                });
    }

    void finishStep(qsizetype i)
    {
        m_result.items.append(m_steps.at(i).item);
        m_call->reportProgress(m_result.items.size(), m_total);
        applyNext(i + 1);
    }

    // What ends the whole call, as it ends Airflow 3's one request: no answer (network, TLS, timeout,
    // cancel), a redirect, or credentials the server refuses for everything.
    static ApiError callError(const ResponseReader &reader, const HttpOutcome &outcome)
    {
        if (outcome.error.isError())
            return outcome.error;
        if (outcome.status == 401 || outcome.status == 403 || (outcome.status >= 300 && outcome.status < 400))
            return reader.statusError(outcome);
        return {};
    }

    void fail(const ApiError &error) { ClientRequest::deliver<BulkResult>(m_call, m_context, m_done, error); }

    AirflowClient &m_client;
    ApiCall *m_call;
    QPointer<QObject> m_context;
    QList<BulkAction<Entity>> m_actions;
    EntityRequests<Entity> m_requests;
    AirflowClient::Callback<BulkResult> m_done;
    qsizetype m_total = 0;
    qsizetype m_action = 0;
    QStringList m_keys;
    QSet<QString> m_existing;
    QSet<QString> m_missing;
    QHash<QString, ApiError> m_readErrors;
    QList<Step> m_steps;
    BulkResult m_result;
};

template<typename Entity>
ApiCall *bulk(AirflowClient &client, const QList<BulkAction<Entity>> &actions, const ApiRequest &bulkRequest,
              EntityRequests<Entity> requests, QObject *context, AirflowClient::Callback<BulkResult> done)
{
    if (client.dialect().hasBulkEndpoints())
        return bulkInOneRequest(client, bulkRequest, actions, context, std::move(done));
    ApiCall *call = ClientRequest::newCall(
        client, context,
        QStringLiteral("%1 %2 one by one").arg(QString::number(actions.size()), requests.plural));
    std::make_shared<OneByOne<Entity>>(client, call, context, actions, std::move(requests), std::move(done))
        ->start();
    return call;
}

} // namespace

ApiCall *AirflowClient::bulkVariables(const QList<VariableBulkAction> &actions, QObject *context,
                                      Callback<BulkResult> done)
{
    const Dialect *dialect = m_dialect.get();
    EntityRequests<Variable> requests;
    requests.plural = QStringLiteral("variables");
    requests.read = [dialect](const QString &key) { return dialect->variableRequest(key); };
    // Only for keys that were just read as missing: a v1 POST would overwrite one that exists.
    requests.create = [dialect](const Variable &variable) {
        return dialect->createVariableRequest(variable);
    };
    requests.update = [dialect](const Variable &variable, const QStringList &mask) {
        return dialect->updateVariableRequest(
            VariableUpdate{variable.key, variable.value, variable.description, mask});
    };
    requests.remove = [dialect](const QString &key) { return dialect->deleteVariableRequest(key); };
    return bulk(*this, actions, dialect->bulkVariablesRequest(actions), std::move(requests), context,
                std::move(done));
}

ApiCall *AirflowClient::bulkConnections(const QList<ConnectionBulkAction> &actions, QObject *context,
                                        Callback<BulkResult> done)
{
    const Dialect *dialect = m_dialect.get();
    EntityRequests<ConnectionRequest> requests;
    requests.plural = QStringLiteral("connections");
    requests.read = [dialect](const QString &id) { return dialect->connectionRequest(id); };
    requests.create = [dialect](const ConnectionRequest &connection) {
        return dialect->createConnectionRequest(connection);
    };
    requests.update = [dialect](const ConnectionRequest &connection, const QStringList &mask) {
        return dialect->updateConnectionRequest(masked(connection, mask));
    };
    requests.remove = [dialect](const QString &id) { return dialect->deleteConnectionRequest(id); };
    return bulk(*this, actions, dialect->bulkConnectionsRequest(actions), std::move(requests), context,
                std::move(done));
}

ApiCall *AirflowClient::bulkPools(const QList<PoolBulkAction> &actions, QObject *context,
                                  Callback<BulkResult> done)
{
    const Dialect *dialect = m_dialect.get();
    EntityRequests<PoolRequest> requests;
    requests.plural = QStringLiteral("pools");
    requests.read = [dialect](const QString &name) { return dialect->poolRequest(name); };
    requests.create = [dialect](const PoolRequest &pool) { return dialect->createPoolRequest(pool); };
    requests.update = [dialect](const PoolRequest &pool, const QStringList &mask) {
        return dialect->updatePoolRequest(pool.name, masked(pool, mask));
    };
    requests.remove = [dialect](const QString &name) { return dialect->deletePoolRequest(name); };
    return bulk(*this, actions, dialect->bulkPoolsRequest(actions), std::move(requests), context,
                std::move(done));
}

} // namespace Windsock::Api
