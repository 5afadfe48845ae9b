// Profiles against the real keychain (gnome-keyring inside dbus-run-session, see scripts/with-keyring) and
// the sandbox: KeychainSecretStore, and every profile kind opened end to end (secret in the keychain,
// connector, list DAGs). Then the config directory, every file Windsock wrote and everything logged are
// searched for each secret: zero matches.
#include "api/airflowclient.h"
#include "auth/authenticator.h"
#include "profiles/deploymentconnector.h"
#include "profiles/keychainsecretstore.h"
#include "profiles/profilestore.h"

#include <sandbox/sandboxserver.h>

#include "fakes/testcertificates.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <qt6keychain/keychain.h>

using namespace Windsock;
using namespace Windsock::Profiles;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

Q_DECLARE_METATYPE(Windsock::Profiles::ProfileKind)
Q_DECLARE_METATYPE(Windsock::Profiles::GenericMode)
Q_DECLARE_METATYPE(Windsock::Sandbox::AuthMode)

namespace {

QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

class TestProfilesKeychain final : public QObject
{
    Q_OBJECT

private:
    template<typename Start>
    std::optional<SecretResult> awaitSecret(Start start)
    {
        std::optional<SecretResult> result;
        start([&](const SecretResult &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
        return result;
    }

    static QKeychain::Error keychainRead(const QString &key)
    {
        QKeychain::ReadPasswordJob job(KeychainSecretStore::defaultService());
        job.setAutoDelete(false);
        job.setInsecureFallback(false);
        job.setKey(key);
        QSignalSpy finished(&job, &QKeychain::Job::finished);
        job.start();
        if (!finished.wait(15000))
            return QKeychain::OtherError;
        return job.error();
    }

    // Saves the profile in a store under the test's config directory, its secret in the keychain, and opens
    // it.
    std::optional<OpenedDeployment> saveAndOpen(Profile &profile, const QString &secret,
                                                QNetworkAccessManager *nam)
    {
        ProfileStore store(m_config->filePath(QStringLiteral("profiles.json")));
        if (!store.load())
            return std::nullopt;
        profile.id = store.upsert(profile);
        KeychainSecretStore secrets;
        if (!awaitSecret([&](auto done) { secrets.write(profile.id, secret, this, done); })->ok())
            return std::nullopt;
        DeploymentConnector connector(nam, &secrets);
        std::optional<OpenedDeployment> opened;
        connector.open(profile, this, [&](const OpenedDeployment &o) { opened = o; });
        if (!QTest::qWaitFor([&] { return opened.has_value(); }, 20000))
            return std::nullopt;
        return opened;
    }

    Api::Result<Api::Page<Api::Dag>> listDags(Api::AirflowClient &client)
    {
        std::optional<Api::Result<Api::Page<Api::Dag>>> dags;
        client.dags(Api::DagQuery{}, this, [&](const Api::Result<Api::Page<Api::Dag>> &r) { dags = r; });
        if (!QTest::qWaitFor([&] { return dags.has_value(); }, 20000))
            return Api::ApiError(Api::ApiError::Kind::Timeout, QStringLiteral("the test gave up waiting"));
        return *dags;
    }

    void forget(const Profile &profile)
    {
        KeychainSecretStore secrets;
        awaitSecret([&](auto done) { secrets.remove(profile.id, this, done); });
    }

    QNetworkAccessManager m_nam;
    QStringList m_secrets;      // every secret used, for the final search
    QStringList m_searchedDirs; // where Windsock wrote
    std::unique_ptr<QTemporaryDir> m_config;

private Q_SLOTS:
    void initTestCase()
    {
        previousHandler = qInstallMessageHandler(recordMessage);
        QLoggingCategory::setFilterRules(QStringLiteral("windsock.*=true"));
        QStandardPaths::setTestModeEnabled(true);
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        m_searchedDirs.append(m_config->path());
    }

    void writeReadRemove()
    {
        KeychainSecretStore store;
        QCOMPARE(store.service(), QStringLiteral("Windsock"));
        const QString id = QStringLiteral("tst-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString secret = QStringLiteral("k\u00e9ychain s3cret : with colons");
        m_secrets.append(secret);

        QCOMPARE(awaitSecret([&](auto done) { store.read(id, this, done); })->status,
                 SecretResult::Status::NotFound);
        const auto written = awaitSecret([&](auto done) { store.write(id, secret, this, done); });
        QVERIFY2(written->ok(), qPrintable(written->message));
        QVERIFY(!store.memoryOnly());
        const auto read = awaitSecret([&](auto done) { store.read(id, this, done); });
        QVERIFY2(read->ok(), qPrintable(read->message));
        QCOMPARE(read->secret, secret);
        QCOMPARE(keychainRead(id), QKeychain::NoError);
        QVERIFY(awaitSecret([&](auto done) { store.remove(id, this, done); })->ok());
        QCOMPARE(keychainRead(id), QKeychain::EntryNotFound);
        // Removing what is not there is fine.
        QVERIFY(awaitSecret([&](auto done) { store.remove(id, this, done); })->ok());
    }

    void everyKindEndToEnd_data()
    {
        QTest::addColumn<ProfileKind>("kind");
        QTest::addColumn<GenericMode>("mode");
        QTest::addColumn<AuthMode>("auth");
        QTest::addColumn<bool>("softwareBearer");
        QTest::newRow("airflow2-basic")
            << ProfileKind::Airflow2Basic << GenericMode::BearerToken << AuthMode::Basic << false;
        QTest::newRow("airflow3-password")
            << ProfileKind::Airflow3Password << GenericMode::BearerToken << AuthMode::Jwt << false;
        QTest::newRow("astro-token") << ProfileKind::AstroToken << GenericMode::BearerToken
                                     << AuthMode::Bearer << false;
        QTest::newRow("software-key raw")
            << ProfileKind::SoftwareKey << GenericMode::BearerToken << AuthMode::Software << false;
        QTest::newRow("software-key bearer")
            << ProfileKind::SoftwareKey << GenericMode::BearerToken << AuthMode::Software << true;
        QTest::newRow("oauth2") << ProfileKind::OAuth2ClientCredentials << GenericMode::BearerToken
                                << AuthMode::OAuth2 << false;
        QTest::newRow("generic bearer")
            << ProfileKind::Generic << GenericMode::BearerToken << AuthMode::Bearer << false;
        QTest::newRow("generic header")
            << ProfileKind::Generic << GenericMode::CustomHeader << AuthMode::Software << false;
        QTest::newRow("generic command")
            << ProfileKind::Generic << GenericMode::Command << AuthMode::Bearer << false;
    }

    void everyKindEndToEnd()
    {
        QFETCH(ProfileKind, kind);
        QFETCH(GenericMode, mode);
        QFETCH(AuthMode, auth);
        QFETCH(bool, softwareBearer);
        const QString tag =
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString secret =
            QStringLiteral("secret-%1-%2").arg(tag).arg(QDateTime::currentMSecsSinceEpoch());
        m_secrets.append(secret);

        SandboxOptions options;
        options.dagCount = 5;
        options.runsPerDag = 1;
        options.auth = auth;
        options.users = {{QStringLiteral("alice"), secret}};
        options.bearerTokens = {secret};
        options.softwareKeys = {secret};
        options.oauthClients = {{QStringLiteral("client-1"), secret, QStringLiteral("airflow")}};
        SandboxServer sandbox(options);
        QVERIFY2(sandbox.listen(0), qPrintable(sandbox.errorString()));

        Profile profile;
        profile.name = tag;
        profile.kind = kind;
        profile.baseUrl = sandbox.baseUrl();
        profile.username = QStringLiteral("alice");
        profile.softwareBearer = softwareBearer;
        profile.oauthTokenUrl = sandbox.baseUrl().resolved(QUrl(options.oauthTokenPath));
        profile.oauthClientId = QStringLiteral("client-1");
        profile.oauthAudience = QStringLiteral("airflow");
        profile.genericMode = mode;
        profile.customHeaderName = QStringLiteral("Authorization");
        QTemporaryDir commandDir; // the command's token lives outside the config directory
        if (mode == GenericMode::Command) {
            QFile tokenFile(commandDir.filePath(QStringLiteral("token")));
            QVERIFY(tokenFile.open(QIODevice::WriteOnly));
            tokenFile.write(secret.toUtf8() + '\n');
            tokenFile.close();
            profile.command = QStringLiteral("cat '%1'").arg(tokenFile.fileName());
        }

        ProfileStore store(m_config->filePath(QStringLiteral("profiles.json")));
        QVERIFY(store.load());
        const QString id = store.upsert(profile);
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));
        profile.id = id;

        KeychainSecretStore secrets;
        if (profile.hasSecret()) {
            const auto written = awaitSecret([&](auto done) { secrets.write(id, secret, this, done); });
            QVERIFY2(written->ok(), qPrintable(written->message));
        }

        DeploymentConnector connector(&m_nam, &secrets);
        std::optional<OpenedDeployment> opened;
        connector.open(profile, this, [&](const OpenedDeployment &o) { opened = o; });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
        QVERIFY2(opened->ok(), qPrintable(opened->message));
        QCOMPARE(opened->api.kind, Api::ApiKind::V1);

        std::optional<Api::Result<Api::Page<Api::Dag>>> dags;
        opened->client->dags(Api::DagQuery{}, this,
                             [&](const Api::Result<Api::Page<Api::Dag>> &r) { dags = r; });
        QTRY_VERIFY_WITH_TIMEOUT(dags.has_value(), 20000);
        QVERIFY2(dags->ok(), qPrintable(dags->error().message()));
        QCOMPARE(dags->value().items.size(), 5);

        // A wrong secret is refused (not for the command kind, which has none in the keychain).
        if (profile.hasSecret()) {
            QVERIFY(awaitSecret([&](auto done) {
                        secrets.write(id, QStringLiteral("wrong"), this, done);
                    })->ok());
            std::optional<OpenedDeployment> wrong;
            connector.open(profile, this, [&](const OpenedDeployment &o) { wrong = o; });
            QTRY_VERIFY_WITH_TIMEOUT(wrong.has_value(), 20000);
            QVERIFY(wrong->ok()); // detection needs no credentials
            std::optional<Api::Result<Api::Page<Api::Dag>>> refused;
            wrong->client->dags(Api::DagQuery{}, this,
                                [&](const Api::Result<Api::Page<Api::Dag>> &r) { refused = r; });
            QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 20000);
            QVERIFY(!refused->ok());
        }

        // Deleting the profile removes its keychain entry.
        QVERIFY(store.remove(id));
        QVERIFY(awaitSecret([&](auto done) { secrets.remove(id, this, done); })->ok());
        QCOMPARE(keychainRead(id), QKeychain::EntryNotFound);
    }

    // Airflow 3: the JWT expires between two requests (the sandbox's clock moves past its lifetime); the
    // second request succeeds after a silent login with the password from the keychain, which issues one new
    // token.
    void airflow3TokenExpiresBetweenTwoRequests()
    {
        const QString secret = QStringLiteral("jwt-password-%1").arg(QDateTime::currentMSecsSinceEpoch());
        m_secrets.append(secret);
        SandboxOptions options;
        options.dagCount = 3;
        options.auth = AuthMode::Jwt;
        options.users = {{QStringLiteral("alice"), secret}};
        options.clock = Sandbox::ClockKind::Manual;
        options.jwtLifetimeSeconds = 600;
        SandboxServer sandbox(options);
        QVERIFY2(sandbox.listen(0), qPrintable(sandbox.errorString()));

        Profile profile;
        profile.name = QStringLiteral("airflow 3 expiring");
        profile.kind = ProfileKind::Airflow3Password;
        profile.baseUrl = sandbox.baseUrl();
        profile.username = QStringLiteral("alice");
        const auto opened = saveAndOpen(profile, secret, &m_nam);
        QVERIFY(opened.has_value());
        QVERIFY2(opened->ok(), qPrintable(opened->message));

        const auto first = listDags(*opened->client);
        QVERIFY2(first.ok(), qPrintable(first.error().message()));
        QCOMPARE(sandbox.tokensIssued(), quint64(1));
        sandbox.advanceClock(601 * 1000);
        const auto second = listDags(*opened->client);
        QVERIFY2(second.ok(), qPrintable(second.error().message()));
        QCOMPARE(second.value().items.size(), 3);
        QCOMPARE(sandbox.tokensIssued(), quint64(2));           // one silent re-login, no loop
        m_secrets += opened->client->authenticator().secrets(); // the tokens must not leak either
        forget(profile);
    }

    // Astronomer Software: a wrong key is answered with a 302 to the login page. The user reads that the key
    // was rejected, and the redirect is not followed (the login page's host does not even exist).
    void rejectedSoftwareKey()
    {
        const QString secret =
            QStringLiteral("wrong-software-key-%1").arg(QDateTime::currentMSecsSinceEpoch());
        m_secrets.append(secret);
        SandboxOptions options;
        options.dagCount = 3;
        options.auth = AuthMode::Software;
        options.softwareKeys = {QStringLiteral("the-right-key")};
        SandboxServer sandbox(options);
        QVERIFY2(sandbox.listen(0), qPrintable(sandbox.errorString()));

        Profile profile;
        profile.name = QStringLiteral("software, wrong key");
        profile.kind = ProfileKind::SoftwareKey;
        profile.baseUrl = sandbox.baseUrl();
        const auto opened = saveAndOpen(profile, secret, &m_nam);
        QVERIFY(opened.has_value());
        QVERIFY2(opened->ok(), qPrintable(opened->message)); // detection needs no key
        const quint64 before = sandbox.requestCount();
        const auto dags = listDags(*opened->client);
        QVERIFY(!dags.ok());
        QCOMPARE(dags.error().kind(), Api::ApiError::Kind::Redirected);
        QVERIFY2(dags.error().message().contains(QStringLiteral("the key was rejected")),
                 qPrintable(dags.error().message()));
        QVERIFY2(dags.error().message().contains(options.softwareLoginUrl.toString()),
                 qPrintable(dags.error().message()));
        QCOMPARE(sandbox.requestCount(), before + 1); // one request, nothing after it
        forget(profile);
    }

    // TLS from the profile: a deployment whose certificate comes from a private CA is refused, with a plain
    // message, until the profile's CA bundle names that CA. A missing bundle file is a plain error too.
    void caBundleFromTheProfile()
    {
        Windsock::Tests::TestCertificates certificates;
        QVERIFY2(certificates.generate(), qPrintable(certificates.errorString()));
        const QString secret = QStringLiteral("tls-password-%1").arg(QDateTime::currentMSecsSinceEpoch());
        m_secrets.append(secret);
        SandboxOptions options;
        options.dagCount = 4;
        options.users = {{QStringLiteral("alice"), secret}};
        options.tls = {certificates.serverChain(), certificates.serverKey()};
        SandboxServer sandbox(options);
        QVERIFY2(sandbox.listen(0), qPrintable(sandbox.errorString()));
        QCOMPARE(sandbox.baseUrl().scheme(), QStringLiteral("https"));

        Profile profile;
        profile.name = QStringLiteral("private CA");
        profile.kind = ProfileKind::Airflow2Basic;
        profile.baseUrl = sandbox.baseUrl();
        profile.username = QStringLiteral("alice");
        {
            QNetworkAccessManager nam; // a manager per attempt: Qt keeps a host's first TLS settings
            const auto refused = saveAndOpen(profile, secret, &nam);
            QVERIFY(refused.has_value());
            QVERIFY(!refused->ok());
            QVERIFY2(refused->message.contains(QStringLiteral("not trusted")), qPrintable(refused->message));
            QVERIFY2(refused->message.contains(QStringLiteral("CA bundle")), qPrintable(refused->message));
        }
        {
            profile.caBundlePath = certificates.directory() + QStringLiteral("/no-such-bundle.pem");
            QNetworkAccessManager nam;
            const auto missing = saveAndOpen(profile, secret, &nam);
            QVERIFY(missing.has_value());
            QCOMPARE(missing->failure, OpenedDeployment::Failure::CaBundle);
            QVERIFY2(missing->message.contains(QStringLiteral("does not exist")),
                     qPrintable(missing->message));
        }
        profile.caBundlePath = certificates.caCertificate();
        QNetworkAccessManager nam;
        const auto accepted = saveAndOpen(profile, secret, &nam);
        QVERIFY(accepted.has_value());
        QVERIFY2(accepted->ok(), qPrintable(accepted->message));
        const auto dags = listDags(*accepted->client);
        QVERIFY2(dags.ok(), qPrintable(dags.error().message()));
        QCOMPARE(dags.value().items.size(), 4);
        forget(profile);
    }

    void secretAbsentFromFilesAndLogs()
    {
        QVERIFY(!m_secrets.isEmpty());
        QStringList files;
        for (const QString &dir : std::as_const(m_searchedDirs)) {
            QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
        }
        const QString appData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        const QString appConfig = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        for (const QString &dir : {appData, appConfig}) {
            QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
        }
        QVERIFY(!files.isEmpty());
        QStringList log;
        {
            QMutexLocker lock(&logMutex);
            log = capturedLog;
        }
        QVERIFY(!log.isEmpty()); // the categories were on: there was something to search
        for (const QString &secret : std::as_const(m_secrets)) {
            for (const QString &file : std::as_const(files)) {
                QFile f(file);
                QVERIFY(f.open(QIODevice::ReadOnly));
                QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(file));
            }
            for (const QString &line : std::as_const(log))
                QVERIFY2(!line.contains(secret), "a secret was logged");
        }
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }
};

QTEST_GUILESS_MAIN(TestProfilesKeychain)
#include "tst_profiles_keychain.moc"
