// ConnectionModel against the real sandbox over loopback: page by page through fetchMore(), refresh in place
// after a create, an update and a delete done on the server (no reset, persistent indexes of untouched rows
// kept), no password anywhere, and filtering and sorting through a QSortFilterProxyModel. Fatal
// QAbstractItemModelTesters watch the model and the proxy for their whole lives.

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/connectionmodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::ConnectionModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestConnectionModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void pagesThroughFetchMore();
    void refreshesInPlaceAfterChangesOnTheServer();
    void filtersAndSortsThroughAProxy();

private:
    void loadAll();
    QList<Api::Connection> serverConnections();
    void createConnection(const QString &id, const QString &type, const QString &host, int port);

    static constexpr int TimeoutMs = 30000;
    static constexpr int Created = 120;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    ConnectionModel *m_model = nullptr;
};

void TestConnectionModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.dagCount = 5;
    options.runsPerDag = 2;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    for (int i = 0; i < Created; ++i) {
        createConnection(QStringLiteral("conn_%1").arg(i, 3, 10, QLatin1Char('0')),
                         i % 2 ? QStringLiteral("mysql") : QStringLiteral("http"),
                         QStringLiteral("host%1.internal").arg(i), 1000 + i);
    }
}

void TestConnectionModel::init()
{
    m_model = new ConnectionModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestConnectionModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestConnectionModel::createConnection(const QString &id, const QString &type, const QString &host,
                                           int port)
{
    Api::ConnectionRequest request;
    request.connectionId = id;
    request.connType = type;
    request.host = host;
    request.port = port;
    request.password = QStringLiteral("pw-") + id;
    const auto made =
        awaitResult<Api::Connection>([&](auto done) { m_client->createConnection(request, this, done); });
    QVERIFY(made && made->ok());
}

QList<Api::Connection> TestConnectionModel::serverConnections()
{
    QList<Api::Connection> all;
    for (int offset = 0;; offset += 100) {
        Api::CollectionQuery query;
        query.offset = offset;
        const auto page = awaitResult<Api::Page<Api::Connection>>(
            [&](auto done) { m_client->connections(query, this, done); });
        if (!page || !page->ok() || page->value().items.isEmpty())
            break;
        all += page->value().items;
    }
    return all;
}

void TestConnectionModel::loadAll()
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

void TestConnectionModel::pagesThroughFetchMore()
{
    // The model tester asked for the first page as it was made, as a view does.
    QVERIFY(m_model->isLoading());
    QVERIFY(!m_model->canFetchMore({}));
    QSignalSpy loading(m_model, &ConnectionModel::loadingChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QVERIFY(inserted.wait(TimeoutMs));
    QCOMPARE(inserted.first().at(2).toInt(), int(ConnectionModel::PageSize) - 1); // one page
    loadAll();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(loading.count(), 3); // done, loading the second page, done
    const QList<Api::Connection> server = serverConnections();
    QCOMPARE(m_model->rowCount(), int(server.size()));
    for (int row = 0; row < server.size(); ++row) {
        const Api::Connection &c = server.at(row);
        QCOMPARE(m_model->keyAt(row), c.connectionId);
        QCOMPARE(m_model->index(row, ConnectionModel::Type).data().toString(), c.connType);
        QCOMPARE(m_model->index(row, ConnectionModel::Host).data().toString(), c.host);
        QCOMPARE(m_model->index(row, ConnectionModel::Port).data().toString(),
                 c.port > 0 ? QString::number(c.port) : QString());
        QCOMPARE(m_model->index(row, ConnectionModel::Port).data(ConnectionModel::SortRole).toInt(), c.port);
    }
    // The seeded warehouse connection has a password on the server; nothing in the model shows it.
    const int warehouse = m_model->rowOfKey(QStringLiteral("warehouse"));
    QVERIFY(warehouse >= 0);
    for (int column = 0; column < m_model->columnCount(); ++column)
        QVERIFY(!m_model->index(warehouse, column).data().toString().contains(QLatin1String("s3cr3t")));
}

void TestConnectionModel::refreshesInPlaceAfterChangesOnTheServer()
{
    loadAll();
    const int before = m_model->rowCount();
    const QPersistentModelIndex first = m_model->index(0, 0);
    const QPersistentModelIndex edited = m_model->index(m_model->rowOfKey(QStringLiteral("conn_010")), 0);
    const QPersistentModelIndex doomed = m_model->index(m_model->rowOfKey(QStringLiteral("conn_011")), 0);
    QVERIFY(edited.isValid() && doomed.isValid());

    createConnection(QStringLiteral("made_meanwhile"), QStringLiteral("postgres"), QStringLiteral("db"),
                     5432);
    Api::ConnectionRequest move;
    move.connectionId = QStringLiteral("conn_010");
    move.host = QStringLiteral("moved.internal");
    QVERIFY(
        awaitResult<Api::Connection>([&](auto done) { m_client->updateConnection(move, this, done); })->ok());
    QVERIFY(awaitResult<Api::Nothing>([&](auto done) {
                m_client->deleteConnection(QStringLiteral("conn_011"), this, done);
            })->ok());

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshed(m_model, &ConnectionModel::refreshed);
    m_model->refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), edited.row());
    QVERIFY(first.isValid());
    QVERIFY(!doomed.isValid());
    QCOMPARE(m_model->index(edited.row(), ConnectionModel::Host).data().toString(),
             QStringLiteral("moved.internal"));
    QCOMPARE(m_model->rowCount(), before);
    QCOMPARE(m_model->keyAt(before - 1), QStringLiteral("made_meanwhile"));
    const Api::Connection made =
        m_model->index(before - 1, 0).data(ConnectionModel::ConnectionRole).value<Api::Connection>();
    QCOMPARE(made.port, 5432);
    QCOMPARE(m_model->totalEntries(), int(serverConnections().size()));
}

void TestConnectionModel::filtersAndSortsThroughAProxy()
{
    loadAll();
    QSortFilterProxyModel proxy;
    new QAbstractItemModelTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, &proxy);
    proxy.setSourceModel(m_model);
    proxy.setSortRole(ConnectionModel::SortRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterFixedString(QStringLiteral("MYSQL"));
    QVERIFY(proxy.rowCount() >= Created / 2 - 1);
    for (int row = 0; row < proxy.rowCount(); ++row)
        QCOMPARE(proxy.index(row, ConnectionModel::Type).data().toString(), QStringLiteral("mysql"));
    proxy.sort(ConnectionModel::Port, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, ConnectionModel::Port).data().toString(), QString::number(1000 + Created - 1));
    proxy.setFilterFixedString(QString());
    proxy.sort(ConnectionModel::ConnectionId, Qt::AscendingOrder);
    QCOMPARE(proxy.rowCount(), m_model->rowCount());
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("aws_default"));

    // A new connection arrives sorted into place by a refresh.
    createConnection(QStringLiteral("aaa_first"), QStringLiteral("http"), QStringLiteral("h"), 80);
    QSignalSpy refreshed(m_model, &ConnectionModel::refreshed);
    m_model->refresh();
    QVERIFY(refreshed.wait(TimeoutMs));
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("aaa_first"));
}

QTEST_GUILESS_MAIN(TestConnectionModel)
#include "tst_connectionmodel.moc"
