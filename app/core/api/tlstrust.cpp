#include "tlstrust.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkRequest>

namespace Windsock::Api {

Result<QList<QSslCertificate>> TlsTrust::loadCaBundle(const QString &path)
{
    using Kind = ApiError::Kind;
    const QFileInfo info(path);
    if (path.isEmpty())
        return ApiError(Kind::Tls, QStringLiteral("No CA bundle file was given."));
    if (!info.exists())
        return ApiError(Kind::Tls, QStringLiteral("The CA bundle %1 does not exist.").arg(path));
    if (info.isDir())
        return ApiError(Kind::Tls,
                        QStringLiteral("The CA bundle %1 is a folder; choose a PEM file.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ApiError(
            Kind::Tls,
            QStringLiteral("The CA bundle %1 could not be read: %2.").arg(path, file.errorString()));
    }
    const QByteArray bytes = file.read(16 * 1024 * 1024);
    if (bytes.trimmed().isEmpty())
        return ApiError(Kind::Tls, QStringLiteral("The CA bundle %1 is empty.").arg(path));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty()) {
        return ApiError(Kind::Tls, QStringLiteral("The CA bundle %1 holds no PEM certificate (a PEM file has "
                                                  "\"-----BEGIN CERTIFICATE-----\" blocks).")
                                       .arg(path));
    }
    return certificates;
}

QSslConfiguration TlsTrust::configuration(const QList<QSslCertificate> &extraCaCertificates)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!extraCaCertificates.isEmpty())
        configuration.addCaCertificates(extraCaCertificates);
    return configuration;
}

void TlsTrust::apply(QNetworkRequest &request, const QList<QSslCertificate> &extraCaCertificates)
{
    if (!extraCaCertificates.isEmpty())
        request.setSslConfiguration(configuration(extraCaCertificates));
}

QString TlsTrust::distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    static const QList<QSslCertificate::SubjectInfo> fields{
        QSslCertificate::CommonName, QSslCertificate::Organization, QSslCertificate::OrganizationalUnitName};
    static const char *const names[] = {"CN", "O", "OU"};
    QStringList parts;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QStringList values =
            issuer ? certificate.issuerInfo(fields.at(i)) : certificate.subjectInfo(fields.at(i));
        for (const QString &value : values)
            parts.append(QLatin1String(names[i]) + QLatin1Char('=') + value);
    }
    return parts.isEmpty() ? QStringLiteral("unnamed") : parts.join(QStringLiteral(", "));
}

QString TlsTrust::describe(const QString &host, const QList<QSslError> &errors)
{
    QStringList reasons;
    QSslCertificate certificate;
    for (const QSslError &error : errors) {
        const QString reason = error.errorString().toLower();
        if (!reasons.contains(reason))
            reasons.append(reason);
        if (certificate.isNull() && !error.certificate().isNull())
            certificate = error.certificate();
    }
    QString names;
    if (!certificate.isNull()) {
        names = QStringLiteral(" (subject %1, issuer %2)")
                    .arg(distinguishedName(certificate, false), distinguishedName(certificate, true));
    }
    return QStringLiteral("The certificate of %1 is not trusted: %2%3. If this deployment uses a private "
                          "certificate authority, set its CA bundle in the profile.")
        .arg(host, reasons.join(QStringLiteral("; ")), names);
}

} // namespace Windsock::Api
