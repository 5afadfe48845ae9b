// RunPage, offscreen, against the in-process sandbox (manual clock) with the real client: a triggered run's
// fields and its conf as indented JSON (copied as shown), its task instances with their state counts, the
// note saved on the server (kept in the editor when the server fails), the read-only flag, activating a task
// instance, and a run the server does not have.
#include "api/airflowclient.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "runs/runpage.h"
#include "taskinstance/noteeditor.h"

#include <sandbox/sandboxserver.h>

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Windsock::Api;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Ui::NoteEditor;
using Windsock::Ui::RunPage;

namespace {
const QString kDag = QStringLiteral("etl_orders");
}

class TestRunPage final : public QObject
{
    Q_OBJECT

private:
    QString trigger(const QString &runId, const QJsonObject &conf)
    {
        TriggerRequest request;
        request.dagId = kDag;
        request.dagRunId = runId;
        request.conf = conf;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(request, this, done); });
        return run && run->ok() ? run->value().dagRunId : QString();
    }

    std::unique_ptr<RunPage> makePage()
    {
        auto page = std::make_unique<RunPage>(m_api.get());
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

    void showsTheRunAndItsConf()
    {
        const QJsonObject conf{{QStringLiteral("region"), QStringLiteral("eu-west")},
                               {QStringLiteral("limits"), QJsonObject{{QStringLiteral("rows"), 1000}}}};
        const QString runId = trigger(QStringLiteral("run_page_conf"), conf);
        QVERIFY(!runId.isEmpty());
        auto page = makePage();
        QSignalSpy loaded(page.get(), &RunPage::loaded);
        page->setRun(kDag, runId);
        QTRY_VERIFY(!loaded.isEmpty());
        QVERIFY(page->hasRun());
        QVERIFY(page->errorText().isEmpty());
        QCOMPARE(page->stateLabel()->text(), QStringLiteral("queued")); // the DAG is paused
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("runType"))->text(), QStringLiteral("Manual"));
        QVERIFY(page->logicalDateLabel()->text().contains(QStringLiteral(" UTC (")));
        QVERIFY(page->logicalDateLabel()->text().contains(QStringLiteral("local)")));
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("runExternalTrigger"))
                    ->text()
                    .startsWith(QStringLiteral("from outside")));

        // Indented JSON, the same object as triggered.
        const QString shown = page->confView()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("\n    \"region\": \"eu-west\"")), qPrintable(shown));
        QCOMPARE(QJsonDocument::fromJson(shown.toUtf8()).object(), conf);
        QVERIFY(page->confView()->isReadOnly());
        QTest::mouseClick(page->copyConfButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), shown);

        // The run goes on: a refresh shows the task instances and their counts.
        QVERIFY(awaitResult<Dag>([&](auto done) { m_api->setDagPaused(kDag, false, this, done); })->ok());
        m_sandbox->advanceClock(3600 * 1000);
        loaded.clear();
        page->refresh();
        QTRY_VERIFY(!loaded.isEmpty());
        QVERIFY(page->stateLabel()->text() == QLatin1String("success") ||
                page->stateLabel()->text() == QLatin1String("failed"));
        QVERIFY(!page->taskInstances().isEmpty());
        QCOMPARE(page->taskInstanceList()->topLevelItemCount(), int(page->taskInstances().size()));
        QCOMPARE(page->stateCountsLabel()->text(), RunPage::stateCounts(page->taskInstances()));
        QVERIFY(
            page->findChild<QLabel *>(QStringLiteral("runDuration"))->text().contains(QStringLiteral(" s")));

        QSignalSpy activated(page.get(), &RunPage::taskInstanceActivated);
        QTreeWidget *list = page->taskInstanceList();
        list->setFocus();
        list->setCurrentItem(list->topLevelItem(1));
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).toString(), kDag);
        QCOMPARE(activated.first().at(1).toString(), runId);
        QCOMPARE(activated.first().at(2).toString(), page->taskInstances().at(1).taskId);
        QCOMPARE(activated.first().at(3).toInt(), -1);
    }

    void countsStates()
    {
        QList<TaskInstance> tis;
        for (const char *state : {"success", "failed", "running", "success", "", "running", "success"}) {
            TaskInstance ti;
            ti.state = QString::fromLatin1(state);
            tis.append(ti);
        }
        QCOMPARE(RunPage::stateCounts(tis), QStringLiteral("3 success, 1 failed, 2 running, 1 no status"));
        QCOMPARE(RunPage::stateCounts({}), QStringLiteral("No task instances yet"));
    }

    void savesTheNoteOnTheServer()
    {
        const QString runId = trigger(QStringLiteral("run_page_note"), {});
        QVERIFY(!runId.isEmpty());
        auto page = makePage();
        QSignalSpy loaded(page.get(), &RunPage::loaded);
        page->setRun(kDag, runId);
        QTRY_VERIFY(!loaded.isEmpty());
        NoteEditor *note = page->noteEditor();
        QCOMPARE(note->noteLabel()->text(), QStringLiteral("No note"));
        QTest::mouseClick(note->editButton(), Qt::LeftButton);
        QTest::keyClicks(note->editor(), QStringLiteral("Backfill for the EU outage"));

        FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        QTest::mouseClick(note->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!note->isSaving());
        QVERIFY(note->isEditing());
        QVERIFY(note->errorLabel()->text().startsWith(QStringLiteral("The note was not saved: ")));
        QCOMPARE(note->editor()->toPlainText(), QStringLiteral("Backfill for the EU outage"));

        m_sandbox->setFaults({});
        QSignalSpy changed(page.get(), &RunPage::runChanged);
        QTest::keyClick(note->editor(), Qt::Key_Return, Qt::ControlModifier); // Ctrl+Return saves too
        QTRY_VERIFY(!note->isEditing());
        QCOMPARE(note->noteLabel()->text(), QStringLiteral("Backfill for the EU outage"));
        QCOMPARE(changed.size(), 1);
        const auto server = awaitResult<DagRun>([&](auto done) { m_api->dagRun(kDag, runId, this, done); });
        QVERIFY(server && server->ok());
        QCOMPARE(server->value().note, QStringLiteral("Backfill for the EU outage"));

        page->setReadOnly(true);
        QVERIFY(!note->editButton()->isEnabled());
        QVERIFY(note->editButton()->toolTip().contains(QStringLiteral("read-only")));
        page->setReadOnly(false);
        QVERIFY(note->editButton()->isEnabled());
    }

    void saysWhenTheRunIsNotThere()
    {
        auto page = makePage();
        page->setRun(kDag, QStringLiteral("no_such_run"));
        QTRY_VERIFY(!page->errorText().isEmpty());
        QVERIFY2(page->errorText().contains(QStringLiteral("not on the server")),
                 qPrintable(page->errorText()));
        QVERIFY(!page->hasRun());
        QVERIFY(!page->noteEditor()->editButton()->isEnabled());
        QVERIFY(!page->copyConfButton()->isEnabled());
    }
};

QTEST_MAIN(TestRunPage)
#include "tst_runpage.moc"
