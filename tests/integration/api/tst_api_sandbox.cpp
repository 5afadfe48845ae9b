#include "api/airflowclient.h"
#include "api/apiversiondetector.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

// The client against the sandbox over loopback: every typed call, paging past the cap, and errors.
class TestApiSandbox final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AirflowClient> client(const QString &password = QStringLiteral("admin"))
    {
        return Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl(), password);
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 250;
        options.runsPerDag = 3;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = client();
    }

    void versionAndHealth()
    {
        const auto version = awaitResult<Version>([&](auto done) { m_api->version(this, done); });
        QVERIFY2(version->ok(), qPrintable(version->error().message()));
        QCOMPARE(version->value().major(), 2);
        const auto health = awaitResult<Health>([&](auto done) { m_api->health(this, done); });
        QVERIFY2(health->ok(), qPrintable(health->error().message()));
        QVERIFY(health->value().metadatabase.present);
    }

    void detectsV1()
    {
        ApiVersionDetector detector(&m_nam, m_sandbox->baseUrl());
        const auto detected = awaitResult<DetectedApi>([&](auto done) { detector.detect(this, done); });
        QVERIFY2(detected->ok(), qPrintable(detected->error().message()));
        QCOMPARE(detected->value().kind, ApiKind::V1);
        QVERIFY(ApiVersionDetector::createDialect(detected->value()) != nullptr);
    }

    void allDagsPastTheCap()
    {
        const auto page = awaitResult<Page<Dag>>([&](auto done) {
            DagQuery query;
            query.limit = 500;
            m_api->dags(query, this, done);
        });
        QVERIFY2(page->ok(), qPrintable(page->error().message()));
        QCOMPARE(page->value().items.size(), 100); // capped by the server
        const int total = page->value().totalEntries;
        QVERIFY(total > 100);

        const auto all = awaitResult<QList<Dag>>([&](auto done) { m_api->allDags(DagQuery{}, this, done); });
        QVERIFY2(all->ok(), qPrintable(all->error().message()));
        QCOMPARE(all->value().size(), total);
    }

    // The showcase DAG's params arrive in the order the DAG declares them, with value, schema and
    // description.
    void paramsInDeclarationOrder()
    {
        const auto details = awaitResult<DagDetails>(
            [&](auto done) { m_api->dagDetails(QStringLiteral("params_trigger_form"), this, done); });
        QVERIFY2(details->ok(), qPrintable(details->error().message()));
        const QList<DagParam> &params = details->value().params;
        QVERIFY(params.size() >= 15);
        const QStringList firstNames{QStringLiteral("run_extra_checks"), QStringLiteral("worker_count"),
                                     QStringLiteral("sample_ratio"), QStringLiteral("region")};
        for (int i = 0; i < firstNames.size(); ++i)
            QCOMPARE(params.at(i).name, firstNames.at(i));
        QCOMPARE(params.constLast().name, QStringLiteral("legacy_limit"));
        QCOMPARE(params.at(1).value.toInt(), 3);
        QCOMPARE(params.at(1).schema.value(QStringLiteral("maximum")).toInt(), 10);
        QCOMPARE(params.at(0).description, QStringLiteral("Run the slower data-quality checks too."));
    }

    void dagDetailsPauseTriggerRunsTasksLogs()
    {
        const auto page = awaitResult<Page<Dag>>([&](auto done) { m_api->dags(DagQuery{}, this, done); });
        QVERIFY2(page->ok(), qPrintable(page->error().message()));
        const QString dagId = page->value().items.constFirst().dagId;

        const auto dag = awaitResult<Dag>([&](auto done) { m_api->dag(dagId, this, done); });
        QVERIFY2(dag->ok(), qPrintable(dag->error().message()));
        QCOMPARE(dag->value().dagId, dagId);
        QVERIFY(!dag->value().schedule.isEmpty());

        const auto details =
            awaitResult<DagDetails>([&](auto done) { m_api->dagDetails(dagId, this, done); });
        QVERIFY2(details->ok(), qPrintable(details->error().message()));
        QCOMPARE(details->value().dag.dagId, dagId);

        for (bool paused : {true, false}) {
            const auto patched =
                awaitResult<Dag>([&](auto done) { m_api->setDagPaused(dagId, paused, this, done); });
            QVERIFY2(patched->ok(), qPrintable(patched->error().message()));
            QCOMPARE(patched->value().isPaused, paused);
        }

        TriggerRequest trigger;
        trigger.dagId = dagId;
        trigger.dagRunId = QStringLiteral("windsock__2026-11-22T10:00:00+00:00");
        trigger.logicalDate = QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
        trigger.conf.insert(QStringLiteral("from"), QStringLiteral("test"));
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QCOMPARE(run->value().dagRunId, trigger.dagRunId);
        QCOMPARE(run->value().logicalDate, trigger.logicalDate);

        const auto duplicate =
            awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QCOMPARE(duplicate->error().kind(), ApiError::Kind::Conflict);
        QVERIFY(duplicate->error().message().startsWith(QStringLiteral(
            "Airflow refused because this conflicts with something that already exists (HTTP 409).")));

        const auto fetched =
            awaitResult<DagRun>([&](auto done) { m_api->dagRun(dagId, trigger.dagRunId, this, done); });
        QVERIFY2(fetched->ok(), qPrintable(fetched->error().message()));
        QCOMPARE(fetched->value().conf.value(QStringLiteral("from")).toString(), QStringLiteral("test"));

        const auto runs = awaitResult<Page<DagRun>>([&](auto done) {
            DagRunQuery query;
            query.dagId = dagId;
            m_api->dagRuns(query, this, done);
        });
        QVERIFY2(runs->ok(), qPrintable(runs->error().message()));
        QVERIFY(runs->value().totalEntries >= 1);

        const DagRun &someRun = runs->value().items.constFirst();
        const auto tis = awaitResult<Page<TaskInstance>>([&](auto done) {
            TaskInstanceQuery query;
            query.dagId = dagId;
            query.dagRunId = someRun.dagRunId;
            m_api->taskInstances(query, this, done);
        });
        QVERIFY2(tis->ok(), qPrintable(tis->error().message()));
        if (!tis->value().items.isEmpty()) {
            const TaskInstance &ti = tis->value().items.constFirst();
            const auto log = awaitResult<QString>([&](auto done) {
                m_api->taskLog(dagId, someRun.dagRunId, ti.taskId, std::max(1, ti.tryNumber), this, done);
            });
            QVERIFY(log->ok() || log->error().kind() == ApiError::Kind::NotFound);
        }

        const auto missing =
            awaitResult<Dag>([&](auto done) { m_api->dag(QStringLiteral("no_such_dag"), this, done); });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void bulkPause()
    {
        const auto paused =
            awaitResult<QList<Dag>>([&](auto done) { m_api->setDagsPaused(QString(), true, this, done); });
        QVERIFY2(paused->ok(), qPrintable(paused->error().message()));
        QVERIFY(paused->value().size() > 100);
        QVERIFY(std::all_of(paused->value().cbegin(), paused->value().cend(),
                            [](const Dag &d) { return d.isPaused; }));
        const auto all = awaitResult<QList<Dag>>([&](auto done) { m_api->allDags(DagQuery{}, this, done); });
        QVERIFY(
            std::all_of(all->value().cbegin(), all->value().cend(), [](const Dag &d) { return d.isPaused; }));
    }

    void poolsAndImportErrors()
    {
        const auto pools = awaitResult<Page<Pool>>([&](auto done) { m_api->pools(100, 0, this, done); });
        QVERIFY2(pools->ok(), qPrintable(pools->error().message()));
        QVERIFY(!pools->value().items.isEmpty());
        const auto errors =
            awaitResult<Page<ImportError>>([&](auto done) { m_api->importErrors(100, 0, this, done); });
        QVERIFY2(errors->ok(), qPrintable(errors->error().message()));
    }

    void wrongPassword()
    {
        auto api = client(QStringLiteral("not-the-Passw0rd"));
        const auto result = awaitResult<Page<Dag>>([&](auto done) { api->dags(DagQuery{}, this, done); });
        QCOMPARE(result->error().kind(), ApiError::Kind::Unauthorized);
        QVERIFY(result->error().message().startsWith(
            QStringLiteral("The server did not accept the user name and password (HTTP 401).")));
        QVERIFY(!result->error().message().contains(QStringLiteral("not-the-Passw0rd")));
    }
};

QTEST_GUILESS_MAIN(TestApiSandbox)
#include "tst_api_sandbox.moc"
