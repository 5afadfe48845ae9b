// MemorySecretStore: the SecretStore contract (asynchronous, exactly one answer) without a keychain.
#include "profiles/memorysecretstore.h"

#include <QTest>
#include <optional>

using namespace Windsock::Profiles;

class TestMemorySecretStore final : public QObject
{
    Q_OBJECT

private:
    template<typename Start>
    std::optional<SecretResult> await(Start start)
    {
        std::optional<SecretResult> result;
        int calls = 0;
        start([&](const SecretResult &r) {
            result = r;
            ++calls;
        });
        [&] {
            QVERIFY(!result); // never inside the call
            QTRY_VERIFY(result.has_value());
        }();
        QTest::qWait(10);
        [&] { QCOMPARE(calls, 1); }();
        return result;
    }

private Q_SLOTS:
    void writeReadRemove()
    {
        MemorySecretStore store;
        const QString id = QStringLiteral("p1");
        QCOMPARE(await([&](auto done) { store.read(id, this, done); })->status,
                 SecretResult::Status::NotFound);
        QVERIFY(await([&](auto done) { store.write(id, QStringLiteral("s3cret"), this, done); })->ok());
        const auto read = await([&](auto done) { store.read(id, this, done); });
        QVERIFY(read->ok());
        QCOMPARE(read->secret, QStringLiteral("s3cret"));
        QVERIFY(await([&](auto done) { store.remove(id, this, done); })->ok());
        QVERIFY(!store.contains(id));
        QVERIFY(!store.memoryOnly());
    }

    void failNext()
    {
        MemorySecretStore store;
        store.failNext(SecretResult::Status::AccessDenied, QStringLiteral("locked"));
        const auto failed =
            await([&](auto done) { store.write(QStringLiteral("p"), QStringLiteral("x"), this, done); });
        QCOMPARE(failed->status, SecretResult::Status::AccessDenied);
        QCOMPARE(failed->message, QStringLiteral("locked"));
        QCOMPARE(store.size(), 0);
        QVERIFY(await([&](auto done) {
                    store.write(QStringLiteral("p"), QStringLiteral("x"), this, done);
                })->ok());
    }

    void destroyedContextGetsNoAnswer()
    {
        MemorySecretStore store;
        bool called = false;
        auto *context = new QObject;
        store.read(QStringLiteral("p"), context, [&](const SecretResult &) { called = true; });
        delete context;
        QTest::qWait(20);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "tst_memorysecretstore.moc"
