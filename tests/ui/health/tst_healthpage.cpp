// HealthPage, offscreen: against the in-process sandbox (manual clock) every component it reports, with its
// heartbeat's age by the sandbox's clock, the version, and auto-refresh that runs only while the page is
// visible; an unhealthy scheduler from a scripted server (the sandbox always reports itself healthy), in red;
// and a failing server in plain words, with the last answer kept.
#include "api/airflowclient.h"
#include "dags/statecolors.h"
#include "fakes/rawhttpserver.h"
#include "fakes/sandboxclient.h"
#include "health/healthpage.h"

#include <sandbox/sandboxserver.h>

#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::RawHttpServer;
using Windsock::Ui::HealthPage;
namespace StateColors = Windsock::Ui::StateColors;

class TestHealthPage final : public QObject
{
    Q_OBJECT

private:
    QDateTime sandboxNow() const { return QDateTime::fromMSecsSinceEpoch(m_sandbox->nowMs(), Qt::UTC); }

    static QColor textColour(const QLabel *label) { return label->palette().color(QPalette::WindowText); }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void showsHealthyComponents()
    {
        HealthPage page(m_api.get());
        page.setClock([this] { return sandboxNow(); });
        QSignalSpy refreshed(&page, &HealthPage::refreshed);
        QSignalSpy healthChanged(&page, &HealthPage::healthChanged);
        QVERIFY(!page.isAutoRefreshing());
        page.show(); // showing reads at once
        QTRY_COMPARE(refreshed.size(), 1);
        QCOMPARE(refreshed.first().first().toBool(), true);
        QCOMPARE(healthChanged.size(), 1);
        QCOMPARE(healthChanged.first().first().toBool(), true);
        QVERIFY(page.hasHealth());
        QCOMPARE(page.summaryLabel()->text(), QStringLiteral("All components healthy"));
        const QColor green = StateColors::forHealthStatus(QStringLiteral("healthy"), page.palette());
        for (HealthPage::Component c :
             {HealthPage::Metadatabase, HealthPage::Scheduler, HealthPage::Triggerer}) {
            QCOMPARE(page.statusLabel(c)->text(), QStringLiteral("Healthy"));
            QCOMPARE(textColour(page.statusLabel(c)), green);
        }
        // The sandbox runs no separate DAG processor: status null.
        QCOMPARE(page.statusLabel(HealthPage::DagProcessor)->text(),
                 QStringLiteral("Not running separately"));
        QVERIFY(page.heartbeatLabel(HealthPage::DagProcessor)->text().isEmpty());
        // Heartbeats two seconds before the sandbox's now; ages by the sandbox's clock.
        QCOMPARE(page.ageLabel(HealthPage::Scheduler)->text(), QStringLiteral("2 s ago"));
        QCOMPARE(textColour(page.ageLabel(HealthPage::Scheduler)),
                 page.palette().color(QPalette::WindowText));
        QVERIFY(!page.heartbeatLabel(HealthPage::Scheduler)->text().isEmpty());
        QVERIFY(page.ageLabel(HealthPage::Metadatabase)->text().isEmpty()); // no heartbeat reported
        QTRY_VERIFY(page.versionLabel()->text().contains(QStringLiteral("2.10.5")));

        // Ages move with the clock, without a new read.
        m_sandbox->advanceClock(70 * 1000);
        page.setClock([this] { return sandboxNow(); });
        QCOMPARE(page.ageLabel(HealthPage::Scheduler)->text(), QStringLiteral("1 min 12 s ago"));
        // Past the scheduler's health threshold: the age is a warning before the next read says so.
        QCOMPARE(textColour(page.ageLabel(HealthPage::Scheduler)),
                 StateColors::forRunState(QStringLiteral("up_for_retry"), page.palette()));
    }

    void refreshesOnlyWhileVisible()
    {
        HealthPage page(m_api.get());
        page.setRefreshIntervalMs(100);
        QSignalSpy refreshed(&page, &HealthPage::refreshed);
        page.show();
        QVERIFY(page.isAutoRefreshing());
        QTRY_VERIFY(refreshed.size() >= 3); // the read on show, then the timer's
        page.hide();
        QVERIFY(!page.isAutoRefreshing());
        page.show();
        QVERIFY(page.isAutoRefreshing());
    }

    void showsAnUnhealthyScheduler()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &request) {
            if (request.url().path() == QLatin1String("/api/v1/version"))
                return RawHttpServer::Answer{
                    RawHttpServer::json(200, "{\"version\": \"2.9.3\", \"git_version\": null}")};
            return RawHttpServer::Answer{RawHttpServer::json(
                200, "{\"metadatabase\": {\"status\": \"healthy\"},"
                     " \"scheduler\": {\"status\": \"unhealthy\","
                     " \"latest_scheduler_heartbeat\": \"2025-06-01T11:50:00+00:00\"},"
                     " \"triggerer\": {\"status\": null, \"latest_triggerer_heartbeat\": null}}")};
        });
        auto client = Windsock::Tests::sandboxClient(&m_nam, server.baseUrl());
        HealthPage page(client.get());
        page.setClock([] { return QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC); });
        QSignalSpy healthChanged(&page, &HealthPage::healthChanged);
        page.show();
        QTRY_COMPARE(healthChanged.size(), 1);
        QCOMPARE(healthChanged.first().first().toBool(), false);
        QCOMPARE(page.statusLabel(HealthPage::Scheduler)->text(), QStringLiteral("Unhealthy"));
        QCOMPARE(textColour(page.statusLabel(HealthPage::Scheduler)),
                 StateColors::forHealthStatus(QStringLiteral("unhealthy"), page.palette()));
        QCOMPARE(page.ageLabel(HealthPage::Scheduler)->text(), QStringLiteral("10 min 0 s ago"));
        QCOMPARE(page.statusLabel(HealthPage::Metadatabase)->text(), QStringLiteral("Healthy"));
        // An Airflow before 2.6 reports no DAG processor at all.
        QCOMPARE(page.statusLabel(HealthPage::DagProcessor)->text(), QStringLiteral("Not reported"));
        QCOMPARE(page.summaryLabel()->text(), QStringLiteral("1 component unhealthy"));
        QTRY_COMPARE(page.versionLabel()->text(), QStringLiteral("Airflow 2.9.3"));
    }

    void saysWhenTheServerFails()
    {
        HealthPage page(m_api.get());
        QSignalSpy refreshed(&page, &HealthPage::refreshed);
        page.show();
        QTRY_COMPARE(refreshed.size(), 1);
        FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        page.refresh();
        QTRY_COMPARE(refreshed.size(), 2);
        QCOMPARE(refreshed.last().first().toBool(), false);
        QVERIFY2(page.errorText().startsWith(QStringLiteral("Could not read the deployment's health: ")),
                 qPrintable(page.errorText()));
        QVERIFY(page.summaryLabel()->text().startsWith(QStringLiteral("Health unknown")));
        // The last answer stays on screen.
        QCOMPARE(page.statusLabel(HealthPage::Scheduler)->text(), QStringLiteral("Healthy"));
        m_sandbox->setFaults({});
        page.refresh();
        QTRY_COMPARE(refreshed.size(), 3);
        QVERIFY(page.errorText().isEmpty());
        QCOMPARE(page.summaryLabel()->text(), QStringLiteral("All components healthy"));
    }
};

QTEST_MAIN(TestHealthPage)
#include "tst_healthpage.moc"
