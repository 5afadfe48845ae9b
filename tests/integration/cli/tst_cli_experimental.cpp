// windsock-cli on Airflow 1.10's experimental API, run as processes against an in-process sandbox speaking
// /api/experimental (manual clock): what 1.10 can do works (dags show, pause/unpause, trigger with a JSON
// conf and --wait, one DAG's runs newest first with paging, pools, tasks show/instance), and everything
// else is refused before any request of its own, with the dialect's reason on stderr and exit code 5. A
// deny_all deployment is a credentials failure (exit 3). One trigger + runs case runs on Airflow 3 too.
#include "clirunner.h"

#include <api/dialectexperimental.h>
#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Api::DialectExperimental;
using Windsock::Api::Feature;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::ExperimentalAuth;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

// The paths the sandboxes served, from their debug log line ("GET \"/api/...\" 200").
QStringList servedPaths;
QtMessageHandler previousHandler = nullptr;

void recordPaths(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QLatin1String(context.category) == QLatin1String("windsock.sandbox")) {
        const qsizetype start = message.indexOf(QLatin1String("\"/"));
        if (start >= 0) {
            const qsizetype end = message.indexOf(QLatin1Char('"'), start + 1);
            servedPaths.append(message.mid(start + 1, end - start - 1));
        }
        return;
    }
    previousHandler(type, context, message);
}

// What opening a profile asks (ApiVersionDetector's probes): the only requests a refused command may make.
const QStringList detectionPaths{QStringLiteral("/api/v2/version"), QStringLiteral("/api/v1/version"),
                                 QStringLiteral("/api/experimental/test")};

} // namespace

class TestCliExperimental final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QProcess> startCli(const QStringList &arguments, const QByteArray &input = {})
    {
        // Runs triggered "now" on the manual clock would share their execution date: each is a second later.
        if (arguments.value(0) == QLatin1String("trigger"))
            m_sandbox->advanceClock(1000);
        return m_cli->start(arguments, input);
    }

    CliRun finish(QProcess *process, qint64 advanceMs = 0)
    {
        return CliRunner::finish(process, advanceMs, m_sandbox.get());
    }

    CliRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        const std::unique_ptr<QProcess> process = startCli(arguments, input);
        return finish(process.get());
    }

    QJsonArray runsOf(const QString &dagId)
    {
        const CliRun runs =
            run({QStringLiteral("runs"), QStringLiteral("list"), dagId, QStringLiteral("--limit"),
                 QStringLiteral("1000"), QStringLiteral("--json")});
        return QJsonDocument::fromJson(runs.out).array();
    }

    bool isPaused(const QString &dagId)
    {
        const CliRun shown =
            run({QStringLiteral("dags"), QStringLiteral("show"), dagId, QStringLiteral("--json")});
        return QJsonDocument::fromJson(shown.out).object().value(QLatin1String("is_paused")).toBool();
    }

    void addProfile(const QString &name, const QString &kind, const QUrl &url, const QString &password)
    {
        const CliRun added =
            run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"), kind,
                 QStringLiteral("--name"), name, QStringLiteral("--url"), url.toString(),
                 QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--secret-stdin")},
                password.toUtf8() + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<SandboxServer> m_denyAll;
    std::unique_ptr<SandboxServer> m_v2;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CliRunner> m_cli;
    const QString m_password = QStringLiteral("cli-experimental-Pw71");
    QString m_dagId;  // an unpaused DAG whose runs move on the clock
    QString m_taskId; // its first task
    const DialectExperimental m_dialect;

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("windsock.sandbox.debug=true"));
        previousHandler = qInstallMessageHandler(recordPaths);

        SandboxOptions options;
        options.api = ApiVersion::Experimental;
        options.dagCount = 6;
        options.runsPerDag = 4;
        options.clock = ClockKind::Manual;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        options.experimentalAuth = ExperimentalAuth::DenyAll;
        m_denyAll = std::make_unique<SandboxServer>(options);
        QVERIFY(m_denyAll->listen(0));
        SandboxOptions v2;
        v2.api = ApiVersion::V2;
        v2.auth = AuthMode::Jwt;
        v2.dagCount = 4;
        v2.runsPerDag = 3;
        v2.clock = ClockKind::Manual;
        v2.users = {{QStringLiteral("admin"), m_password}};
        m_v2 = std::make_unique<SandboxServer>(v2);
        QVERIFY(m_v2->listen(0));

        m_config = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        m_cli->setDefaultProfile(QStringLiteral("old"));
        QVERIFY(QFile::exists(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli")));
        addProfile(QStringLiteral("old"), QStringLiteral("airflow2-basic"), m_sandbox->baseUrl(), m_password);
        addProfile(QStringLiteral("denied"), QStringLiteral("airflow2-basic"), m_denyAll->baseUrl(),
                   m_password);
        addProfile(QStringLiteral("new"), QStringLiteral("airflow3-password"), m_v2->baseUrl(), m_password);

        const Windsock::Sandbox::SandboxState &state = m_sandbox->state();
        for (int i = 0; i < state.dagCount() && m_dagId.isEmpty(); ++i) {
            if (state.dag(i).dagId != QLatin1String("params_trigger_form") && !state.dag(i).tasks.isEmpty()) {
                m_dagId = state.dag(i).dagId;
                m_taskId = state.dag(i).tasks.first().taskId;
            }
        }
        QVERIFY(!m_dagId.isEmpty());
        const CliRun unpaused = run({QStringLiteral("dags"), QStringLiteral("unpause"), m_dagId});
        QVERIFY2(unpaused.exitCode == 0, qPrintable(unpaused.err));
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("old"), QStringLiteral("denied"), QStringLiteral("new")})
            run({QStringLiteral("profile"), QStringLiteral("remove"), name});
        qInstallMessageHandler(previousHandler);
    }

    // Each command 1.10 cannot do: the dialect's reason, exactly, on stderr; exit code 5; nothing sent but
    // the API detection; nothing on stdout (with --json too).
    void refusedWithTheReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("feature");
        const QString dag = QStringLiteral("some_dag");
        QTest::newRow("dags list") << QStringList{QStringLiteral("dags"), QStringLiteral("list")}
                                   << int(Feature::ListDags);
        QTest::newRow("dags list --json")
            << QStringList{QStringLiteral("dags"), QStringLiteral("list"), QStringLiteral("--json")}
            << int(Feature::ListDags);
        QTest::newRow("runs of every DAG")
            << QStringList{QStringLiteral("runs"), QStringLiteral("list")} << int(Feature::RunsAcrossDags);
        QTest::newRow("runs ~ --json") << QStringList{QStringLiteral("runs"), QStringLiteral("list"),
                                                      QStringLiteral("~"), QStringLiteral("--json")}
                                       << int(Feature::RunsAcrossDags);
        QTest::newRow("logs") << QStringList{QStringLiteral("logs"), dag, QStringLiteral("run"),
                                             QStringLiteral("task")}
                              << int(Feature::TaskLogs);
        QTest::newRow("variables list")
            << QStringList{QStringLiteral("variables"), QStringLiteral("list")} << int(Feature::Variables);
        QTest::newRow("variables get")
            << QStringList{QStringLiteral("variables"), QStringLiteral("get"), QStringLiteral("k")}
            << int(Feature::Variables);
        QTest::newRow("variables set") << QStringList{QStringLiteral("variables"), QStringLiteral("set"),
                                                      QStringLiteral("k"), QStringLiteral("v")}
                                       << int(Feature::Variables);
        QTest::newRow("variables delete")
            << QStringList{QStringLiteral("variables"), QStringLiteral("delete"), QStringLiteral("k")}
            << int(Feature::Variables);
        QTest::newRow("connections list --json")
            << QStringList{QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--json")}
            << int(Feature::Connections);
        QTest::newRow("connections get")
            << QStringList{QStringLiteral("connections"), QStringLiteral("get"), QStringLiteral("c")}
            << int(Feature::Connections);
        QTest::newRow("connections set")
            << QStringList{QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("c"),
                           QStringLiteral("--conn-type"), QStringLiteral("http")}
            << int(Feature::Connections);
        // Refused before the password is read: nobody types one for nothing.
        QTest::newRow("connections set --password-stdin")
            << QStringList{QStringLiteral("connections"), QStringLiteral("set"),
                           QStringLiteral("c"),           QStringLiteral("--conn-type"),
                           QStringLiteral("http"),        QStringLiteral("--password-stdin")}
            << int(Feature::Connections);
        QTest::newRow("variables set --value-stdin")
            << QStringList{QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("k"),
                           QStringLiteral("--value-stdin")}
            << int(Feature::Variables);
        QTest::newRow("connections delete")
            << QStringList{QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("c")}
            << int(Feature::Connections);
        QTest::newRow("trigger --param")
            << QStringList{QStringLiteral("trigger"), QStringLiteral("params_trigger_form"),
                           QStringLiteral("--param"), QStringLiteral("worker_count=2")}
            << int(Feature::DagDetails);
        QTest::newRow("trigger --note")
            << QStringList{QStringLiteral("trigger"), QStringLiteral("params_trigger_form"),
                           QStringLiteral("--conf"),  QStringLiteral("{}"),
                           QStringLiteral("--note"),  QStringLiteral("why")}
            << int(Feature::RunNotes);
    }

    void refusedWithTheReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, feature);
        const QString reason = m_dialect.unavailableReason(Feature(feature));
        QVERIFY(!reason.isEmpty());
        servedPaths.clear();
        const quint64 before = m_sandbox->requestCount();
        const CliRun refused = run(arguments);
        QVERIFY2(refused.exitCode == 5, qPrintable(refused.err));
        QCOMPARE(refused.err.trimmed(), reason);
        QCOMPARE(refused.out, QByteArray());
        QVERIFY(m_sandbox->requestCount() > before); // the API was detected
        QVERIFY(!servedPaths.isEmpty());             // the log is read
        for (const QString &path : std::as_const(servedPaths))
            QVERIFY2(detectionPaths.contains(path), qPrintable(path));
    }

    void helpListsTheNewCommands()
    {
        const CliRun help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *text :
             {"dags show DAG_ID", "tasks show DAG_ID TASK_ID", "tasks instance DAG_ID RUN_ID TASK_ID",
              "--offset N", "5  the server's API cannot do this"})
            QVERIFY2(help.out.contains(text), text);
    }

    void dagsShowAndPauseToggle()
    {
        const CliRun shown =
            run({QStringLiteral("dags"), QStringLiteral("show"), m_dagId, QStringLiteral("--json")});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        const QJsonObject record = QJsonDocument::fromJson(shown.out).object();
        // Only what 1.10 tells: the id and the pause state.
        QCOMPARE(record.keys(), (QStringList{QStringLiteral("dag_id"), QStringLiteral("is_paused")}));
        QCOMPARE(record.value(QLatin1String("dag_id")).toString(), m_dagId);
        QVERIFY(!record.value(QLatin1String("is_paused")).toBool());

        const CliRun paused = run({QStringLiteral("dags"), QStringLiteral("pause"), m_dagId});
        QVERIFY2(paused.exitCode == 0, qPrintable(paused.err));
        QVERIFY(paused.out.contains(QByteArray(QByteArray("Paused ") + m_dagId.toUtf8())));
        QVERIFY(isPaused(m_dagId));
        const CliRun table = run({QStringLiteral("dags"), QStringLiteral("show"), m_dagId});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY2(table.out.contains("paused:  yes"), table.out.constData());
        const CliRun unpaused = run({QStringLiteral("dags"), QStringLiteral("unpause"), m_dagId});
        QVERIFY2(unpaused.exitCode == 0, qPrintable(unpaused.err));
        QVERIFY(!isPaused(m_dagId));

        const CliRun unknown =
            run({QStringLiteral("dags"), QStringLiteral("show"), QStringLiteral("no_such_dag")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("There is no DAG \"no_such_dag\"")),
                 qPrintable(unknown.err));
        const CliRun unknownPause =
            run({QStringLiteral("dags"), QStringLiteral("pause"), QStringLiteral("no_such_dag")});
        QCOMPARE(unknownPause.exitCode, 1);
    }

    // A JSON conf works on 1.10, and --wait follows the run on the clock to its end.
    void triggerWithConfAndWait()
    {
        const int runsBefore = int(runsOf(m_dagId).size());
        const std::unique_ptr<QProcess> waiting =
            startCli({QStringLiteral("trigger"), m_dagId, QStringLiteral("--conf"),
                      QStringLiteral("{\"source\": \"cli\", \"n\": 3}"), QStringLiteral("--wait"),
                      QStringLiteral("--interval"), QStringLiteral("0.2"), QStringLiteral("--json")});
        const CliRun ended = finish(waiting.get(), 20000);
        QVERIFY2(ended.exitCode == 0 || ended.exitCode == 7, qPrintable(ended.err));
        const QJsonObject record = QJsonDocument::fromJson(ended.out).object();
        QCOMPARE(record.value(QLatin1String("dag_id")).toString(), m_dagId);
        QCOMPARE(record.value(QLatin1String("state")).toString(),
                 ended.exitCode == 0 ? QStringLiteral("success") : QStringLiteral("failed"));
        const QJsonArray runs = runsOf(m_dagId);
        QCOMPARE(int(runs.size()), runsBefore + 1);
        // Newest first: the run just triggered leads.
        QCOMPARE(runs.first().toObject().value(QLatin1String("dag_run_id")).toString(),
                 record.value(QLatin1String("dag_run_id")).toString());
    }

    // With the seeded outcomes, some run of a few ends in success: --wait exits 0 for it.
    void triggerWaitReachesSuccess()
    {
        bool succeeded = false;
        for (int attempt = 0; attempt < 6 && !succeeded; ++attempt) {
            const std::unique_ptr<QProcess> waiting =
                startCli({QStringLiteral("trigger"), m_dagId, QStringLiteral("--conf"), QStringLiteral("{}"),
                          QStringLiteral("--wait"), QStringLiteral("--interval"), QStringLiteral("0.2")});
            const CliRun ended = finish(waiting.get(), 20000);
            QVERIFY2(ended.exitCode == 0 || ended.exitCode == 7, qPrintable(ended.err));
            QVERIFY2(ended.out.startsWith(QByteArray(QByteArray("Triggered ") + m_dagId.toUtf8())),
                     ended.out.constData());
            succeeded = ended.exitCode == 0;
            if (succeeded)
                QVERIFY2(ended.err.contains(QLatin1String(": success")), qPrintable(ended.err));
        }
        QVERIFY(succeeded);
    }

    void triggerUnknownDagAndBadConf()
    {
        const CliRun unknown = run({QStringLiteral("trigger"), QStringLiteral("no_such_dag"),
                                    QStringLiteral("--conf"), QStringLiteral("{}")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("There is no DAG \"no_such_dag\"")),
                 qPrintable(unknown.err));
        const quint64 before = m_sandbox->requestCount();
        const CliRun bad =
            run({QStringLiteral("trigger"), m_dagId, QStringLiteral("--conf"), QStringLiteral("{\"a\": ")});
        QCOMPARE(bad.exitCode, 2);
        QCOMPARE(m_sandbox->requestCount(), before);
    }

    void runsNewestFirstWithPaging()
    {
        const QJsonArray all = runsOf(m_dagId);
        QVERIFY(all.size() >= 4);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all.at(i - 1).toObject().value(QLatin1String("logical_date")).toString() >=
                    all.at(i).toObject().value(QLatin1String("logical_date")).toString());
        const CliRun page = run({QStringLiteral("runs"), QStringLiteral("list"), m_dagId,
                                 QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--offset"),
                                 QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(page.exitCode == 0, qPrintable(page.err));
        const QJsonArray two = QJsonDocument::fromJson(page.out).array();
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.at(0), all.at(1));
        QCOMPARE(two.at(1), all.at(2));

        const CliRun table = run({QStringLiteral("runs"), QStringLiteral("list"), m_dagId});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY(table.out.startsWith("RUN ID  "));
        const CliRun unknown =
            run({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("no_such_dag")});
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(run({QStringLiteral("runs"), QStringLiteral("list"), m_dagId, QStringLiteral("--offset"),
                      QStringLiteral("-1")})
                     .exitCode,
                 2);
    }

    void tasksShowAndInstance()
    {
        const CliRun task = run(
            {QStringLiteral("tasks"), QStringLiteral("show"), m_dagId, m_taskId, QStringLiteral("--json")});
        QVERIFY2(task.exitCode == 0, qPrintable(task.err));
        QCOMPARE(QJsonDocument::fromJson(task.out).object().value(QLatin1String("task_id")).toString(),
                 m_taskId);
        const CliRun noTask =
            run({QStringLiteral("tasks"), QStringLiteral("show"), m_dagId, QStringLiteral("no_such_task")});
        QCOMPARE(noTask.exitCode, 1);
        QVERIFY2(noTask.err.contains(QLatin1String("There is no task no_such_task")), qPrintable(noTask.err));

        // A run from the list, looked up by its run id in a fresh process.
        const QString runId = runsOf(m_dagId).last().toObject().value(QLatin1String("dag_run_id")).toString();
        QVERIFY(!runId.isEmpty());
        const CliRun instance = run({QStringLiteral("tasks"), QStringLiteral("instance"), m_dagId, runId,
                                     m_taskId, QStringLiteral("--json")});
        QVERIFY2(instance.exitCode == 0, qPrintable(instance.err));
        const QJsonObject ti = QJsonDocument::fromJson(instance.out).object();
        QCOMPARE(ti.value(QLatin1String("task_id")).toString(), m_taskId);
        QCOMPARE(ti.value(QLatin1String("dag_run_id")).toString(), runId);
        QVERIFY(!ti.value(QLatin1String("state")).toString().isEmpty());
        const CliRun table =
            run({QStringLiteral("tasks"), QStringLiteral("instance"), m_dagId, runId, m_taskId});
        QVERIFY2(table.exitCode == 0 && table.out.contains("state:"), qPrintable(table.err));

        const CliRun noRun = run({QStringLiteral("tasks"), QStringLiteral("instance"), m_dagId,
                                  QStringLiteral("no_such_run"), m_taskId});
        QCOMPARE(noRun.exitCode, 1);
        QVERIFY2(noRun.err.contains(QLatin1String("There is no run no_such_run")), qPrintable(noRun.err));
        QCOMPARE(run({QStringLiteral("tasks"), QStringLiteral("instance"), m_dagId}).exitCode, 2);
    }

    void poolsCrud()
    {
        const QString name = QStringLiteral("cli_old_pool");
        const CliRun created =
            run({QStringLiteral("pools"), QStringLiteral("set"), name, QStringLiteral("--slots"),
                 QStringLiteral("4"), QStringLiteral("--description"), QStringLiteral("for 1.10")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY2(created.out.contains("Created pool cli_old_pool (4 slots)"), created.out.constData());

        const CliRun updated = run({QStringLiteral("pools"), QStringLiteral("set"), name,
                                    QStringLiteral("--slots"), QStringLiteral("9")});
        QVERIFY2(updated.exitCode == 0, qPrintable(updated.err));
        QVERIFY2(updated.out.contains("Updated pool cli_old_pool (9 slots)"), updated.out.constData());

        const CliRun got =
            run({QStringLiteral("pools"), QStringLiteral("get"), name, QStringLiteral("--json")});
        QVERIFY2(got.exitCode == 0, qPrintable(got.err));
        const QJsonObject pool = QJsonDocument::fromJson(got.out).object();
        QCOMPARE(pool.value(QLatin1String("slots")).toInt(), 9);
        QCOMPARE(pool.value(QLatin1String("description")).toString(), QStringLiteral("for 1.10"));

        const CliRun listed =
            run({QStringLiteral("pools"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        bool found = false;
        for (const QJsonValue &p : QJsonDocument::fromJson(listed.out).array())
            found = found || p.toObject().value(QLatin1String("name")).toString() == name;
        QVERIFY(found);

        const CliRun deleted = run({QStringLiteral("pools"), QStringLiteral("delete"), name});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const CliRun gone = run({QStringLiteral("pools"), QStringLiteral("get"), name});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(QLatin1String("There is no pool")), qPrintable(gone.err));
    }

    void profileTestSaysWhatIsMissing()
    {
        const CliRun tested = run({QStringLiteral("profile"), QStringLiteral("test"), QStringLiteral("old")});
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.err + QString::fromUtf8(tested.out)));
        const QString text = QString::fromUtf8(tested.out);
        QVERIFY2(text.contains(QLatin1String("/api/experimental")), qPrintable(text));
        QVERIFY2(text.contains(m_dialect.unavailableReason(Feature::ListDags)), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("no task logs, variables, connections")), qPrintable(text));
    }

    void denyAllIsACredentialsFailure()
    {
        const CliRun denied = run({QStringLiteral("dags"), QStringLiteral("show"), m_dagId,
                                   QStringLiteral("--profile"), QStringLiteral("denied")});
        QVERIFY2(denied.exitCode == 3, qPrintable(denied.err));
        QVERIFY2(denied.err.contains(QLatin1String("credentials"), Qt::CaseInsensitive) ||
                     denied.err.contains(QLatin1String("forbidden"), Qt::CaseInsensitive) ||
                     denied.err.contains(QLatin1String("refuse"), Qt::CaseInsensitive),
                 qPrintable(denied.err));
        const CliRun tested =
            run({QStringLiteral("profile"), QStringLiteral("test"), QStringLiteral("denied")});
        QVERIFY2(tested.out.contains("deny_all"), tested.out.constData());
    }

    // The same trigger and runs commands on Airflow 3.
    void triggerAndRunsOnV2()
    {
        const QStringList profile{QStringLiteral("--profile"), QStringLiteral("new")};
        const Windsock::Sandbox::SandboxState &state = m_v2->state();
        QString dagId;
        for (int i = 0; i < state.dagCount() && dagId.isEmpty(); ++i) {
            if (state.dag(i).dagId != QLatin1String("params_trigger_form"))
                dagId = state.dag(i).dagId;
        }
        m_v2->advanceClock(1000);
        const CliRun triggered = run(QStringList{QStringLiteral("trigger"), dagId, QStringLiteral("--conf"),
                                                 QStringLiteral("{\"n\": 1}"), QStringLiteral("--json")} +
                                     profile);
        QVERIFY2(triggered.exitCode == 0, qPrintable(triggered.err));
        const QString runId =
            QJsonDocument::fromJson(triggered.out).object().value(QLatin1String("dag_run_id")).toString();
        QVERIFY(!runId.isEmpty());
        const CliRun runs =
            run(QStringList{QStringLiteral("runs"), QStringLiteral("list"), dagId, QStringLiteral("--json")} +
                profile);
        QVERIFY2(runs.exitCode == 0, qPrintable(runs.err));
        const QJsonArray list = QJsonDocument::fromJson(runs.out).array();
        QVERIFY(!list.isEmpty());
        QCOMPARE(list.first().toObject().value(QLatin1String("dag_run_id")).toString(), runId);
        QCOMPARE(
            list.first().toObject().value(QLatin1String("conf")).toObject().value(QLatin1String("n")).toInt(),
            1);
        // What v2 can do is not refused: every DAG's runs.
        const CliRun across = run(
            QStringList{QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json")} + profile);
        QVERIFY2(across.exitCode == 0, qPrintable(across.err));
    }
};

QTEST_GUILESS_MAIN(TestCliExperimental)
#include "tst_cli_experimental.moc"
