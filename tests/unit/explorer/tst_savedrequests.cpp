// SavedRequests: one git-friendly file per request (sorted keys, indented, trailing newline, the same bytes
// every time), collections as subfolders, rename/duplicate/delete, names refused in words, and no secret or
// Authorization/Cookie header ever written.

#include "explorer/savedrequests.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Windsock::Explorer;

class TestSavedRequests final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripIsByteStable();
    void fileFormat();
    void collections();
    void renameRequest();
    void duplicateNames();
    void removeRequest();
    void collectionOperations();
    void badNames_data();
    void badNames();
    void goodNames();
    void neverWritesSecrets();
    void openReportsBadFiles();
    void defaultFolder();

private:
    static QByteArray readFile(const QString &path);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

RequestDraft draft(const QString &name)
{
    RequestDraft d;
    d.name = name;
    d.method = QByteArrayLiteral("POST");
    d.path = QStringLiteral("/api/v1/dags/{dag_id}/dagRuns");
    d.pathParams = {{QStringLiteral("dag_id"), QStringLiteral("{{dag}}"), true}};
    d.query = {{QStringLiteral("z"), QStringLiteral("1"), true},
               {QStringLiteral("a"), QStringLiteral("2"), false}};
    d.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    d.body = QStringLiteral("{\n  \"conf\": {\"caf\u00e9\": \"{{ ds }}\"}\n}");
    d.operationId = QStringLiteral("post_dag_run");
    return d;
}

} // namespace

QByteArray TestSavedRequests::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestSavedRequests::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSavedRequests::roundTripIsByteStable()
{
    SavedRequests saved(m_dir->path());
    const RequestDraft original = draft(QStringLiteral("trigger"));
    QString error;
    QVERIFY2(saved.save(QString(), original, &error), qPrintable(error));
    const QString path = saved.filePath(QString(), QStringLiteral("trigger"));
    const QByteArray first = readFile(path);
    QVERIFY(!first.isEmpty());

    const std::optional<RequestDraft> opened = saved.open(QString(), QStringLiteral("trigger"), &error);
    QVERIFY2(opened, qPrintable(error));
    QCOMPARE(*opened, original);
    // Saved again unchanged: the very same bytes (no churn in git).
    QVERIFY(saved.save(QString(), *opened));
    QCOMPARE(readFile(path), first);
    QCOMPARE(SavedRequests::fileBytes(original), first);
}

void TestSavedRequests::fileFormat()
{
    const QByteArray bytes = SavedRequests::fileBytes(draft(QStringLiteral("n")));
    QVERIFY(bytes.endsWith("}\n"));
    QVERIFY(!bytes.endsWith("\n\n"));
    QVERIFY(!bytes.contains("\"name\"")); // the file's name is the request's name
    // Keys in sorted order, indented.
    const qsizetype body = bytes.indexOf("\"body\"");
    const qsizetype method = bytes.indexOf("\"method\"");
    const qsizetype path = bytes.indexOf("\"path\"");
    QVERIFY(body >= 0 && body < method && method < path);
    QVERIFY(bytes.contains("\n    \"method\": \"POST\",\n"));
    QVERIFY(bytes.contains("caf\xc3\xa9")); // UTF-8, not escaped
}

void TestSavedRequests::collections()
{
    SavedRequests saved(m_dir->path());
    QVERIFY(saved.collections().isEmpty());
    QVERIFY(saved.requests().isEmpty());
    QVERIFY(saved.save(QStringLiteral("Pools"), draft(QStringLiteral("list"))));
    QVERIFY(saved.save(QStringLiteral("Pools"), draft(QStringLiteral("Create"))));
    QVERIFY(saved.save(QStringLiteral("dags"), draft(QStringLiteral("b"))));
    QVERIFY(saved.save(QString(), draft(QStringLiteral("top"))));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral(".git")));
    QFile stray(m_dir->filePath(QStringLiteral("Pools/notes.txt")));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.close();
    QCOMPARE(saved.collections(), (QStringList{QStringLiteral("dags"), QStringLiteral("Pools")}));
    QCOMPARE(saved.requests(QStringLiteral("Pools")),
             (QStringList{QStringLiteral("Create"), QStringLiteral("list")}));
    QCOMPARE(saved.requests(), QStringList{QStringLiteral("top")});
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("Pools/list.json"))));
}

void TestSavedRequests::renameRequest()
{
    SavedRequests saved(m_dir->path());
    QVERIFY(saved.save(QString(), draft(QStringLiteral("a"))));
    QVERIFY(saved.save(QString(), draft(QStringLiteral("b"))));
    QString error;
    QVERIFY(!saved.rename(QString(), QStringLiteral("a"), QStringLiteral("b"), &error));
    QVERIFY2(error.contains(QStringLiteral("already a request \"b\"")), qPrintable(error));
    QVERIFY(!saved.rename(QString(), QStringLiteral("a"), QStringLiteral("x/y"), &error));
    QVERIFY(error.contains(QStringLiteral("cannot contain /")));
    QVERIFY(!saved.rename(QString(), QStringLiteral("nope"), QStringLiteral("c"), &error));
    QVERIFY(error.contains(QStringLiteral("no request \"nope\"")));
    QVERIFY2(saved.rename(QString(), QStringLiteral("a"), QStringLiteral("c"), &error), qPrintable(error));
    QCOMPARE(saved.requests(), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(saved.open(QString(), QStringLiteral("c"))->name, QStringLiteral("c"));
    QVERIFY(saved.rename(QString(), QStringLiteral("c"), QStringLiteral("C")));
    QCOMPARE(saved.requests(), (QStringList{QStringLiteral("b"), QStringLiteral("C")}));
}

void TestSavedRequests::duplicateNames()
{
    SavedRequests saved(m_dir->path());
    QVERIFY(saved.save(QStringLiteral("c"), draft(QStringLiteral("run"))));
    QCOMPARE(saved.duplicate(QStringLiteral("c"), QStringLiteral("run")), QStringLiteral("run copy"));
    QCOMPARE(saved.duplicate(QStringLiteral("c"), QStringLiteral("run")), QStringLiteral("run copy 2"));
    QCOMPARE(saved.duplicate(QStringLiteral("c"), QStringLiteral("run")), QStringLiteral("run copy 3"));
    QCOMPARE(readFile(saved.filePath(QStringLiteral("c"), QStringLiteral("run copy 2"))),
             readFile(saved.filePath(QStringLiteral("c"), QStringLiteral("run"))));
    QString error;
    QVERIFY(saved.duplicate(QStringLiteral("c"), QStringLiteral("missing"), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestSavedRequests::removeRequest()
{
    SavedRequests saved(m_dir->path());
    QVERIFY(saved.save(QString(), draft(QStringLiteral("a"))));
    QVERIFY(saved.remove(QString(), QStringLiteral("a")));
    QVERIFY(saved.requests().isEmpty());
    QString error;
    QVERIFY(!saved.remove(QString(), QStringLiteral("a"), &error));
    QVERIFY(error.contains(QStringLiteral("no request")));
}

void TestSavedRequests::collectionOperations()
{
    SavedRequests saved(m_dir->path());
    QString error;
    QVERIFY(saved.createCollection(QStringLiteral("one"), &error));
    QVERIFY(!saved.createCollection(QStringLiteral("one"), &error));
    QVERIFY(!saved.createCollection(QStringLiteral("a:b"), &error));
    QVERIFY(saved.save(QStringLiteral("one"), draft(QStringLiteral("r"))));
    QVERIFY2(saved.renameCollection(QStringLiteral("one"), QStringLiteral("two"), &error), qPrintable(error));
    QCOMPARE(saved.collections(), QStringList{QStringLiteral("two")});
    QCOMPARE(saved.requests(QStringLiteral("two")), QStringList{QStringLiteral("r")});
    QFile other(m_dir->filePath(QStringLiteral("two/README.md")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    QVERIFY(!saved.removeCollection(QStringLiteral("two"), &error));
    QVERIFY2(error.contains(QStringLiteral("README.md")), qPrintable(error));
    QVERIFY(QFile::exists(saved.filePath(QStringLiteral("two"), QStringLiteral("r")))); // left as it was
    QVERIFY(other.remove());
    QVERIFY2(saved.removeCollection(QStringLiteral("two"), &error), qPrintable(error));
    QVERIFY(saved.collections().isEmpty());
}

void TestSavedRequests::badNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("words");
    QTest::newRow("empty") << QString() << QStringLiteral("cannot be empty");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("cannot be empty");
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("cannot contain /");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("cannot contain \\");
    QTest::newRow("colon") << QStringLiteral("a:b") << QStringLiteral("cannot contain :");
    QTest::newRow("star") << QStringLiteral("a*") << QStringLiteral("cannot contain *");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("line breaks");
    QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("start with a dot");
    QTest::newRow("hidden") << QStringLiteral(".git") << QStringLiteral("start with a dot");
    QTest::newRow("trailing dot") << QStringLiteral("name.") << QStringLiteral("end with a dot");
    QTest::newRow("trailing space") << QStringLiteral("name ") << QStringLiteral("end with a space");
    QTest::newRow("device") << QStringLiteral("CON") << QStringLiteral("reserved device name");
    QTest::newRow("device ext") << QStringLiteral("lpt1.txt") << QStringLiteral("reserved device name");
    QTest::newRow("long") << QString(201, QLatin1Char('a')) << QStringLiteral("longer than 200");
}

void TestSavedRequests::badNames()
{
    QFETCH(QString, name);
    QFETCH(QString, words);
    const QString error = SavedRequests::checkName(name);
    QVERIFY2(error.contains(words), qPrintable(error));
    SavedRequests saved(m_dir->path());
    RequestDraft d = draft(name);
    QString saveError;
    QVERIFY(!saved.save(QString(), d, &saveError));
    QCOMPARE(saveError, error);
    QVERIFY(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

void TestSavedRequests::goodNames()
{
    for (const QString &name : {QStringLiteral("list pools"), QStringLiteral("caf\u00e9 (v2) #1"),
                                QStringLiteral("COM0"), QStringLiteral("console"), QStringLiteral("a.b")}) {
        QVERIFY2(SavedRequests::checkName(name).isEmpty(), qPrintable(name));
        SavedRequests saved(m_dir->path());
        QVERIFY(saved.save(QString(), draft(name)));
        QCOMPARE(saved.open(QString(), name)->name, name);
    }
}

void TestSavedRequests::neverWritesSecrets()
{
    const QString password = QStringLiteral("hunter2-pass");
    SavedRequests saved(m_dir->path());
    saved.setSecrets({password});
    RequestDraft d = draft(QStringLiteral("s"));
    d.headers = {{QStringLiteral("Authorization"), QStringLiteral("Basic abc"), true},
                 {QStringLiteral("cookie"), QStringLiteral("session=1"), true},
                 {QStringLiteral("X-Api-Key"), QStringLiteral("k"), true},
                 {QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    d.body = QStringLiteral("{\"password\": \"") + password + QStringLiteral("\"}");
    d.query = {{QStringLiteral("p"), password, true}};
    QVERIFY(saved.save(QString(), d));
    const QByteArray bytes = readFile(saved.filePath(QString(), QStringLiteral("s")));
    QVERIFY(!bytes.contains(password.toUtf8()));
    QVERIFY(!bytes.contains("Authorization"));
    QVERIFY(!bytes.contains("session=1"));
    QVERIFY(!bytes.contains("X-Api-Key"));
    QVERIFY(bytes.contains("Accept"));
    QVERIFY(bytes.contains("<redacted>"));
}

void TestSavedRequests::openReportsBadFiles()
{
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"path\": \"/x\",\n  oops\n}\n");
    file.close();
    QString error;
    QVERIFY(!SavedRequests::openFile(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON: line 3")), qPrintable(error));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[1, 2]");
    file.close();
    QVERIFY(!SavedRequests::openFile(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("not a saved request")), qPrintable(error));
    QVERIFY(!SavedRequests::openFile(m_dir->filePath(QStringLiteral("none.json")), &error));
    QVERIFY(error.contains(QStringLiteral("no saved request")));
}

void TestSavedRequests::defaultFolder()
{
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(SavedRequests::defaultFolder(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                 QStringLiteral("/saved-requests"));
    QCOMPARE(SavedRequests().folder(), SavedRequests::defaultFolder());
}

QTEST_GUILESS_MAIN(TestSavedRequests)
#include "tst_savedrequests.moc"
