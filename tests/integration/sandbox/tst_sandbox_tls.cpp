// The sandbox over HTTPS with certificates made by openssl: verified with the CA added to the request's
// QSslConfiguration, refused (sslErrors) without it; raw writes, keep-alive and faults still work over TLS.
#include "sandboxhttp.h"

#include <fakes/testcertificates.h>
#include <sandbox/sandboxserver.h>

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>

using namespace Windsock::Sandbox;
using Windsock::Tests::TestCertificates;

class TestSandboxTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void certificatesAreGenerated();
    void httpsWithTheCa();
    void refusedWithoutTheCa();
    void selfSignedIsRefusedUntilTrusted();
    void plainHttpIsNotServed();
    void authAndFaultsOverTls();
    void unreadableFilesFailToListen_data();
    void unreadableFilesFailToListen();

private:
    std::unique_ptr<SandboxServer> start(const QString &chain, const QString &key);
    HttpAnswer get(SandboxHttp &http, const QString &path, const QList<QSslCertificate> &cas,
                   const QByteArray &authorization = "Basic YWRtaW46YWRtaW4="); // admin:admin

    TestCertificates m_certificates;
};

void TestSandboxTls::initTestCase()
{
    QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
}

std::unique_ptr<SandboxServer> TestSandboxTls::start(const QString &chain, const QString &key)
{
    SandboxOptions options;
    options.dagCount = 6;
    options.runsPerDag = 2;
    options.clock = ClockKind::Manual;
    options.tls = {chain, key};
    auto server = std::make_unique<SandboxServer>(options);
    if (!server->listen())
        qWarning("listen: %s", qPrintable(server->errorString()));
    return server;
}

HttpAnswer TestSandboxTls::get(SandboxHttp &http, const QString &path, const QList<QSslCertificate> &cas,
                               const QByteArray &authorization)
{
    QNetworkRequest request(http.url(path));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(cas);
    request.setSslConfiguration(configuration);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    return http.exchange(request, "GET");
}

void TestSandboxTls::certificatesAreGenerated()
{
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_certificates.caCertificate());
    const QList<QSslCertificate> server = QSslCertificate::fromPath(m_certificates.serverCertificate());
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(m_certificates.serverChain());
    const QList<QSslCertificate> selfSigned =
        QSslCertificate::fromPath(m_certificates.selfSignedCertificate());
    QCOMPARE(ca.size(), 1);
    QCOMPARE(server.size(), 1);
    QCOMPARE(chain, server + ca);
    QCOMPARE(selfSigned.size(), 1);
    QCOMPARE(server.first().issuerInfo(QSslCertificate::CommonName),
             ca.first().subjectInfo(QSslCertificate::CommonName));
    QVERIFY(selfSigned.first().isSelfSigned());
    QVERIFY(!server.first().isSelfSigned());
    const auto names = server.first().subjectAlternativeNames();
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(QFile::exists(m_certificates.serverKey()));
    QVERIFY(QFile::exists(m_certificates.selfSignedKey()));
    QVERIFY(QFile::exists(m_certificates.caKey()));
}

void TestSandboxTls::httpsWithTheCa()
{
    const auto server = start(m_certificates.serverChain(), m_certificates.serverKey());
    QVERIFY(server->port() != 0);
    QCOMPARE(server->baseUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(server->baseUrl().toString(), QStringLiteral("https://127.0.0.1:%1").arg(server->port()));
    SandboxHttp http(server->baseUrl());
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_certificates.caCertificate());
    const HttpAnswer version = get(http, QStringLiteral("/api/v1/version"), ca, QByteArray());
    QCOMPARE(version.error, QNetworkReply::NoError);
    QVERIFY(version.sslErrors.isEmpty());
    QCOMPARE(version.status, 200);
    QCOMPARE(version.json().value(QStringLiteral("version")).toString(), QStringLiteral("2.10.5"));
    for (int i = 0; i < 5; ++i) { // keep-alive over the one TLS connection
        const HttpAnswer dags = get(http, QStringLiteral("/api/v1/dags?limit=2&offset=%1").arg(i), ca);
        QCOMPARE(dags.status, 200);
        QCOMPARE(dags.json().value(QStringLiteral("total_entries")).toInt(), 6);
    }
    QCOMPARE(server->requestCount(), quint64(6));
}

void TestSandboxTls::refusedWithoutTheCa()
{
    const auto server = start(m_certificates.serverChain(), m_certificates.serverKey());
    SandboxHttp http(server->baseUrl());
    const HttpAnswer answer = get(http, QStringLiteral("/api/v1/version"), {});
    QCOMPARE(answer.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(answer.status, 0);
    QVERIFY(!answer.sslErrors.isEmpty());
    QCOMPARE(server->requestCount(), quint64(0));
}

void TestSandboxTls::selfSignedIsRefusedUntilTrusted()
{
    const auto server = start(m_certificates.selfSignedCertificate(), m_certificates.selfSignedKey());
    SandboxHttp http(server->baseUrl());
    const HttpAnswer refused = get(http, QStringLiteral("/api/v1/version"), {});
    QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(!refused.sslErrors.isEmpty());
    // Trusting another CA does not help; trusting the certificate itself does.
    const HttpAnswer otherCa = get(http, QStringLiteral("/api/v1/version"),
                                   QSslCertificate::fromPath(m_certificates.caCertificate()));
    QCOMPARE(otherCa.error, QNetworkReply::SslHandshakeFailedError);
    // Qt 6.4's QNAM keeps the QSslConfiguration of its first connection to a host:port in its connection
    // cache and ignores a request's new one; a client that changes the trusted CAs has to clear that cache.
    const QList<QSslCertificate> itself = QSslCertificate::fromPath(m_certificates.selfSignedCertificate());
    QCOMPARE(get(http, QStringLiteral("/api/v1/version"), itself).error,
             QNetworkReply::SslHandshakeFailedError);
    http.nam().clearConnectionCache();
    const HttpAnswer trusted = get(http, QStringLiteral("/api/v1/version"), itself);
    QVERIFY(trusted.sslErrors.isEmpty());
    QCOMPARE(trusted.error, QNetworkReply::NoError);
    QCOMPARE(trusted.status, 200);
}

void TestSandboxTls::plainHttpIsNotServed()
{
    const auto server = start(m_certificates.serverChain(), m_certificates.serverKey());
    QUrl plain = server->baseUrl();
    plain.setScheme(QStringLiteral("http"));
    SandboxHttp http(plain);
    const HttpAnswer answer = get(http, QStringLiteral("/api/v1/version"), {});
    QVERIFY(answer.error != QNetworkReply::NoError);
    QCOMPARE(answer.status, 0);
    QCOMPARE(server->requestCount(), quint64(0));
}

void TestSandboxTls::authAndFaultsOverTls()
{
    SandboxOptions options;
    options.dagCount = 3;
    options.clock = ClockKind::Manual;
    options.auth = AuthMode::Software;
    options.softwareKeys = {QStringLiteral("key")};
    options.tls = {m_certificates.serverChain(), m_certificates.serverKey()};
    SandboxServer server(options);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    SandboxHttp http(server.baseUrl());
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_certificates.caCertificate());
    QCOMPARE(get(http, QStringLiteral("/api/v1/dags"), ca, "key").status, 200);
    const HttpAnswer redirect = get(http, QStringLiteral("/api/v1/dags"), ca, "wrong");
    QCOMPARE(redirect.status, 302);
    QCOMPARE(redirect.location, QByteArrayLiteral("https://app.sandbox.example/login"));
    server.setFaults(FaultOptions{0, 0.0, 0.0, 1.0}); // truncated bodies
    const HttpAnswer truncated = get(http, QStringLiteral("/api/v1/dags"), ca, "key");
    QVERIFY(truncated.error != QNetworkReply::NoError);
    server.setFaults(FaultOptions{0, 0.0, 1.0, 0.0}); // dropped connections
    QCOMPARE(get(http, QStringLiteral("/api/v1/dags"), ca, "key").status, 0);
    server.setFaults(FaultOptions{});
    QCOMPARE(get(http, QStringLiteral("/api/v1/dags"), ca, "key").status, 200);
}

void TestSandboxTls::unreadableFilesFailToListen_data()
{
    QTest::addColumn<bool>("goodChain");
    QTest::addColumn<bool>("goodKey");
    QTest::newRow("no certificate") << false << true;
    QTest::newRow("no key") << true << false;
}

void TestSandboxTls::unreadableFilesFailToListen()
{
    QFETCH(bool, goodChain);
    QFETCH(bool, goodKey);
    const QString missing = m_certificates.directory() + QStringLiteral("/missing.pem");
    SandboxOptions options;
    options.dagCount = 1;
    options.tls = {goodChain ? m_certificates.serverChain() : missing,
                   goodKey ? m_certificates.serverKey() : m_certificates.caCertificate()};
    SandboxServer server(options);
    QVERIFY(!server.listen());
    QVERIFY(!server.errorString().isEmpty());
    QCOMPARE(server.port(), quint16(0));
}

QTEST_GUILESS_MAIN(TestSandboxTls)
#include "tst_sandbox_tls.moc"
