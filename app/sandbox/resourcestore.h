#pragma once

#include <QJsonValue>
#include <QString>
#include <QVector>

namespace Windsock::Sandbox {

// A row of the variable table.
struct SandboxVariable
{
    qint64 id = 0;
    QString key;
    QString value;
    QJsonValue description; // null or a string
};

// A row of the connection table. The password is kept (a test of the connection could use it) and never
// written into an answer.
struct SandboxConnection
{
    qint64 id = 0;
    QString connectionId;
    QString connType;
    QJsonValue description; // each of these: null or the stored value
    QJsonValue host;
    QJsonValue login;
    QJsonValue schema;
    QJsonValue port;
    QJsonValue extra;
    QString password;
};

// A row of the slot_pool table.
struct SandboxPool
{
    qint64 id = 0;
    QString name;
    int slots = 0; // -1: unlimited
    QJsonValue description;
    bool includeDeferred = false;
};

// Variables, connections and pools: rows the API creates, changes and deletes, seeded with a few of each.
// Lists come in id order, as Airflow's default order_by=id gives them.
class ResourceStore
{
public:
    static constexpr const char16_t *defaultPoolName = u"default_pool";

    ResourceStore();

    QVector<SandboxVariable> variables;
    QVector<SandboxConnection> connections;
    QVector<SandboxPool> pools;

    qint64 nextId() { return m_nextId++; }
    int variableIndex(const QString &key) const;
    int connectionIndex(const QString &connectionId) const;
    int poolIndex(const QString &name) const;

private:
    qint64 m_nextId = 1;
};

} // namespace Windsock::Sandbox
