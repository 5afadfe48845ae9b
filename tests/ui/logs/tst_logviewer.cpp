// The log viewer, offscreen, against the in-process sandbox (manual clock) with the real client: following a
// running try (the text grows, only new text is appended, the view stays at the bottom unless the user
// scrolled up, following stops when the try ends), search with next/previous/wrap and the count, save to a
// file, switching tries, and a try without a log. Levels: lines coloured by level, the level filter (hidden
// count, search and follow within it), Airflow 3's structured lines with their timestamps rewritten.
#include "api/airflowclient.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"
#include "fakes/sandboxclient.h"
#include "logs/logviewer.h"
#include "mainwindow/messagebar.h"
#include "profiles/filedialog.h"
#include "taskinstance/timetext.h"

#include <sandbox/sandboxserver.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimeZone>

using namespace Windsock::Api;
using Windsock::Logs::LogLevel;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;
using Windsock::Tests::RawHttpServer;
using Windsock::Ui::FileDialog;
using Windsock::Ui::LogViewer;

class TestLogViewer final : public QObject
{
    Q_OBJECT

private:
    QList<TaskInstance> taskInstances(const QString &dagId, const QString &runId)
    {
        TaskInstanceQuery query;
        query.dagId = dagId;
        query.dagRunId = runId;
        const auto page =
            awaitResult<Page<TaskInstance>>([&](auto done) { m_api->taskInstances(query, this, done); });
        return page && page->ok() ? page->value().items : QList<TaskInstance>();
    }

    QList<DagRun> successfulRuns(const QString &dagId)
    {
        DagRunQuery query;
        query.dagId = dagId;
        query.states = QStringList{QStringLiteral("success")};
        const auto runs = awaitResult<Page<DagRun>>([&](auto done) { m_api->dagRuns(query, this, done); });
        return runs && runs->ok() ? runs->value().items : QList<DagRun>();
    }

    // The first task of a finished etl_orders run: a log of a few dozen lines.
    TaskInstance finishedTask()
    {
        const QList<DagRun> runs = successfulRuns(QStringLiteral("etl_orders"));
        if (runs.isEmpty())
            return {};
        const QList<TaskInstance> tis =
            taskInstances(QStringLiteral("etl_orders"), runs.constFirst().dagRunId);
        return tis.isEmpty() ? TaskInstance() : tis.constFirst();
    }

    QString wholeLog(const TaskInstance &ti, int tryNumber)
    {
        const auto whole = awaitResult<QString>(
            [&](auto done) { m_api->taskLog(ti.dagId, ti.dagRunId, ti.taskId, tryNumber, this, done); });
        return whole && whole->ok() ? whole->value() : QStringLiteral("<no log>");
    }

    std::unique_ptr<LogViewer> makeViewer()
    {
        auto viewer = std::make_unique<LogViewer>(m_api.get());
        viewer->resize(900, 500);
        viewer->setPollIntervalMs(20);
        viewer->show();
        return viewer;
    }

    // A finished try of Airflow 2 with a line of every level and a traceback (11 lines).
    static QString levelledLog()
    {
        return QStringLiteral(
            "*** Found local files:\n"
            "***   * /opt/airflow/logs/dag_id=demo/run_id=r1/task_id=extract/attempt=1.log\n"
            "[2026-11-22T10:00:00.000+0000] {taskinstance.py:1138} INFO - Dependencies all met\n"
            "[2026-11-22T10:00:01.000+0000] {base.py:84} DEBUG - Retrieving connection warehouse\n"
            "[2026-11-22T10:00:02.000+0000] {warnings.py:110} WARNING - The warehouse hook is deprecated\n"
            "[2026-11-22T10:00:03.000+0000] {extract.py:12} INFO - Reading orders.csv\n"
            "[2026-11-22T10:00:04.000+0000] {taskinstance.py:3310} ERROR - Task failed with exception\n"
            "Traceback (most recent call last):\n"
            "  File \"/opt/airflow/dags/extract.py\", line 42, in extract\n"
            "ValueError: orders.csv is empty\n"
            "[2026-11-22T10:00:05.000+0000] {taskinstance.py:1225} INFO - Marking task as FAILED.\n");
    }

    static TaskInstance demoTask()
    {
        TaskInstance ti;
        ti.dagId = QStringLiteral("demo");
        ti.dagRunId = QStringLiteral("r1");
        ti.taskId = QStringLiteral("extract");
        ti.tryNumber = 1;
        ti.state = QStringLiteral("failed");
        return ti;
    }

    // A server that answers every log request with this body, and anything else with 404.
    static void serveLog(RawHttpServer &server, const QByteArray &contentType, const QByteArray &body)
    {
        server.setResponder([contentType, body](const RawHttpServer::Request &request) {
            if (request.url().path().contains(QLatin1String("/logs/")))
                return RawHttpServer::Answer{RawHttpServer::response(200, contentType, body)};
            return RawHttpServer::Answer{RawHttpServer::json(404, "{\"detail\": \"Not found\"}")};
        });
    }

    // The viewer on a log of Airflow 2 served by a scripted server, loaded.
    std::unique_ptr<LogViewer> viewerOnLevelledLog(RawHttpServer &server)
    {
        serveLog(server, "text/plain", levelledLog().toUtf8());
        if (!server.listen())
            return nullptr;
        m_api = Windsock::Tests::sandboxClient(&m_nam, server.baseUrl());
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(demoTask());
        if (!loaded.wait(10000) && loaded.isEmpty())
            return nullptr;
        return viewer;
    }

    // The block of the document that holds this text.
    static QTextBlock blockWith(const LogViewer &viewer, const QString &text)
    {
        for (QTextBlock block = viewer.textView()->document()->begin(); block.isValid();
             block = block.next()) {
            if (block.text().contains(text))
                return block;
        }
        return {};
    }

    static QTextCharFormat formatOf(const QTextBlock &block) { return block.begin().fragment().charFormat(); }

    static void chooseLevel(LogViewer &viewer, LogLevel threshold)
    {
        QComboBox *combo = viewer.levelCombo();
        combo->setCurrentIndex(combo->findData(int(threshold)));
    }

    static bool atBottom(const LogViewer &viewer)
    {
        const QScrollBar *bar = viewer.textView()->verticalScrollBar();
        return bar->value() == bar->maximum();
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
        FileDialog::reset();
    }

    void cleanup()
    {
        FileDialog::reset();
        m_api.reset();
        m_sandbox.reset();
    }

    void followsARunningTry()
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = QStringLiteral("follow_in_viewer");
        QVERIFY(awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); })->ok());
        QVERIFY(awaitResult<Dag>([&](auto done) {
                    m_api->setDagPaused(trigger.dagId, false, this, done);
                })->ok());
        // The third task as soon as it runs: real work of some length (the first is an EmptyOperator, and the
        // second writes the multi-megabyte log once finished).
        TaskInstance running;
        for (int step = 0; step < 1200 && running.taskId.isEmpty(); ++step) {
            m_sandbox->advanceClock(1000);
            const QList<TaskInstance> tis = taskInstances(trigger.dagId, trigger.dagRunId);
            if (tis.size() > 2 && tis.at(2).state == QLatin1String("running"))
                running = tis.at(2);
        }
        QVERIFY(!running.taskId.isEmpty());

        auto viewer = makeViewer();
        viewer->resize(900, 190); // a short view: the log is taller than it from the start
        QSignalSpy ended(viewer.get(), &LogViewer::followingEnded);
        viewer->setTaskInstance(running);
        QVERIFY(viewer->followCheck()->isChecked());
        QVERIFY(viewer->isFollowing());
        QTRY_VERIFY(viewer->shownText().startsWith(QLatin1String("*** Found local files:")));

        // The log is taller than the short view: it shows the bottom.
        QPlainTextEdit *view = viewer->textView();
        QTRY_VERIFY(view->verticalScrollBar()->maximum() > 3);
        QTRY_VERIFY(atBottom(*viewer));

        // A server error while following: said in plain words, following pauses, the text stays.
        Windsock::Sandbox::FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        const QString shownAtError = viewer->shownText();
        m_sandbox->advanceClock(2000);
        QTRY_VERIFY(viewer->errorBar()->isVisible());
        QVERIFY(viewer->errorBar()->text().startsWith(QLatin1String("The log could not be read")));
        QVERIFY(!viewer->followCheck()->isChecked());
        QVERIFY(!viewer->isFollowing());
        QCOMPARE(viewer->shownText(), shownAtError);
        // Ticking Follow again goes on from where it stopped.
        m_sandbox->setFaults({});
        viewer->followCheck()->setChecked(true);
        QVERIFY(!viewer->errorBar()->isVisible());
        QTRY_VERIFY(viewer->shownText().size() > shownAtError.size());
        QVERIFY(viewer->shownText().startsWith(shownAtError)); // only new text was appended
        QTRY_VERIFY(atBottom(*viewer));
        QVERIFY(ended.isEmpty());

        // The user scrolls up: new text arrives, the view stays where the user put it.
        view->verticalScrollBar()->setValue(0);
        const QString before = viewer->shownText();
        m_sandbox->advanceClock(2000);
        QTRY_VERIFY(viewer->shownText().size() > before.size());
        QVERIFY(viewer->shownText().startsWith(before));
        QTest::qWait(50);
        QCOMPARE(view->verticalScrollBar()->value(), 0);
        // Back at the bottom, it sticks again.
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        const QString later = viewer->shownText();
        m_sandbox->advanceClock(2000);
        QTRY_VERIFY(viewer->shownText().size() > later.size());
        QTRY_VERIFY(atBottom(*viewer));

        // Run the try to its end: following stops and says so.
        for (int step = 0; step < 600 && ended.isEmpty(); ++step) {
            m_sandbox->advanceClock(5000);
            QTest::qWait(30);
        }
        QTRY_COMPARE(ended.size(), 1);
        QVERIFY(!viewer->isFollowing());
        QVERIFY(!viewer->followCheck()->isChecked());
        QVERIFY(!viewer->followCheck()->isEnabled());
        QVERIFY(viewer->noticeBar()->isVisible());
        QVERIFY(viewer->noticeBar()->text().contains(QLatin1String("following stopped")));
        QTRY_VERIFY(!viewer->isLoading());
        // No line twice, none lost: exactly the server's whole log.
        QCOMPARE(viewer->shownText(), wholeLog(running, running.tryNumber));
        QCOMPARE(view->document()->toPlainText(), viewer->shownText());
        QCOMPARE(viewer->lineCount(), viewer->shownText().count(u'\n'));
        QVERIFY(viewer->statusLabel()->text().contains(QString::number(viewer->lineCount())));
    }

    void searchesWithNextPreviousAndWrap()
    {
        const TaskInstance ti = finishedTask();
        QVERIFY(!ti.taskId.isEmpty());
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(ti);
        QVERIFY(!viewer->isFollowing());
        QTRY_COMPARE(loaded.size(), 1);
        const QString text = viewer->shownText();
        const QString term = QStringLiteral("TASKINSTANCE.PY");
        const qsizetype count = text.count(term, Qt::CaseInsensitive);
        QVERIFY(count >= 3);
        const QString total = QString::number(count);

        QLineEdit *edit = viewer->searchEdit();
        edit->setFocus();
        QTest::keyClicks(edit, term);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of ") + total);
        QCOMPARE(viewer->textView()->textCursor().selectedText().toUpper(), term);
        const int first = viewer->textView()->textCursor().selectionStart();
        QCOMPARE(first, text.indexOf(term, 0, Qt::CaseInsensitive));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("2 of ") + total);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of ") + total);
        // Before the first match: wraps to the last.
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(viewer->matchLabel()->text(), total + QStringLiteral(" of ") + total);
        // Past the last, without wrapping: stays, and says so.
        viewer->wrapSearchCheck()->setChecked(false);
        viewer->findNext();
        QCOMPARE(viewer->matchLabel()->text(), total + QStringLiteral(" of ") + total);
        QVERIFY(viewer->noticeBar()->text().contains(QLatin1String("No more matches")));
        viewer->wrapSearchCheck()->setChecked(true);
        viewer->findNext();
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of ") + total);
        // Every match on screen is highlighted (here the whole log fits on the screen).
        viewer->resize(1000, 1600);
        QTRY_COMPARE(viewer->textView()->extraSelections().size(), int(count));

        // The keys: F3 and Shift+F3 anywhere in the viewer, Ctrl+F back to the search field.
        QApplication::setActiveWindow(viewer.get());
        QVERIFY(QTest::qWaitForWindowActive(viewer.get()));
        viewer->textView()->setFocus();
        QTest::keyClick(viewer->textView(), Qt::Key_F3);
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("2 of ") + total);
        QTest::keyClick(viewer->textView(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of ") + total);
        QTest::keyClick(viewer->textView(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(edit->hasFocus());

        // Wrapping long lines is a toggle; the search goes on the same.
        QCOMPARE(viewer->textView()->lineWrapMode(), QPlainTextEdit::NoWrap);
        viewer->wrapLinesCheck()->setChecked(true);
        QCOMPARE(viewer->textView()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        viewer->findNext();
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("2 of ") + total);
        viewer->wrapLinesCheck()->setChecked(false);

        // Match case: the upper-case term is not in the log.
        viewer->matchCaseCheck()->setChecked(true);
        QTRY_COMPARE(viewer->matchLabel()->text(), QStringLiteral("No matches"));
        viewer->findNext();
        QVERIFY(viewer->noticeBar()->text().contains(QLatin1String("is not in the log")));
        QCOMPARE(viewer->shownText(), text); // nothing shown was lost
    }

    void copiesAndSavesTheLog()
    {
        const TaskInstance ti = finishedTask();
        QVERIFY(!ti.taskId.isEmpty());
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(ti);
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(!viewer->shownText().isEmpty());

        viewer->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(), viewer->shownText());
        QTextCursor cursor = viewer->textView()->textCursor();
        cursor.setPosition(0);
        cursor.setPosition(20, QTextCursor::KeepAnchor);
        viewer->textView()->setTextCursor(cursor);
        viewer->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(), viewer->shownText().left(20));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("task.log"));
        QSignalSpy saved(viewer.get(), &LogViewer::saved);
        FileDialog::setNextFileName(path);
        viewer->saveToFile();
        QCOMPARE(saved.size(), 1);
        QVERIFY(saved.at(0).at(0).toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), viewer->shownText());

        // A place that cannot be written: the error in plain words, the log still shown.
        FileDialog::setNextFileName(dir.filePath(QStringLiteral("no/such/folder/task.log")));
        viewer->saveToFile();
        QCOMPARE(saved.size(), 2);
        QVERIFY(!saved.at(1).at(0).toBool());
        QVERIFY(viewer->errorBar()->isVisible());
        QVERIFY(viewer->errorBar()->text().contains(QLatin1String("could not be saved")));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(again.readAll()), viewer->shownText());
    }

    void cancelsALongLoad()
    {
        // The second task of a finished etl_orders run writes 5-50 MB: shown in slices, with progress.
        const QList<DagRun> runs = successfulRuns(QStringLiteral("etl_orders"));
        QVERIFY(!runs.isEmpty());
        const QList<TaskInstance> tis =
            taskInstances(QStringLiteral("etl_orders"), runs.constFirst().dagRunId);
        QVERIFY(tis.size() >= 2);
        auto viewer = makeViewer();
        viewer->setAppendLimits(64 * 1024, 1); // small turns, so there is time to cancel
        QSignalSpy received(viewer.get(), &LogViewer::textReceived);
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(tis.at(1));
        QVERIFY(viewer->isLoading());
        QVERIFY(viewer->progressBar()->isVisible());
        QVERIFY(viewer->cancelButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 60000);
        const qsizetype total = received.at(0).at(0).value<qsizetype>();
        QVERIFY(total >= 5 * 1024 * 1024);
        QTRY_VERIFY(viewer->shownText().size() > 0);
        QVERIFY(viewer->isLoading());
        QVERIFY(viewer->progressBar()->isVisible());
        QVERIFY(viewer->progressBar()->value() < viewer->progressBar()->maximum());
        QTest::mouseClick(viewer->cancelButton(), Qt::LeftButton);
        QVERIFY(!viewer->isLoading());
        QVERIFY(!viewer->progressBar()->isVisible());
        const qsizetype shown = viewer->shownText().size();
        QVERIFY(shown > 0 && shown < total);
        QVERIFY(viewer->noticeBar()->text().startsWith(QLatin1String("Loading cancelled")));
        QVERIFY(viewer->shownText().endsWith(u'\n')); // whole lines only
        QCOMPARE(viewer->textView()->document()->characterCount() - 1, int(shown));
        QTest::qWait(50);
        QCOMPARE(viewer->shownText().size(), shown); // nothing more arrives
        QVERIFY(loaded.isEmpty());
    }

    void switchesTries()
    {
        // A task with a retry: try 1 failed, try 2 ran after it.
        TaskInstance retried;
        for (const DagRun &run : successfulRuns(QStringLiteral("etl_orders"))) {
            for (const TaskInstance &ti : taskInstances(QStringLiteral("etl_orders"), run.dagRunId)) {
                if (ti.tryNumber >= 2 && retried.taskId.isEmpty())
                    retried = ti;
            }
        }
        if (retried.taskId.isEmpty())
            QSKIP("The sandbox seeds no finished task instance with a second try");
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(retried);
        QCOMPARE(viewer->tryCombo()->count(), retried.tryNumber);
        // The tries list gives each try its state.
        QTRY_VERIFY(viewer->tryCombo()->itemText(0).startsWith(QLatin1String("1 (")));
        QCOMPARE(viewer->tryCombo()->itemText(retried.tryNumber - 1),
                 QStringLiteral("%1 (%2, latest)").arg(retried.tryNumber).arg(retried.state));
        QCOMPARE(viewer->shownTry(), retried.tryNumber);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(viewer->shownText(), wholeLog(retried, retried.tryNumber));
        viewer->showTry(1);
        QCOMPARE(viewer->tryCombo()->currentData().toInt(), 1);
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(viewer->shownText(), wholeLog(retried, 1));
        QVERIFY(viewer->shownText().contains(QLatin1String("Starting attempt 1")));
        QVERIFY(!viewer->shownText().contains(QLatin1String("Starting attempt 2")));
    }

    void coloursLinesByLevel()
    {
        RawHttpServer server;
        auto viewer = viewerOnLevelledLog(server);
        QVERIFY(viewer);
        QCOMPARE(viewer->shownText(), levelledLog()); // Airflow 2's text as the server wrote it
        QCOMPARE(viewer->receivedLineCount(), qsizetype(11));
        QCOMPARE(viewer->hiddenLineCount(), qsizetype(0));
        QVERIFY(!viewer->hiddenLabel()->isVisible());

        const QColor error = viewer->formatFor(LogLevel::Error).foreground().color();
        const QColor warning = viewer->formatFor(LogLevel::Warning).foreground().color();
        const QColor debug = viewer->formatFor(LogLevel::Debug).foreground().color();
        const QColor text = viewer->textView()->palette().color(QPalette::Text);
        // Red, amber, grey: each unlike the text and unlike each other.
        QVERIFY(error.red() > error.green() + 60 && error.red() > error.blue() + 60);
        QVERIFY(warning.red() > warning.blue() + 60 && warning.green() > warning.blue() + 40);
        QVERIFY(error != text && warning != text && debug != text && error != warning);
        QVERIFY(qAbs(debug.red() - debug.green()) < 16 && qAbs(debug.green() - debug.blue()) < 16);

        const QTextBlock errorLine = blockWith(*viewer, QStringLiteral("ERROR - Task failed"));
        QVERIFY(errorLine.isValid());
        QCOMPARE(formatOf(errorLine).foreground().color(), error);
        // The traceback belongs to the error line: the same colour.
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("Traceback"))).foreground().color(), error);
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("ValueError"))).foreground().color(), error);
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("WARNING - The warehouse"))).foreground().color(),
                 warning);
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("DEBUG - Retrieving"))).foreground().color(),
                 debug);
        // Info lines keep the text colour of the view.
        QVERIFY(!formatOf(blockWith(*viewer, QStringLiteral("INFO - Reading")))
                     .hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY(!formatOf(blockWith(*viewer, QStringLiteral("Marking task")))
                     .hasProperty(QTextFormat::ForegroundBrush));

        // A dark palette: the colours change with it, lighter so that they read on a dark background.
        QPalette dark = viewer->palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        viewer->setPalette(dark);
        QTRY_VERIFY(!viewer->isLoading());
        const QColor darkError = viewer->formatFor(LogLevel::Error).foreground().color();
        QVERIFY(darkError.lightness() > error.lightness());
        QVERIFY(darkError.red() > darkError.green() + 60);
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("ERROR - Task failed"))).foreground().color(),
                 darkError);
        QVERIFY(viewer->formatFor(LogLevel::Warning).foreground().color().lightness() > warning.lightness());
        QCOMPARE(viewer->shownText(), levelledLog());
    }

    void filtersByLevel()
    {
        RawHttpServer server;
        auto viewer = viewerOnLevelledLog(server);
        QVERIFY(viewer);

        chooseLevel(*viewer, LogLevel::Warning);
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(
            viewer->shownText(),
            QStringLiteral(
                "[2026-11-22T10:00:02.000+0000] {warnings.py:110} WARNING - The warehouse hook is "
                "deprecated\n"
                "[2026-11-22T10:00:04.000+0000] {taskinstance.py:3310} ERROR - Task failed with exception\n"
                "Traceback (most recent call last):\n"
                "  File \"/opt/airflow/dags/extract.py\", line 42, in extract\n"
                "ValueError: orders.csv is empty\n"));
        QCOMPARE(viewer->textView()->document()->toPlainText(), viewer->shownText());
        QCOMPARE(viewer->lineCount(), qsizetype(5));
        QCOMPARE(viewer->hiddenLineCount(), qsizetype(6));
        QVERIFY(viewer->hiddenLabel()->isVisible());
        QCOMPARE(viewer->hiddenLabel()->text(), QStringLiteral("6 lines hidden by the level filter"));
        // The colours stay with the lines.
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("Traceback"))).foreground().color(),
                 viewer->formatFor(LogLevel::Error).foreground().color());

        chooseLevel(*viewer, LogLevel::Error);
        QTRY_VERIFY(!viewer->isLoading());
        QVERIFY(viewer->shownText().startsWith(QLatin1String("[2026-11-22T10:00:04.000+0000]")));
        QVERIFY(viewer->shownText().endsWith(QLatin1String("ValueError: orders.csv is empty\n")));
        QCOMPARE(viewer->hiddenLabel()->text(), QStringLiteral("7 lines hidden by the level filter"));

        chooseLevel(*viewer, LogLevel::Info);
        QTRY_VERIFY(!viewer->isLoading());
        QVERIFY(!viewer->shownText().contains(QLatin1String("DEBUG")));
        QCOMPARE(viewer->hiddenLabel()->text(), QStringLiteral("1 line hidden by the level filter"));

        // Copy takes what is shown; Save writes the whole log as the server sent it.
        viewer->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(), viewer->shownText());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("task.log"));
        FileDialog::setNextFileName(path);
        viewer->saveToFile();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), levelledLog());

        chooseLevel(*viewer, LogLevel::Debug);
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(viewer->shownText(), levelledLog());
        QCOMPARE(viewer->hiddenLineCount(), qsizetype(0));
        QVERIFY(!viewer->hiddenLabel()->isVisible());
    }

    void searchesWhatTheFilterShows()
    {
        RawHttpServer server;
        auto viewer = viewerOnLevelledLog(server);
        QVERIFY(viewer);
        QLineEdit *edit = viewer->searchEdit();
        edit->setText(QStringLiteral("orders.csv"));
        viewer->findNext();
        QTRY_COMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of 2"));

        // Errors only: the info line that names the file is hidden, so is its match.
        chooseLevel(*viewer, LogLevel::Error);
        QTRY_VERIFY(!viewer->isLoading());
        QTRY_VERIFY(!viewer->search().isRunning());
        QCOMPARE(viewer->search().matches().size(), qsizetype(1));
        viewer->findNext();
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of 1"));
        const QTextCursor cursor = viewer->textView()->textCursor();
        QCOMPARE(cursor.selectedText(), QStringLiteral("orders.csv"));
        QCOMPARE(qsizetype(cursor.selectionStart()),
                 viewer->shownText().indexOf(QLatin1String("orders.csv")));
        QCOMPARE(cursor.block().text(), QStringLiteral("ValueError: orders.csv is empty"));
        // Next wraps onto the same single match; previous too.
        viewer->findNext();
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of 1"));
        viewer->findPrevious();
        QCOMPARE(viewer->matchLabel()->text(), QStringLiteral("1 of 1"));

        // All levels again: both matches.
        chooseLevel(*viewer, LogLevel::Debug);
        QTRY_VERIFY(!viewer->isLoading());
        QTRY_VERIFY(!viewer->search().isRunning());
        QCOMPARE(viewer->search().matches().size(), qsizetype(2));
    }

    void followShowsANewErrorWhileInfoIsHidden()
    {
        TriggerRequest trigger;
        trigger.dagId = QStringLiteral("etl_orders");
        trigger.dagRunId = QStringLiteral("follow_filtered");
        QVERIFY(awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); })->ok());
        QVERIFY(awaitResult<Dag>([&](auto done) {
                    m_api->setDagPaused(trigger.dagId, false, this, done);
                })->ok());
        TaskInstance running;
        for (int step = 0; step < 1200 && running.taskId.isEmpty(); ++step) {
            m_sandbox->advanceClock(1000);
            const QList<TaskInstance> tis = taskInstances(trigger.dagId, trigger.dagRunId);
            if (tis.size() > 2 && tis.at(2).state == QLatin1String("running"))
                running = tis.at(2);
        }
        QVERIFY(!running.taskId.isEmpty());

        auto viewer = makeViewer();
        chooseLevel(*viewer, LogLevel::Warning);
        QSignalSpy ended(viewer.get(), &LogViewer::followingEnded);
        viewer->setTaskInstance(running);
        QVERIFY(viewer->isFollowing());
        // Only info lines so far: all hidden, and the viewer says how many.
        QTRY_VERIFY(viewer->hiddenLineCount() > 3);
        QVERIFY(viewer->shownText().isEmpty());
        QTRY_COMPARE(viewer->hiddenLabel()->text(),
                     QStringLiteral("%1 lines hidden by the level filter").arg(viewer->hiddenLineCount()));
        const qsizetype hiddenBefore = viewer->hiddenLineCount();
        m_sandbox->advanceClock(4000);
        QTRY_VERIFY(viewer->hiddenLineCount() > hiddenBefore); // new info lines obey the filter
        QVERIFY(viewer->shownText().isEmpty());

        // The try fails: its closing lines arrive, the error and its traceback are shown.
        QVERIFY(awaitResult<TaskInstanceReference>([&](auto done) {
                    m_api->setTaskInstanceState(running.dagId, running.dagRunId, running.taskId,
                                                QStringLiteral("failed"), false, this, done);
                })->ok());
        for (int step = 0; step < 100 && ended.isEmpty(); ++step) {
            m_sandbox->advanceClock(1000);
            QTest::qWait(30);
        }
        QTRY_COMPARE(ended.size(), 1);
        QTRY_VERIFY(!viewer->isLoading());
        const QString shown = viewer->shownText();
        QVERIFY2(shown.contains(QLatin1String("ERROR - Task failed with exception")), qPrintable(shown));
        QVERIFY(shown.contains(QLatin1String("ValueError: upstream file is empty")));
        QVERIFY(!shown.contains(QLatin1String(" INFO - ")));
        QCOMPARE(
            formatOf(blockWith(*viewer, QStringLiteral("Task failed with exception"))).foreground().color(),
            viewer->formatFor(LogLevel::Error).foreground().color());
        // Nothing lost: all levels show the whole log of the server.
        chooseLevel(*viewer, LogLevel::Debug);
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(viewer->shownText(), wholeLog(running, running.tryNumber));
    }

    void showsStructuredTimestamps()
    {
        // Airflow 3 sends structured lines; Windsock writes them "[timestamp] {logger} LEVEL - event".
        RawHttpServer server;
        serveLog(server, "application/x-ndjson",
                 "{\"timestamp\": \"2026-11-22T10:00:00.123456Z\", \"event\": \"Dependencies all met\", "
                 "\"level\": \"info\", \"logger\": \"airflow.task\"}\n"
                 "{\"timestamp\": \"2026-11-22T10:00:01.5Z\", \"event\": \"Task failed\", \"level\": "
                 "\"error\", \"logger\": \"airflow.task\"}\n"
                 "{\"event\": \"Traceback (most recent call last):\"}\n");
        QVERIFY(server.listen());
        m_api = std::make_unique<AirflowClient>(&m_nam, server.baseUrl(), std::make_unique<DialectV2>(),
                                                std::make_unique<Windsock::Auth::BasicAuthenticator>(
                                                    QStringLiteral("admin"), QStringLiteral("admin")));
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(demoTask());
        QTRY_COMPARE(loaded.size(), 1);

        // On by default, in local time as the rest of Windsock writes times.
        QVERIFY(viewer->timestampsCheck()->isChecked());
        QVERIFY(viewer->timeZoneCombo()->isEnabled());
        const QDateTime first(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
        const QString local = Windsock::Ui::TimeText::local(first);
        const QString localLater = Windsock::Ui::TimeText::local(first.addSecs(1));
        QCOMPARE(viewer->shownText(),
                 local + QStringLiteral(".123 {airflow.task} INFO - Dependencies all met\n") + localLater +
                     QStringLiteral(
                         ".500 {airflow.task} ERROR - Task failed\nTraceback (most recent call last):\n"));
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("Traceback"))).foreground().color(),
                 viewer->formatFor(LogLevel::Error).foreground().color());

        viewer->timeZoneCombo()->setCurrentIndex(viewer->timeZoneCombo()->findData(true));
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(viewer->shownText(),
                 QStringLiteral("2026-11-22 10:00:00.123 {airflow.task} INFO - Dependencies all met\n"
                                "2026-11-22 10:00:01.500 {airflow.task} ERROR - Task failed\n"
                                "Traceback (most recent call last):\n"));

        viewer->timestampsCheck()->setChecked(false);
        QVERIFY(!viewer->timeZoneCombo()->isEnabled());
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(viewer->shownText(), QStringLiteral("{airflow.task} INFO - Dependencies all met\n"
                                                     "{airflow.task} ERROR - Task failed\n"
                                                     "Traceback (most recent call last):\n"));
        QCOMPARE(formatOf(blockWith(*viewer, QStringLiteral("ERROR - Task failed"))).foreground().color(),
                 viewer->formatFor(LogLevel::Error).foreground().color());

        // With the filter: errors only, timestamps back on.
        viewer->timestampsCheck()->setChecked(true);
        chooseLevel(*viewer, LogLevel::Error);
        QTRY_VERIFY(!viewer->isLoading());
        QCOMPARE(viewer->shownText(),
                 QStringLiteral("2026-11-22 10:00:01.500 {airflow.task} ERROR - Task failed\n"
                                "Traceback (most recent call last):\n"));
        QCOMPARE(viewer->hiddenLabel()->text(), QStringLiteral("1 line hidden by the level filter"));
    }

    void aTryWithoutALogSaysSo()
    {
        // The task instance as a client might still hold it after the server lost a try: try 2 has no log.
        TaskInstance ti = finishedTask();
        QVERIFY(!ti.taskId.isEmpty());
        const int tries = ti.tryNumber;
        ti.tryNumber = tries + 1;
        auto viewer = makeViewer();
        QSignalSpy loaded(viewer.get(), &LogViewer::loaded);
        viewer->setTaskInstance(ti);
        QTRY_VERIFY(viewer->errorBar()->isVisible());
        QCOMPARE(viewer->errorBar()->text(), QStringLiteral("Try %1 has no log yet.").arg(tries + 1));
        QVERIFY(viewer->shownText().isEmpty());
        QVERIFY(!viewer->isLoading());

        // The earlier try still shows, and the error goes away.
        viewer->showTry(tries);
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(!viewer->shownText().isEmpty());
        QVERIFY(!viewer->errorBar()->isVisible());
    }
};

QTEST_MAIN(TestLogViewer)
#include "tst_logviewer.moc"
