// JsonSearch: finds a text in a JSON document's keys and values on a worker thread and gives the paths of
// what matched, in the tree's order, capped; a newer search or cancel() drops the older one's result.
#include "explorer/jsonsearch.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using Windsock::Explorer::JsonSearch;

namespace {

QJsonDocument dags()
{
    return QJsonDocument::fromJson(
        "{\"dags\": ["
        "  {\"dag_id\": \"etl_orders\", \"is_paused\": false, \"tags\": [{\"name\": \"ETL\"}],"
        "   \"conf\": {\"run.date\": null}},"
        "  {\"dag_id\": \"report\", \"owners\": [\"Etl team\"], \"n\": 42, \"ratio\": 0.5}"
        "], \"total_entries\": 2}");
}

QJsonDocument manyStrings(int count, const QString &text)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(text);
    return QJsonDocument(array);
}

// Lets every worker finish and every queued signal arrive.
void settle()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

} // namespace

class TestJsonSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths_data();
    void paths();
    void cap();
    void cancelledFlag();
    void signalled();
    void newerCancelsOlder();
    void cancelDropsResult();
    void emptyText();
};

void TestJsonSearch::paths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QStringList>("paths");
    QTest::newRow("values, any case")
        << QStringLiteral("etl") << false
        << QStringList{QStringLiteral("$.dags[0].dag_id"), QStringLiteral("$.dags[0].tags[0].name"),
                       QStringLiteral("$.dags[1].owners[0]")};
    QTest::newRow("values, case sensitive")
        << QStringLiteral("ETL") << true << QStringList{QStringLiteral("$.dags[0].tags[0].name")};
    // A container matches by its key; a member matching by key and value is there once.
    QTest::newRow("keys") << QStringLiteral("dag") << false
                          << QStringList{QStringLiteral("$.dags"), QStringLiteral("$.dags[0].dag_id"),
                                         QStringLiteral("$.dags[1].dag_id")};
    QTest::newRow("quoted key") << QStringLiteral("run.") << false
                                << QStringList{QStringLiteral("$.dags[0].conf[\"run.date\"]")};
    QTest::newRow("number") << QStringLiteral("42") << false << QStringList{QStringLiteral("$.dags[1].n")};
    QTest::newRow("part of a number")
        << QStringLiteral("0.5") << false << QStringList{QStringLiteral("$.dags[1].ratio")};
    QTest::newRow("boolean") << QStringLiteral("FALSE") << false
                             << QStringList{QStringLiteral("$.dags[0].is_paused")};
    QTest::newRow("null") << QStringLiteral("null") << false
                          << QStringList{QStringLiteral("$.dags[0].conf[\"run.date\"]")};
    QTest::newRow("nothing") << QStringLiteral("airbyte") << false << QStringList{};
    // The quotes around a string are not part of its value.
    QTest::newRow("no quotes") << QStringLiteral("\"report") << false << QStringList{};
}

void TestJsonSearch::paths()
{
    QFETCH(QString, text);
    QFETCH(bool, caseSensitive);
    QFETCH(QStringList, paths);
    const JsonSearch::Result result = JsonSearch::search(
        dags(), text, caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive, JsonSearch::DefaultMaxResults);
    QCOMPARE(result.paths, paths);
    QVERIFY(!result.truncated);
    QVERIFY(!result.cancelled);
}

void TestJsonSearch::cap()
{
    const QJsonDocument document = manyStrings(50, QStringLiteral("queued"));
    const JsonSearch::Result capped =
        JsonSearch::search(document, QStringLiteral("queue"), Qt::CaseSensitive, 10);
    QCOMPARE(capped.paths.size(), 10);
    QCOMPARE(capped.paths.first(), QStringLiteral("$[0]"));
    QCOMPARE(capped.paths.last(), QStringLiteral("$[9]"));
    QVERIFY(capped.truncated);
    // Exactly as many as the cap: not truncated.
    const JsonSearch::Result exact =
        JsonSearch::search(document, QStringLiteral("queue"), Qt::CaseSensitive, 50);
    QCOMPARE(exact.paths.size(), 50);
    QVERIFY(!exact.truncated);
}

void TestJsonSearch::cancelledFlag()
{
    const std::atomic_bool cancelled(true);
    const JsonSearch::Result result =
        JsonSearch::search(manyStrings(100000, QStringLiteral("x")), QStringLiteral("x"), Qt::CaseSensitive,
                           1000000, &cancelled);
    QVERIFY(result.cancelled);
    QVERIFY(result.paths.size() < 100000);
}

void TestJsonSearch::signalled()
{
    JsonSearch search;
    search.setMaxResults(2);
    QSignalSpy spy(&search, &JsonSearch::found);
    search.start(dags(), QStringLiteral("etl"), Qt::CaseInsensitive);
    QVERIFY(search.isRunning());
    QVERIFY(spy.wait());
    QVERIFY(!search.isRunning());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(),
             QStringList({QStringLiteral("$.dags[0].dag_id"), QStringLiteral("$.dags[0].tags[0].name")}));
    QCOMPARE(spy.at(0).at(1).toBool(), true);
}

void TestJsonSearch::newerCancelsOlder()
{
    JsonSearch search;
    QSignalSpy spy(&search, &JsonSearch::found);
    search.start(manyStrings(200000, QStringLiteral("first")), QStringLiteral("first"), Qt::CaseSensitive);
    search.start(dags(), QStringLiteral("report"), Qt::CaseSensitive);
    QVERIFY(spy.wait());
    settle();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{QStringLiteral("$.dags[1].dag_id")});
}

void TestJsonSearch::cancelDropsResult()
{
    JsonSearch search;
    QSignalSpy spy(&search, &JsonSearch::found);
    search.start(manyStrings(200000, QStringLiteral("x")), QStringLiteral("x"), Qt::CaseSensitive);
    search.cancel();
    QVERIFY(!search.isRunning());
    settle();
    QCOMPARE(spy.count(), 0);
}

void TestJsonSearch::emptyText()
{
    JsonSearch search;
    QSignalSpy spy(&search, &JsonSearch::found);
    search.start(dags(), QString(), Qt::CaseSensitive);
    QCOMPARE(spy.count(), 0); // not from inside start()
    QVERIFY(spy.wait());
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList());
    QCOMPARE(spy.at(0).at(1).toBool(), false);
    // An empty search cancelled by a newer one says nothing.
    search.start(dags(), QString(), Qt::CaseSensitive);
    search.start(dags(), QStringLiteral("report"), Qt::CaseSensitive);
    QVERIFY(spy.wait());
    settle();
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toStringList(), QStringList{QStringLiteral("$.dags[1].dag_id")});
}

QTEST_GUILESS_MAIN(TestJsonSearch)
#include "tst_jsonsearch.moc"
