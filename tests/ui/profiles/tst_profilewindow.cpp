// The main window with connection profiles, offscreen: New -> the saved profile appears in the sidebar under
// its folder with its colour; Duplicate; Delete (which removes the keychain entry, checked in the keychain
// itself); Import/Export without secrets; opening a profile pointing at an in-process sandbox shows its DAGs;
// a wrong password says so in plain words; the window reopens the last used profile.

#include "dags/dagsidebar.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/messagebar.h"
#include "mainwindow/session.h"
#include "mainwindow/startup.h"
#include "models/dagmodel.h"
#include "profiles/filedialog.h"
#include "profiles/keychainsecretstore.h"
#include "profiles/memorysecretstore.h"
#include "profiles/messagebox.h"
#include "profiles/profileactions.h"
#include "profiles/profileeditordialog.h"
#include "profiles/profilesidebar.h"
#include "profiles/profilestore.h"
#include "profiles/profiletreemodel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QIcon>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUuid>
#include <sandbox/sandboxserver.h>

#include <memory>
#include <optional>

using Windsock::Profiles::KeychainSecretStore;
using Windsock::Profiles::MemorySecretStore;
using Windsock::Profiles::Profile;
using Windsock::Profiles::ProfileKind;
using Windsock::Profiles::ProfileStore;
using Windsock::Profiles::SecretResult;
using Windsock::Profiles::SecretStore;
using Windsock::Ui::MainWindow;
using Windsock::Ui::ProfileTreeModel;

class TestProfileWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void newProfileAppearsInItsFolder();
    void duplicateCopiesTheSecret();
    void deleteRemovesTheKeychainEntry();
    void importExportRoundTrip();
    void openingAProfileShowsItsDags();
    void wrongPasswordShowsAPlainMessage();
    void reopensTheLastUsedProfile();
    void astroTokenExpiringSoonIsFlagged();
    void savingTheOpenProfileReconnects();
    void deletingTheOpenProfileClosesItsTab();

private:
    void openWindow(std::unique_ptr<SecretStore> secrets);
    QString addProfile(const QString &name, const QString &folder, const QString &secret,
                       const QUrl &url = QUrl(QStringLiteral("http://127.0.0.1:9")));
    std::optional<SecretResult> readSecret(SecretStore *store, const QString &id);
    ProfileTreeModel *treeModel() const { return m_window->profileSidebar()->model(); }

    static constexpr int LoadTimeoutMs = 30000;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Windsock::Sandbox::SandboxServer> m_sandbox;
};

void TestProfileWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestProfileWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Windsock::Ui::MessageBox::reset();
    Windsock::Ui::FileDialog::reset();
}

void TestProfileWindow::cleanup()
{
    m_window.reset();
    m_sandbox.reset();
    m_dir.reset();
}

void TestProfileWindow::openWindow(std::unique_ptr<SecretStore> secrets)
{
    MainWindow::ProfileServices services;
    services.store = std::make_unique<ProfileStore>(m_dir->filePath(QStringLiteral("profiles.json")));
    services.store->load();
    services.secrets = std::move(secrets);
    m_window = std::make_unique<MainWindow>(std::move(services));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QString TestProfileWindow::addProfile(const QString &name, const QString &folder, const QString &secret,
                                      const QUrl &url)
{
    Profile profile;
    profile.name = name;
    profile.folder = folder;
    profile.baseUrl = url;
    profile.username = QStringLiteral("admin");
    profile.colour = QStringLiteral("#d64545");
    const QString id = m_window->profileStore()->upsert(profile);
    std::optional<SecretResult> written;
    m_window->secretStore()->write(id, secret, this, [&written](const SecretResult &r) { written = r; });
    [&] { QTRY_VERIFY(written.has_value()); }();
    return id;
}

std::optional<SecretResult> TestProfileWindow::readSecret(SecretStore *store, const QString &id)
{
    std::optional<SecretResult> read;
    store->read(id, this, [&read](const SecretResult &r) { read = r; });
    [&] { QTRY_VERIFY(read.has_value()); }();
    return read;
}

void TestProfileWindow::newProfileAppearsInItsFolder()
{
    auto secrets = std::make_unique<MemorySecretStore>();
    MemorySecretStore *memory = secrets.get();
    openWindow(std::move(secrets));

    QSignalSpy opened(m_window->profileActions(), &Windsock::Ui::ProfileActions::editorOpened);
    m_window->profileActions()->newAction()->trigger();
    QCOMPARE(opened.count(), 1);
    Windsock::Ui::ProfileEditorDialog *editor = m_window->profileActions()->editor();
    QVERIFY(editor);
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("prod"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("urlEdit")),
                     QStringLiteral("localhost:8080"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("usernameEdit")), QStringLiteral("admin"));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("secretEdit")), QStringLiteral("pw-1"));
    editor->findChild<QComboBox *>(QStringLiteral("folderCombo"))
        ->setEditText(QStringLiteral("Customers/Acme"));
    editor->findChild<QAbstractButton *>(QStringLiteral("swatch3aa757"))->click();
    QVERIFY(editor->okButton()->isEnabled());
    QTest::mouseClick(editor->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_window->profileActions()->editor());

    QCOMPARE(m_window->profileStore()->profiles().size(), 1);
    const Profile saved = m_window->profileStore()->profiles().constFirst();
    QCOMPARE(saved.colour, QStringLiteral("#3aa757"));
    QTRY_VERIFY(memory->contains(saved.id));

    // Customers > Acme > prod, with its colour; the demo stays at the end.
    const QModelIndex customers = treeModel()->folderIndex(QStringLiteral("Customers"));
    QVERIFY(customers.isValid());
    QCOMPARE(customers.data().toString(), QStringLiteral("Customers"));
    const QModelIndex acme = treeModel()->folderIndex(QStringLiteral("Customers/Acme"));
    QCOMPARE(acme.parent(), customers);
    const QModelIndex row = treeModel()->indexOfProfile(saved.id);
    QCOMPARE(row.parent(), acme);
    QCOMPARE(row.data().toString(), QStringLiteral("prod"));
    QCOMPARE(row.siblingAtColumn(ProfileTreeModel::Kind).data().toString(), QStringLiteral("Airflow 2"));
    const QImage swatch = row.data(Qt::DecorationRole).value<QIcon>().pixmap(14, 14).toImage();
    QCOMPARE(swatch.pixelColor(7, 7).name(), QStringLiteral("#3aa757"));
    QVERIFY(m_window->profileSidebar()->profileTree()->isExpanded(acme));
    QVERIFY(treeModel()->demoIndex().isValid());
    QCOMPARE(m_window->profileSidebar()->currentProfileId(), saved.id);
}

void TestProfileWindow::duplicateCopiesTheSecret()
{
    auto secrets = std::make_unique<MemorySecretStore>();
    MemorySecretStore *memory = secrets.get();
    openWindow(std::move(secrets));
    const QString id = addProfile(QStringLiteral("staging"), QStringLiteral("Team"), QStringLiteral("pw-2"));
    m_window->profileSidebar()->selectProfile(id);
    QVERIFY(m_window->profileActions()->duplicateAction()->isEnabled());
    m_window->profileActions()->duplicateAction()->trigger();

    QCOMPARE(m_window->profileStore()->profiles().size(), 2);
    const QString copyId = m_window->profileSidebar()->currentProfileId();
    QVERIFY(copyId != id);
    QCOMPARE(treeModel()->indexOfProfile(copyId).data().toString(), QStringLiteral("staging (copy)"));
    QCOMPARE(treeModel()->indexOfProfile(copyId).parent(), treeModel()->folderIndex(QStringLiteral("Team")));
    QTRY_VERIFY(memory->contains(copyId));
    QCOMPARE(readSecret(memory, copyId)->secret, QStringLiteral("pw-2"));
}

void TestProfileWindow::deleteRemovesTheKeychainEntry()
{
    // The real keychain, under a service of this test's own.
    const QString service =
        QStringLiteral("Windsock-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    openWindow(std::make_unique<KeychainSecretStore>(service));
    const QString id = addProfile(QStringLiteral("doomed"), QString(), QStringLiteral("pw-3"));
    if (m_window->secretStore()->memoryOnly())
        QSKIP("No keychain answers here: run the ui tests through scripts/test (gnome-keyring).");
    KeychainSecretStore other(service);
    QCOMPARE(readSecret(&other, id)->secret, QStringLiteral("pw-3"));

    // Cancel keeps everything.
    m_window->profileSidebar()->selectProfile(id);
    Windsock::Ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    m_window->profileActions()->deleteAction()->trigger();
    QVERIFY(Windsock::Ui::MessageBox::lastText().contains(QLatin1String("doomed")));
    QVERIFY(m_window->profileStore()->profile(id));

    Windsock::Ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    m_window->profileActions()->deleteAction()->trigger();
    QTRY_VERIFY(!m_window->profileStore()->profile(id));
    QVERIFY(!treeModel()->indexOfProfile(id).isValid());
    QCOMPARE(readSecret(&other, id)->status, SecretResult::Status::NotFound);
    QVERIFY(!m_window->errorBar()->isVisible());
}

void TestProfileWindow::importExportRoundTrip()
{
    openWindow(std::make_unique<MemorySecretStore>());
    addProfile(QStringLiteral("alpha"), QStringLiteral("A"), QStringLiteral("secret-alpha-1"));
    addProfile(QStringLiteral("beta"), QString(), QStringLiteral("secret-beta-2"));
    QTemporaryDir exportDir; // outlives the profile store's own folder
    const QString path = exportDir.filePath(QStringLiteral("export.json"));
    Windsock::Ui::FileDialog::setNextFileName(path);
    m_window->profileActions()->exportAction()->trigger();
    QVERIFY2(m_window->noticeBar()->text().contains(QLatin1String("without their secrets")),
             qPrintable(m_window->noticeBar()->text()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(json.contains("alpha"));
    QVERIFY(!json.contains("secret-alpha-1"));
    QVERIFY(!json.contains("secret-beta-2"));

    // Into an empty store: both come back, under their folders.
    m_window.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    openWindow(std::make_unique<MemorySecretStore>());
    Windsock::Ui::FileDialog::setNextFileName(path);
    m_window->profileActions()->importAction()->trigger();
    QCOMPARE(m_window->profileStore()->profiles().size(), 2);
    QVERIFY(m_window->noticeBar()->text().startsWith(QLatin1String("Imported 2 profile")));
    QVERIFY(treeModel()->folderIndex(QStringLiteral("A")).isValid());

    // A file that is not an export: said in plain words, nothing imported.
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("[1, 2, 3]");
    badFile.close();
    Windsock::Ui::FileDialog::setNextFileName(bad);
    m_window->profileActions()->importAction()->trigger();
    QVERIFY2(m_window->errorBar()->text().startsWith(QLatin1String("Nothing was imported")),
             qPrintable(m_window->errorBar()->text()));
    QCOMPARE(m_window->profileStore()->profiles().size(), 2);
}

void TestProfileWindow::openingAProfileShowsItsDags()
{
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    openWindow(std::make_unique<MemorySecretStore>());
    const QString id = addProfile(QStringLiteral("local"), QStringLiteral("Dev"), QStringLiteral("admin"),
                                  m_sandbox->baseUrl());
    m_window->profileSidebar()->selectProfile(id);
    m_window->profileActions()->connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->rowCount() > 0, LoadTimeoutMs);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("local"));
    QCOMPARE(m_window->dagSidebar()->findChild<QLabel *>(QStringLiteral("deploymentName"))->text(),
             QStringLiteral("local"));
    QVERIFY(m_window->dagSidebar()->findChild<QLabel *>(QStringLiteral("deploymentColour"))->isVisible());
    QCOMPARE(m_window->profileStore()->lastUsedProfileId(), id);
    QVERIFY(!m_window->errorBar()->isVisible());

    // The demo opens in a tab of its own beside the profile's, whose model stays.
    QPointer<Windsock::Models::DagModel> oldModel = m_window->dagModel();
    m_window->openDemo(Windsock::Ui::Session::DemoReason::Requested);
    QVERIFY(m_window->session()->isDemo());
    QVERIFY(oldModel);
    QVERIFY(m_window->dagModel() != oldModel);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->rowCount() > 0, LoadTimeoutMs);
}

void TestProfileWindow::wrongPasswordShowsAPlainMessage()
{
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    openWindow(std::make_unique<MemorySecretStore>());
    const QString id = addProfile(QStringLiteral("local"), QString(), QStringLiteral("not-the-password"),
                                  m_sandbox->baseUrl());
    m_window->openProfile(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->isVisible(), LoadTimeoutMs);
    const QString message = m_window->errorBar()->text();
    QVERIFY2(message.contains(QLatin1String("401")) ||
                 message.contains(QLatin1String("credentials"), Qt::CaseInsensitive),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('{')), qPrintable(message));
    QVERIFY(!message.contains(QLatin1String("not-the-password")));

    // Nothing listening: the opening fails in plain words and the window stays usable.
    const QString gone = addProfile(QStringLiteral("gone"), QString(), QStringLiteral("x"),
                                    QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_window->errorBar()->dismiss();
    m_window->openProfile(gone);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->isVisible(), LoadTimeoutMs);
    QVERIFY2(m_window->errorBar()->text().startsWith(QLatin1String("Could not connect to \"gone\"")),
             qPrintable(m_window->errorBar()->text()));
    QCOMPARE(m_window->session()->profileId(), id); // the open one stays
}

void TestProfileWindow::reopensTheLastUsedProfile()
{
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    // What Startup uses: the default store (test mode: a config dir of the test's own) and the keychain.
    QCoreApplication::setApplicationName(QStringLiteral("Windsock"));
    QCoreApplication::setOrganizationName(QStringLiteral("Windsock"));
    ProfileStore store;
    QFile::remove(store.path());
    store.load();
    Profile profile;
    profile.name = QStringLiteral("last one");
    profile.baseUrl = m_sandbox->baseUrl();
    profile.username = QStringLiteral("admin");
    const QString id = store.upsert(profile);
    store.setLastUsedProfileId(id);
    KeychainSecretStore keychain;
    std::optional<SecretResult> written;
    keychain.write(id, QStringLiteral("admin"), this, [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    if (keychain.memoryOnly())
        QSKIP("No keychain answers here: run the ui tests through scripts/test (gnome-keyring).");

    m_window = Windsock::Ui::Startup::createMainWindow(*qApp);
    QVERIFY(m_window);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->rowCount() > 0, LoadTimeoutMs);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("last one"));
    QVERIFY(!m_window->session()->isDemo());

    std::optional<SecretResult> removed;
    keychain.remove(id, this, [&removed](const SecretResult &r) { removed = r; });
    QTRY_VERIFY(removed.has_value());
    QFile::remove(store.path());
}

// An Astro profile whose API token expires in two days: the sidebar says so with a warning sign, and opening
// it shows a notice before requests start failing.
void TestProfileWindow::astroTokenExpiringSoonIsFlagged()
{
    const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(2).addSecs(3600);
    const QString token = Windsock::Sandbox::SandboxServer::makeJwt(
        QJsonObject{{QStringLiteral("sub"), QStringLiteral("astro-deployment-token")},
                    {QStringLiteral("exp"), expiry.toSecsSinceEpoch()}},
        QByteArrayLiteral("astro-signing-key"));
    Windsock::Sandbox::SandboxOptions options;
    options.auth = Windsock::Sandbox::AuthMode::Bearer;
    options.bearerTokens = {token};
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>(options);
    QVERIFY(m_sandbox->listen());
    openWindow(std::make_unique<MemorySecretStore>());

    Profile profile;
    profile.name = QStringLiteral("prod (Astro)");
    profile.kind = ProfileKind::AstroToken;
    profile.baseUrl = m_sandbox->baseUrl();
    profile.tokenExpiry = expiry;
    const QString id = m_window->profileStore()->upsert(profile);
    std::optional<SecretResult> written;
    m_window->secretStore()->write(id, token, this, [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());

    const QModelIndex name = m_window->profileSidebar()->model()->indexOfProfile(id);
    QVERIFY(name.isValid());
    const QModelIndex kind = name.siblingAtColumn(1);
    QVERIFY2(kind.data(Qt::ToolTipRole).toString().contains(QStringLiteral("API token expires in 2 days")),
             qPrintable(kind.data(Qt::ToolTipRole).toString()));
    QVERIFY(!kind.data(Qt::DecorationRole).value<QIcon>().isNull());

    m_window->profileSidebar()->selectProfile(id);
    m_window->profileActions()->connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->rowCount() > 0, LoadTimeoutMs);
    QTRY_VERIFY(m_window->noticeBar()->isVisible());
    QVERIFY2(m_window->noticeBar()->text().contains(QStringLiteral("expires in 2 days")),
             qPrintable(m_window->noticeBar()->text()));
    QVERIFY(!m_window->noticeBar()->text().contains(token));
}

// Saving the profile that is open connects again with what was saved: here a new password.
void TestProfileWindow::savingTheOpenProfileReconnects()
{
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    openWindow(std::make_unique<MemorySecretStore>());
    const QString id = addProfile(QStringLiteral("local"), QString(), QStringLiteral("not-the-password"),
                                  m_sandbox->baseUrl());
    m_window->profileSidebar()->selectProfile(id);
    m_window->profileActions()->connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorBar()->isVisible(), LoadTimeoutMs); // the DAG list was refused
    QPointer<Windsock::Ui::Session> first = m_window->session();

    std::optional<SecretResult> written;
    m_window->secretStore()->write(id, QStringLiteral("admin"), this,
                                   [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    Q_EMIT m_window->profileActions()->profileSaved(id);
    QTRY_VERIFY_WITH_TIMEOUT(!first, LoadTimeoutMs); // a new session replaced the old one
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dagModel()->rowCount() > 0, LoadTimeoutMs);
}

// Deleting the profile that is open stops using it at once: its tab closes, and the window says why.
void TestProfileWindow::deletingTheOpenProfileClosesItsTab()
{
    m_sandbox = std::make_unique<Windsock::Sandbox::SandboxServer>();
    QVERIFY(m_sandbox->listen());
    openWindow(std::make_unique<MemorySecretStore>());
    const QString id =
        addProfile(QStringLiteral("doomed"), QString(), QStringLiteral("admin"), m_sandbox->baseUrl());
    m_window->profileSidebar()->selectProfile(id);
    m_window->profileActions()->connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session() && m_window->session()->profileId() == id, LoadTimeoutMs);

    QPointer<Windsock::Ui::Session> open = m_window->session();
    QVERIFY(m_window->profileStore()->remove(id));
    Q_EMIT m_window->profileActions()->profileDeleted(id);
    QVERIFY(!open);
    QVERIFY(!m_window->session()); // back to the fleet tab
    QCOMPARE(m_window->deploymentTabs()->count(), 1);
    QVERIFY2(m_window->noticeBar()->text().contains(QStringLiteral("\"doomed\" was deleted")),
             qPrintable(m_window->noticeBar()->text()));
}

QTEST_MAIN(TestProfileWindow)
#include "tst_profilewindow.moc"
