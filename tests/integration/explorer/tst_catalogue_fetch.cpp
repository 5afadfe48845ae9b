// CatalogueFetcher against the sandbox given the official spec files (--openapi): the catalogue fetched
// through the client equals the one read from the file, on v1 (Basic auth, /api/v1/openapi.json and .yaml)
// and on v2 (JWT login, /openapi.json with the UI's /ui/ paths left out). A server without a document, 1.10's
// experimental API (nothing is sent), and a server that answers with a login page, 401, 403, a redirect, an
// error or a broken document each give one plain sentence.

#include "api/airflowclient.h"
#include "api/dialectexperimental.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "explorer/cataloguefetcher.h"
#include "explorer/openapicatalogue.h"
#include "fakes/awaitresult.h"
#include "fakes/rawhttpserver.h"

#include <sandbox/sandboxserver.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Windsock;
using Windsock::Explorer::ApiOperation;
using Windsock::Explorer::ApiParameter;
using Windsock::Explorer::CatalogueFetcher;
using Windsock::Explorer::OpenApiCatalogue;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::RawHttpServer;

namespace {

const QString kV1Spec = QStringLiteral(WINDSOCK_SHARED_DIR "/airflow-openapi/airflow-2-v1.yaml");
const QString kV2Spec = QStringLiteral(WINDSOCK_SHARED_DIR "/airflow-openapi/airflow-3-v2.yaml");

// Everything a catalogue holds, one line per operation and parameter, for comparing two catalogues.
QStringList describe(const OpenApiCatalogue &catalogue)
{
    QStringList lines{catalogue.title() + QLatin1Char('|') + catalogue.version() + QLatin1Char('|') +
                      catalogue.openApiVersion()};
    const auto text = [](const QJsonValue &value) {
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    };
    for (const ApiOperation &operation : catalogue.operations()) {
        lines.append(QStringList{QString::fromLatin1(operation.method), operation.path, operation.operationId,
                                 operation.summary, operation.description,
                                 operation.tags.join(QLatin1Char(',')), QString::number(operation.hasBody),
                                 QString::fromUtf8(operation.bodySkeleton),
                                 QString::number(operation.deprecated), QString::number(operation.paged)}
                         .join(QLatin1Char('|')));
        for (const ApiParameter &parameter : operation.parameters) {
            lines.append(QStringLiteral("  ") +
                         QStringList{parameter.name, parameter.in, QString::number(parameter.required),
                                     parameter.type, parameter.format, text(parameter.defaultValue),
                                     parameter.enumValues.join(QLatin1Char(',')), parameter.description,
                                     QString::number(parameter.repeated)}
                             .join(QLatin1Char('|')));
        }
    }
    return lines;
}

OpenApiCatalogue fromFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString error;
    return OpenApiCatalogue::fromDocument(file.readAll(), &error);
}

} // namespace

class TestCatalogueFetch final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    std::unique_ptr<Api::AirflowClient> v1Client(const QUrl &baseUrl)
    {
        return std::make_unique<Api::AirflowClient>(
            &m_nam, baseUrl, std::make_unique<Api::DialectV1>(),
            std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    }
    std::unique_ptr<Api::AirflowClient> v2Client(const QUrl &baseUrl)
    {
        return std::make_unique<Api::AirflowClient>(
            &m_nam, baseUrl, std::make_unique<Api::DialectV2>(),
            std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    }

    // Fetches and waits for loaded() or failed(); exactly one of them must come, once.
    struct Outcome
    {
        OpenApiCatalogue catalogue;
        QString sourcePath;
        QString failure;
        bool loaded = false;
    };
    Outcome fetch(Api::AirflowClient *client)
    {
        CatalogueFetcher fetcher;
        QSignalSpy loaded(&fetcher, &CatalogueFetcher::loaded);
        QSignalSpy failed(&fetcher, &CatalogueFetcher::failed);
        fetcher.fetch(client);
        Outcome outcome;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 20000); }();
        QTest::qWait(50); // nothing else may follow
        [&] { QCOMPARE(loaded.size() + failed.size(), 1); }();
        [&] { QVERIFY(!fetcher.isRunning()); }();
        if (!loaded.isEmpty()) {
            outcome.loaded = true;
            outcome.catalogue = loaded.first().at(0).value<OpenApiCatalogue>();
            outcome.sourcePath = loaded.first().at(1).toString();
        } else if (!failed.isEmpty()) {
            outcome.failure = failed.first().at(0).toString();
        }
        return outcome;
    }

    // POSTs the operation's body skeleton to its path with the first DAG's id; the answer's status.
    int triggerWithSkeleton(Api::AirflowClient *client, const ApiOperation &operation, const QString &api)
    {
        Api::RawRequest list;
        list.path = QStringLiteral("/api/") + api + QStringLiteral("/dags?limit=1");
        const auto dags =
            Tests::awaitResult<Api::RawResponse>([&](auto done) { client->send(list, this, done); });
        if (!dags || !dags->ok())
            return -1;
        const QString dagId = QJsonDocument::fromJson(dags->value().body)
                                  .object()
                                  .value(QLatin1String("dags"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QLatin1String("dag_id"))
                                  .toString();
        Api::RawRequest trigger;
        trigger.method = operation.method;
        trigger.path = QString(operation.path).replace(QLatin1String("{dag_id}"), dagId);
        trigger.body = operation.bodySkeleton;
        const auto answer =
            Tests::awaitResult<Api::RawResponse>([&](auto done) { client->send(trigger, this, done); });
        return answer && answer->ok() ? answer->value().status : -1;
    }

    bool haveSpecs() const { return QFile::exists(kV1Spec) && QFile::exists(kV2Spec); }

private Q_SLOTS:
    void v1CatalogueEqualsTheFile();
    void v1YamlDocumentEqualsTheFile();
    void v2CatalogueWithJwtLeavesOutUi();
    void withoutADocument_data();
    void withoutADocument();
    void experimentalSendsNothing();
    void badAnswers_data();
    void badAnswers();
    void yamlIsAskedWhenJsonIsMissing();
    void cancelDropsTheAnswer();
    void executableServesTheSpecFile();
    void executableRefusesABadSpecFile_data();
    void executableRefusesABadSpecFile();
};

#define REQUIRE_SPECS()                                                                                      \
    if (!haveSpecs())                                                                                        \
        QSKIP("skipped: official specs not found (../shared/airflow-openapi is absent)");

void TestCatalogueFetch::v1CatalogueEqualsTheFile()
{
    REQUIRE_SPECS()
    SandboxOptions options;
    options.openApiFile = kV1Spec;
    SandboxServer sandbox(options);
    QVERIFY(sandbox.listen());
    const auto client = v1Client(sandbox.baseUrl());
    const Outcome outcome = fetch(client.get());
    QVERIFY2(outcome.loaded, qPrintable(outcome.failure));
    QCOMPARE(outcome.sourcePath, QStringLiteral("/api/v1/openapi.json"));
    const OpenApiCatalogue expected = fromFile(kV1Spec);
    QCOMPARE(expected.operations().size(), 89);
    QCOMPARE(describe(outcome.catalogue), describe(expected));

    // The trigger's body skeleton, sent as it is, triggers a run.
    const int trigger =
        outcome.catalogue.find(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/dags/x/dagRuns"));
    QVERIFY(trigger >= 0);
    QCOMPARE(
        triggerWithSkeleton(client.get(), outcome.catalogue.operations().at(trigger), QStringLiteral("v1")),
        200);
}

void TestCatalogueFetch::v1YamlDocumentEqualsTheFile()
{
    REQUIRE_SPECS()
    SandboxOptions options;
    options.openApiFile = kV1Spec;
    SandboxServer sandbox(options);
    QVERIFY(sandbox.listen());
    const auto client = v1Client(sandbox.baseUrl());
    // connexion's other form: the YAML as written, read by the client's YAML reader.
    Api::RawRequest request;
    request.path = QStringLiteral("/api/v1/openapi.yaml");
    const auto response =
        Tests::awaitResult<Api::RawResponse>([&](auto done) { client->send(request, this, done); });
    QVERIFY(response && response->ok());
    QCOMPARE(response->value().status, 200);
    QFile file(kV1Spec);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(response->value().body, file.readAll());
    QString error;
    const OpenApiCatalogue fetched = OpenApiCatalogue::fromDocument(response->value().body, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(describe(fetched), describe(fromFile(kV1Spec)));
}

void TestCatalogueFetch::v2CatalogueWithJwtLeavesOutUi()
{
    REQUIRE_SPECS()
    SandboxOptions options;
    options.api = ApiVersion::V2;
    options.openApiFile = kV2Spec;
    SandboxServer sandbox(options);
    QVERIFY(sandbox.listen());
    const auto client = v2Client(sandbox.baseUrl());

    // The served document lists the UI's private API, as Airflow 3's does.
    Api::RawRequest request;
    request.path = QStringLiteral("/openapi.json");
    const auto raw =
        Tests::awaitResult<Api::RawResponse>([&](auto done) { client->send(request, this, done); });
    QVERIFY(raw && raw->ok());
    QCOMPARE(raw->value().status, 200);
    QVERIFY(raw->value().body.contains("\"/ui/"));

    const Outcome outcome = fetch(client.get());
    QVERIFY2(outcome.loaded, qPrintable(outcome.failure));
    QCOMPARE(outcome.sourcePath, QStringLiteral("/openapi.json"));
    for (const ApiOperation &operation : outcome.catalogue.operations())
        QVERIFY2(!operation.path.startsWith(QLatin1String("/ui")), qPrintable(operation.path));
    QCOMPARE(describe(outcome.catalogue), describe(fromFile(kV2Spec)));
    // The client logged in with the JWT flow (the document needs no credentials, but they are sent anyway).
    QVERIFY(sandbox.tokensIssued() >= 1);

    // And an operation chosen from the catalogue works as it says, with the same JWT.
    const int index =
        outcome.catalogue.find(QByteArrayLiteral("GET"), QStringLiteral("/api/v2/dags?limit=2"));
    QVERIFY(index >= 0);
    QVERIFY(outcome.catalogue.operations().at(index).paged);
    request.path = QStringLiteral("/api/v2/dags?limit=2");
    const auto dags =
        Tests::awaitResult<Api::RawResponse>([&](auto done) { client->send(request, this, done); });
    QVERIFY(dags && dags->ok());
    QCOMPARE(dags->value().status, 200);
    QVERIFY(QJsonDocument::fromJson(dags->value().body).object().contains(QLatin1String("total_entries")));

    // Airflow 3's strict trigger body: the skeleton has only fields it knows, and null where it may.
    const int trigger =
        outcome.catalogue.find(QByteArrayLiteral("POST"), QStringLiteral("/api/v2/dags/x/dagRuns"));
    QVERIFY(trigger >= 0);
    QCOMPARE(
        triggerWithSkeleton(client.get(), outcome.catalogue.operations().at(trigger), QStringLiteral("v2")),
        200);
}

void TestCatalogueFetch::withoutADocument_data()
{
    QTest::addColumn<bool>("v2");
    QTest::addColumn<QString>("message");
    QTest::newRow("v1") << false
                        << QStringLiteral(
                               "The server has no OpenAPI document at /api/v1/openapi.json or "
                               "/api/v1/openapi.yaml (HTTP 404): requests can still be typed by hand.");
    QTest::newRow("v2") << true
                        << QStringLiteral("The server has no OpenAPI document at /openapi.json (HTTP 404): "
                                          "requests can still be typed by hand.");
}

void TestCatalogueFetch::withoutADocument()
{
    QFETCH(bool, v2);
    QFETCH(QString, message);
    SandboxOptions options;
    options.api = v2 ? ApiVersion::V2 : ApiVersion::V1;
    SandboxServer sandbox(options);
    QVERIFY(sandbox.listen());
    const auto client = v2 ? v2Client(sandbox.baseUrl()) : v1Client(sandbox.baseUrl());
    const Outcome outcome = fetch(client.get());
    QVERIFY(!outcome.loaded);
    QCOMPARE(outcome.failure, message);
}

void TestCatalogueFetch::experimentalSendsNothing()
{
    SandboxOptions options;
    options.api = ApiVersion::Experimental;
    SandboxServer sandbox(options);
    QVERIFY(sandbox.listen());
    Api::AirflowClient client(
        &m_nam, sandbox.baseUrl(), std::make_unique<Api::DialectExperimental>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    const Outcome outcome = fetch(&client);
    QVERIFY(!outcome.loaded);
    QCOMPARE(outcome.failure, QStringLiteral("Airflow 1.10's experimental API publishes no OpenAPI document: "
                                             "requests can still be typed by hand."));
    QCOMPARE(sandbox.requestCount(), quint64(0));
}

void TestCatalogueFetch::badAnswers_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("message");

    QTest::newRow("login page") << RawHttpServer::response(
                                       200, "text/html; charset=utf-8",
                                       "<!DOCTYPE html><html><body><form>Sign in</form></body></html>")
                                << QStringLiteral(
                                       "The server answered /api/v1/openapi.json with a web page (a login "
                                       "page?), not an OpenAPI document: requests can still be typed by "
                                       "hand.");
    QTest::newRow("html labelled json")
        << RawHttpServer::response(200, "application/json", "<html>Login</html>")
        << QStringLiteral("The server answered /api/v1/openapi.json with a web "
                          "page (a login page?), not an OpenAPI document: requests "
                          "can still be typed by hand.");
    QTest::newRow("401") << RawHttpServer::json(401, "{\"title\": \"Unauthorized\"}")
                         << QStringLiteral(
                                "The server refused the credentials when asked for its OpenAPI document "
                                "at /api/v1/openapi.json (HTTP 401): requests can still be typed by "
                                "hand.");
    QTest::newRow("403") << RawHttpServer::json(403, "{\"title\": \"Forbidden\"}")
                         << QStringLiteral(
                                "This user may not read the server's OpenAPI document at "
                                "/api/v1/openapi.json (HTTP 403): requests can still be typed by hand.");
    QTest::newRow("302") << RawHttpServer::response(302, "text/html", "",
                                                    {{"Location", "https://login.example.com/"}})
                         << QStringLiteral(
                                "The server redirected the request for its OpenAPI document at "
                                "/api/v1/openapi.json (HTTP 302), probably to a login page: requests "
                                "can still be typed by hand.");
    QTest::newRow("500") << RawHttpServer::json(500, "{}")
                         << QStringLiteral(
                                "The server answered HTTP 500 when asked for its OpenAPI document at "
                                "/api/v1/openapi.json: requests can still be typed by hand.");
    QTest::newRow("invalid json") << RawHttpServer::json(200, "{\"openapi\": \"3.0.3\",\n \"paths\": {")
                                  << QStringLiteral(
                                         "The server's OpenAPI document at /api/v1/openapi.json could "
                                         "not be read. The OpenAPI document is not valid JSON at line 2, "
                                         "column 12: unterminated object. Requests can still be typed by "
                                         "hand.");
    QTest::newRow("not openapi") << RawHttpServer::json(200, "{\"dags\": [], \"total_entries\": 0}")
                                 << QStringLiteral(
                                        "The server's OpenAPI document at /api/v1/openapi.json could not "
                                        "be read. The document is not an OpenAPI document: it has no "
                                        "\"openapi\" version or no paths. Requests can still be typed "
                                        "by hand.");
}

void TestCatalogueFetch::badAnswers()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, message);
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setAnswer(answer);
    const auto client = v1Client(server.baseUrl());
    const Outcome outcome = fetch(client.get());
    QVERIFY(!outcome.loaded);
    QCOMPARE(outcome.failure, message);
    QCOMPARE(server.requests().size(), 1); // only a 404 moves on to the YAML form
}

void TestCatalogueFetch::yamlIsAskedWhenJsonIsMissing()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setResponder([](const RawHttpServer::Request &request) {
        if (request.url().path() == QLatin1String("/api/v1/openapi.yaml"))
            return RawHttpServer::Answer{RawHttpServer::response(
                200, "application/yaml",
                "openapi: 3.0.3\ninfo: {title: Old, version: 2.0.2}\nservers: [{url: /api/v1}]\n"
                "paths:\n  /pools:\n    get: {summary: List pools, responses: {}}\n")};
        return RawHttpServer::Answer{RawHttpServer::json(404, "{\"title\": \"Not Found\"}")};
    });
    const auto client = v1Client(server.baseUrl());
    const Outcome outcome = fetch(client.get());
    QVERIFY2(outcome.loaded, qPrintable(outcome.failure));
    QCOMPARE(outcome.sourcePath, QStringLiteral("/api/v1/openapi.yaml"));
    QCOMPARE(outcome.catalogue.version(), QStringLiteral("2.0.2"));
    QCOMPARE(outcome.catalogue.operations().size(), 1);
    QCOMPARE(outcome.catalogue.operations().at(0).path, QStringLiteral("/api/v1/pools"));
    QCOMPARE(server.requests().size(), 2);
    // The credentials apply to the document's requests too.
    QVERIFY(server.requests().at(0).header("Authorization").startsWith("Basic "));
}

void TestCatalogueFetch::cancelDropsTheAnswer()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setAnswer(RawHttpServer::json(404, "{}"));
    const auto client = v1Client(server.baseUrl());
    CatalogueFetcher fetcher;
    QSignalSpy loaded(&fetcher, &CatalogueFetcher::loaded);
    QSignalSpy failed(&fetcher, &CatalogueFetcher::failed);
    fetcher.fetch(client.get());
    QVERIFY(fetcher.isRunning());
    fetcher.cancel();
    QVERIFY(!fetcher.isRunning());
    QTest::qWait(300);
    QCOMPARE(loaded.size() + failed.size(), 0);

    // A second fetch replaces the first: one answer only.
    fetcher.fetch(client.get());
    fetcher.fetch(client.get());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    QTest::qWait(200);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(loaded.size(), 0);
}

void TestCatalogueFetch::executableServesTheSpecFile()
{
    REQUIRE_SPECS()
    QProcess process;
    process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                   QStringLiteral("30"), QStringLiteral("--api"), QStringLiteral("v2"),
                   QStringLiteral("--openapi"), kV2Spec});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$")).match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    const auto client = v2Client(QUrl(match.captured(1)));
    const Outcome outcome = fetch(client.get());
    QVERIFY2(outcome.loaded, qPrintable(outcome.failure));
    QCOMPARE(outcome.catalogue.operations().size(), 110);
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestCatalogueFetch::executableRefusesABadSpecFile_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray() << QStringLiteral("v1")
                             << QStringLiteral("windsock-sandbox: --openapi: cannot read the OpenAPI file ");
    QTest::newRow("bad yaml") << QByteArray("paths:\n  a: b: c\n") << QStringLiteral("v1")
                              << QStringLiteral("windsock-sandbox: --openapi: the OpenAPI file ");
    QTest::newRow("experimental") << QByteArray("{}") << QStringLiteral("experimental")
                                  << QStringLiteral("windsock-sandbox: --openapi: Airflow 1.10");
}

void TestCatalogueFetch::executableRefusesABadSpecFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, api);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(QStringLiteral("spec.yaml"));
    if (!content.isEmpty()) {
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QProcess process;
    process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                   QStringLiteral("5"), QStringLiteral("--api"), api, QStringLiteral("--openapi"), fileName});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCatalogueFetch)
#include "tst_catalogue_fetch.moc"
