#include "contractproxy.h"

#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

QString ContractProxy::scriptPath()
{
    const QString path = QStringLiteral(WINDSOCK_SHARED_DIR "/tools/contract-proxy");
    return QFileInfo(path).isExecutable() ? path : QString();
}

ContractProxy::~ContractProxy()
{
    stop();
}

static quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool ContractProxy::start(const QString &spec, const QUrl &upstream, int timeoutMs)
{
    const QString script = scriptPath();
    if (script.isEmpty()) {
        m_error = QStringLiteral("official specs not found");
        return false;
    }
    m_port = freePort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(script, {spec, upstream.toString(QUrl::StripTrailingSlash), QString::number(m_port)});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("could not start %1: %2").arg(script, m_process.errorString());
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this] {
            if (m_process.state() != QProcess::Running)
                return true;
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            return socket.waitForConnected(200);
        },
        timeoutMs);
    if (!listening || m_process.state() != QProcess::Running) {
        m_error = QStringLiteral("the contract proxy did not start listening: %1")
                      .arg(QString::fromLocal8Bit(m_process.readAll()));
        stop();
        return false;
    }
    return true;
}

void ContractProxy::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QUrl ContractProxy::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QByteArray ContractProxy::output() const
{
    return const_cast<QProcess &>(m_process).readAll();
}

QString ContractProxy::violationIn(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                                   const QByteArray &body)
{
    for (const auto &header : headers) {
        if (header.first.compare("sl-violations", Qt::CaseInsensitive) == 0)
            return QStringLiteral("HTTP %1, sl-violations: %2")
                .arg(status)
                .arg(QString::fromUtf8(header.second));
    }
    // Prism's own answers (422 for a bad request, 404 for a path not in the spec) carry its error types.
    if (body.contains("stoplight.io/prism/errors"))
        return QStringLiteral("HTTP %1 from the proxy: %2")
            .arg(status)
            .arg(QString::fromUtf8(body.left(2000)));
    return {};
}
