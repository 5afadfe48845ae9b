#include "testcertificates.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace Windsock::Tests {

namespace {
const QString serverNames = QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost");
}

TestCertificates::TestCertificates() = default;

bool TestCertificates::generate()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory: ") + m_dir.errorString();
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        m_error = QStringLiteral("the openssl command is not installed");
        return false;
    }
    const QString days = QStringLiteral("30");
    const QString rsa = QStringLiteral("rsa:2048");
    // The CA: a self-signed certificate that may sign others (openssl req -x509 adds CA:TRUE by default).
    const bool made =
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), rsa,
                 QStringLiteral("-nodes"), QStringLiteral("-keyout"), caKey(), QStringLiteral("-out"),
                 caCertificate(), QStringLiteral("-days"), days, QStringLiteral("-subj"),
                 QStringLiteral("/CN=Windsock Test CA"), QStringLiteral("-addext"),
                 QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                 QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")})
        // The server's key and signing request, then its certificate signed by the CA.
        && openssl({QStringLiteral("req"), QStringLiteral("-newkey"), rsa, QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), serverKey(), QStringLiteral("-out"),
                    path(QStringLiteral("server.csr")), QStringLiteral("-subj"),
                    QStringLiteral("/CN=127.0.0.1")}) &&
        writeFile(QStringLiteral("server.ext"),
                  serverNames.toLatin1() + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n") &&
        openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                 path(QStringLiteral("server.csr")), QStringLiteral("-CA"), caCertificate(),
                 QStringLiteral("-CAkey"), caKey(), QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                 serverCertificate(), QStringLiteral("-days"), days, QStringLiteral("-extfile"),
                 path(QStringLiteral("server.ext"))})
        // A server certificate signed by nobody but itself.
        &&
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), rsa,
                 QStringLiteral("-nodes"), QStringLiteral("-keyout"), selfSignedKey(), QStringLiteral("-out"),
                 selfSignedCertificate(), QStringLiteral("-days"), days, QStringLiteral("-subj"),
                 QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), serverNames});
    if (!made)
        return false;
    QFile server(serverCertificate());
    QFile ca(caCertificate());
    if (!server.open(QIODevice::ReadOnly) || !ca.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read the generated certificates");
        return false;
    }
    return writeFile(QStringLiteral("server-chain.pem"), server.readAll() + ca.readAll());
}

bool TestCertificates::openssl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("openssl ") + arguments.join(u' ') + QStringLiteral(" failed: ") +
                  QString::fromLocal8Bit(process.readAllStandardError()) + process.errorString();
        return false;
    }
    return true;
}

bool TestCertificates::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(path(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        m_error =
            QStringLiteral("cannot write ") + file.fileName() + QStringLiteral(": ") + file.errorString();
        return false;
    }
    return true;
}

} // namespace Windsock::Tests
