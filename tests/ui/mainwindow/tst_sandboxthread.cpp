// The demo sandbox on its own thread: the server is created and serves there, the client reaches it over
// loopback, a taken port is reported, and destroying it stops the server and the thread.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "mainwindow/sandboxthread.h"
#include "mainwindow/session.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QPointer>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace Windsock;
using Windsock::Tests::awaitResult;

class TestSandboxThread final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesFromItsOwnThread()
    {
        QNetworkAccessManager nam;
        auto sandbox = std::make_unique<Ui::SandboxThread>(Sandbox::SandboxOptions{});
        QVERIFY(!sandbox->isRunning());
        QVERIFY(sandbox->start());
        QVERIFY(sandbox->isRunning());
        QVERIFY(sandbox->server());
        QThread *serverThread = sandbox->server()->thread();
        QVERIFY(serverThread != QThread::currentThread());
        QVERIFY(serverThread->isRunning());
        QCOMPARE(sandbox->baseUrl().host(), QStringLiteral("127.0.0.1"));

        const QUrl url = sandbox->baseUrl();
        auto client = Tests::sandboxClient(&nam, url);
        const auto version = awaitResult<Api::Version>([&](auto done) { client->version(this, done); });
        QVERIFY(version && version->ok());
        const auto dags = awaitResult<Api::Page<Api::Dag>>([&](auto done) { client->dags({}, this, done); });
        QVERIFY(dags && dags->ok());
        QVERIFY(!dags->value().items.isEmpty());

        // Gone with its owner: nothing listens there any more.
        sandbox.reset();
        QNetworkAccessManager fresh;
        auto after = Tests::sandboxClient(&fresh, url);
        const auto refused = awaitResult<Api::Version>([&](auto done) { after->version(this, done); });
        QVERIFY(refused && !refused->ok());
        QCOMPARE(refused->error().kind(), Api::ApiError::Kind::ConnectionRefused);
    }

    void reportsATakenPort()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        Ui::SandboxThread sandbox{Sandbox::SandboxOptions{}};
        QVERIFY(!sandbox.start(taken.serverPort()));
        QVERIFY(!sandbox.isRunning());
        QVERIFY(!sandbox.errorString().isEmpty());
    }

    void theDemoSessionRunsItsSandboxOnAnotherThread()
    {
        QString error;
        std::unique_ptr<Ui::Session> session(
            Ui::Session::startDemo(Ui::Session::DemoReason::Requested, {}, &error));
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->isDemo());
        QVERIFY(session->sandbox());
        QVERIFY(session->sandbox()->thread() != QThread::currentThread());
        const auto version =
            awaitResult<Api::Version>([&](auto done) { session->client()->version(this, done); });
        QVERIFY(version && version->ok());
    }
};

QTEST_MAIN(TestSandboxThread)
#include "tst_sandboxthread.moc"
