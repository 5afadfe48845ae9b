#pragma once

#include "apicall.h"
#include "dialect.h"
#include "result.h"
#include "types.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Windsock::Api {

// What a probe found at a deployment's root.
struct DetectedApi
{
    ApiKind kind = ApiKind::Unknown;
    Version version; // empty for the 1.10 experimental API, which has no version endpoint
    // 1.10 only: its test endpoint answered 403 to a request without credentials, which only the deny_all
    // auth backend does (password_auth answers 401): the server lets no one in.
    bool refusesEveryone = false;
};

// Finds which Airflow API a server speaks, without credentials (see the API notes, section 4):
// GET {base}/api/v2/version (Airflow 3), then /api/v1/version (Airflow 2), then /api/experimental/test
// (Airflow 1.10; a 401 or 403 there still shows the API exists). A transport failure (nothing listening,
// DNS, TLS, timeout) ends the probe at once with that error.
class ApiVersionDetector final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<DetectedApi> &)>;

    ApiVersionDetector(QNetworkAccessManager *nam, QUrl baseUrl, QObject *parent = nullptr);

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // The profile's extra certificate authorities (CA bundle), trusted on top of the system's, as the client
    // trusts them.
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_caCertificates = certificates; }
    // done runs exactly once on context's thread, unless context is destroyed first.
    ApiCall *detect(QObject *context, Callback done);

    // The dialect for a detected API, told the server's version; nullptr and an ApiError of kind
    // Unsupported when no API was recognised.
    static std::unique_ptr<Dialect> createDialect(const DetectedApi &api, ApiError *error = nullptr);

private:
    void probe(int step, ApiCall *call, const QPointer<QObject> &context, const Callback &done,
               const QStringList &answers);

    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    int m_transferTimeoutMs = 15000;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace Windsock::Api
