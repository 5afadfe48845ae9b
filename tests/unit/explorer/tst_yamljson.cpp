// yamlToJson: YAML 1.1 core scalars as OpenAPI documents use them (quoted text stays text), block and flow
// collections, block scalars, anchors and merge keys, and errors that name the line and column.

#include "explorer/yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Windsock::Explorer::yamlToJson;

namespace {

QJsonValue convert(const QByteArray &yaml)
{
    QString error;
    const QJsonValue value = yamlToJson(yaml, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return value;
}

QByteArray compact(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestYamlJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalars_data();
    void scalars();
    void blockCollections();
    void flowCollections();
    void blockScalars();
    void anchorsAliasesAndMergeKeys();
    void keysKeepTheirText();
    void onlyTheFirstDocument();
    void emptyDocumentIsNull();
    void errorsNameLineAndColumn_data();
    void errorsNameLineAndColumn();
    void errorWithoutOutParameter();
};

void TestYamlJson::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("json"); // [value], compact

    QTest::newRow("plain text") << QByteArray("v: hello world") << QByteArray("[{\"v\":\"hello world\"}]");
    QTest::newRow("null word") << QByteArray("v: null") << QByteArray("[{\"v\":null}]");
    QTest::newRow("Null") << QByteArray("v: Null") << QByteArray("[{\"v\":null}]");
    QTest::newRow("tilde") << QByteArray("v: ~") << QByteArray("[{\"v\":null}]");
    QTest::newRow("empty value") << QByteArray("v:") << QByteArray("[{\"v\":null}]");
    QTest::newRow("true") << QByteArray("v: true") << QByteArray("[{\"v\":true}]");
    QTest::newRow("False") << QByteArray("v: False") << QByteArray("[{\"v\":false}]");
    QTest::newRow("yes stays text") << QByteArray("v: yes") << QByteArray("[{\"v\":\"yes\"}]");
    QTest::newRow("integer") << QByteArray("v: 100") << QByteArray("[{\"v\":100}]");
    QTest::newRow("negative") << QByteArray("v: -7") << QByteArray("[{\"v\":-7}]");
    QTest::newRow("hex") << QByteArray("v: 0x1F") << QByteArray("[{\"v\":31}]");
    QTest::newRow("octal") << QByteArray("v: 0o17") << QByteArray("[{\"v\":15}]");
    QTest::newRow("float") << QByteArray("v: 2.5") << QByteArray("[{\"v\":2.5}]");
    QTest::newRow("exponent") << QByteArray("v: 1.5e3") << QByteArray("[{\"v\":1500}]");
    QTest::newRow("version is text") << QByteArray("v: 2.10.5") << QByteArray("[{\"v\":\"2.10.5\"}]");
    QTest::newRow("date is text") << QByteArray("v: 2025-06-01") << QByteArray("[{\"v\":\"2025-06-01\"}]");
    QTest::newRow("infinity is text") << QByteArray("v: .inf") << QByteArray("[{\"v\":\".inf\"}]");
    QTest::newRow("single quoted number") << QByteArray("v: '2'") << QByteArray("[{\"v\":\"2\"}]");
    QTest::newRow("double quoted true") << QByteArray("v: \"true\"") << QByteArray("[{\"v\":\"true\"}]");
    QTest::newRow("quoted null") << QByteArray("v: 'null'") << QByteArray("[{\"v\":\"null\"}]");
    QTest::newRow("quoted empty") << QByteArray("v: ''") << QByteArray("[{\"v\":\"\"}]");
    QTest::newRow("single quote escape") << QByteArray("v: 'it''s'") << QByteArray("[{\"v\":\"it's\"}]");
    QTest::newRow("double quote escapes") << QByteArray("v: \"a\\tb\\u2014\\\"c\\\"\"")
                                          << QByteArray("[{\"v\":\"a\\tb\xe2\x80\x94\\\"c\\\"\"}]");
    QTest::newRow("folded double quotes") << QByteArray("v: \"SQL LIKE expression \\\n  with wildcards\"")
                                          << QByteArray("[{\"v\":\"SQL LIKE expression with wildcards\"}]");
    QTest::newRow("explicit str tag") << QByteArray("v: !!str true") << QByteArray("[{\"v\":\"true\"}]");
    QTest::newRow("explicit int tag on quotes")
        << QByteArray("v: !!int \"12\"") << QByteArray("[{\"v\":12}]");
    QTest::newRow("explicit int tag plain") << QByteArray("v: !!int 12") << QByteArray("[{\"v\":12}]");
    QTest::newRow("colon inside text") << QByteArray("v: a:b") << QByteArray("[{\"v\":\"a:b\"}]");
    QTest::newRow("comment") << QByteArray("v: text # a comment") << QByteArray("[{\"v\":\"text\"}]");
    QTest::newRow("unicode") << QByteArray("v: caf\xc3\xa9") << QByteArray("[{\"v\":\"caf\xc3\xa9\"}]");
}

void TestYamlJson::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, json);
    QString error = QStringLiteral("unset");
    const QJsonValue value = yamlToJson(yaml, &error);
    QCOMPARE(error, QString());
    QCOMPARE(compact(value), json);
}

void TestYamlJson::blockCollections()
{
    const QByteArray yaml = "openapi: 3.0.3\n"
                            "servers:\n"
                            "  - url: /api/v1\n"
                            "    description: Apache Airflow Stable API.\n"
                            "paths:\n"
                            "  /dags:\n"
                            "    get:\n"
                            "      tags:\n"
                            "      - DAG\n"
                            "      parameters:\n"
                            "        - name: limit\n"
                            "          required: false\n"
                            "          schema: {type: integer, default: 100}\n";
    const QJsonObject root = convert(yaml).toObject();
    QCOMPARE(root.value(QLatin1String("openapi")).toString(), QStringLiteral("3.0.3"));
    QCOMPARE(root.value(QLatin1String("servers")).toArray().at(0).toObject().value(QLatin1String("url")),
             QJsonValue(QStringLiteral("/api/v1")));
    const QJsonObject get = root.value(QLatin1String("paths"))
                                .toObject()
                                .value(QLatin1String("/dags"))
                                .toObject()
                                .value(QLatin1String("get"))
                                .toObject();
    QCOMPARE(get.value(QLatin1String("tags")).toArray(), QJsonArray{QStringLiteral("DAG")});
    const QJsonObject limit = get.value(QLatin1String("parameters")).toArray().at(0).toObject();
    QCOMPARE(limit.value(QLatin1String("required")), QJsonValue(false));
    QCOMPARE(limit.value(QLatin1String("schema")).toObject().value(QLatin1String("default")),
             QJsonValue(100));
}

void TestYamlJson::flowCollections()
{
    QCOMPARE(compact(convert("[1, two, 'three', {a: null, b: [true, ~]}, []]")),
             QByteArray("[[1,\"two\",\"three\",{\"a\":null,\"b\":[true,null]},[]]]"));
    QCOMPARE(compact(convert("{}")), QByteArray("[{}]"));
    // JSON is YAML: a JSON document reads the same.
    QCOMPARE(compact(convert("{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": false}}")),
             QByteArray("[{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":false}}]"));
}

void TestYamlJson::blockScalars()
{
    const QByteArray yaml = "literal: |\n"
                            "  line one\n"
                            "    indented\n"
                            "  line three\n"
                            "folded: >\n"
                            "  folded\n"
                            "  text\n"
                            "\n"
                            "  next paragraph\n"
                            "stripped: |-\n"
                            "  no newline\n"
                            "kept: |+\n"
                            "  two newlines\n"
                            "\n"
                            "after: 1\n";
    const QJsonObject root = convert(yaml).toObject();
    QCOMPARE(root.value(QLatin1String("literal")).toString(),
             QStringLiteral("line one\n  indented\nline three\n"));
    QCOMPARE(root.value(QLatin1String("folded")).toString(), QStringLiteral("folded text\nnext paragraph\n"));
    QCOMPARE(root.value(QLatin1String("stripped")).toString(), QStringLiteral("no newline"));
    QCOMPARE(root.value(QLatin1String("kept")).toString(), QStringLiteral("two newlines\n\n"));
    QCOMPARE(root.value(QLatin1String("after")), QJsonValue(1));
}

void TestYamlJson::anchorsAliasesAndMergeKeys()
{
    const QByteArray yaml = "base: &base\n"
                            "  type: string\n"
                            "  nullable: true\n"
                            "copy: *base\n"
                            "merged:\n"
                            "  <<: *base\n"
                            "  nullable: false\n"
                            "list: &items [a, b]\n"
                            "again: *items\n"
                            "scalar: &word hello\n"
                            "word: *word\n";
    const QJsonObject root = convert(yaml).toObject();
    const QJsonObject base{{QStringLiteral("type"), QStringLiteral("string")},
                           {QStringLiteral("nullable"), true}};
    QCOMPARE(root.value(QLatin1String("copy")).toObject(), base);
    QCOMPARE(root.value(QLatin1String("merged")).toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("nullable"), false}}));
    QCOMPARE(root.value(QLatin1String("again")).toArray(),
             (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(root.value(QLatin1String("word")).toString(), QStringLiteral("hello"));
}

void TestYamlJson::keysKeepTheirText()
{
    // Response codes and the like are keys: they stay as written, never turned into numbers.
    const QJsonObject root = convert("200: ok\n010: octal-looking\ntrue: yes\n'quoted': q\n").toObject();
    QCOMPARE(root.keys(), (QStringList{QStringLiteral("010"), QStringLiteral("200"), QStringLiteral("quoted"),
                                       QStringLiteral("true")}));
}

void TestYamlJson::onlyTheFirstDocument()
{
    QCOMPARE(compact(convert("---\na: 1\n---\nb: 2\n")), QByteArray("[{\"a\":1}]"));
}

void TestYamlJson::emptyDocumentIsNull()
{
    QString error = QStringLiteral("unset");
    QVERIFY(yamlToJson(QByteArray(), &error).isNull());
    QVERIFY(error.isEmpty());
    QVERIFY(yamlToJson("# only a comment\n", &error).isNull());
    QVERIFY(error.isEmpty());
}

void TestYamlJson::errorsNameLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("position");
    QTest::addColumn<QString>("problem");

    QTest::newRow("mapping in a plain value")
        << QByteArray("a: 1\nb: c: d\n") << QStringLiteral("line 2, column 5")
        << QStringLiteral("mapping values are not allowed");
    QTest::newRow("bad indentation") << QByteArray("paths:\n  /dags:\n    get: 1\n   post: 2\n")
                                     << QStringLiteral("line 4, column 4")
                                     << QStringLiteral("did not find expected key");
    QTest::newRow("unclosed quote") << QByteArray("a: 'open\nb: 2\n") << QStringLiteral("line 3, column 1")
                                    << QStringLiteral("found unexpected end of stream");
    QTest::newRow("unclosed flow") << QByteArray("a: [1, 2\nb: 3\n") << QStringLiteral("line 2, column 2")
                                   << QStringLiteral("did not find expected ',' or ']'");
    QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n") << QStringLiteral("line 2, column 1")
                                     << QStringLiteral("found character that cannot start any token");
    QTest::newRow("unknown alias") << QByteArray("a: *nowhere\n") << QStringLiteral("line 1, column 4")
                                   << QStringLiteral("the alias *nowhere refers to no complete anchor");
    QTest::newRow("recursive alias") << QByteArray("a: &self\n  b: *self\n")
                                     << QStringLiteral("line 2, column 6")
                                     << QStringLiteral("refers to no complete anchor");
    QTest::newRow("mapping as a key") << QByteArray("? {a: 1}\n: x\n") << QStringLiteral("line 1, column 3")
                                      << QStringLiteral("a mapping key must be a plain value");
}

void TestYamlJson::errorsNameLineAndColumn()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, position);
    QFETCH(QString, problem);
    QString error;
    const QJsonValue value = yamlToJson(yaml, &error);
    QVERIFY(value.isUndefined());
    QVERIFY2(error.startsWith(QStringLiteral("Not valid YAML at ") + position + QLatin1Char(':')),
             qPrintable(error));
    QVERIFY2(error.contains(problem), qPrintable(error));
}

void TestYamlJson::errorWithoutOutParameter()
{
    QVERIFY(yamlToJson("a: [", nullptr).isUndefined());
    QCOMPARE(yamlToJson("a: 1", nullptr).toObject().value(QLatin1String("a")), QJsonValue(1));
}

QTEST_GUILESS_MAIN(TestYamlJson)
#include "tst_yamljson.moc"
