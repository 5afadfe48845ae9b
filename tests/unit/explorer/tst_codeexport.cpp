// CodeExport: cURL and Python requests snippets of one request, quoted so that a shell and Python read back
// exactly what was given.

#include "explorer/codeexport.h"

#include <QTest>

using Windsock::Explorer::CodeExport;

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
};

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

QTEST_GUILESS_MAIN(TestCodeExport)
#include "tst_codeexport.moc"
