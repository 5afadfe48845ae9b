// PageFetcher against the sandbox over loopback: every page of a list merged in the server's order (v1 and
// v2), with the server's page cap (a limit above it is answered with shorter pages, and the gaps are asked
// again), a start offset, a filter kept on every page, progress up to the total, and plain-words failures
// (not a list, an error status, a transport failure); cancel() stops without another signal.

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "explorer/pagefetcher.h"
#include "fakes/awaitresult.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Windsock;
using Windsock::Api::AirflowClient;
using Windsock::Api::RawRequest;
using Windsock::Api::RawResponse;
using Windsock::Explorer::PageFetcher;
using Windsock::Sandbox::ApiVersion;
using Windsock::Sandbox::AuthMode;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

namespace {

constexpr int kDags = 237;

RawRequest get(const QString &path)
{
    RawRequest request;
    request.path = path;
    return request;
}

QStringList ids(const QJsonArray &dags)
{
    QStringList out;
    for (const QJsonValue &dag : dags)
        out.append(dag.toObject().value(QStringLiteral("dag_id")).toString());
    return out;
}

} // namespace

class TestPageFetcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mergesEveryPage_data();
    void mergesEveryPage();
    void startOffsetAndFilter();
    void listKey();
    void notAList();
    void errorStatus();
    void transportFailure();
    void cancelStops();

private:
    std::unique_ptr<AirflowClient> client(const QString &api);
    // Every page, the slow way, as the server orders them.
    QStringList allIds(AirflowClient *api, const QString &prefix);
    QByteArray fetch(AirflowClient *api, const RawRequest &first, QList<QPair<int, int>> *progress = nullptr,
                     QString *failure = nullptr, int *failedStatus = nullptr);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_v1;
    std::unique_ptr<SandboxServer> m_v2;
};

void TestPageFetcher::initTestCase()
{
    SandboxOptions options;
    options.clock = ClockKind::Manual;
    options.dagCount = kDags;
    options.runsPerDag = 1;
    m_v1 = std::make_unique<SandboxServer>(options);
    QVERIFY(m_v1->listen());
    options.api = ApiVersion::V2;
    options.auth = AuthMode::Jwt;
    m_v2 = std::make_unique<SandboxServer>(options);
    QVERIFY(m_v2->listen());
}

std::unique_ptr<AirflowClient> TestPageFetcher::client(const QString &api)
{
    if (api == QLatin1String("v1"))
        return std::make_unique<AirflowClient>(
            &m_nam, m_v1->baseUrl(), std::make_unique<Api::DialectV1>(),
            std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    return std::make_unique<AirflowClient>(
        &m_nam, m_v2->baseUrl(), std::make_unique<Api::DialectV2>(),
        std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
}

QStringList TestPageFetcher::allIds(AirflowClient *api, const QString &prefix)
{
    QStringList out;
    for (int offset = 0; offset < kDags; offset += 50) {
        const auto page = awaitResult<RawResponse>([&](auto done) {
            api->send(get(prefix + QStringLiteral("/dags?limit=50&offset=%1").arg(offset)), this, done);
        });
        if (!page || !page->ok())
            return {};
        out +=
            ids(QJsonDocument::fromJson(page->value().body).object().value(QStringLiteral("dags")).toArray());
    }
    return out;
}

QByteArray TestPageFetcher::fetch(AirflowClient *api, const RawRequest &first,
                                  QList<QPair<int, int>> *progress, QString *failure, int *failedStatus)
{
    PageFetcher fetcher;
    QByteArray merged;
    bool done = false;
    connect(&fetcher, &PageFetcher::finished, this, [&](const QByteArray &body) {
        merged = body;
        done = true;
    });
    connect(&fetcher, &PageFetcher::failed, this, [&](const QString &message) {
        if (failure)
            *failure = message;
        done = true;
    });
    connect(&fetcher, &PageFetcher::progress, this, [&](int fetched, int total) {
        if (progress)
            progress->append({fetched, total});
    });
    fetcher.start(api, first);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    if (failedStatus)
        *failedStatus = fetcher.failedStatus();
    [&] { QVERIFY2(!fetcher.isRunning() || !done, "still running after its signal"); }();
    return merged;
}

void TestPageFetcher::mergesEveryPage_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("parallel");
    QTest::newRow("v1 no limit") << QStringLiteral("v1") << QString() << 4;
    QTest::newRow("v1 small pages") << QStringLiteral("v1") << QStringLiteral("?limit=9") << 3;
    QTest::newRow("v1 one at a time") << QStringLiteral("v1") << QStringLiteral("?limit=40") << 1;
    QTest::newRow("v1 above the cap") << QStringLiteral("v1") << QStringLiteral("?limit=5000") << 4;
    QTest::newRow("v2 no limit") << QStringLiteral("v2") << QString() << 4;
    QTest::newRow("v2 above the cap") << QStringLiteral("v2") << QStringLiteral("?limit=5000") << 2;
}

void TestPageFetcher::mergesEveryPage()
{
    QFETCH(QString, api);
    QFETCH(QString, query);
    QFETCH(int, parallel);
    const std::unique_ptr<AirflowClient> apiClient = client(api);
    const QString prefix = QStringLiteral("/api/") + api;
    const QStringList expected = allIds(apiClient.get(), prefix);
    QCOMPARE(expected.size(), kDags);

    QList<QPair<int, int>> progress;
    PageFetcher fetcher;
    fetcher.setParallel(parallel);
    QByteArray merged;
    connect(&fetcher, &PageFetcher::finished, this, [&](const QByteArray &body) { merged = body; });
    connect(&fetcher, &PageFetcher::progress, this, [&](int fetched, int total) {
        progress.append({fetched, total});
    });
    const quint64 before = (api == QLatin1String("v1") ? m_v1 : m_v2)->requestCount();
    fetcher.start(apiClient.get(), get(prefix + QStringLiteral("/dags") + query));
    QTRY_VERIFY_WITH_TIMEOUT(!merged.isEmpty(), 30000);
    QVERIFY(!fetcher.isRunning());

    const QJsonObject object = QJsonDocument::fromJson(merged).object();
    QCOMPARE(object.keys(), (QStringList{QStringLiteral("dags"), QStringLiteral("total_entries")}));
    QCOMPARE(object.value(QStringLiteral("total_entries")).toInt(), kDags);
    QCOMPARE(ids(object.value(QStringLiteral("dags")).toArray()), expected);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast(), qMakePair(kDags, kDags));
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress.at(i).first > progress.at(i - 1).first);
    // Pages as large as the server gives: no more requests than needed (plus a login on v2).
    const quint64 requests = (api == QLatin1String("v1") ? m_v1 : m_v2)->requestCount() - before;
    const int pageSize = query == QLatin1String("?limit=9")    ? 9
                         : query == QLatin1String("?limit=40") ? 40
                                                               : 100;
    QVERIFY2(requests <= quint64((kDags + pageSize - 1) / pageSize + 3),
             QByteArray::number(requests).constData());
}

void TestPageFetcher::startOffsetAndFilter()
{
    const std::unique_ptr<AirflowClient> api = client(QStringLiteral("v1"));
    const QStringList expected = allIds(api.get(), QStringLiteral("/api/v1"));
    const QByteArray merged = fetch(api.get(), get(QStringLiteral("/api/v1/dags?offset=200&limit=10")));
    const QJsonObject object = QJsonDocument::fromJson(merged).object();
    QCOMPARE(ids(object.value(QStringLiteral("dags")).toArray()), expected.mid(200));

    // A filter stays on every page.
    const QString pattern = expected.at(0).left(3);
    int matching = 0;
    for (const QString &id : expected)
        matching += id.contains(pattern) ? 1 : 0;
    const QByteArray filtered =
        fetch(api.get(), get(QStringLiteral("/api/v1/dags?limit=5&dag_id_pattern=") + pattern));
    const QJsonArray dags =
        QJsonDocument::fromJson(filtered).object().value(QStringLiteral("dags")).toArray();
    QCOMPARE(dags.size(), matching);
    for (const QString &id : ids(dags))
        QVERIFY(id.contains(pattern));
}

void TestPageFetcher::listKey()
{
    QCOMPARE(PageFetcher::listKey(
                 QJsonObject{{QStringLiteral("dags"), QJsonArray()}, {QStringLiteral("total_entries"), 0}}),
             QStringLiteral("dags"));
    QVERIFY(PageFetcher::listKey(
                QJsonObject{{QStringLiteral("a"), QJsonArray()}, {QStringLiteral("b"), QJsonArray()}})
                .isEmpty());
    QVERIFY(PageFetcher::listKey(QJsonObject{{QStringLiteral("version"), QStringLiteral("2")}}).isEmpty());
}

void TestPageFetcher::notAList()
{
    const std::unique_ptr<AirflowClient> api = client(QStringLiteral("v1"));
    QString failure;
    fetch(api.get(), get(QStringLiteral("/api/v1/version")), nullptr, &failure);
    QVERIFY2(failure.contains(QStringLiteral("not a list page")), qPrintable(failure));
}

void TestPageFetcher::errorStatus()
{
    const std::unique_ptr<AirflowClient> api = client(QStringLiteral("v1"));
    QString failure;
    int status = 0;
    fetch(api.get(), get(QStringLiteral("/api/v1/dags/no_such_dag/tasks")), nullptr, &failure, &status);
    QCOMPARE(status, 404);
    QVERIFY2(failure.startsWith(QStringLiteral("The server answered HTTP 404 for the page at offset 0")),
             qPrintable(failure));
}

void TestPageFetcher::transportFailure()
{
    AirflowClient api(&m_nam, QUrl(QStringLiteral("http:/") + QStringLiteral("/127.0.0.1:1")),
                      std::make_unique<Api::DialectV1>(), std::make_unique<Auth::NoAuthenticator>());
    QString failure;
    int status = -1;
    fetch(&api, get(QStringLiteral("/api/v1/dags")), nullptr, &failure, &status);
    QVERIFY(!failure.isEmpty());
    QCOMPARE(status, 0);
}

void TestPageFetcher::cancelStops()
{
    const std::unique_ptr<AirflowClient> api = client(QStringLiteral("v1"));
    PageFetcher fetcher;
    fetcher.setParallel(1);
    int signals_ = 0;
    int progressCount = 0;
    connect(&fetcher, &PageFetcher::finished, this, [&] { ++signals_; });
    connect(&fetcher, &PageFetcher::failed, this, [&] { ++signals_; });
    connect(&fetcher, &PageFetcher::progress, this, [&](int, int) {
        // Cancelled as soon as the first page arrives: nothing more may come.
        if (++progressCount == 1)
            fetcher.cancel();
    });
    fetcher.start(api.get(), get(QStringLiteral("/api/v1/dags?limit=10")));
    QTRY_COMPARE_WITH_TIMEOUT(progressCount, 1, 20000);
    QVERIFY(!fetcher.isRunning());
    const quint64 count = m_v1->requestCount();
    QTest::qWait(300);
    QCOMPARE(signals_, 0);
    QCOMPARE(progressCount, 1);
    QVERIFY(m_v1->requestCount() <= count + 1); // at most the request already on its way
}

QTEST_GUILESS_MAIN(TestPageFetcher)
#include "tst_pagefetcher.moc"
