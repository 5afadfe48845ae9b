// VariableModel against the real sandbox over loopback: page by page through fetchMore(), the values read
// after each page, refresh in place after a create, an update and a delete done on the server (no reset,
// persistent indexes of untouched rows kept), sensitive values masked until shown, filtering and sorting
// through a QSortFilterProxyModel, and a plain-words error. Fatal QAbstractItemModelTesters watch the model
// and the proxy for their whole lives.

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/variablemodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::VariableModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestVariableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void pagesThroughFetchMore();
    void readsTheValues();
    void refreshesInPlaceAfterChangesOnTheServer();
    void refreshOfAPartialListKeepsItsLength();
    void masksSensitiveValuesUntilShown();
    void sensitiveKeys_data();
    void sensitiveKeys();
    void filtersAndSortsThroughAProxy();
    void reportsAnUnreachableServer();

private:
    void loadAll();
    QList<Api::Variable> serverVariables();
    void createVariable(const QString &key, const QString &value, const QString &description = {});

    static constexpr int TimeoutMs = 30000;
    static constexpr int Created = 210;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    VariableModel *m_model = nullptr;
};

void TestVariableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    for (int i = 0; i < Created; ++i)
        createVariable(QStringLiteral("bulk_%1").arg(i, 3, 10, QLatin1Char('0')), QString::number(i));
}

void TestVariableModel::init()
{
    m_model = new VariableModel(m_client.get());
    // Parented to the model: it watches every change until the model goes.
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestVariableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestVariableModel::createVariable(const QString &key, const QString &value, const QString &description)
{
    Api::Variable variable;
    variable.key = key;
    variable.value = value;
    variable.description = description;
    const auto made =
        awaitResult<Api::Variable>([&](auto done) { m_client->createVariable(variable, this, done); });
    QVERIFY(made && made->ok());
}

QList<Api::Variable> TestVariableModel::serverVariables()
{
    const auto all =
        awaitResult<QList<Api::Variable>>([&](auto done) { m_client->allVariables(this, done); });
    if (!all || !all->ok())
        return {};
    return all->value();
}

void TestVariableModel::loadAll()
{
    // The model tester calls fetchMore() itself after each insert, so pages may already be on their way.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            if (m_model->canFetchMore({}))
                m_model->fetchMore({});
            return m_model->isComplete();
        }(),
        TimeoutMs);
}

void TestVariableModel::pagesThroughFetchMore()
{
    // The model tester asked for the first page as it was made, as a view does.
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->isLoading());
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->fetchMore({});
    QVERIFY(!m_model->canFetchMore({})); // one page at a time
    QVERIFY(inserted.wait(TimeoutMs));
    // The first page, and only it: 0..99.
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), int(VariableModel::PageSize) - 1);
    const QList<Api::Variable> server = serverVariables();
    QCOMPARE(m_model->totalEntries(), int(server.size()));
    loadAll();
    QCOMPARE(m_model->rowCount(), int(server.size()));
    QCOMPARE(inserted.count(), int((server.size() + VariableModel::PageSize - 1) / VariableModel::PageSize));
    for (int row = 0; row < server.size(); ++row) {
        QCOMPARE(m_model->keyAt(row), server.at(row).key);
        QCOMPARE(m_model->index(row, VariableModel::Description).data().toString(),
                 server.at(row).description);
    }
    QCOMPARE(m_model->headerData(VariableModel::Value, Qt::Horizontal).toString(), QStringLiteral("Value"));
    QVERIFY(!m_model->canFetchMore({}));
}

void TestVariableModel::readsTheValues()
{
    m_model->fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount() > 0, TimeoutMs);
    const int row = m_model->rowOfKey(QStringLiteral("etl_settings"));
    QVERIFY(row >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);
    const QModelIndex value = m_model->index(row, VariableModel::Value);
    const QString stored = value.data(VariableModel::ValueRole).toString();
    QVERIFY(stored.startsWith(QLatin1String("{\"batch_size\": 500")));
    QCOMPARE(value.data().toString(), stored.simplified());
    const Api::Variable variable = value.data(VariableModel::VariableRole).value<Api::Variable>();
    QVERIFY(variable.hasValue);
    QCOMPARE(variable.value, stored);
    QVERIFY(m_model->hasValue(QStringLiteral("environment")));
    QCOMPARE(m_model->index(m_model->rowOfKey(QStringLiteral("environment")), VariableModel::Value).data(),
             QVariant(QStringLiteral("staging")));
}

void TestVariableModel::refreshesInPlaceAfterChangesOnTheServer()
{
    loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);
    const int before = m_model->rowCount();
    const QPersistentModelIndex environment =
        m_model->index(m_model->rowOfKey(QStringLiteral("environment")), 0);
    const QPersistentModelIndex alert = m_model->index(m_model->rowOfKey(QStringLiteral("alert_email")), 0);
    const QPersistentModelIndex doomed = m_model->index(m_model->rowOfKey(QStringLiteral("bulk_005")), 0);
    const QPersistentModelIndex last = m_model->index(before - 1, 0);
    QVERIFY(environment.isValid() && alert.isValid() && doomed.isValid());

    // On the server: one new, one changed (value and description), one deleted.
    createVariable(QStringLiteral("made_meanwhile"), QStringLiteral("{\"a\": 1}"), QStringLiteral("new"));
    Api::VariableUpdate update;
    update.key = QStringLiteral("alert_email");
    update.value = QStringLiteral("oncall@example.com");
    update.description = QStringLiteral("Pager address");
    QVERIFY(
        awaitResult<Api::Variable>([&](auto done) { m_client->updateVariable(update, this, done); })->ok());
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                m_client->deleteVariable(QStringLiteral("bulk_005"), this, done);
            })->ok());

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshed(m_model, &VariableModel::refreshed);
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    QVERIFY(refreshed.wait(TimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);

    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QVERIFY(!doomed.isValid());
    QVERIFY(environment.isValid());
    QCOMPARE(environment.data().toString(), QStringLiteral("environment"));
    QVERIFY(last.isValid());
    QCOMPARE(m_model->rowCount(), before);
    QCOMPARE(m_model->keyAt(m_model->rowCount() - 1), QStringLiteral("made_meanwhile"));
    QCOMPARE(m_model->index(m_model->rowCount() - 1, VariableModel::Value).data(VariableModel::ValueRole),
             QVariant(QStringLiteral("{\"a\": 1}")));
    QVERIFY(alert.isValid());
    QCOMPARE(m_model->index(alert.row(), VariableModel::Description).data().toString(),
             QStringLiteral("Pager address"));
    QCOMPARE(m_model->index(alert.row(), VariableModel::Value).data().toString(),
             QStringLiteral("oncall@example.com"));
    bool alertChanged = false;
    for (const QList<QVariant> &args : std::as_const(changed))
        alertChanged |= args.at(0).toModelIndex().row() == alert.row();
    QVERIFY(alertChanged);
    QCOMPARE(m_model->totalEntries(), int(serverVariables().size()));

    // A refresh that finds nothing new changes nothing.
    changed.clear();
    inserted.clear();
    removed.clear();
    m_model->refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count() + removed.count(), 0);
}

void TestVariableModel::refreshOfAPartialListKeepsItsLength()
{
    // Without a model tester: it calls fetchMore() after every insert, so a list never stays partial under
    // it.
    VariableModel model(m_client.get());
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(VariableModel::PageSize), TimeoutMs);
    QSignalSpy refreshed(&model, &VariableModel::refreshed);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(model.rowCount(), int(VariableModel::PageSize));
    QCOMPARE(reset.count(), 0);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2 * int(VariableModel::PageSize), TimeoutMs);
    QCOMPARE(model.keyAt(VariableModel::PageSize), serverVariables().at(VariableModel::PageSize).key);
}

void TestVariableModel::masksSensitiveValuesUntilShown()
{
    createVariable(QStringLiteral("Warehouse_Password"), QStringLiteral("hunter2"));
    QSignalSpy refreshed(m_model, &VariableModel::refreshed);
    m_model->refresh(); // the first page may have been read before the variable was made
    QVERIFY(refreshed.wait(TimeoutMs));
    loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);
    const QModelIndex value =
        m_model->index(m_model->rowOfKey(QStringLiteral("Warehouse_Password")), VariableModel::Value);
    QVERIFY(value.data(VariableModel::SensitiveRole).toBool());
    QCOMPARE(value.data().toString(), VariableModel::maskedValue());
    QVERIFY(!value.data(Qt::ToolTipRole).toString().contains(QLatin1String("hunter2")));
    QCOMPARE(value.data(VariableModel::ValueRole).toString(), QStringLiteral("hunter2")); // for an editor
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setSensitiveValuesShown(true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(value.data().toString(), QStringLiteral("hunter2"));
    m_model->setSensitiveValuesShown(false);
    QCOMPARE(value.data().toString(), VariableModel::maskedValue());
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                m_client->deleteVariable(QStringLiteral("Warehouse_Password"), this, done);
            })->ok());
}

void TestVariableModel::sensitiveKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("sensitive");
    QTest::newRow("password") << QStringLiteral("db_password") << true;
    QTest::newRow("upper case") << QStringLiteral("  API_KEY ") << true;
    QTest::newRow("apikey") << QStringLiteral("stripeApiKey") << true;
    QTest::newRow("token inside") << QStringLiteral("slack_token_prod") << true;
    QTest::newRow("secret") << QStringLiteral("client-secret") << true;
    QTest::newRow("passwd") << QStringLiteral("passwd") << true;
    QTest::newRow("authorization") << QStringLiteral("authorization_header") << true;
    QTest::newRow("private_key") << QStringLiteral("ssh_private_key") << true;
    QTest::newRow("service_account") << QStringLiteral("gcp_service_account") << true;
    QTest::newRow("plain") << QStringLiteral("environment") << false;
    QTest::newRow("key alone") << QStringLiteral("s3_key") << false;
    QTest::newRow("pass alone") << QStringLiteral("bypass_cache") << false;
}

void TestVariableModel::sensitiveKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, sensitive);
    QCOMPARE(VariableModel::isSensitiveKey(key), sensitive);
}

void TestVariableModel::filtersAndSortsThroughAProxy()
{
    loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(m_model->pendingValues() == 0, TimeoutMs);
    QSortFilterProxyModel proxy;
    new QAbstractItemModelTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, &proxy);
    proxy.setSourceModel(m_model);
    proxy.setSortRole(VariableModel::SortRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterFixedString(QStringLiteral("ETL"));
    QVERIFY(proxy.rowCount() >= 1);
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QString text = proxy.index(row, VariableModel::Key).data().toString() +
                             proxy.index(row, VariableModel::Value).data().toString() +
                             proxy.index(row, VariableModel::Description).data().toString();
        QVERIFY(text.contains(QLatin1String("etl"), Qt::CaseInsensitive));
    }
    proxy.setFilterFixedString(QStringLiteral("bulk_1"));
    QCOMPARE(proxy.rowCount(), 100); // bulk_100 to bulk_199
    proxy.sort(VariableModel::Key, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, VariableModel::Key).data().toString(), QStringLiteral("bulk_199"));

    // The proxy follows a refresh that removes a filtered row.
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                m_client->deleteVariable(QStringLiteral("bulk_199"), this, done);
            })->ok());
    QSignalSpy refreshed(m_model, &VariableModel::refreshed);
    m_model->refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(proxy.index(0, VariableModel::Key).data().toString(), QStringLiteral("bulk_198"));
    createVariable(QStringLiteral("bulk_199"), QStringLiteral("199"));
}

void TestVariableModel::reportsAnUnreachableServer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    const std::unique_ptr<Api::AirflowClient> client = Windsock::Tests::sandboxClient(&m_network, url);
    VariableModel model(client.get());
    QSignalSpy errors(&model, &VariableModel::errorOccurred);
    model.fetchMore({});
    QVERIFY(errors.wait(TimeoutMs));
    QVERIFY2(errors.first().first().toString().startsWith(QStringLiteral("Could not load the variables: ")),
             qPrintable(errors.first().first().toString()));
    QVERIFY(!model.canFetchMore({})); // no loop of failing requests; refresh() tries again
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestVariableModel)
#include "tst_variablemodel.moc"
