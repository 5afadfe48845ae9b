#include "api/tlstrust.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/jwtclaims.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTest>

using Windsock::Api::TlsTrust;
using Windsock::Auth::BearerTokenAuthenticator;
using Windsock::Auth::JwtClaims;

namespace {

QString jwt(const QJsonObject &claims)
{
    const auto encode = [](const QByteArray &bytes) {
        return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    const QByteArray payload = encode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(header + '.' + payload + '.' + encode("signature"));
}

const QDateTime now = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);

} // namespace

// Reading a JWT's expiry, saying it in words, and loading CA bundles.
class TestAuthClaims final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expiryFromJwt()
    {
        const QDateTime exp = now.addDays(3);
        const QString token = jwt({{QStringLiteral("exp"), exp.toSecsSinceEpoch()},
                                   {QStringLiteral("sub"), QStringLiteral("admin")}});
        QCOMPARE(JwtClaims::expiry(token), std::optional<QDateTime>(exp));
        QCOMPARE(BearerTokenAuthenticator(token).expiry(), std::optional<QDateTime>(exp));
    }

    void noExpiry_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("opaque token") << QStringLiteral("abc123");
        QTest::newRow("two parts") << QStringLiteral("abc.def");
        QTest::newRow("payload not base64") << QStringLiteral("abc.!!!.def");
        QTest::newRow("payload not json") << QStringLiteral("abc.bm90IGpzb24.def");
        QTest::newRow("no exp claim") << jwt({{QStringLiteral("sub"), QStringLiteral("admin")}});
        QTest::newRow("exp not a number") << jwt({{QStringLiteral("exp"), QStringLiteral("soon")}});
    }

    void noExpiry()
    {
        QFETCH(QString, token);
        QVERIFY(!JwtClaims::expiry(token).has_value());
        QVERIFY(!BearerTokenAuthenticator(token).expiry().has_value());
    }

    void describeExpiry_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("soon");
        QTest::newRow("3 days") << qint64(3 * 86400 + 3600) << QStringLiteral("expires in 3 days") << true;
        QTest::newRow("30 days") << qint64(30 * 86400) << QStringLiteral("expires in 30 days") << false;
        QTest::newRow("5 hours") << qint64(5 * 3600 + 120) << QStringLiteral("expires in 5 hours") << true;
        QTest::newRow("36 hours") << qint64(36 * 3600) << QStringLiteral("expires in 36 hours") << true;
        QTest::newRow("1 minute") << qint64(61) << QStringLiteral("expires in 1 minute") << true;
        QTest::newRow("seconds") << qint64(20) << QStringLiteral("expires in less than a minute") << true;
        QTest::newRow("expired 2 hours")
            << qint64(-2 * 3600 - 5) << QStringLiteral("expired 2 hours ago") << true;
        QTest::newRow("expired 10 days")
            << qint64(-10 * 86400) << QStringLiteral("expired 10 days ago") << true;
        QTest::newRow("7 days and a bit")
            << qint64(7 * 86400 + 60) << QStringLiteral("expires in 7 days") << false;
    }

    void describeExpiry()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QFETCH(bool, soon);
        QCOMPARE(JwtClaims::describeExpiry(now.addSecs(seconds), now), text);
        QCOMPARE(JwtClaims::expiresSoon(now.addSecs(seconds), now), soon);
    }

    void bearerHeader()
    {
        QNetworkRequest request;
        const BearerTokenAuthenticator authenticator(QStringLiteral(" tok-1 \n"));
        authenticator.authorize(request);
        QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer tok-1"));
        QCOMPARE(authenticator.secrets(), QStringList{QStringLiteral("tok-1")});
        QVERIFY(!authenticator.redactedDescription().contains(QStringLiteral("tok-1")));
    }

    void caBundleErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringLiteral("missing.pem") << QByteArray()
                                 << QStringLiteral("The CA bundle %1 does not exist.");
        QTest::newRow("empty") << QStringLiteral("empty.pem") << QByteArray("\n\n")
                               << QStringLiteral("The CA bundle %1 is empty.");
        QTest::newRow("not pem") << QStringLiteral("bad.pem") << QByteArray("hello, not a certificate")
                                 << QStringLiteral(
                                        "The CA bundle %1 holds no PEM certificate (a PEM file has "
                                        "\"-----BEGIN CERTIFICATE-----\" blocks).");
        QTest::newRow("folder") << QStringLiteral(".") << QByteArray()
                                << QStringLiteral("The CA bundle %1 is a folder; choose a PEM file.");
    }

    void caBundleErrors()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = file == QLatin1String(".") ? dir.path() : dir.filePath(file);
        if (!content.isEmpty()) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(content);
        }
        const auto result = TlsTrust::loadCaBundle(path);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message(), message.arg(path));
    }
};

QTEST_GUILESS_MAIN(TestAuthClaims)
#include "tst_auth_claims.moc"
