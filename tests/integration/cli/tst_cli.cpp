// windsock-cli, run as a process against an in-process sandbox with the real keychain: profiles added with
// the secret from stdin and from the environment, requests with their exit codes and messages, profile test,
// a secret given as an argument refused, profile remove deleting the keychain entry, and profile test's
// checklist for every kind, with the right and with a wrong secret.
#include "profiles/keychainsecretstore.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <qt6keychain/keychain.h>

using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

class TestCli final : public QObject
{
    Q_OBJECT

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {},
               const QList<QPair<QString, QString>> &environment = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WINDSOCK_CONFIG_DIR"), m_config->path());
        for (const auto &[name, value] : environment)
            env.insert(name, value);
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli"), arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        // The sandbox answers in this process's event loop: wait through it, not by blocking.
        if (!finished.wait(60000)) {
            process.kill();
            return {};
        }
        CliRun result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = process.readAllStandardOutput();
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    static QKeychain::Error keychainRead(const QString &key)
    {
        QKeychain::ReadPasswordJob job(Windsock::Profiles::KeychainSecretStore::defaultService());
        job.setAutoDelete(false);
        job.setInsecureFallback(false);
        job.setKey(key);
        QSignalSpy finished(&job, &QKeychain::Job::finished);
        job.start();
        if (!finished.wait(15000))
            return QKeychain::OtherError;
        return job.error();
    }

    QString profileId(const QString &name)
    {
        const CliRun list =
            run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const QJsonValue &value : QJsonDocument::fromJson(list.out).array()) {
            if (value.toObject().value(QLatin1String("name")).toString() == name)
                return value.toObject().value(QLatin1String("id")).toString();
        }
        return {};
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_config;
    const QString m_password = QStringLiteral("cli-pass-Zq81");

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 3;
        options.runsPerDag = 1;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(QFile::exists(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli")));
    }

    void help()
    {
        const CliRun help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Exit codes"));
        QCOMPARE(run({QStringLiteral("frobnicate")}).exitCode, 2);
    }

    void secretArgumentRefused_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::newRow("--secret") << QStringLiteral("--secret=abc");
        QTest::newRow("--password") << QStringLiteral("--password");
        QTest::newRow("--token") << QStringLiteral("--token");
    }

    void secretArgumentRefused()
    {
        QFETCH(QString, argument);
        const CliRun refused =
            run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
                 QStringLiteral("airflow2-basic"), QStringLiteral("--url"), m_sandbox->baseUrl().toString(),
                 QStringLiteral("--username"), QStringLiteral("admin"), argument, QStringLiteral("abc")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("process list")), qPrintable(refused.err));
        QVERIFY(profileId(QStringLiteral("127.0.0.1")).isEmpty());
    }

    void addWithStdinAndRequest()
    {
        const CliRun added =
            run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
                 QStringLiteral("airflow2-basic"), QStringLiteral("--name"), QStringLiteral("local"),
                 QStringLiteral("--url"), m_sandbox->baseUrl().toString() + QStringLiteral("/api/v1"),
                 QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--secret-stdin")},
                m_password.toUtf8() + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const QString id = profileId(QStringLiteral("local"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(keychainRead(id), QKeychain::NoError);

        const CliRun list = run({QStringLiteral("profile"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("local\tairflow2-basic"));

        const CliRun dags =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                 QStringLiteral("--query"), QStringLiteral("limit=2"), QStringLiteral("--profile"),
                 QStringLiteral("local")});
        QVERIFY2(dags.exitCode == 0, qPrintable(dags.err));
        const QJsonObject body = QJsonDocument::fromJson(dags.out).object();
        QCOMPARE(body.value(QLatin1String("dags")).toArray().size(), 2);
        QCOMPARE(body.value(QLatin1String("total_entries")).toInt(), 3);
        QVERIFY(!dags.out.contains("\n  ")); // not a terminal: raw

        const CliRun missing =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags/no_such_dag"),
                 QStringLiteral("--profile"), QStringLiteral("local")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("HTTP 404")), qPrintable(missing.err));

        const CliRun badJson =
            run({QStringLiteral("request"), QStringLiteral("POST"), QStringLiteral("/api/v1/x"),
                 QStringLiteral("--data"), QStringLiteral("{nope")});
        QCOMPARE(badJson.exitCode, 2);
    }

    void addWithEnvAndWrongPassword()
    {
        const CliRun added = run(
            {QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
             QStringLiteral("airflow2-basic"), QStringLiteral("--name"), QStringLiteral("wrong"),
             QStringLiteral("--url"), m_sandbox->baseUrl().toString(), QStringLiteral("--username"),
             QStringLiteral("admin"), QStringLiteral("--secret-env"), QStringLiteral("WINDSOCK_TEST_SECRET")},
            {}, {{QStringLiteral("WINDSOCK_TEST_SECRET"), QStringLiteral("not-the-password")}});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));

        const CliRun refused =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                 QStringLiteral("--profile"), QStringLiteral("wrong")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QLatin1String("refused the credentials")), qPrintable(refused.err));
        QVERIFY(!refused.err.contains(QLatin1String("not-the-password")));

        const CliRun test = run({QStringLiteral("profile"), QStringLiteral("test"), QStringLiteral("wrong")});
        QCOMPARE(test.exitCode, 3);
        QVERIFY2(test.out.contains("Reachable"), test.out.constData());
        QVERIFY(!test.out.contains("not-the-password"));

        const CliRun missingEnv = run(
            {QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
             QStringLiteral("astro-token"), QStringLiteral("--url"), QStringLiteral("c.astronomer.run/d1"),
             QStringLiteral("--secret-env"), QStringLiteral("WINDSOCK_TEST_UNSET_VARIABLE")});
        QCOMPARE(missingEnv.exitCode, 2);
        QVERIFY(missingEnv.err.contains(QLatin1String("not set")));
    }

    void profileTestPasses()
    {
        const CliRun test = run({QStringLiteral("profile"), QStringLiteral("test"), QStringLiteral("local")});
        QVERIFY2(test.exitCode == 0, test.out.constData());
        QVERIFY(test.out.contains("Reachable"));
        QVERIFY(!test.out.contains(m_password.toUtf8()));
    }

    void unknownProfile()
    {
        const CliRun unknown =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                 QStringLiteral("--profile"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 4);
        QVERIFY(unknown.err.contains(QLatin1String("no profile named")));
    }

    void removeDeletesKeychainEntry()
    {
        for (const QString &name : {QStringLiteral("local"), QStringLiteral("wrong")}) {
            const QString id = profileId(name);
            QVERIFY(!id.isEmpty());
            const CliRun removed = run({QStringLiteral("profile"), QStringLiteral("remove"), name});
            QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
            QVERIFY(profileId(name).isEmpty());
            QCOMPARE(keychainRead(id), QKeychain::EntryNotFound);
        }
        // No secret in the config directory.
        QFile file(m_config->filePath(QStringLiteral("profiles.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(!content.contains(m_password.toUtf8()));
        QVERIFY(!content.contains("not-the-password"));
    }

    // Every kind `profile add` knows, each against a sandbox in the matching auth mode: with the right secret
    // `profile test` prints the whole checklist and exits 0; with a wrong one "Credentials accepted" fails
    // with a "Next:" line and the exit code is 3. %BASE%, %TOKEN_PATH% and %SECRET% in the arguments are
    // filled in per row.
    void profileTestEveryKind_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("secretViaEnv");
        QTest::addColumn<bool>("rightSecret");

        const QString base = QStringLiteral("%BASE%");
        const QString secret = QStringLiteral("%SECRET%");
        const auto kind = [](const char *name) {
            return QStringList{QStringLiteral("--kind"), QString::fromLatin1(name)};
        };
        const QStringList url{QStringLiteral("--url"), base};
        const QStringList user{QStringLiteral("--username"), QStringLiteral("admin")};
        const QStringList generic{QStringLiteral("--kind"), QStringLiteral("generic"),
                                  QStringLiteral("--url"), base, QStringLiteral("--generic-mode")};
        struct Row
        {
            const char *tag;
            AuthMode mode;
            QStringList arguments;
            bool viaEnv;
        };
        const QList<Row> rows{
            {"airflow2-basic", AuthMode::Basic, kind("airflow2-basic") + url + user, false},
            {"airflow3-password", AuthMode::Jwt, kind("airflow3-password") + url + user, true},
            {"astro-token", AuthMode::Bearer, kind("astro-token") + url, false},
            {"software-key raw", AuthMode::Software,
             kind("software-key") + url + QStringList{QStringLiteral("--software-raw")}, false},
            {"software-key bearer", AuthMode::Software,
             kind("software-key") + url + QStringList{QStringLiteral("--software-bearer")}, true},
            {"oauth2-client-credentials", AuthMode::OAuth2,
             kind("oauth2-client-credentials") + url +
                 QStringList{QStringLiteral("--token-url"), base + QStringLiteral("%TOKEN_PATH%"),
                             QStringLiteral("--client-id"), QStringLiteral("windsock-cli")},
             false},
            {"generic bearer-token", AuthMode::Bearer, generic + QStringList{QStringLiteral("bearer-token")},
             false},
            {"generic custom-header", AuthMode::Software,
             generic + QStringList{QStringLiteral("custom-header"), QStringLiteral("--header"),
                                   QStringLiteral("Authorization")},
             true},
            // No secret in the keychain: the command prints the token.
            {"generic command", AuthMode::Bearer,
             generic + QStringList{QStringLiteral("command"), QStringLiteral("--command"),
                                   QStringLiteral("printf %s ") + secret},
             false},
        };
        for (const Row &row : rows) {
            for (const bool right : {true, false}) {
                QTest::addRow("%s, %s secret", row.tag, right ? "right" : "wrong")
                    << int(row.mode) << row.arguments << row.viaEnv << right;
            }
        }
    }

    void profileTestEveryKind()
    {
        QFETCH(int, mode);
        QFETCH(QStringList, arguments);
        QFETCH(bool, secretViaEnv);
        QFETCH(bool, rightSecret);

        const QString good = QStringLiteral("every-kind-Secret-7Hq2");
        const QString secret = rightSecret ? good : QStringLiteral("not-the-secret");
        SandboxOptions options;
        options.dagCount = 2;
        options.runsPerDag = 1;
        options.auth = AuthMode(mode);
        options.users = {{QStringLiteral("admin"), good}};
        options.bearerTokens = {good};
        options.softwareKeys = {good};
        options.oauthClients = {{QStringLiteral("windsock-cli"), good, QString()}};
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));

        for (QString &argument : arguments) {
            argument.replace(QLatin1String("%BASE%"), sandbox.baseUrl().toString());
            argument.replace(QLatin1String("%TOKEN_PATH%"), options.oauthTokenPath);
            argument.replace(QLatin1String("%SECRET%"), secret);
        }
        const QString name = QStringLiteral("kind ") + QString::fromLatin1(QTest::currentDataTag());
        const bool command = arguments.contains(QStringLiteral("command"));
        QStringList add{QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--name"), name};
        add += arguments;
        QByteArray input;
        QList<QPair<QString, QString>> environment;
        if (command) {
            // nothing to read: the token comes from the command
        } else if (secretViaEnv) {
            add += {QStringLiteral("--secret-env"), QStringLiteral("WINDSOCK_TEST_SECRET")};
            environment.append({QStringLiteral("WINDSOCK_TEST_SECRET"), secret});
        } else {
            add += QStringLiteral("--secret-stdin");
            input = secret.toUtf8() + '\n';
        }
        const CliRun added = run(add, input, environment);
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));

        const CliRun test = run({QStringLiteral("profile"), QStringLiteral("test"), name});
        const QByteArray report = test.out + "\nstderr: " + test.err.toUtf8();
        QVERIFY2(!test.out.contains(secret.toUtf8()), report.constData());
        const QList<QByteArray> lines = test.out.split('\n');
        const auto lineOf = [&lines](const QByteArray &title) -> qsizetype {
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (lines.at(i).startsWith("  [") && lines.at(i).contains(QByteArray(" " + title + ": ")))
                    return i;
            }
            return -1;
        };
        if (rightSecret) {
            QVERIFY2(test.exitCode == 0, report.constData());
            for (const char *title : {"Reachable", "Airflow version and API found", "Credentials accepted",
                                      "Metadatabase healthy", "Scheduler healthy"}) {
                const qsizetype line = lineOf(title);
                QVERIFY2(line >= 0, QByteArray(QByteArray("no step ") + title + "\n" + report).constData());
                QVERIFY2(lines.at(line).contains("[passed]"), report.constData());
            }
            QVERIFY2(test.out.contains("Every check passed."), report.constData());
            QVERIFY2(!test.out.contains("Next:"), report.constData());
        } else {
            QVERIFY2(test.exitCode == 3, report.constData());
            QVERIFY2(lines.value(lineOf("Reachable")).contains("[passed]"), report.constData());
            const qsizetype credentials = lineOf("Credentials accepted");
            QVERIFY2(credentials >= 0, report.constData());
            QVERIFY2(lines.at(credentials).contains("[failed]"), report.constData());
            QVERIFY2(lines.value(credentials + 1).trimmed().startsWith("Next: "), report.constData());
            QVERIFY2(test.out.contains("1 check failed."), report.constData());
        }

        const CliRun removed = run({QStringLiteral("profile"), QStringLiteral("remove"), name});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
