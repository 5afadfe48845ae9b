// The guard rails through the real widgets, offscreen, against the in-process sandbox: a read-only profile's
// DeploymentView (opened through Session::openProfile, as the window opens it) has every changing action
// disabled with a tooltip that says why; trying them anyway (actions, shortcuts, the Paused check box, bulk
// pause, the explorer's POST, the trigger dialog, the client itself) sends nothing that changes anything, as
// the sandbox's request log proves. A production profile asks for its name before delete and clear: a wrong
// name does nothing, the right one proceeds.
#include "actions/actionpreviewdialog.h"
#include "actions/actionprogressdialog.h"
#include "actions/productionguard.h"
#include "actions/runactions.h"
#include "api/airflowclient.h"
#include "dags/dagsidebar.h"
#include "explorer/explorerpage.h"
#include "explorer/requestdraft.h"
#include "explorer/responseviewer.h"
#include "mainwindow/deploymentstatuswidget.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/session.h"
#include "models/dagmodel.h"
#include "models/poolmodel.h"
#include "pools/poolspage.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profile.h"
#include "resources/connectionspage.h"
#include "resources/variablespage.h"
#include "trigger/triggerdialog.h"

#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>
#include <optional>

namespace Api = Windsock::Api;
using Windsock::Actions::ActionKind;
using Windsock::Models::DagModel;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Ui::ActionPreviewDialog;
using Windsock::Ui::DeploymentView;
using Windsock::Ui::ProductionGuard;
using Windsock::Ui::Session;

class TestGuardRails final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void readOnlySendsNothingThatChanges();
    void productionAsksForTheName();
    void productionAsksBeforeDeletingPoolsAndBulkPause();
    void productionGuardDialog();

private:
    void openView(bool readOnly, bool production);
    QStringList changingRequests(qsizetype from = 0) const;
    Api::DagRun someRun();

    static constexpr int TimeoutMs = 30000;
    std::unique_ptr<SandboxServer> m_sandbox;
    Windsock::Profiles::MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<DeploymentView> m_view;
};

void TestGuardRails::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestGuardRails::cleanup()
{
    if (m_view) {
        // The status widget's first answers first: its callbacks do not survive a cancelled call.
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->statusWidget()->healthText().isEmpty(), TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->statusWidget()->versionText().contains(QLatin1String("asking")),
                                 TimeoutMs);
    }
    m_view.reset();
    m_session.reset();
    m_sandbox.reset();
}

void TestGuardRails::openView(bool readOnly, bool production)
{
    SandboxOptions options;
    options.dagCount = 4;
    options.runsPerDag = 3;
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY(m_sandbox->listen());
    Windsock::Profiles::Profile profile;
    profile.id = QStringLiteral("guard-rails");
    profile.name = QStringLiteral("prod-eu");
    profile.baseUrl = m_sandbox->baseUrl();
    profile.username = QStringLiteral("admin");
    profile.readOnly = readOnly;
    profile.production = production;
    std::optional<Windsock::Profiles::SecretResult> written;
    m_secrets.write(profile.id, QStringLiteral("admin"), this,
                    [&written](const Windsock::Profiles::SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    bool opened = false;
    Session *session = nullptr;
    QString error;
    Session::openProfile(profile, &m_secrets, [&](Session *result, const QString &message) {
        opened = true;
        session = result;
        error = message;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, TimeoutMs);
    QVERIFY2(session, qPrintable(error));
    m_session.reset(session);
    QCOMPARE(m_session->isReadOnly(), readOnly);
    QCOMPARE(m_session->isProduction(), production);
    m_view = std::make_unique<DeploymentView>(m_session.get());
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->dagModel()->rowCount() == options.dagCount, TimeoutMs);
}

QStringList TestGuardRails::changingRequests(qsizetype from) const
{
    QStringList changing;
    const QList<SandboxServer::LoggedRequest> log = m_sandbox->requestLog();
    for (qsizetype i = from; i < log.size(); ++i) {
        const SandboxServer::LoggedRequest &request = log.at(i);
        const bool reads = request.method == "GET" || request.method == "HEAD" ||
                           request.method == "OPTIONS" ||
                           (request.method == "POST" && request.path.endsWith(QLatin1String("/list")));
        if (!reads)
            changing.append(QString::fromLatin1(request.method) + u' ' + request.path);
    }
    return changing;
}

Api::DagRun TestGuardRails::someRun()
{
    Api::DagRunQuery query;
    query.limit = 5;
    const auto runs = awaitResult<Api::Page<Api::DagRun>>(
        [&](auto done) { m_session->client()->dagRuns(query, this, done); });
    if (!runs || !runs->ok() || runs->value().items.isEmpty())
        return {};
    return runs->value().items.first();
}

void TestGuardRails::readOnlySendsNothingThatChanges()
{
    openView(true, false);
    if (QTest::currentTestFailed())
        return;
    const Api::DagRun run = someRun();
    QVERIFY(!run.dagRunId.isEmpty());

    // Run and task-instance actions: disabled, saying why; started anyway (as a shortcut would), nothing.
    Windsock::Ui::RunActions *actions = m_view->runActions();
    Api::TaskInstance instance;
    instance.dagId = run.dagId;
    instance.dagRunId = run.dagRunId;
    instance.taskId = QStringLiteral("any");
    actions->setSelection({run}, {instance});
    const QList<QAction *> all = actions->runActions() + actions->taskInstanceActions();
    for (QAction *action : all) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        QVERIFY2(action->toolTip().contains(QLatin1String("read-only")), qPrintable(action->toolTip()));
        action->trigger();
    }
    for (const ActionKind kind :
         {ActionKind::ClearRuns, ActionKind::MarkRunsSuccess, ActionKind::MarkRunsFailed,
          ActionKind::DeleteRuns, ActionKind::SetRunNote, ActionKind::ClearTaskInstances,
          ActionKind::MarkTaskInstancesSuccess, ActionKind::MarkTaskInstancesFailed})
        actions->start(kind);
    QVERIFY(!actions->previewDialog());
    // The tree's shortcuts.
    Windsock::Ui::DagSidebar *sidebar = m_view->dagSidebar();
    QTreeView *tree = sidebar->findChild<QTreeView *>();
    QVERIFY(tree);
    tree->setFocus();
    tree->setCurrentIndex(tree->model()->index(0, 0));
    tree->selectAll();
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Delete), QKeySequence(Qt::SHIFT | Qt::Key_C),
                                    QKeySequence(Qt::SHIFT | Qt::Key_F), QKeySequence(Qt::SHIFT | Qt::Key_S),
                                    QKeySequence(Qt::SHIFT | Qt::Key_N)})
        QTest::keySequence(tree, key);
    QVERIFY(!actions->previewDialog());

    // The Paused check box: not checkable, its tooltip says why, and setData changes nothing.
    DagModel *model = m_view->dagModel();
    const QModelIndex paused = model->index(0, DagModel::Paused);
    QVERIFY(!(model->flags(paused) & Qt::ItemIsUserCheckable));
    QVERIFY2(paused.data(Qt::ToolTipRole).toString().contains(QLatin1String("read-only")),
             qPrintable(paused.data(Qt::ToolTipRole).toString()));
    const QVariant before = paused.data(Qt::CheckStateRole);
    model->setData(paused, before.toInt() == Qt::Checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    // Bulk pause and unpause of the selected DAGs.
    sidebar->pauseSelected();
    sidebar->unpauseSelected();

    // Variables, pools, connections: every changing action disabled, saying why, and triggered anyway.
    const QList<QPair<QWidget *, QStringList>> pages{
        {m_view->variablesPage(),
         {QStringLiteral("addVariableAction"), QStringLiteral("editVariableAction"),
          QStringLiteral("deleteVariablesAction"), QStringLiteral("importVariablesAction")}},
        {m_view->poolsPage(),
         {QStringLiteral("addPoolAction"), QStringLiteral("editPoolAction"),
          QStringLiteral("deletePoolAction")}},
        {m_view->connectionsPage(),
         {QStringLiteral("addConnectionAction"), QStringLiteral("editConnectionAction"),
          QStringLiteral("deleteConnectionsAction")}},
    };
    for (const auto &[page, names] : pages) {
        m_view->tabs()->setCurrentWidget(page);
        for (const QString &name : names) {
            auto *action = page->findChild<QAction *>(name);
            QVERIFY2(action, qPrintable(name));
            QVERIFY2(!action->isEnabled(), qPrintable(name));
            QVERIFY2(action->toolTip().contains(QLatin1String("read-only")), qPrintable(action->toolTip()));
            action->trigger();
        }
        QVERIFY(!QApplication::activeModalWidget());
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_view->poolsPage()->isEnabled(), TimeoutMs);

    // The explorer: a POST is refused before it is sent.
    Windsock::Ui::ExplorerPage *explorer = m_view->explorerPage();
    QVERIFY(explorer->isReadOnly());
    Windsock::Explorer::RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/pools");
    draft.body = QStringLiteral("{\"name\": \"read_only_pool\", \"slots\": 1}");
    explorer->openDraft(draft, {});
    explorer->sendAction()->trigger();
    QVERIFY(explorer->viewer()->errorMessage().contains(QLatin1String("read-only")));

    // The trigger dialog (the window disables its action; opened anyway, its client refuses).
    Windsock::Ui::TriggerDialog trigger(m_session->client(), run.dagId, m_view.get());
    trigger.show();
    QTRY_VERIFY_WITH_TIMEOUT(trigger.isReady(), TimeoutMs);
    trigger.trigger();
    QTRY_VERIFY_WITH_TIMEOUT(trigger.errorLabel()->text().contains(QLatin1String("read-only")), TimeoutMs);

    // The client itself, asked directly.
    const auto pausedByClient = awaitResult<Api::Dag>(
        [&](auto done) { m_session->client()->setDagPaused(run.dagId, true, this, done); });
    QVERIFY(pausedByClient && !pausedByClient->ok());
    QCOMPARE(pausedByClient->error().kind(), Api::ApiError::Kind::ReadOnly);
    const auto deleted = awaitResult<Api::Nothing>(
        [&](auto done) { m_session->client()->deleteDagRun(run.dagId, run.dagRunId, this, done); });
    QVERIFY(deleted && !deleted->ok());

    QCOMPARE(changingRequests(), QStringList());
    QVERIFY(m_sandbox->requestLog().size() > 3); // the view did read: the log is not empty by accident
    QCOMPARE(model->index(0, DagModel::Paused).data(Qt::CheckStateRole), before);
}

void TestGuardRails::productionAsksForTheName()
{
    openView(false, true);
    if (QTest::currentTestFailed())
        return;
    const Api::DagRun run = someRun();
    QVERIFY(!run.dagRunId.isEmpty());
    Windsock::Ui::RunActions *actions = m_view->runActions();
    QVERIFY(actions->isProduction());
    actions->setSelection({run}, {});

    for (const bool rightName : {false, true}) {
        QAction *remove = actions->action(ActionKind::DeleteRuns);
        QVERIFY(remove->isEnabled());
        remove->trigger();
        ActionPreviewDialog *preview = actions->previewDialog();
        QVERIFY(preview);
        QTRY_VERIFY_WITH_TIMEOUT(preview->isReady(), TimeoutMs);
        const qsizetype before = m_sandbox->requestLog().size();
        QTest::mouseClick(preview->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY(ProductionGuard::lastDialog() && ProductionGuard::lastDialog()->isVisible());
        QDialog *guard = ProductionGuard::lastDialog();
        QCOMPARE(guard->objectName(), QStringLiteral("productionConfirmDialog"));
        QCOMPARE(guard->windowModality(), Qt::WindowModal);
        auto *edit = guard->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
        QVERIFY(edit);
        QPushButton *ok = guard->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(edit, QStringLiteral("prod-e"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(edit, QStringLiteral("U")); // the case counts
        QVERIFY(!ok->isEnabled());
        if (!rightName) {
            QTest::keyClick(edit, Qt::Key_Return); // Enter on a wrong name does not proceed
            guard->reject();
            QTRY_VERIFY(!ProductionGuard::lastDialog());
            QVERIFY(!actions->progressDialog());
            QCOMPARE(changingRequests(before), QStringList());
            continue;
        }
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("prod-eu"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(actions->progressDialog());
        QTRY_VERIFY_WITH_TIMEOUT(actions->progressDialog()->isFinished(), TimeoutMs);
        const QStringList sent = changingRequests(before);
        QCOMPARE(sent.size(), 1);
        QVERIFY2(sent.first().startsWith(QLatin1String("DELETE /api/v1/dags/")), qPrintable(sent.first()));
        actions->progressDialog()->close();
    }

    // Clear asks too: with the dialog cancelled, no real clear follows the preview's dry runs.
    const Api::DagRun other = someRun();
    actions->setSelection({other}, {});
    actions->action(ActionKind::ClearRuns)->trigger();
    ActionPreviewDialog *preview = actions->previewDialog();
    QVERIFY(preview);
    QTRY_VERIFY_WITH_TIMEOUT(preview->isReady(), TimeoutMs);
    const qsizetype before = m_sandbox->requestLog().size();
    QTest::mouseClick(preview->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(ProductionGuard::lastDialog() && ProductionGuard::lastDialog()->isVisible());
    ProductionGuard::lastDialog()->reject();
    QTRY_VERIFY(!ProductionGuard::lastDialog());
    QCOMPARE(m_sandbox->requestLog().size(), before);
}

void TestGuardRails::productionAsksBeforeDeletingPoolsAndBulkPause()
{
    openView(false, true);
    if (QTest::currentTestFailed())
        return;
    // Pools: the typed name replaces the yes/no question.
    Windsock::Ui::PoolsPage *pools = m_view->poolsPage();
    m_view->tabs()->setCurrentWidget(pools);
    QTRY_VERIFY_WITH_TIMEOUT(pools->model()->isComplete(), TimeoutMs);
    const QString poolName = pools->model()->index(pools->model()->rowCount() - 1, 0).data().toString();
    QVERIFY(!poolName.isEmpty());
    QVERIFY(poolName != QLatin1String("default_pool"));
    pools->view()->selectionModel()->select(pools->model()->indexOfPool(poolName),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    for (const bool rightName : {false, true}) {
        const qsizetype before = m_sandbox->requestLog().size();
        pools->deleteAction()->trigger();
        QDialog *guard = ProductionGuard::lastDialog();
        QVERIFY(guard && guard->isVisible());
        auto *edit = guard->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
        QTest::keyClicks(edit, rightName ? QStringLiteral("prod-eu") : QStringLiteral("prod"));
        QTest::keyClick(edit, Qt::Key_Return);
        if (!rightName) {
            QVERIFY(guard->isVisible()); // Enter on a wrong name neither proceeds nor closes
            guard->reject();
            QTRY_VERIFY(!ProductionGuard::lastDialog());
            QCOMPARE(changingRequests(before), QStringList());
            continue;
        }
        QTRY_VERIFY_WITH_TIMEOUT(!pools->isDeleting() && !changingRequests(before).isEmpty(), TimeoutMs);
        QCOMPARE(changingRequests(before), QStringList{QStringLiteral("DELETE /api/v1/pools/") + poolName});
    }

    // Several DAGs paused at once: a bulk action, asked about; one DAG is not.
    m_view->tabs()->setCurrentIndex(0);
    Windsock::Ui::DagSidebar *sidebar = m_view->dagSidebar();
    QTreeView *tree = sidebar->findChild<QTreeView *>();
    tree->selectionModel()->select(tree->model()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    tree->selectionModel()->select(tree->model()->index(1, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(sidebar->selectedDagIds().size(), 2);
    qsizetype before = m_sandbox->requestLog().size();
    sidebar->pauseSelected();
    QDialog *guard = ProductionGuard::lastDialog();
    QVERIFY(guard && guard->isVisible());
    guard->reject();
    QTRY_VERIFY(!ProductionGuard::lastDialog());
    QCOMPARE(changingRequests(before), QStringList());
    // Confirmed: every selected DAG whose state differs is changed (a DAG already paused is not asked).
    int active = 0;
    for (int row : {0, 1})
        active +=
            tree->model()->index(row, DagModel::Paused).data(Qt::CheckStateRole).toInt() == Qt::Unchecked;
    const bool pause = active > 0;
    pause ? sidebar->pauseSelected() : sidebar->unpauseSelected();
    guard = ProductionGuard::lastDialog();
    QVERIFY(guard);
    auto *edit = guard->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
    QTest::keyClicks(edit, QStringLiteral("prod-eu"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(changingRequests(before).size(), pause ? active : 2, TimeoutMs);
    for (const QString &request : changingRequests(before))
        QVERIFY2(request.startsWith(QLatin1String("PATCH /api/v1/dags/")), qPrintable(request));

    tree->selectionModel()->select(tree->model()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    before = m_sandbox->requestLog().size();
    // One DAG: its check box would do the same without asking. Now paused (or now active): the other way.
    pause ? sidebar->unpauseSelected() : sidebar->pauseSelected();
    QVERIFY(!ProductionGuard::lastDialog());
    QTRY_COMPARE_WITH_TIMEOUT(changingRequests(before).size(), 1, TimeoutMs);
}

void TestGuardRails::productionGuardDialog()
{
    QWidget parent;
    parent.show();
    int proceeded = 0;
    // Not production: at once, no dialog.
    ProductionGuard::confirm(&parent, QStringLiteral("dev"), false, QStringLiteral("delete 2 runs"), &parent,
                             [&proceeded] { ++proceeded; });
    QCOMPARE(proceeded, 1);
    QVERIFY(!ProductionGuard::lastDialog());

    ProductionGuard::confirm(&parent, QStringLiteral("prod"), true, QStringLiteral("delete 2 runs"), &parent,
                             [&proceeded] { ++proceeded; });
    QDialog *dialog = ProductionGuard::lastDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
    bool said = false;
    for (const QLabel *label : labels)
        said = said ||
               label->text() == QLatin1String("prod is marked production. Type its name to delete 2 runs.");
    QVERIFY(said);
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
    QTest::keyClicks(edit, QStringLiteral("prod "));
    dialog->accept(); // as a stray accept would: the text does not match, nothing runs
    QCOMPARE(proceeded, 1);

    // The context gone before the user answers: nothing runs.
    auto *context = new QObject;
    ProductionGuard::confirm(&parent, QStringLiteral("prod"), true, QStringLiteral("clear"), context,
                             [&proceeded] { ++proceeded; });
    dialog = ProductionGuard::lastDialog();
    edit = dialog->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
    QTest::keyClicks(edit, QStringLiteral("prod"));
    delete context;
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!ProductionGuard::lastDialog());
    QCOMPARE(proceeded, 1);

    ProductionGuard::confirm(&parent, QStringLiteral("prod"), true, QStringLiteral("clear"), &parent,
                             [&proceeded] { ++proceeded; });
    edit = ProductionGuard::lastDialog()->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
    QTest::keyClicks(edit, QStringLiteral("prod"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(proceeded, 2);
}

QTEST_MAIN(TestGuardRails)
#include "tst_guardrails.moc"
