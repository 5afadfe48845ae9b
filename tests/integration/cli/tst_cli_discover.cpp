// windsock-cli profile discover astro|software against the sandbox's emulated Astro Platform API and Houston:
// the list, --dry-run, --select, --all (profiles created with the token in the keychain, then used by
// `dags`), deployments with a profile already skipped, a bad token's plain words and exit code, and the
// token refused as an argument (it comes from standard input only).
#include "clirunner.h"

#include <sandbox/sandboxserver.h>

#include <QTemporaryDir>
#include <QTest>

using Windsock::Sandbox::DiscoveryFixture;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

const QByteArray Token = QByteArrayLiteral("cli-astro-token");
const QByteArray Key = QByteArrayLiteral("cli-software-key");

} // namespace

class TestCliDiscover final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_airflow;
    std::unique_ptr<SandboxServer> m_platform;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CliRunner> m_cli;

    QString platformUrl() const { return m_platform->baseUrl().toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions airflow;
        airflow.api = Windsock::Sandbox::ApiVersion::V2;
        airflow.auth = Windsock::Sandbox::AuthMode::Bearer;
        airflow.bearerTokens = {QString::fromLatin1(Token)};
        airflow.dagCount = 4;
        airflow.runsPerDag = 1;
        m_airflow = std::make_unique<SandboxServer>(airflow);
        QVERIFY(m_airflow->listen());

        DiscoveryFixture f;
        f.organizations = {{QStringLiteral("org1"), QStringLiteral("Acme")}};
        f.workspaces = {{QStringLiteral("w1"), QStringLiteral("Data"), QStringLiteral("org1")}};
        DiscoveryFixture::Deployment prod;
        prod.id = QStringLiteral("d1");
        prod.name = QStringLiteral("prod");
        prod.workspaceId = QStringLiteral("w1");
        prod.apiUrl = m_airflow->baseUrl().toString() + QStringLiteral("/api/v2");
        prod.releaseName = QStringLiteral("prod-release");
        prod.houstonUrls = {{QStringLiteral("airflow"), m_airflow->baseUrl().toString()}};
        DiscoveryFixture::Deployment dev;
        dev.id = QStringLiteral("d2");
        dev.name = QStringLiteral("dev");
        dev.workspaceId = QStringLiteral("w1");
        dev.status = QStringLiteral("HIBERNATING");
        dev.webServerAirflowApiUrl = QStringLiteral("cl9.astronomer.run/ddev/api/v1");
        f.deployments = {prod, dev};
        f.tokens = {QString::fromLatin1(Token)};
        f.houstonKeys = {QString::fromLatin1(Key)};
        SandboxOptions options;
        options.dagCount = 1;
        options.runsPerDag = 1;
        options.discovery = f;
        m_platform = std::make_unique<SandboxServer>(options);
        QVERIFY(m_platform->listen());

        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        m_cli = std::make_unique<CliRunner>(m_config->path());
    }

    void listsWithoutCreating()
    {
        const CliRun run =
            m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                        QStringLiteral("--platform-url"), platformUrl()},
                       Token + '\n');
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Acme\tData / prod\tHEALTHY"), run.out.constData());
        QVERIFY2(run.out.contains("Data / dev\tHIBERNATING"), run.out.constData());
        QVERIFY2(run.out.contains("https://cl9.astronomer.run/ddev"), run.out.constData());
        QVERIFY2(run.err.contains(QLatin1String("--all or --select")), qPrintable(run.err));
        const CliRun list = m_cli->run({QStringLiteral("profile"), QStringLiteral("list")});
        QVERIFY(!list.out.contains("Data / prod"));
    }

    void dryRunAndUnknownSelection()
    {
        CliRun run =
            m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                        QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--select"),
                        QStringLiteral("prod"), QStringLiteral("--dry-run")},
                       Token);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Would create profile Data / prod"), run.out.constData());
        QVERIFY(!run.out.contains("Would create profile Data / dev"));
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                          QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--select"),
                          QStringLiteral("nope")},
                         Token);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("No deployment is named nope")), qPrintable(run.err));
        const CliRun list = m_cli->run({QStringLiteral("profile"), QStringLiteral("list")});
        QVERIFY(!list.out.contains("Data / prod"));
    }

    void badTokenAndTokenAsArgument()
    {
        CliRun run =
            m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                        QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--all")},
                       QByteArrayLiteral("wrong-token"));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("Astro refused the token (HTTP 401)")), qPrintable(run.err));
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                          QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--all")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("standard input is empty")), qPrintable(run.err));
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                          QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--token"),
                          QString::fromLatin1(Token)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("--token is refused")), qPrintable(run.err));
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("software")},
                         Key);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("--domain")), qPrintable(run.err));
    }

    void createsProfilesThatWork()
    {
        CliRun run =
            m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                        QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--all")},
                       Token);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Created profile Data / prod"), run.out.constData());
        QVERIFY2(run.out.contains("Created profile Data / dev"), run.out.constData());

        // The token went to the keychain under the new profile: the profile lists DAGs.
        run = m_cli->run({QStringLiteral("dags"), QStringLiteral("list"), QStringLiteral("--profile"),
                          QStringLiteral("Data / prod")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // Again: both have a profile now, nothing is created.
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("astro"),
                          QStringLiteral("--platform-url"), platformUrl(), QStringLiteral("--all")},
                         Token);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(QLatin1String("exists already")), qPrintable(run.err));
        QVERIFY(!run.out.contains("Created profile"));

        // Software: the same prod deployment's URL has a profile; a new one is refused as a duplicate.
        run = m_cli->run({QStringLiteral("profile"), QStringLiteral("discover"), QStringLiteral("software"),
                          QStringLiteral("--domain"), QStringLiteral("sw.example.com"),
                          QStringLiteral("--houston-url"), platformUrl() + QStringLiteral("/v1"),
                          QStringLiteral("--all"), QStringLiteral("--bearer")},
                         Key);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Data / prod"), run.out.constData());

        for (const QString &name : {QStringLiteral("Data / prod"), QStringLiteral("Data / dev")}) {
            run = m_cli->run({QStringLiteral("profile"), QStringLiteral("remove"), name});
            QCOMPARE(run.exitCode, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliDiscover)
#include "tst_cli_discover.moc"
