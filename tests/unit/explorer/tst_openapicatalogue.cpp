// OpenApiCatalogue: the official Airflow 2 (OpenAPI 3.0, YAML, relative paths under servers: /api/v1) and
// Airflow 3 (OpenAPI 3.1, anyOf-null) specs read into operations, checked by hand against the files in
// ../shared/airflow-openapi; then small documents for each schema rule, the /ui filter, and every kind of bad
// document. The official specs are read from the shared folder, never copied in: without it those tests skip.

#include "explorer/openapicatalogue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using Windsock::Explorer::ApiOperation;
using Windsock::Explorer::ApiParameter;
using Windsock::Explorer::OpenApiCatalogue;

namespace {

QByteArray sharedSpec(const QString &name)
{
    QFile file(QStringLiteral(WINDSOCK_SHARED_DIR "/airflow-openapi/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const ApiParameter *parameterNamed(const ApiOperation &operation, const QString &name)
{
    for (const ApiParameter &parameter : operation.parameters) {
        if (parameter.name == name)
            return &parameter;
    }
    return nullptr;
}

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestOpenApiCatalogue final : public QObject
{
    Q_OBJECT

private:
    // The catalogues of the official specs, read once.
    OpenApiCatalogue m_v1;
    OpenApiCatalogue m_v2;
    bool m_haveSpecs = false;

    const ApiOperation &operation(const OpenApiCatalogue &catalogue, const char *method, const char *path)
    {
        const int index = catalogue.find(QByteArray(method), QString::fromLatin1(path));
        if (index < 0)
            qFatal("no operation %s %s", method, path);
        return catalogue.operations().at(index);
    }

private Q_SLOTS:
    void initTestCase();

    // The official specs
    void v1CountsEveryPathAndOperation();
    void v1TriggerWithItsBodySkeleton();
    void v2TriggerWithItsBodySkeleton();
    void v1ListDagsIsPagedWithDefaults();
    void v2ListDagsRepeatsOrderBy();
    void pathLevelParametersAreMerged();
    void searchByPathSummaryAndTag();
    void findWithAConcretePath();
    void v2HasNoUiOperations();

    // Rules, on small documents
    void nestedRefsAllOfAndAnyOfNull();
    void skeletonOrderAndReadOnly();
    void recursiveSchemaStops();
    void uiPathsAreLeftOut();
    void serverUrlGivesThePrefix();
    void badDocuments_data();
    void badDocuments();
};

void TestOpenApiCatalogue::initTestCase()
{
    const QByteArray v1 = sharedSpec(QStringLiteral("airflow-2-v1.yaml"));
    const QByteArray v2 = sharedSpec(QStringLiteral("airflow-3-v2.yaml"));
    m_haveSpecs = !v1.isEmpty() && !v2.isEmpty();
    if (!m_haveSpecs)
        return;
    QString error;
    m_v1 = OpenApiCatalogue::fromDocument(v1, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_v2 = OpenApiCatalogue::fromDocument(v2, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

#define REQUIRE_SPECS()                                                                                      \
    if (!m_haveSpecs)                                                                                        \
        QSKIP("skipped: official specs not found (../shared/airflow-openapi is absent)");

void TestOpenApiCatalogue::v1CountsEveryPathAndOperation()
{
    REQUIRE_SPECS()
    QCOMPARE(m_v1.title(), QStringLiteral("Airflow API (Stable)"));
    QCOMPARE(m_v1.version(), QStringLiteral("2.10.5"));
    QCOMPARE(m_v1.openApiVersion(), QStringLiteral("3.0.3"));
    // SOURCES.md: 62 paths; counted with PyYAML: 89 operations on them.
    QSet<QString> paths;
    for (const ApiOperation &operation : m_v1.operations()) {
        QVERIFY2(operation.path.startsWith(QLatin1String("/api/v1/")), qPrintable(operation.path));
        paths.insert(operation.path);
    }
    QCOMPARE(paths.size(), 62);
    QCOMPARE(m_v1.operations().size(), 89);
    // Airflow 3: 79 paths, 110 operations, all of them public (the file has no /ui/ paths).
    QCOMPARE(m_v2.operations().size(), 110);
    QCOMPARE(m_v2.version(), QStringLiteral("2"));
    QCOMPARE(m_v2.openApiVersion(), QStringLiteral("3.1.0"));
    // Sorted by path, methods in GET, POST, PUT, PATCH, DELETE order within one.
    const ApiOperation &first = m_v1.operations().at(0);
    QCOMPARE(first.path, QStringLiteral("/api/v1/config"));
    QCOMPARE(first.method, QByteArray("GET"));
}

void TestOpenApiCatalogue::v1TriggerWithItsBodySkeleton()
{
    REQUIRE_SPECS()
    const ApiOperation &trigger = operation(m_v1, "POST", "/api/v1/dags/{dag_id}/dagRuns");
    QCOMPARE(trigger.operationId, QStringLiteral("post_dag_run"));
    QCOMPARE(trigger.summary, QStringLiteral("Trigger a new DAG run."));
    QCOMPARE(trigger.tags, QStringList{QStringLiteral("DAGRun")});
    QVERIFY(trigger.hasBody);
    QVERIFY(!trigger.paged);
    // The DAGRun schema: readOnly fields (dag_id, start_date, state through DagState, run_type, ...) and the
    // deprecated execution_date are left out; nullable fields are null; conf, an object, is {}.
    QCOMPARE(trigger.bodySkeleton, QByteArray("{\n"
                                              "    \"conf\": {},\n"
                                              "    \"dag_run_id\": null,\n"
                                              "    \"data_interval_end\": null,\n"
                                              "    \"data_interval_start\": null,\n"
                                              "    \"logical_date\": null,\n"
                                              "    \"note\": null\n"
                                              "}"));
    QJsonParseError parseError;
    QJsonDocument::fromJson(trigger.bodySkeleton, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
}

void TestOpenApiCatalogue::v2TriggerWithItsBodySkeleton()
{
    REQUIRE_SPECS()
    const ApiOperation &trigger = operation(m_v2, "POST", "/api/v2/dags/{dag_id}/dagRuns");
    QCOMPARE(trigger.operationId, QStringLiteral("trigger_dag_run"));
    QCOMPARE(trigger.tags, QStringList{QStringLiteral("DagRun")});
    // TriggerDAGRunPostBody: logical_date is required (anyOf date-time or null), so it comes first.
    QCOMPARE(trigger.bodySkeleton, QByteArray("{\n"
                                              "    \"logical_date\": null,\n"
                                              "    \"conf\": null,\n"
                                              "    \"dag_run_id\": null,\n"
                                              "    \"data_interval_end\": null,\n"
                                              "    \"data_interval_start\": null,\n"
                                              "    \"note\": null,\n"
                                              "    \"partition_key\": null,\n"
                                              "    \"run_after\": null\n"
                                              "}"));
    const ApiParameter *dagId = parameterNamed(trigger, QStringLiteral("dag_id"));
    QVERIFY(dagId);
    QCOMPARE(dagId->in, QStringLiteral("path"));
    QVERIFY(dagId->required);
    QCOMPARE(dagId->type, QStringLiteral("string")); // the schema has only a title: a path is text

    // A bulk body: arrays of objects show one item, const and enum values are filled in.
    const ApiOperation &bulk = operation(m_v2, "PATCH", "/api/v2/pools");
    const QJsonObject body = json(bulk.bodySkeleton);
    const QJsonObject action = body.value(QLatin1String("actions")).toArray().at(0).toObject();
    QCOMPARE(action.value(QLatin1String("action")).toString(), QStringLiteral("create"));
    QCOMPARE(action.value(QLatin1String("action_on_existence")).toString(), QStringLiteral("fail"));
    QVERIFY(
        action.value(QLatin1String("entities")).toArray().at(0).toObject().contains(QLatin1String("name")));
}

void TestOpenApiCatalogue::v1ListDagsIsPagedWithDefaults()
{
    REQUIRE_SPECS()
    const ApiOperation &list = operation(m_v1, "GET", "/api/v1/dags");
    QCOMPARE(list.summary, QStringLiteral("List DAGs"));
    QVERIFY(list.paged);
    QVERIFY(!list.hasBody);
    QVERIFY(list.bodySkeleton.isEmpty());
    const ApiParameter *limit = parameterNamed(list, QStringLiteral("limit"));
    QVERIFY(limit);
    QCOMPARE(limit->in, QStringLiteral("query"));
    QCOMPARE(limit->type, QStringLiteral("integer"));
    QCOMPARE(limit->defaultValue, QJsonValue(100));
    QVERIFY(!limit->required);
    const ApiParameter *offset = parameterNamed(list, QStringLiteral("offset"));
    QVERIFY(offset);
    QVERIFY(offset->defaultValue.isUndefined()); // PageOffset has a minimum but no default
    const ApiParameter *orderBy = parameterNamed(list, QStringLiteral("order_by"));
    QVERIFY(orderBy);
    QVERIFY(!orderBy->repeated); // one field in Airflow 2
    const ApiParameter *tags = parameterNamed(list, QStringLiteral("tags"));
    QVERIFY(tags);
    QVERIFY(tags->repeated);
    QCOMPARE(tags->type, QStringLiteral("string"));
    const ApiParameter *onlyActive = parameterNamed(list, QStringLiteral("only_active"));
    QVERIFY(onlyActive);
    QCOMPARE(onlyActive->defaultValue, QJsonValue(true));

    // PATCH /dags has limit, offset and a collection answer too, but it changes DAGs: not paged.
    QVERIFY(!operation(m_v1, "PATCH", "/api/v1/dags").paged);
    // A list whose states come from a $ref'd enum.
    const ApiParameter *state =
        parameterNamed(operation(m_v1, "GET", "/api/v1/dags/{dag_id}/dagRuns"), QStringLiteral("state"));
    QVERIFY(state);
    QVERIFY(state->repeated);
    QCOMPARE(state->format, QString());
}

void TestOpenApiCatalogue::v2ListDagsRepeatsOrderBy()
{
    REQUIRE_SPECS()
    const ApiOperation &list = operation(m_v2, "GET", "/api/v2/dags");
    QVERIFY(list.paged);
    QCOMPARE(parameterNamed(list, QStringLiteral("limit"))->defaultValue, QJsonValue(50));
    QCOMPARE(parameterNamed(list, QStringLiteral("offset"))->defaultValue, QJsonValue(0));
    const ApiParameter *orderBy = parameterNamed(list, QStringLiteral("order_by"));
    QVERIFY(orderBy);
    QVERIFY(orderBy->repeated);
    QCOMPARE(orderBy->type, QStringLiteral("string"));
    QCOMPARE(orderBy->defaultValue, QJsonValue(QJsonArray{QStringLiteral("dag_id")}));
    // anyOf [enum, null]: the enum's values, not nullable noise.
    const ApiParameter *mode = parameterNamed(list, QStringLiteral("tags_match_mode"));
    QVERIFY(mode);
    QCOMPARE(mode->type, QStringLiteral("string"));
    QCOMPARE(mode->enumValues, (QStringList{QStringLiteral("any"), QStringLiteral("all")}));
    // anyOf [date-time string, null]
    const ApiParameter *after = parameterNamed(list, QStringLiteral("dag_run_start_date_gte"));
    QVERIFY(after);
    QCOMPARE(after->type, QStringLiteral("string"));
    QCOMPARE(after->format, QStringLiteral("date-time"));
    // anyOf [$ref DagRunState, null]: the enum through the reference.
    const ApiParameter *lastState = parameterNamed(list, QStringLiteral("last_dag_run_state"));
    QVERIFY(lastState);
    QVERIFY(lastState->enumValues.contains(QStringLiteral("success")));
    QVERIFY(lastState->enumValues.contains(QStringLiteral("failed")));
}

void TestOpenApiCatalogue::pathLevelParametersAreMerged()
{
    REQUIRE_SPECS()
    // Airflow 2 declares dag_id and dag_run_id once on the path item: every operation gets them, first.
    const ApiOperation &get = operation(m_v1, "GET", "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}");
    QVERIFY(get.parameters.size() >= 2);
    QCOMPARE(get.parameters.at(0).name, QStringLiteral("dag_id"));
    QCOMPARE(get.parameters.at(1).name, QStringLiteral("dag_run_id"));
    QCOMPARE(get.parameters.at(0).in, QStringLiteral("path"));
    QVERIFY(get.parameters.at(1).required);
    QVERIFY(parameterNamed(get, QStringLiteral("fields"))); // the operation's own, after them
}

void TestOpenApiCatalogue::searchByPathSummaryAndTag()
{
    REQUIRE_SPECS()
    const auto paths = [this](const QString &text) {
        QStringList found;
        for (int index : m_v1.search(text))
            found.append(QString::fromLatin1(m_v1.operations().at(index).method) + QLatin1Char(' ') +
                         m_v1.operations().at(index).path);
        return found;
    };
    // By path
    QCOMPARE(paths(QStringLiteral("/importErrors")),
             (QStringList{QStringLiteral("GET /api/v1/importErrors"),
                          QStringLiteral("GET /api/v1/importErrors/{import_error_id}")}));
    // By summary, any case
    QCOMPARE(paths(QStringLiteral("trigger a new")),
             QStringList{QStringLiteral("POST /api/v1/dags/{dag_id}/dagRuns")});
    // By tag: every operation tagged Variable (and nothing else mentions it)
    QCOMPARE(paths(QStringLiteral("Variable")).size(), 5);
    // By operationId
    QCOMPARE(paths(QStringLiteral("get_dag_source")),
             QStringList{QStringLiteral("GET /api/v1/dagSources/{file_token}")});
    // Every word must match: method and path together
    QCOMPARE(paths(QStringLiteral("delete pools")),
             QStringList{QStringLiteral("DELETE /api/v1/pools/{pool_name}")});
    QCOMPARE(m_v1.search(QStringLiteral("  ")).size(), m_v1.operations().size());
    QVERIFY(m_v1.search(QStringLiteral("no such thing anywhere")).isEmpty());
}

void TestOpenApiCatalogue::findWithAConcretePath()
{
    REQUIRE_SPECS()
    const auto idOf = [](const OpenApiCatalogue &catalogue, const char *method, const QString &path) {
        const int index = catalogue.find(QByteArray(method), path);
        return index < 0 ? QString() : catalogue.operations().at(index).operationId;
    };
    QCOMPARE(idOf(m_v1, "GET", QStringLiteral("/api/v1/dags/etl_orders")), QStringLiteral("get_dag"));
    QCOMPARE(
        idOf(m_v1, "get",
             QStringLiteral("/api/v1/dags/etl_orders/dagRuns/manual__2025-06-01T12%3A00%3A00%2B00%3A00")),
        QStringLiteral("get_dag_run"));
    QCOMPARE(idOf(m_v1, "GET", QStringLiteral("/api/v1/dags?limit=5&offset=10")), QStringLiteral("get_dags"));
    QCOMPARE(idOf(m_v1, "GET", QStringLiteral("/api/v1/dags/")), QStringLiteral("get_dags"));
    QCOMPARE(idOf(m_v1, "POST", QStringLiteral("/api/v1/dags/~/dagRuns/list")),
             QStringLiteral("get_dag_runs_batch"));
    // A literal segment wins over a parameter: /datasets/events is not the dataset called "events".
    QCOMPARE(idOf(m_v1, "GET", QStringLiteral("/api/v1/datasets/events")),
             QStringLiteral("get_dataset_events"));
    QCOMPARE(idOf(m_v1, "GET", QStringLiteral("/api/v1/datasets/s3%3A%2F%2Fbucket")),
             QStringLiteral("get_dataset"));
    QCOMPARE(idOf(m_v2, "GET", QStringLiteral("/api/v2/assets/aliases")),
             QStringLiteral("get_asset_aliases"));
    // The template itself
    QCOMPARE(idOf(m_v2, "PATCH", QStringLiteral("/api/v2/dags/{dag_id}")), QStringLiteral("patch_dag"));
    // Nothing
    QCOMPARE(m_v1.find(QByteArrayLiteral("PUT"), QStringLiteral("/api/v1/dags/x")), -1);
    QCOMPARE(m_v1.find(QByteArrayLiteral("GET"), QStringLiteral("/api/v2/dags")), -1);
    QCOMPARE(m_v1.find(QByteArrayLiteral("GET"), QStringLiteral("/api/v1/dags//dagRuns")), -1);
}

void TestOpenApiCatalogue::v2HasNoUiOperations()
{
    REQUIRE_SPECS()
    for (const ApiOperation &operation : m_v2.operations())
        QVERIFY2(operation.path.startsWith(QLatin1String("/api/v2/")), qPrintable(operation.path));
}

void TestOpenApiCatalogue::nestedRefsAllOfAndAnyOfNull()
{
    const QByteArray document =
        "openapi: 3.1.0\n"
        "info: {title: Test, version: 1.0.5}\n"
        "paths:\n"
        "  /api/v2/things/{thing_id}:\n"
        "    parameters:\n"
        "      - $ref: '#/components/parameters/ThingId'\n"
        "    put:\n"
        "      tags: [Thing]\n"
        "      parameters:\n"
        "        - name: mode\n"
        "          in: query\n"
        "          schema:\n"
        "            anyOf:\n"
        "              - $ref: '#/components/schemas/ModeAlias'\n"
        "              - type: 'null'\n"
        "        - name: ids\n"
        "          in: query\n"
        "          schema: {type: [array, 'null'], items: {type: integer, format: int64}}\n"
        "        - name: session\n"
        "          in: cookie\n"
        "          schema: {type: string}\n"
        "      requestBody:\n"
        "        $ref: '#/components/requestBodies/Thing'\n"
        "      responses: {'200': {description: ok}}\n"
        "components:\n"
        "  parameters:\n"
        "    ThingId: {name: thing_id, in: path, schema: {type: integer}}\n"
        "  requestBodies:\n"
        "    Thing:\n"
        "      content:\n"
        "        application/json:\n"
        "          schema: {$ref: '#/components/schemas/Thing'}\n"
        "  schemas:\n"
        "    ModeAlias: {$ref: '#/components/schemas/Mode'}\n"
        "    Mode: {type: string, enum: [fast, slow], default: fast}\n"
        "    Named:\n"
        "      type: object\n"
        "      required: [name]\n"
        "      properties:\n"
        "        name: {type: string}\n"
        "        id: {type: integer, readOnly: true}\n"
        "    Thing:\n"
        "      allOf:\n"
        "        - $ref: '#/components/schemas/Named'\n"
        "        - type: object\n"
        "          required: [size]\n"
        "          properties:\n"
        "            size: {type: integer}\n"
        "            mode: {$ref: '#/components/schemas/ModeAlias'}\n"
        "            label: {type: string, nullable: true}\n"
        "            weight: {type: number, example: 2.5}\n"
        "            flags: {type: array, items: {type: boolean}}\n"
        "            owner:\n"
        "              anyOf:\n"
        "                - $ref: '#/components/schemas/Named'\n"
        "                - type: 'null'\n"
        "            spec:\n"
        "              $ref: '#/components/schemas/Named'\n";
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(catalogue.title(), QStringLiteral("Test"));
    QCOMPARE(catalogue.version(), QStringLiteral("1.0.5"));
    QCOMPARE(catalogue.operations().size(), 1);
    const ApiOperation &put = catalogue.operations().at(0);
    QCOMPARE(put.method, QByteArray("PUT"));
    // The cookie is left out; the path item's parameter comes first.
    QCOMPARE(put.parameters.size(), 3);
    QCOMPARE(put.parameters.at(0).name, QStringLiteral("thing_id"));
    QVERIFY(put.parameters.at(0).required); // a path parameter, whatever the document says
    QCOMPARE(put.parameters.at(0).type, QStringLiteral("integer"));
    const ApiParameter &mode = put.parameters.at(1);
    QCOMPARE(mode.type, QStringLiteral("string"));
    QCOMPARE(mode.enumValues, (QStringList{QStringLiteral("fast"), QStringLiteral("slow")}));
    QCOMPARE(mode.defaultValue, QJsonValue(QStringLiteral("fast")));
    const ApiParameter &ids = put.parameters.at(2);
    QVERIFY(ids.repeated);
    QCOMPARE(ids.type, QStringLiteral("integer"));
    QCOMPARE(ids.format, QStringLiteral("int64"));

    // allOf merged (both parts' required fields first), readOnly id left out, nested refs followed.
    QCOMPARE(put.bodySkeleton, QByteArray("{\n"
                                          "    \"name\": \"\",\n"
                                          "    \"size\": 0,\n"
                                          "    \"mode\": \"fast\",\n"
                                          "    \"weight\": 2.5,\n"
                                          "    \"flags\": [],\n"
                                          "    \"label\": null,\n"
                                          "    \"owner\": null,\n"
                                          "    \"spec\": {\n"
                                          "        \"name\": \"\"\n"
                                          "    }\n"
                                          "}"));
}

void TestOpenApiCatalogue::skeletonOrderAndReadOnly()
{
    const QByteArray document =
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"},"
        " \"servers\": [{\"url\": \"/api/v1\"}],"
        " \"paths\": {\"/pools\": {\"post\": {\"requestBody\": {\"content\": {\"application/json\": "
        "{\"schema\":"
        "  {\"type\": \"object\", \"required\": [\"slots\", \"name\"], \"properties\": {"
        "   \"occupied_slots\": {\"type\": \"integer\", \"readOnly\": true},"
        "   \"description\": {\"type\": \"string\", \"nullable\": true},"
        "   \"include_deferred\": {\"type\": \"boolean\", \"default\": false},"
        "   \"name\": {\"type\": \"string\"},"
        "   \"slots\": {\"type\": \"integer\"},"
        "   \"legacy\": {\"type\": \"string\", \"deprecated\": true}"
        " }}}}}, \"responses\": {}}}}}";
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ApiOperation &post = catalogue.operations().at(0);
    QCOMPARE(post.path, QStringLiteral("/api/v1/pools"));
    QCOMPARE(post.bodySkeleton, QByteArray("{\n"
                                           "    \"slots\": 0,\n"
                                           "    \"name\": \"\",\n"
                                           "    \"include_deferred\": false,\n"
                                           "    \"description\": null\n"
                                           "}"));
}

void TestOpenApiCatalogue::recursiveSchemaStops()
{
    const QByteArray document =
        "openapi: 3.0.0\n"
        "info: {title: T, version: '1'}\n"
        "paths:\n"
        "  /nodes:\n"
        "    post:\n"
        "      requestBody:\n"
        "        content:\n"
        "          application/json:\n"
        "            schema: {$ref: '#/components/schemas/Node'}\n"
        "      responses: {}\n"
        "components:\n"
        "  schemas:\n"
        "    Node:\n"
        "      type: object\n"
        "      required: [name, child]\n"
        "      properties:\n"
        "        name: {type: string}\n"
        "        child: {$ref: '#/components/schemas/Node'}\n"
        "        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
        "    Loop: {$ref: '#/components/schemas/Loop'}\n";
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(catalogue.operations().at(0).bodySkeleton, QByteArray("{\n"
                                                                   "    \"name\": \"\",\n"
                                                                   "    \"child\": {},\n"
                                                                   "    \"children\": []\n"
                                                                   "}"));
}

void TestOpenApiCatalogue::uiPathsAreLeftOut()
{
    // What Airflow 3 serves at /openapi.json: the public API and the browser UI's private one.
    const QByteArray document =
        "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"Airflow API\", \"version\": \"2\"},"
        " \"paths\": {"
        "  \"/api/v2/version\": {\"get\": {\"summary\": \"Get Version\"}},"
        "  \"/ui/dashboard/historical_metrics_data\": {\"get\": {\"summary\": \"Historical\"}},"
        "  \"/ui\": {\"get\": {}},"
        "  \"/uix/public\": {\"get\": {}}}}";
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList paths;
    for (const ApiOperation &operation : catalogue.operations())
        paths.append(operation.path);
    QCOMPARE(paths, (QStringList{QStringLiteral("/api/v2/version"), QStringLiteral("/uix/public")}));
    QVERIFY(catalogue.search(QStringLiteral("Historical")).isEmpty());
}

void TestOpenApiCatalogue::serverUrlGivesThePrefix()
{
    const QByteArray document = "openapi: 3.0.0\n"
                                "info: {title: T, version: 2}\n"
                                "servers: [{url: 'https://airflow.example.com/prefix/api/v1/'}]\n"
                                "paths: {/dags: {get: {responses: {}}}}\n";
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(catalogue.version(), QStringLiteral("2"));
    QCOMPARE(catalogue.operations().at(0).path, QStringLiteral("/prefix/api/v1/dags"));
}

void TestOpenApiCatalogue::badDocuments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray(" \n") << QStringLiteral("The OpenAPI document is empty.");
    QTest::newRow("login page") << QByteArray("<!DOCTYPE html><html><body>Sign in</body></html>")
                                << QStringLiteral(
                                       "The server sent a web page (HTML), not an OpenAPI document.");
    QTest::newRow("bad json") << QByteArray("{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}")
                              << QStringLiteral(
                                     "The OpenAPI document is not valid JSON at line 3, column 14:");
    QTest::newRow("bad yaml") << QByteArray("openapi: 3.0.0\npaths:\n  /a: b: c\n")
                              << QStringLiteral(
                                     "The OpenAPI document is neither JSON nor valid YAML. Not valid "
                                     "YAML at line 3, column 8:");
    QTest::newRow("a list") << QByteArray("- a\n- b\n")
                            << QStringLiteral(
                                   "The document is not an OpenAPI document: it is not a JSON or YAML "
                                   "object.");
    QTest::newRow("plain text") << QByteArray("Not Found")
                                << QStringLiteral(
                                       "The document is not an OpenAPI document: it is not a JSON or "
                                       "YAML object.");
    QTest::newRow("swagger") << QByteArray("{\"swagger\": \"2.0\", \"paths\": {}}")
                             << QStringLiteral(
                                    "The document is Swagger 2.0; only OpenAPI 3 documents can be read.");
    QTest::newRow("no paths") << QByteArray("{\"openapi\": \"3.0.0\", \"info\": {}}")
                              << QStringLiteral(
                                     "The document is not an OpenAPI document: it has no \"openapi\" "
                                     "version or no paths.");
    QTest::newRow("no operations") << QByteArray(
                                          "{\"openapi\": \"3.0.0\", \"paths\": {\"/ui/x\": {\"get\": {}}}}")
                                   << QStringLiteral("The OpenAPI document lists no operations.");
}

void TestOpenApiCatalogue::badDocuments()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, message);
    QString error;
    const OpenApiCatalogue catalogue = OpenApiCatalogue::fromDocument(document, &error);
    QVERIFY(catalogue.isEmpty());
    QVERIFY2(error.startsWith(message), qPrintable(error));
    // Without an error out-parameter the result is the same.
    QVERIFY(OpenApiCatalogue::fromDocument(document, nullptr).isEmpty());
}

QTEST_GUILESS_MAIN(TestOpenApiCatalogue)
#include "tst_openapicatalogue.moc"
