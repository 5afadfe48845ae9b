// Exported snippets run for real: the cURL, Python requests and HTTPie snippets of a request are executed
// (sh, python3 with python3-requests, http) against the in-process sandbox, on Airflow 2's v1 API with Basic
// auth and on Airflow 3's v2 API with the JWT login, the password given only through the environment variable
// the snippet names. Each must give the same status and the same body, byte for byte, as AirflowClient::send
// gave for the same request. HTTPie is optional (the test says so and skips it when `http` is missing).
//
// And no secret leaks: with a known password (and the JWT obtained with it), the password and the token
// appear in no history file, no saved request file and no snippet, unless the snippet is asked to include
// secrets.

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "explorer/codeexport.h"
#include "explorer/requestdraft.h"
#include "explorer/requesthistory.h"
#include "explorer/savedrequests.h"
#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Windsock;
using Windsock::Api::AirflowClient;
using Windsock::Api::RawRequest;
using Windsock::Api::RawResponse;
using Windsock::Explorer::CodeExport;
using Windsock::Explorer::SnippetAuth;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

namespace {

// Quotes, a space, a dollar and a backslash: every snippet must carry it through a shell and Python intact.
const QString kPassword = QStringLiteral("p@ss w\x27rd\"$HOME\\x");

struct ProcessRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a program through the event loop (the sandbox answers in this process, so blocking would deadlock).
ProcessRun runProcess(const QString &program, const QStringList &arguments, const QProcessEnvironment &env)
{
    ProcessRun run;
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
    for (int waited = 0; process.state() != QProcess::NotRunning && waited < 60000; waited += 100)
        finished.wait(100);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        run.err = "[did not finish in time] ";
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err += process.readAllStandardError();
    return run;
}

QString pythonWithRequests()
{
    for (const QString &candidate :
         {QStringLiteral("/usr/bin/python3"), QStandardPaths::findExecutable(QStringLiteral("python3"))}) {
        if (candidate.isEmpty() || !QFile::exists(candidate))
            continue;
        QProcess probe;
        probe.start(candidate, {QStringLiteral("-c"), QStringLiteral("import requests")});
        if (probe.waitForFinished(20000) && probe.exitStatus() == QProcess::NormalExit &&
            probe.exitCode() == 0)
            return candidate;
    }
    return {};
}

} // namespace

class TestSnippetsRun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void snippetGivesTheSameAnswer_data();
    void snippetGivesTheSameAnswer();
    void noSecretUnlessAsked_data();
    void noSecretUnlessAsked();

private:
    std::unique_ptr<AirflowClient> client(const QString &api);
    SandboxServer *sandbox(const QString &api)
    {
        return api == QLatin1String("v1") ? m_v1.get() : m_v2.get();
    }
    QProcessEnvironment environment() const;

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_v1;
    std::unique_ptr<SandboxServer> m_v2;
    QTemporaryDir m_dir;
    QString m_python;
};

void TestSnippetsRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SandboxOptions v1;
    v1.clock = ClockKind::Manual; // nothing moves between the client's request and the snippet's
    v1.dagCount = 12;
    v1.runsPerDag = 3;
    v1.users = {{QStringLiteral("admin"), kPassword}};
    m_v1 = std::make_unique<SandboxServer>(v1);
    QVERIFY(m_v1->listen());
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    m_v2 = std::make_unique<SandboxServer>(v2);
    QVERIFY(m_v2->listen());
    m_python = pythonWithRequests();
}

std::unique_ptr<AirflowClient> TestSnippetsRun::client(const QString &api)
{
    if (api == QLatin1String("v1"))
        return std::make_unique<AirflowClient>(
            &m_nam, m_v1->baseUrl(), std::make_unique<Api::DialectV1>(),
            std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), kPassword));
    return std::make_unique<AirflowClient>(
        &m_nam, m_v2->baseUrl(), std::make_unique<Api::DialectV2>(),
        std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), kPassword));
}

QProcessEnvironment TestSnippetsRun::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIRFLOW_PASSWORD"), kPassword);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    // A proxy in the environment must not catch 127.0.0.1.
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost"));
    return env;
}

void TestSnippetsRun::snippetGivesTheSameAnswer_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {api}: v1 or v2
    QTest::addColumn<QByteArray>("body");
    for (const QString &api : {QStringLiteral("v1"), QStringLiteral("v2")}) {
        for (const QString &tool :
             {QStringLiteral("curl"), QStringLiteral("python"), QStringLiteral("httpie")}) {
            const QByteArray prefix = (api + QLatin1Char(' ') + tool + QLatin1Char(' ')).toUtf8();
            QTest::newRow(QByteArray(prefix + "list with query").constData())
                << api << tool << QByteArrayLiteral("GET")
                << QStringLiteral("/api/%1/dags?limit=4&offset=2&order_by=-dag_id").arg(api) << QByteArray();
            QTest::newRow(QByteArray(prefix + "json body").constData())
                << api << tool << QByteArrayLiteral("POST")
                << QStringLiteral("/api/%1/dags/~/dagRuns/list").arg(api)
                << QByteArrayLiteral(
                       "{\"page_limit\": 2, \"dag_ids\": [\"it\x27s\", \"caf\xc3\xa9 \\\"x\\\"\"]}");
            QTest::newRow(QByteArray(prefix + "404").constData())
                << api << tool << QByteArrayLiteral("GET")
                << QStringLiteral("/api/%1/dags/no_such_dag").arg(api) << QByteArray();
        }
    }
}

void TestSnippetsRun::snippetGivesTheSameAnswer()
{
    QFETCH(QString, api);
    QFETCH(QString, tool);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);

    QString shell = QStandardPaths::findExecutable(QStringLiteral("sh"));
    if (tool == QLatin1String("python") && m_python.isEmpty())
        QFAIL("python3 with the requests module is needed (Debian: python3-requests, in "
              "WINDSOCK_TEST_PACKAGES)");
    if (tool == QLatin1String("curl") && QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        QFAIL("curl is needed (in WINDSOCK_TEST_PACKAGES)");
    if (tool == QLatin1String("httpie") && QStandardPaths::findExecutable(QStringLiteral("http")).isEmpty())
        QSKIP("HTTPie (http) is not installed: its snippets are not run");
    if (api == QLatin1String("v2") && tool != QLatin1String("python") &&
        QStandardPaths::findExecutable(QStringLiteral("jq")).isEmpty())
        QFAIL("jq is needed for the shell snippets' Airflow 3 login (in WINDSOCK_TEST_PACKAGES)");

    std::unique_ptr<AirflowClient> api_ = client(api);
    RawRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    const auto expected = awaitResult<RawResponse>([&](auto done) { api_->send(request, this, done); });
    QVERIFY(expected && expected->ok());
    const RawResponse &answer = expected->value();
    QVERIFY2(answer.status != 401 && answer.status != 403, answer.body.constData()); // the client got in
    QVERIFY(!answer.body.isEmpty());

    const SnippetAuth auth = api_->authenticator().snippetAuth(false);
    QVERIFY(auth.secret.isEmpty());
    const QUrl base = sandbox(api)->baseUrl();
    int status = -1;
    QByteArray output;
    if (tool == QLatin1String("python")) {
        const QString snippet = CodeExport::pythonRequests(base, request, auth);
        QVERIFY(!snippet.contains(kPassword));
        const QString file = m_dir.filePath(QStringLiteral("snippet.py"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(snippet.toUtf8());
        out.close();
        const ProcessRun run = runProcess(m_python, {file}, environment());
        QVERIFY2(run.exitCode == 0, QByteArray(run.err + "\n" + snippet.toUtf8()).constData());
        // print(response.status_code), then print(response.text).
        const qsizetype newline = run.out.indexOf('\n');
        status = run.out.left(newline).toInt();
        output = run.out.mid(newline + 1);
        QVERIFY2(output.endsWith('\n'), run.out.constData());
        output.chop(1);
    } else if (tool == QLatin1String("curl")) {
        QString snippet = CodeExport::curl(base, request, auth);
        QVERIFY(!snippet.contains(kPassword));
        // The snippet as a user would paste it, plus what makes curl print the status after the body.
        snippet.chop(1);
        snippet += QStringLiteral(" -sS -w \x27\\n%{http_code}\x27\n");
        const ProcessRun run = runProcess(shell, {QStringLiteral("-c"), snippet}, environment());
        QVERIFY2(run.exitCode == 0, QByteArray(run.err + "\n" + snippet.toUtf8()).constData());
        const qsizetype newline = run.out.lastIndexOf('\n');
        status = run.out.mid(newline + 1).toInt();
        output = run.out.left(newline);
    } else {
        QString snippet = CodeExport::httpie(base, request, auth);
        QVERIFY(!snippet.contains(kPassword));
        snippet.chop(1);
        snippet += QStringLiteral(" --print=hb --pretty=none\n");
        const ProcessRun run = runProcess(shell, {QStringLiteral("-c"), snippet}, environment());
        QVERIFY2(run.exitCode == 0, QByteArray(run.err + "\n" + snippet.toUtf8()).constData());
        // "HTTP/1.1 200 OK", the headers, an empty line, the body and the newline HTTPie adds.
        status = run.out.split(' ').value(1).toInt();
        qsizetype separator = run.out.indexOf("\r\n\r\n");
        const int separatorSize = separator >= 0 ? 4 : 2;
        if (separator < 0)
            separator = run.out.indexOf("\n\n");
        output = run.out.mid(separator + separatorSize);
        while (output.endsWith('\n') && !answer.body.endsWith('\n'))
            output.chop(1);
    }
    QCOMPARE(status, answer.status);
    QCOMPARE(output, answer.body);
}

void TestSnippetsRun::noSecretUnlessAsked_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("v1 basic") << QStringLiteral("v1");
    QTest::newRow("v2 jwt") << QStringLiteral("v2");
}

void TestSnippetsRun::noSecretUnlessAsked()
{
    QFETCH(QString, api);
    std::unique_ptr<AirflowClient> api_ = client(api);
    // A request that carries the password in its body and query, as a user might type it.
    Explorer::RequestDraft draft;
    draft.name = QStringLiteral("with secret");
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/%1/dags/~/dagRuns/list").arg(api);
    draft.query = {{QStringLiteral("note"), kPassword, true}};
    draft.headers = {
        {QStringLiteral("Authorization"),
         QStringLiteral("Basic ") + QString::fromLatin1(QByteArray("admin:" + kPassword.toUtf8()).toBase64()),
         true},
        {QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    draft.body =
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("page_limit"), 1},
                                                    {QStringLiteral("dag_ids"), QJsonArray{kPassword}}})
                              .toJson(QJsonDocument::Compact));
    const Explorer::ResolvedRequest resolved = Explorer::resolve(draft, {});
    QVERIFY2(resolved.isValid(), qPrintable(resolved.error));
    RawRequest request = resolved.raw;
    request.headers.removeFirst(); // the client authenticates itself
    const auto sent = awaitResult<RawResponse>([&](auto done) { api_->send(request, this, done); });
    QVERIFY(sent && sent->ok());
    QCOMPARE(sent->value().status, 200);

    const QStringList secrets = api_->authenticator().secrets();
    QVERIFY(secrets.contains(kPassword));
    if (api == QLatin1String("v2"))
        QCOMPARE(secrets.size(), 2); // the password and the JWT obtained with it
    QList<QByteArray> forbidden;
    for (const QString &secret : secrets) {
        forbidden.append(secret.toUtf8());
        forbidden.append(QUrl::toPercentEncoding(secret));
    }
    forbidden.append(QByteArray("admin:" + kPassword.toUtf8()).toBase64());

    // History: the entry as the explorer records it, with the headers actually sent.
    Explorer::HistoryEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.request = draft;
    entry.url = sandbox(api)->baseUrl().toString() + request.path;
    entry.status = sent->value().status;
    entry.requestHeaders = request.headers;
    entry.requestHeaders.append(
        {QByteArrayLiteral("Authorization"), api == QLatin1String("v2")
                                                 ? QByteArray("Bearer " + secrets.constLast().toUtf8())
                                                 : QByteArray("Basic " + forbidden.constLast())});
    entry.responseHeaders = sent->value().headers;
    entry.error = QStringLiteral("no error, but ") + secrets.constLast();
    const QString historyFile = m_dir.filePath(QStringLiteral("history-%1.jsonl").arg(api));
    Explorer::RequestHistory history = Explorer::RequestHistory::onFile(historyFile);
    history.setSecrets(secrets);
    QVERIFY(history.append(entry));

    // Saved requests.
    Explorer::SavedRequests saved(m_dir.filePath(QStringLiteral("saved-%1").arg(api)));
    saved.setSecrets(secrets);
    QVERIFY(saved.save(QStringLiteral("collection"), draft));

    QList<QPair<QString, QByteArray>> files;
    for (const QString &path : {historyFile, saved.filePath(QStringLiteral("collection"), draft.name)}) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        files.append({path, file.readAll()});
        QVERIFY(!files.constLast().second.isEmpty());
    }
    // Snippets without secrets. The request is one without the password typed into it: a snippet writes
    // what the user typed, so what is checked is the authentication it adds.
    const QUrl base = sandbox(api)->baseUrl();
    const SnippetAuth auth = api_->authenticator().snippetAuth(false);
    RawRequest clean;
    clean.method = QByteArrayLiteral("GET");
    clean.path = QStringLiteral("/api/%1/dags").arg(api);
    files.append({QStringLiteral("curl"), CodeExport::curl(base, clean, auth).toUtf8()});
    files.append({QStringLiteral("python"), CodeExport::pythonRequests(base, clean, auth).toUtf8()});
    files.append({QStringLiteral("httpie"), CodeExport::httpie(base, clean, auth).toUtf8()});

    for (const auto &[name, bytes] : std::as_const(files)) {
        for (const QByteArray &secret : std::as_const(forbidden))
            QVERIFY2(!bytes.contains(secret),
                     qPrintable(name + QStringLiteral(" holds a secret:\n") + QString::fromUtf8(bytes)));
    }
    // Every other file the test wrote, too (nothing went elsewhere).
    QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String(".py")))
            continue; // the last snippet run by the other test
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : std::as_const(forbidden))
            QVERIFY2(!bytes.contains(secret), qPrintable(path));
    }

    // Asked for: the snippets carry the password (and nothing reads the environment).
    const SnippetAuth withSecret = api_->authenticator().snippetAuth(true);
    QCOMPARE(withSecret.secret, kPassword);
    QVERIFY(
        CodeExport::pythonRequests(base, clean, withSecret).contains(CodeExport::pythonString(kPassword)));
    const QString curlWithSecret = CodeExport::curl(base, clean, withSecret);
    QVERIFY(!curlWithSecret.contains(QStringLiteral("AIRFLOW_PASSWORD")));
    QVERIFY2(curlWithSecret.contains(QStringLiteral("w\x27\\\x27\x27rd")),
             qPrintable(curlWithSecret)); // the quoted '
}

QTEST_GUILESS_MAIN(TestSnippetsRun)
#include "tst_snippets_run.moc"
