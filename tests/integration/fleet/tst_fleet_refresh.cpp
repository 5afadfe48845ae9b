// The fleet refreshed end to end (issue 7's done-when): ten in-process sandboxes, Airflow 2 and Airflow 3
// mixed, one not listening, one refusing the profile's password, one with an import error and one slow, as
// ten profiles in a real ProfileStore with their secrets in the real keychain (run inside dbus-run-session
// and scripts/with-keyring). Every row of the FleetModel is checked against what each sandbox holds, counted
// independently through a client of its own; the time of the whole refresh against the slowest profile is
// printed, not asserted. Then the per-host limit: one profile at a time on one server, proven by the order
// of the requests the server received.
#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "api/dialectv2.h"
#include "auth/authenticator.h"
#include "auth/jwtloginauthenticator.h"
#include "fleet/fleetrefresher.h"
#include "models/fleetmodel.h"
#include "profiles/keychainsecretstore.h"
#include "profiles/profilestore.h"

#include <sandbox/sandboxserver.h>

#include "fakes/awaitresult.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Windsock;
using Fleet::FleetRefresher;
using Fleet::FleetStatus;
using Fleet::Reachability;
using Models::FleetModel;
using Sandbox::ApiVersion;
using Sandbox::AuthMode;
using Sandbox::SandboxOptions;
using Sandbox::SandboxServer;
using Tests::awaitResult;

namespace {

// What one deployment of the test holds, and how its profile should come out.
struct Deployment
{
    QString name;
    ApiVersion api = ApiVersion::V1;
    QString version;
    int dagCount = 6;
    int importErrors = 0;
    int latencyMs = 0;
    bool wrongPassword = false;
    bool down = false;
    std::unique_ptr<SandboxServer> sandbox;
    QUrl url;
    QString profileId;
};

// The counts of one sandbox, from everything it lists (not from its total_entries): what the fleet must show.
struct Counts
{
    QString version;
    int dags = 0, paused = 0, running = 0, failed24h = 0, importErrors = 0;
};

} // namespace

class TestFleetRefresh final : public QObject
{
    Q_OBJECT

private:
    static QString password() { return QStringLiteral("fleet-Pw-7431"); }

    std::unique_ptr<Api::AirflowClient> directClient(const Deployment &deployment)
    {
        if (deployment.api == ApiVersion::V2) {
            auto client = std::make_unique<Api::AirflowClient>(
                &m_nam, deployment.url, std::make_unique<Api::DialectV2>(),
                std::make_unique<Auth::JwtLoginAuthenticator>(QStringLiteral("admin"), password()));
            return client;
        }
        return std::make_unique<Api::AirflowClient>(
            &m_nam, deployment.url, std::make_unique<Api::DialectV1>(),
            std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), password()));
    }

    std::optional<Counts> countsOf(const Deployment &deployment)
    {
        const std::unique_ptr<Api::AirflowClient> client = directClient(deployment);
        Counts counts;
        const auto version =
            awaitResult<Api::Version>([&](auto done) { client->version(this, done); }, 30000);
        if (!version || !version->ok())
            return std::nullopt;
        counts.version = version->value().version;
        Api::DagQuery all;
        all.limit = 100;
        const auto dags =
            awaitResult<QList<Api::Dag>>([&](auto done) { client->allDags(all, this, done); }, 30000);
        if (!dags || !dags->ok())
            return std::nullopt;
        counts.dags = int(dags->value().size());
        for (const Api::Dag &dag : dags->value())
            counts.paused += dag.isPaused ? 1 : 0;
        // Every run of every DAG, a page at a time, judged here: the fleet's server-side filters must agree.
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600);
        for (int offset = 0;;) {
            Api::DagRunQuery query;
            query.limit = 100;
            query.offset = offset;
            const auto page = awaitResult<Api::Page<Api::DagRun>>(
                [&](auto done) { client->dagRuns(query, this, done); }, 30000);
            if (!page || !page->ok())
                return std::nullopt;
            for (const Api::DagRun &run : page->value().items) {
                counts.running += run.state == QLatin1String("running") ? 1 : 0;
                counts.failed24h +=
                    run.state == QLatin1String("failed") && run.endDate.isValid() && run.endDate >= since ? 1
                                                                                                          : 0;
            }
            offset += int(page->value().items.size());
            if (page->value().items.isEmpty() || offset >= page->value().totalEntries)
                break;
        }
        const auto errors = awaitResult<Api::Page<Api::ImportError>>(
            [&](auto done) { client->importErrors(100, 0, this, done); }, 30000);
        if (!errors || !errors->ok())
            return std::nullopt;
        counts.importErrors = int(errors->value().items.size());
        return counts;
    }

    // A port where nothing listens: one that was free a moment ago.
    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

    bool writeSecret(const QString &profileId, const QString &secret)
    {
        std::optional<Profiles::SecretResult> written;
        m_secrets->write(profileId, secret, this, [&](const Profiles::SecretResult &r) { written = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000); }();
        if (!written)
            return false;
        if (!written->ok())
            qWarning() << "keychain write failed:" << written->message;
        return written->ok();
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<Profiles::ProfileStore> m_store;
    Profiles::KeychainSecretStore *m_secrets = nullptr;
    std::vector<Deployment> m_fleet;

private Q_SLOTS:
    void initTestCase()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        m_store =
            std::make_unique<Profiles::ProfileStore>(m_config->filePath(QStringLiteral("profiles.json")));
        QVERIFY(m_store->load());
        m_secrets = new Profiles::KeychainSecretStore(QStringLiteral("WindsockFleetTest"), this);

        const auto add = [this](QString name, ApiVersion api, QString version) -> Deployment & {
            Deployment deployment;
            deployment.name = std::move(name);
            deployment.api = api;
            deployment.version = std::move(version);
            m_fleet.push_back(std::move(deployment));
            return m_fleet.back();
        };
        add(QStringLiteral("dev (2.10)"), ApiVersion::V1, QStringLiteral("2.10.5"));
        add(QStringLiteral("import error"), ApiVersion::V1, QStringLiteral("2.9.3")).importErrors = 1;
        add(QStringLiteral("airflow 3 a"), ApiVersion::V2, QStringLiteral("3.0.2")).dagCount = 9;
        add(QStringLiteral("airflow 3 b"), ApiVersion::V2, QStringLiteral("3.1.0"));
        add(QStringLiteral("slow"), ApiVersion::V1, QStringLiteral("2.10.5")).latencyMs = 400;
        add(QStringLiteral("wrong password"), ApiVersion::V1, QStringLiteral("2.10.5")).wrongPassword = true;
        add(QStringLiteral("down"), ApiVersion::V1, QStringLiteral("2.10.5")).down = true;
        add(QStringLiteral("staging (2.7)"), ApiVersion::V1, QStringLiteral("2.7.3")).dagCount = 4;
        add(QStringLiteral("airflow 3 c"), ApiVersion::V2, QStringLiteral("3.0.2")).dagCount = 3;
        add(QStringLiteral("prod (2.10)"), ApiVersion::V1, QStringLiteral("2.10.5")).dagCount = 12;

        quint32 seed = 11;
        for (Deployment &deployment : m_fleet) {
            if (deployment.down) {
                const quint16 port = freePort();
                QVERIFY(port != 0);
                deployment.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
            } else {
                SandboxOptions options;
                options.api = deployment.api;
                options.auth = deployment.api == ApiVersion::V2 ? AuthMode::Jwt : AuthMode::Basic;
                options.airflowVersion = deployment.version;
                options.dagCount = deployment.dagCount;
                options.runsPerDag = 6;
                options.seed = seed++;
                options.importErrorCount = deployment.importErrors;
                options.faults.latencyMs = deployment.latencyMs;
                options.users = {{QStringLiteral("admin"), password()}};
                deployment.sandbox = std::make_unique<SandboxServer>(options);
                QVERIFY2(deployment.sandbox->listen(0), qPrintable(deployment.sandbox->errorString()));
                deployment.url = deployment.sandbox->baseUrl();
            }
            Profiles::Profile profile;
            profile.name = deployment.name;
            profile.kind = deployment.api == ApiVersion::V2 ? Profiles::ProfileKind::Airflow3Password
                                                            : Profiles::ProfileKind::Airflow2Basic;
            profile.baseUrl = deployment.url;
            profile.username = QStringLiteral("admin");
            profile.colour =
                QStringLiteral("#%1").arg(0x205080 + int(m_fleet.size()) * 0x10, 6, 16, QLatin1Char('0'));
            deployment.profileId = m_store->upsert(profile);
            QVERIFY(!deployment.profileId.isEmpty());
            QVERIFY(writeSecret(deployment.profileId,
                                deployment.wrongPassword ? QStringLiteral("not-the-password") : password()));
        }
        // A real store, read back as the app reads it.
        Profiles::ProfileStore reread(m_store->path());
        QVERIFY(reread.load());
        QCOMPARE(reread.profiles().size(), qsizetype(10));
    }

    void cleanupTestCase()
    {
        for (const Deployment &deployment : m_fleet) {
            if (deployment.profileId.isEmpty())
                continue;
            std::optional<Profiles::SecretResult> removed;
            m_secrets->remove(deployment.profileId, this,
                              [&](const Profiles::SecretResult &r) { removed = r; });
            QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 20000);
        }
    }

    void refreshFillsEveryRow()
    {
        FleetRefresher refresher(&m_nam, m_secrets);
        FleetModel model(&refresher);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles(m_store->profiles());
        QCOMPARE(model.rowCount(), 10);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row, FleetModel::Status)).toString(),
                     Fleet::reachabilityText(Reachability::Unknown));
        }

        // What each reachable sandbox holds, before and after the refresh (runs move on the real clock: the
        // fleet's count must lie between the two).
        std::vector<std::optional<Counts>> before;
        for (const Deployment &deployment : m_fleet)
            before.push_back(deployment.down || deployment.wrongPassword ? std::nullopt
                                                                         : countsOf(deployment));

        QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
        QSignalSpy opened(&refresher, &FleetRefresher::memberOpened);
        QSignalSpy changed(&refresher, &FleetRefresher::statusChanged);
        refresher.refresh(m_store->profiles());
        QVERIFY(refresher.isRefreshing());
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.data(model.index(row, FleetModel::Status)).toString(),
                     QStringLiteral("Refreshing…"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!refresher.isRefreshing());
        // Once Refreshing and once the outcome, for each.
        QCOMPARE(changed.size(), 20);

        std::vector<std::optional<Counts>> after;
        for (const Deployment &deployment : m_fleet)
            after.push_back(deployment.down || deployment.wrongPassword ? std::nullopt
                                                                        : countsOf(deployment));

        const auto between = [](int value, int a, int b) {
            return value >= qMin(a, b) && value <= qMax(a, b);
        };
        qint64 slowest = 0;
        int reachable = 0;
        for (size_t i = 0; i < m_fleet.size(); ++i) {
            const Deployment &deployment = m_fleet[i];
            const int row = model.rowOf(deployment.profileId);
            QVERIFY(row >= 0);
            const FleetStatus status = model.statusAt(row);
            const auto cell = [&](int column) { return model.data(model.index(row, column)).toString(); };
            QCOMPARE(cell(FleetModel::Deployment), deployment.name);
            QCOMPARE(model.data(model.index(row, 0), FleetModel::ProfileIdRole).toString(),
                     deployment.profileId);
            QVERIFY(status.lastRefresh.isValid());
            slowest = qMax(slowest, status.elapsedMs);
            if (deployment.down) {
                QCOMPARE(status.reachability, Reachability::Unreachable);
                QCOMPARE(cell(FleetModel::Status), QStringLiteral("Unreachable"));
                QVERIFY2(!status.message.isEmpty(), qPrintable(deployment.name));
                QCOMPARE(model.data(model.index(row, FleetModel::Status), Qt::ToolTipRole).toString(),
                         status.message);
                QCOMPARE(status.dagCount, -1);
                QVERIFY(!refresher.member(deployment.profileId).isValid());
                continue;
            }
            if (deployment.wrongPassword) {
                QCOMPARE(status.reachability, Reachability::AuthFailed);
                QCOMPARE(cell(FleetModel::Status), QStringLiteral("Credentials refused"));
                QVERIFY2(status.message.contains(QLatin1String("401")) ||
                             status.message.contains(QLatin1String("credentials"), Qt::CaseInsensitive),
                         qPrintable(status.message));
                QCOMPARE(status.dagCount, -1);
                QCOMPARE(cell(FleetModel::Dags), QString());
                QVERIFY(!refresher.member(deployment.profileId).isValid());
                continue;
            }
            ++reachable;
            QVERIFY2(status.reachability == Reachability::Ok,
                     qPrintable(deployment.name + u' ' + status.message));
            QCOMPARE(cell(FleetModel::Status), QStringLiteral("Reachable"));
            QVERIFY2(status.message.isEmpty(), qPrintable(status.message));
            QVERIFY2(before[i] && after[i], qPrintable(deployment.name));
            const Counts &b = *before[i];
            const Counts &a = *after[i];
            // What each server says it runs (the Airflow 3 sandbox always says 3.2.0).
            QCOMPARE(status.airflowVersion, b.version);
            if (deployment.api == ApiVersion::V1)
                QCOMPARE(status.airflowVersion, deployment.version);
            QCOMPARE(cell(FleetModel::Version), b.version);
            QCOMPARE(cell(FleetModel::Api), deployment.api == ApiVersion::V2
                                                ? QStringLiteral("Airflow 3 (/api/v2)")
                                                : QStringLiteral("Airflow 2 (/api/v1)"));
            QCOMPARE(status.tls, QStringLiteral("not encrypted (http)"));
            QVERIFY(status.health.has_value());
            QVERIFY(!status.healthText.isEmpty());
            QCOMPARE(cell(FleetModel::Health), status.healthText);
            QCOMPARE(status.dagCount, deployment.dagCount);
            QCOMPARE(status.dagCount, b.dags);
            QCOMPARE(cell(FleetModel::Dags), QString::number(b.dags));
            QCOMPARE(status.pausedCount, b.paused);
            QCOMPARE(model.data(model.index(row, FleetModel::Paused), FleetModel::SortRole).toInt(),
                     b.paused);
            QVERIFY2(between(status.running, b.running, a.running),
                     qPrintable(QStringLiteral("%1: running %2, counted %3..%4")
                                    .arg(deployment.name)
                                    .arg(status.running)
                                    .arg(b.running)
                                    .arg(a.running)));
            QVERIFY2(between(status.failed24h, b.failed24h, a.failed24h),
                     qPrintable(QStringLiteral("%1: failed %2, counted %3..%4")
                                    .arg(deployment.name)
                                    .arg(status.failed24h)
                                    .arg(b.failed24h)
                                    .arg(a.failed24h)));
            QCOMPARE(status.importErrors, deployment.importErrors);
            QCOMPARE(status.importErrors, b.importErrors);
            QCOMPARE(cell(FleetModel::ImportErrors), QString::number(deployment.importErrors));
            // The client of every deployment that answered is kept, announced once.
            const Fleet::FleetMember member = refresher.member(deployment.profileId);
            QVERIFY(member.isValid());
            QCOMPARE(member.name, deployment.name);
        }
        QCOMPARE(reachable, 8);
        QCOMPARE(opened.size(), 8);
        QCOMPARE(refresher.members().size(), qsizetype(8));
        // Something happened in the counts, or the comparisons above prove little.
        int failedSomewhere = 0, pausedSomewhere = 0;
        for (const Deployment &deployment : m_fleet) {
            const FleetStatus status = *refresher.status(deployment.profileId);
            failedSomewhere += qMax(0, status.failed24h);
            pausedSomewhere += qMax(0, status.pausedCount);
        }
        QVERIFY(failedSomewhere > 0);
        QVERIFY(pausedSomewhere > 0);

        const qint64 total = finished.first().first().toLongLong();
        qInfo().noquote() << QStringLiteral("fleet refresh of 10: total %1 ms, slowest %2 ms, ratio %3")
                                 .arg(total)
                                 .arg(slowest)
                                 .arg(slowest > 0 ? double(total) / double(slowest) : 0.0, 0, 'f', 2);

        // A second refresh reuses the kept clients: no new member, the same outcome.
        finished.clear();
        changed.clear();
        refresher.refresh(m_store->profiles());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(changed.size(), 20);
        QCOMPARE(opened.size(), 8);
        QCOMPARE(refresher.status(m_fleet[0].profileId)->reachability, Reachability::Ok);
        QCOMPARE(refresher.status(m_fleet[0].profileId)->airflowVersion, m_fleet[0].version);
        QCOMPARE(refresher.status(m_fleet[2].profileId)->reachability, Reachability::Ok);
        QVERIFY(!refresher.status(m_fleet[2].profileId)->airflowVersion.isEmpty());
    }

    void secondRefreshWhileOneRunsRestartsCleanly()
    {
        FleetRefresher refresher(&m_nam, m_secrets);
        FleetModel model(&refresher);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles(m_store->profiles());
        QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
        QSignalSpy opened(&refresher, &FleetRefresher::memberOpened);
        refresher.refresh(m_store->profiles());
        QTest::qWait(50);
        refresher.refresh(m_store->profiles());
        QVERIFY(finished.wait(60000));
        QTest::qWait(600); // anything of the first refresh that would still arrive
        QCOMPARE(finished.size(), 1);
        QCOMPARE(opened.size(), 8);
        for (const Deployment &deployment : m_fleet) {
            const FleetStatus status = *refresher.status(deployment.profileId);
            QVERIFY(status.reachability != Reachability::Refreshing);
        }
    }

    void cancelPutsTheRowsBack()
    {
        FleetRefresher refresher(&m_nam, m_secrets);
        FleetModel model(&refresher);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setProfiles(m_store->profiles());
        QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
        refresher.refresh(m_store->profiles());
        QVERIFY(refresher.isRefreshing());
        refresher.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!refresher.isRefreshing());
        QTest::qWait(800);
        QCOMPARE(finished.size(), 1);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row, FleetModel::Status)).toString(),
                     Fleet::reachabilityText(Reachability::Unknown));
        }

        // After a refresh that finished, a restarted refresh cancelled: the rows show the finished one's.
        refresher.refresh(m_store->profiles());
        QVERIFY(finished.wait(60000));
        const QList<FleetStatus> done = refresher.statuses();
        QCOMPARE(done.size(), qsizetype(10));
        refresher.refresh(m_store->profiles());
        refresher.refresh(m_store->profiles());
        refresher.cancel();
        QCOMPARE(finished.size(), 3);
        for (const FleetStatus &status : done) {
            const int row = model.rowOf(status.profileId);
            QCOMPARE(model.statusAt(row).reachability, status.reachability);
            QCOMPARE(model.statusAt(row).dagCount, status.dagCount);
            QCOMPARE(refresher.status(status.profileId)->reachability, status.reachability);
        }
        QTest::qWait(800);
        QCOMPARE(finished.size(), 3);
    }

    void problemsInPlainWords()
    {
        // Airflow 3 refusing the password at its login (POST /auth/token), and a profile whose secret is not
        // in the keychain.
        SandboxOptions options;
        options.api = ApiVersion::V2;
        options.auth = AuthMode::Jwt;
        options.dagCount = 2;
        options.runsPerDag = 1;
        options.users = {{QStringLiteral("admin"), password()}};
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        Profiles::Profile refused;
        refused.name = QStringLiteral("airflow 3, wrong password");
        refused.kind = Profiles::ProfileKind::Airflow3Password;
        refused.baseUrl = sandbox.baseUrl();
        refused.username = QStringLiteral("admin");
        refused.id = m_store->upsert(refused);
        QVERIFY(writeSecret(refused.id, QStringLiteral("wrong")));
        Profiles::Profile noSecret = refused;
        noSecret.id.clear();
        noSecret.name = QStringLiteral("no secret");
        noSecret.id = m_store->upsert(noSecret);
        const auto cleanup = qScopeGuard([&] {
            m_store->remove(refused.id);
            m_store->remove(noSecret.id);
            m_secrets->remove(refused.id, this, [](const Profiles::SecretResult &) {});
        });

        FleetRefresher refresher(&m_nam, m_secrets);
        QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
        refresher.refresh({*m_store->profile(refused.id), *m_store->profile(noSecret.id)});
        QVERIFY(finished.wait(30000));
        const FleetStatus login = *refresher.status(refused.id);
        QCOMPARE(login.reachability, Reachability::AuthFailed);
        QCOMPARE(login.apiName, QStringLiteral("Airflow 3 (/api/v2)"));
        QVERIFY2(!login.message.isEmpty(), qPrintable(login.message));
        QCOMPARE(login.dagCount, -1);
        const FleetStatus missing = *refresher.status(noSecret.id);
        QCOMPARE(missing.reachability, Reachability::ProfileProblem);
        QVERIFY2(!missing.message.isEmpty(), qPrintable(missing.message));
        QVERIFY(refresher.members().isEmpty());
    }

    void airflow110HasNoCounts()
    {
        // 1.10's experimental API lists no DAGs, runs, health or import errors: unknown, and no error.
        SandboxOptions options;
        options.api = ApiVersion::Experimental;
        options.dagCount = 2;
        options.runsPerDag = 1;
        options.users = {{QStringLiteral("admin"), password()}};
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        Profiles::Profile old;
        old.name = QStringLiteral("airflow 1.10");
        old.baseUrl = sandbox.baseUrl();
        old.username = QStringLiteral("admin");
        old.id = m_store->upsert(old);
        const auto cleanup = qScopeGuard([&] {
            m_store->remove(old.id);
            m_secrets->remove(old.id, this, [](const Profiles::SecretResult &) {});
        });
        for (const bool right : {true, false}) {
            QVERIFY(writeSecret(old.id, right ? password() : QStringLiteral("wrong")));
            FleetRefresher refresher(&m_nam, m_secrets);
            QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
            refresher.refresh({*m_store->profile(old.id)});
            QVERIFY(finished.wait(30000));
            const FleetStatus status = *refresher.status(old.id);
            if (!right) {
                // Its pools prove the credentials: a wrong password is not "reachable".
                QCOMPARE(status.reachability, Reachability::AuthFailed);
                continue;
            }
            QVERIFY2(status.reachability == Reachability::Ok, qPrintable(status.message));
            QCOMPARE(status.apiName, QStringLiteral("Airflow 1.10 (experimental)"));
            QCOMPARE(status.message, QString());
            QVERIFY(!status.health.has_value());
            QCOMPARE(status.dagCount, -1);
            QCOMPARE(status.importErrors, -1);
        }
    }

    void perHostLimitProbesOneAtATime()
    {
        // Three profiles on one server, each with its own DAG-count answer slowed down a little.
        SandboxOptions options;
        options.dagCount = 3;
        options.runsPerDag = 2;
        options.users = {{QStringLiteral("admin"), password()}};
        options.faults.latencyMs = 60;
        SandboxServer sandbox(options);
        QVERIFY(sandbox.listen(0));
        QList<Profiles::Profile> profiles;
        for (int i = 0; i < 3; ++i) {
            Profiles::Profile profile;
            profile.name = QStringLiteral("same host %1").arg(i);
            profile.baseUrl = sandbox.baseUrl();
            profile.username = QStringLiteral("admin");
            profile.id = m_store->upsert(profile);
            QVERIFY(writeSecret(profile.id, password()));
            profiles.append(*m_store->profile(profile.id));
        }
        const auto cleanup = qScopeGuard([&] {
            for (const Profiles::Profile &profile : std::as_const(profiles)) {
                m_store->remove(profile.id);
                m_secrets->remove(profile.id, this, [](const Profiles::SecretResult &) {});
            }
        });

        for (const int limit : {1, 3}) {
            FleetRefresher refresher(&m_nam, m_secrets);
            refresher.setPerHostLimit(limit);
            int inFlight = 0, most = 0;
            connect(&refresher, &FleetRefresher::probeStarted, this, [&] { most = qMax(most, ++inFlight); });
            connect(&refresher, &FleetRefresher::statusChanged, this, [&](const FleetStatus &status) {
                if (status.reachability != Reachability::Refreshing)
                    --inFlight;
            });
            const qsizetype logged = sandbox.requestLog().size();
            QSignalSpy finished(&refresher, &FleetRefresher::refreshFinished);
            refresher.refresh(profiles);
            QVERIFY(finished.wait(30000));
            QCOMPARE(most, limit);
            for (const Profiles::Profile &profile : std::as_const(profiles))
                QCOMPARE(refresher.status(profile.id)->reachability, Reachability::Ok);

            // The server's own view: each profile opens with the version probe (/api/v2/version, then
            // /api/v1/version). With a limit of 1 no probe starts before the previous one's last request.
            const QList<SandboxServer::LoggedRequest> log = sandbox.requestLog().mid(logged);
            QStringList kinds;
            for (const SandboxServer::LoggedRequest &request : log)
                kinds.append(request.path.endsWith(QLatin1String("/api/v2/version")) ? QStringLiteral("D")
                                                                                     : QStringLiteral("."));
            const QString pattern = kinds.join(QString());
            QCOMPARE(pattern.count(QLatin1Char('D')), 3);
            if (limit == 1) {
                // D, then that profile's version and six calls, three times over.
                QCOMPARE(pattern, QStringLiteral("D.......D.......D......."));
            } else {
                QVERIFY2(pattern.startsWith(QLatin1String("DDD")) || pattern.indexOf(QLatin1Char('D'), 1) < 7,
                         qPrintable(pattern));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFleetRefresh)
#include "tst_fleet_refresh.moc"
