// The run and task-instance actions, offscreen, against the in-process sandbox with the real client: the
// preview lists exactly what the server's own dry runs list, Confirm changes the server, Cancel changes
// nothing, options re-ask the preview, a failure on one target is reported by name while the other
// succeeds, and a read-only deployment disables everything. The dialogs open without nested event loops,
// so the test answers them as a user would.

#include "actions/actionbatch.h"
#include "actions/actionpreviewdialog.h"
#include "actions/actionprogressdialog.h"
#include "actions/runactions.h"
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using Windsock::Actions::ActionKind;
using Windsock::Actions::ActionOption;
using Windsock::Actions::TaskInstanceChange;
using Windsock::Tests::awaitResult;
using Windsock::Ui::ActionPreviewDialog;
using Windsock::Ui::ActionProgressDialog;
using Windsock::Ui::RunActions;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestRunActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void bulkClearPreviewsTheServersDryRunAndClears();
    void cancelChangesNothing();
    void taskInstanceClearOptionsChangeThePreview();
    void markTaskInstancesFailedPreviewsTheDryRun();
    void markFailedRunSuccess();
    void deleteTwoRuns();
    void setNoteOnTwoRuns();
    void failureOnOneTargetIsReportedByName();
    void targetThatCannotBePreviewedIsLeftOut();
    void cancelWhileApplyingSendsNothingMore();
    void readOnlyDisablesEverything();
    void enabledRulesAndShortcuts();

private:
    QList<Api::DagRun> failedRuns(int count);
    std::optional<Api::DagRun> serverRun(const QString &dagId, const QString &runId);
    QList<Api::TaskInstance> serverTaskInstances(const QString &dagId, const QString &runId);
    ActionPreviewDialog *openPreview(ActionKind kind);
    ActionProgressDialog *confirmAndWait(ActionPreviewDialog *preview);
    static QSet<QString> keys(const QList<TaskInstanceChange> &changes);
    static QSet<QString> keys(const QList<Api::TaskInstanceReference> &references);

    static constexpr int TimeoutMs = 20000;
    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<QWidget> m_window;
    RunActions *m_actions = nullptr;
};

void TestRunActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRunActions::init()
{
    Sandbox::SandboxOptions options;
    options.clock = Sandbox::ClockKind::Manual;
    options.dagCount = 8;
    options.runsPerDag = 8;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY(m_sandbox->listen(0));
    m_client = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    m_window = std::make_unique<QWidget>();
    m_window->resize(400, 300);
    m_window->show();
    m_actions = new RunActions(m_window.get(), m_window.get());
    m_actions->setClient(m_client.get());
    m_window->addActions(m_actions->runActions());
    m_window->addActions(m_actions->taskInstanceActions());
}

void TestRunActions::cleanup()
{
    m_window.reset();
    m_actions = nullptr;
    m_client.reset();
    m_sandbox.reset();
}

// Failed runs of different DAGs (as the seeder made them: a failing task, upstream_failed after it).
QList<Api::DagRun> TestRunActions::failedRuns(int count)
{
    Api::DagRunBatchQuery query;
    query.states = QStringList{QStringLiteral("failed")};
    query.limit = 100;
    const auto page = awaitResult<Api::Page<Api::DagRun>>(
        [&](auto done) { m_client->listDagRunsBatch(query, this, done); });
    QList<Api::DagRun> runs;
    if (!page || !page->ok())
        return runs;
    QSet<QString> dags;
    for (const Api::DagRun &run : page->value().items) {
        if (runs.size() < count && !dags.contains(run.dagId)) {
            dags.insert(run.dagId);
            runs.append(run);
        }
    }
    return runs;
}

std::optional<Api::DagRun> TestRunActions::serverRun(const QString &dagId, const QString &runId)
{
    const auto run = awaitResult<Api::DagRun>([&](auto done) { m_client->dagRun(dagId, runId, this, done); });
    if (!run || !run->ok())
        return std::nullopt;
    return run->value();
}

QList<Api::TaskInstance> TestRunActions::serverTaskInstances(const QString &dagId, const QString &runId)
{
    Api::TaskInstanceQuery query;
    query.dagId = dagId;
    query.dagRunId = runId;
    const auto page = awaitResult<Api::Page<Api::TaskInstance>>(
        [&](auto done) { m_client->taskInstances(query, this, done); });
    return page && page->ok() ? page->value().items : QList<Api::TaskInstance>();
}

ActionPreviewDialog *TestRunActions::openPreview(ActionKind kind)
{
    QAction *action = m_actions->action(kind);
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    ActionPreviewDialog *preview = m_actions->previewDialog();
    if (!preview)
        return nullptr;
    [&] { QTRY_VERIFY_WITH_TIMEOUT(preview->isReady(), TimeoutMs); }();
    return preview->isReady() ? preview : nullptr;
}

ActionProgressDialog *TestRunActions::confirmAndWait(ActionPreviewDialog *preview)
{
    if (!preview->confirmButton()->isEnabled())
        return nullptr;
    QTest::mouseClick(preview->confirmButton(), Qt::LeftButton);
    ActionProgressDialog *progress = m_actions->progressDialog();
    if (!progress)
        return nullptr;
    [&] { QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), TimeoutMs); }();
    return progress->isFinished() ? progress : nullptr;
}

QSet<QString> TestRunActions::keys(const QList<TaskInstanceChange> &changes)
{
    QSet<QString> set;
    for (const TaskInstanceChange &change : changes)
        set.insert(change.dagId + u'/' + change.dagRunId + u'/' + change.taskId);
    return set;
}

QSet<QString> TestRunActions::keys(const QList<Api::TaskInstanceReference> &references)
{
    QSet<QString> set;
    for (const Api::TaskInstanceReference &reference : references)
        set.insert(reference.dagId + u'/' + reference.dagRunId + u'/' + reference.taskId);
    return set;
}

void TestRunActions::bulkClearPreviewsTheServersDryRunAndClears()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    m_actions->setSelection(runs, {});

    // What the server's dry run lists for each run, asked directly.
    QSet<QString> expected;
    for (const Api::DagRun &run : runs) {
        const auto dryRun = awaitResult<QList<Api::TaskInstanceReference>>(
            [&](auto done) { m_client->previewClearDagRun(run.dagId, run.dagRunId, this, done); });
        QVERIFY(dryRun && dryRun->ok());
        QVERIFY(!dryRun->value().isEmpty());
        expected += keys(dryRun->value());
    }

    ActionPreviewDialog *preview = openPreview(ActionKind::ClearRuns);
    QVERIFY(preview);
    QCOMPARE(keys(preview->changes()), expected);
    QCOMPARE(preview->changes().size(), expected.size());
    QCOMPARE(preview->headline(),
             QStringLiteral("Clearing 2 runs will reset %1 task instances in 2 DAGs.").arg(expected.size()));
    // Grouped by DAG, then run, then task.
    QCOMPARE(preview->changeTree()->topLevelItemCount(), 2);
    int listed = 0;
    for (int i = 0; i < 2; ++i) {
        QTreeWidgetItem *dag = preview->changeTree()->topLevelItem(i);
        QCOMPARE(dag->childCount(), 1);
        listed += dag->child(0)->childCount();
    }
    QCOMPARE(listed, expected.size());
    for (const Api::DagRun &run : runs)
        QCOMPARE(serverRun(run.dagId, run.dagRunId)->state, QStringLiteral("failed")); // nothing changed yet

    QSignalSpy changed(m_actions, &RunActions::changed);
    ActionProgressDialog *progress = confirmAndWait(preview);
    QVERIFY(progress);
    QCOMPARE(progress->batch()->succeededCount(), 2);
    QCOMPARE(progress->summary(), QStringLiteral("Cleared 2 of 2 runs."));
    for (const Api::DagRun &run : runs) {
        QCOMPARE(serverRun(run.dagId, run.dagRunId)->state, QStringLiteral("queued"));
        for (const Api::TaskInstance &ti : serverTaskInstances(run.dagId, run.dagRunId))
            QVERIFY2(ti.state.isEmpty(), qPrintable(ti.taskId + QStringLiteral(": ") + ti.state));
    }
    QCOMPARE(changed.count(), 1);
    QStringList dagIds{runs.at(0).dagId, runs.at(1).dagId};
    dagIds.sort();
    QCOMPARE(changed.first().first().toStringList(), dagIds);
    // The selection is kept.
    QCOMPARE(m_actions->selectedRuns().size(), 2);
    QCOMPARE(m_actions->selectedRuns().first().dagRunId, runs.first().dagRunId);
}

void TestRunActions::cancelChangesNothing()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    QMap<QString, QList<Api::TaskInstance>> before;
    for (const Api::DagRun &run : runs)
        before.insert(run.dagRunId, serverTaskInstances(run.dagId, run.dagRunId));
    m_actions->setSelection(runs, {});
    ActionPreviewDialog *preview = openPreview(ActionKind::ClearRuns);
    QVERIFY(preview);
    QSignalSpy changed(m_actions, &RunActions::changed);
    preview->reject();
    QTRY_VERIFY(!m_actions->previewDialog());
    QVERIFY(!m_actions->progressDialog());
    for (const Api::DagRun &run : runs) {
        QCOMPARE(serverRun(run.dagId, run.dagRunId)->state, QStringLiteral("failed"));
        const QList<Api::TaskInstance> after = serverTaskInstances(run.dagId, run.dagRunId);
        QCOMPARE(after.size(), before.value(run.dagRunId).size());
        for (int i = 0; i < after.size(); ++i)
            QCOMPARE(after.at(i).state, before.value(run.dagRunId).at(i).state);
    }
    QCOMPARE(changed.count(), 0);
}

void TestRunActions::taskInstanceClearOptionsChangeThePreview()
{
    const Api::DagRun run = failedRuns(1).value(0);
    QVERIFY(!run.dagRunId.isEmpty());
    const QList<Api::TaskInstance> tis = serverTaskInstances(run.dagId, run.dagRunId);
    QVERIFY(tis.size() >= 3);
    const Api::TaskInstance first = tis.first();
    m_actions->setSelection({}, {first});

    auto dryRun = [&](bool downstream, bool onlyFailed) {
        Api::ClearTaskInstancesRequest request;
        request.dagId = run.dagId;
        request.dagRunId = run.dagRunId;
        request.taskIds = QStringList{first.taskId};
        request.includeDownstream = downstream;
        request.onlyFailed = onlyFailed;
        request.dryRun = true;
        const auto result = awaitResult<QList<Api::TaskInstanceReference>>(
            [&](auto done) { m_client->clearTaskInstances(request, this, done); });
        return result && result->ok() ? keys(result->value()) : QSet<QString>();
    };
    const QSet<QString> withDownstream = dryRun(true, false);
    const QSet<QString> alone = dryRun(false, false);
    QCOMPARE(alone.size(), 1);
    QCOMPARE(withDownstream.size(), tis.size());

    // Downstream is ticked by default, as in the Airflow UI.
    ActionPreviewDialog *preview = openPreview(ActionKind::ClearTaskInstances);
    QVERIFY(preview);
    QVERIFY(preview->optionCheck(ActionOption::Downstream)->isChecked());
    QVERIFY(!preview->optionCheck(ActionOption::OnlyFailed)->isChecked());
    QCOMPARE(keys(preview->changes()), withDownstream);
    QVERIFY(preview->headline().startsWith(QStringLiteral("Clearing 1 task instance will reset %1 task "
                                                          "instances in 1 run of 1 DAG.")
                                               .arg(withDownstream.size())));

    QSignalSpy ready(preview, &ActionPreviewDialog::previewReady);
    preview->optionCheck(ActionOption::Downstream)->click();
    QVERIFY(!preview->confirmButton()->isEnabled()); // asking again
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, TimeoutMs);
    QCOMPARE(keys(preview->changes()), alone);

    // Only failed: the first task succeeded, so nothing would be cleared and Confirm stays off.
    preview->optionCheck(ActionOption::OnlyFailed)->click();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, TimeoutMs);
    QVERIFY(preview->changes().isEmpty());
    QVERIFY(!preview->confirmButton()->isEnabled());
    preview->optionCheck(ActionOption::OnlyFailed)->click();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 3, TimeoutMs);

    const QString downstreamStateBefore = tis.at(1).state;
    ActionProgressDialog *progress = confirmAndWait(preview);
    QVERIFY(progress);
    QCOMPARE(progress->batch()->succeededCount(), 1);
    const QList<Api::TaskInstance> after = serverTaskInstances(run.dagId, run.dagRunId);
    QVERIFY(after.first().state.isEmpty());
    QCOMPARE(after.at(1).state, downstreamStateBefore);
    // Re-queue the runs is on by default.
    QCOMPARE(serverRun(run.dagId, run.dagRunId)->state, QStringLiteral("queued"));
}

void TestRunActions::markTaskInstancesFailedPreviewsTheDryRun()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    QList<Api::TaskInstance> selected;
    QSet<QString> expected;
    for (const Api::DagRun &run : runs) {
        const Api::TaskInstance first = serverTaskInstances(run.dagId, run.dagRunId).value(0);
        QVERIFY(!first.taskId.isEmpty());
        selected.append(first);
        Api::UpdateTaskInstancesStateRequest request;
        request.dagId = run.dagId;
        request.dagRunId = run.dagRunId;
        request.taskId = first.taskId;
        request.newState = QStringLiteral("failed");
        request.includeDownstream = true;
        const auto result = awaitResult<QList<Api::TaskInstanceReference>>(
            [&](auto done) { m_client->updateTaskInstancesState(request, this, done); });
        QVERIFY(result && result->ok());
        expected += keys(result->value());
    }
    m_actions->setSelection({}, selected);
    ActionPreviewDialog *preview = openPreview(ActionKind::MarkTaskInstancesFailed);
    QVERIFY(preview);
    QVERIFY(!preview->optionCheck(ActionOption::Downstream)->isChecked());
    QSignalSpy ready(preview, &ActionPreviewDialog::previewReady);
    preview->optionCheck(ActionOption::Downstream)->click();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, TimeoutMs);
    QCOMPARE(keys(preview->changes()), expected);
    for (const TaskInstanceChange &change : preview->changes())
        QCOMPARE(change.newState, QStringLiteral("failed"));
    QVERIFY(confirmAndWait(preview));
    for (const Api::DagRun &run : runs) {
        for (const Api::TaskInstance &ti : serverTaskInstances(run.dagId, run.dagRunId))
            QCOMPARE(ti.state, QStringLiteral("failed"));
    }
}

void TestRunActions::markFailedRunSuccess()
{
    const Api::DagRun run = failedRuns(1).value(0);
    QVERIFY(!run.dagRunId.isEmpty());
    QSet<QString> notSuccess;
    for (const Api::TaskInstance &ti : serverTaskInstances(run.dagId, run.dagRunId)) {
        if (ti.state != QLatin1String("success"))
            notSuccess.insert(ti.dagId + u'/' + ti.dagRunId + u'/' + ti.taskId);
    }
    QVERIFY(!notSuccess.isEmpty());
    m_actions->setSelection({run}, {});
    QVERIFY(!m_actions->action(ActionKind::MarkRunsFailed)->isEnabled()); // it is failed already
    ActionPreviewDialog *preview = openPreview(ActionKind::MarkRunsSuccess);
    QVERIFY(preview);
    QCOMPARE(keys(preview->changes()), notSuccess);
    QCOMPARE(
        preview->headline(),
        QStringLiteral("Marking 1 run success will set %1 task instances in 1 DAG.").arg(notSuccess.size()));
    QVERIFY(confirmAndWait(preview));
    QCOMPARE(serverRun(run.dagId, run.dagRunId)->state, QStringLiteral("success"));
    for (const Api::TaskInstance &ti : serverTaskInstances(run.dagId, run.dagRunId))
        QCOMPARE(ti.state, QStringLiteral("success"));
}

void TestRunActions::deleteTwoRuns()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    m_actions->setSelection(runs, {});
    QCOMPARE(m_actions->action(ActionKind::DeleteRuns)->text(), QStringLiteral("&Delete 2 Runs…"));
    ActionPreviewDialog *preview = openPreview(ActionKind::DeleteRuns);
    QVERIFY(preview);
    QCOMPARE(preview->windowTitle(), QStringLiteral("Delete 2 Runs"));
    QVERIFY(preview);
    QCOMPARE(preview->headline(), QStringLiteral("Deleting 2 runs of 2 DAGs cannot be undone."));
    QCOMPARE(preview->changeTree()->topLevelItemCount(), 2);
    QCOMPARE(preview->changeTree()->topLevelItem(0)->child(0)->text(0), runs.at(0).dagRunId);
    // Enter must not delete: Cancel is the default button.
    QVERIFY(!preview->confirmButton()->isDefault());
    QSignalSpy changed(m_actions, &RunActions::changed);
    ActionProgressDialog *progress = confirmAndWait(preview);
    QVERIFY(progress);
    QCOMPARE(progress->summary(), QStringLiteral("Deleted 2 of 2 runs."));
    for (const Api::DagRun &run : runs) {
        const auto gone = awaitResult<Api::DagRun>(
            [&](auto done) { m_client->dagRun(run.dagId, run.dagRunId, this, done); });
        QVERIFY(gone && !gone->ok());
        QCOMPARE(gone->error().kind(), Api::ApiError::Kind::NotFound);
    }
    QCOMPARE(changed.count(), 1);
}

void TestRunActions::setNoteOnTwoRuns()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    m_actions->setSelection(runs, {});
    ActionPreviewDialog *preview = openPreview(ActionKind::SetRunNote);
    QVERIFY(preview);
    QVERIFY(preview->noteEdit());
    preview->noteEdit()->setPlainText(QStringLiteral("re-run after the upstream fix"));
    QVERIFY(confirmAndWait(preview));
    for (const Api::DagRun &run : runs)
        QCOMPARE(serverRun(run.dagId, run.dagRunId)->note, QStringLiteral("re-run after the upstream fix"));
}

void TestRunActions::failureOnOneTargetIsReportedByName()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    m_actions->setSelection(runs, {});
    ActionPreviewDialog *preview = openPreview(ActionKind::ClearRuns);
    QVERIFY(preview);
    // Someone else deletes the first run between the preview and Confirm.
    const auto deleted = awaitResult<Api::Nothing>(
        [&](auto done) { m_client->deleteDagRun(runs.at(0).dagId, runs.at(0).dagRunId, this, done); });
    QVERIFY(deleted && deleted->ok());

    QSignalSpy changed(m_actions, &RunActions::changed);
    ActionProgressDialog *progress = confirmAndWait(preview);
    QVERIFY(progress);
    QCOMPARE(progress->batch()->succeededCount(), 1);
    QCOMPARE(progress->batch()->failedCount(), 1);
    QVERIFY2(progress->summary().contains(QStringLiteral("1 failed")), qPrintable(progress->summary()));
    const QString failure = progress->outcomeText(0);
    QVERIFY2(failure.contains(runs.at(0).dagRunId), qPrintable(failure));
    QVERIFY2(failure.contains(QStringLiteral("Failed: ")), qPrintable(failure));
    const Api::ApiError error = progress->batch()->outcomes().at(0).error;
    QCOMPARE(error.kind(), Api::ApiError::Kind::NotFound);
    QVERIFY2(failure.contains(QStringLiteral("no longer exists")), qPrintable(failure));
    QVERIFY2(failure.contains(error.detail()), qPrintable(failure)); // what Airflow said
    QVERIFY(progress->failuresLabel()->isVisibleTo(progress));
    QVERIFY(progress->failuresLabel()->text().contains(runs.at(0).dagRunId));
    QVERIFY(!progress->outcomeText(1).contains(QStringLiteral("Failed")));
    QCOMPARE(serverRun(runs.at(1).dagId, runs.at(1).dagRunId)->state, QStringLiteral("queued"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toStringList(), QStringList{runs.at(1).dagId});
    QCOMPARE(m_actions->selectedRuns().size(), 2);
}

void TestRunActions::targetThatCannotBePreviewedIsLeftOut()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    const auto deleted = awaitResult<Api::Nothing>(
        [&](auto done) { m_client->deleteDagRun(runs.at(0).dagId, runs.at(0).dagRunId, this, done); });
    QVERIFY(deleted && deleted->ok());
    m_actions->setSelection(runs, {}); // the view has not refreshed yet
    ActionPreviewDialog *preview = openPreview(ActionKind::ClearRuns);
    QVERIFY(preview);
    QCOMPARE(preview->previewErrors().size(), 1);
    QVERIFY(preview->previewErrors().first().contains(runs.at(0).dagRunId));
    QVERIFY(preview->headline().startsWith(QStringLiteral("Clearing 1 run will reset ")));
    QCOMPARE(preview->confirmedPlan().targets.size(), 1);
    QCOMPARE(preview->confirmedPlan().targets.first().dagRunId, runs.at(1).dagRunId);
    ActionProgressDialog *progress = confirmAndWait(preview);
    QVERIFY(progress);
    QCOMPARE(progress->batch()->outcomes().size(), 1);
    QCOMPARE(progress->summary(), QStringLiteral("Cleared 1 of 1 run."));
    QCOMPARE(serverRun(runs.at(1).dagId, runs.at(1).dagRunId)->state, QStringLiteral("queued"));
}

void TestRunActions::cancelWhileApplyingSendsNothingMore()
{
    const QList<Api::DagRun> runs = failedRuns(2);
    QCOMPARE(runs.size(), 2);
    m_actions->setSelection(runs, {});
    ActionPreviewDialog *preview = openPreview(ActionKind::MarkRunsSuccess);
    QVERIFY(preview);
    QTest::mouseClick(preview->confirmButton(), Qt::LeftButton);
    ActionProgressDialog *progress = m_actions->progressDialog();
    QVERIFY(progress);
    // Cancelled (Escape) before the event loop could deliver any answer: both requests are aborted, and the
    // dialog stays up with the summary.
    QVERIFY(progress->cancelButton()->isEnabled());
    QTest::keyClick(progress, Qt::Key_Escape);
    QVERIFY(progress->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), TimeoutMs);
    QCOMPARE(progress->batch()->succeededCount(), 0);
    QVERIFY2(progress->summary().contains(QStringLiteral("2 cancelled")), qPrintable(progress->summary()));
    QVERIFY(progress->closeButton()->isEnabled());
    QVERIFY(!progress->cancelButton()->isEnabled());
}

void TestRunActions::readOnlyDisablesEverything()
{
    const QList<Api::DagRun> runs = failedRuns(1);
    QCOMPARE(runs.size(), 1);
    const QList<Api::TaskInstance> tis = serverTaskInstances(runs.first().dagId, runs.first().dagRunId);
    m_actions->setSelection(runs, tis);
    for (QAction *action : m_actions->taskInstanceActions())
        QVERIFY(action->isEnabled());
    QVERIFY(m_actions->action(ActionKind::ClearRuns)->isEnabled());
    m_actions->setReadOnly(true);
    for (QAction *action : m_actions->runActions() + m_actions->taskInstanceActions()) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        QVERIFY(action->toolTip().contains(QStringLiteral("read-only")));
    }
    m_actions->start(ActionKind::ClearRuns);
    QVERIFY(!m_actions->previewDialog());
    m_actions->setReadOnly(false);
    QVERIFY(m_actions->action(ActionKind::ClearRuns)->isEnabled());
    // A preview open when the deployment turns read-only is closed unconfirmed.
    QVERIFY(openPreview(ActionKind::ClearRuns));
    m_actions->setReadOnly(true);
    QTRY_VERIFY(!m_actions->previewDialog());
    QVERIFY(!m_actions->progressDialog());
    QCOMPARE(serverRun(runs.first().dagId, runs.first().dagRunId)->state, QStringLiteral("failed"));
}

void TestRunActions::enabledRulesAndShortcuts()
{
    for (QAction *action : m_actions->runActions() + m_actions->taskInstanceActions())
        QVERIFY(!action->isEnabled()); // nothing selected

    const Api::DagRun run = failedRuns(1).value(0);
    m_actions->setSelection({run}, {});
    const QKeySequence shiftC(Qt::SHIFT | Qt::Key_C);
    QCOMPARE(m_actions->action(ActionKind::ClearRuns)->shortcut(), shiftC);
    QVERIFY(m_actions->action(ActionKind::ClearTaskInstances)->shortcut().isEmpty());
    QVERIFY(m_actions->action(ActionKind::ClearRuns)
                ->toolTip()
                .contains(shiftC.toString(QKeySequence::NativeText)));
    QCOMPARE(m_actions->action(ActionKind::DeleteRuns)->shortcut(), QKeySequence(QKeySequence::Delete));
    QCOMPARE(m_actions->action(ActionKind::DeleteRuns)->text(), QStringLiteral("&Delete Run…"));
    QVERIFY(!m_actions->action(ActionKind::ClearTaskInstances)->isEnabled());

    // With task instances selected, the keys act on them.
    const Api::TaskInstance ti = serverTaskInstances(run.dagId, run.dagRunId).value(0);
    m_actions->setSelection({run}, {ti});
    QCOMPARE(m_actions->action(ActionKind::ClearTaskInstances)->shortcut(), shiftC);
    QVERIFY(m_actions->action(ActionKind::ClearRuns)->shortcut().isEmpty());
    QCOMPARE(m_actions->action(ActionKind::MarkTaskInstancesFailed)->shortcut(),
             QKeySequence(Qt::SHIFT | Qt::Key_F));
    // None of the window's keys is taken.
    for (QAction *action : m_actions->runActions() + m_actions->taskInstanceActions()) {
        for (const QKeySequence &taken : {QKeySequence(QKeySequence::Find), QKeySequence(QKeySequence::Copy),
                                          QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(Qt::Key_F5),
                                          QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_Space)})
            QVERIFY(action->shortcut() != taken);
    }

    // The key opens the preview for the task instance.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ShiftModifier);
    QTRY_VERIFY(m_actions->previewDialog());
    QCOMPARE(m_actions->previewDialog()->plan().kind, ActionKind::ClearTaskInstances);
}

QTEST_MAIN(TestRunActions)
#include "tst_runactions.moc"
