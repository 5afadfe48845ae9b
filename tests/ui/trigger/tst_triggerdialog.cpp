// The trigger dialog, offscreen, against the in-process sandbox with the real client: the form from the
// params, errors before sending, JSON mode, re-using a run, the paused warning, a retry on our own run id,
// and copy as cURL.

#include "api/airflowclient.h"
#include "mainwindow/session.h"
#include "trigger/paramsformwidget.h"
#include "trigger/triggerdialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <optional>

using Windsock::Ui::ParamsFormWidget;
using Windsock::Ui::Session;
using Windsock::Ui::TriggerDialog;
namespace Api = Windsock::Api;

class TestTriggerDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void formHasAWidgetPerParam();
    void invalidValueBlocksTrigger();
    void validFormTriggersWithItsConf();
    void invalidJsonShowsLineAndColumn();
    void reusesAnEarlierRunsConf();
    void pausedDagUnpausesAndTriggers();
    void retryOnOwnRunIdSucceeds();
    void copyAsCurl_data();
    void copyAsCurl();

private:
    std::unique_ptr<TriggerDialog> openDialog(const QString &dagId = QStringLiteral("params_trigger_form"));
    std::optional<Api::DagRun> serverRun(const QString &dagId, const QString &runId);
    Api::AirflowClient *client() const { return m_session->client(); }

    static constexpr int TimeoutMs = 20000;
    std::unique_ptr<Session> m_session;
};

void TestTriggerDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTriggerDialog::init()
{
    Session::DemoOptions options;
    options.dagCount = 5;
    options.runsPerDag = 3;
    QString error;
    m_session.reset(Session::startDemo(Session::DemoReason::Requested, options, &error));
    QVERIFY2(m_session, qPrintable(error));
}

void TestTriggerDialog::cleanup()
{
    m_session.reset();
}

std::unique_ptr<TriggerDialog> TestTriggerDialog::openDialog(const QString &dagId)
{
    auto dialog = std::make_unique<TriggerDialog>(client(), dagId);
    dialog->show();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), TimeoutMs); }();
    return dialog;
}

std::optional<Api::DagRun> TestTriggerDialog::serverRun(const QString &dagId, const QString &runId)
{
    std::optional<Api::Result<Api::DagRun>> answer;
    client()->dagRun(dagId, runId, this,
                     [&answer](const Api::Result<Api::DagRun> &result) { answer = result; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), TimeoutMs); }();
    if (!answer || !answer->ok())
        return std::nullopt;
    return answer->value();
}

void TestTriggerDialog::formHasAWidgetPerParam()
{
    auto dialog = openDialog();
    QCOMPARE(dialog->mode(), TriggerDialog::FormMode);
    ParamsFormWidget *form = dialog->paramsForm();
    for (const auto &field : form->form().fields()) {
        if (field.isHidden())
            QVERIFY(!form->editor(field.name));
        else
            QVERIFY2(form->editor(field.name), qPrintable(field.name));
    }
    QVERIFY(!form->editor(QStringLiteral("api_version")));
    auto *environment = qobject_cast<QComboBox *>(form->editor(QStringLiteral("environment")));
    QVERIFY(environment);
    QCOMPARE(environment->currentText(), QStringLiteral("Production"));
    QVERIFY(dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->pausedWarning()->isHidden());
}

void TestTriggerDialog::invalidValueBlocksTrigger()
{
    auto dialog = openDialog();
    auto *label = qobject_cast<QLineEdit *>(dialog->paramsForm()->editor(QStringLiteral("batch_label")));
    QVERIFY(label);
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("Not Valid"));
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QLabel *error = dialog->paramsForm()->errorLabel(QStringLiteral("batch_label"));
    QVERIFY(!error->text().isEmpty());
    QVERIFY(dialog->errorLabel()->text().contains(error->text()));
    label->clear();
    QTest::keyClicks(label, QStringLiteral("adhoc"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QVERIFY(error->text().isEmpty());
}

void TestTriggerDialog::validFormTriggersWithItsConf()
{
    auto dialog = openDialog();
    auto *label = qobject_cast<QLineEdit *>(dialog->paramsForm()->editor(QStringLiteral("batch_label")));
    label->clear();
    QTest::keyClicks(label, QStringLiteral("adhoc"));
    const QJsonObject conf = dialog->paramsForm()->form().conf();
    QVERIFY(!conf.isEmpty());
    QCOMPARE(conf.value(QStringLiteral("batch_label")).toString(), QStringLiteral("adhoc"));
    const QString runId = dialog->runIdEdit()->text();
    QVERIFY(runId.startsWith(QStringLiteral("manual__")));
    QVERIFY(runId.contains(QStringLiteral("__windsock_")));

    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    QTest::mouseClick(dialog->triggerButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);
    QVERIFY(!dialog->isVisible());
    const auto run = triggered.first().first().value<Api::DagRun>();
    QCOMPARE(run.dagRunId, runId);
    const std::optional<Api::DagRun> stored = serverRun(QStringLiteral("params_trigger_form"), runId);
    QVERIFY(stored);
    QCOMPARE(stored->conf, conf);
}

void TestTriggerDialog::invalidJsonShowsLineAndColumn()
{
    auto dialog = openDialog();
    dialog->setMode(TriggerDialog::JsonMode);
    QVERIFY(dialog->jsonEdit()->toPlainText().contains(QStringLiteral("batch_label")));
    const QString broken = QStringLiteral("{\n  \"a\": 1,\n  \"b\": \n}");
    dialog->jsonEdit()->setPlainText(broken);
    QTRY_VERIFY(!dialog->triggerButton()->isEnabled());
    QVERIFY2(dialog->jsonErrorLabel()->text().startsWith(QStringLiteral("Line 4, column")),
             qPrintable(dialog->jsonErrorLabel()->text()));
    dialog->setMode(TriggerDialog::FormMode);
    QCOMPARE(dialog->mode(), TriggerDialog::JsonMode);
    QCOMPARE(dialog->jsonEdit()->toPlainText(), broken);

    dialog->jsonEdit()->setPlainText(QStringLiteral("{\"worker_count\": 7, \"extra_key\": \"kept\"}"));
    QTRY_VERIFY(dialog->triggerButton()->isEnabled());
    QVERIFY(dialog->jsonErrorLabel()->text().isEmpty());
    dialog->setMode(TriggerDialog::FormMode);
    QCOMPARE(dialog->mode(), TriggerDialog::FormMode);
    QCOMPARE(dialog->paramsForm()->form().value(QStringLiteral("worker_count")).toInt(), 7);
    QVERIFY(dialog->paramsForm()->extraKeysLabel()->text().contains(QStringLiteral("extra_key")));
}

void TestTriggerDialog::reusesAnEarlierRunsConf()
{
    Api::TriggerRequest earlier;
    earlier.dagId = QStringLiteral("params_trigger_form");
    earlier.dagRunId = QStringLiteral("earlier_run");
    earlier.conf = QJsonObject{{QStringLiteral("worker_count"), 9},
                               {QStringLiteral("batch_label"), QStringLiteral("hourly")}};
    std::optional<bool> done;
    client()->triggerDagRun(earlier, this,
                            [&done](const Api::Result<Api::DagRun> &result) { done = result.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), TimeoutMs);
    QVERIFY(*done);

    auto dialog = openDialog();
    QComboBox *reuse = dialog->reuseCombo();
    int row = -1;
    for (int i = 0; i < reuse->count(); ++i) {
        if (reuse->itemText(i).contains(QStringLiteral("earlier_run")))
            row = i;
    }
    QVERIFY(row > 0);
    reuse->setCurrentIndex(row);
    Q_EMIT reuse->activated(row);
    QCOMPARE(dialog->paramsForm()->form().value(QStringLiteral("worker_count")).toInt(), 9);
    auto *label = qobject_cast<QLineEdit *>(dialog->paramsForm()->editor(QStringLiteral("batch_label")));
    QCOMPARE(label->text(), QStringLiteral("hourly"));
}

void TestTriggerDialog::pausedDagUnpausesAndTriggers()
{
    const QString dagId = QStringLiteral("params_trigger_form");
    std::optional<bool> paused;
    client()->setDagPaused(dagId, true, this, [&paused](const Api::Result<Api::Dag> &result) {
        paused = result.ok() && result.value().isPaused;
    });
    QTRY_VERIFY_WITH_TIMEOUT(paused.has_value(), TimeoutMs);
    QVERIFY(*paused);

    auto dialog = openDialog(dagId);
    QVERIFY(dialog->pausedWarning()->isVisible());
    QCOMPARE(dialog->pausedWarning()->text(),
             QStringLiteral("This DAG is paused: the run will stay queued until it is unpaused."));
    dialog->unpauseCheck()->setChecked(true);
    QSignalSpy triggered(dialog.get(), &TriggerDialog::triggered);
    dialog->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(triggered.count(), 1, TimeoutMs);

    std::optional<bool> nowPaused;
    client()->dag(dagId, this, [&nowPaused](const Api::Result<Api::Dag> &result) {
        nowPaused = result.ok() ? result.value().isPaused : true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(nowPaused.has_value(), TimeoutMs);
    QVERIFY(!*nowPaused);
}

void TestTriggerDialog::retryOnOwnRunIdSucceeds()
{
    auto first = openDialog();
    const QString runId = QStringLiteral("manual__retry__windsock_abcdef");
    first->runIdEdit()->setText(runId);
    QSignalSpy firstSpy(first.get(), &TriggerDialog::triggered);
    first->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(firstSpy.count(), 1, TimeoutMs);

    auto second = openDialog();
    second->runIdEdit()->setText(runId);
    QSignalSpy secondSpy(second.get(), &TriggerDialog::triggered);
    second->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(secondSpy.count(), 1, TimeoutMs);
    QCOMPARE(second->outcomeNotice(), QStringLiteral("The run was already created by the first attempt."));
    QCOMPARE(secondSpy.first().first().value<Api::DagRun>().dagRunId, runId);
}

void TestTriggerDialog::copyAsCurl_data()
{
    QTest::addColumn<bool>("includeSecrets");
    QTest::newRow("redacted") << false;
    QTest::newRow("with secrets") << true;
}

void TestTriggerDialog::copyAsCurl()
{
    QFETCH(bool, includeSecrets);
    auto dialog = openDialog();
    dialog->includeSecretsCheck()->setChecked(includeSecrets);
    dialog->copyAsCurl();
    const QString text = QGuiApplication::clipboard()->text();
    QVERIFY2(text.startsWith(QStringLiteral("curl -X POST")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("/api/v1/dags/params_trigger_form/dagRuns")));
    QVERIFY(text.contains(dialog->runIdEdit()->text()));
    const QString encoded = QString::fromLatin1(QByteArrayLiteral("admin:admin").toBase64());
    QCOMPARE(text.contains(encoded), includeSecrets);
    QCOMPARE(text.contains(QStringLiteral("Authorization: Basic ***")), !includeSecrets);
    dialog->copyAsPython();
    const QString python = QGuiApplication::clipboard()->text();
    QVERIFY(python.contains(QStringLiteral("requests.post(url, json=payload, headers=headers)")));
    QCOMPARE(python.contains(encoded), includeSecrets);
}

QTEST_MAIN(TestTriggerDialog)
#include "tst_triggerdialog.moc"
