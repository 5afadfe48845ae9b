// windsock-cli's guard rails, run as processes against an in-process sandbox and the real keychain: a
// read-only profile refuses every changing command (exit code 6) and the sandbox receives no changing
// request; a production profile's delete and bulk commands need --confirm-production with the profile's exact
// name (exit code 2 otherwise, nothing sent); `profile add/edit` set the production and notification fields.
#include "clirunner.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

namespace {

// What a request that changes nothing looks like: GET/HEAD/OPTIONS, a batch list, a token request.
bool isReading(const SandboxServer::LoggedRequest &request)
{
    const QByteArray method = request.method.toUpper();
    if (method == "GET" || method == "HEAD" || method == "OPTIONS")
        return true;
    return method == "POST" &&
           (request.path.endsWith(QLatin1String("/list")) || request.path == QLatin1String("/auth/token"));
}

} // namespace

class TestCliGuardRails final : public QObject
{
    Q_OBJECT

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        return m_cli->run(arguments, input);
    }

    // The requests the sandbox received from the index `from` on that change something.
    QStringList changingSince(qsizetype from) const
    {
        QStringList changing;
        const QList<SandboxServer::LoggedRequest> log = m_sandbox->requestLog();
        for (qsizetype i = from; i < log.size(); ++i) {
            if (!isReading(log.at(i)))
                changing.append(QString::fromLatin1(log.at(i).method) + u' ' + log.at(i).path);
        }
        return changing;
    }

    QString dagId(int index) const { return m_sandbox->state().dag(index).dagId; }

    // The id and state of the newest finished run of a DAG, through the CLI itself.
    QPair<QString, QString> finishedRun(const QString &dag, const QString &profile)
    {
        const CliRun listed =
            run({QStringLiteral("runs"), QStringLiteral("list"), dag, QStringLiteral("--state"),
                 QStringLiteral("success,failed"), QStringLiteral("--limit"), QStringLiteral("1"),
                 QStringLiteral("--json"), QStringLiteral("--profile"), profile});
        const QJsonObject first = QJsonDocument::fromJson(listed.out).array().at(0).toObject();
        return {first.value(QLatin1String("dag_run_id")).toString(),
                first.value(QLatin1String("state")).toString()};
    }

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CliRunner> m_cli;
    const QString m_password = QStringLiteral("cli-guard-Pw41");

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 4;
        options.runsPerDag = 2;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_config = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        QVERIFY(QFile::exists(QStringLiteral(WINDSOCK_BINARY_DIR "/app/cli/windsock-cli")));
        const QList<QPair<QString, QString>> profiles{
            {QStringLiteral("guard-viewer"), QStringLiteral("--read-only")},
            {QStringLiteral("guard-prod"), QStringLiteral("--production")}};
        for (const auto &[name, mark] : profiles) {
            const CliRun added =
                run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
                     QStringLiteral("airflow2-basic"), QStringLiteral("--name"), name,
                     QStringLiteral("--url"), m_sandbox->baseUrl().toString(), QStringLiteral("--username"),
                     QStringLiteral("admin"), QStringLiteral("--secret-stdin"), mark},
                    m_password.toUtf8() + '\n');
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        }
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("guard-viewer"), QStringLiteral("guard-prod")})
            run({QStringLiteral("profile"), QStringLiteral("remove"), name});
    }

    void readOnlyProfileSendsNothingThatChanges()
    {
        QTemporaryDir files;
        const QString importFile = files.filePath(QStringLiteral("variables.json"));
        QFile file(importFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"guard_imported\": \"one\"}");
        file.close();

        const QString dag = dagId(0);
        const QString runId = finishedRun(dag, QStringLiteral("guard-viewer")).first;
        QVERIFY(!runId.isEmpty());
        const QString v1 = QStringLiteral("/api/v1/");
        const QList<QStringList> commands{
            {QStringLiteral("trigger"), dag},
            {QStringLiteral("runs"), QStringLiteral("clear"), dag, runId},
            {QStringLiteral("runs"), QStringLiteral("mark"), dag, runId, QStringLiteral("failed")},
            {QStringLiteral("runs"), QStringLiteral("delete"), dag, runId},
            {QStringLiteral("dags"), QStringLiteral("pause"), dag},
            {QStringLiteral("dags"), QStringLiteral("unpause"), dag},
            {QStringLiteral("dags"), QStringLiteral("pause"), dag, dagId(1)},
            {QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("guard_var"),
             QStringLiteral("x")},
            {QStringLiteral("variables"), QStringLiteral("delete"), QStringLiteral("guard_var")},
            {QStringLiteral("variables"), QStringLiteral("import"), importFile},
            {QStringLiteral("pools"), QStringLiteral("set"), QStringLiteral("guard_pool"),
             QStringLiteral("--slots"), QStringLiteral("3")},
            {QStringLiteral("pools"), QStringLiteral("delete"), QStringLiteral("default_pool")},
            {QStringLiteral("connections"), QStringLiteral("set"), QStringLiteral("guard_conn"),
             QStringLiteral("--conn-type"), QStringLiteral("http")},
            {QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("guard_conn")},
            {QStringLiteral("request"), QStringLiteral("POST"), v1 + QStringLiteral("variables"),
             QStringLiteral("--data"), QStringLiteral("{\"key\": \"k\", \"value\": \"v\"}")},
            {QStringLiteral("request"), QStringLiteral("PATCH"), v1 + QStringLiteral("dags/") + dag,
             QStringLiteral("--data"), QStringLiteral("{\"is_paused\": true}")},
            {QStringLiteral("request"), QStringLiteral("DELETE"), v1 + QStringLiteral("variables/k")},
            // A list POST reads, but the CLI judges a raw request by its method.
            {QStringLiteral("request"), QStringLiteral("POST"), v1 + QStringLiteral("dags/~/dagRuns/list"),
             QStringLiteral("--data"), QStringLiteral("{}")},
        };
        const qsizetype before = m_sandbox->requestLog().size();
        for (const QStringList &command : commands) {
            const CliRun refused =
                run(command + QStringList{QStringLiteral("--profile"), QStringLiteral("guard-viewer")});
            QVERIFY2(refused.exitCode == 6,
                     qPrintable(command.join(u' ') +
                                QStringLiteral(": exit %1, %2").arg(refused.exitCode).arg(refused.err)));
            QVERIFY2(refused.err.contains(QLatin1String("read-only")), qPrintable(refused.err));
        }
        QCOMPARE(changingSince(before), QStringList());
        // The sandbox still has what it had: nothing was paused, created or deleted.
        const CliRun pools = run({QStringLiteral("pools"), QStringLiteral("list"), QStringLiteral("--json"),
                                  QStringLiteral("--profile"), QStringLiteral("guard-viewer")});
        QCOMPARE(pools.exitCode, 0);
        QVERIFY(!pools.out.contains("guard_pool"));
        QVERIFY(pools.out.contains("default_pool"));
        QCOMPARE(changingSince(before), QStringList());
    }

    void productionNeedsItsName()
    {
        const QString prod = QStringLiteral("guard-prod");
        const CliRun created =
            run({QStringLiteral("variables"), QStringLiteral("set"), QStringLiteral("prod_var"),
                 QStringLiteral("kept"), QStringLiteral("--profile"), prod});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err)); // a set is neither delete nor bulk

        qsizetype before = m_sandbox->requestLog().size();
        const QStringList remove{QStringLiteral("variables"), QStringLiteral("delete"),
                                 QStringLiteral("prod_var"), QStringLiteral("--profile"), prod};
        const CliRun unconfirmed = run(remove);
        QCOMPARE(unconfirmed.exitCode, 2);
        QVERIFY2(unconfirmed.err.contains(QLatin1String("--confirm-production \"guard-prod\"")),
                 qPrintable(unconfirmed.err));
        const CliRun wrong =
            run(remove + QStringList{QStringLiteral("--confirm-production"), QStringLiteral("guard-pro")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(QLatin1String("does not match")), qPrintable(wrong.err));
        const CliRun pause = run({QStringLiteral("dags"), QStringLiteral("pause"), dagId(0), dagId(1),
                                  QStringLiteral("--profile"), prod});
        QCOMPARE(pause.exitCode, 2);
        const CliRun deleteRequest =
            run({QStringLiteral("request"), QStringLiteral("DELETE"),
                 QStringLiteral("/api/v1/variables/prod_var"), QStringLiteral("--profile"), prod});
        QCOMPARE(deleteRequest.exitCode, 2);
        QCOMPARE(changingSince(before), QStringList());
        const CliRun stillThere = run({QStringLiteral("variables"), QStringLiteral("get"),
                                       QStringLiteral("prod_var"), QStringLiteral("--profile"), prod});
        QCOMPARE(stillThere.out, QByteArray("kept\n"));

        // The exact name lets it through.
        before = m_sandbox->requestLog().size();
        const CliRun confirmed = run(remove + QStringList{QStringLiteral("--confirm-production"), prod});
        QVERIFY2(confirmed.exitCode == 0, qPrintable(confirmed.err));
        const QStringList sent = changingSince(before);
        QCOMPARE(sent.size(), 1);
        QVERIFY2(sent.first().startsWith(QLatin1String("DELETE /api/v1/variables/prod_var")),
                 qPrintable(sent.first()));
        QCOMPARE(run({QStringLiteral("variables"), QStringLiteral("get"), QStringLiteral("prod_var"),
                      QStringLiteral("--profile"), prod})
                     .exitCode,
                 1);
    }

    void runActionsAskThePreviewAndTheName()
    {
        const QString prod = QStringLiteral("guard-prod");
        const QString dag = dagId(2);
        const auto [runId, state] = finishedRun(dag, prod);
        QVERIFY(!runId.isEmpty());

        // The dry run lists what the server would clear and changes nothing, even on a read-only profile.
        const CliRun preview =
            run({QStringLiteral("runs"), QStringLiteral("clear"), dag, runId, QStringLiteral("--dry-run"),
                 QStringLiteral("--profile"), QStringLiteral("guard-viewer")});
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.err));
        QVERIFY2(preview.err.contains(QLatin1String("would clear")), qPrintable(preview.err));
        QVERIFY(!preview.out.trimmed().isEmpty());
        QCOMPARE(finishedRun(dag, prod), qMakePair(runId, state));

        // Production: nothing without the name.
        qsizetype before = m_sandbox->requestLog().size();
        for (const QStringList &command : QList<QStringList>{
                 {QStringLiteral("runs"), QStringLiteral("clear"), dag, runId},
                 {QStringLiteral("runs"), QStringLiteral("mark"), dag, runId, QStringLiteral("failed")},
                 {QStringLiteral("runs"), QStringLiteral("delete"), dag, runId}}) {
            const CliRun refused = run(command + QStringList{QStringLiteral("--profile"), prod});
            QVERIFY2(refused.exitCode == 2, qPrintable(command.join(u' ') + u' ' + refused.err));
        }
        QCOMPARE(changingSince(before), QStringList());

        // With it: mark, clear, then delete, each one request that changes something.
        const QStringList confirm{QStringLiteral("--profile"), prod, QStringLiteral("--confirm-production"),
                                  prod};
        before = m_sandbox->requestLog().size();
        const CliRun marked = run(QStringList{QStringLiteral("runs"), QStringLiteral("mark"), dag, runId,
                                              QStringLiteral("failed"), QStringLiteral("--json")} +
                                  confirm);
        QVERIFY2(marked.exitCode == 0, qPrintable(marked.err));
        QCOMPARE(QJsonDocument::fromJson(marked.out).array().at(0).toObject().value(QLatin1String("state")),
                 QJsonValue(QStringLiteral("failed")));
        QCOMPARE(changingSince(before).size(), 1);

        before = m_sandbox->requestLog().size();
        const CliRun cleared =
            run(QStringList{QStringLiteral("runs"), QStringLiteral("clear"), dag, runId} + confirm);
        QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.err));
        QVERIFY2(cleared.err.contains(QLatin1String("Cleared")), qPrintable(cleared.err));
        // The preview (a dry run) and the clear itself.
        QCOMPARE(changingSince(before).size(), 2);

        const CliRun deleted =
            run(QStringList{QStringLiteral("runs"), QStringLiteral("delete"), dag, runId} + confirm);
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const CliRun left =
            run({QStringLiteral("runs"), QStringLiteral("list"), dag, QStringLiteral("--limit"),
                 QStringLiteral("1000"), QStringLiteral("--json"), QStringLiteral("--profile"), prod});
        QCOMPARE(left.exitCode, 0);
        QVERIFY(!left.out.contains(runId.toUtf8()));

        const CliRun badState = run(QStringList{QStringLiteral("runs"), QStringLiteral("mark"), dag, runId,
                                                QStringLiteral("skipped")} +
                                    confirm);
        QCOMPARE(badState.exitCode, 2);
    }

    void profileFieldsFromTheCommandLine()
    {
        const QString name = QStringLiteral("guard-fields");
        const CliRun added =
            run({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"),
                 QStringLiteral("airflow2-basic"), QStringLiteral("--name"), name, QStringLiteral("--url"),
                 m_sandbox->baseUrl().toString(), QStringLiteral("--username"), QStringLiteral("admin"),
                 QStringLiteral("--secret-stdin"), QStringLiteral("--production"),
                 QStringLiteral("--notify-failed-runs"), QStringLiteral("--notify-interval"),
                 QStringLiteral("10")},
                m_password.toUtf8() + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const auto stored = [this, &name]() {
            QFile file(m_config->filePath(QStringLiteral("profiles.json")));
            if (!file.open(QIODevice::ReadOnly))
                return QJsonObject();
            const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
            const QJsonArray profiles = document.isArray()
                                            ? document.array()
                                            : document.object().value(QLatin1String("profiles")).toArray();
            for (const QJsonValue &profile : profiles) {
                if (profile.toObject().value(QLatin1String("name")).toString() == name)
                    return profile.toObject();
            }
            return QJsonObject();
        };
        QJsonObject profile = stored();
        QCOMPARE(profile.value(QLatin1String("production")).toBool(), true);
        QCOMPARE(profile.value(QLatin1String("notifyFailedRuns")).toBool(), true);
        QCOMPARE(profile.value(QLatin1String("notifyIntervalSeconds")).toInt(), 600);

        const CliRun edited =
            run({QStringLiteral("profile"), QStringLiteral("edit"), name, QStringLiteral("--not-production"),
                 QStringLiteral("--no-notify-failed-runs")});
        QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
        profile = stored();
        QVERIFY(!profile.contains(QLatin1String("production")));
        QVERIFY(!profile.contains(QLatin1String("notifyFailedRuns")));

        const CliRun bad = run({QStringLiteral("profile"), QStringLiteral("edit"), name,
                                QStringLiteral("--notify-interval"), QStringLiteral("often")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QLatin1String("minutes")), qPrintable(bad.err));
        run({QStringLiteral("profile"), QStringLiteral("remove"), name});
    }
};

QTEST_GUILESS_MAIN(TestCliGuardRails)
#include "tst_cli_guardrails.moc"
