// CopyResourcesDialog on real widgets (offscreen) over real sandboxes: preview with masked values and a
// "show values" toggle, only Create/Update rows checkable, a row unticked before Apply stays unapplied, a
// production target asks for its name first (and a wrong or cancelled answer sends nothing), a read-only
// target receives no changing request, and the result is checked on the servers through the API.
#include "fleet/copyresourcesdialog.h"

#include "actions/productionguard.h"
#include "api/airflowclient.h"

#include "fakes/awaitresult.h"
#include "fakes/fleetsandboxes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Windsock;
using Fleet::CopyAction;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::SandboxOptions;
using Tests::awaitResult;
using Tests::FleetSandbox;
using Ui::CopyResourcesDialog;

class TestCopyResourcesDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void previewUncheckApply();
    void productionTargetCancelledSendsNothing();
    void choicesChangedMakePreviewStale();

private:
    void setVariable(FleetSandbox &sandbox, const QString &key, const QString &value);
    QString variableValue(FleetSandbox &sandbox, const QString &key);
    CopyResourcesDialog *openDialog();
    void previewAndWait(CopyResourcesDialog *dialog);
    // The preview row of this target and key; -1 when absent.
    static int rowOf(CopyResourcesDialog *dialog, const QString &targetName, const QString &key);

    QNetworkAccessManager m_nam;
    FleetSandbox m_source, m_staging, m_prod, m_ro;
};

void TestCopyResourcesDialog::init()
{
    SandboxOptions v1;
    v1.dagCount = 2;
    v1.runsPerDag = 1;
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    m_source = Tests::startFleetSandbox(
        &m_nam, v1, {QStringLiteral("src"), QStringLiteral("dev"), QStringLiteral("#2ca02c")});
    m_staging = Tests::startFleetSandbox(&m_nam, v1, {QStringLiteral("stg"), QStringLiteral("staging")});
    Tests::FleetSandboxOptions prod{QStringLiteral("prd"), QStringLiteral("prod")};
    prod.production = true;
    m_prod = Tests::startFleetSandbox(&m_nam, v2, prod);
    Tests::FleetSandboxOptions ro{QStringLiteral("ro"), QStringLiteral("audit")};
    ro.readOnly = true;
    m_ro = Tests::startFleetSandbox(&m_nam, v1, ro);
    QVERIFY(m_source.server && m_staging.server && m_prod.server && m_ro.server);
    setVariable(m_source, QStringLiteral("api_key"), QStringLiteral("s3cret"));
    setVariable(m_source, QStringLiteral("region"), QStringLiteral("eu"));
    setVariable(m_staging, QStringLiteral("region"), QStringLiteral("us"));
    setVariable(m_prod, QStringLiteral("region"), QStringLiteral("eu"));
}

void TestCopyResourcesDialog::cleanup()
{
    const QList<QWidget *> widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets)
        delete widget;
    m_source = {};
    m_staging = {};
    m_prod = {};
    m_ro = {};
}

void TestCopyResourcesDialog::setVariable(FleetSandbox &sandbox, const QString &key, const QString &value)
{
    Api::Variable variable;
    variable.key = key;
    variable.value = value;
    variable.hasValue = true;
    const auto created = awaitResult<Api::Variable>(
        [&](auto done) { sandbox.member.client->createVariable(variable, this, done); });
    QVERIFY(created && created->ok());
}

QString TestCopyResourcesDialog::variableValue(FleetSandbox &sandbox, const QString &key)
{
    const auto read =
        awaitResult<Api::Variable>([&](auto done) { sandbox.member.client->variable(key, this, done); });
    if (!read)
        return QStringLiteral("<no answer>");
    if (!read->ok())
        return read->error().kind() == Api::ApiError::Kind::NotFound ? QStringLiteral("<absent>")
                                                                     : read->error().message();
    return read->value().value;
}

CopyResourcesDialog *TestCopyResourcesDialog::openDialog()
{
    auto *dialog = new CopyResourcesDialog({m_source.member, m_staging.member, m_prod.member, m_ro.member},
                                           Fleet::CopyKind::Variables);
    dialog->show();
    return dialog;
}

void TestCopyResourcesDialog::previewAndWait(CopyResourcesDialog *dialog)
{
    QSignalSpy ready(dialog, &CopyResourcesDialog::previewReady);
    QVERIFY(dialog->previewButton()->isEnabled());
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
}

int TestCopyResourcesDialog::rowOf(CopyResourcesDialog *dialog, const QString &targetName, const QString &key)
{
    QTableWidget *table = dialog->previewTable();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, CopyResourcesDialog::TargetColumn)->text() == targetName &&
            table->item(row, CopyResourcesDialog::KeyColumn)->text() == key)
            return row;
    }
    return -1;
}

void TestCopyResourcesDialog::previewUncheckApply()
{
    CopyResourcesDialog *dialog = openDialog();
    QCOMPARE(dialog->sourceCombo()->currentText(), QStringLiteral("dev"));
    QCOMPARE(dialog->targetList()->count(), 3);     // the source is not a target
    QVERIFY(!dialog->previewButton()->isEnabled()); // no target yet
    dialog->setTargetChecked(QStringLiteral("stg"), true);
    dialog->setTargetChecked(QStringLiteral("prd"), true);
    dialog->setTargetChecked(QStringLiteral("ro"), true);
    dialog->keysEdit()->setText(QStringLiteral("api_key, region"));
    dialog->overwriteBox()->setChecked(true);
    previewAndWait(dialog);

    QTableWidget *table = dialog->previewTable();
    QCOMPARE(table->rowCount(), 6);
    const int stagingKey = rowOf(dialog, QStringLiteral("staging"), QStringLiteral("api_key"));
    const int stagingRegion = rowOf(dialog, QStringLiteral("staging"), QStringLiteral("region"));
    const int prodKey = rowOf(dialog, QStringLiteral("prod"), QStringLiteral("api_key"));
    const int prodRegion = rowOf(dialog, QStringLiteral("prod"), QStringLiteral("region"));
    const int roKey = rowOf(dialog, QStringLiteral("audit"), QStringLiteral("api_key"));
    QVERIFY(stagingKey >= 0 && stagingRegion >= 0 && prodKey >= 0 && prodRegion >= 0 && roKey >= 0);
    QCOMPARE(table->item(stagingKey, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Create"));
    QCOMPARE(table->item(stagingRegion, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Update"));
    QCOMPARE(table->item(prodRegion, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Same"));
    QCOMPARE(table->item(roKey, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Refused"));

    // Values are masked until asked for.
    QVERIFY(table->item(stagingKey, CopyResourcesDialog::SourceValueColumn)->text() !=
            QLatin1String("s3cret"));
    dialog->showValuesBox()->setChecked(true);
    QCOMPARE(table->item(stagingKey, CopyResourcesDialog::SourceValueColumn)->text(),
             QStringLiteral("s3cret"));
    QCOMPARE(table->item(stagingRegion, CopyResourcesDialog::TargetValueColumn)->text(),
             QStringLiteral("us"));

    // Only Create/Update rows can be ticked.
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString action = table->item(row, CopyResourcesDialog::ActionColumn)->text();
        const bool checkable =
            table->item(row, CopyResourcesDialog::TargetColumn)->flags() & Qt::ItemIsUserCheckable;
        QCOMPARE(checkable, action == QLatin1String("Create") || action == QLatin1String("Update"));
    }
    QVERIFY(!dialog->applyButton()->isEnabled()); // nothing ticked
    // Tick every checkable row, then untick staging's region again.
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, CopyResourcesDialog::TargetColumn)->flags() & Qt::ItemIsUserCheckable)
            table->item(row, CopyResourcesDialog::TargetColumn)->setCheckState(Qt::Checked);
    }
    table->item(stagingRegion, CopyResourcesDialog::TargetColumn)->setCheckState(Qt::Unchecked);
    QVERIFY(dialog->applyButton()->isEnabled());

    QSignalSpy applied(dialog, &CopyResourcesDialog::appliedAll);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    // prod is production: its name first. A wrong name keeps OK disabled; the right one proceeds.
    QTRY_VERIFY(Ui::ProductionGuard::lastDialog() != nullptr);
    QDialog *guard = Ui::ProductionGuard::lastDialog();
    auto *nameEdit = guard->findChild<QLineEdit *>(QStringLiteral("productionNameEdit"));
    QPushButton *ok = guard->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    nameEdit->setText(QStringLiteral("Prod"));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(applied.count(), 0);
    nameEdit->setText(QStringLiteral("prod"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 20000);

    QVERIFY2(dialog->summaryLabel()->text().contains(QLatin1String("2")),
             qPrintable(dialog->summaryLabel()->text()));
    QCOMPARE(table->item(stagingKey, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Created"));
    QCOMPARE(table->item(prodKey, CopyResourcesDialog::ActionColumn)->text(), QStringLiteral("Created"));
    // On the servers: the ticked rows changed, the unticked one and the rest did not.
    QCOMPARE(variableValue(m_staging, QStringLiteral("api_key")), QStringLiteral("s3cret"));
    QCOMPARE(variableValue(m_staging, QStringLiteral("region")), QStringLiteral("us"));
    QCOMPARE(variableValue(m_prod, QStringLiteral("api_key")), QStringLiteral("s3cret"));
    QCOMPARE(variableValue(m_prod, QStringLiteral("region")), QStringLiteral("eu"));
    QCOMPARE(variableValue(m_ro, QStringLiteral("api_key")), QStringLiteral("<absent>"));
    QCOMPARE(m_ro.changingRequests(), 0);
}

void TestCopyResourcesDialog::productionTargetCancelledSendsNothing()
{
    CopyResourcesDialog *dialog = openDialog();
    dialog->setTargetChecked(QStringLiteral("prd"), true);
    previewAndWait(dialog);
    const int prodKey = rowOf(dialog, QStringLiteral("prod"), QStringLiteral("api_key"));
    QVERIFY(prodKey >= 0);
    dialog->previewTable()->item(prodKey, CopyResourcesDialog::TargetColumn)->setCheckState(Qt::Checked);
    const int before = m_prod.changingRequests();
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_VERIFY(Ui::ProductionGuard::lastDialog() != nullptr);
    QDialog *guard = Ui::ProductionGuard::lastDialog();
    guard->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QVERIFY(!dialog->isBusy());
    QCOMPARE(m_prod.changingRequests(), before);
    QCOMPARE(variableValue(m_prod, QStringLiteral("api_key")), QStringLiteral("<absent>"));
}

void TestCopyResourcesDialog::choicesChangedMakePreviewStale()
{
    CopyResourcesDialog *dialog = openDialog();
    dialog->setTargetChecked(QStringLiteral("stg"), true);
    previewAndWait(dialog);
    QVERIFY(dialog->previewTable()->rowCount() > 0);
    dialog->overwriteBox()->setChecked(true);
    QCOMPARE(dialog->previewTable()->rowCount(), 0);
    QVERIFY(!dialog->applyButton()->isEnabled());
    // A key the source does not have: said in plain words, the typed keys stay.
    dialog->keysEdit()->setText(QStringLiteral("no_such_key"));
    QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->summaryLabel()->text().contains(QLatin1String("no_such_key")), 20000);
    QCOMPARE(dialog->keysEdit()->text(), QStringLiteral("no_such_key"));
}

QTEST_MAIN(TestCopyResourcesDialog)
#include "tst_copyresourcesdialog.moc"
