// ImportErrorModel against the real sandbox over loopback: the seeded import error with its file, time and
// the line that says what went wrong, refresh in place while the manual clock moves (dataChanged, never a
// reset, persistent indexes kept), filtering through a QSortFilterProxyModel on the search role, and a
// failing server in plain words. Fatal QAbstractItemModelTesters watch the model and the proxy.

#include "fakes/sandboxclient.h"
#include "models/importerrormodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::ImportErrorModel;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

class TestImportErrorModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void errorLine_data();
    void errorLine();
    void loadsTheSandboxImportError();
    void refreshesInPlace();
    void filtersThroughAProxy();
    void reportsAFailingServer();

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    ImportErrorModel *m_model = nullptr;
};

void TestImportErrorModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
}

void TestImportErrorModel::init()
{
    m_sandbox->setFaults({});
    m_model = new ImportErrorModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestImportErrorModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestImportErrorModel::errorLine_data()
{
    QTest::addColumn<QString>("stackTrace");
    QTest::addColumn<QString>("line");
    QTest::newRow("traceback")
        << QStringLiteral(
               "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n    import nope\n"
               "ModuleNotFoundError: No module named 'nope'\n")
        << QStringLiteral("ModuleNotFoundError: No module named 'nope'");
    QTest::newRow("syntax error") << QStringLiteral(
                                         "Traceback (most recent call last):\n  File \"broken.py\", "
                                         "line 3\nSyntaxError: invalid syntax")
                                  << QStringLiteral("SyntaxError: invalid syntax");
    QTest::newRow("plain text") << QStringLiteral("\n  DAG cycle detected\nmore\n")
                                << QStringLiteral("DAG cycle detected");
    QTest::newRow("empty") << QString() << QString();
}

void TestImportErrorModel::errorLine()
{
    QFETCH(QString, stackTrace);
    QFETCH(QString, line);
    QCOMPARE(ImportErrorModel::errorLine(stackTrace), line);
}

void TestImportErrorModel::loadsTheSandboxImportError()
{
    QSignalSpy total(m_model, &ImportErrorModel::totalEntriesChanged);
    // The model tester asks for the first page as soon as it watches the model.
    m_model->fetchMore({});
    QVERIFY(m_model->isLoading());
    QVERIFY(!m_model->canFetchMore({})); // one page at a time
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->totalEntries(), 1);
    QCOMPARE(total.size(), 1);
    QVERIFY(m_model->isComplete());
    QVERIFY(!m_model->canFetchMore({}));
    const QModelIndex file = m_model->index(0, ImportErrorModel::File);
    QVERIFY(file.data().toString().endsWith(QStringLiteral("marketing_attribution.py")));
    QCOMPARE(m_model->index(0, ImportErrorModel::Error).data().toString(),
             QStringLiteral("ModuleNotFoundError: No module named 'attribution'"));
    QVERIFY(!m_model->index(0, ImportErrorModel::Timestamp).data().toString().isEmpty());
    QVERIFY(file.data(ImportErrorModel::StackTraceRole).toString().startsWith(QStringLiteral("Traceback")));
    QCOMPARE(file.data(ImportErrorModel::IdRole).toInt(), 1);
    QCOMPARE(m_model->rowOfId(1), 0);
    QCOMPARE(m_model->rowOfId(2), -1);
}

void TestImportErrorModel::refreshesInPlace()
{
    m_model->fetchMore({});
    QTRY_COMPARE(m_model->rowCount(), 1);
    const QPersistentModelIndex kept(m_model->index(0, ImportErrorModel::Error));
    const QString before = m_model->index(0, ImportErrorModel::Timestamp).data().toString();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy refreshed(m_model, &ImportErrorModel::refreshed);

    // Nothing changed on the server: no signal at all.
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    QVERIFY(!m_model->canFetchMore({}));
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(changed.size(), 0);

    // The sandbox stamps its import error with the current minute (less an hour): a new parse, a new time.
    m_sandbox->advanceClock(5 * 60 * 1000);
    m_model->refresh();
    QTRY_COMPARE(refreshed.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 0);
    QVERIFY(m_model->index(0, ImportErrorModel::Timestamp).data().toString() != before);
    QCOMPARE(m_model->rowCount(), 1);
}

void TestImportErrorModel::filtersThroughAProxy()
{
    QSortFilterProxyModel proxy;
    new QAbstractItemModelTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, &proxy);
    proxy.setSourceModel(m_model);
    proxy.setFilterRole(ImportErrorModel::SearchTextRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_model->fetchMore({});
    QTRY_COMPARE(proxy.rowCount(), 1);
    proxy.setFilterFixedString(QStringLiteral("shapleymodel")); // only in the stack trace
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterFixedString(QStringLiteral("no such text"));
    QCOMPARE(proxy.rowCount(), 0);
    QSignalSpy refreshed(m_model, &ImportErrorModel::refreshed);
    m_sandbox->advanceClock(60 * 1000);
    m_model->refresh();
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFilterFixedString(QString());
    QCOMPARE(proxy.rowCount(), 1);
    proxy.sort(ImportErrorModel::File);
    QCOMPARE(proxy.rowCount(), 1);
}

void TestImportErrorModel::reportsAFailingServer()
{
    Sandbox::FaultOptions faults;
    faults.errorRate = 1.0;
    m_sandbox->setFaults(faults);
    QSignalSpy errors(m_model, &ImportErrorModel::errorOccurred);
    m_model->fetchMore({});
    QTRY_COMPARE(errors.size(), 1);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the import errors: ")), qPrintable(message));
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_model->rowCount(), 0);

    // A refresh of an empty model is the retry.
    m_sandbox->setFaults({});
    m_model->refresh();
    QTRY_COMPARE(m_model->rowCount(), 1);

    // A failed refresh keeps the rows, ends the refresh, and is no refreshed() (the page clears its error on
    // that).
    m_sandbox->setFaults(faults);
    QSignalSpy refreshing(m_model, &ImportErrorModel::refreshingChanged);
    QSignalSpy refreshed(m_model, &ImportErrorModel::refreshed);
    m_model->refresh();
    QCOMPARE(refreshing.size(), 1);
    QCOMPARE(refreshing.first().first().toBool(), true);
    QTRY_COMPARE(errors.size(), 2);
    QVERIFY(
        errors.last().first().toString().startsWith(QStringLiteral("Could not refresh the import errors")));
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(!m_model->isRefreshing());
    QCOMPARE(refreshing.size(), 2);
    QCOMPARE(refreshing.last().first().toBool(), false);
    QCOMPARE(refreshed.size(), 0);
}

QTEST_GUILESS_MAIN(TestImportErrorModel)
#include "tst_importerrormodel.moc"
