// JsonTreeModel: a JSON document as a lazy tree. Rows are created a chunk at a time (a 100,000-element array
// starts with ChunkSize rows, the rest comes through fetchMore), paths are JSONPath with quoted keys where
// needed and lead back to their rows through indexForPath, and the columns show keys, values and types. A
// Fatal QAbstractItemModelTester watches the model through resets, fetchMore and indexForPath.
#include "models/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using Windsock::Models::JsonTreeModel;

class TestJsonTreeModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void columns();
    void emptyDocument();
    void lazyLargeArray();
    void fetchMoreToTheEnd();
    void lazyNestedContainers();
    void paths_data();
    void paths();
    void indexForPathRoundTrip();
    void indexForPathFetchesChunks();
    void indexForPathRejects_data();
    void indexForPathRejects();
    void valueText();
    void longStringsAreCut();
    void resetBetweenDocuments();

private:
    static QJsonDocument parse(const char *json);
    QModelIndex child(const QModelIndex &parent, const QString &key) const;

    JsonTreeModel *m_model = nullptr;
};

QJsonDocument TestJsonTreeModel::parse(const char *json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document;
}

QModelIndex TestJsonTreeModel::child(const QModelIndex &parent, const QString &key) const
{
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex index = m_model->index(row, JsonTreeModel::Key, parent);
        if (index.data().toString() == key)
            return index;
    }
    return {};
}

void TestJsonTreeModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestJsonTreeModel::init()
{
    m_model = new JsonTreeModel(this);
    auto *tester =
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, m_model);
    // Qt 6.4's tester calls fetchMore() from its own modelReset handler, before it counts the reset as done,
    // and then takes the rows fetchMore() inserts for a change in the middle of the reset. The tests call
    // fetchMore() themselves, with the tester watching.
    tester->setUseFetchMore(false);
}

void TestJsonTreeModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestJsonTreeModel::columns()
{
    m_model->setDocument(
        parse("{\"dag_id\": \"etl\", \"n\": 3.5, \"count\": 12, \"ok\": true, \"none\": null,"
              " \"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}, 3], \"conf\": {}, \"list\": [],"
              " \"one\": {\"k\": 1}, \"single\": [0]}"));
    QCOMPARE(m_model->columnCount(), int(JsonTreeModel::ColumnCount));
    QCOMPARE(m_model->headerData(JsonTreeModel::Value, Qt::Horizontal).toString(), QStringLiteral("Value"));
    QCOMPARE(m_model->rowCount(), 10);
    // Keys as QJsonObject keeps them: sorted.
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys << m_model->index(row, JsonTreeModel::Key).data().toString();
    QCOMPARE(keys, QStringList({QStringLiteral("conf"), QStringLiteral("count"), QStringLiteral("dag_id"),
                                QStringLiteral("list"), QStringLiteral("n"), QStringLiteral("none"),
                                QStringLiteral("ok"), QStringLiteral("one"), QStringLiteral("single"),
                                QStringLiteral("tags")}));

    const auto value = [this](const QString &key) {
        return child({}, key).siblingAtColumn(JsonTreeModel::Value).data().toString();
    };
    const auto type = [this](const QString &key) {
        return child({}, key).siblingAtColumn(JsonTreeModel::Type).data().toString();
    };
    QCOMPARE(value(QStringLiteral("dag_id")), QStringLiteral("\"etl\""));
    QCOMPARE(value(QStringLiteral("n")), QStringLiteral("3.5"));
    QCOMPARE(value(QStringLiteral("count")), QStringLiteral("12"));
    QCOMPARE(value(QStringLiteral("ok")), QStringLiteral("true"));
    QCOMPARE(value(QStringLiteral("none")), QStringLiteral("null"));
    QCOMPARE(value(QStringLiteral("tags")), QStringLiteral("[3 items]"));
    QCOMPARE(value(QStringLiteral("single")), QStringLiteral("[1 item]"));
    QCOMPARE(value(QStringLiteral("list")), QStringLiteral("[]"));
    QCOMPARE(value(QStringLiteral("conf")), QStringLiteral("{}"));
    QCOMPARE(value(QStringLiteral("one")), QStringLiteral("{1 key}"));
    QCOMPARE(type(QStringLiteral("dag_id")), QStringLiteral("string"));
    QCOMPARE(type(QStringLiteral("n")), QStringLiteral("number"));
    QCOMPARE(type(QStringLiteral("ok")), QStringLiteral("boolean"));
    QCOMPARE(type(QStringLiteral("none")), QStringLiteral("null"));
    QCOMPARE(type(QStringLiteral("tags")), QStringLiteral("array"));
    QCOMPARE(type(QStringLiteral("conf")), QStringLiteral("object"));

    const QModelIndex tags = child({}, QStringLiteral("tags"));
    QCOMPARE(tags.data(JsonTreeModel::JsonTypeRole).toInt(), int(QJsonValue::Array));
    QCOMPARE(tags.data(JsonTreeModel::ChildCountRole).toInt(), 3);
    QCOMPARE(tags.data(JsonTreeModel::PathRole).toString(), QStringLiteral("$.tags"));
    QVERIFY(m_model->hasChildren(tags));
    QCOMPARE(m_model->rowCount(tags), 3);
    // Elements are keyed by their index.
    QCOMPARE(m_model->index(2, JsonTreeModel::Key, tags).data().toString(), QStringLiteral("2"));
    QCOMPARE(m_model->index(2, JsonTreeModel::Key, tags).data(JsonTreeModel::SortRole).toLongLong(), 2);
    QCOMPARE(m_model->index(0, JsonTreeModel::Value, tags).data().toString(), QStringLiteral("{1 key}"));
    // Empty containers and scalars have no rows.
    QVERIFY(!m_model->hasChildren(child({}, QStringLiteral("conf"))));
    QVERIFY(!m_model->hasChildren(child({}, QStringLiteral("n"))));
    QVERIFY(m_model->flags(child({}, QStringLiteral("n"))).testFlag(Qt::ItemNeverHasChildren));
    QVERIFY(!m_model->flags(tags).testFlag(Qt::ItemNeverHasChildren));
    QCOMPARE(m_model->rowCount(tags.siblingAtColumn(JsonTreeModel::Value)), 0);
}

void TestJsonTreeModel::emptyDocument()
{
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->hasChildren());
    QVERIFY(!m_model->canFetchMore({}));
    m_model->setDocument(parse("[]"));
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->pathOf({}), QStringLiteral("$"));
    QVERIFY(!m_model->indexForPath(QStringLiteral("$[0]")).isValid());
}

void TestJsonTreeModel::lazyLargeArray()
{
    QJsonArray array;
    for (int i = 0; i < 100000; ++i)
        array.append(i * 2);
    m_model->setDocument(QJsonDocument(array));

    // Only the first chunk exists; the rest is fetched as a view scrolls.
    QCOMPARE(m_model->rowCount(), JsonTreeModel::ChunkSize);
    QVERIFY(m_model->canFetchMore({}));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->fetchMore({});
    QCOMPARE(m_model->rowCount(), 2 * JsonTreeModel::ChunkSize);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), JsonTreeModel::ChunkSize);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2 * JsonTreeModel::ChunkSize - 1);
    QCOMPARE(m_model->index(1999, JsonTreeModel::Value).data().toString(), QStringLiteral("3998"));

    // The rest at once (the tester walks every row after each insertion: a chunk at a time would be slow).
    QVERIFY(m_model->indexForPath(QStringLiteral("$[99999]")).isValid());
    QCOMPARE(m_model->rowCount(), 100000);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(m_model->index(99999, JsonTreeModel::Value).data().toString(), QStringLiteral("199998"));
    QVERIFY(!m_model->canFetchMore({}));
    m_model->fetchMore({}); // nothing more: no signal
    QCOMPARE(inserted.count(), 2);
}

void TestJsonTreeModel::fetchMoreToTheEnd()
{
    // Whole chunks, then the 500 left.
    QJsonArray array;
    for (int i = 0; i < 5500; ++i)
        array.append(QStringLiteral("run_%1").arg(i));
    m_model->setDocument(QJsonDocument(array));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    while (m_model->canFetchMore({}))
        m_model->fetchMore({});
    QCOMPARE(m_model->rowCount(), 5500);
    QCOMPARE(inserted.count(), 5);
    QCOMPARE(inserted.last().at(1).toInt(), 5000);
    QCOMPARE(inserted.last().at(2).toInt(), 5499);
    QCOMPARE(m_model->index(5499, JsonTreeModel::Value).data().toString(), QStringLiteral("\"run_5499\""));
}

void TestJsonTreeModel::lazyNestedContainers()
{
    QJsonArray items;
    for (int i = 0; i < 100000; ++i)
        items.append(QJsonObject{{QStringLiteral("i"), i}});
    m_model->setDocument(QJsonDocument(
        QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total_entries"), 100000}}));
    QCOMPARE(m_model->rowCount(), 2);
    const QModelIndex itemsIndex = child({}, QStringLiteral("items"));
    QCOMPARE(itemsIndex.siblingAtColumn(JsonTreeModel::Value).data().toString(),
             QStringLiteral("[100,000 items]"));
    QCOMPARE(itemsIndex.data(JsonTreeModel::ChildCountRole).toInt(), 100000);
    QVERIFY(m_model->hasChildren(itemsIndex));
    QVERIFY(m_model->canFetchMore(itemsIndex));
    QCOMPARE(m_model->rowCount(itemsIndex), JsonTreeModel::ChunkSize);
    m_model->fetchMore(itemsIndex);
    QCOMPARE(m_model->rowCount(itemsIndex), 2 * JsonTreeModel::ChunkSize);
    const QModelIndex element = m_model->index(1500, 0, itemsIndex);
    QCOMPARE(m_model->parent(element), itemsIndex);
    QCOMPARE(m_model->rowCount(element), 1);
    QCOMPARE(m_model->index(0, JsonTreeModel::Value, element).data().toString(), QStringLiteral("1500"));
}

void TestJsonTreeModel::paths_data()
{
    QTest::addColumn<QStringList>("keys"); // the Key column's texts from the top
    QTest::addColumn<QString>("path");
    QTest::newRow("identifier") << QStringList{QStringLiteral("dag_id")} << QStringLiteral("$.dag_id");
    QTest::newRow("dotted key") << QStringList{QStringLiteral("a.b")} << QStringLiteral("$[\"a.b\"]");
    QTest::newRow("nested, index, space")
        << QStringList{QStringLiteral("a.b"), QStringLiteral("c"), QStringLiteral("1"), QStringLiteral("d e")}
        << QStringLiteral("$[\"a.b\"].c[1][\"d e\"]");
    QTest::newRow("dollar and underscore") << QStringList{QStringLiteral("$x_1")} << QStringLiteral("$.$x_1");
    QTest::newRow("starts with a digit")
        << QStringList{QStringLiteral("1st")} << QStringLiteral("$[\"1st\"]");
    QTest::newRow("quote and backslash")
        << QStringList{QStringLiteral("quo\"te\\")} << QStringLiteral("$[\"quo\\\"te\\\\\"]");
    QTest::newRow("empty key") << QStringList{QString()} << QStringLiteral("$[\"\"]");
    QTest::newRow("non-ASCII") << QStringList{QStringLiteral("caf\u00e9")}
                               << QStringLiteral("$[\"caf\u00e9\"]");
    QTest::newRow("bracket") << QStringList{QStringLiteral("x]")} << QStringLiteral("$[\"x]\"]");
}

void TestJsonTreeModel::paths()
{
    QFETCH(QStringList, keys);
    QFETCH(QString, path);
    m_model->setDocument(
        parse("{\"dag_id\": \"etl\", \"a.b\": {\"c\": [1, {\"d e\": 2}]}, \"$x_1\": 1, \"1st\": 2,"
              " \"quo\\\"te\\\\\": 3, \"\": 4, \"caf\\u00e9\": 5, \"x]\": 6}"));
    QModelIndex index;
    for (const QString &key : keys) {
        index = child(index, key);
        QVERIFY2(index.isValid(), qPrintable(key));
    }
    QCOMPARE(m_model->pathOf(index), path);
    QCOMPARE(m_model->pathOf(index.siblingAtColumn(JsonTreeModel::Type)), path);
    QCOMPARE(m_model->indexForPath(path), index);
}

void TestJsonTreeModel::indexForPathRoundTrip()
{
    m_model->setDocument(parse("{\"dags\": [{\"dag_id\": \"a\", \"tags\": [{\"name\": \"x y\"}]},"
                               " {\"dag_id\": \"b\", \"params\": {\"run.date\": {\"value\": null}}}],"
                               " \"total_entries\": 2}"));
    // Every row's path leads back to it.
    int checked = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            QCOMPARE(m_model->indexForPath(m_model->pathOf(index)), index);
            ++checked;
            walk(index);
        }
    };
    walk({});
    QCOMPARE(checked, 12);
    const QModelIndex value = m_model->indexForPath(QStringLiteral("$.dags[1].params[\"run.date\"].value"));
    QVERIFY(value.isValid());
    QCOMPARE(value.siblingAtColumn(JsonTreeModel::Type).data().toString(), QStringLiteral("null"));
}

void TestJsonTreeModel::indexForPathFetchesChunks()
{
    QJsonArray runs;
    for (int i = 0; i < 100000; ++i)
        runs.append(QJsonObject{{QStringLiteral("dag_run_id"), QStringLiteral("run_%1").arg(i)}});
    m_model->setDocument(QJsonDocument(QJsonObject{{QStringLiteral("dag_runs"), runs}}));
    const QModelIndex dagRuns = child({}, QStringLiteral("dag_runs"));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);

    const QModelIndex found = m_model->indexForPath(QStringLiteral("$.dag_runs[54321].dag_run_id"));
    QVERIFY(found.isValid());
    QCOMPARE(found.siblingAtColumn(JsonTreeModel::Value).data().toString(), QStringLiteral("\"run_54321\""));
    QCOMPARE(found.parent().row(), 54321);
    // Whole chunks up to the one holding the element, announced to views.
    QCOMPARE(m_model->rowCount(dagRuns), 55000);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), dagRuns);
    QCOMPARE(inserted.at(0).at(1).toInt(), JsonTreeModel::ChunkSize);
    QCOMPARE(inserted.at(0).at(2).toInt(), 54999);
    // An element already there: nothing more is created.
    QVERIFY(m_model->indexForPath(QStringLiteral("$.dag_runs[10]")).isValid());
    QCOMPARE(inserted.count(), 1);
    QVERIFY(!m_model->indexForPath(QStringLiteral("$.dag_runs[100000]")).isValid());
    QCOMPARE(m_model->rowCount(dagRuns), 55000);
}

void TestJsonTreeModel::indexForPathRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("root") << QStringLiteral("$");
    QTest::newRow("no such key") << QStringLiteral("$.nope");
    QTest::newRow("index into an object") << QStringLiteral("$[0]");
    QTest::newRow("key into an array") << QStringLiteral("$.list.x");
    QTest::newRow("into a scalar") << QStringLiteral("$.n.x");
    QTest::newRow("index out of range") << QStringLiteral("$.list[2]");
    QTest::newRow("no dollar") << QStringLiteral("list[0]");
    QTest::newRow("unclosed bracket") << QStringLiteral("$.list[0");
    QTest::newRow("unclosed quote") << QStringLiteral("$[\"list]");
    QTest::newRow("negative") << QStringLiteral("$.list[-1]");
    QTest::newRow("empty") << QString();
}

void TestJsonTreeModel::indexForPathRejects()
{
    QFETCH(QString, path);
    m_model->setDocument(parse("{\"list\": [1, 2], \"n\": 1}"));
    QVERIFY(!m_model->indexForPath(path).isValid());
}

void TestJsonTreeModel::valueText()
{
    m_model->setDocument(
        parse("{\"s\": \"line 1\\nline \\\"2\\\"\", \"n\": 3.25, \"i\": 7, \"b\": false, \"z\": null,"
              " \"o\": {\"x\": [1, \"y\"]}}"));
    const auto text = [this](const char *path) {
        return m_model->valueText(m_model->indexForPath(QString::fromLatin1(path)));
    };
    // Strings as they are, without quotes or escapes: what a person wants to paste.
    QCOMPARE(text("$.s"), QStringLiteral("line 1\nline \"2\""));
    QCOMPARE(text("$.n"), QStringLiteral("3.25"));
    QCOMPARE(text("$.i"), QStringLiteral("7"));
    QCOMPARE(text("$.b"), QStringLiteral("false"));
    QCOMPARE(text("$.z"), QStringLiteral("null"));
    QCOMPARE(text("$.o"), QStringLiteral("{\n  \"x\": [\n    1,\n    \"y\"\n  ]\n}"));
    // The Value column shows the string as JSON.
    QCOMPARE(
        m_model->indexForPath(QStringLiteral("$.s")).siblingAtColumn(JsonTreeModel::Value).data().toString(),
        QStringLiteral("\"line 1\\nline \\\"2\\\"\""));
    QCOMPARE(JsonTreeModel::textOf(m_model->valueAt(m_model->indexForPath(QStringLiteral("$.o")))),
             text("$.o"));
    // The whole document for an invalid index.
    QVERIFY(m_model->valueText({}).startsWith(QStringLiteral("{\n  \"b\": false,")));
    QCOMPARE(m_model->valueAt(m_model->indexForPath(QStringLiteral("$.o.x[1]"))),
             QJsonValue(QStringLiteral("y")));
}

void TestJsonTreeModel::longStringsAreCut()
{
    const QString log(100000, QLatin1Char('x'));
    m_model->setDocument(QJsonDocument(QJsonObject{{QStringLiteral("content"), log}}));
    const QModelIndex content = m_model->index(0, JsonTreeModel::Value);
    const QString shown = content.data().toString();
    QCOMPARE(shown.size(), JsonTreeModel::DisplayChars + 3); // quotes and the ellipsis
    QVERIFY(shown.endsWith(QStringLiteral("x\u2026\"")));
    QCOMPARE(m_model->valueText(content), log);
}

void TestJsonTreeModel::resetBetweenDocuments()
{
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setDocument(parse("{\"a\": [1, 2, 3]}"));
    const QModelIndex deep = m_model->indexForPath(QStringLiteral("$.a[2]"));
    QVERIFY(deep.isValid());
    m_model->setDocument(parse("[{\"b\": 1}]"));
    QCOMPARE(reset.count(), 2);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->pathOf(m_model->indexForPath(QStringLiteral("$[0].b"))), QStringLiteral("$[0].b"));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->document().isEmpty());
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
