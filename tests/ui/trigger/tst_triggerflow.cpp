// The trigger dialog's flows beyond the form, offscreen against the in-process sandbox: a DAG without
// params (JSON only), a logical date that already has a run found on the server (older than the recent runs
// the dialog loads), the logical date's time zone, the paused warning, schema errors that send nothing,
// numbers and check boxes as a person reads them, and "Trigger and watch".

#include "api/airflowclient.h"
#include "mainwindow/session.h"
#include "trigger/paramsformwidget.h"
#include "trigger/triggerdialog.h"

#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

#include <memory>

using Windsock::Tests::awaitResult;
using Windsock::Ui::ParamsFormWidget;
using Windsock::Ui::Session;
using Windsock::Ui::TriggerDialog;
namespace Api = Windsock::Api;

class TestTriggerFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void dagWithoutParamsUsesJsonOnly();
    void logicalDateConflictFindsTheRunOnTheServer();
    void logicalDateInTheDagsZone();
    void logicalDateZoneParsing_data();
    void logicalDateZoneParsing();
    void pausedDagWithoutUnpauseStaysPaused();
    void schemaErrorsSendNothing();
    void numbersAndCheckBoxesReadNaturally();
    void triggerAndWatchIsRemembered();

private:
    std::unique_ptr<TriggerDialog> openDialog(const QString &dagId = QStringLiteral("params_trigger_form"));
    Api::AirflowClient *client() const { return m_session->client(); }
    QString dagWithoutParams();

    static constexpr int TimeoutMs = 20000;
    std::unique_ptr<Session> m_session;
};

void TestTriggerFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTriggerFlow::init()
{
    Session::DemoOptions options;
    options.dagCount = 6;
    options.runsPerDag = 60; // more than the 25 recent runs the dialog loads
    QString error;
    m_session.reset(Session::startDemo(Session::DemoReason::Requested, options, &error));
    QVERIFY2(m_session, qPrintable(error));
    QSettings().remove(QLatin1String(TriggerDialog::WatchSettingKey));
}

void TestTriggerFlow::cleanup()
{
    m_session.reset();
    QSettings().remove(QLatin1String(TriggerDialog::WatchSettingKey));
}

std::unique_ptr<TriggerDialog> TestTriggerFlow::openDialog(const QString &dagId)
{
    auto dialog = std::make_unique<TriggerDialog>(client(), dagId);
    dialog->show();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), TimeoutMs); }();
    return dialog;
}

QString TestTriggerFlow::dagWithoutParams()
{
    const auto dags = awaitResult<Api::Page<Api::Dag>>([&](auto done) { client()->dags({}, this, done); });
    if (!dags || !dags->ok())
        return {};
    for (const Api::Dag &dag : dags->value().items) {
        const auto details =
            awaitResult<Api::DagDetails>([&](auto done) { client()->dagDetails(dag.dagId, this, done); });
        if (details && details->ok() && details->value().params.isEmpty())
            return dag.dagId;
    }
    return {};
}

void TestTriggerFlow::dagWithoutParamsUsesJsonOnly()
{
    const QString dagId = dagWithoutParams();
    QVERIFY2(!dagId.isEmpty(), "the sandbox seeds DAGs without params");
    auto dialog = openDialog(dagId);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    auto *tabs = dialog->findChild<QTabWidget *>();
    QVERIFY(tabs);
    QVERIFY(!tabs->isTabEnabled(TriggerDialog::FormMode));
    QVERIFY(dialog->paramsForm()->isEmpty());
    QCOMPARE(dialog->jsonEdit()->toPlainText(), QStringLiteral("{}"));
    QVERIFY(dialog->triggerButton()->isEnabled());
    dialog->setMode(TriggerDialog::FormMode); // there is no form to go to
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);

    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"rows\": 5, \"note\": \"ad hoc\"}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    const auto run = triggered.first().first().value<Api::DagRun>();
    const auto stored =
        awaitResult<Api::DagRun>([&](auto done) { client()->dagRun(dagId, run.dagRunId, this, done); });
    QVERIFY(stored && stored->ok());
    QCOMPARE(stored->value().conf,
             (QJsonObject{{QStringLiteral("rows"), 5}, {QStringLiteral("note"), QStringLiteral("ad hoc")}}));
}

void TestTriggerFlow::logicalDateConflictFindsTheRunOnTheServer()
{
    const QString dagId = QStringLiteral("params_trigger_form");
    Api::DagRunQuery oldestFirst;
    oldestFirst.dagId = dagId;
    oldestFirst.orderBy = QStringLiteral("execution_date");
    oldestFirst.limit = 1;
    const auto oldest =
        awaitResult<Api::Page<Api::DagRun>>([&](auto done) { client()->dagRuns(oldestFirst, this, done); });
    QVERIFY(oldest && oldest->ok() && !oldest->value().items.isEmpty());
    QVERIFY(oldest->value().totalEntries > 25);
    const Api::DagRun old = oldest->value().items.first();

    auto dialog = openDialog(dagId);
    for (int i = 0; i < dialog->reuseCombo()->count(); ++i) // not among the runs the dialog knows
        QVERIFY(!dialog->reuseCombo()->itemText(i).contains(old.dagRunId));
    dialog->logicalDateCheck()->setChecked(true);
    dialog->setDateZone(TriggerDialog::DateZone::Utc);
    const QDateTime utc = old.logicalDate.toUTC();
    dialog->logicalDateEdit()->setDateTime(QDateTime(utc.date(), utc.time(), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, utc);

    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    QSignalSpy openRun(dialog.get(), &TriggerDialog::openRunRequested);
    dialog->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->openExistingButton()->isVisible(), TimeoutMs);
    QVERIFY(dialog->existingRun());
    QCOMPARE(dialog->existingRun()->dagRunId, old.dagRunId);
    QVERIFY2(dialog->errorLabel()->text().contains(old.dagRunId), qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(triggered.count(), 0);
    QVERIFY(dialog->triggerButton()->isEnabled()); // the user can pick another date and go on

    QTest::mouseClick(dialog->openExistingButton(), Qt::LeftButton);
    QCOMPARE(openRun.count(), 1);
    QCOMPARE(openRun.first().first().value<Api::DagRun>().dagRunId, old.dagRunId);
}

void TestTriggerFlow::logicalDateInTheDagsZone()
{
    auto dialog = openDialog();
    QCOMPARE(QString::fromUtf8(dialog->dagTimeZone().id()), QStringLiteral("Europe/Amsterdam"));
    QCOMPARE(dialog->dateZone(), TriggerDialog::DateZone::Dag);
    QVERIFY(!dialog->dateZoneCombo()->isEnabled());
    QCOMPARE(dialog->logicalDateShown()->text(), QStringLiteral("Now (the server's time)"));
    QVERIFY(!dialog->request().logicalDate.isValid());

    dialog->logicalDateCheck()->setChecked(true);
    QVERIFY(dialog->dateZoneCombo()->isEnabled());
    QCOMPARE(dialog->dateZoneCombo()->count(), 3);
    // Summer: Amsterdam is UTC+2.
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 6, 1), QTime(8, 0), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 6, 1), QTime(6, 0), Qt::UTC));
    const QString shown = dialog->logicalDateShown()->text();
    QVERIFY2(shown.contains(QStringLiteral("2025-06-01 06:00:00 UTC")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("2025-06-01 08:00:00 in the DAG's zone, Europe/Amsterdam")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral(" local, ")), qPrintable(shown));
    // Winter: UTC+1.
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 1, 15), QTime(8, 0), Qt::UTC));
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 1, 15), QTime(7, 0), Qt::UTC));

    dialog->setDateZone(TriggerDialog::DateZone::Utc);
    QCOMPARE(dialog->request().logicalDate, QDateTime(QDate(2025, 1, 15), QTime(8, 0), Qt::UTC));
    QVERIFY(dialog->logicalDateShown()->text().startsWith(QStringLiteral("2025-01-15 08:00:00 UTC")));
    dialog->setDateZone(TriggerDialog::DateZone::Local);
    QCOMPARE(dialog->request().logicalDate,
             QDateTime(QDate(2025, 1, 15), QTime(8, 0), QTimeZone::systemTimeZone()).toUTC());

    // The run gets the instant, whatever zone it was typed in.
    dialog->setDateZone(TriggerDialog::DateZone::Dag);
    dialog->logicalDateEdit()->setDateTime(QDateTime(QDate(2025, 3, 3), QTime(9, 30), Qt::UTC));
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QCOMPARE(triggered.first().first().value<Api::DagRun>().logicalDate.toUTC(),
             QDateTime(QDate(2025, 3, 3), QTime(8, 30), Qt::UTC));
}

void TestTriggerFlow::logicalDateZoneParsing_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("id");
    QTest::newRow("pendulum repr") << QStringLiteral("Timezone('Europe/Amsterdam')")
                                   << QStringLiteral("Europe/Amsterdam");
    QTest::newRow("utc") << QStringLiteral("Timezone('UTC')") << QStringLiteral("UTC");
    QTest::newRow("double quotes") << QStringLiteral("Timezone(\"Asia/Tokyo\")")
                                   << QStringLiteral("Asia/Tokyo");
    QTest::newRow("bare name") << QStringLiteral("America/New_York") << QStringLiteral("America/New_York");
    QTest::newRow("none") << QString() << QString();
}

void TestTriggerFlow::logicalDateZoneParsing()
{
    QFETCH(QString, given);
    QFETCH(QString, id);
    QCOMPARE(TriggerDialog::timeZoneId(given), id);
}

void TestTriggerFlow::pausedDagWithoutUnpauseStaysPaused()
{
    const QString dagId = QStringLiteral("params_trigger_form");
    const auto paused =
        awaitResult<Api::Dag>([&](auto done) { client()->setDagPaused(dagId, true, this, done); });
    QVERIFY(paused && paused->ok());
    auto dialog = openDialog(dagId);
    QVERIFY(dialog->pausedWarning()->isVisible());
    QVERIFY(dialog->unpauseCheck()->isVisible());
    QVERIFY(!dialog->unpauseCheck()->isChecked());
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QCOMPARE(triggered.first().first().value<Api::DagRun>().state, QStringLiteral("queued"));
    const auto dag = awaitResult<Api::Dag>([&](auto done) { client()->dag(dagId, this, done); });
    QVERIFY(dag && dag->ok());
    QVERIFY(dag->value().isPaused);
}

void TestTriggerFlow::schemaErrorsSendNothing()
{
    auto dialog = openDialog();
    Windsock::Sandbox::SandboxServer *sandbox = m_session->sandbox();
    QVERIFY(sandbox);
    const quint64 before = sandbox->requestCount();

    // In the form: a value the schema refuses.
    auto *label = qobject_cast<QLineEdit *>(dialog->paramsForm()->editor(QStringLiteral("batch_label")));
    QVERIFY(label);
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("NO"));
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QVERIFY(!dialog->errorLabel()->text().isEmpty());
    dialog->trigger(); // Enter, or a click that raced the check
    QVERIFY(dialog->isVisible());

    // As JSON: parses, but worker_count breaks its maximum.
    dialog->setMode(TriggerDialog::JsonMode);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": 99}"));
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->jsonErrorLabel()->text().isEmpty());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("10 or less")),
             qPrintable(dialog->errorLabel()->text()));
    dialog->trigger();

    // As JSON that does not parse.
    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": }"));
    QTRY_VERIFY(!dialog->jsonErrorLabel()->text().isEmpty());
    dialog->trigger();

    QTest::qWait(50); // anything sent would have reached the in-process server by now
    QCOMPARE(sandbox->requestCount(), before);

    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": 4}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->errorLabel()->text().isEmpty());
}

void TestTriggerFlow::numbersAndCheckBoxesReadNaturally()
{
    auto dialog = openDialog();
    ParamsFormWidget *form = dialog->paramsForm();
    auto *ratio = qobject_cast<QDoubleSpinBox *>(form->editor(QStringLiteral("sample_ratio")));
    QVERIFY(ratio);
    QCOMPARE(ratio->text(), QStringLiteral("0.25"));
    ratio->setValue(0.5);
    QCOMPARE(ratio->text(), QStringLiteral("0.5"));
    ratio->setValue(1);
    QCOMPARE(ratio->text(), QStringLiteral("1"));
    ratio->clear();
    QTest::keyClicks(ratio, QStringLiteral("0.125"));
    QCOMPARE(form->form().value(QStringLiteral("sample_ratio")).toDouble(), 0.125);

    auto *checks = qobject_cast<QCheckBox *>(form->editor(QStringLiteral("run_extra_checks")));
    QVERIFY(checks);
    QVERIFY(checks->text().isEmpty()); // the label beside it names it, once
    QCOMPARE(checks->accessibleName(), QStringLiteral("Extra checks"));
    int labels = 0;
    for (const QLabel *l : form->findChildren<QLabel *>()) {
        if (l->text().startsWith(QStringLiteral("Extra checks")))
            ++labels;
    }
    QCOMPARE(labels, 1);
}

void TestTriggerFlow::triggerAndWatchIsRemembered()
{
    {
        auto dialog = openDialog();
        QVERIFY(dialog->watchCheck()->isChecked()); // watching is the default
        dialog->watchCheck()->setChecked(false);
        QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
        dialog->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
        QVERIFY(!dialog->watchRequested());
    }
    auto again = openDialog();
    QVERIFY(!again->watchCheck()->isChecked());
    again->watchCheck()->setChecked(true);
    QSignalSpy triggered(again.get(), &TriggerDialog::triggered);
    again->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QVERIFY(again->watchRequested());
    QVERIFY(QSettings().value(QLatin1String(TriggerDialog::WatchSettingKey)).toBool());
}

QTEST_MAIN(TestTriggerFlow)
#include "tst_triggerflow.moc"
