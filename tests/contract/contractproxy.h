#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QUrl>

// Runs ../shared/tools/contract-proxy (Stoplight Prism with Airflow's official spec) in front of an upstream
// server, on a free 127.0.0.1 port, for one test case. Everything that passes through it is checked against
// the spec: a request that breaks it gets 422, a path the spec lacks 404, and a response that breaks it is
// turned into a 500 with an `sl-violations` header.
class ContractProxy final
{
public:
    // The proxy script in the shared folder beside the checkout; empty when that folder is absent.
    static QString scriptPath();

    ContractProxy() = default;
    ~ContractProxy();
    ContractProxy(const ContractProxy &) = delete;
    ContractProxy &operator=(const ContractProxy &) = delete;

    // spec: v1, v1-basic or v2. Waits (running the event loop) until the proxy accepts connections.
    bool start(const QString &spec, const QUrl &upstream, int timeoutMs = 60000);
    void stop();
    QUrl url() const;
    QString errorString() const { return m_error; }
    QByteArray output() const;

    // Empty when the response is clean; otherwise what Prism reported, in its own words.
    static QString violationIn(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                               const QByteArray &body);

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
