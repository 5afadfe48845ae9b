// The client's variable, connection, pool and configuration calls against the sandbox: the happy paths, and
// every refusal (404, 409, 400, 403) arriving as an ApiError in plain words.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QNetworkAccessManager>
#include <QTest>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

class TestApiResources final : public QObject
{
    Q_OBJECT

private:
    void start(bool exposeConfig = false, bool allowConnectionTest = false)
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        options.dagCount = 5;
        options.exposeConfig = exposeConfig;
        options.allowConnectionTest = allowConnectionTest;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    Result<Variable> variable(const QString &key)
    {
        return *awaitResult<Variable>([&](auto done) { m_api->variable(key, this, done); });
    }

    Result<Connection> connection(const QString &id)
    {
        return *awaitResult<Connection>([&](auto done) { m_api->connection(id, this, done); });
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init() { start(); }

    void variablesSeeded()
    {
        const auto page = awaitResult<Page<Variable>>([&](auto done) { m_api->variables({}, this, done); });
        QVERIFY2(page->ok(), qPrintable(page->error().message()));
        QVERIFY(page->value().totalEntries >= 3);
        QCOMPARE(page->value().items.size(), page->value().totalEntries);
        for (const Variable &v : page->value().items)
            QVERIFY(!v.hasValue); // the list carries no values

        const Result<Variable> json = variable(QStringLiteral("etl_settings"));
        QVERIFY(json.ok());
        QVERIFY(json.value().hasValue);
        QVERIFY(json.value().value.startsWith(QLatin1Char('{')));
        QVERIFY(!json.value().description.isEmpty());

        CollectionQuery second;
        second.limit = 2;
        second.offset = 2;
        second.orderBy = QStringLiteral("-key");
        const auto paged =
            awaitResult<Page<Variable>>([&](auto done) { m_api->variables(second, this, done); });
        QVERIFY(paged->ok());
        QCOMPARE(paged->value().items.size(), 2);
        QVERIFY(paged->value().items.at(0).key > paged->value().items.at(1).key);
    }

    void variableLifecycle()
    {
        Variable created;
        created.key = QStringLiteral("new key/with slash");
        created.value = QStringLiteral("[1, 2]");
        created.description = QStringLiteral("made by a test");
        const auto made =
            awaitResult<Variable>([&](auto done) { m_api->createVariable(created, this, done); });
        QVERIFY2(made->ok(), qPrintable(made->error().message()));
        QCOMPARE(made->value().value, created.value);
        QCOMPARE(variable(created.key).value().description, created.description);

        // Creating it again is refused, and the stored value stays.
        Variable again = created;
        again.value = QStringLiteral("overwritten?");
        const auto conflict =
            awaitResult<Variable>([&](auto done) { m_api->createVariable(again, this, done); });
        QVERIFY(!conflict->ok());
        QCOMPARE(conflict->error().kind(), ApiError::Kind::Conflict);
        QVERIFY2(conflict->error().message().contains(QLatin1String("already exists")),
                 qPrintable(conflict->error().message()));
        QCOMPARE(variable(created.key).value().value, created.value);

        // Only the description changes; the value sent with it is left alone by the mask.
        VariableUpdate describe;
        describe.key = created.key;
        describe.value = QStringLiteral("ignored by the mask");
        describe.description = QStringLiteral("better words");
        describe.updateMask = {QStringLiteral("description")};
        const auto described =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(describe, this, done); });
        QVERIFY2(described->ok(), qPrintable(described->error().message()));
        QCOMPARE(variable(created.key).value().value, created.value);
        QCOMPARE(variable(created.key).value().description, QStringLiteral("better words"));

        VariableUpdate onlyValue;
        onlyValue.key = created.key;
        onlyValue.value = QStringLiteral("only the value");
        onlyValue.updateMask = {QStringLiteral("value")};
        QVERIFY(
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(onlyValue, this, done); })->ok());
        QCOMPARE(variable(created.key).value().value, QStringLiteral("only the value"));
        QCOMPARE(variable(created.key).value().description, QStringLiteral("better words"));

        VariableUpdate revalue;
        revalue.key = created.key;
        revalue.value = QStringLiteral("plain");
        const auto revalued =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(revalue, this, done); });
        QVERIFY(revalued->ok());
        QCOMPARE(variable(created.key).value().value, QStringLiteral("plain"));
        QVERIFY(variable(created.key).value().description.isEmpty()); // no mask: every field, cleared

        const auto removed =
            awaitResult<Nothing>([&](auto done) { m_api->deleteVariable(created.key, this, done); });
        QVERIFY(removed->ok());
        const Result<Variable> gone = variable(created.key);
        QCOMPARE(gone.error().kind(), ApiError::Kind::NotFound);
        QVERIFY2(gone.error().message().contains(QLatin1String("Variable does not exist")),
                 qPrintable(gone.error().message()));
        const auto removedTwice =
            awaitResult<Nothing>([&](auto done) { m_api->deleteVariable(created.key, this, done); });
        QCOMPARE(removedTwice->error().kind(), ApiError::Kind::NotFound);
    }

    void variableRefusals()
    {
        VariableUpdate unknown;
        unknown.key = QStringLiteral("no_such_variable");
        const auto missing =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(unknown, this, done); });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);

        VariableUpdate badMask;
        badMask.key = QStringLiteral("environment");
        badMask.updateMask = {QStringLiteral("key")};
        const auto refused =
            awaitResult<Variable>([&](auto done) { m_api->updateVariable(badMask, this, done); });
        QCOMPARE(refused->error().kind(), ApiError::Kind::Http);
        QCOMPARE(refused->error().httpStatus(), 400);
        QVERIFY2(refused->error().message().contains(QLatin1String("cannot be updated")),
                 qPrintable(refused->error().message()));
    }

    void allVariablesPagesPastTheCap()
    {
        for (int i = 0; i < 100; ++i) {
            Variable v;
            v.key = QStringLiteral("bulk_%1").arg(i, 3, 10, QLatin1Char('0'));
            v.value = QString::number(i);
            const auto made = awaitResult<Variable>([&](auto done) { m_api->createVariable(v, this, done); });
            QVERIFY(made->ok());
        }
        const auto all = awaitResult<QList<Variable>>([&](auto done) { m_api->allVariables(this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        const auto first = awaitResult<Page<Variable>>([&](auto done) { m_api->variables({}, this, done); });
        QVERIFY(first->value().totalEntries > 100);
        QCOMPARE(all->value().size(), first->value().totalEntries);
        QStringList keys;
        for (const Variable &v : all->value())
            keys.append(v.key);
        keys.removeDuplicates();
        QCOMPARE(keys.size(), first->value().totalEntries);
    }

    void connectionLifecycle()
    {
        ConnectionRequest create;
        create.connectionId = QStringLiteral("my_db");
        create.connType = QStringLiteral("postgres");
        create.host = QStringLiteral("db.internal");
        create.port = 5432;
        create.login = QStringLiteral("me");
        create.password = QStringLiteral("s3cret");
        const auto made =
            awaitResult<Connection>([&](auto done) { m_api->createConnection(create, this, done); });
        QVERIFY2(made->ok(), qPrintable(made->error().message()));
        QCOMPARE(made->value().port, 5432);

        const auto duplicate =
            awaitResult<Connection>([&](auto done) { m_api->createConnection(create, this, done); });
        QCOMPARE(duplicate->error().kind(), ApiError::Kind::Conflict);
        QVERIFY2(duplicate->error().message().contains(QLatin1String("my_db")),
                 qPrintable(duplicate->error().message()));

        // Without a new password, the update leaves the stored one alone (the mask names only host).
        ConnectionRequest move;
        move.connectionId = QStringLiteral("my_db");
        move.host = QStringLiteral("db2.internal");
        const auto moved =
            awaitResult<Connection>([&](auto done) { m_api->updateConnection(move, this, done); });
        QVERIFY2(moved->ok(), qPrintable(moved->error().message()));
        QCOMPARE(moved->value().host, QStringLiteral("db2.internal"));
        QCOMPARE(moved->value().login, QStringLiteral("me"));
        QCOMPARE(moved->value().port, 5432);
        QCOMPARE(m_sandbox->state().resources().connections.last().password, QStringLiteral("s3cret"));

        ConnectionRequest repassword;
        repassword.connectionId = QStringLiteral("my_db");
        repassword.password = QStringLiteral("n3w");
        repassword.port = 0;
        QVERIFY(awaitResult<Connection>([&](auto done) {
                    m_api->updateConnection(repassword, this, done);
                })->ok());
        QCOMPARE(m_sandbox->state().resources().connections.last().password, QStringLiteral("n3w"));
        QCOMPARE(connection(QStringLiteral("my_db")).value().port, 0);

        const auto list =
            awaitResult<Page<Connection>>([&](auto done) { m_api->connections({}, this, done); });
        QVERIFY(list->ok());
        QCOMPARE(list->value().items.last().connectionId, QStringLiteral("my_db"));

        QVERIFY(awaitResult<Nothing>([&](auto done) {
                    m_api->deleteConnection(QStringLiteral("my_db"), this, done);
                })->ok());
        const Result<Connection> gone = connection(QStringLiteral("my_db"));
        QCOMPARE(gone.error().kind(), ApiError::Kind::NotFound);
        QVERIFY2(gone.error().message().contains(QLatin1String("my_db")), qPrintable(gone.error().message()));
    }

    void connectionRefusals()
    {
        ConnectionRequest noType;
        noType.connectionId = QStringLiteral("x");
        const auto missingType =
            awaitResult<Connection>([&](auto done) { m_api->createConnection(noType, this, done); });
        QCOMPARE(missingType->error().httpStatus(), 400);
        QVERIFY2(missingType->error().message().contains(QLatin1String("conn_type")),
                 qPrintable(missingType->error().message()));

        ConnectionRequest badId;
        badId.connectionId = QStringLiteral("has space");
        badId.connType = QStringLiteral("http");
        const auto refused =
            awaitResult<Connection>([&](auto done) { m_api->createConnection(badId, this, done); });
        QCOMPARE(refused->error().httpStatus(), 400);

        ConnectionRequest unknown;
        unknown.connectionId = QStringLiteral("nope");
        unknown.host = QStringLiteral("h");
        const auto missing =
            awaitResult<Connection>([&](auto done) { m_api->updateConnection(unknown, this, done); });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void connectionTestDisabledByDefault()
    {
        ConnectionRequest test;
        test.connectionId = QStringLiteral("probe");
        test.connType = QStringLiteral("postgres");
        test.host = QStringLiteral("db");
        const auto result =
            awaitResult<ConnectionTestResult>([&](auto done) { m_api->testConnection(test, this, done); });
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), ApiError::Kind::Forbidden);
        QVERIFY2(result->error().message().contains(QLatin1String("[core] test_connection = Enabled")),
                 qPrintable(result->error().message()));
        QVERIFY2(result->error().message().contains(QLatin1String("administrator")),
                 qPrintable(result->error().message()));
    }

    void connectionTestEnabled()
    {
        start(false, true);
        ConnectionRequest test;
        test.connectionId = QStringLiteral("probe");
        test.connType = QStringLiteral("postgres");
        test.host = QStringLiteral("db");
        const auto works =
            awaitResult<ConnectionTestResult>([&](auto done) { m_api->testConnection(test, this, done); });
        QVERIFY2(works->ok(), qPrintable(works->error().message()));
        QVERIFY(works->value().status);
        QVERIFY(!works->value().message.isEmpty());

        test.connType = QStringLiteral("no_such_provider");
        const auto unknownType =
            awaitResult<ConnectionTestResult>([&](auto done) { m_api->testConnection(test, this, done); });
        QVERIFY(unknownType->ok());
        QVERIFY(!unknownType->value().status);
        QVERIFY(unknownType->value().message.contains(QLatin1String("no_such_provider")));

        test.connType = QStringLiteral("postgres");
        test.host.reset();
        const auto noHost =
            awaitResult<ConnectionTestResult>([&](auto done) { m_api->testConnection(test, this, done); });
        QVERIFY(noHost->ok());
        QVERIFY(!noHost->value().status);
    }

    void poolLifecycle()
    {
        PoolRequest create;
        create.name = QStringLiteral("gpu pool");
        create.slots = -1;
        create.description = QStringLiteral("unlimited");
        const auto made = awaitResult<Pool>([&](auto done) { m_api->createPool(create, this, done); });
        QVERIFY2(made->ok(), qPrintable(made->error().message()));
        QCOMPARE(made->value().slots, -1);
        const auto again = awaitResult<Pool>([&](auto done) { m_api->createPool(create, this, done); });
        QCOMPARE(again->error().kind(), ApiError::Kind::Conflict);

        PoolRequest resize;
        resize.slots = 6;
        const auto resized = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("gpu pool"), resize, this, done); });
        QVERIFY2(resized->ok(), qPrintable(resized->error().message()));
        QCOMPARE(resized->value().slots, 6);
        QCOMPARE(resized->value().description, QStringLiteral("unlimited")); // not in the mask

        PoolRequest rename;
        rename.name = QStringLiteral("gpu");
        const auto renamed = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("gpu pool"), rename, this, done); });
        QVERIFY(renamed->ok());
        QCOMPARE(renamed->value().name, QStringLiteral("gpu"));
        const auto oldName =
            awaitResult<Pool>([&](auto done) { m_api->pool(QStringLiteral("gpu pool"), this, done); });
        QCOMPARE(oldName->error().kind(), ApiError::Kind::NotFound);

        PoolRequest takeName;
        takeName.name = QStringLiteral("etl_pool");
        const auto taken = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("gpu"), takeName, this, done); });
        QCOMPARE(taken->error().kind(), ApiError::Kind::Conflict);

        QVERIFY(awaitResult<Nothing>([&](auto done) {
                    m_api->deletePool(QStringLiteral("gpu"), this, done);
                })->ok());
        const auto gone =
            awaitResult<Nothing>([&](auto done) { m_api->deletePool(QStringLiteral("gpu"), this, done); });
        QCOMPARE(gone->error().kind(), ApiError::Kind::NotFound);
    }

    void defaultPoolIsProtected()
    {
        const auto deleted = awaitResult<Nothing>(
            [&](auto done) { m_api->deletePool(QStringLiteral("default_pool"), this, done); });
        QCOMPARE(deleted->error().httpStatus(), 400);
        QVERIFY2(deleted->error().message().contains(QLatin1String("Default Pool can't be deleted")),
                 qPrintable(deleted->error().message()));

        PoolRequest rename;
        rename.name = QStringLiteral("not_default");
        const auto renamed = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("default_pool"), rename, this, done); });
        QCOMPARE(renamed->error().httpStatus(), 400);
        QVERIFY2(renamed->error().message().contains(QLatin1String("name can't be modified")),
                 qPrintable(renamed->error().message()));

        PoolRequest resize;
        resize.slots = 64;
        const auto resized = awaitResult<Pool>(
            [&](auto done) { m_api->updatePool(QStringLiteral("default_pool"), resize, this, done); });
        QVERIFY2(resized->ok(), qPrintable(resized->error().message()));
        QCOMPARE(resized->value().slots, 64);
    }

    void configForbiddenByDefault()
    {
        const auto config = awaitResult<Config>([&](auto done) { m_api->config(QString(), this, done); });
        QVERIFY(!config->ok());
        QCOMPARE(config->error().kind(), ApiError::Kind::Forbidden);
        QVERIFY2(config->error().message().contains(QLatin1String("expose_config")),
                 qPrintable(config->error().message()));
    }

    void configExposed()
    {
        start(true, false);
        const auto config = awaitResult<Config>([&](auto done) { m_api->config(QString(), this, done); });
        QVERIFY2(config->ok(), qPrintable(config->error().message()));
        QVERIFY(config->value().sections.size() >= 3);
        QCOMPARE(config->value().sections.at(0).name, QStringLiteral("core"));
        bool sawTestConnection = false;
        for (const ConfigOption &option : config->value().sections.at(0).options) {
            if (option.key == QLatin1String("test_connection")) {
                sawTestConnection = true;
                QCOMPARE(option.value, QStringLiteral("Disabled"));
            }
        }
        QVERIFY(sawTestConnection);

        const auto one =
            awaitResult<Config>([&](auto done) { m_api->config(QStringLiteral("api"), this, done); });
        QVERIFY(one->ok());
        QCOMPARE(one->value().sections.size(), 1);
        const auto none = awaitResult<Config>(
            [&](auto done) { m_api->config(QStringLiteral("no_such_section"), this, done); });
        QCOMPARE(none->error().kind(), ApiError::Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestApiResources)
#include "tst_api_resources.moc"
