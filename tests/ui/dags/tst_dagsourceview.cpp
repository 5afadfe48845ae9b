// DagSourceView, offscreen, against the in-process sandbox with the real client: a DAG's file shown through
// its file token, read-only and monospace with line numbers and Python colours; Ctrl+F finds a word (count,
// next with wrap-around, previous); Copy; and plain sentences for a DAG without a token, an unknown token
// and a failing server.
#include "api/airflowclient.h"
#include "dags/dagsourceview.h"
#include "dags/sourceeditor.h"
#include "fakes/sandboxclient.h"

#include <sandbox/sandboxserver.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Windsock::Api;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::DagSourceView;

namespace {
const QString kDag = QStringLiteral("etl_orders");
}

class TestDagSourceView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DagSourceView> makeView()
    {
        auto view = std::make_unique<DagSourceView>(m_api.get());
        view->resize(900, 600);
        view->show();
        return view;
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<SandboxServer>();
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void showsTheSource()
    {
        auto view = makeView();
        QSignalSpy loaded(view.get(), &DagSourceView::loaded);
        view->showDag(kDag);
        QVERIFY(view->isLoading());
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(view->isShowingSource());
        QVERIFY(view->messageText().isEmpty());
        const QString source = view->source();
        QVERIFY(source.contains(QStringLiteral("from airflow import DAG")));
        QVERIFY(source.contains(QStringLiteral("dag_id='etl_orders'")));
        QVERIFY(view->editor()->isReadOnly());
        // The platform's fixed-width font (offscreen has no real one to measure).
        QCOMPARE(view->editor()->font().family(),
                 QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QVERIFY(view->editor()->lineNumberAreaWidth() > 0);
        QVERIFY(view->editor()->blockCount() > 5);

        // Colours: the import line has formats (keywords), and a comment or string line too.
        const QTextBlock importLine = view->editor()->document()->findBlock(
            int(source.indexOf(QStringLiteral("from airflow import DAG"))));
        QVERIFY(!importLine.layout()->formats().isEmpty());
        bool bold = false;
        for (const QTextLayout::FormatRange &range : importLine.layout()->formats())
            bold = bold || range.format.fontWeight() == QFont::Bold;
        QVERIFY(bold);

        view->editor()->setTextCursor(QTextCursor(view->editor()->document()));
        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("copySourceButton")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), source);
    }

    void findsAWord()
    {
        auto view = makeView();
        QSignalSpy loaded(view.get(), &DagSourceView::loaded);
        view->showDag(kDag);
        QTRY_COMPARE(loaded.size(), 1);
        const QString source = view->source();
        const int expected = int(source.count(QStringLiteral("task")));
        QVERIFY(expected >= 2);

        QVERIFY(view->findBar()->isHidden());
        view->editor()->setFocus();
        QTest::keyClick(view->editor(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(view->findBar()->isVisible());
        QTest::keyClicks(view->findEdit(), QStringLiteral("task"));
        QCOMPARE(view->matchCount(), expected);
        QCOMPARE(view->matchLabel()->text(), QStringLiteral("%1 matches").arg(expected));

        QTest::keyClick(view->findEdit(), Qt::Key_Return);
        QTextCursor cursor = view->editor()->textCursor();
        QCOMPARE(cursor.selectedText(), QStringLiteral("task"));
        QCOMPARE(cursor.selectionStart(), int(source.indexOf(QStringLiteral("task"))));
        QCOMPARE(view->matchLabel()->text(), QStringLiteral("1 of %1").arg(expected));
        view->findNext();
        QCOMPARE(view->editor()->textCursor().selectionStart(),
                 int(source.indexOf(QStringLiteral("task"), cursor.selectionEnd())));
        QCOMPARE(view->matchLabel()->text(), QStringLiteral("2 of %1").arg(expected));
        // Previous from the first match wraps to the last.
        view->findPrevious();
        view->findPrevious();
        QCOMPARE(view->editor()->textCursor().selectionStart(),
                 int(source.lastIndexOf(QStringLiteral("task"))));
        QCOMPARE(view->matchLabel()->text(), QStringLiteral("%1 of %1").arg(expected));

        view->findEdit()->setText(QStringLiteral("no such word anywhere"));
        QCOMPARE(view->matchCount(), 0);
        QCOMPARE(view->matchLabel()->text(), QStringLiteral("No matches"));
    }

    void saysWhenThereIsNoSource()
    {
        auto view = makeView();
        QSignalSpy failed(view.get(), &DagSourceView::failed);
        view->setDag(kDag, QString());
        QCOMPARE(failed.size(), 1);
        QVERIFY(!view->isShowingSource());
        QVERIFY2(view->messageText().contains(QStringLiteral("no file token")),
                 qPrintable(view->messageText()));

        view->setDag(kDag, QStringLiteral("bogus.token"));
        QTRY_COMPARE(failed.size(), 2);
        QVERIFY2(view->messageText().contains(QStringLiteral("has no source")),
                 qPrintable(view->messageText()));

        FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        view->showDag(kDag);
        QTRY_COMPARE(failed.size(), 3);
        QVERIFY2(view->messageText().startsWith(QStringLiteral("Could not read the DAG etl_orders: ")),
                 qPrintable(view->messageText()));
        QVERIFY(view->source().isEmpty());
    }
};

QTEST_MAIN(TestDagSourceView)
#include "tst_dagsourceview.moc"
