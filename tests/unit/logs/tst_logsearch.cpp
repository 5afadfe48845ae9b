// LogSearch: every match found in slices (one per event-loop turn), across slice edges, as the text grows,
// case-sensitive or not, never counting an overlap twice.
#include "logs/logsearch.h"

#include <QSignalSpy>
#include <QTest>

using Windsock::Logs::LogSearch;

class TestLogSearch final : public QObject
{
    Q_OBJECT

private:
    static QList<qsizetype> naive(const QString &text, const QString &term, Qt::CaseSensitivity cs)
    {
        QList<qsizetype> out;
        for (qsizetype at = text.indexOf(term, 0, cs); at >= 0; at = text.indexOf(term, at + term.size(), cs))
            out.append(at);
        return out;
    }

private Q_SLOTS:
    void findsEveryMatchInSlices()
    {
        // Several megabytes, so the scan takes more than one step of 256 K characters; the needle sits on
        // step edges too.
        QString text;
        for (int i = 0; i < 60000; ++i)
            text += QStringLiteral("[2024-06-01] {logging_mixin.py:190} INFO - row %1\n")
                        .arg(i, 6, 10, QLatin1Char('0'));
        text.insert(256 * 1024 - 3, QStringLiteral("NeedleX"));
        text.insert(512 * 1024 - 1, QStringLiteral("needlex"));
        LogSearch search;
        search.setText(&text);
        search.setSliceBudgetMs(1);
        QSignalSpy finished(&search, &LogSearch::finished);
        search.start(QStringLiteral("needlex"), Qt::CaseInsensitive);
        QVERIFY(search.isRunning());
        QVERIFY(finished.wait(20000));
        QCOMPARE(search.matches(), naive(text, QStringLiteral("needlex"), Qt::CaseInsensitive));
        QCOMPARE(search.matches().size(), 2);

        search.start(QStringLiteral("NeedleX"), Qt::CaseSensitive);
        QVERIFY(finished.wait(20000));
        QCOMPARE(search.matches(), QList<qsizetype>{256 * 1024 - 3});

        search.start(QStringLiteral("row 0012"), Qt::CaseSensitive);
        QVERIFY(finished.wait(20000));
        QCOMPARE(search.matches(), naive(text, QStringLiteral("row 0012"), Qt::CaseSensitive));
        QCOMPARE(search.matches().size(), 100);
        QCOMPARE(search.firstMatchFrom(0), 0);
        QCOMPARE(search.firstMatchFrom(search.matches().at(5) + 1), 6);
        QCOMPARE(search.firstMatchFrom(text.size()), 100);
    }

    void overlappingMatchesCountOnce()
    {
        QString text = QStringLiteral("aaaaa");
        LogSearch search;
        search.setText(&text);
        QSignalSpy finished(&search, &LogSearch::finished);
        search.start(QStringLiteral("aa"), Qt::CaseSensitive);
        QVERIFY(finished.wait());
        QCOMPARE(search.matches(), (QList<qsizetype>{0, 2}));
    }

    void followsAppendedText()
    {
        QString text = QStringLiteral("first ERR");
        LogSearch search;
        search.setText(&text);
        QSignalSpy finished(&search, &LogSearch::finished);
        search.start(QStringLiteral("ERROR"), Qt::CaseSensitive);
        QVERIFY(finished.wait());
        QVERIFY(search.matches().isEmpty());
        // The term is completed by the next piece: the scan must not have skipped its start.
        text += QStringLiteral("OR\nsecond ERROR\n");
        search.textAppended();
        QVERIFY(finished.wait());
        QCOMPARE(search.matches(), (QList<qsizetype>{6, 19}));
    }

    void emptyTermAndReset()
    {
        QString text = QStringLiteral("abc");
        LogSearch search;
        search.setText(&text);
        search.start(QString(), Qt::CaseSensitive);
        QVERIFY(!search.isRunning());
        QVERIFY(search.matches().isEmpty());
        QSignalSpy finished(&search, &LogSearch::finished);
        search.start(QStringLiteral("b"), Qt::CaseSensitive);
        QVERIFY(finished.wait());
        QCOMPARE(search.matches().size(), 1);
        search.reset();
        QVERIFY(search.matches().isEmpty());
        QVERIFY(search.term().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogSearch)
#include "tst_logsearch.moc"
