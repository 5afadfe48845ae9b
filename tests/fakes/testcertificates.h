#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Windsock::Tests {

// Certificates for TLS tests, made with the `openssl` command line in a temporary directory that lives as
// long as this object. All PEM, keys unencrypted (RSA 2048), valid from now for 30 days:
//   - a CA: caCertificate() (self-signed, basicConstraints CA:TRUE) and caKey();
//   - a server certificate for 127.0.0.1 signed by that CA: serverCertificate(), serverKey(), with
//     subjectAltName IP:127.0.0.1, DNS:localhost; serverChain() is the server certificate followed by the
//     CA's;
//   - a self-signed server certificate (no CA) for the same names: selfSignedCertificate(), selfSignedKey().
// Usage:
//   TestCertificates certificates;
//   QVERIFY2(certificates.generate(), qPrintable(certificates.errorString()));
//   options.tls = {certificates.serverChain(), certificates.serverKey()};                  // the sandbox
//   configuration.addCaCertificates(certificates.caCertificate());                        // the client
// Generating takes about a second (key generation), so do it once per test case (initTestCase).
class TestCertificates
{
public:
    TestCertificates();

    bool generate(); // false + errorString() when openssl is missing or fails
    QString errorString() const { return m_error; }
    QString directory() const { return m_dir.path(); }

    QString caCertificate() const { return path(QStringLiteral("ca.pem")); }
    QString caKey() const { return path(QStringLiteral("ca.key")); }
    QString serverCertificate() const { return path(QStringLiteral("server.pem")); }
    QString serverKey() const { return path(QStringLiteral("server.key")); }
    QString serverChain() const { return path(QStringLiteral("server-chain.pem")); }
    QString selfSignedCertificate() const { return path(QStringLiteral("selfsigned.pem")); }
    QString selfSignedKey() const { return path(QStringLiteral("selfsigned.key")); }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &arguments);
    bool writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace Windsock::Tests
