// The connections page offscreen on the in-process sandbox: an edit that does not touch the password keeps it
// (checked in the sandbox's state: the API never returns it), "clear" removes it, a new connection is made
// through the page, a refusal keeps what was typed, invalid extra keeps Save disabled, and Test connection
// explains a server with testing switched off (403) and reports success on one that allows it.

#include "models/connectionmodel.h"
#include "profiles/messagebox.h"
#include "resources/connectioneditdialog.h"
#include "resources/connectionspage.h"
#include "resources/jsontextedit.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include "api/dialectv2.h"
#include "auth/jwtloginauthenticator.h"

#include <sandbox/resourcestore.h>
#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <memory>

using Windsock::Models::ConnectionModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::ConnectionEditDialog;
using Windsock::Ui::ConnectionsPage;
using Windsock::Ui::MessageBox;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestConnectionsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void editWithoutThePasswordKeepsIt();
    void clearingThePasswordRemovesIt();
    void createAndDeleteThroughThePage();
    void refusalKeepsWhatWasTyped();
    void invalidExtraKeepsSaveDisabled();
    void testConnectionDisabledIsExplained();
    void testConnectionEnabledReportsSuccess();
    void readOnlyDisablesChanges();
    void bulkDeleteOnAirflow3();

private:
    void start(bool allowConnectionTest);
    QString storedPassword(const QString &connectionId) const;
    ConnectionEditDialog *editConnection(const QString &connectionId);

    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<ConnectionsPage> m_page;
};

void TestConnectionsPage::initTestCase()
{
    start(false);
}

void TestConnectionsPage::start(bool allowConnectionTest)
{
    m_page.reset();
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    options.allowConnectionTest = allowConnectionTest;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    m_page = std::make_unique<ConnectionsPage>(m_client.get(), false);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isComplete(), TimeoutMs);
}

void TestConnectionsPage::init()
{
    MessageBox::reset();
    if (!m_page)
        start(false);
}

void TestConnectionsPage::cleanup()
{
    if (m_page && m_page->editDialog())
        m_page->editDialog()->reject();
}

QString TestConnectionsPage::storedPassword(const QString &connectionId) const
{
    const auto &connections = m_sandbox->state().resources().connections;
    for (const auto &connection : connections) {
        if (connection.connectionId == connectionId)
            return connection.password;
    }
    return QStringLiteral("<no such connection>");
}

ConnectionEditDialog *TestConnectionsPage::editConnection(const QString &connectionId)
{
    m_page->view()->clearSelection();
    m_page->selectId(connectionId);
    m_page->editAction()->trigger();
    ConnectionEditDialog *dialog = m_page->editDialog();
    if (dialog) {
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), TimeoutMs); }();
    }
    return dialog;
}

void TestConnectionsPage::editWithoutThePasswordKeepsIt()
{
    QCOMPARE(storedPassword(QStringLiteral("warehouse")), QStringLiteral("s3cr3t"));
    ConnectionEditDialog *dialog = editConnection(QStringLiteral("warehouse"));
    QVERIFY(dialog);
    QVERIFY(dialog->idEdit()->isReadOnly());
    QCOMPARE(dialog->hostEdit()->text(), QStringLiteral("warehouse.internal"));
    QCOMPARE(dialog->portEdit()->value(), 5432);
    QCOMPARE(dialog->typeEdit()->currentText(), QStringLiteral("postgres"));
    QVERIFY(dialog->extraEdit()->text().contains(QLatin1String("sslmode")));
    // Never shown, never pre-filled; the placeholder says what an empty field means.
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    QCOMPARE(dialog->passwordEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(dialog->passwordEdit()->placeholderText().contains(QLatin1String("keep the current password")));

    dialog->hostEdit()->setText(QStringLiteral("warehouse2.internal"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(storedPassword(QStringLiteral("warehouse")), QStringLiteral("s3cr3t"));
    const int row = m_page->model()->rowOfKey(QStringLiteral("warehouse"));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->index(row, ConnectionModel::Host).data().toString(),
                              QStringLiteral("warehouse2.internal"), TimeoutMs);
    QCOMPARE(m_page->model()->index(row, ConnectionModel::Login).data().toString(), QStringLiteral("etl"));

    // A typed password replaces it.
    dialog = editConnection(QStringLiteral("warehouse"));
    QVERIFY(dialog);
    QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("n3w-s3cr3t"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(storedPassword(QStringLiteral("warehouse")), QStringLiteral("n3w-s3cr3t"));
}

void TestConnectionsPage::clearingThePasswordRemovesIt()
{
    QCOMPARE(storedPassword(QStringLiteral("postgres_default")), QStringLiteral("airflow"));
    ConnectionEditDialog *dialog = editConnection(QStringLiteral("postgres_default"));
    QVERIFY(dialog);
    dialog->passwordEdit()->setText(QStringLiteral("typed then cleared"));
    dialog->clearPasswordBox()->setChecked(true);
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    QVERIFY(!dialog->passwordEdit()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(storedPassword(QStringLiteral("postgres_default")), QString());
}

void TestConnectionsPage::createAndDeleteThroughThePage()
{
    m_page->addAction()->trigger();
    ConnectionEditDialog *dialog = m_page->editDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->saveButton()->isEnabled()); // no id, no type
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("made_in_page"));
    dialog->typeEdit()->setCurrentText(QStringLiteral("mysql"));
    dialog->hostEdit()->setText(QStringLiteral("db.example"));
    dialog->portEdit()->setValue(3306);
    dialog->loginEdit()->setText(QStringLiteral("reader"));
    dialog->passwordEdit()->setText(QStringLiteral("pw"));
    dialog->extraEdit()->editor()->setPlainText(QStringLiteral("{\"charset\": \"utf8\"}"));
    QVERIFY(dialog->saveButton()->isEnabled());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(storedPassword(QStringLiteral("made_in_page")), QStringLiteral("pw"));
    const auto made = awaitResult<Api::Connection>(
        [&](auto done) { m_client->connection(QStringLiteral("made_in_page"), this, done); });
    QVERIFY(made->ok());
    QCOMPARE(made->value().port, 3306);
    QCOMPARE(made->value().connType, QStringLiteral("mysql"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(QStringLiteral("made_in_page")) >= 0, TimeoutMs);

    m_page->view()->clearSelection();
    m_page->selectId(QStringLiteral("made_in_page"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_page->deleteAction()->trigger();
    QVERIFY(MessageBox::lastText().contains(QLatin1String("made_in_page")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfKey(QStringLiteral("made_in_page")) < 0, TimeoutMs);
    QCOMPARE(storedPassword(QStringLiteral("made_in_page")), QStringLiteral("<no such connection>"));
}

void TestConnectionsPage::refusalKeepsWhatWasTyped()
{
    m_page->addAction()->trigger();
    ConnectionEditDialog *dialog = m_page->editDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("has space"));
    dialog->typeEdit()->setCurrentText(QStringLiteral("http"));
    dialog->hostEdit()->setText(QStringLiteral("example.org"));
    dialog->passwordEdit()->setText(QStringLiteral("kept"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(dialog->errorText().contains(QLatin1String("400")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->idEdit()->text(), QStringLiteral("has space"));
    QCOMPARE(dialog->hostEdit()->text(), QStringLiteral("example.org"));
    QCOMPARE(dialog->passwordEdit()->text(), QStringLiteral("kept"));

    // A duplicate id: 409 in plain words.
    dialog->idEdit()->setText(QStringLiteral("warehouse"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().contains(QLatin1String("warehouse")), TimeoutMs);
    QVERIFY(dialog->isVisible());
}

void TestConnectionsPage::invalidExtraKeepsSaveDisabled()
{
    ConnectionEditDialog *dialog = editConnection(QStringLiteral("aws_default"));
    QVERIFY(dialog);
    QVERIFY(dialog->saveButton()->isEnabled());
    dialog->extraEdit()->editor()->setPlainText(QStringLiteral("{\"region_name\": eu-west-1}"));
    QVERIFY(!dialog->saveButton()->isEnabled());
    QVERIFY(!dialog->testButton()->isEnabled());
    QVERIFY(dialog->extraEdit()->statusText().startsWith(QLatin1String("Line 1, column")));
    dialog->extraEdit()->editor()->setPlainText(QStringLiteral("[\"not an object\"]"));
    QVERIFY(!dialog->saveButton()->isEnabled());
    dialog->extraEdit()->editor()->setPlainText(QString()); // empty: no extra
    QVERIFY(dialog->saveButton()->isEnabled());
}

void TestConnectionsPage::testConnectionDisabledIsExplained()
{
    ConnectionEditDialog *dialog = editConnection(QStringLiteral("http_default"));
    QVERIFY(dialog);
    dialog->loginEdit()->setText(QStringLiteral("typed login"));
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->testResultText().isEmpty(), TimeoutMs);
    const QString text = dialog->testResultText();
    QVERIFY2(text.contains(QLatin1String("[core] test_connection = Enabled")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("administrator")), qPrintable(text));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->loginEdit()->text(), QStringLiteral("typed login"));
    QVERIFY(dialog->saveButton()->isEnabled());
}

void TestConnectionsPage::testConnectionEnabledReportsSuccess()
{
    start(true);
    ConnectionEditDialog *dialog = editConnection(QStringLiteral("warehouse"));
    QVERIFY(dialog);
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->testResultText().isEmpty(), TimeoutMs);
    QVERIFY2(dialog->testResultText().startsWith(QLatin1String("The connection works")),
             qPrintable(dialog->testResultText()));

    dialog->typeEdit()->setCurrentText(QStringLiteral("no_such_provider"));
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->testResultText().startsWith(QLatin1String("The connection failed")),
                             TimeoutMs);
    QVERIFY(dialog->testResultText().contains(QLatin1String("no_such_provider")));
    // Testing saves nothing.
    const auto stored = awaitResult<Api::Connection>(
        [&](auto done) { m_client->connection(QStringLiteral("warehouse"), this, done); });
    QCOMPARE(stored->value().connType, QStringLiteral("postgres"));
}

void TestConnectionsPage::readOnlyDisablesChanges()
{
    ConnectionsPage page(m_client.get(), true);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0, TimeoutMs);
    page.selectId(QStringLiteral("warehouse"));
    QVERIFY(!page.addAction()->isEnabled());
    QVERIFY(!page.editAction()->isEnabled());
    QVERIFY(!page.deleteAction()->isEnabled());
    QVERIFY(page.refreshAction()->isEnabled());
    page.editConnection();
    QVERIFY(!page.editDialog());
}

// Several selected connections go in one bulk PATCH on Airflow 3; one that is gone already is skipped.
void TestConnectionsPage::bulkDeleteOnAirflow3()
{
    Sandbox::SandboxOptions options;
    options.api = Sandbox::ApiVersion::V2;
    options.dagCount = 3;
    options.clock = Sandbox::ClockKind::Manual;
    Sandbox::SandboxServer sandbox(options);
    QVERIFY2(sandbox.listen(), qPrintable(sandbox.errorString()));
    Api::AirflowClient client(&m_network, sandbox.baseUrl(), std::make_unique<Api::DialectV2>(),
                              std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                  QStringLiteral("admin"), QStringLiteral("admin")));
    ConnectionsPage page(&client, false);
    page.resize(1000, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isComplete(), TimeoutMs);
    page.view()->clearSelection();
    page.selectId(QStringLiteral("http_default"));
    const QModelIndex aws = page.proxy()->mapFromSource(
        page.model()->index(page.model()->rowOfKey(QStringLiteral("aws_default")), 0));
    page.view()->selectionModel()->select(aws, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(page.selectedIds().size(), 2);
    // Someone else deletes one of them first.
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                client.deleteConnection(QStringLiteral("aws_default"), this, done);
            })->ok());
    MessageBox::setNextAnswer(QMessageBox::Yes);
    page.deleteAction()->trigger();
    QVERIFY(MessageBox::lastText().contains(QLatin1String("these 2 connections")));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), TimeoutMs);
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    const auto gone = awaitResult<Api::Connection>(
        [&](auto done) { client.connection(QStringLiteral("http_default"), this, done); });
    QCOMPARE(gone->error().kind(), Api::ApiError::Kind::NotFound);
    QVERIFY(awaitResult<Api::Connection>([&](auto done) {
                client.connection(QStringLiteral("warehouse"), this, done);
            })->ok());
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOfKey(QStringLiteral("http_default")) < 0, TimeoutMs);
}

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
