// The configuration page offscreen on the in-process sandbox: a server that does not expose its configuration
// (Airflow's default) is explained in plain words with the setting to change; one that does shows sections
// and options as a tree that the filter narrows.

#include "resources/configpage.h"

#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QAction>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

#include <memory>

using Windsock::Ui::ConfigPage;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestConfigPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forbiddenIsExplained();
    void exposedShowsTheTree();

private:
    void start(bool exposeConfig);

    static constexpr int TimeoutMs = 30000;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    std::unique_ptr<ConfigPage> m_page;
};

void TestConfigPage::start(bool exposeConfig)
{
    m_page.reset();
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    options.exposeConfig = exposeConfig;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    m_page = std::make_unique<ConfigPage>(m_client.get(), false);
    m_page->resize(900, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(!m_page->isLoading()); // nothing asked for until the page is refreshed (first shown)
    m_page->refresh();
    QVERIFY(m_page->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), TimeoutMs);
}

void TestConfigPage::forbiddenIsExplained()
{
    start(false);
    const QString error = m_page->errorText();
    QVERIFY2(error.contains(QLatin1String("An administrator can allow it")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("restart the webserver")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("[webserver] expose_config")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("non-sensitive-only")), qPrintable(error));
    QVERIFY(!m_page->hasLoaded());
    QCOMPARE(m_page->model()->rowCount(), 0);
}

void TestConfigPage::exposedShowsTheTree()
{
    start(true);
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    QVERIFY(m_page->hasLoaded());
    QStandardItemModel *model = m_page->model();
    QVERIFY(model->rowCount() >= 3);
    QCOMPARE(model->item(0, 0)->text(), QStringLiteral("core"));
    QVERIFY(model->item(0, 0)->rowCount() > 0);
    QVERIFY(m_page->statusText().contains(QLatin1String("sections")));

    // The filter keeps a section for a matching option, and shows only that option.
    m_page->filterEdit()->setText(QStringLiteral("test_connection"));
    QSortFilterProxyModel *proxy = m_page->proxy();
    QCOMPARE(proxy->rowCount(), 1);
    const QModelIndex core = proxy->index(0, 0);
    QCOMPARE(core.data().toString(), QStringLiteral("core"));
    QCOMPARE(proxy->rowCount(core), 1);
    QCOMPARE(proxy->index(0, ConfigPage::Option, core).data().toString(), QStringLiteral("test_connection"));
    QCOMPARE(proxy->index(0, ConfigPage::Value, core).data().toString(), QStringLiteral("Disabled"));
    QVERIFY(m_page->view()->isExpanded(core));
    m_page->filterEdit()->clear();
    QCOMPARE(proxy->rowCount(), model->rowCount());

    // Refresh keeps the open sections open.
    m_page->view()->expand(proxy->index(1, 0));
    const QString second = proxy->index(1, 0).data().toString();
    m_page->refreshAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), TimeoutMs);
    QCOMPARE(proxy->index(1, 0).data().toString(), second);
    QVERIFY(m_page->view()->isExpanded(proxy->index(1, 0)));
}

QTEST_MAIN(TestConfigPage)
#include "tst_configpage.moc"
