#include "params/paramsform.h"
#include "params/paramvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Windsock::Params;
using Windsock::Api::DagParam;
using Kind = ParamField::Kind;

Q_DECLARE_METATYPE(Kind)

// The params-driven trigger form without widgets: kinds, messages, the conf it sends, re-used confs.
class TestParamsForm final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject json(const char *text)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad fixture JSON: %s", text);
        return document.object();
    }
    static DagParam param(const char *name, const QJsonValue &value, const char *schema,
                          const char *description = "")
    {
        return DagParam{QString::fromLatin1(name), value, json(schema), QString::fromLatin1(description)};
    }
    static QJsonValue jsonValue(const char *text)
    {
        return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
    }

    // The same params as the sandbox's params_trigger_form DAG.
    static QList<DagParam> showcase()
    {
        return {
            param("run_extra_checks", true, "{\"type\": \"boolean\", \"title\": \"Extra checks\"}",
                  "Run the slower data-quality checks too."),
            param("worker_count", 3,
                  "{\"type\": \"integer\", \"title\": \"Workers\", \"minimum\": 1, \"maximum\": 10}",
                  "How many workers to use."),
            param(
                "sample_ratio", 0.25,
                "{\"type\": \"number\", \"minimum\": 0, \"maximum\": 1, \"description\": \"Share of rows to "
                "sample, 0 to 1.\"}"),
            param("region", QStringLiteral("eu-west-1"),
                  "{\"type\": \"string\", \"enum\": [\"eu-west-1\", \"us-east-1\", \"ap-southeast-2\"]}",
                  "Where the data lives."),
            param("environment", QStringLiteral("prod"),
                  "{\"type\": \"string\", \"title\": \"Environment\", \"enum\": [\"dev\", \"staging\", "
                  "\"prod\"], "
                  "\"values_display\": {\"dev\": \"Development\", \"staging\": \"Staging\", \"prod\": "
                  "\"Production\"}}"),
            param("report_date", QStringLiteral("2025-06-01"), "{\"type\": \"string\", \"format\": \"date\"}",
                  "The business day to report on."),
            param("run_at", QStringLiteral("2025-06-01T06:00:00+00:00"),
                  "{\"type\": \"string\", \"format\": \"date-time\", \"title\": \"Run at\"}"),
            param("cutoff_time", QStringLiteral("18:00:00"), "{\"type\": \"string\", \"format\": \"time\"}",
                  "Ignore events after this time of day."),
            param("recipients", jsonValue("[\"ops@example.com\", \"analytics@example.com\"]"),
                  "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}", "Who gets the report."),
            param("sample_sizes", jsonValue("[10, 100, 1000]"),
                  "{\"type\": \"array\", \"items\": {\"type\": \"number\"}}"),
            param("targets", jsonValue("[{\"table\": \"orders\", \"mode\": \"append\"}]"),
                  "{\"type\": \"array\", \"items\": {\"type\": \"object\"}}", "Tables to load."),
            param(
                "sql_query", QStringLiteral("SELECT 1"),
                "{\"type\": \"string\", \"format\": \"multiline\", \"title\": \"Query\", \"description_md\": "
                "\"The **SQL** to run. Jinja such as `{{ ds }}` is rendered.\"}"),
            param("options", jsonValue("{\"retries\": 3, \"notify\": true}"), "{\"type\": \"object\"}",
                  "Free-form options."),
            param("comment", QJsonValue::Null, "{\"type\": [\"null\", \"string\"]}", "Optional."),
            param("api_version", QStringLiteral("v2"), "{\"type\": \"string\", \"const\": \"v2\"}", "Fixed."),
            param("batch_label", QStringLiteral("nightly"),
                  "{\"type\": \"string\", \"section\": \"Advanced\", \"title\": \"Batch label\", "
                  "\"minLength\": 3, "
                  "\"maxLength\": 20, \"pattern\": \"^[a-z_]+$\", \"examples\": [\"nightly\", \"hourly\"]}"),
            param("full_refresh", false, "{\"type\": \"boolean\", \"section\": \"Advanced\"}"),
            param("legacy_limit", 42, "{}"),
            param("tags", jsonValue("[\"a\"]"),
                  "{\"type\": \"array\", \"examples\": [\"a\", \"b\"], \"values_display\": {\"a\": "
                  "\"Alpha\"}}"),
            param("threshold", 5,
                  "{\"type\": \"number\", \"exclusiveMinimum\": 0, \"exclusiveMaximum\": 10, \"section\": "
                  "\"Tuning\"}"),
        };
    }

private Q_SLOTS:
    void kinds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("nullable");
        QTest::addColumn<QString>("label");
        QTest::newRow("boolean") << QStringLiteral("run_extra_checks") << Kind::Boolean << false
                                 << QStringLiteral("Extra checks");
        QTest::newRow("integer") << QStringLiteral("worker_count") << Kind::Integer << false
                                 << QStringLiteral("Workers");
        QTest::newRow("number") << QStringLiteral("sample_ratio") << Kind::Number << false
                                << QStringLiteral("sample_ratio");
        QTest::newRow("enum") << QStringLiteral("region") << Kind::Enum << false << QStringLiteral("region");
        QTest::newRow("enum display")
            << QStringLiteral("environment") << Kind::Enum << false << QStringLiteral("Environment");
        QTest::newRow("date") << QStringLiteral("report_date") << Kind::Date << false
                              << QStringLiteral("report_date");
        QTest::newRow("date-time") << QStringLiteral("run_at") << Kind::DateTime << false
                                   << QStringLiteral("Run at");
        QTest::newRow("time") << QStringLiteral("cutoff_time") << Kind::Time << false
                              << QStringLiteral("cutoff_time");
        QTest::newRow("string array")
            << QStringLiteral("recipients") << Kind::StringArray << false << QStringLiteral("recipients");
        QTest::newRow("number array")
            << QStringLiteral("sample_sizes") << Kind::NumberArray << false << QStringLiteral("sample_sizes");
        QTest::newRow("json array") << QStringLiteral("targets") << Kind::JsonArray << false
                                    << QStringLiteral("targets");
        QTest::newRow("multiline") << QStringLiteral("sql_query") << Kind::MultilineText << false
                                   << QStringLiteral("Query");
        QTest::newRow("object") << QStringLiteral("options") << Kind::JsonObject << false
                                << QStringLiteral("options");
        QTest::newRow("optional") << QStringLiteral("comment") << Kind::Text << true
                                  << QStringLiteral("comment");
        QTest::newRow("const") << QStringLiteral("api_version") << Kind::Hidden << false
                               << QStringLiteral("api_version");
        QTest::newRow("text") << QStringLiteral("batch_label") << Kind::Text << false
                              << QStringLiteral("Batch label");
        QTest::newRow("plain value") << QStringLiteral("legacy_limit") << Kind::Integer << true
                                     << QStringLiteral("legacy_limit");
        QTest::newRow("multi-select")
            << QStringLiteral("tags") << Kind::MultiSelect << false << QStringLiteral("tags");
    }
    void kinds()
    {
        QFETCH(QString, name);
        QFETCH(Kind, kind);
        QFETCH(bool, nullable);
        QFETCH(QString, label);
        const ParamsForm form(showcase());
        const ParamField *field = form.field(name);
        QVERIFY(field);
        QCOMPARE(field->kind, kind);
        QCOMPARE(field->nullable, nullable);
        QCOMPARE(field->label, label);
    }

    void fieldDetails()
    {
        const ParamsForm form(showcase());
        QCOMPARE(form.field(QStringLiteral("sample_ratio"))->description,
                 QStringLiteral("Share of rows to sample, 0 to 1."));
        QCOMPARE(form.field(QStringLiteral("worker_count"))->description,
                 QStringLiteral("How many workers to use."));
        QCOMPARE(form.field(QStringLiteral("sql_query"))->description,
                 QStringLiteral("The SQL to run. Jinja such as {{ ds }} is rendered."));
        const ParamField *workers = form.field(QStringLiteral("worker_count"));
        QCOMPARE(workers->minimum.value_or(-1), 1.0);
        QCOMPARE(workers->maximum.value_or(-1), 10.0);
        const ParamField *batch = form.field(QStringLiteral("batch_label"));
        QCOMPARE(batch->section, QStringLiteral("Advanced"));
        QCOMPARE(batch->minLength.value_or(-1), 3);
        QCOMPARE(batch->maxLength.value_or(-1), 20);
        QCOMPARE(batch->pattern, QStringLiteral("^[a-z_]+$"));
        QCOMPARE(batch->examples.size(), 2);
        const ParamField *environment = form.field(QStringLiteral("environment"));
        QCOMPARE(environment->displayText(QStringLiteral("prod")), QStringLiteral("Production"));
        QCOMPARE(environment->enumValues.size(), 3);
        QCOMPARE(form.field(QStringLiteral("tags"))->displayText(QStringLiteral("a")),
                 QStringLiteral("Alpha"));
        QCOMPARE(form.field(QStringLiteral("tags"))->displayText(QStringLiteral("b")), QStringLiteral("b"));
        QVERIFY(form.field(QStringLiteral("api_version"))->isHidden());
        QVERIFY(form.field(QStringLiteral("worker_count"))->required());
        QVERIFY(!form.field(QStringLiteral("comment"))->required());
    }

    void defaultsAreValid()
    {
        const ParamsForm form(showcase());
        const auto errors = form.validate();
        for (const auto &e : errors)
            qWarning("%s: %s", qPrintable(e.name), qPrintable(e.message));
        QVERIFY(errors.isEmpty());
        QVERIFY(form.isValid());
    }

    void sectionsInOrder()
    {
        const ParamsForm form(showcase());
        const auto sections = form.sections();
        QCOMPARE(sections.size(), 3);
        QCOMPARE(sections.at(0).name, QString());
        QCOMPARE(sections.at(1).name, QStringLiteral("Advanced"));
        QCOMPARE(sections.at(1).fields,
                 (QStringList{QStringLiteral("batch_label"), QStringLiteral("full_refresh")}));
        QCOMPARE(sections.at(2).name, QStringLiteral("Tuning"));
        QCOMPARE(sections.at(0).fields.first(), QStringLiteral("run_extra_checks"));
        QVERIFY(!sections.at(0).fields.contains(QStringLiteral("api_version")));
        QCOMPARE(sections.at(0).fields.size(), 16);
    }

    void text_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("value"); // compact JSON of the value, empty when the text does not parse
        const QString none;
        QTest::newRow("integer ok") << QStringLiteral("worker_count") << QStringLiteral(" 7 ") << none
                                    << QStringLiteral("7");
        QTest::newRow("integer too big")
            << QStringLiteral("worker_count") << QStringLiteral("11")
            << QStringLiteral("Workers must be 10 or less.") << QStringLiteral("11");
        QTest::newRow("integer too small")
            << QStringLiteral("worker_count") << QStringLiteral("0")
            << QStringLiteral("Workers must be 1 or more.") << QStringLiteral("0");
        QTest::newRow("integer fraction")
            << QStringLiteral("worker_count") << QStringLiteral("2.5")
            << QStringLiteral("Workers must be a whole number.") << QStringLiteral("2.5");
        QTest::newRow("integer words") << QStringLiteral("worker_count") << QStringLiteral("three")
                                       << QStringLiteral("Workers must be a whole number.") << none;
        QTest::newRow("integer empty") << QStringLiteral("worker_count") << QString()
                                       << QStringLiteral("This field is required.") << QStringLiteral("null");
        QTest::newRow("number ok") << QStringLiteral("sample_ratio") << QStringLiteral("0.5") << none
                                   << QStringLiteral("0.5");
        QTest::newRow("number over") << QStringLiteral("sample_ratio") << QStringLiteral("1.5")
                                     << QStringLiteral("sample_ratio must be 1 or less.")
                                     << QStringLiteral("1.5");
        QTest::newRow("number words") << QStringLiteral("sample_ratio") << QStringLiteral("half")
                                      << QStringLiteral("sample_ratio must be a number.") << none;
        QTest::newRow("exclusive min")
            << QStringLiteral("threshold") << QStringLiteral("0")
            << QStringLiteral("threshold must be more than 0.") << QStringLiteral("0");
        QTest::newRow("exclusive max")
            << QStringLiteral("threshold") << QStringLiteral("10")
            << QStringLiteral("threshold must be less than 10.") << QStringLiteral("10");
        QTest::newRow("boolean") << QStringLiteral("full_refresh") << QStringLiteral("true") << none
                                 << QStringLiteral("true");
        QTest::newRow("boolean bad") << QStringLiteral("full_refresh") << QStringLiteral("maybe")
                                     << QStringLiteral("full_refresh must be true or false.") << none;
        QTest::newRow("enum ok") << QStringLiteral("region") << QStringLiteral("us-east-1") << none
                                 << QStringLiteral("\"us-east-1\"");
        QTest::newRow("enum bad") << QStringLiteral("region") << QStringLiteral("mars-1")
                                  << QStringLiteral(
                                         "region must be one of: eu-west-1, us-east-1, ap-southeast-2.")
                                  << QStringLiteral("\"mars-1\"");
        QTest::newRow("enum by label") << QStringLiteral("environment") << QStringLiteral("Staging") << none
                                       << QStringLiteral("\"staging\"");
        QTest::newRow("enum labels in message")
            << QStringLiteral("environment") << QStringLiteral("qa")
            << QStringLiteral("Environment must be one of: Development, Staging, Production.")
            << QStringLiteral("\"qa\"");
        QTest::newRow("date ok") << QStringLiteral("report_date") << QStringLiteral("2024-02-29") << none
                                 << QStringLiteral("\"2024-02-29\"");
        QTest::newRow("date bad") << QStringLiteral("report_date") << QStringLiteral("2025-02-30")
                                  << QStringLiteral("report_date must be a date like 2025-06-01.")
                                  << QStringLiteral("\"2025-02-30\"");
        QTest::newRow("date words") << QStringLiteral("report_date") << QStringLiteral("June 1")
                                    << QStringLiteral("report_date must be a date like 2025-06-01.")
                                    << QStringLiteral("\"June 1\"");
        QTest::newRow("date-time ok") << QStringLiteral("run_at") << QStringLiteral("2025-06-01T06:00:00.5Z")
                                      << none << QStringLiteral("\"2025-06-01T06:00:00.5Z\"");
        QTest::newRow("date-time no zone")
            << QStringLiteral("run_at") << QStringLiteral("2025-06-01T06:00:00")
            << QStringLiteral("Run at must be a date and time like 2025-06-01T06:00:00+00:00.")
            << QStringLiteral("\"2025-06-01T06:00:00\"");
        QTest::newRow("time ok") << QStringLiteral("cutoff_time") << QStringLiteral("07:30") << none
                                 << QStringLiteral("\"07:30\"");
        QTest::newRow("time bad") << QStringLiteral("cutoff_time") << QStringLiteral("25:00:00")
                                  << QStringLiteral("cutoff_time must be a time like 18:00:00.")
                                  << QStringLiteral("\"25:00:00\"");
        QTest::newRow("too short") << QStringLiteral("batch_label") << QStringLiteral("ab")
                                   << QStringLiteral("Batch label must be at least 3 characters.")
                                   << QStringLiteral("\"ab\"");
        QTest::newRow("too long") << QStringLiteral("batch_label") << QString(21, u'a')
                                  << QStringLiteral("Batch label must be at most 20 characters.")
                                  << (u'"' + QString(21, u'a') + u'"');
        QTest::newRow("pattern") << QStringLiteral("batch_label") << QStringLiteral("Nightly")
                                 << QStringLiteral("Batch label must match the pattern ^[a-z_]+$.")
                                 << QStringLiteral("\"Nightly\"");
        QTest::newRow("text empty") << QStringLiteral("batch_label") << QString()
                                    << QStringLiteral("This field is required.") << QStringLiteral("null");
        QTest::newRow("optional empty")
            << QStringLiteral("comment") << QString() << none << QStringLiteral("null");
        QTest::newRow("optional text") << QStringLiteral("comment") << QStringLiteral("because") << none
                                       << QStringLiteral("\"because\"");
        QTest::newRow("lines") << QStringLiteral("recipients") << QStringLiteral("a@x.io\n\n b@x.io\r\n")
                               << none << QStringLiteral("[\"a@x.io\",\" b@x.io\"]");
        QTest::newRow("number lines") << QStringLiteral("sample_sizes") << QStringLiteral("1\n2.5\n\n30")
                                      << none << QStringLiteral("[1,2.5,30]");
        QTest::newRow("number lines bad")
            << QStringLiteral("sample_sizes") << QStringLiteral("1\n\nten")
            << QStringLiteral("Line 3 of sample_sizes is not a number.") << none;
        QTest::newRow("json array ok") << QStringLiteral("targets") << QStringLiteral("[{\"table\": \"t\"}]")
                                       << none << QStringLiteral("[{\"table\":\"t\"}]");
        QTest::newRow("json array items")
            << QStringLiteral("targets") << QStringLiteral("[{}, 3]")
            << QStringLiteral("Item 2 of targets must be a JSON object.") << QStringLiteral("[{},3]");
        QTest::newRow("json object ok") << QStringLiteral("options") << QStringLiteral("{\"a\": 1}") << none
                                        << QStringLiteral("{\"a\":1}");
        QTest::newRow("json object is array")
            << QStringLiteral("options") << QStringLiteral("[1]")
            << QStringLiteral("options must be a JSON object.") << QStringLiteral("[1]");
        QTest::newRow("json object broken")
            << QStringLiteral("options") << QStringLiteral("{\n  \"a\": 1,\n  \"b\"\n}")
            << QStringLiteral("options is not valid JSON: missing name separator at line 4, column 2.")
            << none;
        QTest::newRow("multi-select")
            << QStringLiteral("tags") << QStringLiteral("a\nb") << none << QStringLiteral("[\"a\",\"b\"]");
    }
    void text()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(QString, value);
        ParamsForm form(showcase());
        QVERIFY(form.setText(name, text));
        QCOMPARE(form.errorFor(name), error);
        QCOMPARE(form.text(name), text); // what was typed is kept
        if (error.isEmpty()) {
            QVERIFY(form.validate().isEmpty());
            QVERIFY(!form.conf().isEmpty());
        } else {
            QCOMPARE(form.validate().size(), 1);
            QCOMPARE(form.validate().constFirst().name, name);
            QCOMPARE(form.validate().constFirst().message, error);
            QVERIFY(form.conf().isEmpty());
        }
        const QJsonObject current = form.currentConf();
        if (value.isEmpty()) {
            QVERIFY(!current.contains(name));
        } else {
            QCOMPARE(current.value(name), jsonValue(value.toUtf8().constData()));
            QCOMPARE(form.value(name), current.value(name));
        }
    }

    void setValueChecksTypes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("integer as text") << QStringLiteral("worker_count") << QStringLiteral("\"3\"")
                                         << QStringLiteral("Workers must be a whole number.");
        QTest::newRow("string as number") << QStringLiteral("batch_label") << QStringLiteral("5")
                                          << QStringLiteral("Batch label must be text.");
        QTest::newRow("boolean as text") << QStringLiteral("full_refresh") << QStringLiteral("\"yes\"")
                                         << QStringLiteral("full_refresh must be true or false.");
        QTest::newRow("array as object") << QStringLiteral("recipients") << QStringLiteral("{}")
                                         << QStringLiteral("recipients must be a list.");
        QTest::newRow("array items") << QStringLiteral("recipients") << QStringLiteral("[\"a\", 2]")
                                     << QStringLiteral("Item 2 of recipients must be text.");
        QTest::newRow("null required") << QStringLiteral("region") << QStringLiteral("null")
                                       << QStringLiteral("This field is required.");
        QTest::newRow("null optional") << QStringLiteral("comment") << QStringLiteral("null") << QString();
        QTest::newRow("integer as 3.0")
            << QStringLiteral("worker_count") << QStringLiteral("3.0") << QString();
    }
    void setValueChecksTypes()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, error);
        ParamsForm form(showcase());
        QVERIFY(form.setValue(name, jsonValue(value.toUtf8().constData())));
        QCOMPARE(form.errorFor(name), error);
    }

    void confTypes()
    {
        ParamsForm form(showcase());
        QVERIFY(form.setText(QStringLiteral("worker_count"), QStringLiteral("8")));
        QVERIFY(form.setText(QStringLiteral("sample_sizes"), QStringLiteral("5\n6")));
        QVERIFY(form.setText(QStringLiteral("api_version"), QStringLiteral("v9"))); // ignored: const
        const QJsonObject conf = form.conf();
        QCOMPARE(conf.size(), form.fields().size());
        const QByteArray json = QJsonDocument(conf).toJson(QJsonDocument::Compact);
        QVERIFY2(json.contains("\"worker_count\":8}"), json.constData());
        QVERIFY2(json.contains("\"sample_sizes\":[5,6]"), json.constData());
        QVERIFY2(json.contains("\"sample_ratio\":0.25"), json.constData());
        QVERIFY2(json.contains("\"run_extra_checks\":true"), json.constData());
        QCOMPARE(conf.value(QStringLiteral("api_version")),
                 QJsonValue(QStringLiteral("v2")));                                    // const still sent
        QCOMPARE(conf.value(QStringLiteral("comment")), QJsonValue(QJsonValue::Null)); // optional left empty
        QCOMPARE(conf.value(QStringLiteral("legacy_limit")), QJsonValue(42));
        QCOMPARE(conf.value(QStringLiteral("options")).toObject().value(QStringLiteral("retries")),
                 QJsonValue(3));
    }

    void textOfValues()
    {
        const ParamsForm form(showcase());
        QCOMPARE(form.text(QStringLiteral("recipients")),
                 QStringLiteral("ops@example.com\nanalytics@example.com"));
        QCOMPARE(form.text(QStringLiteral("sample_sizes")), QStringLiteral("10\n100\n1000"));
        QCOMPARE(form.text(QStringLiteral("worker_count")), QStringLiteral("3"));
        QCOMPARE(form.text(QStringLiteral("comment")), QString());
        QCOMPARE(form.text(QStringLiteral("options")),
                 QStringLiteral("{\n    \"notify\": true,\n    \"retries\": 3\n}"));
        QCOMPARE(form.text(QStringLiteral("nope")), QString());
        QVERIFY(!form.field(QStringLiteral("nope")));
    }

    void applyConfKeepsExtraKeys()
    {
        ParamsForm form(showcase());
        QVERIFY(form.setText(QStringLiteral("batch_label"), QStringLiteral("hourly")));
        const QJsonObject earlier =
            json("{\"worker_count\": 9, \"region\": \"us-east-1\", \"api_version\": \"v1\", "
                 "\"old_flag\": true, \"owner\": \"ana\"}");
        const QStringList extra = form.applyConf(earlier);
        QCOMPARE(extra, (QStringList{QStringLiteral("old_flag"), QStringLiteral("owner")}));
        QCOMPARE(form.extraKeys(), extra);
        QCOMPARE(form.value(QStringLiteral("worker_count")), QJsonValue(9));
        QCOMPARE(form.value(QStringLiteral("region")), QJsonValue(QStringLiteral("us-east-1")));
        QCOMPARE(form.value(QStringLiteral("batch_label")),
                 QJsonValue(QStringLiteral("nightly"))); // default again
        QCOMPARE(form.value(QStringLiteral("api_version")),
                 QJsonValue(QStringLiteral("v2"))); // the DAG's const
        const QJsonObject conf = form.conf();
        QCOMPARE(conf.value(QStringLiteral("old_flag")), QJsonValue(true));
        QCOMPARE(conf.value(QStringLiteral("owner")), QJsonValue(QStringLiteral("ana")));
        form.dropExtraKeys();
        QVERIFY(!form.conf().contains(QStringLiteral("owner")));

        form.applyConf(json("{\"worker_count\": 99}"));
        QCOMPARE(form.errorFor(QStringLiteral("worker_count")),
                 QStringLiteral("Workers must be 10 or less."));
        QVERIFY(form.conf().isEmpty());
    }

    void jsonText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << QStringLiteral("  \n") << QString() << 0 << 0;
        QTest::newRow("object") << QStringLiteral("{\"a\": [1, 2]}") << QString() << 0 << 0;
        QTest::newRow("array") << QStringLiteral("[1]")
                               << QStringLiteral("The conf must be a JSON object, like {\"key\": \"value\"}.")
                               << 1 << 1;
        QTest::newRow("unterminated")
            << QStringLiteral("{\n  \"a\": 1,\n  \"b\": 2")
            << QStringLiteral("The conf is not valid JSON: invalid termination by number at line 3, "
                              "column 9.")
            << 3 << 9;
        QTest::newRow("trailing comma")
            << QStringLiteral("{\"\u00e9t\u00e9\": 1,}")
            << QStringLiteral("The conf is not valid JSON: object is missing after a comma at line 1, "
                              "column 12.")
            << 1 << 12;
    }
    void jsonText()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(int, line);
        QFETCH(int, column);
        const ParamsForm::JsonConf result = ParamsForm::fromJsonText(text);
        QCOMPARE(result.error, error);
        QCOMPARE(result.ok(), error.isEmpty());
        QCOMPARE(result.line, line);
        QCOMPARE(result.column, column);
    }

    void formats()
    {
        QVERIFY(ParamValidator::isDateTime(QStringLiteral("2025-06-01 06:00:00+02:00")));
        QVERIFY(!ParamValidator::isDateTime(QStringLiteral("2025-06-01T06:00:00+25:00")));
        QVERIFY(ParamValidator::isTime(QStringLiteral("18:00:00+01:00")));
        QVERIFY(!ParamValidator::isTime(QStringLiteral("18:60")));
        QVERIFY(!ParamValidator::isDate(QStringLiteral("2025-6-1")));
    }

    void otherSchemas()
    {
        ParamsForm form({
            param("html", QStringLiteral("x"),
                  "{\"type\": \"string\", \"description_html\": \"Use <b>bold</b> &amp; <i>care</i>.\"}"),
            param("level", 2,
                  "{\"type\": [\"integer\", \"null\"], \"enum\": [1, 2, 3, null], "
                  "\"values_display\": {\"1\": \"Low\", \"2\": \"Mid\", \"3\": \"High\"}}"),
            param("untyped", QStringLiteral("free"), "{}"),
            param("ids", QJsonValue::Null,
                  "{\"type\": [\"null\", \"array\"], \"items\": {\"type\": "
                  "\"integer\"}, \"maxItems\": 2}"),
        });
        QCOMPARE(form.field(QStringLiteral("html"))->description, QStringLiteral("Use bold & care."));
        QCOMPARE(form.field(QStringLiteral("level"))->kind, Kind::Enum);
        QCOMPARE(form.field(QStringLiteral("level"))->displayText(QJsonValue::Null), QStringLiteral("None"));
        QVERIFY(form.setText(QStringLiteral("level"), QStringLiteral("High")));
        QCOMPARE(form.value(QStringLiteral("level")), QJsonValue(3));
        QVERIFY(form.setText(QStringLiteral("level"), QStringLiteral("3")));
        QCOMPARE(form.value(QStringLiteral("level")), QJsonValue(3));
        QVERIFY(form.setText(QStringLiteral("level"), QString()));
        QCOMPARE(form.errorFor(QStringLiteral("level")), QString());
        QVERIFY(form.setValue(QStringLiteral("level"), 4));
        QCOMPARE(form.errorFor(QStringLiteral("level")),
                 QStringLiteral("level must be one of: Low, Mid, High, None."));

        QCOMPARE(form.field(QStringLiteral("untyped"))->kind, Kind::Text);
        QVERIFY(form.field(QStringLiteral("untyped"))->nullable);
        QVERIFY(form.setValue(QStringLiteral("untyped"), 12));
        QCOMPARE(form.errorFor(QStringLiteral("untyped")), QString());

        QCOMPARE(form.field(QStringLiteral("ids"))->kind, Kind::NumberArray);
        QCOMPARE(form.errorFor(QStringLiteral("ids")), QString());
        QVERIFY(form.setText(QStringLiteral("ids"), QStringLiteral("1\n2.5")));
        QCOMPARE(form.errorFor(QStringLiteral("ids")),
                 QStringLiteral("Item 2 of ids must be a whole number."));
        QVERIFY(form.setText(QStringLiteral("ids"), QStringLiteral("1\n2\n3")));
        QCOMPARE(form.errorFor(QStringLiteral("ids")), QStringLiteral("ids must have at most 2 items."));
        QVERIFY(!form.setText(QStringLiteral("nope"), QString()));
        QVERIFY(!form.setValue(QStringLiteral("nope"), 1));
    }

    void multipleOf_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("error");
        const QString quarter = QStringLiteral("{\"type\": \"number\", \"multipleOf\": 0.25}");
        const QString five = QStringLiteral("{\"type\": \"integer\", \"multipleOf\": 5}");
        const QString tenth = QStringLiteral("{\"type\": \"number\", \"multipleOf\": 0.1}");
        QTest::newRow("quarter ok") << quarter << 0.75 << QString();
        QTest::newRow("quarter off") << quarter << 0.8 << QStringLiteral("step must be a multiple of 0.25.");
        QTest::newRow("five ok") << five << 15.0 << QString();
        QTest::newRow("five off") << five << 12.0 << QStringLiteral("step must be a multiple of 5.");
        QTest::newRow("binary fraction") << tenth << 0.3 << QString();
        QTest::newRow("negative") << five << -10.0 << QString();
    }
    void multipleOf()
    {
        QFETCH(QString, schema);
        QFETCH(double, value);
        QFETCH(QString, error);
        ParamsForm form({DagParam{QStringLiteral("step"), 0, json(schema.toUtf8().constData()), QString()}});
        QVERIFY(form.field(QStringLiteral("step"))->multipleOf.has_value());
        QVERIFY(form.setValue(QStringLiteral("step"), value));
        QCOMPARE(form.errorFor(QStringLiteral("step")), error);
    }

    void numberDecimals()
    {
        QCOMPARE(ParamField::decimalsOf(0.25), 2);
        QCOMPARE(ParamField::decimalsOf(3), 0);
        QCOMPARE(ParamField::decimalsOf(0.1), 1);
        QCOMPARE(ParamField::decimalsOf(1e-7), 7);
        QCOMPARE(ParamField::decimalsOf(1234.5678), 4);
        const ParamField ratio = ParamField::fromDagParam(
            param("ratio", 0.5, "{\"type\": \"number\", \"multipleOf\": 0.005, \"maximum\": 1}"));
        QCOMPARE(ratio.decimals(), 3);
        QCOMPARE(ParamField::numberText(0.25), QStringLiteral("0.25"));
        QCOMPARE(ParamField::numberText(3), QStringLiteral("3"));
        ParamsForm form({param("ratio", 0.25, "{\"type\": \"number\"}")});
        QCOMPARE(form.text(QStringLiteral("ratio")), QStringLiteral("0.25"));
    }

    void objectProperties()
    {
        ParamsForm form(
            {param("target", jsonValue("{\"table\": \"orders\", \"rows\": 10}"),
                   "{\"type\": \"object\", \"required\": [\"table\"], \"properties\": {\"table\": "
                   "{\"type\": \"string\"}, \"rows\": {\"type\": [\"integer\", \"null\"]}}}"),
             param("strict", jsonValue("{\"a\": 1}"),
                   "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}, "
                   "\"additionalProperties\": false}")});
        const ParamField *target = form.field(QStringLiteral("target"));
        QCOMPARE(target->kind, Kind::JsonObject);
        QCOMPARE(target->requiredKeys, QStringList{QStringLiteral("table")});
        QCOMPARE(form.errorFor(QStringLiteral("target")), QString());
        QVERIFY(form.setText(QStringLiteral("target"), QStringLiteral("{\"rows\": 5}")));
        QCOMPARE(form.errorFor(QStringLiteral("target")), QStringLiteral("target needs the key table."));
        QVERIFY(form.setText(QStringLiteral("target"), QStringLiteral("{\"table\": 5}")));
        QCOMPARE(form.errorFor(QStringLiteral("target")),
                 QStringLiteral("The key table of target must be text."));
        QVERIFY(form.setText(QStringLiteral("target"), QStringLiteral("{\"table\": \"t\", \"rows\": null}")));
        QCOMPARE(form.errorFor(QStringLiteral("target")), QString());
        QVERIFY(form.setText(QStringLiteral("target"), QStringLiteral("{\"table\": \"t\", \"rows\": 1.5}")));
        QCOMPARE(form.errorFor(QStringLiteral("target")),
                 QStringLiteral("The key rows of target must be a whole number or null."));
        QVERIFY(form.setText(QStringLiteral("target"), QStringLiteral("{\"table\": \"t\", \"other\": [1]}")));
        QCOMPARE(form.errorFor(QStringLiteral("target")), QString()); // other keys are allowed by default
        QCOMPARE(form.errorFor(QStringLiteral("strict")), QString());
        QVERIFY(form.setText(QStringLiteral("strict"), QStringLiteral("{\"a\": 1, \"b\": 2}")));
        QCOMPARE(form.errorFor(QStringLiteral("strict")),
                 QStringLiteral("strict has the key b, which it does not allow."));
    }

    void stringExamplesAreSuggestions()
    {
        ParamsForm form({param("city", QStringLiteral("Berlin"),
                               "{\"type\": \"string\", \"examples\": [\"Berlin\", \"Paris\", \"Rome\"]}")});
        const ParamField *city = form.field(QStringLiteral("city"));
        QCOMPARE(city->kind, Kind::Text); // proposals, not a closed list
        QCOMPARE(city->suggestions(),
                 (QStringList{QStringLiteral("Berlin"), QStringLiteral("Paris"), QStringLiteral("Rome")}));
        QVERIFY(form.setText(QStringLiteral("city"), QStringLiteral("Lisbon")));
        QCOMPARE(form.errorFor(QStringLiteral("city")), QString());
        QCOMPARE(form.value(QStringLiteral("city")), QJsonValue(QStringLiteral("Lisbon")));
    }

    void multilineFormat()
    {
        ParamsForm form(
            {param("notes", QStringLiteral("a\nb"), "{\"type\": \"string\", \"format\": \"multiline\"}")});
        QCOMPARE(form.field(QStringLiteral("notes"))->kind, Kind::MultilineText);
        QVERIFY(form.setText(QStringLiteral("notes"), QStringLiteral("line 1\nline 2\n")));
        QCOMPARE(form.value(QStringLiteral("notes")), QJsonValue(QStringLiteral("line 1\nline 2\n")));
        QCOMPARE(form.errorFor(QStringLiteral("notes")), QString());
    }

    void customHtmlFormFallsBackToJson()
    {
        ParamsForm form({
            param("colour", QStringLiteral("#ff0000"),
                  "{\"type\": \"string\", \"custom_html_form\": \"<input type='color' name='{name}' "
                  "value='{value}'>\"}"),
            param("count", 3, "{\"type\": \"integer\", \"custom_html_form\": \"<input name='{name}'>\"}"),
            param("shape", jsonValue("{\"w\": 1}"),
                  "{\"type\": \"object\", \"custom_html_form\": \"<div/>\"}"),
        });
        const ParamField *colour = form.field(QStringLiteral("colour"));
        QVERIFY(colour->customHtmlForm);
        QCOMPARE(colour->kind, Kind::JsonValue);
        QCOMPARE(form.text(QStringLiteral("colour")), QStringLiteral("#ff0000")); // text stays text
        QVERIFY(form.setText(QStringLiteral("colour"), QStringLiteral("#00ff00")));
        QCOMPARE(form.value(QStringLiteral("colour")), QJsonValue(QStringLiteral("#00ff00")));

        QCOMPARE(form.field(QStringLiteral("count"))->kind, Kind::JsonValue);
        QCOMPARE(form.text(QStringLiteral("count")), QStringLiteral("3"));
        QVERIFY(form.setText(QStringLiteral("count"), QStringLiteral("7")));
        QCOMPARE(form.value(QStringLiteral("count")), QJsonValue(7));
        QVERIFY(form.setText(QStringLiteral("count"), QStringLiteral("seven")));
        QCOMPARE(form.errorFor(QStringLiteral("count")), QStringLiteral("count is not valid JSON."));
        QVERIFY(form.setText(QStringLiteral("count"), QStringLiteral("\"7\"")));
        QCOMPARE(form.errorFor(QStringLiteral("count")), QStringLiteral("count must be a whole number."));

        QCOMPARE(form.field(QStringLiteral("shape"))->kind, Kind::JsonObject);
        QVERIFY(form.field(QStringLiteral("shape"))->customHtmlForm);
    }

    void sectionsSortedAsAirflowDoes()
    {
        // trigger.html groups with Jinja's groupby, which sorts the section names (ignoring case).
        ParamsForm form({
            param("z1", 1, "{\"type\": \"integer\", \"section\": \"Zeta\"}"),
            param("main", 1, "{\"type\": \"integer\"}"),
            param("a1", 1, "{\"type\": \"integer\", \"section\": \"alpha\"}"),
            param("b1", 1, "{\"type\": \"integer\", \"section\": \"Beta\"}"),
            param("a2", 1, "{\"type\": \"integer\", \"section\": \"alpha\"}"),
            param("fixed", 1, "{\"const\": 1, \"section\": \"Only constants\"}"),
        });
        const auto sections = form.sections();
        QStringList names;
        for (const auto &section : sections)
            names.append(section.name);
        QCOMPARE(names, (QStringList{QString(), QStringLiteral("alpha"), QStringLiteral("Beta"),
                                     QStringLiteral("Zeta")}));
        QCOMPARE(sections.at(1).fields, (QStringList{QStringLiteral("a1"), QStringLiteral("a2")}));
        QCOMPARE(form.conf().value(QStringLiteral("fixed")), QJsonValue(1)); // hidden, still sent
        QVERIFY(!form.setValue(QStringLiteral("nope"), 1));
        QVERIFY(form.setValue(QStringLiteral("fixed"), 2));
        QCOMPARE(form.value(QStringLiteral("fixed")), QJsonValue(1)); // the DAG fixes it
    }

    void nullTypeIsOptional_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<Kind>("kind");
        QTest::newRow("null first") << QStringLiteral("{\"type\": [\"null\", \"integer\"]}") << Kind::Integer;
        QTest::newRow("null last") << QStringLiteral("{\"type\": [\"number\", \"null\"]}") << Kind::Number;
        QTest::newRow("date") << QStringLiteral("{\"type\": [\"string\", \"null\"], \"format\": \"date\"}")
                              << Kind::Date;
        QTest::newRow("array") << QStringLiteral("{\"type\": [\"null\", \"array\"]}") << Kind::StringArray;
        QTest::newRow("object") << QStringLiteral("{\"type\": [\"null\", \"object\"]}") << Kind::JsonObject;
    }
    void nullTypeIsOptional()
    {
        QFETCH(QString, schema);
        QFETCH(Kind, kind);
        ParamsForm form(
            {DagParam{QStringLiteral("p"), QJsonValue::Null, json(schema.toUtf8().constData()), QString()}});
        const ParamField *field = form.field(QStringLiteral("p"));
        QCOMPARE(field->kind, kind);
        QVERIFY(field->nullable);
        QVERIFY(!field->required());
        QVERIFY(form.setText(QStringLiteral("p"), QStringLiteral("  ")));
        QCOMPARE(form.value(QStringLiteral("p")), QJsonValue(QJsonValue::Null));
        QCOMPARE(form.errorFor(QStringLiteral("p")), QString());
        QVERIFY(form.conf().contains(QStringLiteral("p")));
    }

    void valuesDisplayLabels()
    {
        ParamsForm form(
            {param("tags", jsonValue("[\"a\"]"),
                   "{\"type\": \"array\", \"examples\": [\"a\", \"b\"], \"values_display\": {\"a\": "
                   "\"Alpha\"}}"),
             param("level", 1,
                   "{\"type\": \"integer\", \"enum\": [1, 2], \"values_display\": {\"1\": \"Low\"}}")});
        const ParamField *tags = form.field(QStringLiteral("tags"));
        QCOMPARE(tags->displayText(QStringLiteral("a")), QStringLiteral("Alpha"));
        QCOMPARE(tags->displayText(QStringLiteral("b")), QStringLiteral("b"));
        const ParamField *level = form.field(QStringLiteral("level"));
        QCOMPARE(level->displayText(1), QStringLiteral("Low"));
        QCOMPARE(level->displayText(2), QStringLiteral("2"));
        QVERIFY(form.setText(QStringLiteral("level"), QStringLiteral("Low")));
        QCOMPARE(form.value(QStringLiteral("level")), QJsonValue(1)); // the value, not its label
    }

    void emptyForm()
    {
        const ParamsForm form;
        QVERIFY(form.isValid());
        QVERIFY(form.sections().isEmpty());
        QVERIFY(form.conf().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestParamsForm)
#include "tst_paramsform.moc"
