// The response viewer offscreen, fed answers directly: JSON as a tree (and pretty text when its tab is
// shown), a body that says it is JSON but is not (where it breaks, and the raw text), an image shown as an
// image, plain text as text, an empty answer, a failure as one sentence, expand/collapse and copy value.

#include "explorer/jsontreepanel.h"
#include "explorer/responseviewer.h"
#include "models/jsontreemodel.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using Windsock::Explorer::ResponseBody;
using Windsock::Ui::JsonTreePanel;
using Windsock::Ui::ResponseViewer;
namespace Api = Windsock::Api;

class TestResponseViewer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void jsonShowsAsATree();
    void invalidJsonSaysWhereAndShowsTheRawText();
    void imageShowsAsAnImage();
    void plainTextShowsAsText();
    void emptyAnswer();
    void failureIsOneSentence();
    void expandAndCollapseAll();
    void copyValueOfTheCurrentRow();
    void copyValueOfALargeArrayOnAWorker();

private:
    void show(int status, const QByteArray &contentType, const QByteArray &body);

    std::unique_ptr<ResponseViewer> m_viewer;
};

void TestResponseViewer::init()
{
    m_viewer = std::make_unique<ResponseViewer>();
    m_viewer->resize(900, 600);
    m_viewer->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_viewer.get()));
}

void TestResponseViewer::cleanup()
{
    m_viewer.reset();
}

void TestResponseViewer::show(int status, const QByteArray &contentType, const QByteArray &body)
{
    Api::RawResponse response;
    response.status = status;
    response.elapsedMs = 12;
    if (!contentType.isEmpty())
        response.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    response.headers.append({QByteArrayLiteral("X-Request-Id"), QByteArrayLiteral("abc")});
    response.body = body;
    m_viewer->showResponse(response);
    QTRY_VERIFY(!m_viewer->isParsing());
}

void TestResponseViewer::jsonShowsAsATree()
{
    show(200, "application/json",
         "{\"dags\": [{\"dag_id\": \"etl\"}, {\"dag_id\": \"load\"}], \"total_entries\": 2}");
    QCOMPARE(m_viewer->statusText(), QStringLiteral("200 OK"));
    QCOMPARE(m_viewer->body().kind(), ResponseBody::Kind::Json);
    QCOMPARE(m_viewer->tabs()->currentIndex(), int(ResponseViewer::TreeTab));
    Windsock::Models::JsonTreeModel *model = m_viewer->treePanel()->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->valueText(model->indexForPath(QStringLiteral("$.dags[1].dag_id"))),
             QStringLiteral("load"));
    QCOMPARE(m_viewer->headersView()->rowCount(), 2);
    QCOMPARE(m_viewer->headersView()->item(1, 0)->text(), QStringLiteral("X-Request-Id"));
    // The pretty text is laid out when its tab is first shown.
    QVERIFY(m_viewer->prettyView()->toPlainText().isEmpty());
    m_viewer->tabs()->setCurrentIndex(ResponseViewer::PrettyTab);
    QVERIFY(m_viewer->prettyView()->toPlainText().contains(QStringLiteral("\"dag_id\": \"load\"")));
    QVERIFY(!m_viewer->bodyNotice()->isVisible());
}

void TestResponseViewer::invalidJsonSaysWhereAndShowsTheRawText()
{
    const QByteArray body = "{\n  \"dag_id\": \"etl\",,\n}";
    show(200, "application/json", body);
    QCOMPARE(m_viewer->body().kind(), ResponseBody::Kind::Text);
    QVERIFY(m_viewer->bodyNotice()->isVisible());
    QVERIFY2(m_viewer->bodyNotice()->text().contains(QStringLiteral("line 2")),
             qPrintable(m_viewer->bodyNotice()->text()));
    QCOMPARE(m_viewer->tabs()->currentIndex(), int(ResponseViewer::RawTab));
    QCOMPARE(m_viewer->rawView()->toPlainText(), QString::fromUtf8(body));
    QVERIFY(!m_viewer->tabs()->isTabEnabled(ResponseViewer::TreeTab));
}

void TestResponseViewer::imageShowsAsAnImage()
{
    QImage image(24, 16, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "PNG"));
    show(200, "image/png", png);
    QCOMPARE(m_viewer->body().kind(), ResponseBody::Kind::Image);
    QCOMPARE(m_viewer->tabs()->currentIndex(), int(ResponseViewer::PreviewTab));
    QCOMPARE(m_viewer->imageView()->pixmap().size(), QSize(24, 16));
}

void TestResponseViewer::plainTextShowsAsText()
{
    show(200, "text/plain; charset=utf-8", "[2024-06-01] task started\n");
    QCOMPARE(m_viewer->body().kind(), ResponseBody::Kind::Text);
    QCOMPARE(m_viewer->tabs()->currentIndex(), int(ResponseViewer::PreviewTab));
    QCOMPARE(m_viewer->textView()->toPlainText(), QStringLiteral("[2024-06-01] task started\n"));
    QVERIFY(!m_viewer->bodyNotice()->isVisible());
}

void TestResponseViewer::emptyAnswer()
{
    show(204, {}, {});
    QCOMPARE(m_viewer->statusText(), QStringLiteral("204 No Content"));
    QCOMPARE(m_viewer->body().kind(), ResponseBody::Kind::Empty);
    QVERIFY(!m_viewer->textView()->toPlainText().isEmpty()); // says there is no body
}

void TestResponseViewer::failureIsOneSentence()
{
    show(200, "application/json", "{\"a\": 1}");
    m_viewer->showError(QStringLiteral("Nothing listens at 127.0.0.1:1."));
    QCOMPARE(m_viewer->errorMessage(), QStringLiteral("Nothing listens at 127.0.0.1:1."));
    QVERIFY(m_viewer->statusText().isEmpty()); // the old answer is not mistaken for this one's
    QCOMPARE(m_viewer->treePanel()->model()->rowCount(), 0);
    show(404, "application/json", "{\"title\": \"DAG not found\"}");
    QVERIFY(m_viewer->errorMessage().isEmpty());
    QCOMPARE(m_viewer->statusText(), QStringLiteral("404 Not Found"));
}

void TestResponseViewer::expandAndCollapseAll()
{
    show(200, "application/json", "{\"a\": {\"b\": {\"c\": [1, 2, 3]}}, \"d\": [true]}");
    Windsock::Models::JsonTreeModel *model = m_viewer->treePanel()->model();
    QTreeView *view = m_viewer->treePanel()->view();
    const QModelIndex deep = model->indexForPath(QStringLiteral("$.a.b.c"));
    QVERIFY(deep.isValid());
    QVERIFY(!view->isExpanded(deep));
    m_viewer->treePanel()->expandAll();
    QVERIFY(view->isExpanded(deep));
    QVERIFY(view->isExpanded(model->indexForPath(QStringLiteral("$.d"))));
    m_viewer->treePanel()->collapseAll();
    QVERIFY(!view->isExpanded(model->indexForPath(QStringLiteral("$.a"))));
}

void TestResponseViewer::copyValueOfTheCurrentRow()
{
    show(200, "application/json", "{\"conf\": {\"size\": 3}, \"note\": \"hello\"}");
    Windsock::Models::JsonTreeModel *model = m_viewer->treePanel()->model();
    QTreeView *view = m_viewer->treePanel()->view();
    view->setCurrentIndex(model->indexForPath(QStringLiteral("$.note")));
    m_viewer->treePanel()->copyValueAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("hello"));
    view->setCurrentIndex(model->indexForPath(QStringLiteral("$.conf")));
    m_viewer->treePanel()->copyPathAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("$.conf"));
    m_viewer->treePanel()->copyValueAction()->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("\"size\": 3")));
}

void TestResponseViewer::copyValueOfALargeArrayOnAWorker()
{
    // 20,000 items: written out on a worker; the clipboard gets the whole array when it is ready.
    QByteArray body = "{\"items\": [";
    for (int i = 0; i < 20000; ++i)
        body += (i ? ", " : "") + QByteArray::number(i);
    body += "]}";
    show(200, "application/json", body);
    Windsock::Models::JsonTreeModel *model = m_viewer->treePanel()->model();
    m_viewer->treePanel()->view()->setCurrentIndex(model->indexForPath(QStringLiteral("$.items")));
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    QSignalSpy notices(m_viewer->treePanel(), &JsonTreePanel::notice);
    m_viewer->treePanel()->copyValueAction()->trigger();
    QTRY_COMPARE(notices.count(), 2); // "Copying the value of $.items…", then "Copied …"
    QCOMPARE(notices.at(0).at(0).toString(), QStringLiteral("Copying the value of $.items\u2026"));
    const QJsonArray copied = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).array();
    QCOMPARE(copied.size(), 20000);
    QCOMPARE(copied.last().toInt(), 19999);
}

QTEST_MAIN(TestResponseViewer)
#include "tst_responseviewer.moc"
