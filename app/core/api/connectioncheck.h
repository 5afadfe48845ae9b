#pragma once

#include "apiversiondetector.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;

namespace Windsock::Auth {
class Authenticator;
}

namespace Windsock::Api {

class AirflowClient;
struct RawResponse;

// "Test connection": the checks a person needs to trust a profile, in order, each with a plain sentence and,
// when it fails, what to do next. Reachable -> TLS certificate valid (https only) -> Airflow version and API
// found (the probes of ApiVersionDetector) -> Credentials accepted (an authenticated GET, tokens fetched as
// the client fetches them) -> Metadatabase healthy -> Scheduler healthy. A step that cannot run because an
// earlier one failed is skipped. The CLI (`windsock-cli profile test`) and the profile editor both use it.
class ConnectionCheck final : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        enum class Id
        {
            Reachable,
            Tls,
            Version,
            Credentials,
            Metadatabase,
            Scheduler,
        };
        enum class Status
        {
            Passed,
            Failed,
            Skipped,
            Warning,
        };
        Id id = Id::Reachable;
        Status status = Status::Skipped;
        QString title;    // "Reachable", "TLS certificate valid", ... (titleOf(id))
        QString message;  // a plain sentence: what was found
        QString nextStep; // for a failure or warning: what to do next; empty otherwise

        static QString titleOf(Id id);
        static QString statusText(Status status); // "passed", "failed", "skipped", "warning"
    };

    struct Report
    {
        QUrl url;
        QList<Step> steps;
        DetectedApi api; // Unknown when detection failed
        bool ok() const; // true when no step failed (warnings and skipped steps are fine)
        const Step *step(Step::Id id) const;
        // One line per step, and a "Next:" line under each failure or warning, for a terminal.
        QString toText() const;
    };

    // The check makes its own QNetworkAccessManager: it must test a fresh TLS handshake with exactly these
    // certificate authorities (Qt reuses a host's connection with the TLS configuration it was made with).
    ConnectionCheck(QUrl baseUrl, std::unique_ptr<Auth::Authenticator> authenticator,
                    QList<QSslCertificate> caCertificates = {}, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // Runs the steps; stepFinished() for each, then finished() once. Call once.
    void start();
    // Stops the check: finished() is not emitted.
    void cancel();
    bool isRunning() const { return m_running; }
    const Report &report() const { return m_report; }

Q_SIGNALS:
    void stepFinished(const Windsock::Api::ConnectionCheck::Step &step);
    void finished(const Windsock::Api::ConnectionCheck::Report &report);

private:
    void addStep(Step::Id id, Step::Status status, const QString &message, const QString &nextStep = {});
    void skipRest(Step::Id from, const QString &reason);
    void finish();
    void onDetected(const Result<DetectedApi> &detected);
    void checkCredentials();
    void onCredentials(const QString &path, const Result<RawResponse> &response);
    void checkHealth();
    void onHealth(const Result<RawResponse> &response);
    QString credentialAdvice() const;

    QNetworkAccessManager *m_nam; // owned (a child)
    QUrl m_baseUrl;
    QList<QSslCertificate> m_caCertificates;
    std::unique_ptr<AirflowClient> m_client;
    int m_transferTimeoutMs = 15000;
    Report m_report;
    QList<QPointer<ApiCall>> m_calls;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Windsock::Api

Q_DECLARE_METATYPE(Windsock::Api::ConnectionCheck::Step)
Q_DECLARE_METATYPE(Windsock::Api::ConnectionCheck::Report)
