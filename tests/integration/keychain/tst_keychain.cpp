// The real OS keychain, as the test suite sets it up (gnome-keyring's Secret Service on a throwaway
// XDG_DATA_HOME inside dbus-run-session): a secret written through QtKeychain can be read back and deleted,
// and a missing entry is reported as EntryNotFound. Profiles build their SecretStore on exactly this.
#include <QSignalSpy>
#include <QTest>
#include <qt6keychain/keychain.h>

class TestKeychain final : public QObject
{
    Q_OBJECT

private:
    static const QString service() { return QStringLiteral("windsock-tests"); }

    static QKeychain::Error run(QKeychain::Job *job)
    {
        job->setAutoDelete(false);
        QSignalSpy finished(job, &QKeychain::Job::finished);
        job->start();
        if (!finished.wait(15000))
            return QKeychain::OtherError;
        return job->error();
    }

private Q_SLOTS:
    void writeReadDelete()
    {
        const QString key = QStringLiteral("profile:http://127.0.0.1:8080:%1")
                                .arg(QLatin1String(QTest::currentTestFunction()));
        const QString secret = QStringLiteral("s3cr\u00e9t with spaces and : colons");

        QKeychain::WritePasswordJob write(service());
        write.setInsecureFallback(false);
        write.setKey(key);
        write.setTextData(secret);
        QCOMPARE(run(&write), QKeychain::NoError);

        QKeychain::ReadPasswordJob read(service());
        read.setInsecureFallback(false);
        read.setKey(key);
        QCOMPARE(run(&read), QKeychain::NoError);
        QCOMPARE(read.textData(), secret);

        QKeychain::DeletePasswordJob remove(service());
        remove.setInsecureFallback(false);
        remove.setKey(key);
        QCOMPARE(run(&remove), QKeychain::NoError);

        QKeychain::ReadPasswordJob again(service());
        again.setInsecureFallback(false);
        again.setKey(key);
        QCOMPARE(run(&again), QKeychain::EntryNotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
