// The variables page offscreen on the in-process sandbox: create, edit and delete a variable through the page
// (the server checked with the client), a JSON typo that keeps Save disabled and says where, a refused create
// that keeps what was typed, the delete confirmation listing the keys, values of sensitive keys masked until
// shown, read-only, and import/export in the format of `airflow variables import/export`.

#include "models/variablemodel.h"
#include "profiles/filedialog.h"
#include "profiles/messagebox.h"
#include "resources/jsontextedit.h"
#include "resources/variableeditdialog.h"
#include "resources/variablespage.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include "api/dialectv2.h"
#include "auth/jwtloginauthenticator.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Windsock::Models::VariableModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::FileDialog;
using Windsock::Ui::JsonTextEdit;
using Windsock::Ui::MessageBox;
using Windsock::Ui::VariableEditDialog;
using Windsock::Ui::VariablesPage;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestVariablesPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createEditAndDeleteThroughThePage();
    void jsonTypoKeepsSaveDisabled();
    void jsonCheck_data();
    void jsonCheck();
    void refusedCreateKeepsWhatWasTyped();
    void deleteAsksWithTheKeys();
    void sensitiveValuesMaskedUntilShown();
    void readOnlyDisablesChanges();
    void exportsAsTheCliDoes();
    void importsAsTheCliDoes();
    void filterNarrowsTheTable();
    void bulkDeleteOnAirflow3();
    void importChoiceForExistingKeys_data();
    void importChoiceForExistingKeys();

private:
    // A sandbox in the given API mode, a client for it (JWT on Airflow 3) and a page on it, loaded.
    struct Deployment
    {
        std::unique_ptr<Sandbox::SandboxServer> sandbox;
        std::unique_ptr<Api::AirflowClient> client;
        std::unique_ptr<VariablesPage> page;
    };
    Deployment deployment(bool v2);
    Api::Result<Api::Variable> serverVariable(const QString &key);
    void selectOnly(const QString &key);
    VariableEditDialog *openedDialog();

    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<VariablesPage> m_page;
};

void TestVariablesPage::initTestCase()
{
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestVariablesPage::init()
{
    MessageBox::reset();
    FileDialog::reset();
    m_page = std::make_unique<VariablesPage>(m_client.get(), false);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isComplete(), TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->pendingValues() == 0, TimeoutMs);
}

void TestVariablesPage::cleanup()
{
    m_page.reset();
}

Api::Result<Api::Variable> TestVariablesPage::serverVariable(const QString &key)
{
    return *awaitResult<Api::Variable>([&](auto done) { m_client->variable(key, this, done); });
}

void TestVariablesPage::selectOnly(const QString &key)
{
    m_page->view()->clearSelection();
    m_page->selectKey(key);
    QCOMPARE(m_page->selectedKeys(), QStringList{key});
}

VariableEditDialog *TestVariablesPage::openedDialog()
{
    VariableEditDialog *dialog = m_page->editDialog();
    if (dialog) {
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), TimeoutMs); }();
    }
    return dialog;
}

void TestVariablesPage::createEditAndDeleteThroughThePage()
{
    // Create.
    m_page->addAction()->trigger();
    VariableEditDialog *dialog = openedDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->keyEdit()->isReadOnly());
    QVERIFY(!dialog->saveButton()->isEnabled()); // no key yet
    const QString typed = QStringLiteral("{\"targets\":[\"a\",  \"b\"],\n \"retries\": 3}");
    QTest::keyClicks(dialog->keyEdit(), QStringLiteral("from_the_page"));
    dialog->valueEdit()->editor()->setPlainText(typed);
    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("typed in a test"));
    QVERIFY(dialog->valueEdit()->statusText().contains(QLatin1String("Valid JSON")));
    QVERIFY(dialog->saveButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs); // saved and closed
    Api::Result<Api::Variable> stored = serverVariable(QStringLiteral("from_the_page"));
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().value, typed); // exactly as typed, not re-indented
    QCOMPARE(stored.value().description, QStringLiteral("typed in a test"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(QStringLiteral("from_the_page")) >= 0, TimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->selectedKeys(), QStringList{QStringLiteral("from_the_page")},
                              TimeoutMs);

    // Edit: the key is fixed, the value comes from the server.
    selectOnly(QStringLiteral("from_the_page"));
    m_page->editAction()->trigger();
    dialog = openedDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->keyEdit()->isReadOnly());
    QCOMPARE(dialog->valueEdit()->text(), typed);
    QCOMPARE(dialog->descriptionEdit()->text(), QStringLiteral("typed in a test"));
    dialog->valueEdit()->editor()->setPlainText(QStringLiteral("plain now"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(serverVariable(QStringLiteral("from_the_page")).value().value, QStringLiteral("plain now"));
    const int row = m_page->model()->rowOfKey(QStringLiteral("from_the_page"));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->index(row, VariableModel::Value).data().toString(),
                              QStringLiteral("plain now"), TimeoutMs);

    // Delete with the Delete key, confirmed.
    selectOnly(QStringLiteral("from_the_page"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->view()->setFocus();
    QTest::keyClick(m_page->view(), Qt::Key_Delete);
    QVERIFY(MessageBox::lastText().contains(QLatin1String("from_the_page")));
    QTRY_COMPARE_WITH_TIMEOUT(serverVariable(QStringLiteral("from_the_page")).error().kind(),
                              Api::ApiError::Kind::NotFound, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(QStringLiteral("from_the_page")) < 0, TimeoutMs);
    QVERIFY(m_page->errorText().isEmpty());
}

void TestVariablesPage::jsonTypoKeepsSaveDisabled()
{
    m_page->addAction()->trigger();
    VariableEditDialog *dialog = openedDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->keyEdit(), QStringLiteral("typo"));
    dialog->valueEdit()->editor()->setPlainText(QStringLiteral("{\"a\": 1,\n  \"b\": }"));
    QVERIFY(!dialog->valueEdit()->isAcceptable());
    QVERIFY2(dialog->valueEdit()->statusText().startsWith(QLatin1String("Line 2, column 8")),
             qPrintable(dialog->valueEdit()->statusText()));
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY(dialog->saveButton()->toolTip().contains(QLatin1String("Line 2")));
    dialog->save(); // even called directly, nothing is sent
    QVERIFY(!dialog->isBusy());
    QVERIFY(serverVariable(QStringLiteral("typo")).error().kind() == Api::ApiError::Kind::NotFound);

    // Fixed: Save comes back, and a pretty-printed preview shows.
    dialog->valueEdit()->editor()->setPlainText(QStringLiteral("{\"a\": 1,\n  \"b\": 2}"));
    QVERIFY(dialog->saveButton()->isEnabled());
    QVERIFY(
        dialog->valueEdit()->findChild<QPlainTextEdit *>(QStringLiteral("jsonPreview"))->isVisibleTo(dialog));
    // Text that is not meant as JSON is a plain string.
    dialog->valueEdit()->editor()->setPlainText(QStringLiteral("just words, b: }"));
    QVERIFY(dialog->saveButton()->isEnabled());
    dialog->reject();
}

void TestVariablesPage::jsonCheck_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("jsonOnly");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("empty") << QString() << false << true << 0 << 0;
    QTest::newRow("plain") << QStringLiteral("staging") << false << true << 0 << 0;
    QTest::newRow("object") << QStringLiteral("{\"a\": [1, 2]}") << false << true << 0 << 0;
    QTest::newRow("array") << QStringLiteral("  [1, 2, 3]  ") << false << true << 0 << 0;
    QTest::newRow("missing value") << QStringLiteral("{\"a\":\n}") << false << false << 2 << 1;
    QTest::newRow("after unicode") << QStringLiteral("[\"\u00e9t\u00e9\", ]") << false << false << 1 << 9;
    QTest::newRow("plain when json only") << QStringLiteral("x") << true << false << 1 << 1;
    QTest::newRow("array when json only") << QStringLiteral("[1]") << true << false << 1 << 1;
}

void TestVariablesPage::jsonCheck()
{
    QFETCH(QString, text);
    QFETCH(bool, jsonOnly);
    QFETCH(bool, valid);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonTextEdit::Check check = JsonTextEdit::check(text, jsonOnly);
    QCOMPARE(check.valid, valid);
    if (!valid) {
        QCOMPARE(check.line, line);
        QCOMPARE(check.column, column);
        QVERIFY(!check.message.isEmpty());
    }
}

void TestVariablesPage::refusedCreateKeepsWhatWasTyped()
{
    m_page->addAction()->trigger();
    VariableEditDialog *dialog = openedDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->keyEdit(), QStringLiteral("environment")); // exists already
    dialog->valueEdit()->editor()->setPlainText(QStringLiteral("production"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(dialog->errorText().contains(QLatin1String("already exists")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->keyEdit()->text(), QStringLiteral("environment"));
    QCOMPARE(dialog->valueEdit()->text(), QStringLiteral("production"));
    QVERIFY(dialog->saveButton()->isEnabled());
    QCOMPARE(serverVariable(QStringLiteral("environment")).value().value, QStringLiteral("staging"));
    dialog->reject();
}

void TestVariablesPage::deleteAsksWithTheKeys()
{
    m_page->view()->clearSelection();
    m_page->selectKey(QStringLiteral("environment"));
    const QModelIndex alert = m_page->proxy()->mapFromSource(
        m_page->model()->index(m_page->model()->rowOfKey(QStringLiteral("alert_email")), 0));
    m_page->view()->selectionModel()->select(alert, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_page->selectedKeys().size(), 2);
    QVERIFY(m_page->deleteAction()->isEnabled());
    QVERIFY(!m_page->editAction()->isEnabled()); // one at a time
    MessageBox::setNextAnswer(QMessageBox::No);
    m_page->deleteAction()->trigger();
    QVERIFY(MessageBox::lastText().contains(QLatin1String("environment")));
    QVERIFY(MessageBox::lastText().contains(QLatin1String("alert_email")));
    QVERIFY(MessageBox::lastText().contains(QLatin1String("these 2 variables")));
    QVERIFY(!m_page->isBusy());
    QVERIFY(serverVariable(QStringLiteral("environment")).ok());
    QVERIFY(serverVariable(QStringLiteral("alert_email")).ok());
}

void TestVariablesPage::sensitiveValuesMaskedUntilShown()
{
    Api::Variable secret;
    secret.key = QStringLiteral("smtp_password");
    secret.value = QStringLiteral("hunter2");
    QVERIFY(
        awaitResult<Api::Variable>([&](auto done) { m_client->createVariable(secret, this, done); })->ok());
    m_page->refreshAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(secret.key) >= 0, TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->hasValue(secret.key), TimeoutMs);
    const QModelIndex value =
        m_page->model()->index(m_page->model()->rowOfKey(secret.key), VariableModel::Value);
    QCOMPARE(value.data().toString(), QStringLiteral("***"));
    // Filtering does not find a masked value.
    m_page->filterEdit()->setText(QStringLiteral("hunter"));
    QCOMPARE(m_page->proxy()->rowCount(), 0);
    m_page->showValuesAction()->trigger();
    QCOMPARE(value.data().toString(), QStringLiteral("hunter2"));
    QCOMPARE(m_page->proxy()->rowCount(), 1);
    m_page->showValuesAction()->trigger();
    QCOMPARE(value.data().toString(), QStringLiteral("***"));
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                m_client->deleteVariable(secret.key, this, done);
            })->ok());
}

void TestVariablesPage::readOnlyDisablesChanges()
{
    VariablesPage page(m_client.get(), true);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0, TimeoutMs);
    page.selectKey(QStringLiteral("environment"));
    QVERIFY(!page.addAction()->isEnabled());
    QVERIFY(!page.editAction()->isEnabled());
    QVERIFY(!page.deleteAction()->isEnabled());
    QVERIFY(!page.importAction()->isEnabled());
    QVERIFY(page.exportAction()->isEnabled());
    QVERIFY(page.refreshAction()->isEnabled());
    page.addVariable();
    page.deleteSelected();
    QVERIFY(!page.editDialog());
    QVERIFY(page.statusText().contains(QLatin1String("read-only")));
}

void TestVariablesPage::exportsAsTheCliDoes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("variables.json"));
    FileDialog::setNextFileName(fileName);
    m_page->exportAction()->trigger();
    QVERIFY(m_page->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), TimeoutMs);
    QVERIFY2(m_page->statusText().startsWith(QLatin1String("Exported")), qPrintable(m_page->statusText()));
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject exported = QJsonDocument::fromJson(file.readAll()).object();
    const QList<Api::Variable> all =
        awaitResult<QList<Api::Variable>>([&](auto done) { m_client->allVariables(this, done); })->value();
    QCOMPARE(exported.size(), all.size());
    // JSON text goes out as JSON; a description wraps the value; other values are strings.
    const QJsonObject settings = exported.value(QStringLiteral("etl_settings")).toObject();
    QCOMPARE(settings.value(QStringLiteral("value")).toObject().value(QStringLiteral("batch_size")).toInt(),
             500);
    QCOMPARE(settings.value(QStringLiteral("description")).toString(),
             QStringLiteral("Settings of the nightly ETL, read by etl_orders"));
    QCOMPARE(exported.value(QStringLiteral("environment")).toString(), QStringLiteral("staging"));
    QVERIFY(exported.value(QStringLiteral("feature_flags")).isArray());
}

void TestVariablesPage::importsAsTheCliDoes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("import.json"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"imported_text\": \"hello\", \"imported_json\": {\"x\": [1, 2]},"
               " \"imported_described\": {\"value\": \"v\", \"description\": \"d\"},"
               " \"environment\": \"production\"}");
    file.close();

    // One key exists: keep it (No), import the rest.
    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::No);
    m_page->importAction()->trigger();
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("4 variables")),
             qPrintable(MessageBox::lastText()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), TimeoutMs);
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    // The summary names what was kept.
    QVERIFY2(m_page->statusText().contains(QLatin1String("1 skipped (environment)")),
             qPrintable(m_page->statusText()));
    QCOMPARE(serverVariable(QStringLiteral("imported_text")).value().value, QStringLiteral("hello"));
    QCOMPARE(serverVariable(QStringLiteral("imported_json")).value().value,
             QStringLiteral("{\n  \"x\": [\n    1,\n    2\n  ]\n}")); // json.dumps(indent=2)
    QCOMPARE(serverVariable(QStringLiteral("imported_described")).value().description, QStringLiteral("d"));
    QCOMPARE(serverVariable(QStringLiteral("environment")).value().value, QStringLiteral("staging"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(QStringLiteral("imported_json")) >= 0, TimeoutMs);

    // A file that is not a variables file says so and changes nothing.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[1, 2]");
    file.close();
    FileDialog::setNextFileName(fileName);
    m_page->importAction()->trigger();
    QVERIFY2(m_page->errorText().contains(QLatin1String("not a variables file")),
             qPrintable(m_page->errorText()));
    for (const char *key : {"imported_text", "imported_json", "imported_described"})
        QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                    m_client->deleteVariable(QLatin1String(key), this, done);
                })->ok());
}

void TestVariablesPage::filterNarrowsTheTable()
{
    const int all = m_page->proxy()->rowCount();
    QVERIFY(all >= 5);
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("ETL"));
    QVERIFY(m_page->proxy()->rowCount() >= 1);
    QVERIFY(m_page->proxy()->rowCount() < all);
    m_page->filterEdit()->clear();
    QCOMPARE(m_page->proxy()->rowCount(), all);
}

TestVariablesPage::Deployment TestVariablesPage::deployment(bool v2)
{
    Deployment d;
    Sandbox::SandboxOptions options;
    options.api = v2 ? Sandbox::ApiVersion::V2 : Sandbox::ApiVersion::V1;
    options.dagCount = 3;
    options.clock = Sandbox::ClockKind::Manual;
    d.sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    if (!d.sandbox->listen())
        return d;
    if (v2)
        d.client = std::make_unique<Api::AirflowClient>(
            &m_network, d.sandbox->baseUrl(), std::make_unique<Api::DialectV2>(),
            std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(QStringLiteral("admin"),
                                                                    QStringLiteral("admin")));
    else
        d.client = Windsock::Tests::sandboxClient(&m_network, d.sandbox->baseUrl());
    d.page = std::make_unique<VariablesPage>(d.client.get(), false);
    d.page->resize(1000, 600);
    d.page->show();
    return d;
}

void TestVariablesPage::bulkDeleteOnAirflow3()
{
    Deployment d = deployment(true);
    QVERIFY(d.page);
    QTRY_VERIFY_WITH_TIMEOUT(d.page->model()->isComplete(), TimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(d.page->model()->pendingValues() == 0, TimeoutMs);
    d.page->view()->clearSelection();
    d.page->selectKey(QStringLiteral("environment"));
    const QModelIndex alert = d.page->proxy()->mapFromSource(
        d.page->model()->index(d.page->model()->rowOfKey(QStringLiteral("alert_email")), 0));
    d.page->view()->selectionModel()->select(alert, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(d.page->selectedKeys().size(), 2);
    const quint64 before = d.sandbox->requestCount();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    d.page->deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!d.page->isBusy(), TimeoutMs);
    QVERIFY2(d.page->errorText().isEmpty(), qPrintable(d.page->errorText()));
    QVERIFY2(d.page->statusText().contains(QLatin1String("2 of 2 done")), qPrintable(d.page->statusText()));
    // One PATCH for both (the refresh after it reads the list again).
    QVERIFY(d.sandbox->requestCount() - before >= 1);
    for (const char *key : {"environment", "alert_email"}) {
        const auto read = awaitResult<Api::Variable>(
            [&](auto done) { d.client->variable(QLatin1String(key), this, done); });
        QCOMPARE(read->error().kind(), Api::ApiError::Kind::NotFound);
    }
    QTRY_VERIFY_WITH_TIMEOUT(d.page->model()->rowOfKey(QStringLiteral("environment")) < 0, TimeoutMs);
}

void TestVariablesPage::importChoiceForExistingKeys_data()
{
    QTest::addColumn<bool>("v2");
    QTest::newRow("Airflow 2, one by one") << false;
    QTest::newRow("Airflow 3, bulk PATCH") << true;
}

// The same file and the same answers give the same outcome on both APIs: "import nothing" refuses the whole
// file and names the clash; "overwrite" imports everything.
void TestVariablesPage::importChoiceForExistingKeys()
{
    QFETCH(bool, v2);
    Deployment d = deployment(v2);
    QVERIFY(d.page);
    QTRY_VERIFY_WITH_TIMEOUT(d.page->model()->isComplete(), TimeoutMs);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("import.json"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"bulk_new\": \"fresh\", \"environment\": \"from-file\"}");
    file.close();
    const auto stored = [&](const char *key) {
        const auto read = awaitResult<Api::Variable>(
            [&](auto done) { d.client->variable(QLatin1String(key), this, done); });
        return read->ok() ? read->value().value : QString();
    };

    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::Abort);
    d.page->importAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!d.page->isBusy(), TimeoutMs);
    QVERIFY2(d.page->errorText().contains(QLatin1String("2 of 2 failed")), qPrintable(d.page->errorText()));
    QVERIFY2(d.page->errorText().contains(QLatin1String("variable environment:")),
             qPrintable(d.page->errorText()));
    QVERIFY2(d.page->errorText().contains(QLatin1String("variable bulk_new:")),
             qPrintable(d.page->errorText()));
    QCOMPARE(stored("bulk_new"), QString());
    QCOMPARE(stored("environment"), QStringLiteral("staging"));

    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    d.page->importAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!d.page->isBusy(), TimeoutMs);
    QVERIFY2(d.page->errorText().isEmpty(), qPrintable(d.page->errorText()));
    QVERIFY2(d.page->statusText().contains(QLatin1String("2 of 2 done")), qPrintable(d.page->statusText()));
    QCOMPARE(stored("bulk_new"), QStringLiteral("fresh"));
    QCOMPARE(stored("environment"), QStringLiteral("from-file"));

    // Cancel at the question sends nothing.
    const quint64 before = d.sandbox->requestCount();
    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    d.page->importAction()->trigger();
    QVERIFY(!d.page->isBusy());
    QCOMPARE(d.sandbox->requestCount(), before);
}

QTEST_MAIN(TestVariablesPage)
#include "tst_variablespage.moc"
