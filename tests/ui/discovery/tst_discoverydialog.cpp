// The discovery dialog on real widgets against the sandbox's emulated Astro Platform API and Houston: list,
// the checkable tree with an existing profile greyed and its reason, "Create N profiles" creating exactly the
// checked ones with the shared token, a bad token's plain words (the token stays typed), Cancel, and
// Astronomer Software with a key.
#include "discovery/discoverydialog.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profileactions.h"
#include "profiles/profilesidebar.h"
#include "profiles/profilestore.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Windsock;
using Windsock::Sandbox::DiscoveryFixture;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::DiscoveryDialog;

namespace {

const QString Token = QStringLiteral("ui-astro-token");
const QString Key = QStringLiteral("ui-software-key");

QList<QTreeWidgetItem *> deploymentItems(QTreeWidget *tree)
{
    QList<QTreeWidgetItem *> items;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        if ((*it)->childCount() == 0 && (*it)->parent())
            items.append(*it);
    }
    return items;
}

} // namespace

class TestDiscoveryDialog final : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    T *child(DiscoveryDialog &dialog, const char *name)
    {
        return dialog.findChild<T *>(QString::fromLatin1(name));
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<QTemporaryDir> m_config;

private Q_SLOTS:
    void initTestCase()
    {
        DiscoveryFixture f;
        f.organizations = {{QStringLiteral("org1"), QStringLiteral("Acme")}};
        f.workspaces = {{QStringLiteral("w1"), QStringLiteral("Data"), QStringLiteral("org1")}};
        for (int i = 1; i <= 3; ++i) {
            DiscoveryFixture::Deployment d;
            d.id = QStringLiteral("d%1").arg(i);
            d.name = QStringLiteral("dep-%1").arg(i);
            d.workspaceId = QStringLiteral("w1");
            d.apiUrl = QStringLiteral("https://cl1.astronomer.run/dep%1/api/v1").arg(i);
            d.releaseName = QStringLiteral("release-%1").arg(i);
            d.houstonUrls = {
                {QStringLiteral("airflow"),
                 QStringLiteral("https://deployments.sw.example.com/release-%1/airflow").arg(i)}};
            f.deployments.append(d);
        }
        f.tokens = {Token};
        f.houstonKeys = {Key};
        SandboxOptions options;
        options.dagCount = 1;
        options.runsPerDag = 1;
        options.discovery = f;
        m_server = std::make_unique<SandboxServer>(options);
        QVERIFY(m_server->listen());
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
    }

    void listsAndCreatesTheCheckedOnes()
    {
        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("astro.json")));
        QVERIFY(store.load());
        Profiles::Profile existing;
        existing.name = QStringLiteral("dep 3 by hand");
        existing.kind = Profiles::ProfileKind::AstroToken;
        existing.baseUrl = QUrl(QStringLiteral("https://cl1.astronomer.run/dep3"));
        store.upsert(existing);
        Profiles::MemorySecretStore secrets;

        DiscoveryDialog dialog(&store, &secrets, &m_nam);
        dialog.open();
        auto *list = child<QPushButton>(dialog, "listButton");
        auto *create = child<QPushButton>(dialog, "createButton");
        QVERIFY(list && create);
        QVERIFY(!list->isEnabled()); // no token yet
        child<QLineEdit>(dialog, "tokenEdit")->setText(Token);
        QCOMPARE(child<QLineEdit>(dialog, "tokenEdit")->echoMode(), QLineEdit::Password);
        dialog.findChild<QGroupBox *>()->setChecked(true);
        child<QLineEdit>(dialog, "platformUrlEdit")->setText(m_server->baseUrl().toString());
        QVERIFY(list->isEnabled());

        QSignalSpy finished(&dialog, &DiscoveryDialog::listingFinished);
        list->click();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toString(), QString());

        auto *tree = child<QTreeWidget>(dialog, "deploymentTree");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Acme"));
        const auto items = deploymentItems(tree);
        QCOMPARE(items.size(), 3);
        QTreeWidgetItem *third = items.at(2);
        QCOMPARE(third->text(0), QStringLiteral("dep-3"));
        QVERIFY(!(third->flags() & Qt::ItemIsEnabled));
        QVERIFY2(third->toolTip(0).contains(QLatin1String("dep 3 by hand")), qPrintable(third->toolTip(0)));
        QCOMPARE(create->text(), QStringLiteral("Create 2 Profiles"));
        items.at(1)->setCheckState(0, Qt::Unchecked);
        QCOMPARE(create->text(), QStringLiteral("Create 1 Profile"));
        QVERIFY(create->isEnabled());

        QSignalSpy created(&dialog, &DiscoveryDialog::profilesCreated);
        create->click();
        QVERIFY(created.wait(10000));
        const QStringList ids = created.first().first().toStringList();
        QCOMPARE(ids.size(), 1);
        const auto profile = store.profile(ids.first());
        QVERIFY(profile);
        QCOMPARE(profile->name, QStringLiteral("Data / dep-1"));
        QCOMPARE(profile->folder, QStringLiteral("Acme"));
        QCOMPARE(profile->kind, Profiles::ProfileKind::AstroToken);
        QCOMPARE(profile->baseUrl, QUrl(QStringLiteral("https://cl1.astronomer.run/dep1")));
        QVERIFY(secrets.contains(ids.first()));
        std::optional<Profiles::SecretResult> secret;
        secrets.read(ids.first(), this, [&](const Profiles::SecretResult &r) { secret = r; });
        QTRY_VERIFY(secret.has_value());
        QCOMPARE(secret->secret, Token);
        QCOMPARE(store.profiles().size(), 2);
        // The one just made is greyed now.
        QVERIFY(!(deploymentItems(tree).at(0)->flags() & Qt::ItemIsEnabled));
        QCOMPARE(create->text(), QStringLiteral("Create 0 Profiles"));
        QVERIFY(!create->isEnabled());
    }

    void badTokenKeepsWhatWasTyped()
    {
        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("bad.json")));
        QVERIFY(store.load());
        Profiles::MemorySecretStore secrets;
        DiscoveryDialog dialog(&store, &secrets, &m_nam);
        dialog.open();
        child<QLineEdit>(dialog, "tokenEdit")->setText(QStringLiteral("wrong"));
        dialog.findChild<QGroupBox *>()->setChecked(true);
        child<QLineEdit>(dialog, "platformUrlEdit")->setText(m_server->baseUrl().toString());
        QSignalSpy finished(&dialog, &DiscoveryDialog::listingFinished);
        child<QPushButton>(dialog, "listButton")->click();
        QVERIFY(finished.wait(20000));
        const QString status = child<QLabel>(dialog, "discoveryStatus")->text();
        QVERIFY2(status.contains(QLatin1String("Astro refused the token")), qPrintable(status));
        QCOMPARE(child<QLineEdit>(dialog, "tokenEdit")->text(), QStringLiteral("wrong"));
        QVERIFY(child<QPushButton>(dialog, "listButton")->isEnabled());
        QVERIFY(store.profiles().isEmpty());
    }

    void cancelStopsListing()
    {
        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("cancel.json")));
        QVERIFY(store.load());
        Profiles::MemorySecretStore secrets;
        DiscoveryDialog dialog(&store, &secrets, &m_nam);
        dialog.open();
        child<QLineEdit>(dialog, "tokenEdit")->setText(Token);
        dialog.findChild<QGroupBox *>()->setChecked(true);
        child<QLineEdit>(dialog, "platformUrlEdit")->setText(m_server->baseUrl().toString());
        Sandbox::FaultOptions slow;
        slow.latencyMs = 3000;
        m_server->setFaults(slow);
        QSignalSpy finished(&dialog, &DiscoveryDialog::listingFinished);
        child<QPushButton>(dialog, "listButton")->click();
        auto *cancel = child<QPushButton>(dialog, "cancelListButton");
        QVERIFY(cancel->isVisibleTo(&dialog));
        QVERIFY(!child<QPushButton>(dialog, "listButton")->isEnabled());
        cancel->click();
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        m_server->setFaults({});
        QCOMPARE(child<QLabel>(dialog, "discoveryStatus")->text(), QStringLiteral("Listing was cancelled."));
        QVERIFY(!cancel->isVisibleTo(&dialog));
        QVERIFY(child<QPushButton>(dialog, "listButton")->isEnabled());
    }

    void profileActionsOpensIt()
    {
        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("actions.json")));
        QVERIFY(store.load());
        Profiles::MemorySecretStore secrets;
        QWidget window;
        auto *sidebar = new Ui::ProfileSidebar(&store, &window);
        Ui::ProfileActions actions(&store, &secrets, sidebar, &window);
        actions.setNetworkAccessManager(&m_nam);
        QVERIFY(actions.discoverAction());
        QCOMPARE(actions.discoverAction()->objectName(), QStringLiteral("discoverDeploymentsAction"));
        window.show();
        actions.discoverAction()->trigger(); // open(), not exec(): returns at once
        QDialog *dialog = actions.discoveryDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        actions.discoverAction()->trigger(); // the same one is raised, not a second
        QCOMPARE(actions.discoveryDialog(), dialog);
        dialog->close();
        QTRY_VERIFY(!actions.discoveryDialog());
    }

    void softwareWithAKey()
    {
        Profiles::ProfileStore store(m_config->filePath(QStringLiteral("software.json")));
        QVERIFY(store.load());
        Profiles::MemorySecretStore secrets;
        DiscoveryDialog dialog(&store, &secrets, &m_nam);
        dialog.open();
        child<QRadioButton>(dialog, "softwareRadio")->setChecked(true);
        child<QLineEdit>(dialog, "domainEdit")->setText(QStringLiteral("sw.example.com"));
        child<QLineEdit>(dialog, "keyEdit")->setText(Key);
        child<QCheckBox>(dialog, "bearerCheck")->setChecked(true);
        dialog.findChild<QGroupBox *>()->setChecked(true);
        child<QLineEdit>(dialog, "houstonUrlEdit")
            ->setText(m_server->baseUrl().toString() + QStringLiteral("/v1"));
        QSignalSpy finished(&dialog, &DiscoveryDialog::listingFinished);
        child<QPushButton>(dialog, "listButton")->click();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(deploymentItems(child<QTreeWidget>(dialog, "deploymentTree")).size(), 3);
        QSignalSpy created(&dialog, &DiscoveryDialog::profilesCreated);
        child<QPushButton>(dialog, "createButton")->click();
        QVERIFY(created.wait(10000));
        QCOMPARE(created.first().first().toStringList().size(), 3);
        const auto profile = store.profile(created.first().first().toStringList().first());
        QCOMPARE(profile->kind, Profiles::ProfileKind::SoftwareKey);
        QCOMPARE(profile->softwareBaseDomain, QStringLiteral("sw.example.com"));
        QCOMPARE(profile->softwareReleaseName, QStringLiteral("release-1"));
        QVERIFY(profile->softwareBearer);
        QCOMPARE(profile->baseUrl,
                 QUrl(QStringLiteral("https://deployments.sw.example.com/release-1/airflow")));
    }
};

QTEST_MAIN(TestDiscoveryDialog)
#include "tst_discoverydialog.moc"
