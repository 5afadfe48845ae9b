// windsock-cli's pools, connections and variables commands, run as processes against an in-process sandbox
// with the real keychain: list/get as tables and JSON, set creating and then changing only the fields given,
// delete, the read-only refusal, checks before anything is sent, and a connection's password taken only from
// standard input, stored, and never printed.
#include "clirunner.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

class TestCliResources final : public QObject
{
    Q_OBJECT

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        return m_cli->run(arguments, input);
    }

    QJsonObject getJson(const QString &group, const QString &name)
    {
        const CliRun got = run({group, QStringLiteral("get"), name, QStringLiteral("--json")});
        return got.exitCode == 0 ? QJsonDocument::fromJson(got.out).object() : QJsonObject();
    }

    QStringList listedNames(const QString &group, const QString &key)
    {
        const CliRun listed = run({group, QStringLiteral("list"), QStringLiteral("--json")});
        QStringList names;
        for (const QJsonValue &item : QJsonDocument::fromJson(listed.out).array())
            names.append(item.toObject().value(key).toString());
        return names;
    }

    QString storedPassword(const QString &connectionId) const
    {
        const auto &resources = m_sandbox->state().resources();
        const int index = resources.connectionIndex(connectionId);
        return index < 0 ? QStringLiteral("<none>") : resources.connections.at(index).password;
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CliRunner> m_cli;
    const QString m_password = QStringLiteral("cli-resources-Pw41");
    const QByteArray m_connectionPassword = "conn-Secret-8812";

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 2;
        options.runsPerDag = 1;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_config = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        for (const bool readOnly : {false, true}) {
            QStringList add{QStringLiteral("profile"),
                            QStringLiteral("add"),
                            QStringLiteral("--kind"),
                            QStringLiteral("airflow2-basic"),
                            QStringLiteral("--name"),
                            readOnly ? QStringLiteral("viewer") : QStringLiteral("local"),
                            QStringLiteral("--url"),
                            m_sandbox->baseUrl().toString(),
                            QStringLiteral("--username"),
                            QStringLiteral("admin"),
                            QStringLiteral("--secret-stdin")};
            if (readOnly)
                add << QStringLiteral("--read-only");
            const CliRun added = run(add, m_password.toUtf8() + '\n');
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        }
        m_cli->setDefaultProfile(QStringLiteral("local"));
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("local"), QStringLiteral("viewer")})
            run({QStringLiteral("profile"), QStringLiteral("remove"), name});
    }

    void pools()
    {
        const CliRun table = run({QStringLiteral("pools"), QStringLiteral("list")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY(table.out.startsWith("NAME  "));
        QVERIFY(table.out.contains("\ndefault_pool  "));
        QVERIFY(listedNames(QStringLiteral("pools"), QStringLiteral("name"))
                    .contains(QStringLiteral("default_pool")));

        QCOMPARE(run({QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("cli_pool")}).exitCode,
                 2);
        QCOMPARE(run({QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("cli_pool"),
                      QStringLiteral("--slots"), QStringLiteral("many")})
                     .exitCode,
                 2);
        const CliRun created =
            run({QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("cli_pool"),
                 QStringLiteral("--slots"), QStringLiteral("3"), QStringLiteral("--description"),
                 QStringLiteral("Made by the CLI")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY(created.out.startsWith("Created pool cli_pool"));

        // Only the fields given change.
        const CliRun updated =
            run({QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("cli_pool"),
                 QStringLiteral("--slots"), QStringLiteral("5")});
        QVERIFY2(updated.exitCode == 0, qPrintable(updated.err));
        QVERIFY(updated.out.startsWith("Updated pool cli_pool"));
        const QJsonObject pool = getJson(QStringLiteral("pools"), QStringLiteral("cli_pool"));
        QCOMPARE(pool.value(QLatin1String("slots")).toInt(), 5);
        QCOMPARE(pool.value(QLatin1String("description")).toString(), QStringLiteral("Made by the CLI"));
        const CliRun raw = run({QStringLiteral("pools"), QStringLiteral("get"), QStringLiteral("cli_pool"),
                                QStringLiteral("--json")});
        QVERIFY(raw.out.startsWith("{\"name\": \"cli_pool\", \"slots\": 5, "));
        const CliRun shown =
            run({QStringLiteral("pools"), QStringLiteral("get"), QStringLiteral("cli_pool")});
        QVERIFY2(shown.out.contains("description:       Made by the CLI\n"), shown.out.constData());

        const CliRun refused =
            run({QStringLiteral("pools"), QStringLiteral("delete"), QStringLiteral("cli_pool"),
                 QStringLiteral("--profile"), QStringLiteral("viewer")});
        QCOMPARE(refused.exitCode, 6);
        QVERIFY2(refused.err.contains(QLatin1String("read-only")), qPrintable(refused.err));
        QCOMPARE(run({QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("viewer_pool"),
                      QStringLiteral("--slots"), QStringLiteral("1"), QStringLiteral("--profile"),
                      QStringLiteral("viewer")})
                     .exitCode,
                 6);
        QVERIFY(!listedNames(QStringLiteral("pools"), QStringLiteral("name"))
                     .contains(QStringLiteral("viewer_pool")));

        const CliRun deleted =
            run({QStringLiteral("pools"), QStringLiteral("delete"), QStringLiteral("cli_pool")});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const CliRun gone = run({QStringLiteral("pools"), QStringLiteral("get"), QStringLiteral("cli_pool")});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(QLatin1String("There is no pool \"cli_pool\"")), qPrintable(gone.err));
        QCOMPARE(
            run({QStringLiteral("pools"), QStringLiteral("delete"), QStringLiteral("cli_pool")}).exitCode, 1);
    }

    void variables()
    {
        const CliRun created = run({QStringLiteral("variables"), QStringLiteral("set"),
                                    QStringLiteral("cli_greeting"), QStringLiteral("hello there"),
                                    QStringLiteral("--description"), QStringLiteral("A greeting")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY(created.out.startsWith("Created variable cli_greeting"));
        const CliRun value =
            run({QStringLiteral("variables"), QStringLiteral("get"), QStringLiteral("cli_greeting")});
        QCOMPARE(value.exitCode, 0);
        QCOMPARE(value.out, QByteArray("hello there\n"));

        // The description alone: the value stays.
        const CliRun described =
            run({QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("cli_greeting"),
                 QStringLiteral("--description"), QStringLiteral("Changed")});
        QVERIFY2(described.exitCode == 0, qPrintable(described.err));
        const CliRun raw = run({QStringLiteral("variables"), QStringLiteral("get"),
                                QStringLiteral("cli_greeting"), QStringLiteral("--json")});
        QCOMPARE(
            raw.out,
            QByteArray(
                "{\"key\": \"cli_greeting\", \"value\": \"hello there\", \"description\": \"Changed\"}\n"));

        const CliRun fromStdin = run({QStringLiteral("variables"), QStringLiteral("set"),
                                      QStringLiteral("cli_greeting"), QStringLiteral("--value-stdin")},
                                     "{\"multi\": \"line\",\n \"n\": 2}\n");
        QVERIFY2(fromStdin.exitCode == 0, qPrintable(fromStdin.err));
        QCOMPARE(getJson(QStringLiteral("variables"), QStringLiteral("cli_greeting"))
                     .value(QLatin1String("value"))
                     .toString(),
                 QStringLiteral("{\"multi\": \"line\",\n \"n\": 2}"));
        QCOMPARE(getJson(QStringLiteral("variables"), QStringLiteral("cli_greeting"))
                     .value(QLatin1String("description"))
                     .toString(),
                 QStringLiteral("Changed"));
        QVERIFY(listedNames(QStringLiteral("variables"), QStringLiteral("key"))
                    .contains(QStringLiteral("cli_greeting")));

        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("cli_greeting")})
                     .exitCode,
                 2);
        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("cli_new"),
                      QStringLiteral("--description"), QStringLiteral("no value")})
                     .exitCode,
                 2);
        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("cli_greeting"),
                      QStringLiteral("x"), QStringLiteral("--profile"), QStringLiteral("viewer")})
                     .exitCode,
                 6);
        QCOMPARE(getJson(QStringLiteral("variables"), QStringLiteral("cli_greeting"))
                     .value(QLatin1String("value"))
                     .toString(),
                 QStringLiteral("{\"multi\": \"line\",\n \"n\": 2}"));

        const CliRun deleted =
            run({QStringLiteral("variables"), QStringLiteral("delete"), QStringLiteral("cli_greeting")});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const CliRun gone =
            run({QStringLiteral("variables"), QStringLiteral("get"), QStringLiteral("cli_greeting")});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(QLatin1String("There is no variable \"cli_greeting\"")),
                 qPrintable(gone.err));
    }

    // variables import: the same file and --on-existing choices give the same result on Airflow 2 (one
    // request per key) and Airflow 3 (one bulk PATCH); a bad file or choice is refused before anything is
    // sent.
    void variablesImport_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::newRow("Airflow 2") << false;
        QTest::newRow("Airflow 3") << true;
    }

    void variablesImport()
    {
        QFETCH(bool, v2);
        SandboxOptions options;
        options.api = v2 ? Windsock::Sandbox::ApiVersion::V2 : Windsock::Sandbox::ApiVersion::V1;
        options.dagCount = 2;
        options.users = {{QStringLiteral("admin"), m_password}};
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        const QString profile = v2 ? QStringLiteral("import3") : QStringLiteral("import2");
        const CliRun added =
            run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
                 v2 ? QStringLiteral("airflow3-password") : QStringLiteral("airflow2-basic"),
                 QStringLiteral("--name"), profile, QStringLiteral("--url"), sandbox.baseUrl().toString(),
                 QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--secret-stdin")},
                m_password.toUtf8() + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        QTemporaryDir dir;
        const QString fileName = dir.filePath(QStringLiteral("vars.json"));
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"cli_imported\": \"one\", \"environment\": \"prod\", \"cli_json\": [1, 2]}");
        file.close();
        const auto importWith = [&](const QString &choice) {
            QStringList arguments{QStringLiteral("variables"), QStringLiteral("import"), fileName,
                                  QStringLiteral("--profile"), profile};
            if (!choice.isEmpty())
                arguments << QStringLiteral("--on-existing") << choice;
            return run(arguments);
        };
        const auto value = [&](const char *key) {
            const CliRun got = run({QStringLiteral("variables"), QStringLiteral("get"), QLatin1String(key),
                                    QStringLiteral("--profile"), profile});
            return got.exitCode == 0 ? QString::fromUtf8(got.out).trimmed() : QString();
        };

        // fail: environment exists, so nothing is imported, and each key says why.
        CliRun imported = importWith(QStringLiteral("fail"));
        QCOMPARE(imported.exitCode, 1);
        QVERIFY2(imported.err.contains(QLatin1String("Could not import variable cli_imported")),
                 qPrintable(imported.err));
        QVERIFY2(imported.err.contains(QLatin1String("3 of 3 variables were not imported")),
                 qPrintable(imported.err));
        QCOMPARE(value("cli_imported"), QString());

        // skip: the others are imported, environment stays.
        imported = importWith(QStringLiteral("skip"));
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.contains("Skipped (exists) variable environment"), imported.out.constData());
        QVERIFY2(imported.out.contains("Imported variable cli_imported"), imported.out.constData());
        QCOMPARE(value("environment"), QStringLiteral("staging"));
        QCOMPARE(value("cli_json"), QStringLiteral("[\n  1,\n  2\n]"));

        // The default, as Airflow's CLI: overwrite. --json gives one record per key.
        QStringList arguments{QStringLiteral("variables"),
                              QStringLiteral("import"),
                              fileName,
                              QStringLiteral("--profile"),
                              profile,
                              QStringLiteral("--json")};
        imported = run(arguments);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const QJsonArray records = QJsonDocument::fromJson(imported.out).array();
        QCOMPARE(records.size(), 3);
        for (const QJsonValue &record : records)
            QCOMPARE(record.toObject().value(QLatin1String("status")).toString(), QStringLiteral("imported"));
        QCOMPARE(value("environment"), QStringLiteral("prod"));

        // A read-only profile refuses (6: ReadOnlyProfile).
        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("import"), fileName,
                      QStringLiteral("--profile"), QStringLiteral("viewer")})
                     .exitCode,
                 6);
        // Refused before anything is sent.
        const quint64 before = sandbox.requestCount();
        QCOMPARE(importWith(QStringLiteral("replace")).exitCode, 2);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[1, 2]");
        file.close();
        const CliRun notAFile = importWith(QString());
        QCOMPARE(notAFile.exitCode, 2);
        QVERIFY2(notAFile.err.contains(QLatin1String("not a variables file")), qPrintable(notAFile.err));
        QCOMPARE(sandbox.requestCount(), before);
        run({QStringLiteral("profile"), QStringLiteral("remove"), profile});
    }

    void connections()
    {
        const QStringList create{
            QStringLiteral("connections"),    QStringLiteral("set"),      QStringLiteral("cli_db"),
            QStringLiteral("--conn-type"),    QStringLiteral("postgres"), QStringLiteral("--host"),
            QStringLiteral("db.example.com"), QStringLiteral("--port"),   QStringLiteral("5432"),
            QStringLiteral("--login"),        QStringLiteral("etl"),      QStringLiteral("--password-stdin")};
        const CliRun created = run(create, m_connectionPassword + '\n');
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY(created.out.startsWith("Created connection cli_db (postgres)"));
        QCOMPARE(storedPassword(QStringLiteral("cli_db")), QString::fromUtf8(m_connectionPassword));

        // A change without a password keeps the stored one, and changes only what is given.
        const CliRun moved =
            run({QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("cli_db"),
                 QStringLiteral("--host"), QStringLiteral("db2.example.com"), QStringLiteral("--extra"),
                 QStringLiteral("{\"sslmode\": \"require\"}")});
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.err));
        QCOMPARE(storedPassword(QStringLiteral("cli_db")), QString::fromUtf8(m_connectionPassword));
        const QJsonObject connection = getJson(QStringLiteral("connections"), QStringLiteral("cli_db"));
        QCOMPARE(connection.value(QLatin1String("host")).toString(), QStringLiteral("db2.example.com"));
        QCOMPARE(connection.value(QLatin1String("login")).toString(), QStringLiteral("etl"));
        QCOMPARE(connection.value(QLatin1String("port")).toInt(), 5432);
        QVERIFY(!connection.contains(QLatin1String("password")));

        // No output ever carries the password.
        for (const QStringList &arguments :
             {QStringList{QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("cli_db")},
              QStringList{QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("cli_db"),
                          QStringLiteral("--json")},
              QStringList{QStringLiteral("connections"), QStringLiteral("list")},
              QStringList{QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--json")}}) {
            const CliRun shown = run(arguments);
            QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
            QVERIFY(shown.out.contains("cli_db"));
            QVERIFY(!shown.out.contains(m_connectionPassword));
            QVERIFY(!shown.err.contains(QString::fromUtf8(m_connectionPassword)));
        }
        const CliRun shown =
            run({QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("cli_db")});
        QVERIFY2(shown.out.contains("host:           db2.example.com\n"), shown.out.constData());

        // The password as an argument is refused before anything happens; a prompt needs a terminal.
        const quint64 before = m_sandbox->requestCount();
        const CliRun asArgument =
            run({QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("cli_db"),
                 QStringLiteral("--password"), QStringLiteral("other-password")});
        QCOMPARE(asArgument.exitCode, 2);
        QVERIFY2(asArgument.err.contains(QLatin1String("--password-stdin")), qPrintable(asArgument.err));
        const CliRun prompt = run({QStringLiteral("connections"), QStringLiteral("set"),
                                   QStringLiteral("cli_db"), QStringLiteral("--password-prompt")});
        QCOMPARE(prompt.exitCode, 2);
        QVERIFY2(prompt.err.contains(QLatin1String("not a terminal")), qPrintable(prompt.err));
        const CliRun badExtra =
            run({QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("cli_db"),
                 QStringLiteral("--extra"), QStringLiteral("{\"a\":\n 1,}")});
        QCOMPARE(badExtra.exitCode, 2);
        QVERIFY2(badExtra.err.contains(QLatin1String("line 2, column")), qPrintable(badExtra.err));
        QCOMPARE(m_sandbox->requestCount(), before);
        QCOMPARE(storedPassword(QStringLiteral("cli_db")), QString::fromUtf8(m_connectionPassword));

        const CliRun newPassword = run({QStringLiteral("connections"), QStringLiteral("set"),
                                        QStringLiteral("cli_db"), QStringLiteral("--password-stdin")},
                                       "rotated-Pw-77\n");
        QVERIFY2(newPassword.exitCode == 0, qPrintable(newPassword.err));
        QCOMPARE(storedPassword(QStringLiteral("cli_db")), QStringLiteral("rotated-Pw-77"));

        const CliRun noType =
            run({QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("cli_other"),
                 QStringLiteral("--host"), QStringLiteral("x")});
        QCOMPARE(noType.exitCode, 2);
        QVERIFY2(noType.err.contains(QLatin1String("--conn-type")), qPrintable(noType.err));
        QCOMPARE(run({QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("cli_db"),
                      QStringLiteral("--profile"), QStringLiteral("viewer")})
                     .exitCode,
                 6);

        const CliRun deleted =
            run({QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("cli_db")});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        QCOMPARE(storedPassword(QStringLiteral("cli_db")), QStringLiteral("<none>"));
        const CliRun gone =
            run({QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("cli_db")});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(QLatin1String("There is no connection \"cli_db\"")), qPrintable(gone.err));
    }

    void usageErrors()
    {
        QCOMPARE(run({QStringLiteral("pools"), QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("get")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("connections"), QStringLiteral("delete")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliResources)
#include "tst_cli_resources.moc"
