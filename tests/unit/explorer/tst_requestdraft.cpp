// RequestDraft and resolve(): the JSON form kept in history and saved files, path parameters, {{variables}}
// everywhere, encoding, and the plain-words errors that keep a bad request from being sent.

#include "explorer/requestdraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Windsock::Explorer;

class TestRequestDraft final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip();
    void jsonLeavesOutEmptyParts();
    void fromJsonToleratesHandWrittenFiles();
    void pathParamNames();
    void syncPathParamsKeepsValues();
    void resolvesPathParamsEncoded();
    void resolvesVariablesEverywhere();
    void jinjaTemplatesAreNotVariables();
    void missingVariablesAreListed();
    void emptyPathParamIsRefused();
    void queryIsEncoded();
    void queryTypedInPathIsKept();
    void disabledRowsAreNotSent();
    void invalidJsonBodySaysWhere();
    void nonJsonBodyWithContentType();
    void badHeaderAndMethod();
    void emptyPathAndFullUrl();
    void lineAndColumnCountsCharacters();
};

namespace {

RequestDraft sample()
{
    RequestDraft draft;
    draft.name = QStringLiteral("trigger it");
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns");
    draft.pathParams = {{QStringLiteral("dag_id"), QStringLiteral("{{dag}}"), true}};
    draft.query = {{QStringLiteral("a"), QStringLiteral("1"), true}, {QStringLiteral("b"), QString(), false}};
    draft.headers = {{QStringLiteral("X-Trace"), QStringLiteral("{{trace}}"), true}};
    draft.body = QStringLiteral("{\"conf\": {\"who\": \"{{user}}\"}}");
    draft.operationId = QStringLiteral("post_dag_run");
    return draft;
}

} // namespace

void TestRequestDraft::jsonRoundTrip()
{
    const RequestDraft draft = sample();
    const QJsonObject json = draft.toJson();
    QCOMPARE(RequestDraft::fromJson(json), draft);
    // Through text too (what the files hold).
    const QByteArray text = QJsonDocument(json).toJson();
    QCOMPARE(RequestDraft::fromJson(QJsonDocument::fromJson(text).object()), draft);
    QCOMPARE(json.value(QStringLiteral("query")).toArray().at(1).toObject().value(QStringLiteral("enabled")),
             QJsonValue(false));
    QVERIFY(
        !json.value(QStringLiteral("query")).toArray().at(0).toObject().contains(QStringLiteral("enabled")));
}

void TestRequestDraft::jsonLeavesOutEmptyParts()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags");
    const QJsonObject json = draft.toJson();
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("method"), QStringLiteral("path")}));
    QCOMPARE(RequestDraft::fromJson(json), draft);
}

void TestRequestDraft::fromJsonToleratesHandWrittenFiles()
{
    const QJsonObject json =
        QJsonDocument::fromJson(
            "{\"method\":\"patch\",\"path\":\"/x\",\"query\":[{\"key\":\"limit\",\"value\":5}],"
            "\"body\":{\"is_paused\":true},\"unknown\":1}")
            .object();
    const RequestDraft draft = RequestDraft::fromJson(json);
    QCOMPARE(draft.method, QByteArrayLiteral("PATCH"));
    QCOMPARE(draft.query.value(0).value, QStringLiteral("5"));
    QCOMPARE(QJsonDocument::fromJson(draft.body.toUtf8()).object().value(QStringLiteral("is_paused")),
             QJsonValue(true));
    QCOMPARE(RequestDraft::fromJson(QJsonObject()).method, QByteArrayLiteral("GET"));
}

void TestRequestDraft::pathParamNames()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/x/{{var}}/{dag_id}");
    QCOMPARE(draft.pathParamNames(), (QStringList{QStringLiteral("dag_id"), QStringLiteral("dag_run_id")}));
    draft.path = QStringLiteral("/unclosed/{dag_id");
    QVERIFY(draft.pathParamNames().isEmpty());
}

void TestRequestDraft::syncPathParamsKeepsValues()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/dags/{dag_id}/dagRuns/{run}");
    draft.pathParams = {{QStringLiteral("old"), QStringLiteral("x"), true},
                        {QStringLiteral("dag_id"), QStringLiteral("d1"), true}};
    draft.syncPathParams();
    QCOMPARE(draft.pathParams.size(), 2);
    QCOMPARE(draft.pathParams.at(0).key, QStringLiteral("dag_id"));
    QCOMPARE(draft.pathParams.at(0).value, QStringLiteral("d1"));
    QCOMPARE(draft.pathParams.at(1).key, QStringLiteral("run"));
    QVERIFY(draft.pathParams.at(1).value.isEmpty());
}

void TestRequestDraft::resolvesPathParamsEncoded()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns/{run}");
    draft.pathParams = {{QStringLiteral("dag_id"), QStringLiteral("a/b c+d"), true},
                        {QStringLiteral("run"), QStringLiteral("manual__2024-01-01T00:00:00+00:00"), true}};
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY2(resolved.isValid(), qPrintable(resolved.error));
    QCOMPARE(resolved.raw.path,
             QStringLiteral("/api/v1/dags/a%2Fb%20c%2Bd/dagRuns/manual__2024-01-01T00%3A00%3A00%2B00%3A00"));
    QCOMPARE(resolved.raw.method, QByteArrayLiteral("GET"));
}

void TestRequestDraft::resolvesVariablesEverywhere()
{
    const QMap<QString, QString> variables{{QStringLiteral("dag"), QStringLiteral("example")},
                                           {QStringLiteral("trace"), QStringLiteral("t-1")},
                                           {QStringLiteral("user"), QStringLiteral("ann")},
                                           {QStringLiteral("v"), QStringLiteral("v1")}};
    RequestDraft draft = sample();
    draft.path = QStringLiteral("/api/{{v}}/dags/{dag_id}/dagRuns");
    draft.query = {{QStringLiteral("{{v}}"), QStringLiteral("x{{v}}"), true}};
    const ResolvedRequest resolved = resolve(draft, variables);
    QVERIFY2(resolved.isValid(), qPrintable(resolved.error));
    QCOMPARE(resolved.raw.path, QStringLiteral("/api/v1/dags/example/dagRuns?v1=xv1"));
    QCOMPARE(resolved.raw.method, QByteArrayLiteral("POST"));
    QCOMPARE(resolved.raw.headers.size(), 1);
    QCOMPARE(resolved.raw.headers.at(0).first, QByteArrayLiteral("X-Trace"));
    QCOMPARE(resolved.raw.headers.at(0).second, QByteArrayLiteral("t-1"));
    QCOMPARE(resolved.raw.body, QByteArrayLiteral("{\"conf\": {\"who\": \"ann\"}}"));
}

void TestRequestDraft::jinjaTemplatesAreNotVariables()
{
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/dags/d/dagRuns");
    draft.body = QStringLiteral("{\"conf\": {\"day\": \"{{ ds }}\"}}");
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY2(resolved.isValid(), qPrintable(resolved.error));
    QCOMPARE(resolved.raw.body, draft.body.toUtf8());
}

void TestRequestDraft::missingVariablesAreListed()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{{dag}}");
    draft.headers = {{QStringLiteral("X-A"), QStringLiteral("{{a}}{{dag}}"), true}};
    const ResolvedRequest resolved = resolve(draft, {{QStringLiteral("other"), QStringLiteral("1")}});
    QVERIFY(!resolved.isValid());
    QCOMPARE(resolved.missingVariables, (QStringList{QStringLiteral("dag"), QStringLiteral("a")}));
    QVERIFY2(resolved.error.startsWith(QStringLiteral("No value for the variables {{dag}}, {{a}}")),
             qPrintable(resolved.error));
    QStringList missing;
    QCOMPARE(substituteVariables(QStringLiteral("x{{y}}z"), {}, &missing), QStringLiteral("x{{y}}z"));
    QCOMPARE(missing, QStringList{QStringLiteral("y")});
}

void TestRequestDraft::emptyPathParamIsRefused()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}");
    draft.pathParams = {{QStringLiteral("dag_id"), QStringLiteral("d"), true}};
    const ResolvedRequest resolved = resolve(draft, {});
    QCOMPARE(resolved.error, QStringLiteral("The path parameter {dag_run_id} has no value."));
}

void TestRequestDraft::queryIsEncoded()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dagRuns");
    draft.query = {{QStringLiteral("start_date_gte"), QStringLiteral("2024-01-01T00:00:00+00:00"), true},
                   {QStringLiteral("order_by"), QStringLiteral("-start_date"), true},
                   {QStringLiteral("order_by"), QStringLiteral("dag_id"), true},
                   {QStringLiteral("q"), QStringLiteral("a&b=c d\u00e9"), true}};
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY(resolved.isValid());
    QCOMPARE(resolved.raw.path,
             QStringLiteral("/api/v1/dagRuns?start_date_gte=2024-01-01T00%3A00%3A00%2B00%3A00"
                            "&order_by=-start_date&order_by=dag_id&q=a%26b%3Dc%20d%C3%A9"));
}

void TestRequestDraft::queryTypedInPathIsKept()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/api/v1/dags?limit=5&tags=a+b");
    draft.query = {{QStringLiteral("offset"), QStringLiteral("10"), true}};
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY(resolved.isValid());
    QCOMPARE(resolved.raw.path, QStringLiteral("/api/v1/dags?limit=5&tags=a+b&offset=10"));
}

void TestRequestDraft::disabledRowsAreNotSent()
{
    RequestDraft draft;
    draft.path = QStringLiteral("dags");
    draft.query = {{QStringLiteral("limit"), QStringLiteral("5"), false},
                   {QString(), QStringLiteral("x"), true}};
    draft.headers = {{QStringLiteral("X-Off"), QStringLiteral("1"), false}};
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY(resolved.isValid());
    QCOMPARE(resolved.raw.path, QStringLiteral("/dags"));
    QVERIFY(resolved.raw.headers.isEmpty());
}

void TestRequestDraft::invalidJsonBodySaysWhere()
{
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/api/v1/pools");
    draft.body = QStringLiteral("{\n  \"name\": \"p\",\n  \"slots\": ,\n}");
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY(!resolved.isValid());
    QVERIFY2(resolved.error.startsWith(QStringLiteral("The body is not valid JSON: line 3, column")),
             qPrintable(resolved.error));
}

void TestRequestDraft::nonJsonBodyWithContentType()
{
    RequestDraft draft;
    draft.method = QByteArrayLiteral("POST");
    draft.path = QStringLiteral("/x");
    draft.body = QStringLiteral("a=1&b=2");
    draft.headers = {
        {QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"), true}};
    QVERIFY(!draft.bodyIsJson());
    const ResolvedRequest resolved = resolve(draft, {});
    QVERIFY2(resolved.isValid(), qPrintable(resolved.error));
    QCOMPARE(resolved.raw.body, QByteArrayLiteral("a=1&b=2"));
    draft.headers.first().value = QStringLiteral("application/merge-patch+json");
    QVERIFY(draft.bodyIsJson());
    QVERIFY(!resolve(draft, {}).isValid());
}

void TestRequestDraft::badHeaderAndMethod()
{
    RequestDraft draft;
    draft.path = QStringLiteral("/x");
    draft.headers = {{QStringLiteral("Bad Name"), QStringLiteral("1"), true}};
    QVERIFY(resolve(draft, {}).error.contains(QStringLiteral("cannot be a header name")));
    draft.headers = {{QStringLiteral("X-A"), QStringLiteral("1{{nl}}2"), true}};
    QVERIFY(resolve(draft, {{QStringLiteral("nl"), QStringLiteral("\n")}})
                .error.contains(QStringLiteral("line break")));
    draft.headers.clear();
    draft.method = QByteArrayLiteral("GE T");
    QVERIFY(resolve(draft, {}).error.contains(QStringLiteral("is not an HTTP method")));
    draft.method = QByteArrayLiteral(" patch ");
    QCOMPARE(resolve(draft, {}).raw.method, QByteArrayLiteral("PATCH"));
}

void TestRequestDraft::emptyPathAndFullUrl()
{
    RequestDraft draft;
    QVERIFY(resolve(draft, {}).error.startsWith(QStringLiteral("Type a path")));
    draft.path = QStringLiteral("http:/") + QStringLiteral("/host/api/v1/dags");
    QVERIFY(resolve(draft, {}).error.contains(QStringLiteral("without the server")));
    draft.path = QStringLiteral("/api/v1/dags/caf\u00e9 x");
    QCOMPARE(resolve(draft, {}).raw.path, QStringLiteral("/api/v1/dags/caf%C3%A9%20x"));
}

void TestRequestDraft::lineAndColumnCountsCharacters()
{
    QCOMPARE(lineAndColumn("ab\ncd", 4), QStringLiteral("line 2, column 2"));
    QCOMPARE(lineAndColumn("\xc3\xa9x", 3), QStringLiteral("line 1, column 3"));
    QCOMPARE(lineAndColumn("", 0), QStringLiteral("line 1, column 1"));
}

QTEST_GUILESS_MAIN(TestRequestDraft)
#include "tst_requestdraft.moc"
