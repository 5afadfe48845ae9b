// The refresher's judgement of what a server answered, against a scripted HTTP server (no sandbox): a 403
// on one count only keeps the deployment reachable with a note and that count unknown; HTML where JSON
// belongs on everything is a plain-words failure; a secret the keychain does not have is a profile problem.
#include "fleet/fleetrefresher.h"
#include "profiles/memorysecretstore.h"

#include "fakes/rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Windsock;
using Fleet::FleetRefresher;
using Fleet::FleetStatus;
using Fleet::Reachability;
using Tests::RawHttpServer;

namespace {

// An Airflow 2.10 that answers every count, but refuses its import errors to this user.
RawHttpServer::Answer airflow2(const RawHttpServer::Request &request, bool refuseImportErrors, bool html)
{
    const QString path = request.url().path();
    const QUrlQuery query(request.url());
    if (path == QLatin1String("/api/v2/version"))
        return {RawHttpServer::json(404, "{\"detail\": \"Not Found\"}")};
    if (path == QLatin1String("/api/v1/version"))
        return {RawHttpServer::json(200, "{\"version\": \"2.10.5\", \"git_version\": null}")};
    if (html) {
        return {RawHttpServer::response(200, "text/html", "<html><body>Please sign in</body></html>")};
    }
    if (path == QLatin1String("/api/v1/health")) {
        return {RawHttpServer::json(200,
                                    "{\"metadatabase\": {\"status\": \"healthy\"}, \"scheduler\": "
                                    "{\"status\": \"unhealthy\", \"latest_scheduler_heartbeat\": null}}")};
    }
    if (path == QLatin1String("/api/v1/dags")) {
        const bool paused = query.queryItemValue(QStringLiteral("paused")) == QLatin1String("true");
        return {RawHttpServer::json(200, paused ? "{\"dags\": [], \"total_entries\": 4}"
                                                : "{\"dags\": [], \"total_entries\": 31}")};
    }
    if (path == QLatin1String("/api/v1/dags/~/dagRuns")) {
        const bool running = query.queryItemValue(QStringLiteral("state")) == QLatin1String("running");
        return {RawHttpServer::json(200, running ? "{\"dag_runs\": [], \"total_entries\": 2}"
                                                 : "{\"dag_runs\": [], \"total_entries\": 7}")};
    }
    if (path == QLatin1String("/api/v1/importErrors")) {
        if (refuseImportErrors) {
            return {RawHttpServer::response(403, "application/problem+json",
                                            "{\"title\": \"Forbidden\", \"status\": 403, \"detail\": \"You "
                                            "do not have permission.\"}")};
        }
        return {RawHttpServer::json(200, "{\"import_errors\": [], \"total_entries\": 0}")};
    }
    return {RawHttpServer::json(404, "{\"title\": \"Not Found\", \"status\": 404}")};
}

} // namespace

class TestFleetRefresher final : public QObject
{
    Q_OBJECT

private:
    std::optional<FleetStatus> refreshOne(RawHttpServer &server, bool storeSecret = true)
    {
        Profiles::Profile profile;
        profile.id = QStringLiteral("p1");
        profile.name = QStringLiteral("scripted");
        profile.baseUrl = server.baseUrl();
        profile.username = QStringLiteral("admin");
        if (storeSecret) {
            bool written = false;
            m_secrets.write(profile.id, QStringLiteral("admin"), this,
                            [&](const Profiles::SecretResult &) { written = true; });
            [&] { QTRY_VERIFY(written); }();
        } else {
            bool removed = false;
            m_secrets.remove(profile.id, this, [&](const Profiles::SecretResult &) { removed = true; });
            [&] { QTRY_VERIFY(removed); }();
        }
        FleetRefresher refresher(&m_nam, &m_secrets);
        QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
        refresher.refresh({profile});
        if (!finished.wait(20000))
            return std::nullopt;
        return refresher.status(profile.id);
    }

    QNetworkAccessManager m_nam;
    Profiles::MemorySecretStore m_secrets;

private Q_SLOTS:
    void everyCountAnswered()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &r) { return airflow2(r, false, false); });
        const std::optional<FleetStatus> status = refreshOne(server);
        QVERIFY(status);
        QCOMPARE(status->reachability, Reachability::Ok);
        QCOMPARE(status->message, QString());
        QCOMPARE(status->airflowVersion, QStringLiteral("2.10.5"));
        QCOMPARE(status->apiName, QStringLiteral("Airflow 2 (/api/v1)"));
        QCOMPARE(status->healthText, QStringLiteral("scheduler unhealthy"));
        QCOMPARE(status->dagCount, 31);
        QCOMPARE(status->pausedCount, 4);
        QCOMPARE(status->running, 2);
        QCOMPARE(status->failed24h, 7);
        QCOMPARE(status->importErrors, 0);
        // The failed count asks for the last 24 hours by end date, one item per page.
        bool askedFailed = false;
        for (const RawHttpServer::Request &request : server.requests()) {
            const QUrlQuery query(request.url());
            if (query.queryItemValue(QStringLiteral("state")) != QLatin1String("failed"))
                continue;
            askedFailed = true;
            QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("1"));
            const QDateTime since = QDateTime::fromString(
                query.queryItemValue(QStringLiteral("end_date_gte"), QUrl::FullyDecoded), Qt::ISODateWithMs);
            QVERIFY2(since.isValid(), request.target.constData());
            QVERIFY(qAbs(since.secsTo(QDateTime::currentDateTimeUtc()) - 24 * 3600) < 120);
        }
        QVERIFY(askedFailed);
    }

    void forbiddenImportErrorsOnlyKeepsItReachable()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &r) { return airflow2(r, true, false); });
        const std::optional<FleetStatus> status = refreshOne(server);
        QVERIFY(status);
        QCOMPARE(status->reachability, Reachability::Ok);
        QCOMPARE(status->importErrors, -1);
        QCOMPARE(status->dagCount, 31);
        QVERIFY2(status->message.contains(QLatin1String("import errors")), qPrintable(status->message));
        QVERIFY2(status->message.contains(QLatin1String("403")), qPrintable(status->message));
    }

    void htmlEverywhereIsAPlainFailure()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &r) { return airflow2(r, false, true); });
        const std::optional<FleetStatus> status = refreshOne(server);
        QVERIFY(status);
        QCOMPARE(status->reachability, Reachability::Unreachable);
        QVERIFY(!status->message.isEmpty());
        QCOMPARE(status->dagCount, -1);
        QVERIFY(!status->health.has_value());
    }

    void missingSecretIsAProfileProblem()
    {
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([](const RawHttpServer::Request &r) { return airflow2(r, false, false); });
        const std::optional<FleetStatus> status = refreshOne(server, false);
        QVERIFY(status);
        QCOMPARE(status->reachability, Reachability::ProfileProblem);
        QVERIFY(!status->message.isEmpty());
        QVERIFY(server.requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFleetRefresher)
#include "tst_fleetrefresher.moc"
