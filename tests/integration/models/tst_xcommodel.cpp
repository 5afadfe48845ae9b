// XComModel against the real sandbox over loopback: a finished task instance's entries in key order, every
// value read on its own for the preview (the multi-hundred-kilobyte "manifest" shown as one short line), a
// selected entry's value read first, a run without entries, a switch to another task instance (one reset),
// and a failing server in plain words. A Fatal QAbstractItemModelTester watches the model its whole life.

#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "models/xcommodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <sandbox/sandboxserver.h>

#include <memory>

using Windsock::Models::XComModel;
using Windsock::Tests::awaitResult;
namespace Api = Windsock::Api;
namespace Sandbox = Windsock::Sandbox;

namespace {
const QString kDag = QStringLiteral("etl_orders");
}

class TestXComModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsEntriesAndReadsTheirValues();
    void readsASelectedValueFirst();
    void anEmptyTaskInstanceHasNoRows();
    void switchingTaskInstancesResets();
    void refreshKeepsRowsAndValues();
    void reportsAFailingServer();

private:
    QString finishedRun(const QString &runId);
    QString firstRealTask(const QString &runId);
    bool allValuesRead() const;

    QNetworkAccessManager m_network;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Api::AirflowClient> m_client;
    XComModel *m_model = nullptr;
    QString m_runId;
    QString m_taskId;
};

void TestXComModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Sandbox::SandboxOptions options;
    options.clock = Sandbox::ClockKind::Manual;
    m_sandbox = std::make_unique<Sandbox::SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(), qPrintable(m_sandbox->errorString()));
    m_client = Windsock::Tests::sandboxClient(&m_network, m_sandbox->baseUrl());
    m_runId = finishedRun(QStringLiteral("xcom_model_run"));
    QVERIFY(!m_runId.isEmpty());
    m_taskId = firstRealTask(m_runId);
    QVERIFY(!m_taskId.isEmpty());
}

void TestXComModel::init()
{
    m_sandbox->setFaults({});
    m_model = new XComModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
}

void TestXComModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

QString TestXComModel::finishedRun(const QString &runId)
{
    Api::TriggerRequest trigger;
    trigger.dagId = kDag;
    trigger.dagRunId = runId;
    const auto run =
        awaitResult<Api::DagRun>([&](auto done) { m_client->triggerDagRun(trigger, this, done); });
    if (!run || !run->ok())
        return {};
    const auto unpaused =
        awaitResult<Api::Dag>([&](auto done) { m_client->setDagPaused(kDag, false, this, done); });
    if (!unpaused || !unpaused->ok())
        return {};
    m_sandbox->advanceClock(3600 * 1000);
    return runId;
}

QString TestXComModel::firstRealTask(const QString &runId)
{
    Api::TaskInstanceQuery query;
    query.dagId = kDag;
    query.dagRunId = runId;
    const auto page = awaitResult<Api::Page<Api::TaskInstance>>(
        [&](auto done) { m_client->taskInstances(query, this, done); });
    // The first task (start) pushes nothing; the second pushes return_value and a large manifest.
    return page && page->ok() && page->value().items.size() > 1 ? page->value().items.at(1).taskId
                                                                : QString();
}

bool TestXComModel::allValuesRead() const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!m_model->entry(row).hasValue)
            return false;
    }
    return m_model->rowCount() > 0;
}

void TestXComModel::listsEntriesAndReadsTheirValues()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->setTaskInstance(kDag, m_runId, m_taskId);
    QTRY_VERIFY(m_model->rowCount() > 0);
    QCOMPARE(inserted.size(), 1);
    QVERIFY(m_model->isComplete());
    QVERIFY(!m_model->canFetchMore({}));
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys.append(m_model->index(row, XComModel::Key).data().toString());
    QVERIFY(keys.contains(QStringLiteral("return_value")));
    QVERIFY(keys.contains(QStringLiteral("manifest")));
    QVERIFY(std::is_sorted(keys.cbegin(), keys.cend()));

    QTRY_VERIFY_WITH_TIMEOUT(allValuesRead(), 20000);
    const int returnRow = m_model->rowOf(QStringLiteral("return_value"));
    QVERIFY(returnRow >= 0);
    QVERIFY(m_model->index(returnRow, XComModel::Value)
                .data()
                .toString()
                .contains(QStringLiteral("s3://warehouse/")));
    QVERIFY(m_model->index(returnRow, XComModel::Key).data(XComModel::HasValueRole).toBool());
    const int manifestRow = m_model->rowOf(QStringLiteral("manifest"));
    const QString preview = m_model->index(manifestRow, XComModel::Value).data().toString();
    QVERIFY(preview.size() <= XComModel::PreviewChars + 1);
    QVERIFY(!preview.contains(QLatin1Char('\n')));
    QVERIFY(preview.endsWith(QChar(0x2026)));
    // The full value stays in the model for the page to show.
    QVERIFY(m_model->entry(manifestRow).valueText().size() > 100000);
    QVERIFY(
        m_model->index(manifestRow, XComModel::Timestamp).data().toString().startsWith(QStringLiteral("20")));
}

void TestXComModel::readsASelectedValueFirst()
{
    m_model->setTaskInstance(kDag, m_runId, m_taskId);
    QTRY_VERIFY(m_model->rowCount() > 1);
    const int last = m_model->rowCount() - 1;
    QSignalSpy loaded(m_model, &XComModel::valueLoaded);
    m_model->loadValue(last);
    QTRY_VERIFY(m_model->entry(last).hasValue);
    // The row asked for comes no later than second: at most the read already under way goes before it.
    int position = -1;
    for (int i = 0; i < loaded.size() && position < 0; ++i) {
        if (loaded.at(i).first().toInt() == last)
            position = i;
    }
    QVERIFY2(position == 0 || position == 1, qPrintable(QString::number(position)));

    // A value read already answers at once.
    loaded.clear();
    m_model->loadValue(last);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().first().toInt(), last);
}

void TestXComModel::anEmptyTaskInstanceHasNoRows()
{
    QSignalSpy errors(m_model, &XComModel::errorOccurred);
    QSignalSpy total(m_model, &XComModel::totalEntriesChanged);
    m_model->setTaskInstance(kDag, QStringLiteral("no_such_run"), QStringLiteral("start"));
    QTRY_COMPARE(m_model->totalEntries(), 0);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(errors.isEmpty());
    QVERIFY(!m_model->canFetchMore({}));

    m_model->setTaskInstance({}, {}, {});
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->canFetchMore({}));
    QVERIFY(!m_model->isLoading());
}

void TestXComModel::switchingTaskInstancesResets()
{
    m_model->setTaskInstance(kDag, m_runId, m_taskId);
    QTRY_VERIFY(m_model->rowCount() > 0);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setTaskInstance(kDag, m_runId, QStringLiteral("start"));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QTRY_COMPARE(m_model->totalEntries(), 0);
    QCOMPARE(m_model->taskId(), QStringLiteral("start"));
}

void TestXComModel::refreshKeepsRowsAndValues()
{
    m_model->setTaskInstance(kDag, m_runId, m_taskId);
    QTRY_VERIFY(allValuesRead());
    const int rows = m_model->rowCount();
    const QPersistentModelIndex last(m_model->index(rows - 1, XComModel::Key));
    const QString lastKey = last.data().toString();
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy loaded(m_model, &XComModel::valueLoaded);
    QSignalSpy refreshed(m_model, &XComModel::refreshed);

    // The finished run's XComs do not change: the refresh finds the same rows and reads no value again.
    m_model->refresh();
    QVERIFY(m_model->isRefreshing());
    QTRY_COMPARE(refreshed.size(), 1);
    QVERIFY(!m_model->isRefreshing());
    QCOMPARE(m_model->rowCount(), rows);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(loaded.size(), 0);
    QVERIFY(last.isValid());
    QCOMPARE(last.row(), rows - 1);
    QCOMPARE(last.data().toString(), lastKey);
    QVERIFY(allValuesRead());
}

void TestXComModel::reportsAFailingServer()
{
    Sandbox::FaultOptions faults;
    faults.errorRate = 1.0;
    m_sandbox->setFaults(faults);
    QSignalSpy errors(m_model, &XComModel::errorOccurred);
    m_model->setTaskInstance(kDag, m_runId, m_taskId);
    QTRY_COMPARE(errors.size(), 1);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the XComs")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("Traceback")), qPrintable(message));
    QCOMPARE(m_model->rowCount(), 0);
    // No retry loop: the view asking again gets nothing until a reload.
    QVERIFY(!m_model->canFetchMore({}));
    m_sandbox->setFaults({});
    m_model->reload();
    QTRY_VERIFY(m_model->rowCount() > 0);
}

QTEST_GUILESS_MAIN(TestXComModel)
#include "tst_xcommodel.moc"
