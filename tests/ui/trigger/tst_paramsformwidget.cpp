// ParamsFormWidget offscreen with params that the sandbox's DAGs do not have: a custom_html_form shown as a
// JSON editor with a note, examples offered as suggestions, multiline text, objects with required keys,
// sections in Airflow's order, numbers with multipleOf shown as written.

#include "trigger/paramsformwidget.h"

#include <QCompleter>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using Windsock::Ui::ParamsFormWidget;
namespace Api = Windsock::Api;

class TestParamsFormWidget final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void customHtmlFormIsAJsonEditorWithANote();
    void examplesAreSuggestions();
    void multilineText();
    void objectErrorsShowUnderTheEditor();
    void sectionsInAirflowsOrder();
    void multipleOfKeepsItsPrecision();

private:
    static QJsonObject json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }
    static Api::DagParam param(const char *name, const QJsonValue &value, const char *schema)
    {
        return Api::DagParam{QString::fromLatin1(name), value, json(schema), QString()};
    }
};

void TestParamsFormWidget::customHtmlFormIsAJsonEditorWithANote()
{
    ParamsFormWidget widget;
    widget.setParams({param("colour", QStringLiteral("#ff0000"),
                            "{\"type\": \"string\", \"custom_html_form\": \"<input type='color'>\"}"),
                      param("plain", QStringLiteral("x"), "{\"type\": \"string\"}")});
    widget.show();
    auto *editor = qobject_cast<QPlainTextEdit *>(widget.editor(QStringLiteral("colour")));
    QVERIFY(editor);
    QCOMPARE(editor->toPlainText(), QStringLiteral("#ff0000"));
    auto *note = widget.findChild<QLabel *>(QStringLiteral("note_colour"));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("cannot show")));
    QVERIFY(!widget.findChild<QLabel *>(QStringLiteral("note_plain")));
    editor->setPlainText(QStringLiteral("#00ff00"));
    QCOMPARE(widget.conf().value(QStringLiteral("colour")).toString(), QStringLiteral("#00ff00"));
}

void TestParamsFormWidget::examplesAreSuggestions()
{
    ParamsFormWidget widget;
    widget.setParams({param("city", QStringLiteral("Berlin"),
                            "{\"type\": \"string\", \"examples\": [\"Berlin\", \"Paris\", \"Rome\"]}")});
    auto *line = qobject_cast<QLineEdit *>(widget.editor(QStringLiteral("city")));
    QVERIFY(line);
    QVERIFY(line->completer());
    QCOMPARE(line->completer()->model()->rowCount(), 3);
    QVERIFY(line->placeholderText().contains(QStringLiteral("Berlin")));
    line->clear();
    QTest::keyClicks(line, QStringLiteral("Lisbon")); // any text, not only the examples
    QCOMPARE(widget.conf().value(QStringLiteral("city")).toString(), QStringLiteral("Lisbon"));
    QVERIFY(widget.isValid());
}

void TestParamsFormWidget::multilineText()
{
    ParamsFormWidget widget;
    widget.setParams({param("sql", QStringLiteral("SELECT 1\nFROM t"),
                            "{\"type\": \"string\", \"format\": \"multiline\"}")});
    auto *edit = qobject_cast<QPlainTextEdit *>(widget.editor(QStringLiteral("sql")));
    QVERIFY(edit);
    QCOMPARE(edit->toPlainText(), QStringLiteral("SELECT 1\nFROM t"));
}

void TestParamsFormWidget::objectErrorsShowUnderTheEditor()
{
    ParamsFormWidget widget;
    widget.setParams({param("target", QJsonObject{{QStringLiteral("table"), QStringLiteral("orders")}},
                            "{\"type\": \"object\", \"required\": [\"table\"], \"properties\": {\"table\": "
                            "{\"type\": \"string\"}}}")});
    widget.show();
    auto *edit = qobject_cast<QPlainTextEdit *>(widget.editor(QStringLiteral("target")));
    QVERIFY(edit);
    QSignalSpy changed(&widget, &ParamsFormWidget::changed);
    edit->setPlainText(QStringLiteral("{\"rows\": 1}"));
    QVERIFY(changed.count() > 0);
    QVERIFY(!widget.isValid());
    QLabel *error = widget.errorLabel(QStringLiteral("target"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("target needs the key table."));
    edit->setPlainText(QStringLiteral("{\"table\": \"t\"}"));
    QVERIFY(widget.isValid());
    QVERIFY(!error->isVisible());
}

void TestParamsFormWidget::sectionsInAirflowsOrder()
{
    ParamsFormWidget widget;
    widget.setParams({param("z", 1, "{\"type\": \"integer\", \"section\": \"Zeta\"}"),
                      param("a", 1, "{\"type\": \"integer\", \"section\": \"Alpha\"}"),
                      param("m", 1, "{\"type\": \"integer\"}")});
    const QList<QGroupBox *> boxes = widget.findChildren<QGroupBox *>();
    QCOMPARE(boxes.size(), 2);
    // In layout order: Alpha above Zeta, as Airflow's form sorts them.
    QGroupBox *alpha = widget.findChild<QGroupBox *>(QStringLiteral("section_Alpha"));
    QGroupBox *zeta = widget.findChild<QGroupBox *>(QStringLiteral("section_Zeta"));
    QVERIFY(alpha && zeta);
    QWidget *content = alpha->parentWidget();
    QVERIFY(content->layout()->indexOf(alpha) < content->layout()->indexOf(zeta));
    QVERIFY(content->layout()->indexOf(widget.editor(QStringLiteral("m"))) <
            content->layout()->indexOf(alpha));
}

void TestParamsFormWidget::multipleOfKeepsItsPrecision()
{
    ParamsFormWidget widget;
    widget.setParams({param("rate", 0.5, "{\"type\": \"number\", \"multipleOf\": 0.005, \"maximum\": 10}")});
    auto *spin = qobject_cast<QDoubleSpinBox *>(widget.editor(QStringLiteral("rate")));
    QVERIFY(spin);
    QCOMPARE(spin->text(), QStringLiteral("0.5"));
    QCOMPARE(spin->singleStep(), 0.005);
    spin->stepUp();
    QCOMPARE(spin->text(), QStringLiteral("0.505"));
    QVERIFY(widget.isValid());
    spin->setValue(0.5071);
    QVERIFY(!widget.isValid()); // not a multiple of 0.005: said before sending
    QCOMPARE(widget.errorLabel(QStringLiteral("rate"))->text(),
             QStringLiteral("rate must be a multiple of 0.005."));
}

QTEST_MAIN(TestParamsFormWidget)
#include "tst_paramsformwidget.moc"
