// ImportErrorModel against a scripted server whose list of import errors the test changes between reads
// (the sandbox has one fixed entry): paging over two pages, then refreshes that remove, insert, change and
// reorder entries. After each refresh the rows equal the server's list, with no reset, and persistent indexes
// of untouched rows still point at their entries. A Fatal QAbstractItemModelTester watches the model.
#include "fakes/rawhttpserver.h"
#include "fakes/sandboxclient.h"
#include "models/importerrormodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using Windsock::Models::ImportErrorModel;
using Windsock::Tests::RawHttpServer;
namespace Api = Windsock::Api;

class TestImportErrorModelSync final : public QObject
{
    Q_OBJECT

private:
    struct Entry
    {
        int id;
        QString file;
    };

    QByteArray page(const RawHttpServer::Request &request) const
    {
        const QUrlQuery query(request.url());
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
        const int offset = query.queryItemValue(QStringLiteral("offset")).toInt();
        QJsonArray items;
        for (int i = offset; i < qMin(int(m_entries.size()), offset + limit); ++i) {
            const Entry &e = m_entries.at(i);
            items.append(QJsonObject{
                {QStringLiteral("import_error_id"), e.id},
                {QStringLiteral("timestamp"), QStringLiteral("2025-06-01T12:00:00+00:00")},
                {QStringLiteral("filename"), e.file},
                {QStringLiteral("stack_trace"), QString(QStringLiteral("SyntaxError: in ") + e.file)}});
        }
        return QJsonDocument(QJsonObject{{QStringLiteral("import_errors"), items},
                                         {QStringLiteral("total_entries"), int(m_entries.size())}})
            .toJson(QJsonDocument::Compact);
    }

    void compareWithServer()
    {
        QCOMPARE(m_model->rowCount(), int(m_entries.size()));
        for (int row = 0; row < m_entries.size(); ++row) {
            QCOMPARE(m_model->importError(row).id, m_entries.at(row).id);
            QCOMPARE(m_model->index(row, ImportErrorModel::File).data().toString(), m_entries.at(row).file);
        }
    }

    void refreshAndWait()
    {
        QSignalSpy refreshed(m_model, &ImportErrorModel::refreshed);
        m_model->refresh();
        QTRY_COMPARE(refreshed.size(), 1);
    }

    QList<Entry> m_entries;
    QNetworkAccessManager m_nam;
    std::unique_ptr<RawHttpServer> m_server;
    std::unique_ptr<Api::AirflowClient> m_client;
    ImportErrorModel *m_model = nullptr;

private Q_SLOTS:
    void init()
    {
        m_entries.clear();
        for (int id = 1; id <= 150; ++id)
            m_entries.append({id, QStringLiteral("/dags/file_%1.py").arg(id)});
        m_server = std::make_unique<RawHttpServer>();
        QVERIFY(m_server->listen());
        m_server->setResponder([this](const RawHttpServer::Request &request) {
            return RawHttpServer::Answer{RawHttpServer::json(200, page(request))};
        });
        m_client = Windsock::Tests::sandboxClient(&m_nam, m_server->baseUrl());
        m_model = new ImportErrorModel(m_client.get());
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    }

    void cleanup()
    {
        delete m_model;
        m_model = nullptr;
        m_client.reset();
        m_server.reset();
    }

    void pagesThenRefreshesInPlace()
    {
        // The tester asks for more as long as canFetchMore() says so: both pages, one after the other.
        QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
        QTRY_COMPARE(m_model->rowCount(), 150);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(m_model->totalEntries(), 150);
        QVERIFY(!m_model->canFetchMore({}));
        compareWithServer();

        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        const QPersistentModelIndex untouched(m_model->index(120, ImportErrorModel::File)); // id 121
        const QPersistentModelIndex removed(m_model->index(10, ImportErrorModel::File));    // id 11

        // Files fixed, new files broken (at the front and in the middle), one changed, two swapped.
        m_entries.removeAt(10);
        m_entries.removeAt(50);
        m_entries.insert(0, {500, QStringLiteral("/dags/new_first.py")});
        m_entries.insert(70, {501, QStringLiteral("/dags/new_middle.py")});
        m_entries[5].file = QStringLiteral("/dags/renamed.py");
        m_entries.swapItemsAt(30, 31);
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        refreshAndWait();
        compareWithServer();
        QCOMPARE(reset.size(), 0);
        QVERIFY(!removed.isValid());
        QVERIFY(untouched.isValid());
        QCOMPARE(untouched.data().toString(), QStringLiteral("/dags/file_121.py"));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(m_model->totalEntries(), 150);
        QCOMPARE(m_model->rowOfId(500), 0);

        // Everything fixed: the list empties without a reset.
        m_entries.clear();
        refreshAndWait();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->totalEntries(), 0);
        QCOMPARE(reset.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImportErrorModelSync)
#include "tst_importerrormodel_sync.moc"
