// Benchmark: refreshing the fleet of 10 deployments at once, against the baseline of asking them one after
// another (what a script looping over its deployments does). Each deployment is an in-process sandbox with
// its own latency (60 to 600 ms), half of them Airflow 2 and half Airflow 3 (JWT login). Reports the median
// of each, the slowest single deployment, and the ratios: the fleet should take little more than its
// slowest deployment, and far less than the sum.
//   bench_fleet_refresh [repetitions]
#include "fleet/fleetrefresher.h"
#include "fleet/fleetstatus.h"
#include "profiles/memorysecretstore.h"
#include "profiles/profile.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <memory>
#include <vector>

using namespace Windsock;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

// Refreshes these profiles with a new refresher (no client kept from an earlier round); the wall time, and
// the slowest profile's own time through *slowestMs. Zero when the refresh did not finish in a minute.
qint64 refreshOnce(QNetworkAccessManager *nam, Profiles::SecretStore *secrets,
                   const QList<Profiles::Profile> &profiles, qint64 *slowestMs, int *reachable)
{
    Fleet::FleetRefresher refresher(nam, secrets);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&refresher, &Fleet::FleetRefresher::refreshFinished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    refresher.refresh(profiles);
    if (!finished)
        loop.exec();
    const qint64 elapsed = timer.elapsed();
    for (const Fleet::FleetStatus &status : refresher.statuses()) {
        *slowestMs = std::max(*slowestMs, status.elapsedMs);
        if (status.reachability == Fleet::Reachability::Ok)
            ++*reachable;
    }
    return finished ? elapsed : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The figures only: the client's and the fleet's progress lines would drown them.
    QLoggingCategory::setFilterRules(QStringLiteral("windsock.*=false"));
    const int repetitions = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;
    QTextStream out(stdout);

    std::vector<std::unique_ptr<Sandbox::SandboxServer>> servers;
    QList<Profiles::Profile> profiles;
    auto *secrets = new Profiles::MemorySecretStore(&app);
    for (int i = 0; i < 10; ++i) {
        Sandbox::SandboxOptions options;
        const bool v2 = i % 2 == 1;
        options.api = v2 ? Sandbox::ApiVersion::V2 : Sandbox::ApiVersion::V1;
        options.auth = v2 ? Sandbox::AuthMode::Jwt : Sandbox::AuthMode::Basic;
        options.dagCount = 40;
        options.seed = quint32(100 + i);
        options.faults.latencyMs = 60 + i * 60;
        auto server = std::make_unique<Sandbox::SandboxServer>(options);
        if (!server->listen()) {
            out << "a sandbox cannot listen: " << server->errorString() << Qt::endl;
            return 1;
        }
        Profiles::Profile profile;
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        profile.name = QStringLiteral("deployment %1").arg(i + 1);
        profile.kind = v2 ? Profiles::ProfileKind::Airflow3Password : Profiles::ProfileKind::Airflow2Basic;
        profile.baseUrl = server->baseUrl();
        profile.username = QStringLiteral("admin");
        secrets->write(profile.id, QStringLiteral("admin"), &app, [](const Profiles::SecretResult &) {});
        profiles.append(profile);
        servers.push_back(std::move(server));
    }
    QCoreApplication::processEvents();

    auto *nam = new QNetworkAccessManager(&app);
    std::vector<double> fleet, sequential, slowest;
    for (int round = 0; round < repetitions; ++round) {
        qint64 slowestMs = 0;
        int reachable = 0;
        const qint64 together = refreshOnce(nam, secrets, profiles, &slowestMs, &reachable);
        if (together == 0 || reachable != profiles.size()) {
            out << "the fleet refresh did not finish with every deployment reachable (" << reachable << " of "
                << profiles.size() << ")" << Qt::endl;
            return 1;
        }
        qint64 oneByOne = 0;
        for (const Profiles::Profile &profile : profiles) {
            qint64 ignored = 0;
            int ok = 0;
            const qint64 elapsed = refreshOnce(nam, secrets, {profile}, &ignored, &ok);
            if (elapsed == 0 || ok != 1) {
                out << "the sequential refresh of " << profile.name << " failed" << Qt::endl;
                return 1;
            }
            oneByOne += elapsed;
        }
        fleet.push_back(double(together));
        sequential.push_back(double(oneByOne));
        slowest.push_back(double(slowestMs));
    }

    const double fleetMs = median(fleet), sequentialMs = median(sequential), slowestMs = median(slowest);
    out << QStringLiteral(
               "windsock fleet refresh (10 deployments at once): median_ms=%1 slowest_deployment_ms=%2")
               .arg(fleetMs, 0, 'f', 0)
               .arg(slowestMs, 0, 'f', 0)
        << Qt::endl;
    out << QStringLiteral("baseline (one deployment after another): median_ms=%1")
               .arg(sequentialMs, 0, 'f', 0)
        << Qt::endl;
    out << QStringLiteral("ratio (fleet / slowest deployment): %1x; ratio (baseline / fleet): %2x faster")
               .arg(slowestMs > 0 ? fleetMs / slowestMs : 0.0, 0, 'f', 2)
               .arg(fleetMs > 0 ? sequentialMs / fleetMs : 0.0, 0, 'f', 2)
        << Qt::endl;
    return 0;
}
