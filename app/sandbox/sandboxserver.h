#pragma once

#include "sandboxoptions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QTcpServer;

namespace Windsock::Sandbox {

class ApiRouter;
class ExperimentalRouter;
class FaultInjector;
class HttpFrontend;
class ManualClock;
class SandboxAuth;
class SandboxClock;
class SandboxState;
class V2Router;

// An Airflow 2.x /api/v1 (or, with SandboxOptions::api, Airflow 3.x /api/v2 or Airflow 1.10's
// /api/experimental) emulator on 127.0.0.1: stateful, deterministic from the seed, with runs that move on a
// clock (real, sped up, or manual for tests) and faults that can be switched at runtime. It authenticates as
// the chosen profile kind does (SandboxOptions::auth; experimentalAuth for /api/experimental) and speaks
// HTTPS when given a certificate (SandboxOptions::tls).
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    explicit SandboxServer(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // 127.0.0.1 only; false + errorString() if the port is taken or the TLS files cannot be read.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT, or https:// with TLS  (no /api/v1)
    QString errorString() const;

    const SandboxOptions &options() const { return m_options; }

    // Faults, switchable while serving; they apply to requests that arrive afterwards.
    FaultOptions faults() const;
    void setFaults(const FaultOptions &faults);

    // Clock: the sandbox's current time, and (manual clock only) moving it forward.
    qint64 nowMs() const;
    bool hasManualClock() const;
    void advanceClock(qint64 ms); // no effect on a real clock

    quint64 requestCount() const;
    // Every request received (method and path as sent, without the query; the newest 10000), for tests
    // that prove what a client did not send.
    struct LoggedRequest
    {
        QByteArray method;
        QString path;
    };
    QList<LoggedRequest> requestLog() const;
    // What the API cannot show (a connection's stored password), for tests.
    const SandboxState &state() const { return *m_state; }

    // Tokens issued so far by /auth/token (Jwt) or the OAuth2 endpoint (OAuth2); 0 in the other modes.
    quint64 tokensIssued() const;
    // The secret that signs this server's tokens: a test can forge a valid (or expired) one with makeJwt.
    QByteArray jwtSecret() const;
    // A compact HS256 JWT with exactly these claims (tests build Astro-like tokens whose exp a client reads).
    static QString makeJwt(const QJsonObject &claims, const QByteArray &secret);

Q_SIGNALS:
    void requestServed(quint64 count); // after each request is answered (or queued for a delayed answer)

private:
    SandboxOptions m_options;
    std::unique_ptr<SandboxClock> m_clock;
    ManualClock *m_manualClock = nullptr;
    std::unique_ptr<SandboxState> m_state;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<SandboxAuth> m_auth;
    std::unique_ptr<ApiRouter> m_router;
    std::unique_ptr<V2Router> m_v2Router;                     // SandboxOptions::api == V2 only
    std::unique_ptr<ExperimentalRouter> m_experimentalRouter; // SandboxOptions::api == Experimental only
    HttpFrontend *m_frontend = nullptr;
    QTcpServer *m_tcpServer = nullptr;
    QString m_errorString;
};

} // namespace Windsock::Sandbox
