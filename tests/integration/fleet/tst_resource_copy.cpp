// Copying variables and pools across deployments with a preview, against real sandboxes over loopback: a
// source (Airflow 2), a writable Airflow 2 target, a writable Airflow 3 target (JWT login) and a read-only
// Airflow 2 target. The preview shows creates, updates (overwrite on), conflicts (overwrite off), equal keys
// and the read-only target refused; apply() changes exactly the confirmed items, and the read-only target
// receives no changing request at all.
#include "api/airflowclient.h"
#include "api/queries.h"
#include "fleet/resourcecopy.h"

#include "fakes/awaitresult.h"
#include "fakes/fleetsandboxes.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Windsock;
using Fleet::CopyAction;
using Fleet::CopyItem;
using Fleet::CopyKind;
using Fleet::CopyPlanner;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::SandboxOptions;
using Tests::awaitResult;
using Tests::FleetSandbox;

class TestResourceCopy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void variablesPreviewWithoutOverwrite();
    void variablesPreviewWithOverwriteAndApplyOnlyConfirmed();
    void poolsPreviewAndApply();
    void missingSourceKeyFailsInPlainWords();
    void readOnlyTargetIsNeverWrittenEvenIfConfirmed();

private:
    void setVariable(FleetSandbox &sandbox, const QString &key, const QString &value);
    // The variable's value on the server; "<absent>" when it has none.
    QString variableValue(FleetSandbox &sandbox, const QString &key);
    int poolSlots(FleetSandbox &sandbox, const QString &name); // -2 when absent
    QList<CopyItem> plan(CopyKind kind, const QStringList &keys, bool overwrite);
    QList<CopyItem> apply(CopyPlanner &planner, const QList<CopyItem> &items);
    static const CopyItem *find(const QList<CopyItem> &items, const QString &target, const QString &key);
    QStringList keys() const
    {
        return {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"),
                QStringLiteral("delta")};
    }

    QNetworkAccessManager m_nam;
    FleetSandbox m_source, m_a, m_b, m_ro;
    std::unique_ptr<CopyPlanner> m_planner;
};

void TestResourceCopy::init()
{
    SandboxOptions v1;
    v1.dagCount = 2;
    v1.runsPerDag = 1;
    SandboxOptions v2 = v1;
    v2.api = ApiVersion::V2;
    v2.auth = AuthMode::Jwt;
    m_source = Tests::startFleetSandbox(&m_nam, v1, {QStringLiteral("src"), QStringLiteral("source")});
    m_a = Tests::startFleetSandbox(&m_nam, v1, {QStringLiteral("a"), QStringLiteral("staging")});
    m_b = Tests::startFleetSandbox(&m_nam, v2, {QStringLiteral("b"), QStringLiteral("airflow3")});
    Tests::FleetSandboxOptions ro{QStringLiteral("ro"), QStringLiteral("prod-ro")};
    ro.readOnly = true;
    m_ro = Tests::startFleetSandbox(&m_nam, v1, ro);
    QVERIFY(m_source.server && m_a.server && m_b.server && m_ro.server);

    // source: alpha=1, beta=src, gamma=same, delta=src-d
    // a:      beta=old, gamma=same                -> alpha create, beta update/conflict, gamma same, delta
    // create b:      beta=old2, gamma=other, delta=src-d  -> alpha create, beta and gamma update/conflict,
    // delta same ro:     nothing                              -> everything refused
    setVariable(m_source, QStringLiteral("alpha"), QStringLiteral("1"));
    setVariable(m_source, QStringLiteral("beta"), QStringLiteral("src"));
    setVariable(m_source, QStringLiteral("gamma"), QStringLiteral("same"));
    setVariable(m_source, QStringLiteral("delta"), QStringLiteral("src-d"));
    setVariable(m_a, QStringLiteral("beta"), QStringLiteral("old"));
    setVariable(m_a, QStringLiteral("gamma"), QStringLiteral("same"));
    setVariable(m_b, QStringLiteral("beta"), QStringLiteral("old2"));
    setVariable(m_b, QStringLiteral("gamma"), QStringLiteral("other"));
    setVariable(m_b, QStringLiteral("delta"), QStringLiteral("src-d"));
}

void TestResourceCopy::cleanup()
{
    m_planner.reset();
    m_source = {};
    m_a = {};
    m_b = {};
    m_ro = {};
}

void TestResourceCopy::setVariable(FleetSandbox &sandbox, const QString &key, const QString &value)
{
    Api::Variable variable;
    variable.key = key;
    variable.value = value;
    variable.hasValue = true;
    const auto created = awaitResult<Api::Variable>(
        [&](auto done) { sandbox.member.client->createVariable(variable, this, done); });
    QVERIFY(created && created->ok());
}

QString TestResourceCopy::variableValue(FleetSandbox &sandbox, const QString &key)
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

int TestResourceCopy::poolSlots(FleetSandbox &sandbox, const QString &name)
{
    const auto read =
        awaitResult<Api::Pool>([&](auto done) { sandbox.member.client->pool(name, this, done); });
    if (!read || !read->ok())
        return -2;
    return read->value().slots;
}

QList<CopyItem> TestResourceCopy::plan(CopyKind kind, const QStringList &keys, bool overwrite)
{
    m_planner = std::make_unique<CopyPlanner>(m_source.member,
                                              QList<Fleet::FleetMember>{m_a.member, m_b.member, m_ro.member},
                                              kind, keys, overwrite);
    QSignalSpy planned(m_planner.get(), &CopyPlanner::planned);
    QSignalSpy failed(m_planner.get(), &CopyPlanner::failed);
    m_planner->plan();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(planned.count() + failed.count() > 0, 20000); }();
    if (planned.isEmpty())
        return {};
    return planned.first().first().value<QList<CopyItem>>();
}

QList<CopyItem> TestResourceCopy::apply(CopyPlanner &planner, const QList<CopyItem> &items)
{
    QSignalSpy applied(&planner, &CopyPlanner::applied);
    QSignalSpy progress(&planner, &CopyPlanner::progress);
    planner.apply(items);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, 20000); }();
    if (applied.isEmpty())
        return {};
    [&] {
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), progress.last().at(1).toInt());
    }();
    return applied.first().first().value<QList<CopyItem>>();
}

const CopyItem *TestResourceCopy::find(const QList<CopyItem> &items, const QString &target,
                                       const QString &key)
{
    for (const CopyItem &item : items) {
        if (item.targetProfileId == target && item.key == key)
            return &item;
    }
    return nullptr;
}

void TestResourceCopy::variablesPreviewWithoutOverwrite()
{
    const QList<CopyItem> items = plan(CopyKind::Variables, keys(), false);
    QCOMPARE(items.size(), 12); // 4 keys x 3 targets
    auto action = [&items](const char *target, const char *key) {
        const CopyItem *item = find(items, QLatin1String(target), QLatin1String(key));
        return item ? item->action : CopyAction::Refused;
    };
    QCOMPARE(action("a", "alpha"), CopyAction::Create);
    QCOMPARE(action("a", "beta"), CopyAction::Conflict);
    QCOMPARE(action("a", "gamma"), CopyAction::Same);
    QCOMPARE(action("a", "delta"), CopyAction::Create);
    QCOMPARE(action("b", "alpha"), CopyAction::Create);
    QCOMPARE(action("b", "beta"), CopyAction::Conflict);
    QCOMPARE(action("b", "gamma"), CopyAction::Conflict);
    QCOMPARE(action("b", "delta"), CopyAction::Same);
    for (const char *key : {"alpha", "beta", "gamma", "delta"}) {
        const CopyItem *item = find(items, QStringLiteral("ro"), QLatin1String(key));
        QVERIFY(item);
        QCOMPARE(item->action, CopyAction::Refused);
        QVERIFY2(item->reason.contains(QLatin1String("read-only")), qPrintable(item->reason));
    }
    // A conflict shows both values.
    const CopyItem *conflict = find(items, QStringLiteral("b"), QStringLiteral("gamma"));
    QCOMPARE(conflict->sourceValue, QStringLiteral("same"));
    QCOMPARE(conflict->targetValue, QStringLiteral("other"));
    QVERIFY(!conflict->reason.isEmpty());
    // Planning read everything and wrote nothing.
    QCOMPARE(m_a.changingRequests(), 2); // the two setVariable() calls of init()
    QCOMPARE(m_b.changingRequests(), 3);
    QCOMPARE(m_ro.changingRequests(), 0);
}

void TestResourceCopy::variablesPreviewWithOverwriteAndApplyOnlyConfirmed()
{
    QList<CopyItem> items = plan(CopyKind::Variables, keys(), true);
    QCOMPARE(items.size(), 12);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("beta"))->action, CopyAction::Update);
    QCOMPARE(find(items, QStringLiteral("b"), QStringLiteral("beta"))->action, CopyAction::Update);
    QCOMPARE(find(items, QStringLiteral("b"), QStringLiteral("gamma"))->action, CopyAction::Update);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("gamma"))->action, CopyAction::Same);
    QCOMPARE(find(items, QStringLiteral("ro"), QStringLiteral("alpha"))->action, CopyAction::Refused);

    // Confirm: a/alpha (create) and b/beta (update); also tick a Same row, which must not be sent.
    for (CopyItem &item : items) {
        item.confirmed = (item.targetProfileId == QLatin1String("a") && item.key == QLatin1String("alpha")) ||
                         (item.targetProfileId == QLatin1String("b") && item.key == QLatin1String("beta")) ||
                         (item.targetProfileId == QLatin1String("a") && item.key == QLatin1String("gamma"));
    }
    const quint64 aBefore = m_a.changingRequests();
    const QList<CopyItem> results = apply(*m_planner, items);
    QCOMPARE(results.size(), items.size());
    QVERIFY(find(results, QStringLiteral("a"), QStringLiteral("alpha"))->applied);
    QVERIFY(find(results, QStringLiteral("b"), QStringLiteral("beta"))->applied);
    int appliedCount = 0;
    for (const CopyItem &item : results)
        appliedCount += item.applied ? 1 : 0;
    QCOMPARE(appliedCount, 2);

    // Exactly those changed.
    QCOMPARE(variableValue(m_a, QStringLiteral("alpha")), QStringLiteral("1"));
    QCOMPARE(variableValue(m_a, QStringLiteral("beta")), QStringLiteral("old"));
    QCOMPARE(variableValue(m_a, QStringLiteral("gamma")), QStringLiteral("same"));
    QCOMPARE(variableValue(m_a, QStringLiteral("delta")), QStringLiteral("<absent>"));
    QCOMPARE(variableValue(m_b, QStringLiteral("alpha")), QStringLiteral("<absent>"));
    QCOMPARE(variableValue(m_b, QStringLiteral("beta")), QStringLiteral("src"));
    QCOMPARE(variableValue(m_b, QStringLiteral("gamma")), QStringLiteral("other"));
    QCOMPARE(variableValue(m_b, QStringLiteral("delta")), QStringLiteral("src-d"));
    QCOMPARE(variableValue(m_ro, QStringLiteral("alpha")), QStringLiteral("<absent>"));
    QVERIFY(m_a.changingRequests() - aBefore >= 1);
    QCOMPARE(m_ro.changingRequests(), 0);
    // The source is only read.
    QCOMPARE(m_source.changingRequests(), 4);
}

void TestResourceCopy::poolsPreviewAndApply()
{
    // source: default_pool 64 slots, etl 5; a: etl 3; b: nothing; default_pool as seeded (not 64).
    Api::PoolRequest slots64;
    slots64.name = QStringLiteral("default_pool");
    slots64.slots = 64;
    const auto updated = awaitResult<Api::Pool>([&](auto done) {
        m_source.member.client->updatePool(QStringLiteral("default_pool"), slots64, this, done);
    });
    QVERIFY(updated && updated->ok());
    for (auto [sandbox, slots] : {std::pair{&m_source, 5}, std::pair{&m_a, 3}}) {
        Api::PoolRequest etl;
        etl.name = QStringLiteral("etl");
        etl.slots = slots;
        etl.description = QStringLiteral("Warehouse loads");
        const auto created =
            awaitResult<Api::Pool>([&](auto done) { sandbox->member.client->createPool(etl, this, done); });
        QVERIFY(created && created->ok());
    }
    const int aDefault = poolSlots(m_a, QStringLiteral("default_pool"));
    const int bDefault = poolSlots(m_b, QStringLiteral("default_pool"));
    QVERIFY(aDefault != 64 && aDefault >= 0);

    QList<CopyItem> items = plan(CopyKind::Pools, {}, true);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("etl"))->action, CopyAction::Update);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("default_pool"))->action, CopyAction::Update);
    QCOMPARE(find(items, QStringLiteral("b"), QStringLiteral("etl"))->action, CopyAction::Create);
    QCOMPARE(find(items, QStringLiteral("ro"), QStringLiteral("etl"))->action, CopyAction::Refused);

    // Confirm a's default_pool (its slots may change) and b's etl; leave a's etl alone.
    for (CopyItem &item : items) {
        item.confirmed =
            (item.targetProfileId == QLatin1String("a") && item.key == QLatin1String("default_pool")) ||
            (item.targetProfileId == QLatin1String("b") && item.key == QLatin1String("etl"));
    }
    const QList<CopyItem> results = apply(*m_planner, items);
    QVERIFY2(find(results, QStringLiteral("a"), QStringLiteral("default_pool"))->applied,
             qPrintable(find(results, QStringLiteral("a"), QStringLiteral("default_pool"))->reason));
    QVERIFY(find(results, QStringLiteral("b"), QStringLiteral("etl"))->applied);
    QCOMPARE(poolSlots(m_a, QStringLiteral("default_pool")), 64);
    QCOMPARE(poolSlots(m_a, QStringLiteral("etl")), 3);
    QCOMPARE(poolSlots(m_b, QStringLiteral("etl")), 5);
    QCOMPARE(poolSlots(m_b, QStringLiteral("default_pool")), bDefault);
    QCOMPARE(poolSlots(m_ro, QStringLiteral("etl")), -2);
    QCOMPARE(m_ro.changingRequests(), 0);

    // Planned again, the applied items are now the same.
    items = plan(CopyKind::Pools, {}, false);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("default_pool"))->action, CopyAction::Same);
    QCOMPARE(find(items, QStringLiteral("b"), QStringLiteral("etl"))->action, CopyAction::Same);
    QCOMPARE(find(items, QStringLiteral("a"), QStringLiteral("etl"))->action, CopyAction::Conflict);
}

void TestResourceCopy::missingSourceKeyFailsInPlainWords()
{
    m_planner =
        std::make_unique<CopyPlanner>(m_source.member, QList<Fleet::FleetMember>{m_a.member},
                                      CopyKind::Variables, QStringList{QStringLiteral("nope")}, false);
    QSignalSpy failed(m_planner.get(), &CopyPlanner::failed);
    m_planner->plan();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("nope")),
             qPrintable(failed.first().first().toString()));
}

void TestResourceCopy::readOnlyTargetIsNeverWrittenEvenIfConfirmed()
{
    QList<CopyItem> items = plan(CopyKind::Variables, keys(), true);
    QVERIFY(!items.isEmpty());
    // A caller that forces every row to Create and confirms it: the read-only target is still not written.
    for (CopyItem &item : items) {
        if (item.targetProfileId == QLatin1String("ro"))
            item.action = CopyAction::Create;
        item.confirmed = item.targetProfileId == QLatin1String("ro");
    }
    const QList<CopyItem> results = apply(*m_planner, items);
    for (const CopyItem &item : results) {
        QVERIFY(!item.applied);
        if (item.targetProfileId == QLatin1String("ro"))
            QCOMPARE(item.action, CopyAction::Refused);
    }
    QCOMPARE(m_ro.changingRequests(), 0);
    QCOMPARE(variableValue(m_ro, QStringLiteral("alpha")), QStringLiteral("<absent>"));
}

QTEST_GUILESS_MAIN(TestResourceCopy)
#include "tst_resource_copy.moc"
