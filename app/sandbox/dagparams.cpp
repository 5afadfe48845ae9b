#include "dagparams.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Windsock::Sandbox::DagParams {

namespace {

QJsonObject param(const QJsonValue &value, const QJsonValue &description, const QJsonObject &schema)
{
    return QJsonObject{{QStringLiteral("__class"), QStringLiteral("airflow.models.param.Param")},
                       {QStringLiteral("value"), value},
                       {QStringLiteral("description"), description},
                       {QStringLiteral("schema"), schema}};
}

OrderedParams showcase()
{
    OrderedParams p;
    p.insert(QStringLiteral("run_extra_checks"),
             param(true, QStringLiteral("Run the slower data-quality checks too."),
                   {{QStringLiteral("type"), QStringLiteral("boolean")},
                    {QStringLiteral("title"), QStringLiteral("Extra checks")}}));
    p.insert(QStringLiteral("worker_count"), param(3, QStringLiteral("How many workers to use."),
                                                   {{QStringLiteral("type"), QStringLiteral("integer")},
                                                    {QStringLiteral("title"), QStringLiteral("Workers")},
                                                    {QStringLiteral("minimum"), 1},
                                                    {QStringLiteral("maximum"), 10}}));
    p.insert(QStringLiteral("sample_ratio"),
             param(0.25, QJsonValue::Null,
                   {{QStringLiteral("type"), QStringLiteral("number")},
                    {QStringLiteral("minimum"), 0},
                    {QStringLiteral("maximum"), 1},
                    {QStringLiteral("description"), QStringLiteral("Share of rows to sample, 0 to 1.")}}));
    p.insert(
        QStringLiteral("region"),
        param(QStringLiteral("eu-west-1"), QStringLiteral("Where the data lives."),
              {{QStringLiteral("type"), QStringLiteral("string")},
               {QStringLiteral("enum"), QJsonArray{QStringLiteral("eu-west-1"), QStringLiteral("us-east-1"),
                                                   QStringLiteral("ap-southeast-2")}}}));
    p.insert(QStringLiteral("environment"),
             param(QStringLiteral("prod"), QJsonValue::Null,
                   {{QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("title"), QStringLiteral("Environment")},
                    {QStringLiteral("enum"),
                     QJsonArray{QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("prod")}},
                    {QStringLiteral("values_display"),
                     QJsonObject{{QStringLiteral("dev"), QStringLiteral("Development")},
                                 {QStringLiteral("staging"), QStringLiteral("Staging")},
                                 {QStringLiteral("prod"), QStringLiteral("Production")}}}}));
    p.insert(QStringLiteral("report_date"),
             param(QStringLiteral("2025-06-01"), QStringLiteral("The business day to report on."),
                   {{QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("format"), QStringLiteral("date")}}));
    p.insert(QStringLiteral("run_at"), param(QStringLiteral("2025-06-01T06:00:00+00:00"), QJsonValue::Null,
                                             {{QStringLiteral("type"), QStringLiteral("string")},
                                              {QStringLiteral("format"), QStringLiteral("date-time")},
                                              {QStringLiteral("title"), QStringLiteral("Run at")}}));
    p.insert(QStringLiteral("cutoff_time"),
             param(QStringLiteral("18:00:00"), QStringLiteral("Ignore events after this time of day."),
                   {{QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("format"), QStringLiteral("time")}}));
    p.insert(
        QStringLiteral("recipients"),
        param(QJsonArray{QStringLiteral("ops@example.com"), QStringLiteral("analytics@example.com")},
              QStringLiteral("Who gets the report, one address a line."),
              {{QStringLiteral("type"), QStringLiteral("array")},
               {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}));
    p.insert(
        QStringLiteral("sample_sizes"),
        param(QJsonArray{10, 100, 1000}, QJsonValue::Null,
              {{QStringLiteral("type"), QStringLiteral("array")},
               {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("number")}}}}));
    p.insert(
        QStringLiteral("targets"),
        param(QJsonArray{QJsonObject{{QStringLiteral("table"), QStringLiteral("orders")},
                                     {QStringLiteral("mode"), QStringLiteral("append")}}},
              QStringLiteral("Tables to load, as a JSON list of objects."),
              {{QStringLiteral("type"), QStringLiteral("array")},
               {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}}));
    p.insert(QStringLiteral("sql_query"),
             param(QStringLiteral("SELECT *\nFROM orders\nWHERE order_date = '{{ ds }}'"), QJsonValue::Null,
                   {{QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("format"), QStringLiteral("multiline")},
                    {QStringLiteral("title"), QStringLiteral("Query")},
                    {QStringLiteral("description_md"),
                     QStringLiteral("The **SQL** to run. Jinja such as `{{ ds }}` is rendered.")}}));
    p.insert(QStringLiteral("options"),
             param(QJsonObject{{QStringLiteral("retries"), 3}, {QStringLiteral("notify"), true}},
                   QStringLiteral("Free-form options, as a JSON object."),
                   {{QStringLiteral("type"), QStringLiteral("object")}}));
    p.insert(QStringLiteral("comment"),
             param(QJsonValue::Null, QStringLiteral("Optional: why this run was started."),
                   {{QStringLiteral("type"), QJsonArray{QStringLiteral("null"), QStringLiteral("string")}}}));
    p.insert(QStringLiteral("api_version"),
             param(QStringLiteral("v2"), QStringLiteral("Fixed: the upstream API version."),
                   {{QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("const"), QStringLiteral("v2")}}));
    p.insert(
        QStringLiteral("batch_label"),
        param(QStringLiteral("nightly"), QStringLiteral("A label for this batch."),
              {{QStringLiteral("type"), QStringLiteral("string")},
               {QStringLiteral("section"), QStringLiteral("Advanced")},
               {QStringLiteral("minLength"), 3},
               {QStringLiteral("maxLength"), 20},
               {QStringLiteral("pattern"), QStringLiteral("^[a-z_]+$")},
               {QStringLiteral("examples"),
                QJsonArray{QStringLiteral("nightly"), QStringLiteral("hourly"), QStringLiteral("adhoc")}}}));
    p.insert(QStringLiteral("full_refresh"),
             param(false, QStringLiteral("Rebuild the tables from scratch."),
                   {{QStringLiteral("type"), QStringLiteral("boolean")},
                    {QStringLiteral("section"), QStringLiteral("Advanced")}}));
    p.insert(QStringLiteral("legacy_limit"),
             param(42, QJsonValue::Null, QJsonObject())); // a plain value in params
    return p;
}

} // namespace

QByteArray OrderedParams::toJson() const
{
    QByteArray json = "{";
    for (const auto &[name, param] : m_items) {
        if (json.size() > 1)
            json += ',';
        // A one-element array serializes the name as a JSON string, escapes and all.
        const QByteArray key = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
        json += key.mid(1, key.size() - 2) + ':' + QJsonDocument(param).toJson(QJsonDocument::Compact);
    }
    return json + '}';
}

QJsonObject OrderedParams::toObject() const
{
    QJsonObject object;
    for (const auto &[name, param] : m_items)
        object.insert(name, param);
    return object;
}

OrderedParams build(int kind)
{
    switch (kind) {
    case 0:
        return showcase();
    case 2: {
        OrderedParams p;
        p.insert(QStringLiteral("environment"),
                 param(QStringLiteral("prod"), QJsonValue::Null,
                       {{QStringLiteral("type"), QStringLiteral("string")},
                        {QStringLiteral("enum"), QJsonArray{QStringLiteral("dev"), QStringLiteral("staging"),
                                                            QStringLiteral("prod")}}}));
        p.insert(QStringLiteral("full_refresh"),
                 param(false, QStringLiteral("Rebuild from scratch."),
                       {{QStringLiteral("type"), QStringLiteral("boolean")}}));
        return p;
    }
    case 3: {
        OrderedParams p;
        p.insert(QStringLiteral("start_date"), param(QStringLiteral("2025-01-01"), QJsonValue::Null,
                                                     {{QStringLiteral("type"), QStringLiteral("string")},
                                                      {QStringLiteral("format"), QStringLiteral("date")}}));
        p.insert(QStringLiteral("row_limit"), param(1000, QStringLiteral("Stop after this many rows."),
                                                    {{QStringLiteral("type"), QStringLiteral("integer")},
                                                     {QStringLiteral("minimum"), 0}}));
        return p;
    }
    default:
        return {};
    }
}

} // namespace Windsock::Sandbox::DagParams
