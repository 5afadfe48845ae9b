// Discovery through the emulated Houston GraphQL API (Astronomer Software): workspaces and their
// deployments with the Airflow URL from urls { type url }, the key sent raw or as Bearer, errors[] in plain
// words, and Software profiles made of what was found.
#include "discovery/discoveryprofiles.h"
#include "discovery/houstondiscovery.h"

#include <sandbox/sandboxserver.h>

#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace Windsock;
using namespace Windsock::Discovery;
using Windsock::Sandbox::DiscoveryFixture;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

const QString Key = QStringLiteral("software-service-account-key");

} // namespace

class TestHoustonDiscovery final : public QObject
{
    Q_OBJECT

private:
    Api::Result<QList<DiscoveredDeployment>> discover(HoustonDiscovery &discovery, const QString &key,
                                                      bool bearer)
    {
        const auto result = Tests::awaitResult<QList<DiscoveredDeployment>>([&](auto done) {
            discovery.discover(QStringLiteral("astro.example.com"), key, bearer, this, done);
        });
        if (!result)
            return Api::ApiError(Api::ApiError::Kind::Timeout, QStringLiteral("the test gave up waiting"));
        return *result;
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_houston;

private Q_SLOTS:
    void initTestCase()
    {
        DiscoveryFixture f;
        f.workspaces = {{QStringLiteral("ws-a"), QStringLiteral("Analytics"), QString()},
                        {QStringLiteral("ws-b"), QStringLiteral("Platform"), QString()}};
        DiscoveryFixture::Deployment one;
        one.id = QStringLiteral("dep-1");
        one.name = QStringLiteral("Reporting");
        one.workspaceId = QStringLiteral("ws-a");
        one.releaseName = QStringLiteral("galactic-stars-1234");
        one.houstonUrls = {
            {QStringLiteral("flower"), QStringLiteral("https://deployments.dp.example.com/x/flower")},
            {QStringLiteral("airflow"),
             QStringLiteral("https://deployments.dp.example.com/galactic-stars-1234/airflow")}};
        DiscoveryFixture::Deployment two;
        two.id = QStringLiteral("dep-2");
        two.name = QStringLiteral("Ingest");
        two.workspaceId = QStringLiteral("ws-b");
        two.releaseName = QStringLiteral("quasar-orbit-42");
        two.airflowVersion = QStringLiteral("2.9.3");
        // no urls: the documented https://deployments.<base-domain>/<release>/airflow
        DiscoveryFixture::Deployment three = two;
        three.id = QStringLiteral("dep-3");
        three.name = QStringLiteral("Backfill");
        three.releaseName = QStringLiteral("nebula-dust-7");
        three.houstonUrls = {
            {QStringLiteral("airflow"), QStringLiteral("http://127.0.0.1:9/nebula-dust-7/airflow")}};
        f.deployments = {one, two, three};
        f.houstonKeys = {Key};
        SandboxOptions options;
        options.dagCount = 1;
        options.runsPerDag = 1;
        options.discovery = f;
        m_houston = std::make_unique<SandboxServer>(options);
        QVERIFY(m_houston->listen());
    }

    void listsWorkspacesAndDeployments_data()
    {
        QTest::addColumn<bool>("bearer");
        QTest::newRow("raw key") << false;
        QTest::newRow("bearer") << true;
    }

    void listsWorkspacesAndDeployments()
    {
        QFETCH(bool, bearer);
        HoustonDiscovery discovery(&m_nam);
        discovery.setHoustonUrl(QUrl(m_houston->baseUrl().toString() + QStringLiteral("/v1")));
        const auto result = discover(discovery, Key, bearer);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(discovery.houstonVersion(), QStringLiteral("0.37.3"));
        const auto &found = result.value();
        QCOMPARE(found.size(), 3);
        QCOMPARE(found.at(0).name, QStringLiteral("Reporting"));
        QCOMPARE(found.at(0).workspaceName, QStringLiteral("Analytics"));
        QCOMPARE(found.at(0).releaseName, QStringLiteral("galactic-stars-1234"));
        // The URL of type airflow, not flower, and not built from Houston's domain.
        QCOMPARE(found.at(0).apiUrl,
                 QUrl(QStringLiteral("https://deployments.dp.example.com/galactic-stars-1234/airflow")));
        QCOMPARE(found.at(1).workspaceName, QStringLiteral("Platform"));
        QCOMPARE(found.at(1).airflowVersion, QStringLiteral("2.9.3"));
        QCOMPARE(found.at(1).apiUrl,
                 QUrl(QStringLiteral("https://deployments.astro.example.com/quasar-orbit-42/airflow")));
        QCOMPARE(found.at(2).apiUrl, QUrl(QStringLiteral("http://127.0.0.1:9/nebula-dust-7/airflow")));
    }

    void badKeyInPlainWords()
    {
        HoustonDiscovery discovery(&m_nam);
        discovery.setHoustonUrl(QUrl(m_houston->baseUrl().toString() + QStringLiteral("/v1")));
        const auto result = discover(discovery, QStringLiteral("wrong-key"), false);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::Unauthorized);
        QVERIFY2(result.error().message().contains(QLatin1String("invalid or has expired")),
                 qPrintable(result.error().message()));
        QVERIFY(!result.error().message().contains(QLatin1String("wrong-key")));
    }

    void notHoustonInPlainWords()
    {
        // An Airflow path, not Houston: a problem+json 404.
        HoustonDiscovery discovery(&m_nam);
        discovery.setHoustonUrl(QUrl(m_houston->baseUrl().toString() + QStringLiteral("/api/v1/nothing")));
        auto result = discover(discovery, Key, false);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::NotFound);
        // An invalid base domain says so before asking anything.
        HoustonDiscovery byDomain(&m_nam);
        const auto bad = Tests::awaitResult<QList<DiscoveredDeployment>>(
            [&](auto done) { byDomain.discover(QStringLiteral("not a domain"), Key, false, this, done); });
        QVERIFY(bad && !bad->ok());
        QVERIFY2(bad->error().message().contains(QLatin1String("not a base domain")),
                 qPrintable(bad->error().message()));
    }

    void badAnswersInPlainWords_data()
    {
        using Tests::RawHttpServer;
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("login page") << RawHttpServer::response(200, "text/html",
                                                               "<html><body>Log in</body></html>")
                                    << int(Api::ApiError::Kind::NotJson) << QStringLiteral("HTML page");
        QTest::newRow("redirect to login")
            << RawHttpServer::response(302, "text/html", "",
                                       {{"Location", "https://app.example.com/login?rd=x"}})
            << int(Api::ApiError::Kind::Redirected) << QStringLiteral("https://app.example.com/login");
        QTest::newRow("bad json") << RawHttpServer::json(200, "{\"data\": {\"appConfig\": ")
                                  << int(Api::ApiError::Kind::Truncated) << QStringLiteral("cut off");
        QTest::newRow("server error")
            << RawHttpServer::json(500, "{}") << int(Api::ApiError::Kind::Http) << QStringLiteral("HTTP 500");
        QTest::newRow("no data") << RawHttpServer::json(200, "{\"result\": 1}")
                                 << int(Api::ApiError::Kind::UnexpectedShape) << QStringLiteral("no data");
        QTest::newRow("401") << RawHttpServer::json(401, "{}") << int(Api::ApiError::Kind::Unauthorized)
                             << QStringLiteral("refused the key");
    }

    void badAnswersInPlainWords()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, kind);
        QFETCH(QString, words);
        Tests::RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(answer);
        HoustonDiscovery discovery(&m_nam);
        discovery.setHoustonUrl(QUrl(server.baseUrl().toString() + QStringLiteral("/v1")));
        const auto result = discover(discovery, Key, false);
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().kind()), kind);
        QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
        // The raw key went as the Authorization header, and never into the message.
        QCOMPARE(server.requests().first().header("Authorization"), Key.toUtf8());
        QVERIFY(!result.error().message().contains(Key));
    }

    void makesSoftwareProfiles()
    {
        HoustonDiscovery discovery(&m_nam);
        discovery.setHoustonUrl(QUrl(m_houston->baseUrl().toString() + QStringLiteral("/v1")));
        const auto result = discover(discovery, Key, true);
        QVERIFY(result.ok());
        Profiles::Profile existing;
        existing.name = QStringLiteral("ingest");
        existing.baseUrl =
            QUrl(QStringLiteral("https://deployments.astro.example.com/quasar-orbit-42/airflow"));
        QStringList skipped;
        SoftwareProfileOptions software;
        software.baseDomain = QStringLiteral("astro.example.com");
        software.bearer = true;
        const auto profiles =
            profilesFor(result.value(), Profiles::ProfileKind::SoftwareKey, {existing}, &skipped, software);
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(profiles.at(0).name, QStringLiteral("Analytics / Reporting"));
        QCOMPARE(profiles.at(0).kind, Profiles::ProfileKind::SoftwareKey);
        QCOMPARE(profiles.at(0).softwareReleaseName, QStringLiteral("galactic-stars-1234"));
        QCOMPARE(profiles.at(0).softwareBaseDomain, QStringLiteral("astro.example.com"));
        QVERIFY(profiles.at(0).softwareBearer);
        QCOMPARE(profiles.at(0).folder, QStringLiteral("astro.example.com"));
    }
};

QTEST_GUILESS_MAIN(TestHoustonDiscovery)
#include "tst_houston_discovery.moc"
