// importCurl(): real cURL commands as Postman, Chrome's "Copy as cURL" (bash and cmd), the Airflow and
// Astronomer docs and shell histories write them, read into a request draft with notes for what was dropped.

#include "explorer/curlimport.h"

#include <QTest>

using namespace Windsock::Explorer;

class TestCurlImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellWords_data();
    void shellWords();
    void unterminatedQuotes();
    void postmanCommand();
    void chromeCopyAsCurlBash();
    void chromeCopyAsCurlCmd();
    void airflowDocsBasicAuth();
    void astronomerDocsBearer();
    void multiLineWithBackslashes();
    void shortOptionClusters();
    void getWithData();
    void headRequest();
    void jsonOption();
    void formDataGetsItsContentType();
    void dataUrlencode();
    void dataFromFileIsANote();
    void otherHostKeepsPathAndQuery();
    void basePathPrefixIsRemoved();
    void postmanBaseUrlVariable();
    void insecureAndLocationAreNoted();
    void notCurl();
    void noUrl();
    void missingOptionValue();
};

namespace {

// Commands are written with ` for ' so that the test source has no single quotes in strings.
QString sq(const char *utf8)
{
    QString text = QString::fromUtf8(utf8);
    text.replace(QLatin1Char('`'), QLatin1Char('\''));
    return text;
}

QStringList list(std::initializer_list<const char *> words)
{
    QStringList out;
    for (const char *word : words)
        out.append(QString::fromUtf8(word));
    return out;
}

QString header(const RequestDraft &draft, const QString &name)
{
    for (const KeyValue &row : draft.headers) {
        if (row.key.compare(name, Qt::CaseInsensitive) == 0)
            return row.value;
    }
    return QStringLiteral("<none>");
}

bool notesContain(const CurlImport &import, const QString &text)
{
    for (const QString &note : import.notes) {
        if (note.contains(text))
            return true;
    }
    return false;
}

const QUrl base(QStringLiteral("http:/") + QStringLiteral("/localhost:8080"));

} // namespace

void TestCurlImport::shellWords_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << QStringLiteral("curl  -s  url") << list({"curl", "-s", "url"});
    QTest::newRow("single") << sq("a `b c` `it`\\``s`") << list({"a", "b c", "it's"});
    QTest::newRow("double") << QStringLiteral("a \"b \\\"c\\\" \\\\ $x \\n\"")
                            << list({"a", "b \"c\" \\ $x \\n"});
    QTest::newRow("ansi-c") << QStringLiteral("a $'x\\'y\\n\\t\\x41\\u00e9\\101'")
                            << QStringList{QStringLiteral("a"), QStringLiteral("x'y\n\tA\u00e9A")};
    QTest::newRow("glued") << sq("a`b`\"c\"d") << list({"abcd"});
    QTest::newRow("continuation") << QStringLiteral("a \\\n  b \\\r\n c") << list({"a", "b", "c"});
    QTest::newRow("escaped space") << QStringLiteral("a\\ b") << list({"a b"});
    QTest::newRow("comment") << QStringLiteral("a # b c\nd") << list({"a", "d"});
    QTest::newRow("empty quotes") << sq("a ``") << list({"a", ""});
}

void TestCurlImport::shellWords()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QString error;
    QCOMPARE(Windsock::Explorer::shellWords(command, &error), words);
    QVERIFY(error.isEmpty());
}

void TestCurlImport::unterminatedQuotes()
{
    for (const QString &command :
         {sq("curl `abc"), QStringLiteral("curl \"abc"), QStringLiteral("curl $'abc")}) {
        const CurlImport import = importCurl(command);
        QVERIFY2(import.error.contains(QStringLiteral("not closed")), qPrintable(import.error));
    }
}

void TestCurlImport::postmanCommand()
{
    const CurlImport import =
        importCurl(sq("curl --location --request PATCH `http:/") +
                       sq("/localhost:8080/api/v1/dags/example_bash_operator?update_mask=is_paused` \\\n"
                          "--header `Content-Type: application/json` \\\n"
                          "--header `Authorization: Basic YWRtaW46YWRtaW4=` \\\n"
                          "--data `{\n    \"is_paused\": true\n}`"),
                   base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("PATCH"));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags/example_bash_operator"));
    QCOMPARE(import.draft.query.size(), 1);
    QCOMPARE(import.draft.query.at(0).key, QStringLiteral("update_mask"));
    QCOMPARE(import.draft.query.at(0).value, QStringLiteral("is_paused"));
    QCOMPARE(header(import.draft, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    QCOMPARE(header(import.draft, QStringLiteral("Authorization")), QStringLiteral("<none>"));
    QVERIFY(notesContain(import, QStringLiteral("Authorization header was left out")));
    // --data (like -d) drops line breaks as cURL does.
    QCOMPARE(import.draft.body, QStringLiteral("{    \"is_paused\": true}"));
}

void TestCurlImport::chromeCopyAsCurlBash()
{
    const CurlImport import = importCurl(
        sq("curl `http:/") +
            sq("/localhost:8080/api/v1/dags/x/dagRuns` \\\n"
               "  -H `Accept: application/json` \\\n"
               "  -H `Accept-Language: en-US,en;q=0.9` \\\n"
               "  -H `Content-Type: application/json` \\\n"
               "  -b `session=abc.def` \\\n"
               "  -H `Origin: http:/") +
            sq("/localhost:8080` \\\n"
               "  -H `sec-ch-ua-mobile: ?0` \\\n"
               "  -H `User-Agent: Mozilla/5.0` \\\n"
               "  --data-raw $`{\"conf\":{\"note\":\"it\\`s\\\\nfine\"},\"dag_run_id\":\"r1\"}` \\\n"
               "  --compressed"),
        base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("POST"));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags/x/dagRuns"));
    QCOMPARE(import.draft.body,
             QStringLiteral("{\"conf\":{\"note\":\"it's\\nfine\"},\"dag_run_id\":\"r1\"}"));
    QCOMPARE(import.draft.headers.size(), 2); // Accept and Content-Type; the browser's own are dropped
    QVERIFY(notesContain(import, QStringLiteral("cookies were left out")));
    QVERIFY(notesContain(import, QStringLiteral("Accept-Language, Origin, sec-ch-ua-mobile, User-Agent")));
}

void TestCurlImport::chromeCopyAsCurlCmd()
{
    const CurlImport import = importCurl(
        QStringLiteral("curl ^\"http:/") +
            QStringLiteral("/localhost:8080/api/v1/pools^\" ^\r\n"
                           "  -H ^\"Content-Type: application/json^\" ^\r\n"
                           "  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"p1^\\^\",^\\^\"slots^\\^\":3^}^\""),
        base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/pools"));
    QCOMPARE(import.draft.body, QStringLiteral("{\"name\":\"p1\",\"slots\":3}"));
    QCOMPARE(header(import.draft, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
}

void TestCurlImport::airflowDocsBasicAuth()
{
    const CurlImport import = importCurl(sq("curl -X GET --user \"admin:admin\" `http:/") +
                                             sq("/localhost:8080/api/v1/dags?limit=5&offset=0`"),
                                         base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("GET"));
    QCOMPARE(import.draft.query.size(), 2);
    QVERIFY(notesContain(import, QStringLiteral("credentials in the command were left out")));
    for (const QString &note : import.notes)
        QVERIFY2(!note.contains(QStringLiteral("admin:admin")), qPrintable(note));
}

void TestCurlImport::astronomerDocsBearer()
{
    const CurlImport import = importCurl(
        QStringLiteral("curl -X POST https:/") +
            sq("/clmkpsyfc010391lb.astronomer.run/d5pm2xr5/api/v1/dags/example/dagRuns \\\n"
               "   -H `Content-Type: application/json` \\\n"
               "   -H `Authorization: Bearer eyJhbGciOi` \\\n"
               "   -d `{}`"),
        QUrl(QStringLiteral("https:/") + QStringLiteral("/clmkpsyfc010391lb.astronomer.run/d5pm2xr5")));
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags/example/dagRuns"));
    QCOMPARE(import.draft.body, QStringLiteral("{}"));
    QVERIFY(!notesContain(import, QStringLiteral("not on this profile")));
}

void TestCurlImport::multiLineWithBackslashes()
{
    const CurlImport import = importCurl(
        QStringLiteral("curl \\\n  -X DELETE \\\n  \"http:/") +
            QStringLiteral("/localhost:8080/api/v1/variables/my%20var\" \\\n  -H \"Accept: */*\"\n"),
        base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("DELETE"));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/variables/my%20var"));
    QCOMPARE(header(import.draft, QStringLiteral("Accept")), QStringLiteral("*/*"));
}

void TestCurlImport::shortOptionClusters()
{
    const CurlImport import = importCurl(
        sq("curl -sSXPOST -HContent-Type:application/json -d`{\"a\":1}` localhost:8080/api/v1/x"), base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("POST"));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/x"));
    QCOMPARE(import.draft.body, QStringLiteral("{\"a\":1}"));
    QCOMPARE(header(import.draft, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
}

void TestCurlImport::getWithData()
{
    const CurlImport import =
        importCurl(sq("curl -G `http:/") +
                       sq("/localhost:8080/api/v1/dags` -d limit=5 --data-urlencode `dag_id_pattern=a b`"),
                   base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.method, QByteArrayLiteral("GET"));
    QVERIFY(import.draft.body.isEmpty());
    QCOMPARE(import.draft.query.size(), 2);
    QCOMPARE(import.draft.query.at(1).value, QStringLiteral("a b"));
}

void TestCurlImport::headRequest()
{
    const CurlImport import =
        importCurl(QStringLiteral("curl -I http:/") + QStringLiteral("/localhost:8080/health"));
    QCOMPARE(import.draft.method, QByteArrayLiteral("HEAD"));
    QCOMPARE(import.draft.path, QStringLiteral("/health"));
}

void TestCurlImport::jsonOption()
{
    const CurlImport import = importCurl(sq("curl --json `{\"slots\": 5}` -X PATCH http:/") +
                                         QStringLiteral("/localhost:8080/api/v1/pools/p"));
    QCOMPARE(import.draft.method, QByteArrayLiteral("PATCH"));
    QCOMPARE(import.draft.body, QStringLiteral("{\"slots\": 5}"));
    QCOMPARE(header(import.draft, QStringLiteral("Content-Type")), QStringLiteral("application/json"));
    QCOMPARE(header(import.draft, QStringLiteral("Accept")), QStringLiteral("application/json"));
}

void TestCurlImport::formDataGetsItsContentType()
{
    const CurlImport import =
        importCurl(QStringLiteral("curl -d a=1 -d b=2 http:/") + QStringLiteral("/h/x"));
    QCOMPARE(import.draft.method, QByteArrayLiteral("POST"));
    QCOMPARE(import.draft.body, QStringLiteral("a=1&b=2"));
    QCOMPARE(header(import.draft, QStringLiteral("Content-Type")),
             QStringLiteral("application/x-www-form-urlencoded"));
}

void TestCurlImport::dataUrlencode()
{
    const CurlImport import = importCurl(
        sq("curl --data-urlencode `q=a&b c` --data-urlencode `=x y` http:/") + QStringLiteral("/h/x"));
    QCOMPARE(import.draft.body, QStringLiteral("q=a%26b%20c&x%20y"));
}

void TestCurlImport::dataFromFileIsANote()
{
    const CurlImport import =
        importCurl(QStringLiteral("curl -d @body.json http:/") + QStringLiteral("/h/x"));
    QVERIFY(import.isValid());
    QVERIFY(notesContain(import, QStringLiteral("body.json")));
    QCOMPARE(import.draft.method, QByteArrayLiteral("POST"));
}

void TestCurlImport::otherHostKeepsPathAndQuery()
{
    const CurlImport import = importCurl(
        QStringLiteral("curl https:/") + QStringLiteral("/airflow.example.com/api/v1/dags?tags=a"), base);
    QVERIFY(import.isValid());
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags"));
    QCOMPARE(import.draft.query.value(0).value, QStringLiteral("a"));
    QVERIFY(notesContain(import, QStringLiteral("airflow.example.com")));
    QCOMPARE(import.url.host(), QStringLiteral("airflow.example.com"));
}

void TestCurlImport::basePathPrefixIsRemoved()
{
    const QUrl software(QStringLiteral("https:/") +
                        QStringLiteral("/deployments.example.com/space-rocket-1234/airflow"));
    const CurlImport import =
        importCurl(QStringLiteral("curl https:/") +
                       QStringLiteral("/deployments.example.com/space-rocket-1234/airflow/api/v1/dags"),
                   software);
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags"));
    QVERIFY(import.notes.isEmpty());
}

void TestCurlImport::postmanBaseUrlVariable()
{
    const CurlImport import = importCurl(sq("curl --location `{{baseUrl}}/api/v1/dags/{{dag}}`"), base);
    QVERIFY2(import.isValid(), qPrintable(import.error));
    QCOMPARE(import.draft.path, QStringLiteral("/api/v1/dags/{{dag}}"));
    QVERIFY(notesContain(import, QStringLiteral("{{baseUrl}}")));
}

void TestCurlImport::insecureAndLocationAreNoted()
{
    const CurlImport import =
        importCurl(QStringLiteral("curl -kL -v --compressed https:/") + QStringLiteral("/h/x"));
    QVERIFY(import.isValid());
    QVERIFY(notesContain(import, QStringLiteral("-k")));
    QVERIFY(notesContain(import, QStringLiteral("-L")));
    QCOMPARE(import.notes.size(), 2);
}

void TestCurlImport::notCurl()
{
    QVERIFY(importCurl(QStringLiteral("wget http:/") + QStringLiteral("/h/x"))
                .error.contains(QStringLiteral("not a cURL")));
    QVERIFY(!importCurl(QString()).isValid());
    QVERIFY(importCurl(QStringLiteral("$ curl http:/") + QStringLiteral("/h/x")).isValid());
}

void TestCurlImport::noUrl()
{
    QCOMPARE(importCurl(QStringLiteral("curl -X GET")).error, QStringLiteral("The command has no URL."));
}

void TestCurlImport::missingOptionValue()
{
    QVERIFY(importCurl(QStringLiteral("curl http:/") + QStringLiteral("/h/x -H"))
                .error.contains(QStringLiteral("-H needs a value")));
    QVERIFY(importCurl(QStringLiteral("curl http:/") + QStringLiteral("/h/x --data"))
                .error.contains(QStringLiteral("--data needs a value")));
}

QTEST_GUILESS_MAIN(TestCurlImport)
#include "tst_curlimport.moc"
