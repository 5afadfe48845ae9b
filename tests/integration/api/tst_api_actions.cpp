// The client's action calls against the sandbox: a dry run changes nothing, the real call changes state,
// and later GETs show the change. Every call sends dry_run explicitly.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <optional>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

class TestApiActions final : public QObject
{
    Q_OBJECT

private:
    // A triggered run of etl_orders, run to its end on the manual clock.
    QString finishedRun(const QString &runId)
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = runId;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        if (!run || !run->ok())
            return QString();
        const auto unpaused = awaitResult<Dag>(
            [&](auto done) { m_api->setDagPaused(QStringLiteral("etl_orders"), false, this, done); });
        if (!unpaused || !unpaused->ok())
            return QString();
        m_sandbox->advanceClock(3600 * 1000);
        return runId;
    }

    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = QStringLiteral("etl_orders");
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    QString runState(const QString &runId)
    {
        const auto run = awaitResult<DagRun>(
            [&](auto done) { m_api->dagRun(QStringLiteral("etl_orders"), runId, this, done); });
        return run && run->ok() ? run->value().state : QString();
    }

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

    void requestsSendDryRunExplicitly()
    {
        DialectV1 dialect;
        ClearTaskInstancesRequest clear;
        clear.dagId = QStringLiteral("d");
        const QJsonObject preview =
            QJsonDocument::fromJson(dialect.clearTaskInstancesRequest(clear).body).object();
        QCOMPARE(preview.value(QStringLiteral("dry_run")), QJsonValue(true));
        QCOMPARE(preview.value(QStringLiteral("only_failed")), QJsonValue(true));
        QVERIFY(!preview.contains(QStringLiteral("dag_run_id")));
        clear.dryRun = false;
        QCOMPARE(QJsonDocument::fromJson(dialect.clearTaskInstancesRequest(clear).body)
                     .object()
                     .value(QStringLiteral("dry_run")),
                 QJsonValue(false));
        const ApiRequest clearRun =
            dialect.clearDagRunRequest(QStringLiteral("d"), QStringLiteral("r+1"), false);
        QCOMPARE(clearRun.encodedPath, QStringLiteral("/api/v1/dags/d/dagRuns/r%2B1/clear"));
        QCOMPARE(QJsonDocument::fromJson(clearRun.body).object().value(QStringLiteral("dry_run")),
                 QJsonValue(false));
        const ApiRequest state = dialect.setTaskInstanceStateRequest(
            QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"), QStringLiteral("failed"), true);
        QCOMPARE(state.method, QByteArrayLiteral("PATCH"));
        QCOMPARE(QJsonDocument::fromJson(state.body).object(),
                 (QJsonObject{{QStringLiteral("dry_run"), true},
                              {QStringLiteral("new_state"), QStringLiteral("failed")}}));
        const ApiRequest mark =
            dialect.markDagRunRequest(QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("failed"));
        QCOMPARE(QJsonDocument::fromJson(mark.body).object(),
                 (QJsonObject{{QStringLiteral("state"), QStringLiteral("failed")}}));
    }

    void markDagRun_data()
    {
        QTest::addColumn<QString>("state");
        QTest::newRow("success") << QStringLiteral("success");
        QTest::newRow("failed") << QStringLiteral("failed");
        QTest::newRow("queued") << QStringLiteral("queued");
    }

    void markDagRun()
    {
        QFETCH(QString, state);
        const QString runId = finishedRun(QStringLiteral("mark_run"));
        QVERIFY(!runId.isEmpty());
        const auto run = awaitResult<DagRun>(
            [&](auto done) { m_api->markDagRun(QStringLiteral("etl_orders"), runId, state, this, done); });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QCOMPARE(run->value().state, state);
        QCOMPARE(runState(runId), state);
        if (state == QLatin1String("success")) {
            for (const TaskInstance &ti : taskInstances(runId))
                QCOMPARE(ti.state, QStringLiteral("success"));
        }
    }

    void clearDagRun()
    {
        const QString runId = finishedRun(QStringLiteral("clear_run"));
        QVERIFY(!runId.isEmpty());
        const QList<TaskInstance> before = taskInstances(runId);
        QVERIFY(!before.isEmpty());
        const QString stateBefore = runState(runId);
        const auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->previewClearDagRun(QStringLiteral("etl_orders"), runId, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        QCOMPARE(preview->value().size(), before.size());
        const TaskInstanceReference &first = preview->value().constFirst();
        QCOMPARE(first.dagId, QStringLiteral("etl_orders"));
        QCOMPARE(first.dagRunId, runId);
        QCOMPARE(first.taskId, before.constFirst().taskId);
        QVERIFY(first.executionDate.isValid());
        QCOMPARE(runState(runId), stateBefore); // the preview changed nothing

        const auto cleared = awaitResult<DagRun>(
            [&](auto done) { m_api->clearDagRun(QStringLiteral("etl_orders"), runId, this, done); });
        QVERIFY2(cleared->ok(), qPrintable(cleared->error().message()));
        QCOMPARE(cleared->value().state, QStringLiteral("queued"));
        QCOMPARE(runState(runId), QStringLiteral("queued"));
        for (const TaskInstance &ti : taskInstances(runId))
            QVERIFY2(ti.state.isEmpty(), qPrintable(ti.state));
    }

    void setDagRunNote()
    {
        const QString runId = finishedRun(QStringLiteral("note_run"));
        QVERIFY(!runId.isEmpty());
        const auto run = awaitResult<DagRun>([&](auto done) {
            m_api->setDagRunNote(QStringLiteral("etl_orders"), runId, QStringLiteral("rerun after fix"), this,
                                 done);
        });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));
        QCOMPARE(run->value().note, QStringLiteral("rerun after fix"));
        const auto again = awaitResult<DagRun>(
            [&](auto done) { m_api->dagRun(QStringLiteral("etl_orders"), runId, this, done); });
        QCOMPARE(again->value().note, QStringLiteral("rerun after fix"));
    }

    void clearTaskInstances()
    {
        const QString runId = finishedRun(QStringLiteral("clear_tis"));
        QVERIFY(!runId.isEmpty());
        const QList<TaskInstance> before = taskInstances(runId);
        QVERIFY(before.size() >= 2);
        ClearTaskInstancesRequest clear;
        clear.dagId = QStringLiteral("etl_orders");
        clear.dagRunId = runId;
        clear.onlyFailed = false;
        clear.taskIds = QStringList{before.at(0).taskId};
        clear.includeDownstream = true;
        const auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->clearTaskInstances(clear, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        QCOMPARE(preview->value().size(), before.size());
        QCOMPARE(taskInstances(runId).constFirst().state, before.constFirst().state);

        clear.dryRun = false;
        clear.includeDownstream = false;
        const auto done = awaitResult<QList<TaskInstanceReference>>(
            [&](auto callback) { m_api->clearTaskInstances(clear, this, callback); });
        QVERIFY2(done->ok(), qPrintable(done->error().message()));
        QCOMPARE(done->value().size(), 1);
        const QList<TaskInstance> after = taskInstances(runId);
        QVERIFY(after.constFirst().state.isEmpty());
        QCOMPARE(after.at(1).state, before.at(1).state);
    }

    void setTaskInstanceState()
    {
        const QString runId = finishedRun(QStringLiteral("ti_state"));
        QVERIFY(!runId.isEmpty());
        const TaskInstance first = taskInstances(runId).constFirst();
        QCOMPARE(first.state, QStringLiteral("success"));
        const auto preview = awaitResult<TaskInstanceReference>([&](auto done) {
            m_api->setTaskInstanceState(QStringLiteral("etl_orders"), runId, first.taskId,
                                        QStringLiteral("skipped"), true, this, done);
        });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        QCOMPARE(preview->value().taskId, first.taskId);
        QCOMPARE(taskInstances(runId).constFirst().state, QStringLiteral("success"));
        const auto changed = awaitResult<TaskInstanceReference>([&](auto done) {
            m_api->setTaskInstanceState(QStringLiteral("etl_orders"), runId, first.taskId,
                                        QStringLiteral("skipped"), false, this, done);
        });
        QVERIFY2(changed->ok(), qPrintable(changed->error().message()));
        QCOMPARE(taskInstances(runId).constFirst().state, QStringLiteral("skipped"));
    }

    void updateTaskInstancesState()
    {
        const QString runId = finishedRun(QStringLiteral("ti_states"));
        QVERIFY(!runId.isEmpty());
        const QList<TaskInstance> before = taskInstances(runId);
        QVERIFY(before.size() >= 2);
        UpdateTaskInstancesStateRequest update;
        update.dagId = QStringLiteral("etl_orders");
        update.dagRunId = runId;
        update.taskId = before.at(0).taskId;
        update.newState = QStringLiteral("failed");
        update.includeDownstream = true;
        const auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->updateTaskInstancesState(update, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        int notFailed = 0;
        for (const TaskInstance &ti : before)
            notFailed += ti.state == QLatin1String("failed") ? 0 : 1;
        QCOMPARE(preview->value().size(), notFailed);
        QCOMPARE(taskInstances(runId).constFirst().state, before.constFirst().state);
        update.dryRun = false;
        const auto changed = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->updateTaskInstancesState(update, this, done); });
        QVERIFY2(changed->ok(), qPrintable(changed->error().message()));
        for (const TaskInstance &ti : taskInstances(runId))
            QCOMPARE(ti.state, QStringLiteral("failed"));
    }

    void batchLists()
    {
        DagRunBatchQuery runs;
        runs.dagIds = QStringList{QStringLiteral("etl_orders")};
        runs.states = QStringList{QStringLiteral("success"), QStringLiteral("failed")};
        runs.orderBy = QStringLiteral("-execution_date");
        runs.limit = 2;
        runs.logicalDateFrom = QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
        const auto page =
            awaitResult<Page<DagRun>>([&](auto done) { m_api->listDagRunsBatch(runs, this, done); });
        QVERIFY2(page->ok(), qPrintable(page->error().message()));
        QVERIFY(page->value().items.size() <= 2);
        QVERIFY(page->value().totalEntries >= page->value().items.size());
        QVERIFY(!page->value().items.isEmpty());
        for (const DagRun &run : page->value().items) {
            QCOMPARE(run.dagId, QStringLiteral("etl_orders"));
            QVERIFY(runs.states.contains(run.state));
        }
        TaskInstanceBatchQuery tis;
        tis.dagIds = QStringList{QStringLiteral("etl_orders")};
        tis.dagRunIds = QStringList{page->value().items.constFirst().dagRunId};
        tis.states = QStringList{QStringLiteral("success")};
        const auto tiPage = awaitResult<Page<TaskInstance>>(
            [&](auto done) { m_api->listTaskInstancesBatch(tis, this, done); });
        QVERIFY2(tiPage->ok(), qPrintable(tiPage->error().message()));
        QVERIFY(!tiPage->value().items.isEmpty());
        for (const TaskInstance &ti : tiPage->value().items) {
            QCOMPARE(ti.dagRunId, tis.dagRunIds.constFirst());
            QCOMPARE(ti.state, QStringLiteral("success"));
        }
    }

    void errorsAreTyped()
    {
        const auto missing = awaitResult<DagRun>([&](auto done) {
            m_api->markDagRun(QStringLiteral("etl_orders"), QStringLiteral("no_such_run"),
                              QStringLiteral("success"), this, done);
        });
        QVERIFY(!missing->ok());
        QCOMPARE(missing->error().httpStatus(), 404);
        const auto wrong = awaitResult<TaskInstanceReference>([&](auto done) {
            m_api->setTaskInstanceState(QStringLiteral("etl_orders"), QStringLiteral("r"),
                                        QStringLiteral("t"), QStringLiteral("running"), true, this, done);
        });
        QVERIFY(!wrong->ok());
        QCOMPARE(wrong->error().httpStatus(), 400);
    }
};

QTEST_GUILESS_MAIN(TestApiActions)
#include "tst_api_actions.moc"
