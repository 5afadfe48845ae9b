// ImportErrorsPage, offscreen, against the in-process sandbox (manual clock) with the real client: the
// sandbox's import error listed with its file and error line, its full stack trace on selection, the count
// in the title signal, the filter, a refresh that keeps the selection, and a failing server in plain words.
#include "api/airflowclient.h"
#include "fakes/sandboxclient.h"
#include "importerrors/importerrorspage.h"
#include "models/importerrormodel.h"

#include <sandbox/sandboxserver.h>

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace Windsock::Api;
using Windsock::Models::ImportErrorModel;
using Windsock::Sandbox::ClockKind;
using Windsock::Sandbox::FaultOptions;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Ui::ImportErrorsPage;

class TestImportErrorsPage final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void init()
    {
        SandboxOptions options;
        options.clock = ClockKind::Manual;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void cleanup()
    {
        m_api.reset();
        m_sandbox.reset();
    }

    void showsTheImportErrorAndItsStackTrace()
    {
        ImportErrorsPage page(m_api.get());
        new QAbstractItemModelTester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                     &page);
        QSignalSpy titles(&page, &ImportErrorsPage::titleChanged);
        QSignalSpy counts(&page, &ImportErrorsPage::countChanged);
        page.resize(900, 600);
        page.show();
        QTRY_COMPARE(page.view()->model()->rowCount(), 1);
        QCOMPARE(page.count(), 1);
        QCOMPARE(page.title(), QStringLiteral("Import errors (1)"));
        QVERIFY(!titles.isEmpty());
        QCOMPARE(titles.last().first().toString(), QStringLiteral("Import errors (1)"));
        QCOMPARE(counts.last().first().toInt(), 1);
        QCOMPARE(page.statusText(), QStringLiteral("1 import error"));
        QVERIFY(page.view()
                    ->model()
                    ->index(0, ImportErrorModel::File)
                    .data()
                    .toString()
                    .endsWith(QStringLiteral("marketing_attribution.py")));
        QCOMPARE(page.view()->model()->index(0, ImportErrorModel::Error).data().toString(),
                 QStringLiteral("ModuleNotFoundError: No module named 'attribution'"));

        QVERIFY(page.stackTraceView()->toPlainText().isEmpty());
        page.view()->setCurrentIndex(page.view()->model()->index(0, ImportErrorModel::Error));
        const QString trace = page.stackTraceView()->toPlainText();
        QVERIFY(trace.startsWith(QStringLiteral("Traceback (most recent call last):")));
        QVERIFY(trace.contains(QStringLiteral("from attribution.models import ShapleyModel")));
        QVERIFY(page.stackTraceView()->isReadOnly());

        // A refresh in place keeps the selection and the trace.
        m_sandbox->advanceClock(10 * 60 * 1000);
        QSignalSpy refreshed(page.model(), &ImportErrorModel::refreshed);
        page.refresh();
        QTRY_COMPARE(refreshed.size(), 1);
        QVERIFY(page.view()->currentIndex().isValid());
        QCOMPARE(page.stackTraceView()->toPlainText(), trace);
        QVERIFY(page.errorText().isEmpty());
    }

    void filters()
    {
        ImportErrorsPage page(m_api.get());
        new QAbstractItemModelTester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                     &page);
        page.show();
        QTRY_COMPARE(page.view()->model()->rowCount(), 1);
        page.view()->setCurrentIndex(page.view()->model()->index(0, 0));
        QTest::keyClicks(page.filterEdit(), QStringLiteral("airflow.cfg"));
        QCOMPARE(page.view()->model()->rowCount(), 0);
        QCOMPARE(page.statusText(), QStringLiteral("0 of 1 shown"));
        QVERIFY(page.stackTraceView()->toPlainText().isEmpty());     // the selected entry is filtered out
        QCOMPARE(page.title(), QStringLiteral("Import errors (1)")); // the count is the server's
        page.filterEdit()->clear();
        QCOMPARE(page.view()->model()->rowCount(), 1);
        QTest::keyClicks(page.filterEdit(), QStringLiteral("SHAPLEY")); // in the trace only, any case
        QCOMPARE(page.view()->model()->rowCount(), 1);
    }

    void saysWhenTheServerFails()
    {
        FaultOptions faults;
        faults.errorRate = 1.0;
        m_sandbox->setFaults(faults);
        ImportErrorsPage page(m_api.get());
        page.show();
        QTRY_VERIFY(!page.errorText().isEmpty());
        QVERIFY2(page.errorText().startsWith(QStringLiteral("Could not load the import errors: ")),
                 qPrintable(page.errorText()));
        QCOMPARE(page.title(), QStringLiteral("Import errors"));
        m_sandbox->setFaults({});
        page.refresh();
        QTRY_COMPARE(page.view()->model()->rowCount(), 1);
        QVERIFY(page.errorText().isEmpty());
    }
};

QTEST_MAIN(TestImportErrorsPage)
#include "tst_importerrorspage.moc"
