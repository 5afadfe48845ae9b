// Discovery through the emulated Astro Platform API (the sandbox's DiscoveryFixture): v1, the v1beta1
// fallback, pagination, apiUrl versus webServerAirflowApiUrl, Workspace tokens, plain words for every
// failure; then the profiles made of what was found, saved in a real ProfileStore with the token in the real
// keychain for each, and one of them opened against an Airflow 3 (Bearer) sandbox.
#include "api/airflowclient.h"
#include "discovery/astrodiscovery.h"
#include "discovery/discoveryprofiles.h"
#include "profiles/deploymentconnector.h"
#include "profiles/keychainsecretstore.h"
#include "profiles/profilestore.h"

#include <sandbox/sandboxserver.h>

#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Windsock;
using namespace Windsock::Discovery;
using Windsock::Sandbox::DiscoveryFixture;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

const QString Token = QStringLiteral("astro-org-token");

} // namespace

class TestAstroDiscovery final : public QObject
{
    Q_OBJECT

private:
    // Organization Acme: workspace Data (prod: apiUrl at the Airflow sandbox; staging: no apiUrl, only
    // webServerAirflowApiUrl), workspace ML (three more, one with airflowVersion "NA").
    DiscoveryFixture fixture() const
    {
        DiscoveryFixture f;
        f.organizations = {{QStringLiteral("org1"), QStringLiteral("Acme")}};
        f.workspaces = {{QStringLiteral("w1"), QStringLiteral("Data"), QStringLiteral("org1")},
                        {QStringLiteral("w2"), QStringLiteral("ML"), QStringLiteral("org1")}};
        DiscoveryFixture::Deployment prod;
        prod.id = QStringLiteral("d1");
        prod.name = QStringLiteral("prod");
        prod.workspaceId = QStringLiteral("w1");
        prod.airflowVersion = QStringLiteral("3.0.2");
        prod.apiUrl = m_airflow->baseUrl().toString() + QStringLiteral("/api/v2");
        prod.webServerAirflowApiUrl = QStringLiteral("ignored.example.run/x/api/v2");
        DiscoveryFixture::Deployment staging;
        staging.id = QStringLiteral("d2");
        staging.name = QStringLiteral("staging");
        staging.workspaceId = QStringLiteral("w1");
        staging.status = QStringLiteral("HIBERNATING");
        staging.webServerAirflowApiUrl = QStringLiteral("cl123.astronomer.run/dstaging/api/v1");
        f.deployments = {prod, staging};
        for (int i = 3; i <= 5; ++i) {
            DiscoveryFixture::Deployment ml;
            ml.id = QStringLiteral("d%1").arg(i);
            ml.name = QStringLiteral("ml-%1").arg(i);
            ml.workspaceId = QStringLiteral("w2");
            ml.airflowVersion = i == 4 ? QStringLiteral("NA") : QStringLiteral("2.10.5");
            ml.apiUrl = QStringLiteral("https://cl456.astronomer.run/dml%1/api/v1").arg(i);
            f.deployments.append(ml);
        }
        f.tokens = {Token};
        return f;
    }

    std::unique_ptr<SandboxServer> platform(const DiscoveryFixture &f)
    {
        SandboxOptions options;
        options.dagCount = 1;
        options.runsPerDag = 1;
        options.discovery = f;
        auto server = std::make_unique<SandboxServer>(options);
        if (!server->listen())
            return nullptr;
        return server;
    }

    Api::Result<QList<DiscoveredDeployment>> discover(AstroDiscovery &discovery, const QString &token)
    {
        const auto result = Tests::awaitResult<QList<DiscoveredDeployment>>(
            [&](auto done) { discovery.discover(token, this, done); });
        if (!result)
            return Api::ApiError(Api::ApiError::Kind::Timeout, QStringLiteral("the test gave up waiting"));
        return *result;
    }

    static const DiscoveredDeployment *byId(const QList<DiscoveredDeployment> &list, const QString &id)
    {
        for (const auto &deployment : list) {
            if (deployment.id == id)
                return &deployment;
        }
        return nullptr;
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_airflow; // Airflow 3, Bearer: the "prod" deployment
    std::unique_ptr<QTemporaryDir> m_config;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        SandboxOptions options;
        options.api = Sandbox::ApiVersion::V2;
        options.auth = Sandbox::AuthMode::Bearer;
        options.bearerTokens = {Token};
        options.airflowVersion = QStringLiteral("3.0.2");
        options.dagCount = 3;
        options.runsPerDag = 1;
        m_airflow = std::make_unique<SandboxServer>(options);
        QVERIFY(m_airflow->listen());
    }

    void listsV1()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, Token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(discovery.apiVersion(), QStringLiteral("v1"));
        QCOMPARE(result.value().size(), 5);
        const auto *prod = byId(result.value(), QStringLiteral("d1"));
        QVERIFY(prod);
        QCOMPARE(prod->name, QStringLiteral("prod"));
        QCOMPARE(prod->workspaceName, QStringLiteral("Data"));
        QCOMPARE(prod->organizationName, QStringLiteral("Acme"));
        QCOMPARE(prod->airflowVersion, QStringLiteral("3.0.2"));
        QCOMPARE(prod->status, QStringLiteral("HEALTHY"));
        // apiUrl wins over webServerAirflowApiUrl, and /api/v2 is cut off: the root.
        QCOMPARE(prod->apiUrl, m_airflow->baseUrl());
        // No apiUrl: https:// + webServerAirflowApiUrl.
        const auto *staging = byId(result.value(), QStringLiteral("d2"));
        QVERIFY(staging);
        QCOMPARE(staging->apiUrl, QUrl(QStringLiteral("https://cl123.astronomer.run/dstaging")));
        QCOMPARE(staging->status, QStringLiteral("HIBERNATING"));
        // "NA" means unknown.
        QVERIFY(byId(result.value(), QStringLiteral("d4"))->airflowVersion.isEmpty());
        QCOMPARE(byId(result.value(), QStringLiteral("d5"))->workspaceName, QStringLiteral("ML"));
        QVERIFY(!discovery.isRunning());
    }

    void fallsBackToV1beta1()
    {
        DiscoveryFixture f = fixture();
        f.platformV1 = false;
        auto server = platform(f);
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, Token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(discovery.apiVersion(), QStringLiteral("v1beta1"));
        QCOMPARE(result.value().size(), 5);
    }

    void followsPagination()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        discovery.setPageSize(2); // 5 deployments: 3 pages
        const quint64 before = server->requestCount();
        const auto result = discover(discovery, Token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(result.value().size(), 5);
        QSet<QString> ids;
        for (const auto &deployment : result.value())
            ids.insert(deployment.id);
        QCOMPARE(ids.size(), 5);
        // organizations (1 page) + workspaces (1 page of 2) + deployments (3 pages)
        QCOMPARE(server->requestCount() - before, quint64(5));
    }

    void workspaceTokenSeesItsWorkspace()
    {
        DiscoveryFixture f = fixture();
        const QString token = SandboxServer::makeJwt(
            QJsonObject{{QStringLiteral("permissions"), QJsonArray{QStringLiteral("workspaceId:w2")}},
                        {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 3600}},
            QByteArrayLiteral("secret"));
        f.workspaceTokens.insert(token, QStringLiteral("w2"));
        auto server = platform(f);
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(result.value().size(), 3);
        for (const auto &deployment : result.value())
            QCOMPARE(deployment.workspaceId, QStringLiteral("w2"));
    }

    void workspaceTokenThatMayNotListOrganizations()
    {
        // Its claims name the organization; the Platform API refuses the organization and workspace lists.
        DiscoveryFixture f = fixture();
        f.workspaceTokensListOrganizations = false;
        const QString token = SandboxServer::makeJwt(
            QJsonObject{{QStringLiteral("permissions"), QJsonArray{QStringLiteral("organizationId:org1"),
                                                                   QStringLiteral("workspaceId:w1")}}},
            QByteArrayLiteral("secret"));
        f.workspaceTokens.insert(token, QStringLiteral("w1"));
        auto server = platform(f);
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(result.value().size(), 2);
        QCOMPARE(result.value().first().organizationId, QStringLiteral("org1"));
        QCOMPARE(result.value().first().workspaceName, QStringLiteral("Data")); // from the deployment itself
    }

    void expiredTokenIsSaidBeforeAsking()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        const QString token = SandboxServer::makeJwt(
            QJsonObject{{QStringLiteral("permissions"), QJsonArray{QStringLiteral("organizationId:org1")}},
                        {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() - 7200}},
            QByteArrayLiteral("secret"));
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const quint64 before = server->requestCount();
        const auto result = discover(discovery, token);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::Unauthorized);
        QVERIFY2(result.error().message().contains(QLatin1String("expired")),
                 qPrintable(result.error().message()));
        QCOMPARE(server->requestCount(), before);
    }

    void badTokenInPlainWords()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, QStringLiteral("not-the-token"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::Unauthorized);
        QVERIFY2(result.error().message().contains(QLatin1String("Astro refused the token (HTTP 401)")),
                 qPrintable(result.error().message()));
        QVERIFY(!result.error().message().contains(QLatin1String("not-the-token")));
    }

    void wrongUrlAndUnreachable()
    {
        // An Airflow sandbox has no Platform API: v1 and v1beta1 are both 404.
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(m_airflow->baseUrl());
        auto result = discover(discovery, Token);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::NotFound);
        QVERIFY2(result.error().message().contains(QLatin1String("check the Platform API URL")),
                 qPrintable(result.error().message()));

        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        discovery.setPlatformUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        result = discover(discovery, Token);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Api::ApiError::Kind::ConnectionRefused);
    }

    void badAnswersInPlainWords_data()
    {
        using Tests::RawHttpServer;
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("html page") << RawHttpServer::response(200, "text/html",
                                                              "<!DOCTYPE html><html></html>")
                                   << int(Api::ApiError::Kind::NotJson) << QStringLiteral("HTML page");
        QTest::newRow("redirect") << RawHttpServer::response(302, "text/plain", "",
                                                             {{"Location", "https://login.example.com/"}})
                                  << int(Api::ApiError::Kind::Redirected)
                                  << QStringLiteral("does not follow redirects");
        QTest::newRow("bad json") << RawHttpServer::json(200, "{\"organizations\": [")
                                  << int(Api::ApiError::Kind::Truncated) << QStringLiteral("cut off");
        QTest::newRow("not a list") << RawHttpServer::json(200, "{\"organizations\": 3}")
                                    << int(Api::ApiError::Kind::UnexpectedShape)
                                    << QStringLiteral("no \"organizations\" list");
        QTest::newRow("403") << RawHttpServer::json(
                                    403, "{\"message\": \"no\", \"requestId\": \"r\", \"statusCode\": 403}")
                             << int(Api::ApiError::Kind::Forbidden) << QStringLiteral("(\"no\")");
        QTest::newRow("500") << RawHttpServer::json(500, "{}") << int(Api::ApiError::Kind::Http)
                             << QStringLiteral("HTTP 500");
    }

    void badAnswersInPlainWords()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, kind);
        QFETCH(QString, words);
        Tests::RawHttpServer server;
        QVERIFY(server.listen());
        server.setAnswer(answer);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server.baseUrl());
        const auto result = discover(discovery, Token);
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().kind()), kind);
        QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
        QCOMPARE(server.requests().first().header("Authorization"),
                 QByteArrayLiteral("Bearer ") + Token.toUtf8());
        QCOMPARE(server.requests().first().url().path(), QStringLiteral("/v1/organizations"));
    }

    void cancelStopsIt()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        Sandbox::FaultOptions slow;
        slow.latencyMs = 2000;
        server->setFaults(slow);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        std::optional<Api::Result<QList<DiscoveredDeployment>>> result;
        discovery.discover(Token, this, [&](const auto &r) { result = r; });
        QVERIFY(discovery.isRunning());
        discovery.cancel();
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().kind(), Api::ApiError::Kind::Cancelled);
        QVERIFY(!discovery.isRunning());
    }

    void createsProfilesWithTheTokenInTheKeychain()
    {
        auto server = platform(fixture());
        QVERIFY(server);
        AstroDiscovery discovery(&m_nam);
        discovery.setPlatformUrl(server->baseUrl());
        const auto result = discover(discovery, Token);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));

        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("profiles.json")));
        QVERIFY(store.load());
        Profiles::Profile existing;
        existing.name = QStringLiteral("ml 3 by hand");
        existing.kind = Profiles::ProfileKind::AstroToken;
        existing.baseUrl = QUrl(QStringLiteral("https://cl456.astronomer.run/dml3"));
        store.upsert(existing);

        QStringList skipped;
        const auto profiles =
            profilesFor(result.value(), Profiles::ProfileKind::AstroToken, store.profiles(), &skipped);
        QCOMPARE(profiles.size(), 4);
        QCOMPARE(skipped.size(), 1);
        QVERIFY2(skipped.first().contains(QLatin1String("ml 3 by hand")), qPrintable(skipped.first()));
        for (const auto &profile : profiles) {
            QCOMPARE(profile.folder, QStringLiteral("Acme"));
            QCOMPARE(profile.kind, Profiles::ProfileKind::AstroToken);
        }

        Profiles::KeychainSecretStore secrets;
        std::optional<SaveOutcome> saved;
        saveProfiles(&store, &secrets, profiles, Token, this, [&](const SaveOutcome &o) { saved = o; });
        QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 30000);
        QVERIFY2(saved->problems.isEmpty(), qPrintable(saved->problems.join(u'\n')));
        QVERIFY(!saved->memoryOnly);
        QCOMPARE(saved->saved.size(), 4);

        // What is on disk, read again, and the token under each profile's own id.
        Profiles::ProfileStore reread(store.path());
        QVERIFY(reread.load());
        QCOMPARE(reread.profiles().size(), 5);
        QString prodId;
        for (const auto &profile : saved->saved) {
            QVERIFY(reread.profile(profile.id).has_value());
            std::optional<Profiles::SecretResult> secret;
            secrets.read(profile.id, this, [&](const Profiles::SecretResult &r) { secret = r; });
            QTRY_VERIFY_WITH_TIMEOUT(secret.has_value(), 20000);
            QVERIFY(secret->ok());
            QCOMPARE(secret->secret, Token);
            if (profile.name == QLatin1String("Data / prod"))
                prodId = profile.id;
        }
        QVERIFY(!prodId.isEmpty());

        // The prod profile opens against the Airflow 3 sandbox with the shared token.
        Profiles::DeploymentConnector connector(&m_nam, &secrets);
        std::optional<Profiles::OpenedDeployment> opened;
        connector.open(*reread.profile(prodId), this,
                       [&](const Profiles::OpenedDeployment &o) { opened = o; });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
        QVERIFY2(opened->ok(), qPrintable(opened->message));
        const auto dags = Tests::awaitResult<Api::Page<Api::Dag>>(
            [&](auto done) { opened->client->dags(Api::DagQuery{}, this, done); });
        QVERIFY(dags && dags->ok());
        QCOMPARE(dags->value().totalEntries, 3);

        for (const auto &profile : saved->saved) {
            bool removed = false;
            secrets.remove(profile.id, this, [&](const Profiles::SecretResult &) { removed = true; });
            QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
        }
    }
};

QTEST_GUILESS_MAIN(TestAstroDiscovery)
#include "tst_astro_discovery.moc"
