// ProfileStore: the JSON file, written atomically; a corrupt file set aside and reported; a newer format
// refused and left alone; import/export without secrets; duplicate.
#include "profiles/profilestore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace Windsock::Profiles;

class TestProfileStore final : public QObject
{
    Q_OBJECT

private:
    QString path() const { return m_dir->filePath(QStringLiteral("config/profiles.json")); }

    static Profile sample(const QString &name)
    {
        Profile profile;
        profile.name = name;
        profile.kind = ProfileKind::AstroToken;
        profile.baseUrl = QUrl(QStringLiteral("https://c.astronomer.run/d1234567"));
        return profile;
    }

    void writeFile(const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path()).absolutePath());
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    static QByteArray readFile(const QString &fileName)
    {
        QFile file(fileName);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void missingFileIsEmpty()
    {
        ProfileStore store(path());
        QVERIFY(store.load());
        QVERIFY(store.profiles().isEmpty());
        QVERIFY(store.error().isEmpty());
    }

    void defaultPathIsInConfigDir()
    {
        ProfileStore store;
        QVERIFY(store.path().endsWith(QLatin1String("/profiles.json")));
    }

    void saveAndLoad()
    {
        ProfileStore store(path());
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        const QString id = store.upsert(sample(QStringLiteral("prod")));
        QVERIFY(!id.isEmpty());
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));
        QCOMPARE(changed.count(), 1);
        store.setLastUsedProfileId(id);

        const QJsonObject root = QJsonDocument::fromJson(readFile(path())).object();
        QCOMPARE(root.value(QLatin1String("format")).toInt(), ProfileStore::FormatVersion);
        QCOMPARE(QFile(path()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());

        ProfileStore again(path());
        QVERIFY(again.load());
        QCOMPARE(again.profiles().size(), 1);
        QCOMPARE(again.profile(id)->name, QStringLiteral("prod"));
        QCOMPARE(again.lastUsedProfileId(), id);

        Profile edited = *again.profile(id);
        edited.name = QStringLiteral("prod 2");
        QCOMPARE(again.upsert(edited), id);
        QCOMPARE(again.profiles().size(), 1);
        QVERIFY(again.remove(id));
        QVERIFY(again.profiles().isEmpty());
        QVERIFY(again.lastUsedProfileId().isEmpty());
        QVERIFY(!again.remove(id));
    }

    void saveIsAtomic()
    {
        ProfileStore store(path());
        store.upsert(sample(QStringLiteral("a")));
        const QByteArray before = readFile(path());
        QCOMPARE(QDir(QFileInfo(path()).absolutePath()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        if (QFileInfo(QFileInfo(path()).absolutePath()).isWritable() && ::geteuid() == 0)
            QSKIP("Running as root: a read-only folder cannot make the write fail");
        // A directory where the temporary file would go makes the write fail: the old file must stay whole.
        QFile::setPermissions(QFileInfo(path()).absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        store.upsert(sample(QStringLiteral("b")));
        QFile::setPermissions(QFileInfo(path()).absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!store.error().isEmpty());
        QCOMPARE(readFile(path()), before);
        QCOMPARE(QDir(QFileInfo(path()).absolutePath()).entryList(QDir::Files).size(), 1);
    }

    void corruptFileIsSetAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{\"format\": 1, \"profiles\": [")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("not a JSON object");
        QTest::newRow("no format") << QByteArray("{\"profiles\": []}") << QStringLiteral("no format version");
        QTest::newRow("no profiles") << QByteArray("{\"format\": 1}")
                                     << QStringLiteral("no list of profiles");
    }

    void corruptFileIsSetAside()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        writeFile(content);
        ProfileStore store(path());
        QVERIFY(!store.load());
        QVERIFY2(store.error().contains(reason), qPrintable(store.error()));
        QVERIFY(store.setAsidePath().startsWith(path() + QStringLiteral(".corrupt-")));
        QVERIFY(store.error().contains(store.setAsidePath()));
        QCOMPARE(readFile(store.setAsidePath()), content);
        QVERIFY(!QFile::exists(path()));
        // Starting afresh does not touch the set-aside copy.
        store.upsert(sample(QStringLiteral("new")));
        QCOMPARE(readFile(store.setAsidePath()), content);
    }

    void newerFormatIsRefused()
    {
        const QByteArray content("{\"format\": 99, \"profiles\": [{\"id\": \"x\", \"kind\": \"warp\"}]}");
        writeFile(content);
        ProfileStore store(path());
        QVERIFY(!store.load());
        QVERIFY2(store.error().contains(QLatin1String("newer version")), qPrintable(store.error()));
        QVERIFY(store.setAsidePath().isEmpty());
        store.upsert(sample(QStringLiteral("x")));
        QVERIFY(!store.save());
        QCOMPARE(readFile(path()), content);
    }

    void unreadableEntriesAreKept()
    {
        writeFile(
            "{\"format\": 1, \"profiles\": [{\"id\": \"a\", \"kind\": \"astro-token\", \"name\": \"A\"},"
            " {\"id\": \"b\", \"kind\": \"from-the-future\", \"name\": \"B\"}]}");
        ProfileStore store(path());
        QVERIFY(store.load());
        QCOMPARE(store.profiles().size(), 1);
        QVERIFY(store.error().contains(QLatin1String("from-the-future")));
        store.upsert(sample(QStringLiteral("c")));
        QVERIFY(readFile(path()).contains("from-the-future"));
    }

    void duplicate()
    {
        ProfileStore store(path());
        const QString id = store.upsert(sample(QStringLiteral("prod")));
        const Profile copy = store.duplicate(id);
        QVERIFY(!copy.id.isEmpty());
        QVERIFY(copy.id != id);
        QCOMPARE(copy.name, QStringLiteral("prod (copy)"));
        QCOMPARE(copy.baseUrl, store.profile(id)->baseUrl);
        QCOMPARE(store.profiles().size(), 2);
        QVERIFY(store.duplicate(QStringLiteral("nope")).id.isEmpty());
    }

    void exportAndImport()
    {
        ProfileStore store(path());
        const QString a = store.upsert(sample(QStringLiteral("a")));
        store.upsert(sample(QStringLiteral("b")));
        const QByteArray all = store.exportJson();
        const QByteArray one = store.exportJson({a});
        QCOMPARE(QJsonDocument::fromJson(all).object().value(QLatin1String("profiles")).toArray().size(), 2);
        QCOMPARE(QJsonDocument::fromJson(one).object().value(QLatin1String("format")).toInt(), 1);

        // Into the same store: new ids.
        QCOMPARE(store.importJson(one), 1);
        QCOMPARE(store.profiles().size(), 3);
        QCOMPARE(store.profiles().last().name, QStringLiteral("a"));
        QVERIFY(store.profiles().last().id != a);

        // Into another: the ids are kept.
        ProfileStore other(m_dir->filePath(QStringLiteral("other/profiles.json")));
        QCOMPARE(other.importJson(all), 2);
        QVERIFY(other.profile(a));

        QCOMPARE(other.importJson("garbage"), -1);
        QVERIFY(!other.error().isEmpty());
        QCOMPARE(other.importJson("{\"format\": 7, \"profiles\": []}"), -1);
        QVERIFY(other.error().contains(QLatin1String("newer")));
        QCOMPARE(other.importJson("{\"format\": 1, \"profiles\": [{\"kind\": \"nope\"}]}"), -1);
        QCOMPARE(other.profiles().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
