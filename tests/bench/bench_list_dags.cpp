// Benchmark: list every DAG of a 10,000-DAG deployment.
//   Windsock: AirflowClient::allDags (pages past the server's cap of 100).
//   Baseline: the sequential Python `requests` loop the Airflow guides teach (limit/offset until
//             total_entries), run by tests/bench/list_dags_baseline.py against the same server.
// Both run against one stand-alone windsock-sandbox in the same run; the report gives medians and the ratio.
// Usage: bench_list_dags URL REPETITIONS   (URL of a running sandbox; the run script starts one)
#include <api/airflowclient.h>
#include <api/dialectv1.h>
#include <auth/authenticator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <memory>

using namespace Windsock;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: bench_list_dags URL REPETITIONS\n";
        return 2;
    }
    const QUrl url(args.at(1));
    const int repetitions = args.at(2).toInt();
    QNetworkAccessManager nam;
    Api::AirflowClient client(
        &nam, url, std::make_unique<Api::DialectV1>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));
    QList<qint64> timesMs;
    int dagCount = 0;
    QElapsedTimer timer;
    std::function<void()> runOnce = [&] {
        timer.start();
        client.allDags({}, &app, [&](const Api::Result<QList<Api::Dag>> &result) {
            if (!result.ok()) {
                QTextStream(stderr) << "allDags failed: " << result.error().message() << '\n';
                app.exit(1);
                return;
            }
            timesMs.append(timer.elapsed());
            dagCount = int(result.value().size());
            if (timesMs.size() < repetitions)
                QTimer::singleShot(0, &app, runOnce);
            else
                app.exit(0);
        });
    };
    QTimer::singleShot(0, &app, runOnce);
    const int rc = app.exec();
    if (rc != 0)
        return rc;
    std::sort(timesMs.begin(), timesMs.end());
    // One line the run script reads: dags, median, min, max (milliseconds).
    QTextStream(stdout) << "windsock dags=" << dagCount << " median_ms=" << timesMs.at(timesMs.size() / 2)
                        << " min_ms=" << timesMs.constFirst() << " max_ms=" << timesMs.constLast() << '\n';
    return 0;
}
