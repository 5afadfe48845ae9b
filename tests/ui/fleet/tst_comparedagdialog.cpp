// CompareDagDialog on real widgets (offscreen) over an Airflow 2 and an Airflow 3 sandbox: a column per
// deployment, present/missing, the pause state changed on one side highlighted, params rows, and a new DAG id
// compared again without blocking.
#include "fleet/comparedagdialog.h"

#include "api/airflowclient.h"

#include "fakes/awaitresult.h"
#include "fakes/fleetsandboxes.h"

#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Windsock;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::SandboxOptions;
using Tests::awaitResult;
using Tests::FleetSandbox;
using Ui::CompareDagDialog;

class TestCompareDagDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void comparesAndHighlights();

private:
    QNetworkAccessManager m_nam;
    FleetSandbox m_v1, m_v2;
};

void TestCompareDagDialog::initTestCase()
{
    SandboxOptions v1;
    v1.dagCount = 12;
    v1.runsPerDag = 4;
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    v2.dagCount = 3;
    m_v1 = Tests::startFleetSandbox(
        &m_nam, v1, {QStringLiteral("a"), QStringLiteral("airflow2"), QStringLiteral("#1f77b4")});
    m_v2 = Tests::startFleetSandbox(&m_nam, v2, {QStringLiteral("b"), QStringLiteral("airflow3")});
    QVERIFY(m_v1.server && m_v2.server);
}

void TestCompareDagDialog::cleanupTestCase()
{
    m_v1 = {};
    m_v2 = {};
}

void TestCompareDagDialog::comparesAndHighlights()
{
    // The first DAG exists on both (same seed); pause it on the second only, unpaused on the first.
    const QString shared = QStringLiteral("params_trigger_form");
    const auto unpaused = awaitResult<Api::Dag>(
        [&](auto done) { m_v1.member.client->setDagPaused(shared, false, this, done); });
    const auto paused =
        awaitResult<Api::Dag>([&](auto done) { m_v2.member.client->setDagPaused(shared, true, this, done); });
    QVERIFY(unpaused && unpaused->ok() && paused && paused->ok());

    auto *dialog = new CompareDagDialog({m_v1.member, m_v2.member}, shared);
    QSignalSpy compared(dialog, &CompareDagDialog::compared);
    dialog->show();
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 20000);
    QTableWidget *table = dialog->table();
    QCOMPARE(table->columnCount(), 2);
    QCOMPARE(table->horizontalHeaderItem(0)->text(), QStringLiteral("airflow2"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Present"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Present"));
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Active"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("Paused"));
    QVERIFY(table->item(1, 0)->data(Qt::UserRole).toBool()); // highlighted
    QCOMPARE(table->item(1, 0)->background().color(), CompareDagDialog::differenceColour());
    QVERIFY(!table->item(0, 0)->data(Qt::UserRole).toBool()); // both present: not highlighted
    QVERIFY(table->rowCount() > 4);                           // the params of the showcase DAG
    QVERIFY(!table->item(3, 0)->text().isEmpty());            // last runs

    // Another DAG, only on the first deployment: typed and compared again.
    const auto dags = awaitResult<Api::Page<Api::Dag>>([&](auto done) {
        Api::DagQuery query;
        query.limit = 100;
        m_v1.member.client->dags(query, this, done);
    });
    QVERIFY(dags && dags->ok());
    QString onlyFirst;
    for (const Api::Dag &dag : dags->value().items) {
        const auto there = awaitResult<Api::DagDetails>(
            [&](auto done) { m_v2.member.client->dagDetails(dag.dagId, this, done); });
        if (there && !there->ok()) {
            onlyFirst = dag.dagId;
            break;
        }
    }
    QVERIFY(!onlyFirst.isEmpty());
    dialog->dagIdEdit()->setText(onlyFirst);
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QVERIFY(dialog->isComparing()); // the answers come later: nothing blocked
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 2, 20000);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Present"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Missing"));
    QVERIFY(table->item(0, 1)->data(Qt::UserRole).toBool());
    delete dialog;
}

QTEST_MAIN(TestCompareDagDialog)
#include "tst_comparedagdialog.moc"
