#pragma once

#include "result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

class QNetworkRequest;

namespace Windsock::Api {

// Which certificates a connection trusts: the system's certificate authorities plus a profile's own CA
// bundle. Verification is always on; there is no way to ignore a certificate problem.
class TlsTrust final
{
public:
    // The certificates of a PEM bundle; plain errors for a missing, unreadable, empty or non-PEM file.
    static Result<QList<QSslCertificate>> loadCaBundle(const QString &path);
    // The system's configuration with the extra authorities added (peer verification on).
    static QSslConfiguration configuration(const QList<QSslCertificate> &extraCaCertificates);
    // Applies configuration(extra) to a request (only when extra is not empty: the default is used as is).
    static void apply(QNetworkRequest &request, const QList<QSslCertificate> &extraCaCertificates);
    // "The certificate of host is not trusted: reason (subject CN=a, issuer CN=b). If this deployment uses
    // a private certificate authority, set its CA bundle in the profile."
    static QString describe(const QString &host, const QList<QSslError> &errors);
    // "CN=name, O=org" for a certificate's subject or issuer.
    static QString distinguishedName(const QSslCertificate &certificate, bool issuer);
};

} // namespace Windsock::Api
