// ResponseBody: what a response body is (JSON, text, an image, other bytes, nothing) by its Content-Type and
// by its bytes, with plain-words errors for JSON that does not parse; and ResponseParser, which parses on a
// worker and drops the results of cancelled and overtaken starts.
#include "explorer/responsebody.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using Windsock::Explorer::ResponseBody;
using Windsock::Explorer::ResponseParser;
using Kind = ResponseBody::Kind;

namespace {
const QByteArray Png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29);
const QByteArray Jpeg("\xff\xd8\xff\xe0\0\x10JFIF\0", 11);
} // namespace

class TestResponseBody final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void json();
    void jsonTypes_data();
    void jsonTypes();
    void invalidJson_data();
    void invalidJson();
    void truncatedJson();
    void everyCutIsTruncated();
    void mangledBodiesNeverFail();
    void jsonScalarIsText();
    void plainText();
    void textCharset();
    void jsonSniffedUnderOtherTypes();
    void imageByContentType_data();
    void imageByContentType();
    void imageByMagicBytes_data();
    void imageByMagicBytes();
    void empty_data();
    void empty();
    void binary();
    void parserEmitsOnWorkerResult();
    void parserDropsCancelledAndOvertaken();
};

void TestResponseBody::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestResponseBody::json()
{
    const QByteArray bytes("{\"dags\":[{\"dag_id\":\"etl\",\"is_paused\":false}],\"total_entries\":1}");
    const ResponseBody body = ResponseBody::parse(bytes, "application/json; charset=utf-8");
    QCOMPARE(body.kind(), Kind::Json);
    QCOMPARE(body.mediaType(), QByteArray("application/json"));
    QCOMPARE(body.size(), bytes.size());
    QCOMPARE(body.bytes(), bytes);
    QCOMPARE(body.json().object().value(QStringLiteral("total_entries")).toInt(), 1);
    QCOMPARE(body.text(), QString::fromUtf8(bytes));
    QVERIFY(body.errorText().isEmpty());
    QCOMPARE(body.errorLine(), 0);
    QCOMPARE(body.kindText(), QStringLiteral("JSON"));
    // Indented by 2, keys as QJsonDocument sorts them.
    QCOMPARE(body.prettyText(), QStringLiteral("{\n"
                                               "  \"dags\": [\n"
                                               "    {\n"
                                               "      \"dag_id\": \"etl\",\n"
                                               "      \"is_paused\": false\n"
                                               "    }\n"
                                               "  ],\n"
                                               "  \"total_entries\": 1\n"
                                               "}\n"));
    // A byte order mark is not part of the JSON.
    const ResponseBody bom = ResponseBody::parse(QByteArray("\xef\xbb\xbf[1,2]"), "application/json");
    QCOMPARE(bom.kind(), Kind::Json);
    QCOMPARE(bom.json().array().size(), 2);
}

void TestResponseBody::jsonTypes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("problem+json") << QByteArray("application/problem+json");
    QTest::newRow("upper case, parameters") << QByteArray("Application/JSON ; charset=UTF-8");
    QTest::newRow("text/json") << QByteArray("text/json");
    QTest::newRow("vendor +json") << QByteArray("application/vnd.api+json");
}

void TestResponseBody::jsonTypes()
{
    QFETCH(QByteArray, contentType);
    const ResponseBody body =
        ResponseBody::parse("{\"detail\": \"Not found\", \"status\": 404}", contentType);
    QCOMPARE(body.kind(), Kind::Json);
    QCOMPARE(body.json().object().value(QStringLiteral("status")).toInt(), 404);
}

void TestResponseBody::invalidJson_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("words");
    QTest::newRow("bad literal") << QByteArray("{\n  \"a\": 1,\n  \"b\": True\n}") << 3 << 8
                                 << QStringLiteral("true, false and null are lower case");
    QTest::newRow("missing comma") << QByteArray("[1 2]") << 1 << 4 << QStringLiteral("a comma is missing");
    QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}") << 1 << 9
                                    << QStringLiteral("trailing comma");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6
                                   << QStringLiteral("a colon is missing");
    QTest::newRow("garbage after") << QByteArray("{\"a\": 1}\nxyz") << 2 << 1
                                   << QStringLiteral("more after the end of the document");
    QTest::newRow("HTML") << QByteArray("\n<!DOCTYPE html><html><title>502 Bad Gateway</title></html>") << 2
                          << 1 << QStringLiteral("the body is HTML or XML");
    // Columns count characters, not bytes.
    QTest::newRow("after non-ASCII") << QByteArray("{\"\xc3\xa9t\xc3\xa9\": x}") << 1 << 9
                                     << QStringLiteral("this is not a JSON value");
}

void TestResponseBody::invalidJson()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, words);
    const ResponseBody body = ResponseBody::parse(bytes, "application/json");
    // Shown as the text it is, with the error beside it.
    QCOMPARE(body.kind(), Kind::Text);
    QCOMPARE(body.text(), QString::fromUtf8(bytes));
    QVERIFY(body.json().isNull());
    QCOMPARE(body.kindText(), QStringLiteral("invalid JSON"));
    QVERIFY(!body.isTruncated());
    QCOMPARE(body.errorLine(), line);
    QCOMPARE(body.errorColumn(), column);
    const QString expectedStart =
        QStringLiteral("Not valid JSON at line %1, column %2: ").arg(line).arg(column);
    QVERIFY2(body.errorText().startsWith(expectedStart), qPrintable(body.errorText()));
    QVERIFY2(body.errorText().contains(words), qPrintable(body.errorText()));
}

void TestResponseBody::truncatedJson()
{
    // A list cut off in the middle of a string, of a number, and between values.
    const QList<QByteArray> cuts{"{\"dags\": [{\"dag_id\": \"etl\"}, {\"dag_id\": \"rep",
                                 "{\"dags\": [{\"dag_id\": \"etl\", \"n\": 12",
                                 "{\"dags\": [\n  {\"dag_id\": \"etl\"},\n  "};
    for (const QByteArray &bytes : cuts) {
        const ResponseBody body = ResponseBody::parse(bytes, "application/json");
        QCOMPARE(body.kind(), Kind::Text);
        QVERIFY2(body.isTruncated(), bytes.constData());
        QVERIFY2(body.errorText().contains(QStringLiteral("cut short")), qPrintable(body.errorText()));
        QVERIFY(body.errorText().startsWith(QStringLiteral("Not valid JSON at line ")));
    }
    const ResponseBody multiLine = ResponseBody::parse(cuts.at(2), "application/json");
    QCOMPARE(multiLine.errorLine(), 3);
    // A complete document with an error is not "truncated".
    QVERIFY(!ResponseBody::parse("{\"a\": nope}", "application/json").isTruncated());
    QVERIFY(!ResponseBody::parse("{\"a\": 1,}", "application/json").isTruncated());
    QVERIFY(!ResponseBody::parse("[1, 2]]", "application/json").isTruncated());
}

void TestResponseBody::everyCutIsTruncated()
{
    // Every proper prefix of a document, whatever it stops in: a key, a string with an escape, a number, a
    // word, between values, after a nested container.
    const QByteArray document("{\"dags\": [{\"dag_id\": \"etl\", \"n\": -1.5e3, \"ok\": true, \"off\": false,"
                              " \"z\": null, \"t\": [\"a\\\"b\", {}], \"o\": {\"k\": [1]}}], \"total\": 2}");
    QCOMPARE(ResponseBody::parse(document, "application/json").kind(), Kind::Json);
    for (qsizetype size = 1; size < document.size(); ++size) {
        const QByteArray cut = document.left(size);
        const ResponseBody body = ResponseBody::parse(cut, "application/json");
        QCOMPARE(body.kind(), Kind::Text);
        QVERIFY2(body.isTruncated(), cut.constData());
        QVERIFY2(body.errorText().contains(QStringLiteral("cut short")), cut.constData());
        QCOMPARE(body.errorLine(), 1);
        QVERIFY(body.errorColumn() >= 1 && body.errorColumn() <= size + 1);
    }
}

void TestResponseBody::mangledBodiesNeverFail()
{
    // Bytes flipped, dropped and doubled in a document, and random bytes: every result is consistent.
    const QByteArray document(
        "{\"dag_runs\": [{\"dag_run_id\": \"manual__2025-06-01\", \"conf\": {\"x\": [1, 2.5, "
        "null]}, \"state\": \"success\"}], \"total_entries\": 1}\n");
    QRandomGenerator random(42);
    for (int round = 0; round < 2000; ++round) {
        QByteArray bytes = document;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const qsizetype at = random.bounded(int(bytes.size()));
            switch (random.bounded(3)) {
            case 0:
                bytes[at] = char(random.bounded(256));
                break;
            case 1:
                bytes.remove(at, 1);
                break;
            default:
                bytes.insert(at, bytes.at(at));
            }
        }
        if (round % 10 == 0) {
            bytes.resize(random.bounded(64));
            random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        }
        for (const QByteArray &type : {QByteArray("application/json"), QByteArray()}) {
            const ResponseBody body = ResponseBody::parse(bytes, type);
            QCOMPARE(body.bytes(), bytes);
            QCOMPARE(body.json().isNull(), body.kind() != Kind::Json);
            if (!body.errorText().isEmpty()) {
                QCOMPARE(body.kind(), Kind::Text);
                QVERIFY(body.errorLine() >= 1);
                QVERIFY(body.errorColumn() >= 1);
                QVERIFY(body.errorText().startsWith(QStringLiteral("Not valid JSON at line ")));
            } else {
                QCOMPARE(body.errorLine(), 0);
            }
            QVERIFY(!body.kindText().isEmpty());
        }
    }
}

void TestResponseBody::jsonScalarIsText()
{
    // Valid JSON, but no object or array: QJsonDocument cannot hold it, the text shows it as well.
    for (const QByteArray &bytes : {QByteArray("42"), QByteArray("\"queued\""), QByteArray(" true\n")}) {
        const ResponseBody body = ResponseBody::parse(bytes, "application/json");
        QCOMPARE(body.kind(), Kind::Text);
        QVERIFY2(body.errorText().isEmpty(), qPrintable(body.errorText()));
        QCOMPARE(body.text(), QString::fromUtf8(bytes));
    }
}

void TestResponseBody::plainText()
{
    const QByteArray bytes("[2025-06-01 12:00:00] INFO - Task exited with return code 0\nsecond line\n");
    const ResponseBody body = ResponseBody::parse(bytes, "text/plain; charset=utf-8");
    QCOMPARE(body.kind(), Kind::Text);
    QCOMPARE(body.text(), QString::fromUtf8(bytes));
    QCOMPARE(body.prettyText(), body.text());
    QVERIFY(body.errorText().isEmpty());
    QCOMPARE(body.kindText(), QStringLiteral("text"));

    const ResponseBody html =
        ResponseBody::parse("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html");
    QCOMPARE(html.kind(), Kind::Text);
    QVERIFY(html.errorText().isEmpty());

    // No type at all: text when the bytes are text.
    QCOMPARE(ResponseBody::parse("OK", {}).kind(), Kind::Text);
}

void TestResponseBody::textCharset()
{
    QCOMPARE(ResponseBody::parse("caf\xe9", "text/plain; charset=ISO-8859-1").text(),
             QStringLiteral("caf\u00e9"));
    QCOMPARE(ResponseBody::parse("caf\xc3\xa9", "text/plain; charset=\"utf-8\"").text(),
             QStringLiteral("caf\u00e9"));
    QCOMPARE(ResponseBody::parse("caf\xc3\xa9", "text/plain").text(), QStringLiteral("caf\u00e9"));
    // An unknown charset falls back to UTF-8 rather than showing nothing.
    QCOMPARE(ResponseBody::parse("caf\xc3\xa9", "text/plain; charset=klingon").text(),
             QStringLiteral("caf\u00e9"));
}

void TestResponseBody::jsonSniffedUnderOtherTypes()
{
    const QByteArray json("\n  {\"ok\": true}");
    QCOMPARE(ResponseBody::parse(json, "text/plain").kind(), Kind::Json);
    QCOMPARE(ResponseBody::parse(json, {}).kind(), Kind::Json);
    QCOMPARE(ResponseBody::parse(json, "application/octet-stream").kind(), Kind::Json);
    // Text that only starts like JSON is text, without a JSON error: it never said it was JSON.
    const ResponseBody text = ResponseBody::parse("[INFO] starting", "text/plain");
    QCOMPARE(text.kind(), Kind::Text);
    QVERIFY(text.errorText().isEmpty());
}

void TestResponseBody::imageByContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QString>("kindText");
    QTest::newRow("png") << QByteArray("image/png") << Png << QByteArray("png")
                         << QStringLiteral("PNG image");
    QTest::newRow("svg") << QByteArray("image/svg+xml")
                         << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>")
                         << QByteArray("svg") << QStringLiteral("SVG image");
    // The bytes say what the image is when the type is wrong about it.
    QTest::newRow("jpeg served as image/png")
        << QByteArray("image/png") << Jpeg << QByteArray("jpeg") << QStringLiteral("JPEG image");
    QTest::newRow("x-icon") << QByteArray("image/x-icon") << QByteArray("ICO?") << QByteArray("ico")
                            << QStringLiteral("ICO image");
}

void TestResponseBody::imageByContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, format);
    QFETCH(QString, kindText);
    const ResponseBody body = ResponseBody::parse(bytes, contentType);
    QCOMPARE(body.kind(), Kind::Image);
    QCOMPARE(body.imageFormat(), format);
    QCOMPARE(body.kindText(), kindText);
    QCOMPARE(body.bytes(), bytes);
    QVERIFY(body.text().isEmpty());
}

void TestResponseBody::imageByMagicBytes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("format");
    QTest::newRow("png as octet-stream")
        << QByteArray("application/octet-stream") << Png << QByteArray("png");
    QTest::newRow("jpeg without a type") << QByteArray() << Jpeg << QByteArray("jpeg");
    QTest::newRow("gif as text/plain")
        << QByteArray("text/plain") << QByteArray("GIF89a\x01\0\x01\0\x80\0\0", 13) << QByteArray("gif");
    QTest::newRow("webp") << QByteArray() << QByteArray("RIFF\x24\0\0\0WEBPVP8 ", 16) << QByteArray("webp");
    QByteArray bmp("BM", 2);
    bmp += QByteArray("\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0", 24);
    QTest::newRow("bmp") << QByteArray("application/octet-stream") << bmp << QByteArray("bmp");
}

void TestResponseBody::imageByMagicBytes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, format);
    const ResponseBody body = ResponseBody::parse(bytes, contentType);
    QCOMPARE(body.kind(), Kind::Image);
    QCOMPARE(body.imageFormat(), format);
}

void TestResponseBody::empty_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("204 without a type") << QByteArray();
    QTest::newRow("empty JSON") << QByteArray("application/json");
    QTest::newRow("empty image") << QByteArray("image/png");
}

void TestResponseBody::empty()
{
    QFETCH(QByteArray, contentType);
    const ResponseBody body = ResponseBody::parse({}, contentType);
    QCOMPARE(body.kind(), Kind::Empty);
    QCOMPARE(body.size(), 0);
    QVERIFY(body.errorText().isEmpty());
    QCOMPARE(body.kindText(), QStringLiteral("empty"));
    // A default-constructed body is empty too.
    QCOMPARE(ResponseBody().kind(), Kind::Empty);
}

void TestResponseBody::binary()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    for (const QByteArray &type :
         {QByteArray("application/octet-stream"), QByteArray(), QByteArray("application/pdf")}) {
        const ResponseBody body = ResponseBody::parse(bytes, type);
        QCOMPARE(body.kind(), Kind::Binary);
        QCOMPARE(body.kindText(), QStringLiteral("binary"));
        QVERIFY(body.text().isEmpty());
    }
    const QStringList lines = ResponseBody::parse(bytes, {}).hexPreview(40).split(QLatin1Char('\n'));
    QCOMPARE(
        lines.at(0),
        QStringLiteral("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"));
    QCOMPARE(lines.at(2),
             QStringLiteral("00000020  20 21 22 23 24 25 26 27                           | !\"#$%&\x27|"));
    QCOMPARE(lines.at(3), QStringLiteral("\u2026 216 more bytes"));
    // Invalid UTF-8 is binary too.
    QCOMPARE(ResponseBody::parse("\xc3\x28\xa0\xa1 abc", {}).kind(), Kind::Binary);
}

void TestResponseBody::parserEmitsOnWorkerResult()
{
    ResponseParser parser;
    QSignalSpy spy(&parser, &ResponseParser::parsed);
    parser.start("{\"a\": [1, 2, 3]}", "application/json");
    QVERIFY(parser.isRunning());
    QVERIFY(spy.wait());
    QCOMPARE(spy.count(), 1);
    QVERIFY(!parser.isRunning());
    const auto body = spy.at(0).at(0).value<ResponseBody>();
    QCOMPARE(body.kind(), Kind::Json);
    QCOMPARE(body.json().object().value(QStringLiteral("a")).toArray().size(), 3);
}

void TestResponseBody::parserDropsCancelledAndOvertaken()
{
    ResponseParser parser;
    QSignalSpy spy(&parser, &ResponseParser::parsed);
    parser.start("{\"first\": 1}", "application/json");
    parser.cancel();
    QVERIFY(!parser.isRunning());
    parser.start("{\"second\": 2}", "application/json");
    parser.start("{\"third\": 3}", "application/json");
    QVERIFY(spy.wait());
    // Every worker has finished and every queued signal been delivered: still the last one only.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 1);
    QVERIFY(spy.at(0).at(0).value<ResponseBody>().json().object().contains(QStringLiteral("third")));

    parser.start("{\"fourth\": 4}", "application/json");
    parser.cancel();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 1);
}

QTEST_GUILESS_MAIN(TestResponseBody)
#include "tst_responsebody.moc"
