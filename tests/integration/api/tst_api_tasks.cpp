// The client's task-level reading against the sandbox: XComs, the DAG source, single task instances, their
// tries and notes, the DAG's tasks, one import error, the run at a logical date, date-filtered run lists,
// and clears that reach other runs and run the cleared tasks again. Happy paths and 404s.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QTest>

#include <algorithm>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

namespace {
const QString kDag = QStringLiteral("etl_orders");
}

class TestApiTasks final : public QObject
{
    Q_OBJECT

private:
    void unpauseAndRun(qint64 ms)
    {
        const auto unpaused =
            awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, false, this, done); });
        QVERIFY(unpaused && unpaused->ok());
        m_sandbox->advanceClock(ms);
    }

    QString triggerFinished(const QString &runId)
    {
        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = runId;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        if (!run || !run->ok())
            return QString();
        unpauseAndRun(3600 * 1000);
        return runId;
    }

    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = kDag;
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    QList<DagRun> runs(const DagRunQuery &query)
    {
        const auto page = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        return page && page->ok() ? page->value().items : QList<DagRun>();
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

    void xcomsOfAFinishedTask()
    {
        const QString runId = triggerFinished(QStringLiteral("xcom_run"));
        QVERIFY(!runId.isEmpty());
        const QList<TaskInstance> tis = taskInstances(runId);
        QVERIFY(tis.size() >= 3);
        const QString taskId = tis.at(1).taskId; // the first real task; start and end push nothing
        QCOMPARE(tis.at(1).state, QStringLiteral("success"));
        XComQuery query;
        query.dagId = kDag;
        query.dagRunId = runId;
        query.taskId = taskId;
        const auto list =
            awaitResult<Page<XComEntry>>([&](auto done) { m_api->xcomEntries(query, this, done); });
        QVERIFY2(list->ok(), qPrintable(list->error().message()));
        QVERIFY(!list->value().items.isEmpty());
        QCOMPARE(list->value().totalEntries, int(list->value().items.size()));
        // Ordered by key, as Airflow lists them; this task also pushes the large "manifest".
        QStringList keys;
        for (const XComEntry &item : list->value().items)
            keys.append(item.key);
        QVERIFY(keys.contains(QStringLiteral("return_value")));
        QVERIFY(std::is_sorted(keys.cbegin(), keys.cend()));
        const XComEntry &listed = list->value().items.at(keys.indexOf(QStringLiteral("return_value")));
        QCOMPARE(listed.dagId, kDag);
        QCOMPARE(listed.dagRunId, runId);
        QCOMPARE(listed.taskId, taskId);
        QVERIFY(!listed.hasValue);
        QVERIFY(listed.timestamp.isValid());

        const auto entry = awaitResult<XComEntry>([&](auto done) {
            m_api->xcomEntry(kDag, runId, taskId, QStringLiteral("return_value"), this, done);
        });
        QVERIFY2(entry->ok(), qPrintable(entry->error().message()));
        QVERIFY(entry->value().hasValue);
        // stringify=false: the stored JSON itself, not Python's str() of it.
        QVERIFY(entry->value().value.isObject() || entry->value().value.isString());
        QVERIFY(!entry->value().valueText().contains(QStringLiteral("True")));
        QVERIFY(entry->value().valueText().contains(QStringLiteral("s3://warehouse/")));

        const auto manifest = awaitResult<XComEntry>([&](auto done) {
            m_api->xcomEntry(kDag, runId, taskId, QStringLiteral("manifest"), this, done);
        });
        QVERIFY2(manifest->ok(), qPrintable(manifest->error().message()));
        QVERIFY(manifest->value().value.isObject());
        QVERIFY(manifest->value().valueText().size() > 100000);
        QVERIFY(manifest->value().valueText().contains(QStringLiteral("\n"))); // indented for reading

        query.key = QStringLiteral("no_such_key");
        const auto filtered =
            awaitResult<Page<XComEntry>>([&](auto done) { m_api->xcomEntries(query, this, done); });
        QVERIFY(filtered->ok());
        QVERIFY(filtered->value().items.isEmpty());
    }

    void xcomNotFound()
    {
        const auto missing = awaitResult<XComEntry>([&](auto done) {
            m_api->xcomEntry(kDag, QStringLiteral("no_such_run"), QStringLiteral("start"),
                             QStringLiteral("return_value"), this, done);
        });
        QVERIFY(!missing->ok());
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
        XComQuery query;
        query.dagId = kDag;
        query.dagRunId = QStringLiteral("no_such_run");
        query.taskId = QStringLiteral("start");
        const auto list =
            awaitResult<Page<XComEntry>>([&](auto done) { m_api->xcomEntries(query, this, done); });
        QVERIFY(list->ok()); // as Airflow: the filters match nothing
        QCOMPARE(list->value().totalEntries, 0);
    }

    void dagSource()
    {
        const auto dag = awaitResult<Dag>([&](auto done) { m_api->dag(kDag, this, done); });
        QVERIFY(dag->ok());
        QVERIFY(!dag->value().fileToken.isEmpty());
        const auto source =
            awaitResult<QString>([&](auto done) { m_api->dagSource(dag->value().fileToken, this, done); });
        QVERIFY2(source->ok(), qPrintable(source->error().message()));
        QVERIFY(source->value().contains(QStringLiteral("dag_id='etl_orders'")));
        QVERIFY(source->value().contains(QStringLiteral("from airflow import DAG")));
        QVERIFY(source->value().contains(QStringLiteral("start_task >> ")));

        const auto missing = awaitResult<QString>(
            [&](auto done) { m_api->dagSource(QStringLiteral("bogus.token"), this, done); });
        QVERIFY(!missing->ok());
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void tasksFormAChain()
    {
        const auto tasks = awaitResult<QList<Task>>([&](auto done) { m_api->tasks(kDag, this, done); });
        QVERIFY2(tasks->ok(), qPrintable(tasks->error().message()));
        const QList<Task> &list = tasks->value();
        QVERIFY(list.size() >= 3);
        QCOMPARE(list.first().taskId, QStringLiteral("start"));
        QCOMPARE(list.first().operatorName, QStringLiteral("EmptyOperator"));
        for (int i = 0; i + 1 < list.size(); ++i)
            QCOMPARE(list.at(i).downstreamTaskIds, QStringList{list.at(i + 1).taskId});
        QVERIFY(list.last().downstreamTaskIds.isEmpty());

        const auto missing = awaitResult<QList<Task>>(
            [&](auto done) { m_api->tasks(QStringLiteral("no_such_dag"), this, done); });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void singleTaskInstanceAndNote()
    {
        const QString runId = triggerFinished(QStringLiteral("note_run"));
        QVERIFY(!runId.isEmpty());
        const auto ti = awaitResult<TaskInstance>(
            [&](auto done) { m_api->taskInstance(kDag, runId, QStringLiteral("start"), this, done); });
        QVERIFY2(ti->ok(), qPrintable(ti->error().message()));
        QCOMPARE(ti->value().taskId, QStringLiteral("start"));
        QCOMPARE(ti->value().dagRunId, runId);
        QVERIFY(ti->value().note.isEmpty());

        const auto noted = awaitResult<TaskInstance>([&](auto done) {
            m_api->setTaskInstanceNote(kDag, runId, QStringLiteral("start"), QStringLiteral("checked ✓"),
                                       this, done);
        });
        QVERIFY2(noted->ok(), qPrintable(noted->error().message()));
        QCOMPARE(noted->value().note, QStringLiteral("checked ✓"));
        const auto again = awaitResult<TaskInstance>(
            [&](auto done) { m_api->taskInstance(kDag, runId, QStringLiteral("start"), this, done); });
        QCOMPARE(again->value().note, QStringLiteral("checked ✓"));

        const auto missingTask = awaitResult<TaskInstance>(
            [&](auto done) { m_api->taskInstance(kDag, runId, QStringLiteral("no_such_task"), this, done); });
        QCOMPARE(missingTask->error().kind(), ApiError::Kind::NotFound);
        const auto missingRun = awaitResult<TaskInstance>([&](auto done) {
            m_api->setTaskInstanceNote(kDag, QStringLiteral("no_such_run"), QStringLiteral("start"),
                                       QStringLiteral("x"), this, done);
        });
        QCOMPARE(missingRun->error().kind(), ApiError::Kind::NotFound);
    }

    void retriedTaskHasTwoTriesWithTheirOwnLogs()
    {
        unpauseAndRun(3600 * 1000);
        DagRunQuery query;
        query.dagId = kDag;
        query.orderBy = QStringLiteral("-execution_date");
        TaskInstance retried;
        for (const DagRun &run : runs(query)) {
            for (const TaskInstance &ti : taskInstances(run.dagRunId)) {
                if (ti.tryNumber == 2 && ti.state == QLatin1String("success") && retried.taskId.isEmpty())
                    retried = ti;
            }
        }
        QVERIFY2(!retried.taskId.isEmpty(), "the seeded history has a task that succeeded on its second try");
        const auto tries = awaitResult<QList<TaskInstance>>(
            [&](auto done) { m_api->taskInstanceTries(kDag, retried.dagRunId, retried.taskId, this, done); });
        QVERIFY2(tries->ok(), qPrintable(tries->error().message()));
        QCOMPARE(tries->value().size(), 2);
        QCOMPARE(tries->value().at(0).tryNumber, 1);
        QCOMPARE(tries->value().at(0).state, QStringLiteral("up_for_retry"));
        QCOMPARE(tries->value().at(1).tryNumber, 2);
        QCOMPARE(tries->value().at(1).state, QStringLiteral("success"));
        QVERIFY(tries->value().at(0).endDate <= tries->value().at(1).startDate);

        const auto first = awaitResult<QString>(
            [&](auto done) { m_api->taskLog(kDag, retried.dagRunId, retried.taskId, 1, this, done); });
        const auto second = awaitResult<QString>(
            [&](auto done) { m_api->taskLog(kDag, retried.dagRunId, retried.taskId, 2, this, done); });
        QVERIFY(first->ok() && second->ok());
        QVERIFY(first->value().contains(QStringLiteral("Marking task as UP_FOR_RETRY")));
        QVERIFY(second->value().contains(QStringLiteral("Marking task as SUCCESS")));
        QVERIFY(second->value().contains(QStringLiteral("attempt=2.log")));

        const auto missing = awaitResult<QList<TaskInstance>>([&](auto done) {
            m_api->taskInstanceTries(kDag, retried.dagRunId, QStringLiteral("no_such_task"), this, done);
        });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void importErrorById()
    {
        const auto list =
            awaitResult<Page<ImportError>>([&](auto done) { m_api->importErrors(100, 0, this, done); });
        QVERIFY(list->ok());
        QVERIFY(!list->value().items.isEmpty());
        const ImportError &listed = list->value().items.first();
        const auto one =
            awaitResult<ImportError>([&](auto done) { m_api->importError(listed.id, this, done); });
        QVERIFY2(one->ok(), qPrintable(one->error().message()));
        QCOMPARE(one->value().filename, listed.filename);
        QVERIFY(!one->value().stackTrace.isEmpty());
        const auto missing =
            awaitResult<ImportError>([&](auto done) { m_api->importError(987654, this, done); });
        QCOMPARE(missing->error().kind(), ApiError::Kind::NotFound);
    }

    void runAtLogicalDateAfterConflict()
    {
        const QDateTime logical = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC);
        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = QStringLiteral("first_at_date");
        trigger.logicalDate = logical;
        const auto created =
            awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        trigger.dagRunId = QStringLiteral("second_at_date");
        const auto conflict =
            awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QCOMPARE(conflict->error().kind(), ApiError::Kind::Conflict);

        const auto found = awaitResult<std::optional<DagRun>>(
            [&](auto done) { m_api->dagRunAtLogicalDate(kDag, logical, this, done); });
        QVERIFY2(found->ok(), qPrintable(found->error().message()));
        QVERIFY(found->value().has_value());
        QCOMPARE(found->value()->dagRunId, QStringLiteral("first_at_date"));
        QCOMPARE(found->value()->logicalDate, logical);

        const auto none = awaitResult<std::optional<DagRun>>(
            [&](auto done) { m_api->dagRunAtLogicalDate(kDag, logical.addSecs(1), this, done); });
        QVERIFY(none->ok());
        QVERIFY(!none->value().has_value());
        const auto unknownDag = awaitResult<std::optional<DagRun>>([&](auto done) {
            m_api->dagRunAtLogicalDate(QStringLiteral("no_such_dag"), logical, this, done);
        });
        QVERIFY(unknownDag->ok()); // as Airflow: the runs of an unknown DAG are an empty list
        QVERIFY(!unknownDag->value().has_value());
    }

    void runsAcrossDagsByStateAndDates()
    {
        DagRunQuery all;
        all.orderBy = QStringLiteral("-execution_date");
        all.states = {QStringLiteral("success"), QStringLiteral("failed")};
        const QList<DagRun> finished = runs(all);
        QVERIFY(finished.size() > 10);
        QSet<QString> dags;
        for (const DagRun &run : finished) {
            QVERIFY(run.state == QLatin1String("success") || run.state == QLatin1String("failed"));
            dags.insert(run.dagId);
        }
        QVERIFY(dags.size() > 1);

        const DagRun pivot = finished.at(finished.size() / 2);
        DagRunQuery window = all;
        window.logicalDateFrom = pivot.logicalDate.addSecs(-3600);
        window.logicalDateTo = pivot.logicalDate.addSecs(3600);
        window.endDateFrom = pivot.endDate.addSecs(-1);
        const QList<DagRun> inWindow = runs(window);
        QVERIFY(!inWindow.isEmpty());
        bool pivotFound = false;
        for (const DagRun &run : inWindow) {
            QVERIFY(run.logicalDate >= window.logicalDateFrom && run.logicalDate <= window.logicalDateTo);
            QVERIFY(run.endDate >= window.endDateFrom);
            pivotFound = pivotFound || (run.dagId == pivot.dagId && run.dagRunId == pivot.dagRunId);
        }
        QVERIFY(pivotFound);
        QVERIFY(inWindow.size() < finished.size());
    }

    void clearReachesOtherRunsAndRunsAgain()
    {
        const QString older = triggerFinished(QStringLiteral("clear_older"));
        const QString newer = triggerFinished(QStringLiteral("clear_newer"));
        QVERIFY(!older.isEmpty() && !newer.isEmpty());
        const QString taskId = taskInstances(newer).at(1).taskId;

        ClearTaskInstancesRequest clear;
        clear.dagId = kDag;
        clear.dagRunId = newer;
        clear.taskIds = {taskId};
        clear.onlyFailed = false;
        clear.includePast = true;
        auto preview = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->clearTaskInstances(clear, this, done); });
        QVERIFY2(preview->ok(), qPrintable(preview->error().message()));
        QSet<QString> previewRuns;
        for (const TaskInstanceReference &ref : preview->value()) {
            QCOMPARE(ref.taskId, taskId);
            previewRuns.insert(ref.dagRunId);
        }
        QVERIFY(previewRuns.contains(older)); // include_past reaches the earlier logical date
        QVERIFY(previewRuns.contains(newer));

        clear.includePast = false;
        clear.includeDownstream = true;
        clear.resetDagRuns = true;
        clear.dryRun = false;
        const int tryBefore = taskInstances(newer).at(1).tryNumber;
        const auto cleared = awaitResult<QList<TaskInstanceReference>>(
            [&](auto done) { m_api->clearTaskInstances(clear, this, done); });
        QVERIFY2(cleared->ok(), qPrintable(cleared->error().message()));
        QCOMPARE(cleared->value().size(), taskInstances(newer).size() - 1); // the task and all downstream
        auto state = [&] {
            const auto run = awaitResult<DagRun>([&](auto done) { m_api->dagRun(kDag, newer, this, done); });
            return run->value().state;
        };
        QCOMPARE(state(), QStringLiteral("queued"));
        QVERIFY(taskInstances(newer).at(1).state.isEmpty());
        m_sandbox->advanceClock(3600 * 1000);
        QCOMPARE(state(), QStringLiteral("success"));
        const QList<TaskInstance> after = taskInstances(newer);
        QCOMPARE(after.at(1).state, QStringLiteral("success"));
        QCOMPARE(after.at(1).tryNumber, tryBefore + 1);
        QCOMPARE(after.at(0).tryNumber, 1); // not cleared
        const auto tries = awaitResult<QList<TaskInstance>>(
            [&](auto done) { m_api->taskInstanceTries(kDag, newer, taskId, this, done); });
        QVERIFY(tries->ok());
        QCOMPARE(tries->value().size(), tryBefore + 1);
        QCOMPARE(tries->value().last().tryNumber, tryBefore + 1);
    }
};

QTEST_GUILESS_MAIN(TestApiTasks)
#include "tst_api_tasks.moc"
