#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/rawhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <optional>

using namespace Windsock::Api;
using Windsock::Tests::RawHttpServer;

// allDags and setDagsPaused page past the server's cap of 100, report progress per page, and stop on
// cancel().
class TestApiPaging final : public QObject
{
    Q_OBJECT

private:
    static constexpr int dagCount = 250;
    static constexpr int pageCap = 100;

    // A DAG list that caps pages at 100, like Airflow 2's maximum_page_limit.
    static RawHttpServer::Answer pageOfDags(const RawHttpServer::Request &request, QList<bool> *paused)
    {
        const QUrlQuery query(request.url());
        const int limit = std::min(query.queryItemValue(QStringLiteral("limit")).toInt(), pageCap);
        const int offset = query.queryItemValue(QStringLiteral("offset")).toInt();
        if (request.method == "PATCH") {
            const bool value =
                QJsonDocument::fromJson(request.body).object().value(QStringLiteral("is_paused")).toBool();
            for (int i = offset; i < std::min(offset + limit, dagCount); ++i)
                (*paused)[i] = value;
        }
        QJsonArray dags;
        for (int i = offset; i < std::min(offset + limit, dagCount); ++i) {
            dags.append(QJsonObject{
                {QStringLiteral("dag_id"), QStringLiteral("dag_%1").arg(i, 4, 10, QLatin1Char('0'))},
                {QStringLiteral("is_paused"), paused->at(i)}});
        }
        const QJsonObject body{{QStringLiteral("dags"), dags}, {QStringLiteral("total_entries"), dagCount}};
        return {RawHttpServer::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact))};
    }

    std::unique_ptr<AirflowClient> client(const QUrl &base)
    {
        return std::make_unique<AirflowClient>(&m_nam, base, std::make_unique<DialectV1>(),
                                               std::make_unique<Windsock::Auth::NoAuthenticator>());
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void allDagsFetchesEveryPage()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        QList<bool> paused(dagCount, false);
        server.setResponder([&](const RawHttpServer::Request &r) { return pageOfDags(r, &paused); });
        auto api = client(server.baseUrl());

        std::optional<Result<QList<Dag>>> result;
        ApiCall *call = api->allDags(DagQuery{}, this, [&](const Result<QList<Dag>> &r) { result = r; });
        QSignalSpy progress(call, &ApiCall::progress);
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QCOMPARE(result->value().size(), dagCount);
        QCOMPARE(result->value().constFirst().dagId, QStringLiteral("dag_0000"));
        QCOMPARE(result->value().constLast().dagId, QStringLiteral("dag_0249"));

        QCOMPARE(server.requests().size(), 3);
        QStringList offsets;
        for (const auto &request : server.requests())
            offsets.append(QUrlQuery(request.url()).queryItemValue(QStringLiteral("offset")));
        QCOMPARE(offsets, (QStringList{QStringLiteral("0"), QStringLiteral("100"), QStringLiteral("200")}));

        QCOMPARE(progress.count(), 3);
        QCOMPARE(progress.at(0), (QVariantList{qint64(100), qint64(250)}));
        QCOMPARE(progress.at(2), (QVariantList{qint64(250), qint64(250)}));
    }

    void cancelStopsPaging()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        QList<bool> paused(dagCount, false);
        QPointer<ApiCall> call;
        // The second page never answers: the test cancels while it is in flight.
        server.setResponder([&](const RawHttpServer::Request &r) {
            if (QUrlQuery(r.url()).queryItemValue(QStringLiteral("offset")) != QLatin1String("0"))
                return RawHttpServer::Answer{{}, false, true};
            return pageOfDags(r, &paused);
        });
        auto api = client(server.baseUrl());
        std::optional<Result<QList<Dag>>> result;
        call = api->allDags(DagQuery{}, this, [&](const Result<QList<Dag>> &r) { result = r; });
        QSignalSpy progress(call.data(), &ApiCall::progress);
        QVERIFY(progress.wait());
        // After the first page (250 DAGs in all), the other two pages are asked for together.
        QTRY_COMPARE(server.requests().size(), 3);
        call->cancel();
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().kind(), ApiError::Kind::Cancelled);
        QCOMPARE(result->error().context(), QStringLiteral("GET /api/v1/dags (every page)"));
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 3);
    }

    void bulkPauseChangesEveryPage()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        QList<bool> paused(dagCount, false);
        server.setResponder([&](const RawHttpServer::Request &r) { return pageOfDags(r, &paused); });
        auto api = client(server.baseUrl());
        std::optional<Result<QList<Dag>>> result;
        ApiCall *call =
            api->setDagsPaused(QString(), true, this, [&](const Result<QList<Dag>> &r) { result = r; });
        QSignalSpy progress(call, &ApiCall::progress);
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QCOMPARE(result->value().size(), dagCount);
        QVERIFY(std::all_of(paused.cbegin(), paused.cend(), [](bool p) { return p; }));
        QCOMPARE(server.requests().size(), 3);
        for (const auto &request : server.requests()) {
            QCOMPARE(request.method, QByteArrayLiteral("PATCH"));
            QCOMPARE(QUrlQuery(request.url()).queryItemValue(QStringLiteral("update_mask")),
                     QStringLiteral("is_paused"));
            QCOMPARE(QUrlQuery(request.url()).queryItemValue(QStringLiteral("dag_id_pattern")),
                     QStringLiteral("~"));
        }
        QCOMPARE(progress.count(), 3);
    }

    void errorOnSecondPageStops()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        QList<bool> paused(dagCount, false);
        server.setResponder([&](const RawHttpServer::Request &r) {
            if (QUrlQuery(r.url()).queryItemValue(QStringLiteral("offset")) == QLatin1String("100"))
                return RawHttpServer::Answer{
                    RawHttpServer::json(503, "{\"title\":\"Service Unavailable\",\"status\":503}")};
            return pageOfDags(r, &paused);
        });
        auto api = client(server.baseUrl());
        std::optional<Result<QList<Dag>>> result;
        api->allDags(DagQuery{}, this, [&](const Result<QList<Dag>> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error().httpStatus(), 503);
        // Pages after the first are asked for together, so page 3 may already be in flight; but nothing is
        // asked for after the failure.
        const qsizetype atFailure = server.requests().size();
        QVERIFY(atFailure <= 3);
        QTest::qWait(200);
        QCOMPARE(server.requests().size(), atFailure);
    }

    // A server whose page cap is below the dialect's (maximum_page_limit lowered to 30): nothing is skipped,
    // every DAG comes once, in order.
    void serverCapBelowOurs()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        QList<bool> paused(dagCount, false);
        server.setResponder([&](const RawHttpServer::Request &r) {
            QUrl capped = r.url();
            QUrlQuery query(capped);
            const int limit = std::min(query.queryItemValue(QStringLiteral("limit")).toInt(), 30);
            query.removeQueryItem(QStringLiteral("limit"));
            query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
            capped.setQuery(query);
            RawHttpServer::Request request = r;
            request.target =
                capped.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toUtf8();
            return pageOfDags(request, &paused);
        });
        auto api = client(server.baseUrl());
        std::optional<Result<QList<Dag>>> result;
        api->allDags(DagQuery{}, this, [&](const Result<QList<Dag>> &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY2(result->ok(), qPrintable(result->error().message()));
        QCOMPARE(result->value().size(), dagCount);
        for (int i = 0; i < dagCount; ++i)
            QCOMPARE(result->value().at(i).dagId, QStringLiteral("dag_%1").arg(i, 4, 10, QLatin1Char('0')));
    }
};

QTEST_GUILESS_MAIN(TestApiPaging)
#include "tst_api_paging.moc"
