// The stand-alone windsock-sandbox executable: --port 0 prints the chosen port, and it answers.
#include "sandboxhttp.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestSandboxExecutable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAndAnswers();
    void takenPortFails();
};

void TestSandboxExecutable::startsAndAnswers()
{
    QProcess process;
    process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                   QStringLiteral("20"), QStringLiteral("--dags"), QStringLiteral("12"),
                   QStringLiteral("--user"), QStringLiteral("ops:pw")});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)$")).match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    QUrl base(QStringLiteral("http://127.0.0.1"));
    base.setPort(match.captured(1).toInt());
    SandboxHttp http(base);
    QCOMPARE(http.send(QByteArrayLiteral("GET"), QStringLiteral("dags"), {}, true, {}, "ops:pw")
                 .json()
                 .value(QStringLiteral("total_entries"))
                 .toInt(),
             12);
    QCOMPARE(http.get(QStringLiteral("dags")).status, 401); // admin:admin was replaced by --user
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestSandboxExecutable::takenPortFails()
{
    QProcess first;
    first.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                 QStringLiteral("10")});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(first.canReadLine(), 10000);
    const QString port = QString::fromUtf8(first.readLine()).trimmed().section(u':', -1);
    QProcess second;
    second.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                 {QStringLiteral("--port"), port});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    first.terminate();
    QVERIFY(first.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestSandboxExecutable)
#include "tst_sandbox_executable.moc"
