// windsock-cli's Airflow commands, run as processes against an in-process sandbox with a manual clock and
// the real keychain: dags list/pause/unpause, trigger (form params checked against the DAG's schema, --conf
// JSON errors with line and column, the same run id never triggering twice, --wait with its exit codes),
// runs list, logs (a try, --follow until the task ends), the read-only refusal, and unknown DAGs.
#include "clirunner.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

class TestCliAirflow final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QProcess> startCli(const QStringList &arguments, const QByteArray &input = {})
    {
        // Runs triggered "now" on the manual clock would share their logical date: each trigger is a second
        // later.
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

    QJsonArray dagsJson(const QStringList &filters = {})
    {
        const CliRun dags = run(
            QStringList{QStringLiteral("dags"), QStringLiteral("list"), QStringLiteral("--json")} + filters);
        return QJsonDocument::fromJson(dags.out).array();
    }

    // An unpaused DAG other than the params showcase: its runs move on the clock.
    QString activeDag()
    {
        for (const QJsonValue &dag : dagsJson({QStringLiteral("--active")})) {
            const QString id = dag.toObject().value(QLatin1String("dag_id")).toString();
            if (id != QLatin1String("params_trigger_form"))
                return id;
        }
        return {};
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CliRunner> m_cli;
    const QString m_password = QStringLiteral("cli-airflow-Pw93");
    const QString m_showcase = QStringLiteral("params_trigger_form");

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 8;
        options.runsPerDag = 4;
        options.clock = ClockKind::Manual;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_config = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        m_cli->setDefaultProfile(QStringLiteral("local"));
        QVERIFY(QFile::exists(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli")));
        for (const bool readOnly : {false, true}) {
            QStringList add{QStringLiteral("profile"),
                            QStringLiteral("add"),
                            QStringLiteral("--kind"),
                            QStringLiteral("airflow2-basic"),
                            QStringLiteral("--name"),
                            readOnly ? QStringLiteral("viewer") : QStringLiteral("local"),
                            QStringLiteral("--url"),
                            m_sandbox->baseUrl().toString(),
                            QStringLiteral("--username"),
                            QStringLiteral("admin"),
                            QStringLiteral("--secret-stdin")};
            if (readOnly)
                add << QStringLiteral("--read-only");
            const CliRun added = run(add, m_password.toUtf8() + '\n');
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        }
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("local"), QStringLiteral("viewer")})
            run({QStringLiteral("profile"), QStringLiteral("remove"), name});
    }

    void helpListsTheCommands()
    {
        const CliRun help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *text : {"dags list", "dags pause|unpause", "trigger DAG_ID", "runs list",
                                 "logs DAG_ID", "6  the profile is read-only", "7  trigger --wait"})
            QVERIFY2(help.out.contains(text), text);
    }

    void dagsList()
    {
        const CliRun table = run({QStringLiteral("dags"), QStringLiteral("list")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        const QList<QByteArray> lines = table.out.split('\n');
        QVERIFY2(lines.first().startsWith("DAG ID"), qPrintable(table.err + QString::fromUtf8(table.out)));
        QCOMPARE(lines.size(), 8 + 2); // header, 8 DAGs, the empty piece after the last line break
        // Aligned: the PAUSED column starts at the same place on every line.
        const qsizetype column = lines.first().indexOf("PAUSED");
        for (qsizetype i = 1; i < lines.size() - 1; ++i)
            QVERIFY2(lines.at(i).mid(column).startsWith("yes") || lines.at(i).mid(column).startsWith("no"),
                     lines.at(i).constData());
        QVERIFY(table.out.contains(m_showcase.toUtf8()));

        const QJsonArray all = dagsJson();
        QCOMPARE(all.size(), 8);
        const QJsonObject first = all.first().toObject();
        QCOMPARE(first.keys().size(), 9);
        // Stable key order: Airflow's field order, not QJsonObject's alphabetical one.
        const CliRun raw = run({QStringLiteral("dags"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY(raw.out.contains("{\"dag_id\": \""));
        QVERIFY(raw.out.indexOf("\"is_paused\"") < raw.out.indexOf("\"schedule\""));

        const QJsonArray paused = dagsJson({QStringLiteral("--paused")});
        const QJsonArray active = dagsJson({QStringLiteral("--active")});
        QCOMPARE(paused.size() + active.size(), 8);
        for (const QJsonValue &dag : paused)
            QVERIFY(dag.toObject().value(QLatin1String("is_paused")).toBool());
        for (const QJsonValue &dag : active)
            QVERIFY(!dag.toObject().value(QLatin1String("is_paused")).toBool());

        const QJsonArray pattern = dagsJson({QStringLiteral("--pattern"), QStringLiteral("trigger_form")});
        QCOMPARE(pattern.size(), 1);
        QCOMPARE(pattern.first().toObject().value(QLatin1String("dag_id")).toString(), m_showcase);

        const QString tag = first.value(QLatin1String("tags")).toArray().first().toString();
        QVERIFY(!tag.isEmpty());
        const QJsonArray tagged = dagsJson({QStringLiteral("--tags"), tag});
        QVERIFY(!tagged.isEmpty());
        for (const QJsonValue &dag : tagged)
            QVERIFY(dag.toObject().value(QLatin1String("tags")).toArray().contains(tag));

        const CliRun both = run({QStringLiteral("dags"), QStringLiteral("list"), QStringLiteral("--paused"),
                                 QStringLiteral("--active")});
        QCOMPARE(both.exitCode, 2);
    }

    void dagsPauseAndUnpause()
    {
        const QJsonArray active = dagsJson({QStringLiteral("--active")});
        QVERIFY(active.size() >= 2);
        const QString a = active.at(0).toObject().value(QLatin1String("dag_id")).toString();
        const QString b = active.at(1).toObject().value(QLatin1String("dag_id")).toString();

        const CliRun refused = run({QStringLiteral("dags"), QStringLiteral("pause"), a,
                                    QStringLiteral("--profile"), QStringLiteral("viewer")});
        QCOMPARE(refused.exitCode, 6);
        QVERIFY2(refused.err.contains(QLatin1String("read-only")), qPrintable(refused.err));
        QCOMPARE(dagsJson({QStringLiteral("--active")}).size(), active.size());

        const CliRun paused = run({QStringLiteral("dags"), QStringLiteral("pause"), a, b});
        QVERIFY2(paused.exitCode == 0, qPrintable(paused.err));
        QVERIFY(paused.out.contains(QByteArray(QByteArray("Paused ") + a.toUtf8())));
        QCOMPARE(dagsJson({QStringLiteral("--active")}).size(), active.size() - 2);

        // An unknown DAG among known ones: the others are still done, the exit code says something failed.
        const CliRun unpaused =
            run({QStringLiteral("dags"), QStringLiteral("unpause"), a, QStringLiteral("no_such_dag"), b});
        QCOMPARE(unpaused.exitCode, 1);
        QVERIFY2(unpaused.err.contains(QLatin1String("There is no DAG \"no_such_dag\"")),
                 qPrintable(unpaused.err));
        QCOMPARE(dagsJson({QStringLiteral("--active")}).size(), active.size());

        QCOMPARE(run({QStringLiteral("dags"), QStringLiteral("pause")}).exitCode, 2);
    }

    void triggerInvalidConfSendsNothing_data()
    {
        QTest::addColumn<QString>("conf");
        QTest::addColumn<QString>("position");
        QTest::newRow("missing value")
            << QStringLiteral("{\"a\": 1,\n  \"b\": }") << QStringLiteral("line 2, column");
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << QStringLiteral("JSON object");
        QTest::newRow("unterminated") << QStringLiteral("{\"a\": \"x") << QStringLiteral("line 1, column");
    }

    void triggerInvalidConfSendsNothing()
    {
        QFETCH(QString, conf);
        QFETCH(QString, position);
        const quint64 before = m_sandbox->requestCount();
        const CliRun bad = run({QStringLiteral("trigger"), m_showcase, QStringLiteral("--conf"), conf});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(position), qPrintable(bad.err));
        QVERIFY2(bad.err.contains(QLatin1String("Nothing was sent")), qPrintable(bad.err));
        QCOMPARE(m_sandbox->requestCount(), before);
    }

    void triggerParamErrors_data()
    {
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a number")
            << QStringList{QStringLiteral("worker_count=many")}
            << QStringLiteral("--param worker_count: Workers must be a whole number.");
        QTest::newRow("too big") << QStringList{QStringLiteral("worker_count=20")}
                                 << QStringLiteral("--param worker_count: Workers must be 10 or less.");
        QTest::newRow("not a boolean") << QStringList{QStringLiteral("run_extra_checks=maybe")}
                                       << QStringLiteral("must be true or false");
        QTest::newRow("not in the enum")
            << QStringList{QStringLiteral("region=mars-1")} << QStringLiteral("--param region:");
        QTest::newRow("unknown param") << QStringList{QStringLiteral("no_such_param=1")}
                                       << QStringLiteral("has no param \"no_such_param\"");
        QTest::newRow("no equals sign")
            << QStringList{QStringLiteral("worker_count")} << QStringLiteral("KEY=VALUE");
        QTest::newRow("twice for a single value")
            << QStringList{QStringLiteral("worker_count=2"), QStringLiteral("worker_count=3")}
            << QStringLiteral("given 2 times");
    }

    void triggerParamErrors()
    {
        QFETCH(QStringList, params);
        QFETCH(QString, message);
        const int runsBefore = int(runsOf(m_showcase).size());
        QStringList arguments{QStringLiteral("trigger"), m_showcase};
        for (const QString &param : params)
            arguments << QStringLiteral("--param") << param;
        const CliRun bad = run(arguments);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(message), qPrintable(bad.err));
        QCOMPARE(int(runsOf(m_showcase).size()), runsBefore);

        const CliRun both =
            run({QStringLiteral("trigger"), m_showcase, QStringLiteral("--conf"), QStringLiteral("{}"),
                 QStringLiteral("--param"), QStringLiteral("worker_count=2")});
        QCOMPARE(both.exitCode, 2);
    }

    void triggerWithParams()
    {
        const int runsBefore = int(runsOf(m_showcase).size());
        const CliRun triggered = run({QStringLiteral("trigger"), m_showcase, QStringLiteral("--param"),
                                      QStringLiteral("worker_count=5"), QStringLiteral("--param"),
                                      QStringLiteral("recipients=a@example.com"), QStringLiteral("--param"),
                                      QStringLiteral("recipients=b@example.com"), QStringLiteral("--param"),
                                      QStringLiteral("environment=Staging"), QStringLiteral("--json")});
        QVERIFY2(triggered.exitCode == 0, qPrintable(triggered.err));
        const QJsonObject record = QJsonDocument::fromJson(triggered.out).object();
        QCOMPARE(record.value(QLatin1String("dag_id")).toString(), m_showcase);
        QCOMPARE(record.value(QLatin1String("state")).toString(), QStringLiteral("queued"));
        QVERIFY(record.value(QLatin1String("dag_run_id")).toString().contains(QLatin1String("__windsock_")));
        const QJsonObject conf = record.value(QLatin1String("conf")).toObject();
        QCOMPARE(conf.value(QLatin1String("worker_count")).toInt(), 5);
        QCOMPARE(conf.value(QLatin1String("recipients")).toArray(),
                 (QJsonArray{QStringLiteral("a@example.com"), QStringLiteral("b@example.com")}));
        QCOMPARE(conf.value(QLatin1String("environment")).toString(), QStringLiteral("staging"));
        QCOMPARE(conf.value(QLatin1String("region")).toString(), QStringLiteral("eu-west-1")); // the default
        QCOMPARE(int(runsOf(m_showcase).size()), runsBefore + 1);
    }

    void triggerSameRunIdTwiceMakesOneRun()
    {
        const int runsBefore = int(runsOf(m_showcase).size());
        const QStringList arguments{QStringLiteral("trigger"),  m_showcase,
                                    QStringLiteral("--conf"),   QStringLiteral("{\"worker_count\": 2}"),
                                    QStringLiteral("--run-id"), QStringLiteral("cli_retry_1")};
        const CliRun first = run(arguments);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY(first.out.contains("cli_retry_1"));
        const CliRun again = run(arguments);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QLatin1String("earlier attempt")), qPrintable(again.err));
        QCOMPARE(int(runsOf(m_showcase).size()), runsBefore + 1);

        // The same id with another conf is somebody else's run.
        const CliRun other = run({QStringLiteral("trigger"), m_showcase, QStringLiteral("--conf"),
                                  QStringLiteral("{\"worker_count\": 3}"), QStringLiteral("--run-id"),
                                  QStringLiteral("cli_retry_1")});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains(QLatin1String("another run")), qPrintable(other.err));
        QCOMPARE(int(runsOf(m_showcase).size()), runsBefore + 1);
    }

    void triggerLogicalDateTaken()
    {
        const QStringList arguments{QStringLiteral("trigger"), m_showcase, QStringLiteral("--logical-date"),
                                    QStringLiteral("2025-05-01T08:00:00+02:00")};
        const CliRun first = run(arguments);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains("logical date 2025-05-01T06:00:00Z"), first.out.constData());
        const CliRun second = run(arguments);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(
            second.err.contains(QLatin1String("already has a run at the logical date 2025-05-01T06:00:00Z")),
            qPrintable(second.err));

        const CliRun bad = run({QStringLiteral("trigger"), m_showcase, QStringLiteral("--logical-date"),
                                QStringLiteral("next tuesday")});
        QCOMPARE(bad.exitCode, 2);
    }

    void triggerRefusedOnReadOnlyProfile()
    {
        const int runsBefore = int(runsOf(m_showcase).size());
        const quint64 before = m_sandbox->requestCount();
        const CliRun refused = run(
            {QStringLiteral("trigger"), m_showcase, QStringLiteral("--profile"), QStringLiteral("viewer")});
        QCOMPARE(refused.exitCode, 6);
        QVERIFY2(refused.err.contains(QLatin1String("\"viewer\" is read-only")), qPrintable(refused.err));
        QCOMPARE(m_sandbox->requestCount(), before);
        QCOMPARE(int(runsOf(m_showcase).size()), runsBefore);
    }

    void triggerUnknownDag()
    {
        const CliRun unknown = run({QStringLiteral("trigger"), QStringLiteral("no_such_dag")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("There is no DAG \"no_such_dag\"")),
                 qPrintable(unknown.err));
        QVERIFY(!unknown.err.contains(QLatin1String("404"))); // plain words
    }

    // A read-only profile reads through `request`, and changes nothing through it.
    void requestOnReadOnlyProfile()
    {
        const QStringList viewer{QStringLiteral("--profile"), QStringLiteral("viewer")};
        const CliRun read = run(
            QStringList{QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags")} +
            viewer);
        QVERIFY2(read.exitCode == 0, qPrintable(read.err));
        const quint64 before = m_sandbox->requestCount();
        const CliRun refused =
            run(QStringList{QStringLiteral("request"), QStringLiteral("PATCH"),
                            QStringLiteral("/api/v1/dags/") + m_showcase, QStringLiteral("--data"),
                            QStringLiteral("{\"is_paused\": true}")} +
                viewer);
        QCOMPARE(refused.exitCode, 6);
        QVERIFY2(refused.err.contains(QLatin1String("send PATCH requests")), qPrintable(refused.err));
        QCOMPARE(m_sandbox->requestCount(), before);

        const CliRun badJson =
            run({QStringLiteral("request"), QStringLiteral("POST"), QStringLiteral("/api/v1/x"),
                 QStringLiteral("--data"), QStringLiteral("{\"a\": [1,\n 2}")});
        QCOMPARE(badJson.exitCode, 2);
        QVERIFY2(badJson.err.contains(QLatin1String("--data is not valid JSON")) &&
                     badJson.err.contains(QLatin1String("line 2, column")),
                 qPrintable(badJson.err));
    }

    // --wait follows the run until it ends; it is ended here by marking it (the clock stays put), so both
    // outcomes are certain.
    void triggerWaitExitCodes_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("success") << QStringLiteral("success") << 0;
        QTest::newRow("failed") << QStringLiteral("failed") << 7;
    }

    void triggerWaitExitCodes()
    {
        QFETCH(QString, state);
        QFETCH(int, exitCode);
        const QString runId = QStringLiteral("cli_wait_") + state;
        const std::unique_ptr<QProcess> waiting =
            startCli({QStringLiteral("trigger"), m_showcase, QStringLiteral("--run-id"), runId,
                      QStringLiteral("--wait"), QStringLiteral("--interval"), QStringLiteral("0.2"),
                      QStringLiteral("--json"), QStringLiteral("--profile"), QStringLiteral("local")});
        QVERIFY(waiting);
        // Wait (through the event loop) until the run exists and is being watched.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &run : runsOf(m_showcase)) {
                    if (run.toObject().value(QLatin1String("dag_run_id")).toString() == runId)
                        return true;
                }
                return false;
            }(),
            20000);
        QCOMPARE(waiting->state(), QProcess::Running);
        const CliRun marked =
            run({QStringLiteral("request"), QStringLiteral("PATCH"),
                 QStringLiteral("/api/v1/dags/") + m_showcase + QStringLiteral("/dagRuns/") + runId,
                 QStringLiteral("--data"), QStringLiteral("{\"state\": \"") + state + QStringLiteral("\"}")});
        QVERIFY2(marked.exitCode == 0, qPrintable(marked.err));
        const CliRun ended = finish(waiting.get());
        QVERIFY2(ended.exitCode == exitCode, qPrintable(ended.err + QString::fromUtf8(ended.out)));
        const QJsonObject record = QJsonDocument::fromJson(ended.out).object();
        QCOMPARE(record.value(QLatin1String("dag_run_id")).toString(), runId);
        QCOMPARE(record.value(QLatin1String("state")).toString(), state);
    }

    // --wait on a run that moves on the sandbox's clock: the exit code follows how it ended.
    void triggerWaitOnTheClock()
    {
        const QString dagId = activeDag();
        QVERIFY(!dagId.isEmpty());
        const std::unique_ptr<QProcess> waiting = startCli(
            {QStringLiteral("trigger"), dagId, QStringLiteral("--wait"), QStringLiteral("--interval"),
             QStringLiteral("0.2"), QStringLiteral("--profile"), QStringLiteral("local")});
        const CliRun ended = finish(waiting.get(), 20000);
        QVERIFY2(ended.exitCode == 0 || ended.exitCode == 7, qPrintable(ended.err));
        QVERIFY2(ended.out.startsWith(QByteArray("Triggered " + dagId.toUtf8())), ended.out.constData());
        QVERIFY2(ended.out.contains(ended.exitCode == 0 ? "succeeded" : "failed"), ended.out.constData());
        // The end is said on stderr too (the states between depend on how far the clock moved per poll).
        QVERIFY2(
            ended.err.contains(ended.exitCode == 0 ? QLatin1String(": success") : QLatin1String(": failed")),
            qPrintable(ended.err));
        const QJsonObject newest = runsOf(dagId).first().toObject();
        QCOMPARE(newest.value(QLatin1String("state")).toString(),
                 ended.exitCode == 0 ? QStringLiteral("success") : QStringLiteral("failed"));
    }

    void runsList()
    {
        const QString dagId = activeDag();
        const CliRun two = run({QStringLiteral("runs"), QStringLiteral("list"), dagId,
                                QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(two.exitCode == 0, qPrintable(two.err));
        const QJsonArray runs = QJsonDocument::fromJson(two.out).array();
        QCOMPARE(runs.size(), 2);
        QVERIFY(runs.at(0).toObject().value(QLatin1String("logical_date")).toString() >=
                runs.at(1).toObject().value(QLatin1String("logical_date")).toString()); // newest first

        const CliRun succeeded =
            run({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("~"),
                 QStringLiteral("--state"), QStringLiteral("success"), QStringLiteral("--json")});
        QVERIFY2(succeeded.exitCode == 0, qPrintable(succeeded.err));
        const QJsonArray successes = QJsonDocument::fromJson(succeeded.out).array();
        QVERIFY(!successes.isEmpty());
        for (const QJsonValue &r : successes)
            QCOMPARE(r.toObject().value(QLatin1String("state")).toString(), QStringLiteral("success"));

        const CliRun both =
            run({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("~"),
                 QStringLiteral("--state"), QStringLiteral("success"), QStringLiteral("--state"),
                 QStringLiteral("failed"), QStringLiteral("--json")});
        QVERIFY(QJsonDocument::fromJson(both.out).array().size() >= successes.size());

        const CliRun table = run({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("~"),
                                  QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        QVERIFY(table.out.startsWith("DAG ID  "));
        QCOMPARE(table.out.count('\n'), 4);
        // ISO dates in UTC.
        QVERIFY(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                    .match(QString::fromUtf8(table.out))
                    .hasMatch());

        const CliRun unknown =
            run({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("no_such_dag")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("There is no DAG")), qPrintable(unknown.err));
        QCOMPARE(run({QStringLiteral("runs"), QStringLiteral("list"), dagId, QStringLiteral("--state"),
                      QStringLiteral("sideways")})
                     .exitCode,
                 2);
    }

    // logs --follow on a task that is running writes its log as it grows, each line once, and ends when the
    // task ends; the text is the same as the whole log read afterwards.
    void logsFollowEndsWithTheTask()
    {
        const QString dagId = activeDag();
        const QString runId = QStringLiteral("cli_logs_follow");
        const CliRun triggered = run({QStringLiteral("trigger"), dagId, QStringLiteral("--run-id"), runId});
        QVERIFY2(triggered.exitCode == 0, qPrintable(triggered.err));
        const QString runPath = QStringLiteral("/api/v1/dags/") + dagId + QStringLiteral("/dagRuns/") + runId;
        QString taskId;
        for (int step = 0; step < 120 && taskId.isEmpty(); ++step) {
            m_sandbox->advanceClock(1000);
            const CliRun tis = run({QStringLiteral("request"), QStringLiteral("GET"),
                                    runPath + QStringLiteral("/taskInstances")});
            for (const QJsonValue &ti :
                 QJsonDocument::fromJson(tis.out).object().value(QLatin1String("task_instances")).toArray()) {
                if (ti.toObject().value(QLatin1String("state")).toString() == QLatin1String("running"))
                    taskId = ti.toObject().value(QLatin1String("task_id")).toString();
            }
        }
        QVERIFY(!taskId.isEmpty());

        const std::unique_ptr<QProcess> following =
            startCli({QStringLiteral("logs"), dagId, runId, taskId, QStringLiteral("--follow"),
                      QStringLiteral("--interval"), QStringLiteral("0.2"), QStringLiteral("--profile"),
                      QStringLiteral("local")});
        const CliRun followed = finish(following.get(), 2000);
        QVERIFY2(followed.exitCode == 0, qPrintable(followed.err));
        QVERIFY2(followed.err.contains(taskId + QStringLiteral(" ended: ")), qPrintable(followed.err));
        QVERIFY(!followed.out.isEmpty());

        const CliRun whole = run({QStringLiteral("logs"), dagId, runId, taskId});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QCOMPARE(followed.out, whole.out.endsWith('\n') ? whole.out : whole.out + '\n');

        const CliRun firstTry =
            run({QStringLiteral("logs"), dagId, runId, taskId, QStringLiteral("--try"), QStringLiteral("1")});
        QCOMPARE(firstTry.exitCode, 0);
        const CliRun noSuchTry =
            run({QStringLiteral("logs"), dagId, runId, taskId, QStringLiteral("--try"), QStringLiteral("5")});
        QCOMPARE(noSuchTry.exitCode, 1);
        QVERIFY2(noSuchTry.err.contains(QLatin1String("no try 5")), qPrintable(noSuchTry.err));
        const CliRun noSuchTask = run({QStringLiteral("logs"), dagId, runId, QStringLiteral("no_such_task")});
        QCOMPARE(noSuchTask.exitCode, 1);
        QVERIFY2(noSuchTask.err.contains(QLatin1String("There is no task no_such_task")),
                 qPrintable(noSuchTask.err));
        QCOMPARE(run({QStringLiteral("logs"), dagId, runId}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliAirflow)
#include "tst_cli_airflow.moc"
