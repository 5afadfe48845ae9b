// Benchmark: show the sandbox's largest task log (etl_orders' second task writes 5-50 MB) and search it.
//   Windsock: Ui::LogViewer (appends in bounded slices through the event loop, searches in time-boxed
//   slices). Baseline: the naive way, one QPlainTextEdit::setPlainText of the whole text, and
//   QPlainTextEdit::find.
// Both download the same log from the same sandbox in the same run. Measured: the time until the log is fully
// shown, the longest event-loop stall (the largest gap between the ticks of a 10 ms timer), and the time of a
// search for a term that occurs once, three quarters down; then the level filter: "Warning and up" (nearly
// every line hidden) and back to all levels (the whole log shown again), against a naive filter that splits
// the text, keeps the lines that pass and calls setPlainText once. Printed, never asserted.
// Usage: bench_log_viewer [URL]   (URL of a running sandbox; without one, a sandbox runs on its own thread)
#include <api/airflowclient.h>
#include <api/dialectv1.h>
#include <auth/authenticator.h>
#include <logs/loglevel.h>
#include <logs/logviewer.h>
#include <mainwindow/sandboxthread.h>

#include "stallmeter.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QTextStream>
#include <QTimer>
#include <functional>
#include <memory>

using namespace Windsock;
using Windsock::Bench::runUntil;
using Windsock::Bench::StallMeter;

namespace {

template<typename T, typename Start>
Api::Result<T> await(Start start)
{
    std::optional<Api::Result<T>> result;
    start([&result](const Api::Result<T> &r) { result = r; });
    runUntil([&] { return result.has_value(); });
    return result ? *result
                  : Api::Result<T>(Api::ApiError(Api::ApiError::Kind::Timeout, QStringLiteral("timeout")));
}

QString megabytes(qint64 chars)
{
    return QString::number(double(chars) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MB");
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() > 2) {
        err << "usage: bench_log_viewer [URL]\n";
        return 2;
    }
    std::unique_ptr<Ui::SandboxThread> sandbox;
    QUrl url = args.size() == 2 ? QUrl(args.at(1)) : QUrl();
    if (url.isEmpty()) {
        Sandbox::SandboxOptions options;
        options.users = {{QStringLiteral("admin"), QStringLiteral("admin")}};
        sandbox = std::make_unique<Ui::SandboxThread>(options);
        if (!sandbox->start()) {
            err << "the sandbox did not start: " << sandbox->errorString() << '\n';
            return 1;
        }
        url = sandbox->baseUrl();
    }
    QNetworkAccessManager nam;
    Api::AirflowClient client(
        &nam, url, std::make_unique<Api::DialectV1>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), QStringLiteral("admin")));

    // The largest log among the second tasks of etl_orders' finished runs (40 MB or more ends the hunt).
    Api::DagRunQuery runQuery;
    runQuery.dagId = QStringLiteral("etl_orders");
    runQuery.states = QStringList{QStringLiteral("success")};
    runQuery.limit = 12;
    const auto runs = await<Api::Page<Api::DagRun>>([&](auto done) { client.dagRuns(runQuery, &app, done); });
    if (!runs.ok() || runs.value().items.isEmpty()) {
        err << "no finished run of etl_orders: " << runs.error().message() << '\n';
        return 1;
    }
    Api::TaskInstance best;
    qsizetype bestSize = 0;
    for (const Api::DagRun &run : runs.value().items) {
        Api::TaskInstanceQuery tiQuery;
        tiQuery.dagId = run.dagId;
        tiQuery.dagRunId = run.dagRunId;
        const auto tis = await<Api::Page<Api::TaskInstance>>(
            [&](auto done) { client.taskInstances(tiQuery, &app, done); });
        if (!tis.ok() || tis.value().items.size() < 2)
            continue;
        const Api::TaskInstance ti = tis.value().items.at(1);
        const auto log = await<QString>(
            [&](auto done) { client.taskLog(ti.dagId, ti.dagRunId, ti.taskId, ti.tryNumber, &app, done); });
        if (log.ok() && log.value().size() > bestSize) {
            best = ti;
            bestSize = log.value().size();
        }
        if (bestSize >= 40LL * 1024 * 1024)
            break;
    }
    if (bestSize == 0) {
        err << "no log could be read\n";
        return 1;
    }
    out << "log: " << best.dagId << " / " << best.dagRunId << " / " << best.taskId << " try "
        << best.tryNumber << ", " << megabytes(bestSize) << '\n';
    out.flush();

    StallMeter meter;
    QElapsedTimer clock;

    // Windsock: the viewer.
    Ui::LogViewer viewer(&client);
    // Tuning knobs: WINDSOCK_BENCH_SLICE (characters per slice) and WINDSOCK_BENCH_BUDGET (ms per turn).
    if (qEnvironmentVariableIsSet("WINDSOCK_BENCH_SLICE") ||
        qEnvironmentVariableIsSet("WINDSOCK_BENCH_BUDGET"))
        viewer.setAppendLimits(qEnvironmentVariableIntValue("WINDSOCK_BENCH_SLICE"),
                               qEnvironmentVariableIntValue("WINDSOCK_BENCH_BUDGET"));
    viewer.resize(1200, 800);
    viewer.show();
    bool loaded = false;
    QObject::connect(&viewer, &Ui::LogViewer::loaded, &app, [&] { loaded = true; });
    QObject::connect(&viewer, &Ui::LogViewer::textReceived, &app, [&] { meter.mark(); });
    runUntil([] { return false; }, 200); // let the window settle
    meter.start();
    clock.start();
    viewer.setTaskInstance(best);
    runUntil([&] { return loaded; });
    const qint64 viewerLoadMs = clock.elapsed();
    const qint64 viewerStall = meter.stop();
    const qint64 viewerShowStall = meter.longestSinceMark();
    const qsizetype lines = viewer.lineCount();

    // A term found once, three quarters down: "row NNNNNNNNN" of a bulk line there.
    const QString &text = viewer.shownText();
    const qsizetype rowAt = text.indexOf(QLatin1String("row "), text.size() * 3 / 4);
    const QString term = rowAt >= 0 ? text.mid(rowAt, 13) : QStringLiteral("Marking task as");
    viewer.searchEdit()->setText(term);
    runUntil([] { return false; }, 100);
    meter.start();
    clock.start();
    viewer.findNext();
    runUntil([&] { return !viewer.search().isRunning() && viewer.currentMatch() >= 0; });
    const qint64 viewerSearchMs = clock.elapsed();
    const qint64 viewerSearchStall = meter.stop();
    const qsizetype viewerMatches = viewer.search().matches().size();

    // The level filter, both ways: each rebuilds the document in slices.
    viewer.searchEdit()->clear();
    viewer.findNext(); // an empty term: no search runs along
    const auto filterTo = [&](Logs::LogLevel threshold, qint64 *stall) {
        runUntil([] { return false; }, 100);
        meter.start();
        clock.start();
        viewer.levelCombo()->setCurrentIndex(viewer.levelCombo()->findData(int(threshold)));
        runUntil([&] { return !viewer.isLoading(); });
        const qint64 ms = clock.elapsed();
        *stall = meter.stop();
        return ms;
    };
    qint64 viewerFilterStall = 0;
    qint64 viewerUnfilterStall = 0;
    const qint64 viewerFilterMs = filterTo(Logs::LogLevel::Warning, &viewerFilterStall);
    const qsizetype hidden = viewer.hiddenLineCount();
    const qint64 viewerUnfilterMs = filterTo(Logs::LogLevel::Debug, &viewerUnfilterStall);
    viewer.hide();

    // Baseline: download the same log, then one setPlainText, then QPlainTextEdit::find.
    QPlainTextEdit naive;
    naive.setReadOnly(true);
    naive.resize(1200, 800);
    naive.show();
    runUntil([] { return false; }, 200);
    bool naiveLoaded = false;
    meter.start();
    clock.start();
    client.taskLog(best.dagId, best.dagRunId, best.taskId, best.tryNumber, &app,
                   [&](const Api::Result<QString> &result) {
                       meter.mark();
                       naive.setPlainText(result.ok() ? result.value() : result.error().message());
                       naiveLoaded = true;
                   });
    runUntil([&] { return naiveLoaded; });
    runUntil([] { return false; }, 50); // the paint that follows belongs to the load
    const qint64 naiveLoadMs = clock.elapsed() - 50;
    const qint64 naiveStall = meter.stop();
    const qint64 naiveShowStall = meter.longestSinceMark();
    meter.start();
    clock.start();
    const bool naiveFound = naive.find(term);
    const qint64 naiveSearchMs = clock.elapsed();
    runUntil([] { return false; }, 30);
    const qint64 naiveSearchStall = meter.stop();

    // Baseline filter: one pass over the lines, one setPlainText; then the whole text again.
    const QString whole = naive.toPlainText();
    runUntil([] { return false; }, 100);
    meter.start();
    clock.start();
    {
        QString kept;
        Logs::LogLineClassifier classifier;
        for (qsizetype at = 0; at < whole.size();) {
            qsizetype end = whole.indexOf(u'\n', at);
            end = end < 0 ? whole.size() : end + 1;
            const QStringView line = QStringView(whole).mid(at, end - at);
            if (Logs::logLevelPasses(classifier.classify(line).level, Logs::LogLevel::Warning))
                kept += line;
            at = end;
        }
        naive.setPlainText(kept);
    }
    runUntil([] { return false; }, 50);
    const qint64 naiveFilterMs = clock.elapsed() - 50;
    const qint64 naiveFilterStall = meter.stop();
    meter.start();
    clock.start();
    naive.setPlainText(whole);
    runUntil([] { return false; }, 50);
    const qint64 naiveUnfilterMs = clock.elapsed() - 50;
    const qint64 naiveUnfilterStall = meter.stop();

    const auto ratio = [](qint64 baseline, qint64 ours) -> QString {
        return QString::number(double(qMax<qint64>(1, baseline)) / double(qMax<qint64>(1, ours)), 'f', 1) +
               QStringLiteral("x");
    };
    out << "lines: " << lines << ", search term \"" << term << "\" (" << viewerMatches << " match"
        << (naiveFound ? "" : ", baseline found none") << ")\n";
    out << "windsock load_ms=" << viewerLoadMs << " max_stall_ms=" << viewerStall
        << " max_stall_after_download_ms=" << viewerShowStall << " search_ms=" << viewerSearchMs
        << " search_max_stall_ms=" << viewerSearchStall << '\n';
    out << "naive    load_ms=" << naiveLoadMs << " max_stall_ms=" << naiveStall
        << " max_stall_after_download_ms=" << naiveShowStall << " search_ms=" << naiveSearchMs
        << " search_max_stall_ms=" << naiveSearchStall << '\n';
    out << "ratios (naive / windsock): longest stall " << ratio(naiveStall, viewerStall)
        << ", longest stall while showing " << ratio(naiveShowStall, viewerShowStall) << ", load time "
        << ratio(naiveLoadMs, viewerLoadMs) << ", search stall " << ratio(naiveSearchStall, viewerSearchStall)
        << '\n';
    out << "level filter \"Warning and up\" (" << hidden << " lines hidden), then all levels again:\n";
    out << "windsock filter_ms=" << viewerFilterMs << " filter_max_stall_ms=" << viewerFilterStall
        << " unfilter_ms=" << viewerUnfilterMs << " unfilter_max_stall_ms=" << viewerUnfilterStall << '\n';
    out << "naive    filter_ms=" << naiveFilterMs << " filter_max_stall_ms=" << naiveFilterStall
        << " unfilter_ms=" << naiveUnfilterMs << " unfilter_max_stall_ms=" << naiveUnfilterStall << '\n';
    out << "ratios (naive / windsock): filter stall " << ratio(naiveFilterStall, viewerFilterStall)
        << ", unfilter stall " << ratio(naiveUnfilterStall, viewerUnfilterStall) << '\n';
    return 0;
}
