// The Explorer tab offscreen on the in-process sandbox serving the official Airflow 2 spec: choose an
// operation in the catalogue, fill its path parameter, send it and find a value in the response tree; import
// a cURL command and send it; search the history and re-open an entry; a saved request survives a round trip
// through its file; every page of a list with progress; a JSON body with a syntax error says where and is
// not sent.

#include "explorer/cataloguepanel.h"
#include "explorer/curlimportdialog.h"
#include "explorer/explorerpage.h"
#include "explorer/historypanel.h"
#include "explorer/jsonbodyeditor.h"
#include "explorer/jsontreepanel.h"
#include "explorer/keyvaluetable.h"
#include "explorer/requesteditor.h"
#include "explorer/responseviewer.h"
#include "explorer/savedpanel.h"
#include "explorer/saverequestdialog.h"
#include "explorer/variablesdialog.h"
#include "mainwindow/messagebar.h"
#include "models/jsontreemodel.h"
#include "profiles/messagebox.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include "api/dialectv2.h"
#include "auth/jwtloginauthenticator.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using Windsock::Explorer::KeyValue;
using Windsock::Explorer::RequestDraft;
using Windsock::Tests::awaitResult;
using Windsock::Ui::CataloguePanel;
using Windsock::Ui::CurlImportDialog;
using Windsock::Ui::ExplorerPage;
using Windsock::Ui::JsonTreePanel;
using Windsock::Ui::MessageBox;
using Windsock::Ui::ResponseViewer;
using Windsock::Ui::SaveRequestDialog;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestExplorerPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void chooseOperationSendAndFindInTheTree();
    void importCurlAndSend();
    void searchHistoryAndReopen();
    void savedRequestRoundTrip();
    void fetchAllPagesWithProgress();
    void invalidJsonBodyIsNotSent();
    void serverErrorKeepsTheRequest();
    void variablesInPathAndBody();
    void snippetsAndFilesLeaveTheSecretOut();
    void cancelWhileInFlight();
    void unreachableServerIsASentence();
    void readOnlyProfileSendsOnlyReads();
    void airflow3CatalogueSendAndPages();

private:
    // Sends what the editor holds and waits for the answer to be shown.
    void sendAndWait();

    static constexpr int TimeoutMs = 30000;
    static constexpr int DagCount = 23;
    static inline const QString ProfileId = QStringLiteral("tst-explorer");

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<ExplorerPage> m_page;
    std::unique_ptr<QTemporaryDir> m_savedFolder;
    QString m_dagId;
};

void TestExplorerPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("WindsockTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_explorerpage"));
    const QString spec = QStringLiteral(WINDSOCK_SHARED_DIR "/airflow-openapi/airflow-2-v1.yaml");
    if (!QFile::exists(spec))
        QSKIP("The official Airflow 2 spec is not beside the checkout (../shared/airflow-openapi).");
    Sandbox::SandboxOptions options;
    options.dagCount = DagCount;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    options.openApiFile = spec;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    const auto dags = awaitResult<Api::Page<Api::Dag>>([this](auto done) { m_client->dags({}, this, done); });
    QVERIFY(dags && dags->ok());
    QVERIFY(!dags->value().items.isEmpty());
    m_dagId = dags->value().items.first().dagId;
}

void TestExplorerPage::init()
{
    MessageBox::reset();
    QFile::remove(Windsock::Explorer::RequestHistory::defaultFilePath(ProfileId));
    QFile::remove(Windsock::Explorer::VariableStore::defaultFilePath(ProfileId));
    m_savedFolder = std::make_unique<QTemporaryDir>();
    QVERIFY(m_savedFolder->isValid());
    m_page = std::make_unique<ExplorerPage>(m_client.get(), ProfileId);
    m_page->savedPanel()->setFolder(m_savedFolder->path());
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->cataloguePanel()->catalogue().isEmpty(), TimeoutMs);
}

void TestExplorerPage::cleanup()
{
    m_page.reset();
    if (m_sandbox)
        m_sandbox->setFaults({});
}

void TestExplorerPage::sendAndWait()
{
    QSignalSpy finished(m_page.get(), &ExplorerPage::requestFinished);
    m_page->sendAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->viewer()->isParsing(), TimeoutMs);
}

void TestExplorerPage::chooseOperationSendAndFindInTheTree()
{
    CataloguePanel *catalogue = m_page->cataloguePanel();
    QTest::keyClicks(catalogue->searchEdit(), QStringLiteral("dag"));
    QTreeWidgetItem *getDag = catalogue->itemOf(QStringLiteral("get_dag"));
    QVERIFY(getDag);
    QVERIFY(catalogue->itemOf(QStringLiteral("get_pools")) == nullptr); // filtered out
    catalogue->tree()->setCurrentItem(getDag);
    catalogue->tree()->setFocus();
    QTest::keyClick(catalogue->tree(), Qt::Key_Return);

    Windsock::Ui::RequestEditor *editor = m_page->editor();
    QCOMPARE(editor->methodCombo()->currentText(), QStringLiteral("GET"));
    QCOMPARE(editor->pathEdit()->text(), QStringLiteral("/api/v1/dags/{dag_id}"));
    QCOMPARE(editor->pathParamsTable()->rowOf(QStringLiteral("dag_id")), 0);
    QVERIFY(editor->pathParamsTable()->isVisibleTo(editor));
    // The parameter's type is its placeholder.
    QTableWidget *pathTable = editor->pathParamsTable()->table();
    QVERIFY(!pathTable->item(0, 1)->data(Qt::UserRole + 40).toString().isEmpty());

    // The value typed into the table, as a person does.
    pathTable->setCurrentCell(0, 1);
    pathTable->editItem(pathTable->item(0, 1));
    auto *cellEditor = pathTable->findChild<QLineEdit *>();
    QVERIFY(cellEditor);
    QTest::keyClicks(cellEditor, m_dagId);
    QTest::keyClick(cellEditor, Qt::Key_Return); // the delegate commits on the next event-loop turn
    QTRY_COMPARE(editor->pathParamsTable()->value(QStringLiteral("dag_id")), m_dagId);

    sendAndWait();
    ResponseViewer *viewer = m_page->viewer();
    QCOMPARE(viewer->status(), 200);
    QCOMPARE(viewer->statusText(), QStringLiteral("200 OK"));
    QCOMPARE(viewer->body().kind(), Windsock::Explorer::ResponseBody::Kind::Json);
    QCOMPARE(viewer->tabs()->currentIndex(), int(ResponseViewer::TreeTab));

    // Find the DAG's id in the tree: the first match is selected, with its path.
    JsonTreePanel *tree = viewer->treePanel();
    QTest::keyClicks(tree->searchEdit(), m_dagId);
    QTest::keyClick(tree->searchEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(tree->currentMatch() == 0, TimeoutMs);
    QVERIFY(tree->matches().contains(QStringLiteral("$.dag_id")));
    QCOMPARE(tree->currentPath(), tree->matches().first());
    QVERIFY(tree->currentValueText().contains(m_dagId));
    QVERIFY(tree->matchLabel()->text().startsWith(QStringLiteral("1 of ")));
    // Next until the dag_id row itself.
    while (tree->currentPath() != QStringLiteral("$.dag_id") &&
           tree->currentMatch() + 1 < tree->matches().size())
        tree->findNext();
    QCOMPARE(tree->currentPath(), QStringLiteral("$.dag_id"));
    QCOMPARE(tree->currentValueText(), m_dagId);
    // Copy path.
    tree->copyPathAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("$.dag_id"));
}

void TestExplorerPage::importCurlAndSend()
{
    m_page->pasteCurlAction()->trigger();
    CurlImportDialog *dialog = m_page->curlDialog();
    QVERIFY(dialog);
    const QString command =
        QStringLiteral("curl -s -u admin:admin -X GET \\\n  '%1/api/v1/dags?limit=3&only_active=true' "
                       "\\\n  -H 'Accept: application/json'")
            .arg(m_sandbox->baseUrl().toString(QUrl::StripTrailingSlash));
    dialog->commandEdit()->setPlainText(command);
    dialog->findChild<QPushButton *>(QStringLiteral("importCurl"))->click();
    QTRY_VERIFY(!m_page->curlDialog());

    const RequestDraft draft = m_page->editor()->draft();
    QCOMPARE(draft.method, QByteArray("GET"));
    QCOMPARE(draft.path, QStringLiteral("/api/v1/dags"));
    QVERIFY(draft.query.contains(KeyValue{QStringLiteral("limit"), QStringLiteral("3"), true}));
    // The import's notes: the credentials were left out.
    QVERIFY(m_page->notices()->isVisibleTo(m_page.get()));
    QVERIFY(!m_page->notices()->text().isEmpty());

    sendAndWait();
    QCOMPARE(m_page->viewer()->status(), 200);
    Windsock::Models::JsonTreeModel *model = m_page->viewer()->treePanel()->model();
    QVERIFY(model->indexForPath(QStringLiteral("$.dags[2]")).isValid());
    QVERIFY(!model->indexForPath(QStringLiteral("$.dags[3]")).isValid());
}

void TestExplorerPage::searchHistoryAndReopen()
{
    RequestDraft pools;
    pools.path = QStringLiteral("/api/v1/pools");
    m_page->openDraft(pools, {});
    sendAndWait();
    RequestDraft dag;
    dag.path = QStringLiteral("/api/v1/dags/{dag_id}");
    dag.pathParams = {{QStringLiteral("dag_id"), m_dagId, true}};
    m_page->openDraft(dag, {});
    sendAndWait();
    QCOMPARE(m_page->history()->count(), 2);

    m_page->sideTabs()->setCurrentWidget(m_page->historyPanel());
    QTreeWidget *list = m_page->historyPanel()->list();
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("GET /api/v1/dags/{dag_id}")); // newest first
    QTest::keyClicks(m_page->historyPanel()->searchEdit(), QStringLiteral("pools"));
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("200"));

    list->setCurrentItem(list->topLevelItem(0));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(m_page->editor()->pathEdit()->text(), QStringLiteral("/api/v1/pools"));

    // The history is a file: another page of the same profile reads it.
    ExplorerPage again(m_client.get(), ProfileId);
    again.refresh();
    QCOMPARE(again.history()->count(), 2);
}

void TestExplorerPage::savedRequestRoundTrip()
{
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns");
    draft.pathParams = {{QStringLiteral("dag_id"), m_dagId, true}};
    draft.query = {{QStringLiteral("dry"), QStringLiteral("1"), false}};
    draft.headers = {{QStringLiteral("X-Windsock-Test"), QStringLiteral("yes"), true}};
    draft.body = QStringLiteral("{\n    \"conf\": {\"size\": 3},\n    \"note\": \"from a test\"\n}");
    m_page->openDraft(draft, {});

    m_page->saveAction()->trigger(); // never saved: asks for a name
    SaveRequestDialog *dialog = m_page->saveDialog();
    QVERIFY(dialog);
    dialog->nameEdit()->setText(QStringLiteral("a/b"));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QVERIFY(!dialog->errorText().isEmpty()); // not a file name: said, and the dialog stays
    QVERIFY(m_page->saveDialog());
    dialog->nameEdit()->setText(QStringLiteral("trigger with conf"));
    dialog->collectionCombo()->setCurrentText(QStringLiteral("runs"));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QTRY_VERIFY(!m_page->saveDialog());
    const QString file =
        m_page->savedRequests()->filePath(QStringLiteral("runs"), QStringLiteral("trigger with conf"));
    QVERIFY(QFile::exists(file));

    // Something else in the editor, then the saved one opened from the panel.
    m_page->openDraft(RequestDraft(), {});
    QVERIFY(m_page->editor()->draft().path.isEmpty());
    Windsock::Ui::SavedPanel *saved = m_page->savedPanel();
    m_page->sideTabs()->setCurrentWidget(saved);
    QTreeWidgetItem *item = saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger with conf"));
    QVERIFY(item);
    saved->tree()->setCurrentItem(item);
    saved->openAction()->trigger();
    RequestDraft expected = draft;
    expected.name = QStringLiteral("trigger with conf");
    QCOMPARE(m_page->editor()->draft(), expected);
    QCOMPARE(Windsock::Explorer::SavedRequests::openFile(file).value_or(RequestDraft()), expected);

    // Duplicate, then delete the copy (after asking).
    saved->duplicateAction()->trigger();
    QVERIFY(saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger with conf copy")));
    saved->tree()->setCurrentItem(
        saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger with conf copy")));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    saved->deleteAction()->trigger();
    QVERIFY(!saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger with conf copy")));
    QVERIFY(QFile::exists(file));

    // Renamed in place (F2): the open request's file follows, and Save writes to the new name.
    saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger with conf"))
        ->setText(0, QStringLiteral("trigger it"));
    QTRY_VERIFY(saved->itemOf(QStringLiteral("runs"), QStringLiteral("trigger it")));
    QVERIFY(!QFile::exists(file));
    QCOMPARE(m_page->editor()->findChild<QLabel *>(QStringLiteral("requestTitle"))->text(),
             QStringLiteral("runs / trigger it"));
    m_page->editor()->bodyEditor()->setText(QStringLiteral("{}"));
    m_page->saveAction()->trigger();
    QVERIFY(!m_page->saveDialog()); // saved over its file, no question
    QCOMPARE(Windsock::Explorer::SavedRequests::openFile(
                 m_page->savedRequests()->filePath(QStringLiteral("runs"), QStringLiteral("trigger it")))
                 ->body,
             QStringLiteral("{}"));
}

void TestExplorerPage::fetchAllPagesWithProgress()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags");
    draft.query = {{QStringLiteral("limit"), QStringLiteral("5"), true}};
    m_page->openDraft(draft, {});
    QPushButton *fetchAll = m_page->editor()->fetchAllButton();
    QTRY_VERIFY(fetchAll->isEnabled()); // a paged list operation of the catalogue
    QSignalSpy progress(m_page->editor()->pagesProgress(), &QProgressBar::valueChanged);
    QSignalSpy finished(m_page.get(), &ExplorerPage::requestFinished);
    fetchAll->click();
    QCOMPARE(fetchAll->text(), QStringLiteral("Cancel"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->viewer()->isParsing(), TimeoutMs);
    QVERIFY(!progress.isEmpty());
    int most = 0;
    for (const QList<QVariant> &signal : std::as_const(progress))
        most = qMax(most, signal.first().toInt());
    QCOMPARE(most, DagCount);
    QVERIFY(!m_page->editor()->pagesProgress()->isVisible());
    QCOMPARE(m_page->viewer()->status(), 200);
    Windsock::Models::JsonTreeModel *model = m_page->viewer()->treePanel()->model();
    QVERIFY(model->indexForPath(QStringLiteral("$.dags[%1]").arg(DagCount - 1)).isValid());
    QVERIFY(!model->indexForPath(QStringLiteral("$.dags[%1]").arg(DagCount)).isValid());
    QCOMPARE(model->valueText(model->indexForPath(QStringLiteral("$.total_entries"))),
             QString::number(DagCount));
}

void TestExplorerPage::invalidJsonBodyIsNotSent()
{
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/pools");
    m_page->openDraft(draft, {});
    Windsock::Ui::JsonBodyEditor *body = m_page->editor()->bodyEditor();
    const QString typed = QStringLiteral("{\n  \"name\": \"explorer_pool\",\n  \"slots\" 3\n}");
    body->editor()->setPlainText(typed);
    // Said as the user types (after a short pause), in words with the line and column.
    QTRY_VERIFY(body->statusLabel()->text().contains(QStringLiteral("line 3, column 11")));
    QVERIFY(body->statusLabel()->text().contains(QStringLiteral("colon")));

    // Ctrl+Return from the body itself, as a person sends.
    QApplication::setActiveWindow(m_page.get());
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    body->editor()->setFocus();
    QTest::keyClick(body->editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!m_page->isBusy());
    QVERIFY(m_page->viewer()->errorMessage().contains(QStringLiteral("line 3, column 11")));
    QCOMPARE(m_page->history()->count(), 0);
    QCOMPARE(body->text(), typed); // nothing typed is lost
    QCOMPARE(m_page->editor()->sections()->currentWidget(), body);
    QCOMPARE(body->editor()->textCursor().blockNumber(), 2);
    const auto pool = awaitResult<Api::Pool>(
        [this](auto done) { m_client->pool(QStringLiteral("explorer_pool"), this, done); });
    QVERIFY(pool && !pool->ok()); // never created
}

void TestExplorerPage::serverErrorKeepsTheRequest()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}");
    draft.pathParams = {{QStringLiteral("dag_id"), QStringLiteral("no_such_dag"), true}};
    m_page->openDraft(draft, {});
    sendAndWait();
    QCOMPARE(m_page->viewer()->status(), 404);
    QCOMPARE(m_page->viewer()->statusText(), QStringLiteral("404 Not Found"));
    QCOMPARE(m_page->editor()->draft().pathParams, draft.pathParams);

    // A path parameter left empty: nothing is sent, and it says so.
    draft.pathParams = {{QStringLiteral("dag_id"), QString(), true}};
    m_page->openDraft(draft, {});
    m_page->sendAction()->trigger();
    QVERIFY(!m_page->isBusy());
    QVERIFY(!m_page->viewer()->errorMessage().isEmpty());
    QCOMPARE(m_page->history()->count(), 1);
}

void TestExplorerPage::variablesInPathAndBody()
{
    m_page->editor()->variablesButton()->click();
    Windsock::Ui::VariablesDialog *dialog = m_page->variablesDialog();
    QVERIFY(dialog);
    dialog->table()->setValue(QStringLiteral("bad name"), QStringLiteral("x"));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(!dialog->errorText().isEmpty()); // refused in words, the dialog stays
    QVERIFY(m_page->variablesDialog());
    dialog->table()->setEntries(
        {{QStringLiteral("dag"), m_dagId, true}, {QStringLiteral("slots"), QStringLiteral("4"), true}});
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!m_page->variablesDialog());
    QCOMPARE(m_page->variables().value(QStringLiteral("dag")), m_dagId);
    QVERIFY(QFile::exists(Windsock::Explorer::VariableStore::defaultFilePath(ProfileId)));

    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{{dag}}");
    m_page->openDraft(draft, {});
    sendAndWait();
    QCOMPARE(m_page->viewer()->status(), 200);
    Windsock::Models::JsonTreeModel *model = m_page->viewer()->treePanel()->model();
    QCOMPARE(model->valueText(model->indexForPath(QStringLiteral("$.dag_id"))), m_dagId);

    // In a body, a variable counts as its value for the check; an unknown one is named.
    Windsock::Ui::JsonBodyEditor *body = m_page->editor()->bodyEditor();
    body->setText(QStringLiteral("{\"slots\": {{slots}}}"));
    QVERIFY(body->currentCheck().valid);
    body->setText(QStringLiteral("{\"slots\": {{nope}}}"));
    QVERIFY(!body->currentCheck().valid);
    QVERIFY(body->statusLabel()->text().contains(QStringLiteral("{{nope}}")));
}

void TestExplorerPage::snippetsAndFilesLeaveTheSecretOut()
{
    // A password the sandbox refuses: the answer is a 401, and nothing written may hold the password.
    const QString secret = QStringLiteral("not-the-password-42");
    const auto client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl(), secret);
    ExplorerPage page(client.get(), ProfileId);
    page.savedPanel()->setFolder(m_savedFolder->path());
    page.refresh();
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/pools");
    page.openDraft(draft, {});

    QVERIFY(!page.includeSecretsAction()->isChecked());
    page.copyActions().at(0)->trigger(); // cURL
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY(curl.startsWith(QStringLiteral("curl")) || curl.contains(QStringLiteral("curl ")));
    QVERIFY(!curl.contains(secret));
    QVERIFY(curl.contains(QStringLiteral("AIRFLOW_PASSWORD")));
    QVERIFY(page.notices()->text().contains(QStringLiteral("AIRFLOW_PASSWORD")));
    for (const ExplorerPage::Snippet kind : {ExplorerPage::Snippet::Python, ExplorerPage::Snippet::Httpie}) {
        QVERIFY(!page.snippet(kind, false).isEmpty());
        QVERIFY(!page.snippet(kind, false).contains(secret));
    }
    page.includeSecretsAction()->setChecked(true);
    page.copyActions().at(0)->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().contains(secret));

    QSignalSpy finished(&page, &ExplorerPage::requestFinished);
    page.sendAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QCOMPARE(page.viewer()->status(), 401);
    QVERIFY(page.saveTo(QString(), QStringLiteral("pools")));
    for (const QString &path :
         {page.history()->filePath(), page.savedRequests()->filePath({}, QStringLiteral("pools"))}) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(path));
    }
}

void TestExplorerPage::cancelWhileInFlight()
{
    Sandbox::FaultOptions slow;
    slow.latencyMs = 10000;
    m_sandbox->setFaults(slow);
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags");
    draft.query = {{QStringLiteral("limit"), QStringLiteral("5"), true}};
    m_page->openDraft(draft, {});
    Windsock::Ui::RequestEditor *editor = m_page->editor();

    QSignalSpy finished(m_page.get(), &ExplorerPage::requestFinished);
    m_page->sendAction()->trigger();
    QVERIFY(m_page->isBusy());
    QCOMPARE(editor->sendButton()->text(), QStringLiteral("Cancel"));
    editor->sendButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QVERIFY(!m_page->isBusy());
    QVERIFY(m_page->viewer()->errorMessage().startsWith(QStringLiteral("Cancelled")));
    QCOMPARE(editor->sendButton()->text(), QStringLiteral("Send"));
    QCOMPARE(editor->draft().query, draft.query);

    // Fetching every page: its button becomes Cancel, with the progress bar, until cancelled.
    QTRY_VERIFY(editor->fetchAllButton()->isEnabled());
    editor->fetchAllButton()->click();
    QVERIFY(m_page->isBusy());
    QVERIFY(editor->pagesProgress()->isVisible());
    QVERIFY(!editor->sendButton()->isEnabled());
    editor->fetchAllButton()->click();
    QVERIFY(!m_page->isBusy());
    QVERIFY(!editor->pagesProgress()->isVisible());
    QVERIFY(editor->sendButton()->isEnabled());
    QVERIFY(m_page->viewer()->errorMessage().contains(QStringLiteral("cancelled")));
}

void TestExplorerPage::unreachableServerIsASentence()
{
    const auto client =
        Windsock::Tests::sandboxClient(&m_network, QUrl(QStringLiteral("http://127.0.0.1:1")));
    ExplorerPage page(client.get(), ProfileId);
    page.refresh();
    // No document either: the catalogue says why, and requests are still typed by hand.
    QTRY_VERIFY_WITH_TIMEOUT(!page.cataloguePanel()->message().contains(QStringLiteral("Reading")),
                             TimeoutMs);
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags");
    page.openDraft(draft, {});
    QSignalSpy finished(&page, &ExplorerPage::requestFinished);
    page.sendAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QCOMPARE(page.viewer()->status(), 0);
    const QString message = page.viewer()->errorMessage();
    QVERIFY(!message.isEmpty());
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1:1")), qPrintable(message)); // says where, in words
    QCOMPARE(page.editor()->draft().path, draft.path);
    QCOMPARE(page.history()->entries().last().error, message);
}

void TestExplorerPage::readOnlyProfileSendsOnlyReads()
{
    m_page->setReadOnly(true);
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/pools");
    draft.body = QStringLiteral("{\"name\": \"read_only_pool\", \"slots\": 1}");
    m_page->openDraft(draft, {});
    m_page->sendAction()->trigger();
    QVERIFY(!m_page->isBusy());
    QVERIFY(m_page->viewer()->errorMessage().contains(QStringLiteral("read-only")));
    QCOMPARE(m_page->history()->count(), 0);
    QCOMPARE(m_page->editor()->draft().body, draft.body);

    draft.method = QByteArrayLiteral("GET");
    draft.body.clear();
    m_page->openDraft(draft, {});
    sendAndWait();
    QCOMPARE(m_page->viewer()->status(), 200);
}

void TestExplorerPage::airflow3CatalogueSendAndPages()
{
    const QString spec = QStringLiteral(WINDSOCK_SHARED_DIR "/airflow-openapi/airflow-3-v2.yaml");
    if (!QFile::exists(spec))
        QSKIP("The official Airflow 3 spec is not beside the checkout (../shared/airflow-openapi).");
    Sandbox::SandboxOptions options;
    options.api = Sandbox::ApiVersion::V2;
    options.dagCount = DagCount;
    options.runsPerDag = 1;
    options.clock = Sandbox::ClockKind::Manual;
    options.openApiFile = spec;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    Api::AirflowClient client(&m_network, sandbox.baseUrl(), std::make_unique<Api::DialectV2>(),
                              std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                  QStringLiteral("admin"), QStringLiteral("admin")));
    ExplorerPage page(&client, ProfileId);
    page.resize(1400, 900);
    page.show();
    page.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!page.cataloguePanel()->catalogue().isEmpty(), TimeoutMs);
    for (const Windsock::Explorer::ApiOperation &operation : page.cataloguePanel()->catalogue().operations())
        QVERIFY2(!operation.path.startsWith(QStringLiteral("/ui/")), qPrintable(operation.path));

    QTreeWidget *tree = page.cataloguePanel()->tree();
    QTreeWidgetItem *getDag = page.cataloguePanel()->itemOf(QStringLiteral("get_dag"));
    QVERIFY(getDag);
    tree->setCurrentItem(getDag);
    Q_EMIT tree->itemActivated(getDag, 0);
    QCOMPARE(page.editor()->pathEdit()->text(), QStringLiteral("/api/v2/dags/{dag_id}"));
    page.editor()->pathParamsTable()->setValue(QStringLiteral("dag_id"), m_dagId);
    QSignalSpy finished(&page, &ExplorerPage::requestFinished);
    page.sendAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!page.viewer()->isParsing(), TimeoutMs);
    QCOMPARE(page.viewer()->status(), 200);
    Windsock::Models::JsonTreeModel *model = page.viewer()->treePanel()->model();
    QCOMPARE(model->valueText(model->indexForPath(QStringLiteral("$.dag_id"))), m_dagId);

    // Every page of the DAGs, through the JWT the client logged in with.
    RequestDraft list;
    list.path = QStringLiteral("/api/v2/dags");
    list.query = {{QStringLiteral("limit"), QStringLiteral("10"), true}};
    page.openDraft(list, {});
    QTRY_VERIFY(page.editor()->fetchAllButton()->isEnabled());
    page.editor()->fetchAllButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!page.viewer()->isParsing(), TimeoutMs);
    QCOMPARE(page.viewer()->status(), 200);
    QVERIFY(model->indexForPath(QStringLiteral("$.dags[%1]").arg(DagCount - 1)).isValid());
}

QTEST_MAIN(TestExplorerPage)
#include "tst_explorerpage.moc"
