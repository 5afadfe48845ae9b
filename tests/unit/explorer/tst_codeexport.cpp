// CodeExport: cURL, Python requests and HTTPie snippets of one request, quoted so that a shell and Python
// read back exactly what was given; with a SnippetAuth, the profile's authentication without its secret (read
// from an environment variable) unless the secret is given. tests/integration/explorer/tst_snippets_run runs
// them.

#include "auth/authenticator.h"
#include "auth/bearertokenauthenticator.h"
#include "auth/commandtokenauthenticator.h"
#include "auth/headerauthenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "auth/oauth2clientcredentialsauthenticator.h"
#include "auth/softwarekeyauthenticator.h"
#include "explorer/codeexport.h"

#include <QTest>

using Windsock::Api::RawRequest;
using Windsock::Explorer::CodeExport;
using Windsock::Explorer::SnippetAuth;
using namespace Windsock;

class TestCodeExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellQuote_data();
    void shellQuote();
    void curlWritesEveryPart();
    void curlWithoutBody();
    void pythonPostsJson();
    void pythonLiteralTypes();
    void pythonOtherMethodsAndBodies_data();
    void pythonOtherMethodsAndBodies();
    void httpieLegacy();

    void curlBasicFromEnvironment();
    void curlSecretIncluded();
    void curlBearerAndHeader();
    void curlJwtLogin();
    void curlHeadAndBasePath();
    void pythonGuideStyle();
    void pythonRepeatedQueryAndBraces();
    void pythonBearerJwtAndHeader();
    void pythonTextBody();
    void httpieAuthAndBody();
    void authenticatorsDescribeThemselves();
};

namespace {

const QUrl kBase(QStringLiteral("http:/") + QStringLiteral("/127.0.0.1:8080"));

RawRequest rawRequest(const QByteArray &method, const QString &path, const QByteArray &body = {})
{
    RawRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    return request;
}

SnippetAuth basic(const QString &secret = QString())
{
    SnippetAuth auth;
    auth.kind = SnippetAuth::Basic;
    auth.username = QStringLiteral("admin");
    auth.envVar = QStringLiteral("AIRFLOW_PASSWORD");
    auth.secret = secret;
    return auth;
}

} // namespace

void TestCodeExport::shellQuote_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("single quote") << QStringLiteral("it\x27s") << QStringLiteral("'it'\\''s'");
    QTest::newRow("dollar and backtick") << QStringLiteral("$HOME `id`") << QStringLiteral("'$HOME `id`'");
}

void TestCodeExport::shellQuote()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(CodeExport::shellQuote(text), quoted);
}

void TestCodeExport::curlWritesEveryPart()
{
    const QString snippet = CodeExport::curl(
        QByteArrayLiteral("POST"), QUrl(QStringLiteral("http://127.0.0.1:8080/api/v1/dags/a%2Bb/dagRuns")),
        {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
         {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ***")}},
        QByteArrayLiteral("{\"conf\":{\"note\":\"it\x27s\"}}"));
    QCOMPARE(snippet,
             QStringLiteral("curl -X POST \x27http:/") +
                 QStringLiteral("/127.0.0.1:8080/api/v1/dags/a%2Bb/dagRuns\x27 \\\n") +
                 QStringLiteral("  -H \x27"
                                "Accept: application/json\x27 \\\n") +
                 QStringLiteral("  -H \x27"
                                "Authorization: Basic ***\x27 \\\n") +
                 QStringLiteral("  --data-raw \x27{\"conf\":{\"note\":\"it\x27\\\x27\x27s\"}}\x27\n"));
}

void TestCodeExport::curlWithoutBody()
{
    const QString snippet = CodeExport::curl(QByteArrayLiteral("GET"),
                                             QUrl(QStringLiteral("http://h/api/v1/dags?limit=5")), {}, {});
    QCOMPARE(snippet,
             QStringLiteral("curl -X GET \x27http:/") + QStringLiteral("/h/api/v1/dags?limit=5\x27\n"));
}

void TestCodeExport::pythonPostsJson()
{
    const QString snippet = CodeExport::pythonRequests(
        QByteArrayLiteral("POST"), QUrl(QStringLiteral("http://h/api/v1/dags/x/dagRuns")),
        {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
         {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
        QByteArrayLiteral("{\"conf\":{},\"dag_run_id\":\"r1\"}"));
    QVERIFY2(snippet.startsWith(QStringLiteral("import requests\n")), qPrintable(snippet));
    QVERIFY(
        snippet.contains(QStringLiteral("url = \"http:/") + QStringLiteral("/h/api/v1/dags/x/dagRuns\"\n")));
    QVERIFY(snippet.contains(QStringLiteral("    \"Accept\": \"application/json\",\n")));
    QVERIFY2(!snippet.contains(QStringLiteral("Content-Type")), "requests sets it for json=");
    QVERIFY(
        snippet.contains(QStringLiteral("payload = {\n    \"conf\": {},\n    \"dag_run_id\": \"r1\",\n}\n")));
    QVERIFY(snippet.contains(QStringLiteral("requests.post(url, json=payload, headers=headers)")));
}

void TestCodeExport::pythonLiteralTypes()
{
    const QString snippet = CodeExport::pythonRequests(
        QByteArrayLiteral("POST"), QUrl(QStringLiteral("http://h/x")), {},
        QByteArrayLiteral("{\"a\":true,\"b\":false,\"c\":null,\"d\":[1,2.5],\"e\":\"q\\\"\\n\"}"));
    QVERIFY2(snippet.contains(QStringLiteral("\"a\": True,")), qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("\"b\": False,")));
    QVERIFY(snippet.contains(QStringLiteral("\"c\": None,")));
    QVERIFY(snippet.contains(QStringLiteral("\"d\": [\n        1,\n        2.5,\n    ],")));
    QVERIFY(snippet.contains(QStringLiteral("\"e\": \"q\\\"\\n\",")));
}

void TestCodeExport::pythonOtherMethodsAndBodies_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("call");
    QTest::newRow("get") << QByteArrayLiteral("GET") << QByteArray()
                         << QStringLiteral("requests.get(url, headers=headers)");
    QTest::newRow("patch") << QByteArrayLiteral("PATCH") << QByteArrayLiteral("{\"is_paused\":false}")
                           << QStringLiteral("requests.patch(url, json=payload, headers=headers)");
    QTest::newRow("text body") << QByteArrayLiteral("POST") << QByteArrayLiteral("not json")
                               << QStringLiteral("requests.post(url, data=payload, headers=headers)");
    QTest::newRow("other verb") << QByteArrayLiteral("OPTIONS") << QByteArray()
                                << QStringLiteral("requests.request(\"OPTIONS\", url, headers=headers)");
}

void TestCodeExport::pythonOtherMethodsAndBodies()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, call);
    const QString snippet = CodeExport::pythonRequests(method, QUrl(QStringLiteral("http://h/x")), {}, body);
    QVERIFY2(snippet.contains(call), qPrintable(snippet));
}

void TestCodeExport::httpieLegacy()
{
    const QString snippet = CodeExport::httpie(
        QByteArrayLiteral("GET"), QUrl(QStringLiteral("http:/") + QStringLiteral("/h/x?a=1")),
        {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}}, {});
    QCOMPARE(snippet, QStringLiteral("http --ignore-stdin GET \x27http:/") +
                          QStringLiteral("/h/x?a=1\x27 \\\n  \x27"
                                         "Accept:application/json\x27\n"));
}

void TestCodeExport::curlBasicFromEnvironment()
{
    const QString snippet =
        CodeExport::curl(kBase, rawRequest("GET", QStringLiteral("/api/v1/dags?limit=5")), basic());
    QVERIFY2(snippet.startsWith(QStringLiteral("# Set AIRFLOW_PASSWORD first")), qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("curl -X GET \x27http:/") +
                             QStringLiteral("/127.0.0.1:8080/api/v1/dags?limit=5\x27 \\\n")));
    QVERIFY(snippet.contains(QStringLiteral("  -u \x27"
                                            "admin:\x27\"${AIRFLOW_PASSWORD}\" \\\n")));
    QVERIFY(snippet.endsWith(QStringLiteral("  -H \x27"
                                            "Accept: application/json\x27\n")));
}

void TestCodeExport::curlSecretIncluded()
{
    const QString snippet = CodeExport::curl(kBase, rawRequest("GET", QStringLiteral("/api/v1/dags")),
                                             basic(QStringLiteral("it\x27s")));
    QVERIFY2(snippet.contains(QStringLiteral("-u \x27"
                                             "admin:it\x27\\\x27\x27s\x27")),
             qPrintable(snippet));
    QVERIFY(!snippet.contains(QStringLiteral("AIRFLOW_PASSWORD")));
    QVERIFY(!snippet.startsWith(QStringLiteral("#")));
}

void TestCodeExport::curlBearerAndHeader()
{
    SnippetAuth bearer;
    bearer.kind = SnippetAuth::Bearer;
    bearer.envVar = QStringLiteral("AIRFLOW_TOKEN");
    RawRequest request = rawRequest("GET", QStringLiteral("/api/v1/dags"));
    request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ***")});
    QString snippet = CodeExport::curl(kBase, request, bearer);
    QVERIFY2(snippet.contains(QStringLiteral("-H \x27"
                                             "Authorization: Bearer \x27\"${AIRFLOW_TOKEN}\"")),
             qPrintable(snippet));
    QVERIFY2(!snippet.contains(QStringLiteral("Basic ***")), "the snippet's own auth replaces the header");

    SnippetAuth header;
    header.kind = SnippetAuth::Header;
    header.headerName = QByteArrayLiteral("X-API-Key");
    header.envVar = QStringLiteral("AIRFLOW_API_KEY");
    header.secret = QStringLiteral("k1");
    snippet = CodeExport::curl(kBase, request, header);
    QVERIFY2(snippet.contains(QStringLiteral("-H \x27X-API-Key: k1\x27")), qPrintable(snippet));
}

void TestCodeExport::curlJwtLogin()
{
    SnippetAuth auth;
    auth.kind = SnippetAuth::JwtLogin;
    auth.username = QStringLiteral("admin");
    auth.envVar = QStringLiteral("AIRFLOW_PASSWORD");
    auth.tokenPath = QStringLiteral("/auth/token");
    const QString snippet =
        CodeExport::curl(kBase, rawRequest("POST", QStringLiteral("/api/v2/pools"), "{\"a\":1}"), auth);
    QVERIFY2(snippet.contains(QStringLiteral("AIRFLOW_TOKEN=$(curl -sS --fail -X POST \x27http:/") +
                              QStringLiteral("/127.0.0.1:8080/auth/token\x27")),
             qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("jq -n --arg username \x27"
                                            "admin\x27 --arg password \"${AIRFLOW_PASSWORD}\"")));
    QVERIFY(snippet.contains(QStringLiteral("| jq -r \x27.access_token\x27)\n")));
    QVERIFY(snippet.contains(QStringLiteral("-H \x27"
                                            "Authorization: Bearer \x27\"${AIRFLOW_TOKEN}\"")));
    QVERIFY(snippet.contains(QStringLiteral("-H \x27"
                                            "Content-Type: application/json\x27")));
    QVERIFY(snippet.endsWith(QStringLiteral("--data-raw \x27{\"a\":1}\x27\n")));

    auth.secret = QStringLiteral("pw\"");
    const QString withSecret =
        CodeExport::curl(kBase, rawRequest("GET", QStringLiteral("/api/v2/pools")), auth);
    QVERIFY2(withSecret.contains(
                 QStringLiteral("--data-raw \x27{\"password\":\"pw\\\"\",\"username\":\"admin\"}\x27")),
             qPrintable(withSecret));
    QVERIFY(!withSecret.contains(QStringLiteral("jq -n")));
}

void TestCodeExport::curlHeadAndBasePath()
{
    const QUrl base(QStringLiteral("https:/") + QStringLiteral("/deployments.example.com/rel/airflow/"));
    const QString snippet =
        CodeExport::curl(base, rawRequest("HEAD", QStringLiteral("/api/v1/health")), SnippetAuth());
    QVERIFY2(snippet.startsWith(QStringLiteral("curl --head \x27https:/") +
                                QStringLiteral("/deployments.example.com/rel/airflow/api/v1/health\x27")),
             qPrintable(snippet));
}

void TestCodeExport::pythonGuideStyle()
{
    const QString snippet = CodeExport::pythonRequests(
        kBase,
        rawRequest("POST", QStringLiteral("/api/v1/dags/x/dagRuns?a=1"), "{\"conf\":{},\"note\":null}"),
        basic());
    QVERIFY2(snippet.startsWith(QStringLiteral("import os\n\nimport requests\n\nENDPOINT_URL = \"http:/") +
                                QStringLiteral("/127.0.0.1:8080\"\nUSERNAME = \"admin\"\n"
                                               "PASSWORD = os.environ[\"AIRFLOW_PASSWORD\"]\n")),
             qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("\nparams = {\n    \"a\": \"1\",\n}\n")));
    QVERIFY(snippet.contains(QStringLiteral("\nheaders = {\n    \"Accept\": \"application/json\",\n}\n")));
    QVERIFY(snippet.contains(QStringLiteral("\npayload = {\n    \"conf\": {},\n    \"note\": None,\n}\n")));
    QVERIFY(snippet.contains(
        QStringLiteral("response = requests.post(\n    f\"{ENDPOINT_URL}/api/v1/dags/x/dagRuns\",\n"
                       "    params=params,\n    headers=headers,\n    json=payload,\n"
                       "    auth=(USERNAME, PASSWORD),\n)\n")));
    QVERIFY(snippet.endsWith(QStringLiteral("print(response.status_code)\nprint(response.text)\n")));

    const QString withSecret = CodeExport::pythonRequests(
        kBase, rawRequest("GET", QStringLiteral("/api/v1/dags")), basic(QStringLiteral("pw")));
    QVERIFY(withSecret.startsWith(QStringLiteral("import requests\n")));
    QVERIFY(withSecret.contains(QStringLiteral("PASSWORD = \"pw\"\n")));
}

void TestCodeExport::pythonRepeatedQueryAndBraces()
{
    const QString snippet = CodeExport::pythonRequests(
        kBase, rawRequest("GET", QStringLiteral("/api/v1/x%7By%7D?order_by=a&order_by=-b&q=%7B%20%7D")),
        SnippetAuth());
    QVERIFY2(snippet.contains(
                 QStringLiteral("params = [\n    (\"order_by\", \"a\"),\n    (\"order_by\", \"-b\"),\n"
                                "    (\"q\", \"{ }\"),\n]\n")),
             qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("f\"{ENDPOINT_URL}/api/v1/x%7By%7D\"")));
    QVERIFY(!snippet.contains(QStringLiteral("import os")));
    QVERIFY(!snippet.contains(QStringLiteral("auth=")));
    // A raw "+" in a query typed into the path is a space to the server: requests must send it as one.
    const QString plus = CodeExport::pythonRequests(
        kBase, rawRequest("GET", QStringLiteral("/x?tags=a+b&q=1%2B1")), SnippetAuth());
    QVERIFY2(plus.contains(QStringLiteral("    \"tags\": \"a b\",\n    \"q\": \"1+1\",\n")),
             qPrintable(plus));
}

void TestCodeExport::pythonBearerJwtAndHeader()
{
    SnippetAuth jwt;
    jwt.kind = SnippetAuth::JwtLogin;
    jwt.username = QStringLiteral("admin");
    jwt.envVar = QStringLiteral("AIRFLOW_PASSWORD");
    jwt.tokenPath = QStringLiteral("/auth/token");
    QString snippet =
        CodeExport::pythonRequests(kBase, rawRequest("GET", QStringLiteral("/api/v2/dags")), jwt);
    QVERIFY2(snippet.contains(
                 QStringLiteral("token_response = requests.post(\n    f\"{ENDPOINT_URL}/auth/token\",\n"
                                "    json={\"username\": USERNAME, \"password\": PASSWORD},\n)\n"
                                "token_response.raise_for_status()\n"
                                "TOKEN = token_response.json()[\"access_token\"]\n")),
             qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("    \"Authorization\": f\"Bearer {TOKEN}\",\n")));

    SnippetAuth header;
    header.kind = SnippetAuth::Header;
    header.headerName = QByteArrayLiteral("Authorization");
    header.envVar = QStringLiteral("ASTRONOMER_API_KEY");
    header.note = QStringLiteral("a note");
    snippet = CodeExport::pythonRequests(kBase, rawRequest("GET", QStringLiteral("/api/v1/dags")), header);
    QVERIFY2(snippet.startsWith(QStringLiteral("# a note\nimport os\n")), qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("API_KEY = os.environ[\"ASTRONOMER_API_KEY\"]\n")));
    QVERIFY(snippet.contains(QStringLiteral("    \"Authorization\": API_KEY,\n")));
}

void TestCodeExport::pythonTextBody()
{
    RawRequest request = rawRequest("POST", QStringLiteral("/x"), "a=1&b=\xc3\xa9");
    request.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    const QString snippet = CodeExport::pythonRequests(kBase, request, SnippetAuth());
    QVERIFY2(snippet.contains(QStringLiteral("payload = \"a=1&b=\u00e9\"\n")), qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("data=payload.encode(\"utf-8\")")));
    QVERIFY(snippet.contains(QStringLiteral("\"Content-Type\": \"application/x-www-form-urlencoded\"")));
}

void TestCodeExport::httpieAuthAndBody()
{
    const QString snippet = CodeExport::httpie(
        kBase, rawRequest("PATCH", QStringLiteral("/api/v1/pools/p"), "{\"slots\":2}"), basic());
    // The options before the method: HTTPie refuses request items that follow an option.
    QVERIFY2(snippet.contains(QStringLiteral("printf \x27%s\x27 \x27{\"slots\":2}\x27 | http --auth \x27"
                                             "admin:\x27\"${AIRFLOW_PASSWORD}\" PATCH \x27http:/") +
                              QStringLiteral("/127.0.0.1:8080/api/v1/pools/p\x27 \\\n")),
             qPrintable(snippet));
    QVERIFY(snippet.contains(QStringLiteral("\x27"
                                            "Content-Type:application/json\x27")));
}

void TestCodeExport::authenticatorsDescribeThemselves()
{
    const Auth::NoAuthenticator none;
    QCOMPARE(none.snippetAuth().kind, SnippetAuth::None);

    const Auth::BasicAuthenticator basicAuth(QStringLiteral("ann"), QStringLiteral("pw"));
    QCOMPARE(basicAuth.snippetAuth().kind, SnippetAuth::Basic);
    QCOMPARE(basicAuth.snippetAuth().username, QStringLiteral("ann"));
    QVERIFY(basicAuth.snippetAuth().secret.isEmpty());
    QCOMPARE(basicAuth.snippetAuth(true).secret, QStringLiteral("pw"));

    const Auth::JwtLoginAuthenticator jwt(QStringLiteral("ann"), QStringLiteral("pw"));
    QCOMPARE(jwt.snippetAuth().kind, SnippetAuth::JwtLogin);
    QCOMPARE(jwt.snippetAuth().tokenPath, QStringLiteral("/auth/token"));
    QVERIFY(jwt.snippetAuth().secret.isEmpty());
    QCOMPARE(jwt.snippetAuth(true).secret, QStringLiteral("pw"));

    const Auth::BearerTokenAuthenticator bearer(QStringLiteral("tok"));
    QCOMPARE(bearer.snippetAuth().kind, SnippetAuth::Bearer);
    QVERIFY(bearer.snippetAuth().secret.isEmpty());
    QCOMPARE(bearer.snippetAuth(true).secret, QStringLiteral("tok"));

    const Auth::HeaderAuthenticator header(QByteArrayLiteral("X-API-Key"), QStringLiteral("k"));
    QCOMPARE(header.snippetAuth().kind, SnippetAuth::Header);
    QCOMPARE(header.snippetAuth().headerName, QByteArrayLiteral("X-API-Key"));
    QCOMPARE(header.snippetAuth(true).secret, QStringLiteral("k"));

    const Auth::SoftwareKeyAuthenticator software(QStringLiteral("key"), false);
    QCOMPARE(software.snippetAuth().kind, SnippetAuth::Header);
    QCOMPARE(software.snippetAuth().headerName, QByteArrayLiteral("Authorization"));
    QCOMPARE(Auth::SoftwareKeyAuthenticator(QStringLiteral("key"), true).snippetAuth().kind,
             SnippetAuth::Bearer);

    const Auth::CommandTokenAuthenticator command(QStringLiteral("gcloud auth print-access-token"), 10, 60);
    QCOMPARE(command.snippetAuth().kind, SnippetAuth::Bearer);
    QVERIFY(command.snippetAuth().note.contains(QStringLiteral("$(gcloud auth print-access-token)")));
    QVERIFY(command.snippetAuth(true).secret.isEmpty()); // no token obtained yet

    const Auth::OAuth2ClientCredentialsAuthenticator oauth(
        QUrl(QStringLiteral("https:/") + QStringLiteral("/auth.example.com/oauth/token")),
        QStringLiteral("cid"), QStringLiteral("csecret"), QString(), QString());
    QCOMPARE(oauth.snippetAuth().kind, SnippetAuth::Bearer);
    QVERIFY(!oauth.snippetAuth(true).secret.contains(QStringLiteral("csecret")));
    QVERIFY(!oauth.snippetAuth().note.contains(QStringLiteral("csecret")));
}

QTEST_GUILESS_MAIN(TestCodeExport)
#include "tst_codeexport.moc"
