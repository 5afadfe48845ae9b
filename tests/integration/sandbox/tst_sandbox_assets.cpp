// The sandbox's datasets (Airflow 2.4+, GET /api/v1/datasets) and assets (Airflow 3, GET /api/v2/assets) over
// loopback: derived from the DAGs scheduled on datasets, paged, ordered and filtered by uri_pattern (and
// name_pattern on v2), refused without credentials, absent before 2.4 and on 1.10's experimental API.
#include "sandboxhttp.h"

#include <sandbox/sandboxserver.h>
#include <sandbox/sandboxstate.h>

#include <QJsonArray>
#include <QTest>

using namespace Windsock::Sandbox;

class TestSandboxAssets final : public QObject
{
    Q_OBJECT

private:
    static SandboxOptions options(ApiVersion api)
    {
        SandboxOptions options;
        options.api = api;
        options.clock = ClockKind::Manual;
        options.dagCount = 40;
        return options;
    }
    static QStringList field(const HttpAnswer &answer, const char *items, const char *key)
    {
        QStringList values;
        for (const QJsonValue &item : answer.json().value(QLatin1String(items)).toArray())
            values.append(item.toObject().value(QLatin1String(key)).toString());
        return values;
    }
    QStringList datasetScheduledDags(const SandboxServer &server) const
    {
        QStringList ids;
        for (int i = 0; i < server.state().dagCount(); ++i) {
            if (server.state().dag(i).schedule.kind == DagSchedule::Kind::Dataset)
                ids.append(server.state().dag(i).dagId);
        }
        return ids;
    }

private Q_SLOTS:
    void datasets()
    {
        SandboxServer server(options(ApiVersion::V1));
        QVERIFY(server.listen());
        SandboxHttp http(server.baseUrl());
        const QStringList consumers = datasetScheduledDags(server);
        QVERIFY(!consumers.isEmpty());

        const HttpAnswer all = http.get(QStringLiteral("datasets"));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json().value(QLatin1String("total_entries")).toInt(), 1 + int(consumers.size()));
        const QJsonObject upstream = all.json().value(QLatin1String("datasets")).toArray().first().toObject();
        QCOMPARE(upstream.value(QLatin1String("uri")).toString(), QStringLiteral("s3://warehouse/upstream"));
        QVERIFY(!upstream.contains(QLatin1String("name"))); // Airflow 2's datasets have none
        QStringList consuming;
        for (const QJsonValue &dag : upstream.value(QLatin1String("consuming_dags")).toArray())
            consuming.append(dag.toObject().value(QLatin1String("dag_id")).toString());
        QCOMPARE(consuming, consumers);
        const QJsonArray producing = upstream.value(QLatin1String("producing_tasks")).toArray();
        QCOMPARE(producing.size(), 1);
        QVERIFY(!producing.first().toObject().value(QLatin1String("task_id")).toString().isEmpty());

        // Paging and ordering.
        const HttpAnswer page = http.get(QStringLiteral("datasets?limit=1&offset=1"));
        QCOMPARE(field(page, "datasets", "uri"),
                 QStringList{QStringLiteral("s3://warehouse/") + consumers.first()});
        QCOMPARE(page.json().value(QLatin1String("total_entries")).toInt(), 1 + int(consumers.size()));
        const QStringList descending =
            field(http.get(QStringLiteral("datasets?order_by=-uri")), "datasets", "uri");
        QStringList sorted = descending;
        std::sort(sorted.begin(), sorted.end(), std::greater<QString>());
        QCOMPARE(descending, sorted);
        QCOMPARE(http.get(QStringLiteral("datasets?order_by=name")).status, 400);
        QCOMPARE(http.get(QStringLiteral("datasets?limit=-1")).status, 400);

        // uri_pattern matches anywhere, ignoring case.
        const HttpAnswer matched = http.get(QStringLiteral("datasets?uri_pattern=UPSTREAM"));
        QCOMPARE(field(matched, "datasets", "uri"), QStringList{QStringLiteral("s3://warehouse/upstream")});
        QCOMPARE(matched.json().value(QLatin1String("total_entries")).toInt(), 1);
        QCOMPARE(http.get(QStringLiteral("datasets?uri_pattern=nothing"))
                     .json()
                     .value(QLatin1String("total_entries"))
                     .toInt(),
                 0);

        QCOMPARE(http.send("GET", QStringLiteral("datasets"), QByteArray(), false).status, 401);
    }

    void noDatasetsBefore24()
    {
        SandboxOptions old = options(ApiVersion::V1);
        old.airflowVersion = QStringLiteral("2.3.4");
        SandboxServer server(old);
        QVERIFY(server.listen());
        SandboxHttp http(server.baseUrl());
        QCOMPARE(http.get(QStringLiteral("datasets")).status, 404);
    }

    void noneOnTheExperimentalApi()
    {
        SandboxServer server(options(ApiVersion::Experimental));
        QVERIFY(server.listen());
        SandboxHttp http(server.baseUrl());
        QNetworkRequest request(http.url(QStringLiteral("/api/experimental/datasets")));
        request.setRawHeader("Authorization", "Basic " + QByteArrayLiteral("admin:admin").toBase64());
        QCOMPARE(http.exchange(request, "GET").status, 404);
    }

    void assets()
    {
        SandboxServer server(options(ApiVersion::V2));
        QVERIFY(server.listen());
        SandboxHttp http(server.baseUrl());
        QNetworkRequest login(http.url(QStringLiteral("/auth/token")));
        login.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const HttpAnswer token =
            http.exchange(login, "POST", "{\"username\": \"admin\", \"password\": \"admin\"}");
        QCOMPARE(token.status, 201);
        const QByteArray bearer =
            "Bearer " + token.json().value(QLatin1String("access_token")).toString().toLatin1();
        const auto get = [&](const QString &pathAndQuery) {
            QNetworkRequest request(http.url(QStringLiteral("/api/v2/") + pathAndQuery));
            request.setRawHeader("Authorization", bearer);
            return http.exchange(request, "GET");
        };
        const QStringList consumers = datasetScheduledDags(server);

        const HttpAnswer all = get(QStringLiteral("assets"));
        QCOMPARE(all.status, 200);
        const QJsonObject upstream = all.json().value(QLatin1String("assets")).toArray().first().toObject();
        QCOMPARE(upstream.value(QLatin1String("name")).toString(), QStringLiteral("upstream"));
        QCOMPARE(upstream.value(QLatin1String("group")).toString(), QStringLiteral("asset"));
        QCOMPARE(upstream.value(QLatin1String("scheduled_dags")).toArray().size(), consumers.size());
        for (const char *key : {"consuming_tasks", "aliases", "watchers"})
            QVERIFY2(upstream.value(QLatin1String(key)).isArray(), key);
        QVERIFY(!upstream.contains(QLatin1String("consuming_dags")));

        QCOMPARE(field(get(QStringLiteral("assets?name_pattern=upstream")), "assets", "name"),
                 QStringList{QStringLiteral("upstream")});
        QCOMPARE(get(QStringLiteral("assets?uri_pattern=warehouse&name_pattern=") + consumers.first())
                     .json()
                     .value(QLatin1String("total_entries"))
                     .toInt(),
                 1);
        const QStringList byName = field(get(QStringLiteral("assets?order_by=name")), "assets", "name");
        QStringList sorted = byName;
        sorted.sort();
        QCOMPARE(byName, sorted);
        QCOMPARE(field(get(QStringLiteral("assets?limit=1&offset=1")), "assets", "name"),
                 QStringList{consumers.first()});
    }
};

QTEST_GUILESS_MAIN(TestSandboxAssets)
#include "tst_sandbox_assets.moc"
