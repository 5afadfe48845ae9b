// The client against the real sandbox with its faults switched on: what a person reads for a truncated body,
// a dropped connection, a 5xx, a server too slow for the transfer timeout, and a server that went away.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

class TestApiFaults final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;

    std::unique_ptr<AirflowClient> client(int transferTimeoutMs = 30000)
    {
        AirflowClient::Options options;
        options.transferTimeoutMs = transferTimeoutMs;
        return std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV1>(),
                                               std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                   QStringLiteral("admin"), QStringLiteral("admin")),
                                               options);
    }

    Result<Page<Dag>> listDags(AirflowClient &api)
    {
        std::optional<Result<Page<Dag>>> result;
        api.dags(DagQuery{}, this, [&result](const Result<Page<Dag>> &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return ApiError(ApiError::Kind::Timeout, QStringLiteral("the test gave up waiting"));
        return *result;
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxServer>(SandboxOptions{});
        QVERIFY(m_sandbox->listen(0));
        m_nam.clearConnectionCache();
    }

    void cleanup() { m_sandbox.reset(); }

    void fault_data()
    {
        QTest::addColumn<double>("errorRate");
        QTest::addColumn<double>("dropRate");
        QTest::addColumn<double>("truncateRate");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messageStart");
        QTest::newRow("5xx") << 1.0 << 0.0 << 0.0 << int(ApiError::Kind::Http)
                             << QStringLiteral("The server");
        QTest::newRow("truncated") << 0.0 << 0.0 << 1.0 << int(ApiError::Kind::Truncated)
                                   << QStringLiteral("The answer was cut off");
        QTest::newRow("dropped") << 0.0 << 1.0 << 0.0 << int(ApiError::Kind::Network)
                                 << QStringLiteral("The server at 127.0.0.1");
    }

    void fault()
    {
        QFETCH(double, errorRate);
        QFETCH(double, dropRate);
        QFETCH(double, truncateRate);
        QFETCH(int, kind);
        QFETCH(QString, messageStart);
        FaultOptions faults;
        faults.errorRate = errorRate;
        faults.dropRate = dropRate;
        faults.truncateRate = truncateRate;
        m_sandbox->setFaults(faults);
        auto api = client();
        const Result<Page<Dag>> result = listDags(*api);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message().startsWith(messageStart), qPrintable(result.error().message()));
        QCOMPARE(int(result.error().kind()), kind);
        QCOMPARE(result.error().context(), QStringLiteral("GET /api/v1/dags"));
        QVERIFY(!result.error().message().contains(QStringLiteral("admin:admin")));

        // The same client works again once the server does.
        m_sandbox->setFaults({});
        const Result<Page<Dag>> again = listDags(*api);
        QVERIFY2(again.ok(), qPrintable(again.error().message()));
    }

    void slowerThanTheTimeout()
    {
        FaultOptions faults;
        faults.latencyMs = 1500;
        m_sandbox->setFaults(faults);
        auto api = client(300);
        const Result<Page<Dag>> result = listDags(*api);
        QCOMPARE(result.error().kind(), ApiError::Kind::Timeout);
        QVERIFY2(result.error().message().contains(QStringLiteral("did not answer in time")),
                 qPrintable(result.error().message()));
    }

    void serverWentAway()
    {
        auto api = client();
        QVERIFY(listDags(*api).ok());
        const quint16 port = m_sandbox->port();
        m_sandbox.reset();
        m_nam.clearConnectionCache();
        const Result<Page<Dag>> result = listDags(*api);
        QCOMPARE(result.error().kind(), ApiError::Kind::ConnectionRefused);
        QCOMPARE(
            result.error().message(),
            QStringLiteral("Nothing is listening at 127.0.0.1:%1. Is Airflow running, and is the URL right?")
                .arg(port));
    }
};

QTEST_GUILESS_MAIN(TestApiFaults)
#include "tst_api_faults.moc"
