// LogFollower against a scripted server that gives no continuation token (as Airflow 3 does at the end of a
// log, and some proxies always): every read then returns the whole log so far, and the follower must hand
// out only what is new, never a line twice.
#include "logs/logfollower.h"

#include "fakes/rawhttpserver.h"
#include "fakes/sandboxclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using Windsock::Logs::LogFollower;
using Windsock::Logs::TaskInstanceKey;
using Windsock::Tests::RawHttpServer;

class TestLogFollowerTokens final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noTokenHandsOutOnlyWhatIsNew_data()
    {
        QTest::addColumn<bool>("tokens");
        QTest::newRow("no continuation token") << false;
        QTest::newRow("with continuation tokens") << true;
    }

    void noTokenHandsOutOnlyWhatIsNew()
    {
        QFETCH(bool, tokens);
        // The log grows by one line per read; the task ends after the third state check.
        const QStringList lines = {QStringLiteral("first\n"), QStringLiteral("second\n"),
                                   QStringLiteral("third\n"), QStringLiteral("closing\n")};
        int stateChecks = 0;
        int logReads = 0;
        RawHttpServer server;
        QVERIFY(server.listen());
        server.setResponder([&](const RawHttpServer::Request &request) {
            const QString path = request.url().path();
            if (path.endsWith(QLatin1String("/taskInstances"))) {
                ++stateChecks;
                const QJsonObject instance{{QStringLiteral("dag_id"), QStringLiteral("d")},
                                           {QStringLiteral("dag_run_id"), QStringLiteral("r")},
                                           {QStringLiteral("task_id"), QStringLiteral("t")},
                                           {QStringLiteral("map_index"), -1},
                                           {QStringLiteral("try_number"), 1},
                                           {QStringLiteral("state"), stateChecks >= 3
                                                                         ? QStringLiteral("success")
                                                                         : QStringLiteral("running")}};
                const QJsonObject page{{QStringLiteral("task_instances"), QJsonArray{instance}},
                                       {QStringLiteral("total_entries"), 1}};
                return RawHttpServer::Answer{
                    RawHttpServer::json(200, QJsonDocument(page).toJson(QJsonDocument::Compact))};
            }
            // The log: with tokens, what was written since the token; without, everything so far.
            const QString token = request.url().query().contains(QLatin1String("token="))
                                      ? request.url().query().section(QLatin1String("token="), 1)
                                      : QString();
            const int from = tokens ? token.toInt() : 0;
            const int upTo = qMin(++logReads, int(lines.size()));
            QString content;
            for (int i = from; i < upTo; ++i)
                content += lines.at(i);
            const QJsonObject chunk{{QStringLiteral("content"), content},
                                    {QStringLiteral("continuation_token"),
                                     tokens ? QJsonValue(QString::number(upTo)) : QJsonValue()}};
            return RawHttpServer::Answer{
                RawHttpServer::json(200, QJsonDocument(chunk).toJson(QJsonDocument::Compact))};
        });

        QNetworkAccessManager nam;
        const auto client = Windsock::Tests::sandboxClient(&nam, server.baseUrl());
        LogFollower follower(client.get());
        follower.setPollIntervalMs(10);
        QString shown;
        connect(&follower, &LogFollower::textReceived, this,
                [&shown](const QString &text) { shown += text; });
        QSignalSpy ended(&follower, &LogFollower::taskEnded);
        follower.start(TaskInstanceKey{QStringLiteral("d"), QStringLiteral("r"), QStringLiteral("t"), -1}, 1,
                       true);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        QCOMPARE(logReads, 3);
        QCOMPARE(shown, QStringLiteral("first\nsecond\nthird\n"));
    }
};

QTEST_GUILESS_MAIN(TestLogFollowerTokens)
#include "tst_logfollower_tokens.moc"
