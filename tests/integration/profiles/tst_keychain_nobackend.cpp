// Windsock on a system without any keychain: the test runs on its own session bus where nothing provides the
// Secret Service (tests/data/dbus/session-without-services.conf). No insecure fallback: nothing is written to
// a file; the user is told, and the secret is kept in memory for this run only.
#include "profiles/keychainsecretstore.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Windsock::Profiles;

class TestKeychainNoBackend final : public QObject
{
    Q_OBJECT

private:
    template<typename Start>
    std::optional<SecretResult> await(Start start)
    {
        std::optional<SecretResult> result;
        start([&](const SecretResult &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return std::nullopt;
        return result;
    }

private Q_SLOTS:
    void secretKeptInMemoryForThisRunOnly()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString secret =
            QStringLiteral("no-backend-s3cret-%1").arg(QDateTime::currentMSecsSinceEpoch());
        KeychainSecretStore store(QStringLiteral("windsock-tests-nobackend"));
        QVERIFY(!store.memoryOnly());

        const auto written = await([&](auto done) { store.write(QStringLiteral("p1"), secret, this, done); });
        QVERIFY(written.has_value());
        QCOMPARE(written->status, SecretResult::Status::NoBackend);
        QVERIFY2(written->message.contains(QStringLiteral("kept in memory until Windsock quits")),
                 qPrintable(written->message));
        QVERIFY(store.memoryOnly());

        // Usable for the rest of this run.
        const auto read = await([&](auto done) { store.read(QStringLiteral("p1"), this, done); });
        QVERIFY(read.has_value());
        QVERIFY2(read->ok(), qPrintable(read->message));
        QCOMPARE(read->secret, secret);

        // The next run (a new store) has nothing: the secret was never written anywhere.
        KeychainSecretStore nextRun(QStringLiteral("windsock-tests-nobackend"));
        const auto again = await([&](auto done) { nextRun.read(QStringLiteral("p1"), this, done); });
        QVERIFY(again.has_value());
        QVERIFY(!again->ok());
        QVERIFY(again->secret.isEmpty());

        // And no file of this user's holds it (no insecure fallback such as QSettings).
        for (const auto location :
             {QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
              QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation}) {
            QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.size() < 10 * 1024 * 1024 && file.open(QIODevice::ReadOnly))
                    QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
            }
        }

        // Removing works on memory too.
        QVERIFY(await([&](auto done) { store.remove(QStringLiteral("p1"), this, done); })->ok());
        const auto gone = await([&](auto done) { store.read(QStringLiteral("p1"), this, done); });
        QVERIFY(!gone->ok());
    }
};

QTEST_GUILESS_MAIN(TestKeychainNoBackend)
#include "tst_keychain_nobackend.moc"
