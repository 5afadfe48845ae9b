// FleetRunsPanel on real widgets (offscreen) over an Airflow 2 and an Airflow 3 sandbox: the runs tree under
// a text filter and a state filter (a QAbstractItemModelTester watches the panel's proxy), and a double-click
// on a run emits runActivated with its deployment, DAG and run.
#include "fleet/fleetrunspanel.h"

#include "models/fleetrunsmodel.h"

#include "fakes/fleetsandboxes.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace Windsock;
using Models::FleetRunsModel;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::ClockKind;
using Sandbox::SandboxOptions;
using Tests::FleetSandbox;
using Ui::FleetRunsPanel;

class TestFleetRunsPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void filtersAndActivates();

private:
    // Every run row the proxy shows: "profile|dag|run|state".
    static QStringList shownRuns(QSortFilterProxyModel *proxy);

    QNetworkAccessManager m_nam;
    FleetSandbox m_v1, m_v2;
};

void TestFleetRunsPanel::initTestCase()
{
    SandboxOptions v1;
    v1.dagCount = 20;
    v1.runsPerDag = 30;
    v1.clock = ClockKind::Manual;
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    v2.seed = 5;
    m_v1 = Tests::startFleetSandbox(
        &m_nam, v1, {QStringLiteral("a"), QStringLiteral("airflow2"), QStringLiteral("#1f77b4")});
    m_v2 = Tests::startFleetSandbox(
        &m_nam, v2, {QStringLiteral("b"), QStringLiteral("airflow3"), QStringLiteral("#d62728")});
    QVERIFY(m_v1.server && m_v2.server);
}

void TestFleetRunsPanel::cleanupTestCase()
{
    m_v1 = {};
    m_v2 = {};
}

QStringList TestFleetRunsPanel::shownRuns(QSortFilterProxyModel *proxy)
{
    QStringList runs;
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QModelIndex parent = proxy->index(r, 0);
        for (int c = 0; c < proxy->rowCount(parent); ++c) {
            const QModelIndex run = proxy->index(c, 0, parent);
            runs.append(run.data(FleetRunsModel::ProfileIdRole).toString() + QLatin1Char('|') +
                        run.data(FleetRunsModel::DagIdRole).toString() + QLatin1Char('|') +
                        run.data(FleetRunsModel::RunIdRole).toString() + QLatin1Char('|') +
                        run.data(FleetRunsModel::StateRole).toString());
        }
    }
    return runs;
}

void TestFleetRunsPanel::filtersAndActivates()
{
    FleetRunsModel model;
    const qint64 nowMs = m_v1.server->nowMs();
    model.setClock([nowMs] { return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC); });
    model.setMembers({m_v1.member, m_v2.member});
    FleetRunsPanel panel(&model);
    new QAbstractItemModelTester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::Fatal,
                                 &panel);
    panel.resize(900, 500);
    panel.show();
    QSignalSpy refreshed(&model, &FleetRunsModel::refreshed);
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);

    const QStringList all = shownRuns(panel.proxy());
    QVERIFY2(!all.isEmpty(), "no failed or running runs in the sandboxes: the test proves nothing");
    QCOMPARE(panel.proxy()->rowCount(), 2);

    // State filter: only the chosen state, every one of them.
    for (const QString &state : {QStringLiteral("failed"), QStringLiteral("running")}) {
        panel.stateCombo()->setCurrentIndex(panel.stateCombo()->findData(state));
        const QStringList shown = shownRuns(panel.proxy());
        QStringList expected;
        for (const QString &run : all) {
            if (run.endsWith(QLatin1Char('|') + state))
                expected.append(run);
        }
        std::sort(expected.begin(), expected.end());
        QStringList sorted = shown;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, expected);
    }
    panel.stateCombo()->setCurrentIndex(0);
    QCOMPARE(shownRuns(panel.proxy()).size(), all.size());

    // Text filter on a DAG id: only its runs, with their deployments kept as parents.
    const QString dagId = all.first().section(QLatin1Char('|'), 1, 1);
    QTest::keyClicks(panel.filterEdit(), dagId);
    const QStringList byDag = shownRuns(panel.proxy());
    QVERIFY(!byDag.isEmpty());
    for (const QString &run : byDag)
        QVERIFY2(run.section(QLatin1Char('|'), 1, 1).contains(dagId), qPrintable(run));
    // A deployment's name keeps all of its runs.
    panel.filterEdit()->setText(QStringLiteral("airflow3"));
    for (const QString &run : shownRuns(panel.proxy()))
        QVERIFY(run.startsWith(QLatin1String("b|")));
    panel.filterEdit()->clear();

    // Double-click on a run.
    QSignalSpy activated(&panel, &FleetRunsPanel::runActivated);
    QTreeView *view = panel.view();
    view->expandAll();
    const QModelIndex parent = panel.proxy()->index(0, 0);
    QVERIFY(panel.proxy()->rowCount(parent) > 0);
    const QModelIndex run = panel.proxy()->index(0, FleetRunsModel::RunId, parent);
    view->scrollTo(run);
    const QRect rect = view->visualRect(run);
    QVERIFY(rect.isValid());
    // A real double-click is a press and release, then the double-click event on the same item.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toString(), run.data(FleetRunsModel::ProfileIdRole).toString());
    QCOMPARE(activated.first().at(1).toString(), run.data(FleetRunsModel::DagIdRole).toString());
    QCOMPARE(activated.first().at(2).toString(), run.data(FleetRunsModel::RunIdRole).toString());
    // A deployment row activates nothing.
    const QRect deploymentRect = view->visualRect(parent);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, deploymentRect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, deploymentRect.center());
    QCOMPARE(activated.count(), 1);
}

QTEST_MAIN(TestFleetRunsPanel)
#include "tst_fleetrunspanel.moc"
