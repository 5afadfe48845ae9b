// Pool create, edit and delete through the pools page offscreen on the in-process sandbox (the server checked
// with the client), "Unlimited" as slots -1, default_pool's name fixed in the editor, and its deletion
// refused with the server's reason in plain words.

#include "models/poolmodel.h"
#include "pools/pooleditdialog.h"
#include "pools/poolspage.h"
#include "profiles/messagebox.h"

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>

#include <memory>

using Windsock::Models::PoolModel;
using Windsock::Tests::awaitResult;
using Windsock::Ui::MessageBox;
using Windsock::Ui::PoolEditDialog;
using Windsock::Ui::PoolsPage;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestPoolEditing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createEditAndDeleteAPool();
    void refusedCreateKeepsWhatWasTyped();
    void defaultPoolNameIsFixed();
    void defaultPoolDeleteIsRefusedWithTheReason();
    void readOnlyDisablesChanges();

private:
    Api::Result<Api::Pool> serverPool(const QString &name);
    void selectPool(const QString &name);

    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<PoolsPage> m_page;
};

void TestPoolEditing::initTestCase()
{
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestPoolEditing::init()
{
    MessageBox::reset();
    m_page = std::make_unique<PoolsPage>(m_client.get(), false);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isComplete(), TimeoutMs);
}

void TestPoolEditing::cleanup()
{
    m_page.reset();
}

Api::Result<Api::Pool> TestPoolEditing::serverPool(const QString &name)
{
    return *awaitResult<Api::Pool>([&](auto done) { m_client->pool(name, this, done); });
}

void TestPoolEditing::selectPool(const QString &name)
{
    const QModelIndex index = m_page->model()->indexOfPool(name);
    QVERIFY(index.isValid());
    m_page->view()->setCurrentIndex(index);
    QCOMPARE(m_page->currentPoolName(), name);
}

void TestPoolEditing::createEditAndDeleteAPool()
{
    m_page->addAction()->trigger();
    PoolEditDialog *dialog = m_page->editDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("gpu_pool"));
    dialog->unlimitedBox()->setChecked(true);
    QVERIFY(!dialog->slotsEdit()->isEnabled());
    dialog->descriptionEdit()->setText(QStringLiteral("made in a test"));
    dialog->includeDeferredBox()->setChecked(true);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    Api::Result<Api::Pool> made = serverPool(QStringLiteral("gpu_pool"));
    QVERIFY(made.ok());
    QCOMPARE(made.value().slots, -1);
    QCOMPARE(made.value().description, QStringLiteral("made in a test"));
    QVERIFY(made.value().includeDeferred);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfPool(QStringLiteral("gpu_pool")) >= 0, TimeoutMs);

    // Edit: 6 slots, renamed.
    selectPool(QStringLiteral("gpu_pool"));
    m_page->editAction()->trigger();
    dialog = m_page->editDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->unlimitedBox()->isChecked());
    QVERIFY(!dialog->nameEdit()->isReadOnly());
    dialog->unlimitedBox()->setChecked(false);
    dialog->slotsEdit()->setValue(6);
    dialog->nameEdit()->setText(QStringLiteral("gpu"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(serverPool(QStringLiteral("gpu")).value().slots, 6);
    QCOMPARE(serverPool(QStringLiteral("gpu")).value().description, QStringLiteral("made in a test"));
    QCOMPARE(serverPool(QStringLiteral("gpu_pool")).error().kind(), Api::ApiError::Kind::NotFound);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfPool(QStringLiteral("gpu")) >= 0, TimeoutMs);

    // Delete, confirmed.
    selectPool(QStringLiteral("gpu"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_page->deleteAction()->trigger();
    QVERIFY(MessageBox::lastText().contains(QLatin1String("gpu")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isDeleting(), TimeoutMs);
    QCOMPARE(serverPool(QStringLiteral("gpu")).error().kind(), Api::ApiError::Kind::NotFound);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowOfPool(QStringLiteral("gpu")) < 0, TimeoutMs);
    QVERIFY(m_page->errorText().isEmpty());
}

void TestPoolEditing::refusedCreateKeepsWhatWasTyped()
{
    m_page->addAction()->trigger();
    PoolEditDialog *dialog = m_page->editDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("etl_pool")); // taken
    dialog->slotsEdit()->setValue(3);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), TimeoutMs);
    QVERIFY2(dialog->errorText().contains(QLatin1String("etl_pool")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->slotsEdit()->value(), 3);
    QCOMPARE(serverPool(QStringLiteral("etl_pool")).value().slots, 16);
    dialog->reject();
}

void TestPoolEditing::defaultPoolNameIsFixed()
{
    selectPool(QStringLiteral("default_pool"));
    m_page->editAction()->trigger();
    PoolEditDialog *dialog = m_page->editDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->nameEdit()->isReadOnly());
    dialog->slotsEdit()->setValue(64);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->editDialog(), TimeoutMs);
    QCOMPARE(serverPool(QStringLiteral("default_pool")).value().slots, 64);
}

void TestPoolEditing::defaultPoolDeleteIsRefusedWithTheReason()
{
    selectPool(QStringLiteral("default_pool"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_page->deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->errorText().isEmpty(), TimeoutMs);
    const QString error = m_page->errorText();
    QVERIFY2(error.contains(QLatin1String("Default Pool can't be deleted")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("resized, but not deleted or renamed")), qPrintable(error));
    QVERIFY(serverPool(QStringLiteral("default_pool")).ok());
}

void TestPoolEditing::readOnlyDisablesChanges()
{
    PoolsPage page(m_client.get(), true);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isComplete(), TimeoutMs);
    page.view()->setCurrentIndex(page.model()->indexOfPool(QStringLiteral("etl_pool")));
    QVERIFY(!page.addAction()->isEnabled());
    QVERIFY(!page.editAction()->isEnabled());
    QVERIFY(!page.deleteAction()->isEnabled());
    QVERIFY(page.refreshAction()->isEnabled());
    page.deletePool();
    QVERIFY(MessageBox::lastText().isEmpty());
}

QTEST_MAIN(TestPoolEditing)
#include "tst_poolediting.moc"
