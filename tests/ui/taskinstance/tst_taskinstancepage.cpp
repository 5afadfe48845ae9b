// TaskInstancePage, offscreen, against the in-process sandbox (manual clock) with the real client: the
// fields of a finished task instance, its XComs with a selected JSON value shown indented and copied, the
// Tries tab switching the Log tab's try, the note saved on the server (and kept in the editor when the
// server fails), the read-only flag, and a task instance the server does not have.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "logs/logviewer.h"
#include "models/xcommodel.h"
#include "taskinstance/noteeditor.h"
#include "taskinstance/taskinstancepage.h"

#include <sandbox/sandboxserver.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Windsock::Api;
using Windsock::Models::XComModel;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Ui::NoteEditor;
using Windsock::Ui::TaskInstancePage;

namespace {
const QString kDag = QStringLiteral("etl_orders");
// Some of these logs are megabytes long: the viewer appends them in slices, which takes a while on a busy
// machine.
constexpr int LogTimeoutMs = 30000;
} // namespace

class TestTaskInstancePage final : public QObject
{
    Q_OBJECT

private:
    QList<TaskInstance> taskInstances(const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = kDag;
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    // A run of etl_orders triggered now and run to its end on the manual clock.
    QString finishedRun(const QString &runId)
    {
        TriggerRequest trigger;
        trigger.dagId = kDag;
        trigger.dagRunId = runId;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        const auto unpaused =
            awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, false, this, done); });
        if (!run || !run->ok() || !unpaused || !unpaused->ok())
            return {};
        m_sandbox->advanceClock(3600 * 1000);
        return runId;
    }

    std::unique_ptr<TaskInstancePage> makePage()
    {
        auto page = std::make_unique<TaskInstancePage>(m_api.get());
        page->setClock([this] { return QDateTime::fromMSecsSinceEpoch(m_sandbox->nowMs(), Qt::UTC); });
        page->resize(1000, 700);
        page->show();
        return page;
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void showsTheFieldsAndTheLatestLog()
    {
        const QString runId = finishedRun(QStringLiteral("ti_page_fields"));
        QVERIFY(!runId.isEmpty());
        const TaskInstance ti = taskInstances(runId).value(1);
        auto page = makePage();
        QSignalSpy loaded(page.get(), &TaskInstancePage::loaded);
        page->setTaskInstance(kDag, runId, ti.taskId);
        QTRY_VERIFY(!loaded.isEmpty());
        QVERIFY(page->hasTaskInstance());
        QCOMPARE(page->stateLabel()->text(), ti.state); // success or failed, as the seeded outcome has it
        QCOMPARE(page->tryLabel()->text(), QStringLiteral("%1 of %2").arg(ti.tryNumber).arg(ti.maxTries + 1));
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("tiOperator"))->text(), ti.operatorName);
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("tiPool"))->text(), ti.pool);
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("tiStart"))->text().contains(QStringLiteral("UTC")));
        QVERIFY(!page->findChild<QLabel *>(QStringLiteral("tiDuration"))->text().isEmpty());
        QCOMPARE(page->tabs()->currentIndex(), int(TaskInstancePage::LogTab));
        QCOMPARE(page->logViewer()->shownTry(), ti.tryNumber);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->logViewer()->shownText().contains(QStringLiteral("Marking task as ") + ti.state.toUpper()),
            LogTimeoutMs);
        QVERIFY(page->errorText().isEmpty());

        QSignalSpy runActivated(page.get(), &TaskInstancePage::runActivated);
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("openRunButton")), Qt::LeftButton);
        QCOMPARE(runActivated.size(), 1);
        QCOMPARE(runActivated.first().at(1).toString(), runId);
    }

    void listsXComsAndShowsAJsonValueIndented()
    {
        const QString runId = finishedRun(QStringLiteral("ti_page_xcoms"));
        QVERIFY(!runId.isEmpty());
        const TaskInstance ti = taskInstances(runId).value(1);
        auto page = makePage();
        page->setTaskInstance(kDag, runId, ti.taskId);
        page->tabs()->setCurrentIndex(TaskInstancePage::XComTab);
        XComModel *model = page->xcomModel();
        QTRY_VERIFY(model->rowOf(QStringLiteral("manifest")) >= 0);
        QVERIFY(model->rowOf(QStringLiteral("return_value")) >= 0);
        QCOMPARE(page->xcomView()->model()->rowCount(), model->rowCount());

        const int row = model->rowOf(QStringLiteral("manifest"));
        page->xcomView()->setCurrentIndex(page->xcomView()->model()->index(row, XComModel::Key));
        // Pretty-printed: a JSON document spread over lines with indentation.
        QTRY_VERIFY(page->xcomValueView()->toPlainText().startsWith(QStringLiteral("{\n    \"")));
        const QString shown = page->xcomValueView()->toPlainText();
        QJsonParseError error;
        QVERIFY(!QJsonDocument::fromJson(shown.toUtf8(), &error).isNull());
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(shown.size() > 100000);
        QVERIFY(page->copyValueButton()->isEnabled());
        QTest::mouseClick(page->copyValueButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), shown);

        const int other = model->rowOf(QStringLiteral("return_value"));
        page->xcomView()->setCurrentIndex(page->xcomView()->model()->index(other, XComModel::Key));
        QTRY_VERIFY(page->xcomValueView()->toPlainText().contains(QStringLiteral("s3://warehouse/")));
        QVERIFY(!page->xcomValueView()->toPlainText().contains(QStringLiteral("True")));
    }

    void readableValueIndentsJsonInAString()
    {
        XComEntry entry;
        entry.hasValue = true;
        entry.value = QStringLiteral("{\"rows\": 3, \"ok\": true}");
        QCOMPARE(TaskInstancePage::readableValue(entry),
                 QStringLiteral("{\n    \"ok\": true,\n    \"rows\": 3\n}"));
        entry.value = QStringLiteral("{'rows': 3}"); // Python's repr: not JSON, shown as it is
        QCOMPARE(TaskInstancePage::readableValue(entry), QStringLiteral("{'rows': 3}"));
        entry.value = 42;
        QCOMPARE(TaskInstancePage::readableValue(entry), QStringLiteral("42"));
    }

    void aTryChosenInTheTriesTabShowsInTheLogTab()
    {
        // Some task of the seeded history succeeded on its second try.
        const auto unpaused =
            awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, false, this, done); });
        QVERIFY(unpaused && unpaused->ok());
        m_sandbox->advanceClock(3600 * 1000);
        DagRunQuery query;
        query.dagId = kDag;
        query.orderBy = QStringLiteral("-execution_date");
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        QVERIFY(runs && runs->ok());
        TaskInstance retried;
        for (const DagRun &run : runs->value().items) {
            for (const TaskInstance &ti : taskInstances(run.dagRunId)) {
                if (retried.taskId.isEmpty() && ti.tryNumber == 2 && ti.state == QLatin1String("success"))
                    retried = ti;
            }
        }
        QVERIFY2(!retried.taskId.isEmpty(), "the seeded history has a task that succeeded on its second try");

        auto page = makePage();
        QSignalSpy loaded(page.get(), &TaskInstancePage::loaded);
        page->setTaskInstance(kDag, retried.dagRunId, retried.taskId);
        QTRY_VERIFY(!loaded.isEmpty());
        QCOMPARE(page->tries().size(), 2);
        QCOMPARE(page->triesList()->topLevelItemCount(), 2);
        QCOMPARE(page->triesList()->topLevelItem(0)->text(TaskInstancePage::TryState),
                 QStringLiteral("up_for_retry"));
        QCOMPARE(page->triesList()->topLevelItem(1)->text(TaskInstancePage::TryState),
                 QStringLiteral("success"));
        QCOMPARE(page->logViewer()->shownTry(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->logViewer()->shownText().contains(QStringLiteral("Marking task as SUCCESS")), LogTimeoutMs);

        page->tabs()->setCurrentIndex(TaskInstancePage::TriesTab);
        page->triesList()->setFocus();
        page->triesList()->setCurrentItem(page->triesList()->topLevelItem(0));
        QTest::keyClick(page->triesList(), Qt::Key_Return);
        QCOMPARE(page->tabs()->currentIndex(), int(TaskInstancePage::LogTab));
        QCOMPARE(page->logViewer()->shownTry(), 1);
        QCOMPARE(page->logViewer()->tryCombo()->currentData().toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->logViewer()->shownText().contains(QStringLiteral("Marking task as UP_FOR_RETRY")),
            LogTimeoutMs);
        QVERIFY(!page->logViewer()->shownText().contains(QStringLiteral("Marking task as SUCCESS")));
    }

    void savesTheNoteOnTheServer()
    {
        const QString runId = finishedRun(QStringLiteral("ti_page_note"));
        QVERIFY(!runId.isEmpty());
        auto page = makePage();
        QSignalSpy loaded(page.get(), &TaskInstancePage::loaded);
        page->setTaskInstance(kDag, runId, QStringLiteral("start"));
        QTRY_VERIFY(!loaded.isEmpty());
        NoteEditor *note = page->noteEditor();
        QVERIFY(note->editButton()->isEnabled());
        QTest::mouseClick(note->editButton(), Qt::LeftButton);
        QVERIFY(note->isEditing());
        QTest::keyClicks(note->editor(), QStringLiteral("rerun after the fix"));

        // A failing server keeps the editor open with what was typed, and says why.
        FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        QTest::mouseClick(note->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!note->isSaving());
        QVERIFY(note->isEditing());
        QVERIFY(note->errorLabel()->isVisibleTo(page.get()));
        QVERIFY(note->errorLabel()->text().startsWith(QStringLiteral("The note was not saved: ")));
        QCOMPARE(note->editor()->toPlainText(), QStringLiteral("rerun after the fix"));

        m_sandbox->setFaults({});
        QTest::mouseClick(note->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!note->isEditing());
        QCOMPARE(note->note(), QStringLiteral("rerun after the fix"));
        const auto server = awaitResult<TaskInstance>(
            [&](auto done) { m_api->taskInstance(kDag, runId, QStringLiteral("start"), this, done); });
        QVERIFY(server && server->ok());
        QCOMPARE(server->value().note, QStringLiteral("rerun after the fix"));

        page->setReadOnly(true);
        QVERIFY(!note->editButton()->isEnabled());
    }

    void saysWhenTheTaskInstanceIsNotThere()
    {
        auto page = makePage();
        page->setTaskInstance(kDag, QStringLiteral("no_such_run"), QStringLiteral("start"));
        QTRY_VERIFY(!page->errorText().isEmpty());
        QVERIFY2(page->errorText().contains(QStringLiteral("not on the server")),
                 qPrintable(page->errorText()));
        QVERIFY(!page->hasTaskInstance());
        QVERIFY(!page->noteEditor()->editButton()->isEnabled());

        // A mapped task instance is looked up in its run's list (the sandbox maps no task).
        const QString runId = finishedRun(QStringLiteral("ti_page_mapped"));
        QVERIFY(!runId.isEmpty());
        QSignalSpy changed(page.get(), &TaskInstancePage::taskInstanceChanged);
        page->setTaskInstance(kDag, runId, QStringLiteral("start"), 3);
        QVERIFY(page->errorText().isEmpty());
        QTRY_VERIFY(!page->errorText().isEmpty());
        QVERIFY2(page->errorText().contains(QStringLiteral("not on the server")),
                 qPrintable(page->errorText()));
        QVERIFY(changed.isEmpty());
    }
};

QTEST_MAIN(TestTaskInstancePage)
#include "tst_taskinstancepage.moc"
