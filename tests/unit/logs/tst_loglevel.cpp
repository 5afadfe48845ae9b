// Log line classification: the timestamp and level of Airflow 2 and 3 lines, continuation lines taking the
// level of their record, level names and their order.
#include "logs/loglevel.h"

#include <QTest>
#include <QTimeZone>

using Windsock::Logs::LogLevel;
using Windsock::Logs::logLevelFromName;
using Windsock::Logs::logLevelName;
using Windsock::Logs::logLevelPasses;
using Windsock::Logs::LogLineClassifier;
using Windsock::Logs::LogLineHead;
using Windsock::Logs::parseLogLineHead;

Q_DECLARE_METATYPE(Windsock::Logs::LogLevel)

class TestLogLevel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheHeadOfALine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("isRecord");
        QTest::addColumn<LogLevel>("level");
        QTest::addColumn<QString>("timestamp"); // ISO, UTC, with milliseconds; empty for none
        QTest::addColumn<int>("textStart");

        QTest::newRow("airflow 2")
            << QStringLiteral(
                   "[2026-11-22T10:00:00.123+0000] {taskinstance.py:1138} INFO - Dependencies all met")
            << true << LogLevel::Info << QStringLiteral("2026-11-22T10:00:00.123Z") << 31;
        QTest::newRow("older airflow 2")
            << QStringLiteral("[2026-11-22 10:00:00,123] {models.py:12} WARNING - x") << true
            << LogLevel::Warning << QStringLiteral("2026-11-22T10:00:00.123Z") << 26;
        QTest::newRow("airflow 3 microseconds")
            << QStringLiteral("[2026-11-22T10:00:00.123456Z] {airflow.task} ERROR - Task failed") << true
            << LogLevel::Error << QStringLiteral("2026-11-22T10:00:00.123Z") << 30;
        QTest::newRow("offset with a colon")
            << QStringLiteral("[2026-11-22T12:30:00+02:30] {a.py:1} DEBUG - d") << true << LogLevel::Debug
            << QStringLiteral("2026-11-22T10:00:00.000Z") << 28;
        QTest::newRow("negative offset")
            << QStringLiteral("[2026-11-21T23:00:00.5-1100] {a.py:1} CRITICAL - c") << true
            << LogLevel::Critical << QStringLiteral("2026-11-22T10:00:00.500Z") << 29;
        QTest::newRow("no logger") << QStringLiteral("[2026-11-22T10:00:00Z] WARNING - w") << true
                                   << LogLevel::Warning << QStringLiteral("2026-11-22T10:00:00.000Z") << 23;
        QTest::newRow("no timestamp")
            << QStringLiteral("{airflow.task} ERROR - e") << true << LogLevel::Error << QString() << 0;
        QTest::newRow("group marker")
            << QStringLiteral("[2026-11-22T10:00:00.123+0000] {local_task_job_runner.py:123} \u25b6 Pre task "
                              "execution logs")
            << true << LogLevel::None << QStringLiteral("2026-11-22T10:00:00.123Z") << 31;
        QTest::newRow("traceback") << QStringLiteral("Traceback (most recent call last):") << false
                                   << LogLevel::None << QString() << 0;
        QTest::newRow("exception line") << QStringLiteral("ValueError: upstream file is empty") << false
                                        << LogLevel::None << QString() << 0;
        QTest::newRow("print output") << QStringLiteral("Error while connecting - retrying") << false
                                      << LogLevel::None << QString() << 0;
        QTest::newRow("banner") << QStringLiteral("*** Found local files:") << false << LogLevel::None
                                << QString() << 0;
        QTest::newRow("bracket not a time") << QStringLiteral("[2026-13-22T10:00:00] {a} INFO - x") << false
                                            << LogLevel::None << QString() << 0;
        QTest::newRow("cut short") << QStringLiteral("[2026-11-22T10:00:00.12") << false << LogLevel::None
                                   << QString() << 0;
        QTest::newRow("empty") << QString() << false << LogLevel::None << QString() << 0;
    }

    void readsTheHeadOfALine()
    {
        QFETCH(QString, line);
        QFETCH(bool, isRecord);
        QFETCH(LogLevel, level);
        QFETCH(QString, timestamp);
        QFETCH(int, textStart);
        const LogLineHead head = parseLogLineHead(line);
        QCOMPARE(head.isRecord, isRecord);
        QCOMPARE(head.level, level);
        QCOMPARE(head.hasTimestamp, !timestamp.isEmpty());
        if (!timestamp.isEmpty())
            QCOMPARE(head.timestamp(), QDateTime::fromString(timestamp, Qt::ISODateWithMs));
        else
            QVERIFY(!head.timestamp().isValid());
        QCOMPARE(head.textStart, qsizetype(textStart));
    }

    void continuationLinesTakeTheLevelOfTheirRecord()
    {
        const QStringList lines = {
            QStringLiteral("*** Found local files:"),
            QStringLiteral("[2026-11-22T10:00:00.000+0000] {taskinstance.py:1} INFO - Starting attempt 1"),
            QStringLiteral("[2026-11-22T10:00:01.000+0000] {taskinstance.py:3310} ERROR - Task failed"),
            QStringLiteral("Traceback (most recent call last):"),
            QStringLiteral("  File \"dag.py\", line 42, in extract"),
            QStringLiteral("ValueError: upstream file is empty"),
            QStringLiteral(
                "[2026-11-22T10:00:02.000+0000] {taskinstance.py:1225} INFO - Marking task as FAILED."),
            QStringLiteral("[2026-11-22T10:00:03.000+0000] {warnings.py:1} WARNING - deprecated"),
            QStringLiteral("  warnings.warn("),
        };
        const QList<LogLevel> expected = {LogLevel::None,  LogLevel::Info,    LogLevel::Error,
                                          LogLevel::Error, LogLevel::Error,   LogLevel::Error,
                                          LogLevel::Info,  LogLevel::Warning, LogLevel::Warning};
        const QList<bool> records = {false, true, true, false, false, false, true, true, false};
        LogLineClassifier classifier;
        for (int i = 0; i < lines.size(); ++i) {
            const LogLineHead head = classifier.classify(lines.at(i));
            QCOMPARE(head.level, expected.at(i));
            QCOMPARE(head.isRecord, records.at(i));
        }
        classifier.reset();
        QCOMPARE(classifier.classify(QStringLiteral("  more")).level, LogLevel::None);
    }

    void namesAndOrder()
    {
        QCOMPARE(logLevelFromName(u"INFO"), LogLevel::Info);
        QCOMPARE(logLevelFromName(u"warn"), LogLevel::Warning);
        QCOMPARE(logLevelFromName(u"Warning"), LogLevel::Warning);
        QCOMPARE(logLevelFromName(u"exception"), LogLevel::Error);
        QCOMPARE(logLevelFromName(u"fatal"), LogLevel::Critical);
        QCOMPARE(logLevelFromName(u"verbose"), LogLevel::None);
        QCOMPARE(logLevelFromName(u""), LogLevel::None);
        for (LogLevel level :
             {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error, LogLevel::Critical})
            QCOMPARE(logLevelFromName(logLevelName(level)), level);
        QVERIFY(logLevelName(LogLevel::None).isEmpty());

        QVERIFY(logLevelPasses(LogLevel::Error, LogLevel::Warning));
        QVERIFY(logLevelPasses(LogLevel::Critical, LogLevel::Error));
        QVERIFY(!logLevelPasses(LogLevel::Info, LogLevel::Warning));
        QVERIFY(!logLevelPasses(LogLevel::Debug, LogLevel::Info));
        QVERIFY(logLevelPasses(LogLevel::Debug, LogLevel::Debug));
        // No level counts as info.
        QVERIFY(logLevelPasses(LogLevel::None, LogLevel::Info));
        QVERIFY(!logLevelPasses(LogLevel::None, LogLevel::Warning));
    }
};

QTEST_GUILESS_MAIN(TestLogLevel)
#include "tst_loglevel.moc"
