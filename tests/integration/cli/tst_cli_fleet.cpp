// windsock-cli fleet, run as a process against in-process sandboxes with the real keychain: the text table
// (aligned, one line per profile, the reason of each one that did not answer on stderr), --json (an array
// of objects with stable keys, null for what is not known), --per-host, and the exit codes: 0 while at
// least one deployment answers, 3 when none does, 2 for a bad option.
#include "clirunner.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

class TestCliFleet final : public QObject
{
    Q_OBJECT

private:
    CliRun run(const CliRunner &cli, const QStringList &arguments, const QByteArray &input = {})
    {
        const std::unique_ptr<QProcess> process = cli.start(arguments, input);
        return CliRunner::finish(process.get());
    }

    bool addProfile(const CliRunner &cli, const QString &name, const QString &kind, const QUrl &url,
                    const QString &secret)
    {
        const CliRun added =
            run(cli,
                {QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"), kind,
                 QStringLiteral("--name"), name, QStringLiteral("--url"), url.toString(),
                 QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--secret-stdin")},
                secret.toUtf8() + '\n');
        if (added.exitCode != 0)
            qWarning().noquote() << "profile add" << name << "failed:" << added.err;
        return added.exitCode == 0;
    }

    static QUrl nothingListening()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return {};
        const quint16 port = probe.serverPort();
        probe.close();
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    }

    const QString m_password = QStringLiteral("cli-fleet-Pw51");
    std::unique_ptr<SandboxServer> m_v1;
    std::unique_ptr<SandboxServer> m_v2;
    std::unique_ptr<QTemporaryDir> m_config;     // three profiles: v1, v2, down
    std::unique_ptr<QTemporaryDir> m_downConfig; // one profile, down
    std::unique_ptr<CliRunner> m_cli;
    std::unique_ptr<CliRunner> m_downCli;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli")));
        SandboxOptions v1;
        v1.dagCount = 5;
        v1.runsPerDag = 4;
        v1.users = {{QStringLiteral("admin"), m_password}};
        v1.importErrorCount = 1;
        m_v1 = std::make_unique<SandboxServer>(v1);
        QVERIFY(m_v1->listen(0));
        SandboxOptions v2 = v1;
        v2.api = ApiVersion::V2;
        v2.auth = AuthMode::Jwt;
        v2.dagCount = 7;
        v2.importErrorCount = 0;
        m_v2 = std::make_unique<SandboxServer>(v2);
        QVERIFY(m_v2->listen(0));

        m_config = std::make_unique<QTemporaryDir>();
        m_downConfig = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        m_downCli = std::make_unique<CliRunner>(m_downConfig->path());
        const QUrl down = nothingListening();
        QVERIFY(down.isValid());
        QVERIFY(addProfile(*m_cli, QStringLiteral("two"), QStringLiteral("airflow2-basic"), m_v1->baseUrl(),
                           m_password));
        QVERIFY(addProfile(*m_cli, QStringLiteral("three"), QStringLiteral("airflow3-password"),
                           m_v2->baseUrl(), m_password));
        QVERIFY(
            addProfile(*m_cli, QStringLiteral("gone"), QStringLiteral("airflow2-basic"), down, m_password));
        QVERIFY(addProfile(*m_downCli, QStringLiteral("gone too"), QStringLiteral("airflow2-basic"), down,
                           m_password));
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("gone")})
            run(*m_cli, {QStringLiteral("profile"), QStringLiteral("remove"), name});
        run(*m_downCli, {QStringLiteral("profile"), QStringLiteral("remove"), QStringLiteral("gone too")});
    }

    void helpNamesTheCommand()
    {
        const CliRun help = run(*m_cli, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("windsock-cli fleet [--json] [--per-host N]"));
    }

    void textTable()
    {
        const CliRun table = run(*m_cli, {QStringLiteral("fleet")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        const QList<QByteArray> lines = table.out.split('\n');
        QCOMPARE(lines.size(), 3 + 2); // header, three profiles, the empty piece after the last line break
        const QByteArray header = lines.first();
        QVERIFY2(header.startsWith("NAME"), header.constData());
        for (const char *column : {"STATUS", "API", "VERSION", "HEALTH", "DAGS", "PAUSED", "RUNNING",
                                   "FAILED_24H", "IMPORT_ERRORS"})
            QVERIFY2(header.contains(column), column);
        const auto line = [&](const char *name) {
            for (const QByteArray &l : lines) {
                if (l.startsWith(QByteArray(QByteArray(name) + ' ')))
                    return l;
            }
            return QByteArray();
        };
        const QByteArray two = line("two");
        const QByteArray three = line("three");
        const QByteArray gone = line("gone");
        QVERIFY2(two.contains("Reachable") && two.contains("Airflow 2 (/api/v1)") && two.contains("2.10.5"),
                 two.constData());
        QVERIFY2(three.contains("Reachable") && three.contains("Airflow 3 (/api/v2)"), three.constData());
        QVERIFY2(gone.contains("Unreachable"), gone.constData());
        // Aligned: every column starts where its header does.
        const qsizetype dags = header.indexOf("DAGS");
        const qsizetype errors = header.indexOf("IMPORT_ERRORS");
        QVERIFY2(two.mid(dags).startsWith("5 "), two.constData());
        QVERIFY2(three.mid(dags).startsWith("7 "), three.constData());
        QVERIFY2(gone.mid(dags).startsWith("- "), gone.constData());
        QCOMPARE(two.mid(errors), QByteArray("1"));
        QCOMPARE(three.mid(errors), QByteArray("0"));
        // Why "gone" did not answer: on stderr, in plain words.
        QVERIFY2(table.err.contains(QLatin1String("gone: Nothing is listening")), qPrintable(table.err));
    }

    void json()
    {
        const CliRun json = run(*m_cli, {QStringLiteral("fleet"), QStringLiteral("--json"),
                                         QStringLiteral("--per-host"), QStringLiteral("1")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QJsonParseError error;
        const QJsonArray array = QJsonDocument::fromJson(json.out, &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(array.size(), 3);
        const QStringList keys{
            QStringLiteral("profile_id"), QStringLiteral("name"),       QStringLiteral("url"),
            QStringLiteral("status"),     QStringLiteral("reachable"),  QStringLiteral("message"),
            QStringLiteral("tls"),        QStringLiteral("api"),        QStringLiteral("version"),
            QStringLiteral("health"),     QStringLiteral("dags"),       QStringLiteral("paused"),
            QStringLiteral("running"),    QStringLiteral("failed_24h"), QStringLiteral("import_errors"),
            QStringLiteral("read_only"),  QStringLiteral("production"), QStringLiteral("elapsed_ms")};
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &value : array) {
            const QJsonObject object = value.toObject();
            QStringList got = object.keys();
            QStringList want = keys;
            got.sort();
            want.sort();
            QCOMPARE(got, want);
            byName.insert(object.value(QLatin1String("name")).toString(), object);
        }
        // Stable order of keys in the text itself.
        QVERIFY(json.out.indexOf("\"profile_id\"") < json.out.indexOf("\"status\""));
        const QJsonObject two = byName.value(QStringLiteral("two"));
        QCOMPARE(two.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(two.value(QLatin1String("reachable")).toBool(), true);
        QCOMPARE(two.value(QLatin1String("dags")).toInt(), 5);
        QCOMPARE(two.value(QLatin1String("import_errors")).toInt(), 1);
        QCOMPARE(two.value(QLatin1String("version")).toString(), QStringLiteral("2.10.5"));
        QVERIFY(two.value(QLatin1String("health")).isObject());
        QVERIFY(two.value(QLatin1String("message")).isNull());
        const QJsonObject three = byName.value(QStringLiteral("three"));
        QCOMPARE(three.value(QLatin1String("dags")).toInt(), 7);
        QCOMPARE(three.value(QLatin1String("import_errors")).toInt(), 0);
        QCOMPARE(three.value(QLatin1String("api")).toString(), QStringLiteral("Airflow 3 (/api/v2)"));
        const QJsonObject gone = byName.value(QStringLiteral("gone"));
        QCOMPARE(gone.value(QLatin1String("status")).toString(), QStringLiteral("unreachable"));
        QCOMPARE(gone.value(QLatin1String("reachable")).toBool(), false);
        QVERIFY(gone.value(QLatin1String("dags")).isNull());
        QVERIFY(gone.value(QLatin1String("health")).isNull());
        QVERIFY(!gone.value(QLatin1String("message")).toString().isEmpty());
    }

    void noneReachableExitsThree()
    {
        const CliRun table = run(*m_downCli, {QStringLiteral("fleet")});
        QCOMPARE(table.exitCode, 3);
        QVERIFY(table.out.contains("gone too"));
        QVERIFY(table.out.contains("Unreachable"));
        const CliRun json = run(*m_downCli, {QStringLiteral("fleet"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 3);
        QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 1);
    }

    void badOptions()
    {
        const CliRun zero =
            run(*m_cli, {QStringLiteral("fleet"), QStringLiteral("--per-host"), QStringLiteral("0")});
        QCOMPARE(zero.exitCode, 2);
        QVERIFY2(zero.err.contains(QLatin1String("--per-host")), qPrintable(zero.err));
        const CliRun extra = run(*m_cli, {QStringLiteral("fleet"), QStringLiteral("everything")});
        QCOMPARE(extra.exitCode, 2);
        QTemporaryDir empty;
        const CliRun none = run(CliRunner(empty.path()), {QStringLiteral("fleet")});
        QCOMPARE(none.exitCode, 4);
    }
};

QTEST_GUILESS_MAIN(TestCliFleet)
#include "tst_cli_fleet.moc"
