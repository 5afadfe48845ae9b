// windsock-cli request's explorer options, run as processes against in-process sandboxes (Airflow 2 with
// Basic auth, Airflow 3 with the JWT login) and the real keychain: --all-pages merges every page of a list
// into one object (with the server's page cap and a small --query limit), --save NAME [--collection C] writes
// a saved-request file (no secret in it) that --from-file sends again with the same answer, {{variables}} of
// the profile fill a saved request, and every bad input is refused in words before anything is sent.
#include "clirunner.h"

#include <sandbox/sandboxserver.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;

class TestCliRequest final : public QObject
{
    Q_OBJECT

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        return m_cli->run(arguments, input);
    }

    QString profileId(const QString &name)
    {
        const CliRun list =
            run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json")});
        for (const QJsonValue &value : QJsonDocument::fromJson(list.out).array()) {
            if (value.toObject().value(QLatin1String("name")).toString() == name)
                return value.toObject().value(QLatin1String("id")).toString();
        }
        return {};
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
    }

    QString savedDir() const { return m_saved->path(); }

    std::unique_ptr<SandboxServer> m_v1;
    std::unique_ptr<SandboxServer> m_v2;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<QTemporaryDir> m_saved;
    std::unique_ptr<CliRunner> m_cli;
    const QString m_password = QStringLiteral("cli-request-Kw42");
    static constexpr int kDags = 130; // more than one page of 100

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = kDags;
        options.runsPerDag = 1;
        options.clock = ClockKind::Manual;
        options.users = {{QStringLiteral("admin"), m_password}};
        m_v1 = std::make_unique<SandboxServer>(options);
        QVERIFY(m_v1->listen(0));
        options.api = ApiVersion::V2;
        options.auth = AuthMode::Jwt;
        m_v2 = std::make_unique<SandboxServer>(options);
        QVERIFY(m_v2->listen(0));
        m_config = std::make_unique<QTemporaryDir>();
        m_saved = std::make_unique<QTemporaryDir>();
        m_cli = std::make_unique<CliRunner>(m_config->path());
        m_cli->setDefaultProfile(QStringLiteral("req-v1"));
        const QList<QPair<QString, QPair<QString, SandboxServer *>>> profiles{
            {QStringLiteral("req-v1"), {QStringLiteral("airflow2-basic"), m_v1.get()}},
            {QStringLiteral("req-v2"), {QStringLiteral("airflow3-password"), m_v2.get()}}};
        for (const auto &[name, kind] : profiles) {
            const CliRun added = run(
                {QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("--kind"), kind.first,
                 QStringLiteral("--name"), name, QStringLiteral("--url"), kind.second->baseUrl().toString(),
                 QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--secret-stdin")},
                m_password.toUtf8() + '\n');
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        }
    }

    void cleanupTestCase()
    {
        for (const QString &name : {QStringLiteral("req-v1"), QStringLiteral("req-v2")})
            run({QStringLiteral("profile"), QStringLiteral("remove"), name});
    }

    void allPagesMergesEveryPage_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("v1") << QStringLiteral("req-v1") << QStringLiteral("/api/v1/dags") << QStringList();
        QTest::newRow("v1 small pages") << QStringLiteral("req-v1") << QStringLiteral("/api/v1/dags")
                                        << QStringList{QStringLiteral("--query"), QStringLiteral("limit=7")};
        QTest::newRow("v1 above the cap")
            << QStringLiteral("req-v1") << QStringLiteral("/api/v1/dags?limit=1000") << QStringList();
        QTest::newRow("v2") << QStringLiteral("req-v2") << QStringLiteral("/api/v2/dags") << QStringList();
    }

    void allPagesMergesEveryPage()
    {
        QFETCH(QString, profile);
        QFETCH(QString, path);
        QFETCH(QStringList, extra);
        const CliRun all =
            run(QStringList{QStringLiteral("request"), QStringLiteral("GET"), path,
                            QStringLiteral("--all-pages"), QStringLiteral("--profile"), profile} +
                extra);
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        const QJsonObject merged = QJsonDocument::fromJson(all.out).object();
        QCOMPARE(merged.keys(), (QStringList{QStringLiteral("dags"), QStringLiteral("total_entries")}));
        QCOMPARE(merged.value(QLatin1String("total_entries")).toInt(), kDags);
        const QJsonArray dags = merged.value(QLatin1String("dags")).toArray();
        QCOMPARE(dags.size(), kDags);
        QSet<QString> ids;
        QStringList order;
        for (const QJsonValue &dag : dags) {
            ids.insert(dag.toObject().value(QLatin1String("dag_id")).toString());
            order.append(dag.toObject().value(QLatin1String("dag_id")).toString());
        }
        QCOMPARE(ids.size(), kDags); // none twice, none missing
        // In the server's order: the first page as the server gives it.
        const CliRun first =
            run({QStringLiteral("request"), QStringLiteral("GET"), path.section(QLatin1Char('?'), 0, 0),
                 QStringLiteral("--query"), QStringLiteral("limit=5"), QStringLiteral("--profile"), profile});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonArray firstPage =
            QJsonDocument::fromJson(first.out).object().value(QLatin1String("dags")).toArray();
        QCOMPARE(firstPage.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(order.at(i), firstPage.at(i).toObject().value(QLatin1String("dag_id")).toString());
    }

    void allPagesRefusals()
    {
        const quint64 before = m_v1->requestCount();
        const CliRun post = run({QStringLiteral("request"), QStringLiteral("POST"),
                                 QStringLiteral("/api/v1/pools"), QStringLiteral("--all-pages")});
        QCOMPARE(post.exitCode, 2);
        QVERIFY2(post.err.contains(QLatin1String("needs a GET request")), qPrintable(post.err));
        QCOMPARE(m_v1->requestCount(), before);

        const CliRun notAList = run({QStringLiteral("request"), QStringLiteral("GET"),
                                     QStringLiteral("/api/v1/health"), QStringLiteral("--all-pages")});
        QCOMPARE(notAList.exitCode, 3);
        QVERIFY2(notAList.err.contains(QLatin1String("not a list page")), qPrintable(notAList.err));

        const CliRun missing =
            run({QStringLiteral("request"), QStringLiteral("GET"),
                 QStringLiteral("/api/v1/dags/no_such_dag/tasks"), QStringLiteral("--all-pages")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("HTTP 404")), qPrintable(missing.err));
    }

    void saveThenFromFile()
    {
        const CliRun saved =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags?limit=3"),
                 QStringLiteral("--query"), QStringLiteral("order_by=-dag_id"), QStringLiteral("--save"),
                 QStringLiteral("newest dags"), QStringLiteral("--collection"), QStringLiteral("Mine"),
                 QStringLiteral("--saved-dir"), savedDir()});
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        const QString file = savedDir() + QStringLiteral("/Mine/newest dags.json");
        QVERIFY2(saved.err.contains(QLatin1String("Saved as")), qPrintable(saved.err));
        const QByteArray bytes = readFile(file);
        QVERIFY2(!bytes.isEmpty(), qPrintable(file));
        QVERIFY(bytes.endsWith("}\n"));
        QVERIFY(!bytes.contains(m_password.toUtf8()));
        QVERIFY(!bytes.contains("Authorization"));
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(json.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
        QCOMPARE(json.value(QLatin1String("path")).toString(), QStringLiteral("/api/v1/dags"));
        const QJsonArray query = json.value(QLatin1String("query")).toArray();
        QCOMPARE(query.size(), 2);
        QCOMPARE(query.at(0).toObject().value(QLatin1String("key")).toString(), QStringLiteral("limit"));
        QCOMPARE(query.at(1).toObject().value(QLatin1String("value")).toString(), QStringLiteral("-dag_id"));

        const CliRun again = run({QStringLiteral("request"), QStringLiteral("--from-file"), file});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(again.out, saved.out);
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QLatin1String("dags")).toArray().size(),
                 3);

        // Saving the same request again gives the same bytes.
        const CliRun resaved =
            run({QStringLiteral("request"), QStringLiteral("--from-file"), file, QStringLiteral("--save"),
                 QStringLiteral("newest dags"), QStringLiteral("--collection"), QStringLiteral("Mine"),
                 QStringLiteral("--saved-dir"), savedDir()});
        QVERIFY2(resaved.exitCode == 0, qPrintable(resaved.err));
        QCOMPARE(readFile(file), bytes);
    }

    // The profile's password typed into the request itself is not written to the file either.
    void saveKeepsSecretsOut()
    {
        const CliRun saved = run({QStringLiteral("request"), QStringLiteral("POST"),
                                  QStringLiteral("/api/v1/dags/~/dagRuns/list"), QStringLiteral("--data"),
                                  QStringLiteral("{\"dag_ids\": [\"") + m_password + QStringLiteral("\"]}"),
                                  QStringLiteral("--save"), QStringLiteral("typed secret"),
                                  QStringLiteral("--saved-dir"), savedDir()});
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        const QByteArray bytes = readFile(savedDir() + QStringLiteral("/typed secret.json"));
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(m_password.toUtf8()));
        QVERIFY(bytes.contains("<redacted>"));
        QVERIFY(QFile::remove(savedDir() + QStringLiteral("/typed secret.json")));
    }

    void fromFileWithVariables()
    {
        const QString file = savedDir() + QStringLiteral("/one dag.json");
        QVERIFY(writeFile(file, "{\n  \"method\": \"GET\",\n  \"path\": \"/api/{{api}}/dags/{dag_id}\",\n"
                                "  \"pathParams\": [{\"key\": \"dag_id\", \"value\": \"{{dag}}\"}]\n}\n"));
        const quint64 before = m_v1->requestCount();
        const CliRun missing = run({QStringLiteral("request"), QStringLiteral("--from-file"), file});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("No value for the variables {{api}}, {{dag}}")),
                 qPrintable(missing.err));
        QCOMPARE(m_v1->requestCount(), before); // nothing was sent

        // The first DAG's id, from the server.
        const CliRun list =
            run({QStringLiteral("request"), QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                 QStringLiteral("--query"), QStringLiteral("limit=1")});
        const QString dagId = QJsonDocument::fromJson(list.out)
                                  .object()
                                  .value(QLatin1String("dags"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("dag_id"))
                                  .toString();
        QVERIFY(!dagId.isEmpty());
        const QString id = profileId(QStringLiteral("req-v1"));
        QVERIFY(!id.isEmpty());
        QVERIFY(writeFile(m_config->filePath(QStringLiteral("explorer/variables-%1.json").arg(id)),
                          QJsonDocument(QJsonObject{{QStringLiteral("api"), QStringLiteral("v1")},
                                                    {QStringLiteral("dag"), dagId}})
                              .toJson()));
        const CliRun filled = run({QStringLiteral("request"), QStringLiteral("--from-file"), file});
        QVERIFY2(filled.exitCode == 0, qPrintable(filled.err));
        QCOMPARE(QJsonDocument::fromJson(filled.out).object().value(QLatin1String("dag_id")).toString(),
                 dagId);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("words");
        const QString missingFile = QStringLiteral("/nonexistent/x.json");
        QTest::newRow("from-file and path")
            << QStringList{QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                           QStringLiteral("--from-file"), missingFile}
            << QStringLiteral("give no METHOD PATH");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("--from-file"), missingFile} << QStringLiteral("no saved request");
        QTest::newRow("bad save name")
            << QStringList{QStringLiteral("GET"), QStringLiteral("/api/v1/dags"), QStringLiteral("--save"),
                           QStringLiteral("a/b"), QStringLiteral("--saved-dir"),  QStringLiteral("SAVED")}
            << QStringLiteral("cannot contain /");
        QTest::newRow("bad collection")
            << QStringList{QStringLiteral("GET"),          QStringLiteral("/api/v1/dags"),
                           QStringLiteral("--save"),       QStringLiteral("ok"),
                           QStringLiteral("--collection"), QStringLiteral(".."),
                           QStringLiteral("--saved-dir"),  QStringLiteral("SAVED")}
            << QStringLiteral("start with a dot");
        QTest::newRow("collection without save")
            << QStringList{QStringLiteral("GET"), QStringLiteral("/api/v1/dags"),
                           QStringLiteral("--collection"), QStringLiteral("c")}
            << QStringLiteral("--collection goes with --save");
        QTest::newRow("no arguments") << QStringList() << QStringLiteral("Usage:");
    }

    void badInputIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, words);
        arguments.replaceInStrings(QStringLiteral("SAVED"), savedDir());
        const quint64 before = m_v1->requestCount();
        const QStringList filesBefore = QDir(savedDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        const CliRun refused = run(QStringList{QStringLiteral("request")} + arguments);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(words), qPrintable(refused.err));
        QCOMPARE(m_v1->requestCount(), before);
        QCOMPARE(QDir(savedDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), filesBefore);
    }

    void badSavedFileSaysWhere()
    {
        const QString file = savedDir() + QStringLiteral("/broken.json");
        QVERIFY(writeFile(file, "{\n  \"method\": \"GET\",\n  \"path\": \"/x\"\n  \"query\": []\n}\n"));
        const CliRun refused = run({QStringLiteral("request"), QStringLiteral("--from-file"), file});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("is not valid JSON: line 4")), qPrintable(refused.err));
        QVERIFY(QFile::remove(file));
    }
};

QTEST_GUILESS_MAIN(TestCliRequest)
#include "tst_cli_request.moc"
