// VariableStore: a profile's explorer variables in a JSON file with sorted keys, written atomically, read
// back the same; a missing file is no variables, a broken one is an error in words; names are checked.

#include "explorer/explorervariables.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Windsock::Explorer::VariableStore;

class TestExplorerVariables final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripSortedKeys();
    void missingFileIsEmpty();
    void brokenFileIsAnError();
    void scalarsAreText();
    void validNames();
    void defaultPathPerProfile();
};

void TestExplorerVariables::roundTripSortedKeys()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("explorer/variables-p.json"));
    VariableStore store = VariableStore::onFile(path);
    store.setValue(QStringLiteral("zeta"), QStringLiteral("1"));
    store.setValue(QStringLiteral("alpha"), QStringLiteral("caf\u00e9 \"q\""));
    store.setValue(QStringLiteral("dag"), QStringLiteral("example"));
    store.remove(QStringLiteral("dag"));
    QString error;
    QVERIFY2(store.save(&error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes,
             QByteArrayLiteral("{\n    \"alpha\": \"caf\xc3\xa9 \\\"q\\\"\",\n    \"zeta\": \"1\"\n}\n"));

    VariableStore again = VariableStore::onFile(path);
    QVERIFY(again.load(&error));
    QCOMPARE(again.variables(), store.variables());
    QVERIFY(again.save());
    file.seek(0);
    QCOMPARE(file.readAll(), bytes);
}

void TestExplorerVariables::missingFileIsEmpty()
{
    QTemporaryDir dir;
    VariableStore store = VariableStore::onFile(dir.filePath(QStringLiteral("none.json")));
    QString error;
    QVERIFY(store.load(&error));
    QVERIFY(error.isEmpty());
    QVERIFY(store.variables().isEmpty());
}

void TestExplorerVariables::brokenFileIsAnError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.json"));
    for (const QByteArray &content : {QByteArrayLiteral("{nope"), QByteArrayLiteral("[1, 2]")}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        VariableStore store = VariableStore::onFile(path);
        store.setValue(QStringLiteral("stale"), QStringLiteral("x"));
        QString error;
        QVERIFY(!store.load(&error));
        QVERIFY2(error.contains(QStringLiteral("is not a JSON object")), qPrintable(error));
        QVERIFY(store.variables().isEmpty());
    }
}

void TestExplorerVariables::scalarsAreText()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"n\": 5, \"b\": true, \"s\": \"x\", \"o\": {}}");
    file.close();
    VariableStore store = VariableStore::onFile(path);
    QVERIFY(store.load());
    QCOMPARE(store.value(QStringLiteral("n")), QStringLiteral("5"));
    QCOMPARE(store.value(QStringLiteral("b")), QStringLiteral("true"));
    QCOMPARE(store.value(QStringLiteral("s")), QStringLiteral("x"));
    QVERIFY(!store.variables().contains(QStringLiteral("o")));
}

void TestExplorerVariables::validNames()
{
    QVERIFY(VariableStore::isValidName(QStringLiteral("dag_id")));
    QVERIFY(VariableStore::isValidName(QStringLiteral("base.url-2")));
    QVERIFY(!VariableStore::isValidName(QString()));
    QVERIFY(!VariableStore::isValidName(QStringLiteral("a b")));
    QVERIFY(!VariableStore::isValidName(QStringLiteral("{{x}}")));
    QVERIFY(!VariableStore::isValidName(QStringLiteral("caf\u00e9")));
}

void TestExplorerVariables::defaultPathPerProfile()
{
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(VariableStore(QStringLiteral("abc")).filePath(),
             QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                 QStringLiteral("/explorer/variables-abc.json"));
}

QTEST_GUILESS_MAIN(TestExplorerVariables)
#include "tst_explorervariables.moc"
