// Benchmark: show a 20 MB JSON response in the explorer's tree, find a value in it and go to it.
//   Windsock: Explorer::ResponseParser (parses, and indents the pretty text, on a worker) and
//   Models::JsonTreeModel (rows created a chunk at a time, when a view asks) in a QTreeView; the search is
//   Explorer::JsonSearch on a worker, then JsonTreeModel::indexForPath and QTreeView::scrollTo.
//   Baseline: the naive way, on the UI thread: QJsonDocument::fromJson, then a QStandardItemModel with every
//   row of the document (key, value, type) in the same QTreeView setup; the search is
//   QStandardItemModel::findItems(MatchContains | MatchRecursive), then scrollTo.
// The body is generated (the same bytes every run): an Airflow 2 task instance list, ~20 MB, one value in it
// unique, three quarters down. Measured: the time until the top level is shown and the longest event-loop
// stall (the largest gap between the ticks of a 10 ms timer) while getting there; the same for expanding the
// list, and for the search and going to its result. Printed, never asserted.
// Usage: bench_explorer_response [MEGABYTES]   (default 20)
#include "stallmeter.h"

#include <explorer/jsonsearch.h>
#include <explorer/responsebody.h>
#include <models/jsontreemodel.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardItemModel>
#include <QTextStream>
#include <QTreeView>
#include <functional>

using namespace Windsock;
using Bench::runUntil;
using Bench::settle;
using Bench::StallMeter;

namespace {

const QString Needle = QStringLiteral("investigate the retry storm");

// A task instance as Airflow 2's GET /dags/~/dagRuns/~/taskInstances gives it, varied by a fixed LCG.
QJsonObject taskInstance(int i, quint32 *seed)
{
    const auto next = [seed] {
        *seed = *seed * 1664525u + 1013904223u;
        return *seed >> 8;
    };
    static const QStringList states{QStringLiteral("success"),      QStringLiteral("failed"),
                                    QStringLiteral("running"),      QStringLiteral("queued"),
                                    QStringLiteral("up_for_retry"), QStringLiteral("skipped")};
    const int dag = int(next() % 400);
    const int run = int(next() % 90);
    const QString day = QStringLiteral("2025-%1-%2")
                            .arg(int(next() % 12) + 1, 2, 10, QLatin1Char('0'))
                            .arg(int(next() % 28) + 1, 2, 10, QLatin1Char('0'));
    const QString start = day % QStringLiteral("T%1:%2:%3.%4+00:00")
                                    .arg(int(next() % 24), 2, 10, QLatin1Char('0'))
                                    .arg(int(next() % 60), 2, 10, QLatin1Char('0'))
                                    .arg(int(next() % 60), 2, 10, QLatin1Char('0'))
                                    .arg(int(next() % 1000000), 6, 10, QLatin1Char('0'));
    const double duration = double(next() % 3600000) / 1000.0;
    return QJsonObject{
        {QStringLiteral("dag_id"), QStringLiteral("etl_dag_%1").arg(dag)},
        {QStringLiteral("dag_run_id"), QStringLiteral("scheduled__%1T00:00:00+00:00_%2").arg(day).arg(run)},
        {QStringLiteral("task_id"), QStringLiteral("transform_partition_%1").arg(i % 977)},
        {QStringLiteral("map_index"), i % 7 == 0 ? int(next() % 50) : -1},
        {QStringLiteral("execution_date"), QString(day + QStringLiteral("T00:00:00+00:00"))},
        {QStringLiteral("start_date"), start},
        {QStringLiteral("end_date"), start},
        {QStringLiteral("duration"), duration},
        {QStringLiteral("state"), states.at(int(next() % states.size()))},
        {QStringLiteral("try_number"), int(next() % 4) + 1},
        {QStringLiteral("max_tries"), 3},
        {QStringLiteral("hostname"), QStringLiteral("worker-%1.airflow.svc.cluster.local").arg(next() % 64)},
        {QStringLiteral("unixname"), QStringLiteral("airflow")},
        {QStringLiteral("pool"), QStringLiteral("default_pool")},
        {QStringLiteral("pool_slots"), 1},
        {QStringLiteral("queue"), QStringLiteral("default")},
        {QStringLiteral("priority_weight"), int(next() % 100)},
        {QStringLiteral("operator"), QStringLiteral("PythonOperator")},
        {QStringLiteral("queued_when"), start},
        {QStringLiteral("pid"), int(next() % 60000) + 1000},
        {QStringLiteral("executor_config"), QStringLiteral("{}")},
        {QStringLiteral("sla_miss"), QJsonValue::Null},
        {QStringLiteral("rendered_fields"),
         QJsonObject{{QStringLiteral("op_kwargs"),
                      QJsonObject{{QStringLiteral("partition"), int(next() % 1000)},
                                  {QStringLiteral("table"), QStringLiteral("warehouse.orders_%1").arg(dag)}}},
                     {QStringLiteral("templates_dict"), QJsonValue::Null}}},
        {QStringLiteral("trigger"), QJsonValue::Null},
        {QStringLiteral("triggerer_job"), QJsonValue::Null},
        {QStringLiteral("note"), QJsonValue::Null},
    };
}

QByteArray generateBody(qint64 targetBytes, int *count)
{
    QJsonArray items;
    quint32 seed = 20250601;
    // ~700 bytes an item: generate by estimate, then the needle three quarters down.
    const int n = int(targetBytes / 700);
    for (int i = 0; i < n; ++i)
        items.append(taskInstance(i, &seed));
    QJsonObject needle = items.at(n * 3 / 4).toObject();
    needle.insert(QStringLiteral("note"), Needle);
    items.replace(n * 3 / 4, needle);
    *count = n;
    return QJsonDocument(
               QJsonObject{{QStringLiteral("task_instances"), items}, {QStringLiteral("total_entries"), n}})
        .toJson(QJsonDocument::Compact);
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return {};
    }
}

// The naive tree: every value of the document as a row (key, value, type) in a QStandardItemModel.
void appendRows(QStandardItem *parent, const QJsonValue &value)
{
    const auto row = [parent](const QString &key, const QJsonValue &child) {
        auto *keyItem = new QStandardItem(key);
        const bool container = child.isObject() || child.isArray();
        const QString summary = child.isObject()  ? QStringLiteral("{%1 keys}").arg(child.toObject().size())
                                : child.isArray() ? QStringLiteral("[%1 items]").arg(child.toArray().size())
                                                  : scalarText(child);
        parent->appendRow({keyItem, new QStandardItem(summary),
                           new QStandardItem(Models::JsonTreeModel::typeName(child.type()))});
        if (container)
            appendRows(keyItem, child);
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            row(it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            row(QString::number(i), array.at(i));
    }
}

QString ratio(qint64 baseline, qint64 ours)
{
    return QString::number(double(qMax<qint64>(1, baseline)) / double(qMax<qint64>(1, ours)), 'f', 1) +
           QStringLiteral("x");
}

struct Timing
{
    qint64 ms = 0;
    qint64 stall = 0;
};

// Runs step() with the meter on, then lets paints and layouts run for settleMs (they belong to the step).
Timing measure(StallMeter &meter, const std::function<void()> &step, int settleMs = 50)
{
    settle(100);
    QElapsedTimer clock;
    meter.start();
    clock.start();
    step();
    settle(settleMs);
    return {clock.elapsed() - settleMs, meter.stop()};
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const int megabytes = args.size() > 1 ? args.at(1).toInt() : 20;
    if (args.size() > 2 || megabytes <= 0) {
        QTextStream(stderr) << "usage: bench_explorer_response [MEGABYTES]\n";
        return 2;
    }
    int items = 0;
    const QByteArray body = generateBody(qint64(megabytes) * 1024 * 1024, &items);
    out << "body: " << QString::number(double(body.size()) / (1024.0 * 1024.0), 'f', 1) << " MB, " << items
        << " task instances, search term \"" << Needle << "\" (once, three quarters down)\n";
    out.flush();
    StallMeter meter;
    const QString listPath = QStringLiteral("$.task_instances");

    // Windsock.
    Explorer::ResponseParser parser;
    Models::JsonTreeModel model;
    Explorer::JsonSearch search;
    QTreeView view;
    view.setUniformRowHeights(true);
    view.resize(1200, 800);
    view.setModel(&model);
    view.show();
    std::optional<Explorer::ResponseBody> parsed;
    QObject::connect(&parser, &Explorer::ResponseParser::parsed, &app, [&](const Explorer::ResponseBody &b) {
        parsed = b;
        model.setDocument(b.json());
    });
    const Timing ourShow = measure(meter, [&] {
        parser.start(body, "application/json");
        runUntil([&] { return parsed.has_value(); });
    });
    const Timing ourExpand = measure(meter, [&] { view.expand(model.indexForPath(listPath)); });
    QStringList foundPaths;
    bool searched = false;
    QElapsedTimer searchClock;
    qint64 ourSearchOnlyMs = 0;
    QObject::connect(&search, &Explorer::JsonSearch::found, &app, [&](const QStringList &paths, bool) {
        ourSearchOnlyMs = searchClock.elapsed();
        foundPaths = paths;
        searched = true;
        if (!paths.isEmpty()) {
            const QModelIndex index = model.indexForPath(paths.first());
            view.scrollTo(index);
            view.setCurrentIndex(index);
        }
    });
    const Timing ourSearch = measure(meter, [&] {
        searchClock.start();
        search.start(model.document(), Needle, Qt::CaseInsensitive);
        runUntil([&] { return searched; });
    });
    const QString ourFound = foundPaths.value(0);
    // "Copy value" of one task instance, and of the whole list (indented JSON, on the UI thread).
    QElapsedTimer copyClock;
    copyClock.start();
    const qsizetype itemChars = model.valueText(model.indexForPath(listPath + QStringLiteral("[0]"))).size();
    const qint64 copyItemMs = copyClock.restart();
    const qsizetype listChars = model.valueText(model.indexForPath(listPath)).size();
    const qint64 copyListMs = copyClock.elapsed();
    const qsizetype ourRows = model.rowCount(model.indexForPath(listPath));
    view.hide();

    // Baseline.
    QStandardItemModel naive;
    QTreeView naiveView;
    naiveView.setUniformRowHeights(true);
    naiveView.resize(1200, 800);
    naiveView.setModel(&naive);
    naiveView.show();
    const Timing naiveShow = measure(meter, [&] {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        naive.setHorizontalHeaderLabels(
            {QStringLiteral("Key"), QStringLiteral("Value"), QStringLiteral("Type")});
        appendRows(naive.invisibleRootItem(), document.object());
    });
    const QModelIndex naiveList = naive.index(0, 0);
    const Timing naiveExpand = measure(meter, [&] { naiveView.expand(naiveList); });
    QString naiveFound;
    const Timing naiveSearch = measure(meter, [&] {
        const QList<QStandardItem *> hits =
            naive.findItems(Needle, Qt::MatchContains | Qt::MatchRecursive, 1);
        if (!hits.isEmpty()) {
            naiveView.scrollTo(hits.first()->index());
            naiveView.setCurrentIndex(hits.first()->index());
            naiveFound = hits.first()->index().siblingAtColumn(0).data().toString();
        }
    });

    out << "windsock show_ms=" << ourShow.ms << " show_max_stall_ms=" << ourShow.stall
        << " expand_ms=" << ourExpand.ms << " expand_max_stall_ms=" << ourExpand.stall
        << " search_and_go_ms=" << ourSearch.ms << " (search alone " << ourSearchOnlyMs
        << ") search_max_stall_ms=" << ourSearch.stall << " (found "
        << (ourFound.isEmpty() ? QStringLiteral("nothing") : ourFound) << "; " << ourRows << " of " << items
        << " rows of the list created)\n";
    out << "naive    show_ms=" << naiveShow.ms << " show_max_stall_ms=" << naiveShow.stall
        << " expand_ms=" << naiveExpand.ms << " expand_max_stall_ms=" << naiveExpand.stall
        << " search_and_go_ms=" << naiveSearch.ms << " search_max_stall_ms=" << naiveSearch.stall
        << " (found "
        << (naiveFound.isEmpty() ? QStringLiteral("nothing") : QStringLiteral("key ") + naiveFound) << ")\n";
    out << "windsock copy value: one task instance " << copyItemMs << " ms (" << itemChars
        << " characters), the whole list " << copyListMs << " ms (" << listChars << " characters)\n";
    out << "ratios (naive / windsock): show stall " << ratio(naiveShow.stall, ourShow.stall) << ", show time "
        << ratio(naiveShow.ms, ourShow.ms) << ", expand stall " << ratio(naiveExpand.stall, ourExpand.stall)
        << ", search stall " << ratio(naiveSearch.stall, ourSearch.stall) << ", search time "
        << ratio(naiveSearch.ms, ourSearch.ms) << '\n';
    return 0;
}
