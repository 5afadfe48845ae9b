// RequestHistory: entries kept in a JSONL file with every secret redacted, capped by entries and bytes
// (oldest dropped), searchable, re-read after a restart, tolerant of a torn line.

#include "explorer/requesthistory.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Windsock::Explorer;

class TestRequestHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void appendAndReload();
    void redactsHeadersAndSecrets();
    void redactsPercentEncodedSecrets();
    void capsEntries();
    void capsBytes();
    void searchNewestFirst();
    void tornLineIsSkipped();
    void clearRemovesTheFile();
    void sensitiveHeaderNames_data();
    void sensitiveHeaderNames();
    void defaultPathPerProfile();

private:
    HistoryEntry entry(const QString &path, int status = 200) const;
    QString filePath() const { return m_dir->filePath(QStringLiteral("explorer/history-p1.jsonl")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

HistoryEntry TestRequestHistory::entry(const QString &path, int status) const
{
    HistoryEntry e;
    e.at = QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC);
    e.request.method = QByteArrayLiteral("GET");
    e.request.path = path;
    e.url = QStringLiteral("http:/") + QStringLiteral("/127.0.0.1:8080") + path;
    e.status = status;
    e.elapsedMs = 12;
    e.size = 345;
    e.requestHeaders = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    e.responseHeaders = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    e.contentType = QStringLiteral("application/json");
    return e;
}

void TestRequestHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRequestHistory::appendAndReload()
{
    RequestHistory history = RequestHistory::onFile(filePath());
    QVERIFY(history.load()); // no file yet: empty, not an error
    QCOMPARE(history.count(), 0);
    HistoryEntry first = entry(QStringLiteral("/api/v1/dags"));
    first.request.query = {{QStringLiteral("limit"), QStringLiteral("5"), true}};
    first.error = QString();
    QString error;
    QVERIFY2(history.append(first, &error), qPrintable(error));
    QVERIFY(history.append(entry(QStringLiteral("/api/v1/pools"), 404)));

    RequestHistory reloaded = RequestHistory::onFile(filePath());
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.count(), 2);
    const HistoryEntry &back = reloaded.entries().at(0);
    QCOMPARE(back.request, first.request);
    QCOMPARE(back.at, first.at);
    QCOMPARE(back.url, first.url);
    QCOMPARE(back.status, 200);
    QCOMPARE(back.elapsedMs, 12);
    QCOMPARE(back.size, 345);
    QCOMPARE(back.requestHeaders, first.requestHeaders);
    QCOMPARE(back.responseHeaders, first.responseHeaders);
    QCOMPARE(back.contentType, first.contentType);
    QCOMPARE(reloaded.entries().at(1).status, 404);

    QFile file(filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 2);
}

void TestRequestHistory::redactsHeadersAndSecrets()
{
    const QString password = QStringLiteral("s3cr3t-Pa55");
    const QString token = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.tok.sig");
    RequestHistory history = RequestHistory::onFile(filePath());
    history.setSecrets({password, token, QString()});
    HistoryEntry e = entry(QStringLiteral("/api/v1/connections/c?x=") + password);
    e.url += QStringLiteral("?x=") + password;
    e.request.body = QStringLiteral("{\"password\": \"") + password + QStringLiteral("\"}");
    e.request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Basic abc"), true},
                         {QStringLiteral("X-Note"), QStringLiteral("with ") + token, true}};
    e.requestHeaders = {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic YWRtaW46YWRtaW4=")},
                        {QByteArrayLiteral("Cookie"), QByteArrayLiteral("session=1")},
                        {QByteArrayLiteral("X-API-Key"), QByteArrayLiteral("k-123")},
                        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}};
    e.responseHeaders = {{QByteArrayLiteral("Set-Cookie"), QByteArrayLiteral("session=2")},
                         {QByteArrayLiteral("X-Echo"), token.toUtf8()}};
    e.error = QStringLiteral("failed with ") + password;
    QVERIFY(history.append(e));

    QFile file(filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (const QByteArray &secret : {password.toUtf8(), token.toUtf8(), QByteArrayLiteral("YWRtaW46YWRtaW4="),
                                     QByteArrayLiteral("session=1"), QByteArrayLiteral("session=2"),
                                     QByteArrayLiteral("k-123"), QByteArrayLiteral("Basic abc")})
        QVERIFY2(!bytes.contains(secret), secret.constData());
    QVERIFY(bytes.contains("<redacted>"));
    QVERIFY(bytes.contains("application/json")); // the rest is kept
    const HistoryEntry &kept = history.entries().constFirst();
    QCOMPARE(kept.requestHeaders.at(0).second, QByteArrayLiteral("<redacted>"));
    QCOMPARE(kept.requestHeaders.at(3).second, QByteArrayLiteral("application/json"));
    QCOMPARE(kept.request.body, QStringLiteral("{\"password\": \"<redacted>\"}"));
}

void TestRequestHistory::redactsPercentEncodedSecrets()
{
    const QString secret = QStringLiteral("a b/c");
    const HistoryEntry kept = RequestHistory::redacted(
        [&] {
            HistoryEntry e = entry(QStringLiteral("/x"));
            e.url = QStringLiteral("http:/") + QStringLiteral("/h/x?p=a%20b%2Fc");
            return e;
        }(),
        {secret});
    QCOMPARE(kept.url, QStringLiteral("http:/") + QStringLiteral("/h/x?p=<redacted>"));
}

void TestRequestHistory::capsEntries()
{
    RequestHistory history = RequestHistory::onFile(filePath());
    history.setLimits(3, 1024 * 1024);
    for (int i = 0; i < 5; ++i)
        QVERIFY(history.append(entry(QStringLiteral("/p%1").arg(i))));
    QCOMPARE(history.count(), 3);
    QCOMPARE(history.entries().constFirst().request.path, QStringLiteral("/p2"));
    QCOMPARE(history.entries().constLast().request.path, QStringLiteral("/p4"));
    RequestHistory reloaded = RequestHistory::onFile(filePath());
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.count(), 3);
    QCOMPARE(reloaded.entries().constFirst().request.path, QStringLiteral("/p2"));
    // Lower limits on load drop the oldest from the file too.
    reloaded.setLimits(1, 1024 * 1024);
    QVERIFY(reloaded.load());
    QCOMPARE(reloaded.count(), 1);
    RequestHistory again = RequestHistory::onFile(filePath());
    QVERIFY(again.load());
    QCOMPARE(again.count(), 1);
    QCOMPARE(again.entries().constFirst().request.path, QStringLiteral("/p4"));

    // Over a larger cap, the oldest go a tenth below it at once.
    history.setLimits(20, 1024 * 1024);
    for (int i = 5; i < 21 + 5; ++i)
        QVERIFY(history.append(entry(QStringLiteral("/p%1").arg(i))));
    QCOMPARE(history.count(), 18);
    QCOMPARE(history.entries().constLast().request.path, QStringLiteral("/p25"));
}

void TestRequestHistory::capsBytes()
{
    RequestHistory history = RequestHistory::onFile(filePath());
    history.setLimits(1000, 2000);
    for (int i = 0; i < 20; ++i) {
        HistoryEntry e = entry(QStringLiteral("/p%1").arg(i));
        e.request.body = QString(300, QLatin1Char('x'));
        QVERIFY(history.append(e));
    }
    QVERIFY(history.count() < 20);
    QVERIFY(history.count() >= 1);
    for (int i = 20; i < 40; ++i) {
        HistoryEntry e = entry(QStringLiteral("/p%1").arg(i));
        e.request.body = QString(300, QLatin1Char('x'));
        QVERIFY(history.append(e));
        QVERIFY(QFile(filePath()).size() <= 2000);
    }
    QCOMPARE(history.entries().constLast().request.path, QStringLiteral("/p39"));
    QVERIFY2(QFile(filePath()).size() <= 2000, QByteArray::number(QFile(filePath()).size()).constData());
    // One entry larger than the cap is still kept (the newest is never dropped).
    HistoryEntry big = entry(QStringLiteral("/big"));
    big.request.body = QString(5000, QLatin1Char('y'));
    QVERIFY(history.append(big));
    QCOMPARE(history.count(), 1);
}

void TestRequestHistory::searchNewestFirst()
{
    RequestHistory history = RequestHistory::onFile(filePath());
    QVERIFY(history.append(entry(QStringLiteral("/api/v1/dags"))));
    HistoryEntry pools = entry(QStringLiteral("/api/v1/pools"), 404);
    pools.request.operationId = QStringLiteral("get_pools");
    QVERIFY(history.append(pools));
    HistoryEntry trigger = entry(QStringLiteral("/api/v1/dags/x/dagRuns"), 409);
    trigger.request.method = QByteArrayLiteral("POST");
    trigger.request.body = QStringLiteral("{\"dag_run_id\": \"nightly\"}");
    QVERIFY(history.append(trigger));

    QCOMPARE(history.search(QString()), (QList<int>{2, 1, 0}));
    QCOMPARE(history.search(QStringLiteral("DAGS")), (QList<int>{2, 0}));
    QCOMPARE(history.search(QStringLiteral("post /api")), QList<int>{2});
    QCOMPARE(history.search(QStringLiteral("404")), QList<int>{1});
    QCOMPARE(history.search(QStringLiteral("get_pools")), QList<int>{1});
    QCOMPARE(history.search(QStringLiteral("nightly")), QList<int>{2});
    QVERIFY(history.search(QStringLiteral("nothing like it")).isEmpty());
}

void TestRequestHistory::tornLineIsSkipped()
{
    {
        RequestHistory history = RequestHistory::onFile(filePath());
        QVERIFY(history.append(entry(QStringLiteral("/a"))));
    }
    QFile file(filePath());
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"at\": \"2026-11-22T12:0"); // a crash mid-write
    file.close();
    RequestHistory history = RequestHistory::onFile(filePath());
    int skipped = 0;
    QVERIFY(history.load(nullptr, &skipped));
    QCOMPARE(skipped, 1);
    QCOMPARE(history.count(), 1);
    QVERIFY(history.append(entry(QStringLiteral("/b"))));
    RequestHistory reloaded = RequestHistory::onFile(filePath());
    QVERIFY(reloaded.load(nullptr, &skipped));
    QCOMPARE(reloaded.count(), 2); // the new entry did not join the torn line
    QCOMPARE(reloaded.entries().constLast().request.path, QStringLiteral("/b"));
}

void TestRequestHistory::clearRemovesTheFile()
{
    RequestHistory history = RequestHistory::onFile(filePath());
    QVERIFY(history.append(entry(QStringLiteral("/a"))));
    QVERIFY(QFile::exists(filePath()));
    QVERIFY(history.clear());
    QCOMPARE(history.count(), 0);
    QVERIFY(!QFile::exists(filePath()));
}

void TestRequestHistory::sensitiveHeaderNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("sensitive");
    QTest::newRow("authorization") << QByteArrayLiteral("authorization") << true;
    QTest::newRow("proxy") << QByteArrayLiteral("Proxy-Authorization") << true;
    QTest::newRow("cookie") << QByteArrayLiteral("Cookie") << true;
    QTest::newRow("set-cookie") << QByteArrayLiteral("Set-Cookie") << true;
    QTest::newRow("api key") << QByteArrayLiteral("X-API-Key") << true;
    QTest::newRow("auth token") << QByteArrayLiteral("X-Auth-Token") << true;
    QTest::newRow("accept") << QByteArrayLiteral("Accept") << false;
    QTest::newRow("content-type") << QByteArrayLiteral("Content-Type") << false;
    QTest::newRow("keep-alive") << QByteArrayLiteral("Keep-Alive") << false;
}

void TestRequestHistory::sensitiveHeaderNames()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, sensitive);
    QCOMPARE(RequestHistory::isSensitiveHeader(name), sensitive);
}

void TestRequestHistory::defaultPathPerProfile()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = RequestHistory::defaultFilePath(QStringLiteral("abc"));
    QVERIFY2(path.endsWith(QStringLiteral("/explorer/history-abc.jsonl")), qPrintable(path));
    QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "tst_requesthistory.moc"
