// The request editor's widgets offscreen: path parameters follow the path's {name} placeholders (values
// kept), a pasted query string goes into the query table, a catalogue operation fills rows with its types
// and defaults as placeholders, the key/value table's rows (the empty last row, a value typed into an
// unchecked row checks it, Delete), and the body's live check with the line and column in words.

#include "explorer/jsonbodyeditor.h"
#include "explorer/keyvaluetable.h"
#include "explorer/placeholderdelegate.h"
#include "explorer/requesteditor.h"

#include <QAction>
#include <QComboBox>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using Windsock::Explorer::ApiOperation;
using Windsock::Explorer::ApiParameter;
using Windsock::Explorer::KeyValue;
using Windsock::Ui::JsonBodyEditor;
using Windsock::Ui::KeyValueTable;
using Windsock::Ui::PlaceholderDelegate;
using Windsock::Ui::RequestEditor;

class TestRequestEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathParamsFollowThePath();
    void pastedQueryGoesIntoTheTable();
    void operationFillsRowsWithHints();
    void keyValueRows();
    void bodyCheck_data();
    void bodyCheck();
    void sendBecomesCancel();
};

void TestRequestEditor::pathParamsFollowThePath()
{
    RequestEditor editor;
    editor.show();
    QVERIFY(!editor.pathParamsTable()->isVisible()); // no placeholder, no table
    editor.pathEdit()->setText(QStringLiteral("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}"));
    QCOMPARE(editor.pathParamsTable()->table()->rowCount(), 2);
    QVERIFY(editor.pathParamsTable()->isVisible());
    editor.pathParamsTable()->setValue(QStringLiteral("dag_id"), QStringLiteral("etl"));
    editor.pathEdit()->setText(QStringLiteral("/api/v1/dags/{dag_id}/tasks/{{task}}"));
    const QList<KeyValue> expected{{QStringLiteral("dag_id"), QStringLiteral("etl"), true}};
    QCOMPARE(editor.draft().pathParams, expected);
}

void TestRequestEditor::pastedQueryGoesIntoTheTable()
{
    RequestEditor editor;
    editor.pathEdit()->setText(QStringLiteral("/api/v1/dags?limit=5&tags=a%20b"));
    Q_EMIT editor.pathEdit()->editingFinished();
    QCOMPARE(editor.pathEdit()->text(), QStringLiteral("/api/v1/dags"));
    const QList<KeyValue> expected{{QStringLiteral("limit"), QStringLiteral("5"), true},
                                   {QStringLiteral("tags"), QStringLiteral("a b"), true}};
    QCOMPARE(editor.draft().query, expected);
}

void TestRequestEditor::operationFillsRowsWithHints()
{
    ApiOperation operation;
    operation.method = QByteArrayLiteral("PATCH");
    operation.path = QStringLiteral("/api/v1/dags/{dag_id}");
    operation.operationId = QStringLiteral("patch_dag");
    ApiParameter dagId;
    dagId.name = QStringLiteral("dag_id");
    dagId.in = QStringLiteral("path");
    dagId.required = true;
    dagId.type = QStringLiteral("string");
    ApiParameter mask;
    mask.name = QStringLiteral("update_mask");
    mask.in = QStringLiteral("query");
    mask.type = QStringLiteral("string");
    mask.repeated = true;
    ApiParameter limit;
    limit.name = QStringLiteral("limit");
    limit.in = QStringLiteral("query");
    limit.type = QStringLiteral("integer");
    limit.defaultValue = QJsonValue(100);
    limit.description = QStringLiteral("The numbers of items to return.");
    operation.parameters = {dagId, mask, limit};
    operation.hasBody = true;
    operation.bodySkeleton = "{\n  \"is_paused\": false\n}";

    RequestEditor editor;
    editor.applyOperation(operation);
    const Windsock::Explorer::RequestDraft draft = editor.draft();
    QCOMPARE(draft.method, QByteArray("PATCH"));
    QCOMPARE(draft.operationId, QStringLiteral("patch_dag"));
    QCOMPARE(draft.pathParams.size(), 1);
    // Optional query parameters are listed unchecked: nothing is sent until given a value.
    QCOMPARE(draft.query.size(), 2);
    QVERIFY(!draft.query.at(0).enabled);
    QCOMPARE(draft.body, QString::fromUtf8(operation.bodySkeleton));
    QCOMPARE(editor.sections()->currentWidget(), editor.bodyEditor());
    QTableWidget *query = editor.queryTable()->table();
    const int limitRow = editor.queryTable()->rowOf(QStringLiteral("limit"));
    QCOMPARE(query->item(limitRow, 1)->data(PlaceholderDelegate::PlaceholderRole).toString(),
             QStringLiteral("integer, default 100"));
    QVERIFY(query->item(limitRow, 0)->toolTip().contains(QStringLiteral("The numbers of items")));
    QVERIFY(editor.pathParamsTable()->table()->item(0, 0)->font().bold()); // required
}

void TestRequestEditor::keyValueRows()
{
    KeyValueTable table(KeyValueTable::Mode::Free);
    QTableWidget *cells = table.table();
    QCOMPARE(cells->rowCount(), 1); // the empty row to type into
    QVERIFY(table.entries().isEmpty());
    table.setEntries({{QStringLiteral("limit"), QString(), false}});
    QCOMPARE(cells->rowCount(), 2);
    QSignalSpy changed(&table, &KeyValueTable::changed);
    cells->item(0, 1)->setText(QStringLiteral("10")); // as the delegate commits a typed value
    QCOMPARE(table.entries().first(), (KeyValue{QStringLiteral("limit"), QStringLiteral("10"), true}));
    QVERIFY(!changed.isEmpty());
    cells->item(1, 0)->setText(QStringLiteral("offset")); // a name in the empty row: a new entry, a new row
    QCOMPARE(cells->rowCount(), 3);
    QCOMPARE(table.entries().size(), 2);
    cells->selectRow(0);
    table.findChild<QAction *>(QStringLiteral("removeRows"))->trigger();
    QCOMPARE(table.entries().size(), 1);
    QCOMPARE(table.entries().first().key, QStringLiteral("offset"));
    QCOMPARE(cells->rowCount(), 2);
}

void TestRequestEditor::bodyCheck_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("words");
    QTest::newRow("empty") << QString() << true << 0 << 0 << QString();
    QTest::newRow("object") << QStringLiteral("{\"conf\": {}}") << true << 0 << 0 << QString();
    QTest::newRow("missing colon") << QStringLiteral("{\n  \"a\" 1\n}") << false << 2 << 7
                                   << QStringLiteral("colon");
    QTest::newRow("missing comma") << QStringLiteral("{\"a\": 1 \"b\": 2}") << false << 1 << 9
                                   << QStringLiteral("comma");
    QTest::newRow("single quotes") << QStringLiteral("{'a': 1}") << false << 1 << 2
                                   << QStringLiteral("double quotes");
    QTest::newRow("unknown variable")
        << QStringLiteral("{\"a\": {{nope}}}") << false << 1 << 7 << QStringLiteral("{{nope}}");
    QTest::newRow("known variable") << QStringLiteral("{\"a\": {{n}}}") << true << 0 << 0 << QString();
}

void TestRequestEditor::bodyCheck()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, words);
    const JsonBodyEditor::Check check =
        JsonBodyEditor::check(text, {{QStringLiteral("n"), QStringLiteral("3")}});
    QCOMPARE(check.valid, valid);
    QCOMPARE(check.line, line);
    QCOMPARE(check.column, column);
    QVERIFY2(check.message.contains(words), qPrintable(check.message));
    if (!valid)
        QVERIFY(check.message.contains(QStringLiteral("line %1, column %2").arg(line).arg(column),
                                       Qt::CaseInsensitive));
}

void TestRequestEditor::sendBecomesCancel()
{
    RequestEditor editor;
    QSignalSpy send(&editor, &RequestEditor::sendRequested);
    QSignalSpy cancel(&editor, &RequestEditor::cancelRequested);
    editor.sendButton()->click();
    QCOMPARE(send.size(), 1);
    editor.setSending(true);
    QCOMPARE(editor.sendButton()->text(), QStringLiteral("Cancel"));
    editor.sendButton()->click();
    QCOMPARE(cancel.size(), 1);
    QCOMPARE(send.size(), 1);
    editor.setSending(false);
    QCOMPARE(editor.sendButton()->text(), QStringLiteral("Send"));
    QVERIFY(!editor.fetchAllButton()->isEnabled()); // not a paged operation
    editor.setPaged(true);
    QVERIFY(editor.fetchAllButton()->isEnabled());
}

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
