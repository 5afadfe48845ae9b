// Fault injection over loopback: latency (deferred, the event loop stays free), 5xx answers,
// dropped connections and truncated bodies; keep-alive connections keep working around them.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

using namespace Windsock::Sandbox;

class TestSandboxFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void keepAliveServesManyRequests();
    void latencyDefersTheAnswer();
    void serverErrors();
    void droppedConnections();
    void truncatedBodies();
    void ratesAreDeterministicAndPartial();

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxHttp> m_http;
};

void TestSandboxFaults::init()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY(m_server->listen());
    m_http = std::make_unique<SandboxHttp>(m_server->baseUrl());
}

void TestSandboxFaults::keepAliveServesManyRequests()
{
    for (int i = 0; i < 30; ++i)
        QCOMPARE(m_http->get(QStringLiteral("dags?limit=3&offset=%1").arg(i)).status, 200);
    QCOMPARE(m_server->requestCount(), quint64(30));
}

void TestSandboxFaults::latencyDefersTheAnswer()
{
    m_server->setFaults(FaultOptions{300, 0.0, 0.0, 0.0});
    QCOMPARE(m_server->faults().latencyMs, 300);
    bool timerFired = false;
    QTimer::singleShot(50, this, [&timerFired] { timerFired = true; }); // the loop keeps turning meanwhile
    QElapsedTimer timer;
    timer.start();
    const HttpAnswer answer = m_http->get(QStringLiteral("version"));
    QCOMPARE(answer.status, 200);
    QVERIFY(timer.elapsed() >= 290);
    QVERIFY(timerFired);
    m_server->setFaults(FaultOptions{});
    QCOMPARE(m_http->get(QStringLiteral("version")).status, 200);
}

void TestSandboxFaults::serverErrors()
{
    m_server->setFaults(FaultOptions{0, 1.0, 0.0, 0.0});
    for (int i = 0; i < 4; ++i) {
        const HttpAnswer answer = m_http->get(QStringLiteral("dags"));
        QVERIFY2(answer.status == 500 || answer.status == 503, qPrintable(QString::number(answer.status)));
        QCOMPARE(answer.contentType, QByteArrayLiteral("application/problem+json"));
        QCOMPARE(answer.json().value(QStringLiteral("status")).toInt(), answer.status);
    }
    m_server->setFaults(FaultOptions{});
    QCOMPARE(m_http->get(QStringLiteral("dags")).status, 200);
}

void TestSandboxFaults::droppedConnections()
{
    m_server->setFaults(FaultOptions{0, 0.0, 1.0, 0.0});
    const HttpAnswer answer = m_http->get(QStringLiteral("dags"));
    QCOMPARE(answer.status, 0);
    QVERIFY(answer.error != QNetworkReply::NoError);
    m_server->setFaults(FaultOptions{});
    QCOMPARE(m_http->get(QStringLiteral("dags")).status, 200);
}

void TestSandboxFaults::truncatedBodies()
{
    m_server->setFaults(FaultOptions{0, 0.0, 0.0, 1.0});
    const HttpAnswer answer = m_http->get(QStringLiteral("dags"));
    QVERIFY(answer.error != QNetworkReply::NoError);
    m_server->setFaults(FaultOptions{});
    const HttpAnswer whole = m_http->get(QStringLiteral("dags"));
    QCOMPARE(whole.status, 200);
    QVERIFY(answer.body.size() < whole.body.size());
}

void TestSandboxFaults::ratesAreDeterministicAndPartial()
{
    auto pattern = [](SandboxServer &server) {
        server.setFaults(FaultOptions{0, 0.3, 0.0, 0.0});
        SandboxHttp http(server.baseUrl());
        QString statuses;
        for (int i = 0; i < 40; ++i)
            statuses += http.get(QStringLiteral("version")).status == 200 ? u'.' : u'E';
        return statuses;
    };
    const QString first = pattern(*m_server);
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    SandboxServer twin(options);
    QVERIFY(twin.listen());
    QCOMPARE(pattern(twin), first);
    QVERIFY(first.contains(u'E'));
    QVERIFY(first.contains(u'.'));
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
