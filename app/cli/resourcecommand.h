#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include "api/result.h"
#include "api/types.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace Windsock::Api {
class AirflowClient;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli pools|connections|variables list|get|set|delete`.
//
// `set` creates or updates: it reads the item first, then creates it (POST) when there is none, or changes
// only the fields given (PATCH with an update mask) when there is one. A connection's password is taken only
// from standard input (--password-stdin) or a prompt (--password-prompt), never from an argument, and no
// command prints one (Airflow never sends it back).
class ResourceCommand final : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Pools,
        Connections,
        Variables
    };

    ResourceCommand(Kind kind, CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    QString noun() const; // "pool", "connection", "variable"
    // Fails the command for a call that failed; a 404 on `name` becomes "There is no <noun> ...".
    void fail(const Api::ApiError &error, const QString &name);
    bool json() const;

    void list();
    void get();
    void set();
    void remove();
    void importVariables(); // variables import FILE [--on-existing overwrite|skip|fail]: one bulk call

    template<typename T>
    using Handler = std::function<void(const Api::Result<T> &)>;
    // Reads page after page from offset into all (more reads the next), then prints them with print.
    template<typename T>
    Handler<Api::Page<T>> pageReader(int offset, QList<T> *all, void (ResourceCommand::*more)(int),
                                     void (ResourceCommand::*print)());
    // Prints what `get` read with print, or fails for name.
    template<typename T>
    Handler<T> itemPrinter(const QString &name, void (ResourceCommand::*print)(const T &));
    // Says "<verb> <what the item is>" once a create or update is done.
    template<typename T>
    Handler<T> saved(const QString &verb, std::function<QString(const T &)> describe);
    void succeed(); // flushes the output and finishes with Ok

    void listPools(int offset);
    void listConnections(int offset);
    void printPools();
    void printConnections();
    void printPool(const Api::Pool &pool);
    void printConnection(const Api::Connection &connection);
    void printVariable(const Api::Variable &variable);
    void setPool(const QString &name);
    void setConnection(const QString &connectionId);
    void setVariable(const QString &key);

    Kind m_kind;
    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    QList<Api::Pool> m_pools;
    QList<Api::Connection> m_connections;
    std::optional<QString> m_password;      // connections set: a new password, never printed
    std::optional<QString> m_variableValue; // variables set
};

} // namespace Windsock::Cli
