// Profile values: the JSON form of every kind (never a secret), and the URL helpers with their plain errors.
#include "profiles/profile.h"

#include <QJsonDocument>
#include <QTest>

using namespace Windsock::Profiles;

Q_DECLARE_METATYPE(Windsock::Profiles::ProfileKind)
Q_DECLARE_METATYPE(Windsock::Profiles::GenericMode)

class TestProfile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<ProfileKind>("kind");
        QTest::addColumn<GenericMode>("mode");
        QTest::newRow("airflow2-basic") << ProfileKind::Airflow2Basic << GenericMode::BearerToken;
        QTest::newRow("airflow3-password") << ProfileKind::Airflow3Password << GenericMode::BearerToken;
        QTest::newRow("astro-token") << ProfileKind::AstroToken << GenericMode::BearerToken;
        QTest::newRow("software-key") << ProfileKind::SoftwareKey << GenericMode::BearerToken;
        QTest::newRow("oauth2") << ProfileKind::OAuth2ClientCredentials << GenericMode::BearerToken;
        QTest::newRow("generic-bearer") << ProfileKind::Generic << GenericMode::BearerToken;
        QTest::newRow("generic-header") << ProfileKind::Generic << GenericMode::CustomHeader;
        QTest::newRow("generic-command") << ProfileKind::Generic << GenericMode::Command;
    }

    void roundTrip()
    {
        QFETCH(ProfileKind, kind);
        QFETCH(GenericMode, mode);
        Profile profile;
        profile.id = QStringLiteral("0b8f6a3e-1111-2222-3333-444455556666");
        profile.name = QStringLiteral("prod \u00e9 (Astro)");
        profile.kind = kind;
        profile.baseUrl = QUrl(QStringLiteral("https://example.astronomer.run/d1234567"));
        profile.username = QStringLiteral("alice");
        profile.folder = QStringLiteral("Team A");
        profile.colour = QStringLiteral("#1f77b4");
        profile.readOnly = true;
        profile.production = true;
        profile.notifyFailedRuns = true;
        profile.notifyIntervalSeconds = 600;
        profile.tokenExpiry = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
        profile.softwareBaseDomain = QStringLiteral("astro.example.com");
        profile.softwareReleaseName = QStringLiteral("galactic-stars-1234");
        profile.softwareBearer = true;
        profile.oauthTokenUrl = QUrl(QStringLiteral("https://login.example.com/oauth/token"));
        profile.oauthClientId = QStringLiteral("client-1");
        profile.oauthAudience = QStringLiteral("airflow");
        profile.oauthScope = QStringLiteral("read write");
        profile.genericMode = mode;
        profile.customHeaderName = QStringLiteral("X-Api-Key");
        profile.command = QStringLiteral("gcloud auth print-access-token");
        profile.commandTimeoutSeconds = 12;
        profile.commandCacheSeconds = 99;
        profile.caBundlePath = QStringLiteral("/etc/ssl/corp.pem");
        profile.lastUsed = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);

        const QJsonObject json = profile.toJson();
        QCOMPARE(json.value(QLatin1String("kind")).toString(), kindKey(kind));
        // Through text, as the store writes it.
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        QString error;
        const Profile back = Profile::fromJson(reread, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(back.id, profile.id);
        QCOMPARE(back.name, profile.name);
        QCOMPARE(back.kind, kind);
        QCOMPARE(back.baseUrl, profile.baseUrl);
        QCOMPARE(back.username, profile.username);
        QCOMPARE(back.folder, profile.folder);
        QCOMPARE(back.colour, profile.colour);
        QCOMPARE(back.readOnly, true);
        QCOMPARE(back.production, true);
        QCOMPARE(back.notifyFailedRuns, true);
        QCOMPARE(back.notifyIntervalSeconds, 600);
        QCOMPARE(back.tokenExpiry, profile.tokenExpiry);
        QCOMPARE(back.softwareBaseDomain, profile.softwareBaseDomain);
        QCOMPARE(back.softwareReleaseName, profile.softwareReleaseName);
        QCOMPARE(back.softwareBearer, true);
        QCOMPARE(back.oauthTokenUrl, profile.oauthTokenUrl);
        QCOMPARE(back.oauthClientId, profile.oauthClientId);
        QCOMPARE(back.oauthAudience, profile.oauthAudience);
        QCOMPARE(back.oauthScope, profile.oauthScope);
        QCOMPARE(back.caBundlePath, profile.caBundlePath);
        QCOMPARE(back.lastUsed, profile.lastUsed);
        if (kind == ProfileKind::Generic) {
            QCOMPARE(back.genericMode, mode);
            QCOMPARE(back.customHeaderName, profile.customHeaderName);
            QCOMPARE(back.command, profile.command);
            QCOMPARE(back.commandTimeoutSeconds, 12);
            QCOMPARE(back.commandCacheSeconds, 99);
        }
        QCOMPARE(back.hasSecret(), !(kind == ProfileKind::Generic && mode == GenericMode::Command));
    }

    void fromJsonIsTolerant()
    {
        QJsonObject json;
        json.insert(QLatin1String("id"), QStringLiteral("abc"));
        json.insert(QLatin1String("kind"), QStringLiteral("astro-token"));
        json.insert(QLatin1String("baseUrl"), QStringLiteral("https://h.example/x"));
        json.insert(QLatin1String("someFutureField"), 42);
        json.insert(QLatin1String("password"), QStringLiteral("must-be-ignored"));
        json.insert(QLatin1String("readOnly"), QStringLiteral("not a bool"));
        QString error;
        const Profile profile = Profile::fromJson(json, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(profile.kind, ProfileKind::AstroToken);
        QCOMPARE(profile.readOnly, false);
        QVERIFY(!QJsonDocument(profile.toJson()).toJson().contains("must-be-ignored"));
    }

    void guardFieldsAreOmittedWhenDefault()
    {
        Profile profile;
        profile.id = QStringLiteral("abc");
        const QJsonObject json = profile.toJson();
        QVERIFY(!json.contains(QLatin1String("production")));
        QVERIFY(!json.contains(QLatin1String("notifyFailedRuns")));
        QVERIFY(!json.contains(QLatin1String("notifyIntervalSeconds")));
        const Profile back = Profile::fromJson(json);
        QCOMPARE(back.production, false);
        QCOMPARE(back.notifyFailedRuns, false);
        QCOMPARE(back.notifyIntervalSeconds, 300);
        // A hand-edited interval of a few seconds is raised to a minute.
        QJsonObject tooOften = json;
        tooOften.insert(QLatin1String("notifyIntervalSeconds"), 5);
        QCOMPARE(Profile::fromJson(tooOften).notifyIntervalSeconds, 60);
    }

    void fromJsonReportsUnknownKind()
    {
        QJsonObject json;
        json.insert(QLatin1String("id"), QStringLiteral("abc"));
        json.insert(QLatin1String("kind"), QStringLiteral("teleport"));
        QString error;
        Profile::fromJson(json, &error);
        QVERIFY(error.contains(QLatin1String("teleport")));
    }

    void kindKeys()
    {
        for (const ProfileKind kind :
             {ProfileKind::Airflow2Basic, ProfileKind::Airflow3Password, ProfileKind::AstroToken,
              ProfileKind::SoftwareKey, ProfileKind::OAuth2ClientCredentials, ProfileKind::Generic}) {
            QVERIFY(!kindName(kind).isEmpty());
            QCOMPARE(kindFromKey(kindKey(kind)), std::optional<ProfileKind>(kind));
        }
        QVERIFY(!kindFromKey(QStringLiteral("nope")));
    }

    void normalizeDeploymentUrl_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("astro no scheme v2")
            << QStringLiteral("clq1a2b3c.astronomer.run/d4e5f6g7/api/v2")
            << QStringLiteral("https://clq1a2b3c.astronomer.run/d4e5f6g7") << QString();
        QTest::newRow("astro no scheme v1")
            << QStringLiteral("myorganization.astronomer-dev.run/d8fe2wmv/api/v1")
            << QStringLiteral("https://myorganization.astronomer-dev.run/d8fe2wmv") << QString();
        QTest::newRow("astro with scheme v1")
            << QStringLiteral("https://clypw7uah05jb01nwtpojz0j2.astronomer.run/d4yjo9ed/api/v1")
            << QStringLiteral("https://clypw7uah05jb01nwtpojz0j2.astronomer.run/d4yjo9ed") << QString();
        QTest::newRow("astro trailing slash")
            << QStringLiteral("https://c.astronomer.run/dz3uu847/")
            << QStringLiteral("https://c.astronomer.run/dz3uu847") << QString();
        QTest::newRow("astro api trailing slash")
            << QStringLiteral("c.astronomer.run/dz3uu847/api/v2/")
            << QStringLiteral("https://c.astronomer.run/dz3uu847") << QString();
        QTest::newRow("astro ui url with orgId")
            << QStringLiteral(
                   "clq52ag32000108i8e3v3acml.astronomer.run/dz3uu847?orgId=org_clq52a121000008i8d")
            << QStringLiteral("https://clq52ag32000108i8e3v3acml.astronomer.run/dz3uu847") << QString();
        QTest::newRow("bare host") << QStringLiteral("c.astronomer.run")
                                   << QStringLiteral("https://c.astronomer.run") << QString();
        QTest::newRow("local http") << QStringLiteral("http://localhost:8080/")
                                    << QStringLiteral("http://localhost:8080") << QString();
        QTest::newRow("local api v1") << QStringLiteral("  http://127.0.0.1:8080/api/v1  ")
                                      << QStringLiteral("http://127.0.0.1:8080") << QString();
        QTest::newRow("upper scheme")
            << QStringLiteral("HTTPS://h.example/x") << QStringLiteral("https://h.example/x") << QString();
        QTest::newRow("empty") << QString() << QString() << QStringLiteral("Enter the deployment's URL");
        QTest::newRow("blank") << QStringLiteral("   ") << QString()
                               << QStringLiteral("Enter the deployment's URL");
        QTest::newRow("space") << QStringLiteral("c.astronomer.run/d 1") << QString()
                               << QStringLiteral("contains a space");
        QTest::newRow("ftp") << QStringLiteral("ftp://h.example/x") << QString()
                             << QStringLiteral("Only http:// and https://");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QString()
                              << QStringLiteral("Only http:// and https://");
        QTest::newRow("no host") << QStringLiteral("https:///api/v1") << QString()
                                 << QStringLiteral("no host");
        QTest::newRow("credentials") << QStringLiteral("https://u:p@h.example") << QString()
                                     << QStringLiteral("Remove the user name and password");
    }

    void normalizeDeploymentUrl()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(QString, errorPart);
        QString error;
        const std::optional<QUrl> url = Windsock::Profiles::normalizeDeploymentUrl(input, &error);
        if (expected.isEmpty()) {
            QVERIFY(!url);
            QVERIFY2(error.contains(errorPart), qPrintable(error));
        } else {
            QVERIFY2(url, qPrintable(error));
            QCOMPARE(url->toString(), expected);
        }
    }

    void softwareDeploymentUrl_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("release");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("parts") << QStringLiteral("astro.example.com") << QStringLiteral("galactic-stars-1234")
                               << QStringLiteral(
                                      "https://deployments.astro.example.com/galactic-stars-1234/airflow")
                               << QString();
        QTest::newRow("trimmed") << QStringLiteral(" astro.example.com ") << QStringLiteral(" rel-1 ")
                                 << QStringLiteral("https://deployments.astro.example.com/rel-1/airflow")
                                 << QString();
        QTest::newRow("deployments prefix given")
            << QStringLiteral("deployments.astro.example.com") << QStringLiteral("rel-1")
            << QStringLiteral("https://deployments.astro.example.com/rel-1/airflow") << QString();
        QTest::newRow("full url instead")
            << QStringLiteral("https://deployments.astro.example.com/rel-1/airflow/api/v1") << QString()
            << QStringLiteral("https://deployments.astro.example.com/rel-1/airflow") << QString();
        QTest::newRow("empty domain")
            << QString() << QStringLiteral("rel") << QString() << QStringLiteral("base domain");
        QTest::newRow("bad domain") << QStringLiteral("astro_example.com") << QStringLiteral("rel")
                                    << QString() << QStringLiteral("not a valid domain name");
        QTest::newRow("empty release") << QStringLiteral("astro.example.com") << QString() << QString()
                                       << QStringLiteral("release name");
        QTest::newRow("bad release") << QStringLiteral("astro.example.com") << QStringLiteral("rel 1")
                                     << QString() << QStringLiteral("is not valid");
    }

    void softwareDeploymentUrl()
    {
        QFETCH(QString, domain);
        QFETCH(QString, release);
        QFETCH(QString, expected);
        QFETCH(QString, errorPart);
        QString error;
        const std::optional<QUrl> url = Windsock::Profiles::softwareDeploymentUrl(domain, release, &error);
        if (expected.isEmpty()) {
            QVERIFY(!url);
            QVERIFY2(error.contains(errorPart), qPrintable(error));
        } else {
            QVERIFY2(url, qPrintable(error));
            QCOMPARE(url->toString(), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
