#include "resourcestore.h"

namespace Windsock::Sandbox {

namespace {

template<typename Row, typename Key>
int indexOf(const QVector<Row> &rows, Key key, const QString &wanted)
{
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i).*key == wanted)
            return i;
    }
    return -1;
}

QJsonValue text(const char16_t *value)
{
    return value ? QJsonValue(QString::fromUtf16(value)) : QJsonValue(QJsonValue::Null);
}

} // namespace

ResourceStore::ResourceStore()
{
    // A plain value, a JSON document (Airflow stores it as text), one with a description, and an empty one.
    const struct
    {
        const char16_t *key, *value, *description;
    } seededVariables[] = {
        {u"environment", u"staging", nullptr},
        {u"etl_settings", u"{\"batch_size\": 500, \"targets\": [\"orders\", \"invoices\"]}",
         u"Settings of the nightly ETL, read by etl_orders"},
        {u"alert_email", u"data-team@example.com", u"Where failure mails go"},
        {u"feature_flags", u"[]", nullptr},
        {u"report_footer", u"", nullptr},
    };
    for (const auto &v : seededVariables)
        variables.append(
            {nextId(), QString::fromUtf16(v.key), QString::fromUtf16(v.value), text(v.description)});

    const struct
    {
        const char16_t *id, *type, *description, *host, *login, *schema;
        int port;
        const char16_t *extra, *password;
    } seededConnections[] = {
        {u"postgres_default", u"postgres", nullptr, u"postgres", u"airflow", u"airflow", 5432, nullptr,
         u"airflow"},
        {u"warehouse", u"postgres", u"The reporting warehouse", u"warehouse.internal", u"etl", u"analytics",
         5432, u"{\"sslmode\": \"require\"}", u"s3cr3t"},
        {u"http_default", u"http", nullptr, u"https://www.httpbin.org/", nullptr, nullptr, 0, nullptr,
         nullptr},
        {u"aws_default", u"aws", u"Default AWS credentials", nullptr, nullptr, nullptr, 0,
         u"{\"region_name\": \"eu-west-1\"}", nullptr},
    };
    for (const auto &c : seededConnections) {
        connections.append({nextId(), QString::fromUtf16(c.id), QString::fromUtf16(c.type),
                            text(c.description), text(c.host), text(c.login), text(c.schema),
                            c.port > 0 ? QJsonValue(c.port) : QJsonValue(QJsonValue::Null), text(c.extra),
                            c.password ? QString::fromUtf16(c.password) : QString()});
    }

    const struct
    {
        const char16_t *name;
        int slots;
        const char16_t *description;
    } seededPools[] = {{defaultPoolName, 128, u"Default pool"},
                       {u"etl_pool", 16, u"Warehouse loads; keeps the database responsive"},
                       {u"ml_training", 4, u"GPU nodes for model training"},
                       {u"reporting", 8, nullptr}};
    for (const auto &p : seededPools)
        pools.append({nextId(), QString::fromUtf16(p.name), p.slots, text(p.description), false});
}

int ResourceStore::variableIndex(const QString &key) const
{
    return indexOf(variables, &SandboxVariable::key, key);
}

int ResourceStore::connectionIndex(const QString &connectionId) const
{
    return indexOf(connections, &SandboxConnection::connectionId, connectionId);
}

int ResourceStore::poolIndex(const QString &name) const
{
    return indexOf(pools, &SandboxPool::name, name);
}

} // namespace Windsock::Sandbox
