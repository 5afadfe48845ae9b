// AssetsPage, offscreen, against the in-process sandbox with the real client: Airflow 2's datasets and
// Airflow 3's assets listed with their consumers and producers, the filter, a refresh in place, and the tab
// of a deployment that has none (Airflow 2.3.4) greyed with the reason.
#include "api/airflowclient.h"
#include "api/dialectv2.h"
#include "assets/assetspage.h"
#include "auth/jwtloginauthenticator.h"
#include "fakes/sandboxclient.h"
#include "mainwindow/deploymentstatuswidget.h"
#include "mainwindow/deploymentview.h"
#include "mainwindow/session.h"
#include "models/assetmodel.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profile.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>
#include <optional>

using namespace Windsock::Api;
using Windsock::Models::AssetModel;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::AssetsPage;
using Windsock::Ui::DeploymentView;
using Windsock::Ui::Session;

class TestAssetsPage final : public QObject
{
    Q_OBJECT

private:
    static constexpr int TimeoutMs = 30000;

    static SandboxOptions options(bool v2)
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        options.api = v2 ? ApiVersion::V2 : ApiVersion::V1;
        options.dagCount = 40;
        options.runsPerDag = 2;
        return options;
    }

    std::unique_ptr<AirflowClient> client(bool v2)
    {
        if (!v2)
            return Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
        return std::make_unique<AirflowClient>(&m_nam, m_sandbox->baseUrl(), std::make_unique<DialectV2>(),
                                               std::make_unique<Windsock::Auth::JwtLoginAuthenticator>(
                                                   QStringLiteral("admin"), QStringLiteral("admin")));
    }

    // The DAGs the sandbox schedules on datasets: the consumers of s3://warehouse/upstream.
    QStringList datasetScheduledDags() const
    {
        QStringList ids;
        const Windsock::Sandbox::SandboxState &state = m_sandbox->state();
        for (int i = 0; i < state.dagCount(); ++i) {
            if (state.dag(i).schedule.kind == Windsock::Sandbox::DagSchedule::Kind::Dataset)
                ids.append(state.dag(i).dagId);
        }
        return ids;
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    Windsock::Profiles::MemorySecretStore m_secrets;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { m_sandbox.reset(); }

    void listsAndFilters_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::newRow("Airflow 2 datasets") << false;
        QTest::newRow("Airflow 3 assets") << true;
    }

    void listsAndFilters()
    {
        QFETCH(bool, v2);
        m_sandbox = std::make_unique<SandboxServer>(options(v2));
        QVERIFY(m_sandbox->listen(0));
        const QStringList consumers = datasetScheduledDags();
        QVERIFY2(!consumers.isEmpty(), "the seed has DAGs scheduled on datasets");
        const std::unique_ptr<AirflowClient> api = client(v2);
        AssetsPage page(api.get());
        new QAbstractItemModelTester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                     &page);
        QCOMPARE(page.title(), v2 ? QStringLiteral("Assets") : QStringLiteral("Datasets"));
        QCOMPARE(page.model()->rowCount(), 0); // nothing is asked for before the page is shown
        page.resize(1000, 600);
        page.show();
        page.refresh();
        const int expected = 1 + int(consumers.size());
        QTRY_COMPARE_WITH_TIMEOUT(page.proxy()->rowCount(), expected, TimeoutMs);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
        QCOMPARE(page.statusText(), v2 ? QStringLiteral("%1 assets").arg(expected)
                                       : QStringLiteral("%1 datasets").arg(expected));

        const QAbstractItemModel *model = page.proxy();
        QCOMPARE(model->headerData(AssetModel::Name, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model->headerData(AssetModel::Uri, Qt::Horizontal).toString(), QStringLiteral("URI"));
        QCOMPARE(model->headerData(AssetModel::ConsumedBy, Qt::Horizontal).toString(),
                 QStringLiteral("Consumed by"));
        QCOMPARE(model->headerData(AssetModel::ProducedBy, Qt::Horizontal).toString(),
                 QStringLiteral("Produced by"));
        QCOMPARE(model->index(0, AssetModel::Uri).data().toString(),
                 QStringLiteral("s3://warehouse/upstream"));
        QCOMPARE(model->index(0, AssetModel::Name).data().toString(),
                 v2 ? QStringLiteral("upstream") : QStringLiteral("s3://warehouse/upstream"));
        QCOMPARE(page.view()->isColumnHidden(AssetModel::Uri), !v2);
        QCOMPARE(model->index(0, AssetModel::ConsumedBy).data().toString(),
                 consumers.join(QStringLiteral(", ")));
        QVERIFY(model->index(0, AssetModel::ProducedBy).data().toString().contains(QLatin1Char('.')));
        QVERIFY(!model->index(0, AssetModel::Updated).data().toString().isEmpty());
        const QString second = QStringLiteral("s3://warehouse/") + consumers.first();
        QCOMPARE(model->index(1, AssetModel::Uri).data().toString(), second);
        QVERIFY(model->index(1, AssetModel::ProducedBy)
                    .data()
                    .toString()
                    .startsWith(consumers.first() + QLatin1Char('.')));

        // The filter looks at every column: a DAG id finds the asset it consumes and the one it produces.
        page.filterEdit()->setText(consumers.first().toUpper());
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(page.statusText(), QStringLiteral("2 of %1 shown").arg(expected));
        page.filterEdit()->setText(QStringLiteral("upstream"));
        QCOMPARE(model->rowCount(), 1);
        page.filterEdit()->setText(QStringLiteral("no such asset"));
        QCOMPARE(model->rowCount(), 0);
        page.filterEdit()->clear();
        QCOMPARE(model->rowCount(), expected);

        // A refresh reads them again in place.
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!page.model()->isRefreshing(), TimeoutMs);
        QCOMPARE(model->rowCount(), expected);
        QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    }

    void serverErrorInPlainWords()
    {
        m_sandbox = std::make_unique<SandboxServer>(options(false));
        QVERIFY(m_sandbox->listen(0));
        const std::unique_ptr<AirflowClient> api =
            Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl(), QStringLiteral("wrong"));
        AssetsPage page(api.get());
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!page.errorText().isEmpty(), TimeoutMs);
        QVERIFY2(page.errorText().contains(QStringLiteral("datasets")), qPrintable(page.errorText()));
        QCOMPARE(page.model()->rowCount(), 0);
    }

    void olderServerGreysTheTab_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("reason");
        QTest::newRow("2.3.4")
            << QStringLiteral("2.3.4")
            << QStringLiteral("Datasets need Airflow 2.4 or later; this deployment runs Airflow 2.3.4.");
        QTest::newRow("2.4.0") << QStringLiteral("2.4.0") << QString();
    }

    void olderServerGreysTheTab()
    {
        QFETCH(QString, version);
        QFETCH(QString, reason);
        SandboxOptions sandboxOptions = options(false);
        sandboxOptions.clock = ClockKind::Real;
        sandboxOptions.dagCount = 6;
        sandboxOptions.airflowVersion = version;
        m_sandbox = std::make_unique<SandboxServer>(sandboxOptions);
        QVERIFY(m_sandbox->listen(0));
        Windsock::Profiles::Profile profile;
        profile.id = QStringLiteral("assets-") + version;
        profile.name = QStringLiteral("assets");
        profile.baseUrl = m_sandbox->baseUrl();
        profile.username = QStringLiteral("admin");
        std::optional<Windsock::Profiles::SecretResult> written;
        m_secrets.write(profile.id, QStringLiteral("admin"), this,
                        [&written](const Windsock::Profiles::SecretResult &r) { written = r; });
        QTRY_VERIFY(written.has_value());
        std::optional<QString> error;
        Session *opened = nullptr;
        Session::openProfile(profile, &m_secrets, [&](Session *result, const QString &message) {
            opened = result;
            error = message;
        });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), TimeoutMs);
        QVERIFY2(opened, qPrintable(*error));
        std::unique_ptr<Session> session(opened);
        {
            DeploymentView view(session.get());
            QTabWidget *tabs = view.tabs();
            const int tab = tabs->indexOf(view.assetsPage());
            QCOMPARE(tab, 6); // after Import errors
            QCOMPARE(tabs->tabText(tab), QStringLiteral("Datasets"));
            QCOMPARE(tabs->isTabEnabled(tab), reason.isEmpty());
            QCOMPARE(tabs->tabToolTip(tab), reason);
            // The status widget's first answers first (it does not survive a cancelled call).
            QTRY_VERIFY_WITH_TIMEOUT(!view.statusWidget()->healthText().isEmpty(), TimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(!view.statusWidget()->versionText().contains(QLatin1String("asking")),
                                     TimeoutMs);
        }
    }
};

QTEST_MAIN(TestAssetsPage)
#include "tst_assetspage.moc"
