// ActionBatch against the sandbox over loopback: at most N requests in flight, the mark-run preview (which
// Airflow 2 cannot dry-run) predicts exactly what the server then sets, cancel sends nothing more, and a
// batch destroyed mid-flight stops its requests. ActionPlan's selection rules are checked here too.
#include "actions/actionbatch.h"
#include "actions/actionplan.h"
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Windsock::Actions;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;
using Windsock::Tests::awaitResult;

class TestActionBatch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void planFromSelection();
    void concurrencyIsBounded();
    void markRunFailedPreviewMatchesTheServer();
    void cancelSendsNothingMore();
    void destroyedMidFlightIsSafe();

private:
    QList<Api::DagRun> runs(int count, const QString &state = QString());
    QList<Api::TaskInstance> taskInstances(const QString &dagId, const QString &runId);
    int countWithStatus(const ActionBatch &batch, TargetOutcome::Status status) const;

    static constexpr int TimeoutMs = 20000;
    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
};

void TestActionBatch::init()
{
    Sandbox::SandboxOptions options;
    options.clock = Sandbox::ClockKind::Manual;
    options.dagCount = 6;
    options.runsPerDag = 6;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY(m_sandbox->listen(0));
    m_client = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
}

void TestActionBatch::cleanup()
{
    m_client.reset();
    m_sandbox.reset();
}

QList<Api::DagRun> TestActionBatch::runs(int count, const QString &state)
{
    Api::DagRunBatchQuery query;
    if (!state.isEmpty())
        query.states = QStringList{state};
    query.limit = count;
    const auto page = awaitResult<Api::Page<Api::DagRun>>(
        [&](auto done) { m_client->listDagRunsBatch(query, this, done); });
    return page && page->ok() ? page->value().items : QList<Api::DagRun>();
}

QList<Api::TaskInstance> TestActionBatch::taskInstances(const QString &dagId, const QString &runId)
{
    Api::TaskInstanceQuery query;
    query.dagId = dagId;
    query.dagRunId = runId;
    const auto page = awaitResult<Api::Page<Api::TaskInstance>>(
        [&](auto done) { m_client->taskInstances(query, this, done); });
    return page && page->ok() ? page->value().items : QList<Api::TaskInstance>();
}

int TestActionBatch::countWithStatus(const ActionBatch &batch, TargetOutcome::Status status) const
{
    int count = 0;
    for (const TargetOutcome &outcome : batch.outcomes())
        count += outcome.status == status ? 1 : 0;
    return count;
}

void TestActionBatch::planFromSelection()
{
    Api::DagRun failed;
    failed.dagId = QStringLiteral("a");
    failed.dagRunId = QStringLiteral("r1");
    failed.state = QStringLiteral("failed");
    Api::DagRun succeeded = failed;
    succeeded.dagRunId = QStringLiteral("r2");
    succeeded.state = QStringLiteral("success");
    const ActionPlan mark =
        ActionPlan::forSelection(ActionKind::MarkRunsSuccess, {failed, succeeded, failed}, {});
    QCOMPARE(mark.targets.size(), 1); // the successful run has nothing to mark, the duplicate is one
    QCOMPARE(mark.targets.first().dagRunId, QStringLiteral("r1"));
    QCOMPARE(ActionPlan::forSelection(ActionKind::ClearRuns, {failed, succeeded}, {}).targets.size(), 2);

    Api::TaskInstance extract;
    extract.dagId = QStringLiteral("a");
    extract.dagRunId = QStringLiteral("r1");
    extract.taskId = QStringLiteral("extract");
    Api::TaskInstance mapped = extract;
    mapped.mapIndex = 3;
    Api::TaskInstance load = extract;
    load.taskId = QStringLiteral("load");
    Api::TaskInstance otherRun = extract;
    otherRun.dagRunId = QStringLiteral("r2");
    const ActionPlan clear =
        ActionPlan::forSelection(ActionKind::ClearTaskInstances, {}, {extract, mapped, load, otherRun});
    QCOMPARE(clear.targets.size(), 2); // one request per run
    QCOMPARE(clear.targets.first().taskIds, (QStringList{QStringLiteral("extract"), QStringLiteral("load")}));
    QVERIFY(clear.options.includeDownstream);
    const ActionPlan markTis =
        ActionPlan::forSelection(ActionKind::MarkTaskInstancesFailed, {}, {extract, mapped, load, otherRun});
    QCOMPARE(markTis.targets.size(), 3); // one request per task
    QVERIFY(!markTis.options.includeDownstream);

    QCOMPARE(stateAfterRunMark(QStringLiteral("failed"), QStringLiteral("success")),
             QStringLiteral("success"));
    QCOMPARE(stateAfterRunMark(QStringLiteral("success"), QStringLiteral("success")), QString());
    QCOMPARE(stateAfterRunMark(QStringLiteral("running"), QStringLiteral("failed")),
             QStringLiteral("failed"));
    QCOMPARE(stateAfterRunMark(QString(), QStringLiteral("failed")), QStringLiteral("skipped"));
    QCOMPARE(stateAfterRunMark(QStringLiteral("queued"), QStringLiteral("failed")),
             QStringLiteral("skipped"));
    QCOMPARE(stateAfterRunMark(QStringLiteral("success"), QStringLiteral("failed")), QString());
}

void TestActionBatch::concurrencyIsBounded()
{
    const QList<Api::DagRun> all = runs(7);
    QCOMPARE(all.size(), 7);
    ActionBatch batch(m_client.get(), ActionPlan::forSelection(ActionKind::ClearRuns, all, {}),
                      ActionBatch::Phase::Preview);
    batch.setConcurrency(3);
    int mostInFlight = 0;
    connect(&batch, &ActionBatch::targetFinished, this, [&] {
        mostInFlight = qMax(mostInFlight, countWithStatus(batch, TargetOutcome::Status::Running));
    });
    batch.start();
    QCOMPARE(countWithStatus(batch, TargetOutcome::Status::Running), 3);
    QCOMPARE(countWithStatus(batch, TargetOutcome::Status::Pending), 4);
    QSignalSpy finished(&batch, &ActionBatch::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TimeoutMs);
    QVERIFY(mostInFlight <= 3);
    QCOMPARE(batch.succeededCount(), 7);
    for (const TargetOutcome &outcome : batch.outcomes())
        QCOMPARE(outcome.changes.size(), taskInstances(outcome.target.dagId, outcome.target.dagRunId).size());
    QCOMPARE(runs(7).first().state, all.first().state); // a preview changes nothing
}

void TestActionBatch::markRunFailedPreviewMatchesTheServer()
{
    // A run caught mid-way: some task instances done, one running, the rest without a state.
    Api::TriggerRequest trigger;
    trigger.dagId = QStringLiteral("etl_orders");
    trigger.dagRunId = QStringLiteral("mark_failed_midway");
    const auto run =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    QVERIFY(run && run->ok());
    const auto unpaused = awaitResult<Api::Dag>(
        [&](auto done) { m_client->setDagPaused(QStringLiteral("etl_orders"), false, this, done); });
    QVERIFY(unpaused && unpaused->ok());
    QList<Api::TaskInstance> before;
    auto midway = [&] {
        bool running = false;
        bool pending = false;
        for (const Api::TaskInstance &ti : before) {
            running = running || ti.state == QLatin1String("running");
            pending = pending || ti.state.isEmpty() || ti.state == QLatin1String("scheduled") ||
                      ti.state == QLatin1String("queued");
        }
        return running && pending;
    };
    for (int step = 0; step < 720 && !midway(); ++step) {
        m_sandbox->advanceClock(5000);
        before = taskInstances(trigger.dagId, trigger.dagRunId);
    }
    QVERIFY2(midway(), "the run never had a running and a pending task instance at once");

    Api::DagRun selected = run->value();
    selected.state = QStringLiteral("running");
    ActionBatch preview(m_client.get(), ActionPlan::forSelection(ActionKind::MarkRunsFailed, {selected}, {}),
                        ActionBatch::Phase::Preview);
    QSignalSpy previewed(&preview, &ActionBatch::finished);
    preview.start();
    QTRY_COMPARE_WITH_TIMEOUT(previewed.count(), 1, TimeoutMs);
    QCOMPARE(preview.succeededCount(), 1);
    const QList<TaskInstanceChange> predicted = preview.changes();
    QVERIFY(!predicted.isEmpty());

    ActionBatch apply(m_client.get(), preview.plan(), ActionBatch::Phase::Apply);
    QSignalSpy applied(&apply, &ActionBatch::finished);
    apply.start();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, TimeoutMs);
    QCOMPARE(apply.succeededCount(), 1);
    const QList<Api::TaskInstance> after = taskInstances(trigger.dagId, trigger.dagRunId);
    QCOMPARE(after.size(), before.size());
    QList<TaskInstanceChange> actual;
    for (int i = 0; i < after.size(); ++i) {
        if (after.at(i).state != before.at(i).state)
            actual.append({after.at(i).dagId, after.at(i).dagRunId, after.at(i).taskId, after.at(i).state});
    }
    QCOMPARE(actual.size(), predicted.size());
    for (const TaskInstanceChange &change : actual) {
        const qsizetype at = predicted.indexOf(change);
        QVERIFY2(at >= 0, qPrintable(change.taskId));
        QCOMPARE(predicted.at(at).newState, change.newState);
    }
}

void TestActionBatch::cancelSendsNothingMore()
{
    const QList<Api::DagRun> failed = runs(5, QStringLiteral("failed"));
    QVERIFY(failed.size() >= 3);
    ActionBatch batch(m_client.get(), ActionPlan::forSelection(ActionKind::MarkRunsSuccess, failed, {}),
                      ActionBatch::Phase::Apply);
    batch.setConcurrency(2);
    QSignalSpy finished(&batch, &ActionBatch::finished);
    batch.start();
    batch.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, TimeoutMs);
    QVERIFY(batch.isCancelled());
    QCOMPARE(batch.succeededCount(), 0);
    QCOMPARE(countWithStatus(batch, TargetOutcome::Status::Cancelled), failed.size());
    QVERIFY(batch.outcomes().at(0).sent);
    QVERIFY(!batch.outcomes().at(2).sent);
    // The runs never sent are untouched on the server.
    for (int i = 2; i < failed.size(); ++i) {
        const auto run = awaitResult<Api::DagRun>(
            [&](auto done) { m_client->dagRun(failed.at(i).dagId, failed.at(i).dagRunId, this, done); });
        QCOMPARE(run->value().state, QStringLiteral("failed"));
    }
}

void TestActionBatch::destroyedMidFlightIsSafe()
{
    const QList<Api::DagRun> all = runs(4);
    auto batch = std::make_unique<ActionBatch>(m_client.get(),
                                               ActionPlan::forSelection(ActionKind::ClearRuns, all, {}),
                                               ActionBatch::Phase::Preview);
    int reports = 0;
    connect(batch.get(), &ActionBatch::targetFinished, this, [&] { ++reports; });
    batch->start();
    batch.reset();
    // Nothing is reported from a destroyed batch, and the client goes on working.
    QCOMPARE(reports, 0);
    QCOMPARE(runs(4).size(), 4);
}

QTEST_GUILESS_MAIN(TestActionBatch)
#include "tst_actionbatch.moc"
