#include "dagseeder.h"

#include "seedhash.h"

#include <array>

namespace Windsock::Sandbox {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

const std::array<const char16_t *, 10> verbs = {u"etl",  u"ingest", u"export", u"report", u"train",
                                                u"sync", u"backup", u"dbt",    u"check",  u"aggregate"};
const std::array<const char16_t *, 12> subjects = {u"orders",      u"customers", u"payments", u"inventory",
                                                   u"clickstream", u"marketing", u"finance",  u"users",
                                                   u"events",      u"shipments", u"invoices", u"sensors"};
const std::array<const char16_t *, 10> tagNames = {u"etl",          u"finance", u"marketing", u"ml",
                                                   u"reporting",    u"daily",   u"hourly",    u"critical",
                                                   u"experimental", u"dbt"};
const std::array<std::array<const char16_t *, 2>, 5> ownerSets = {{{u"airflow", nullptr},
                                                                   {u"data-eng", nullptr},
                                                                   {u"analytics", u"jane.doe"},
                                                                   {u"ml-platform", nullptr},
                                                                   {u"finance-data", nullptr}}};
struct TaskTemplate
{
    const char16_t *taskId;
    const char16_t *operatorName;
};
const std::array<TaskTemplate, 6> middleTasks = {{{u"extract", u"PythonOperator"},
                                                  {u"transform", u"BashOperator"},
                                                  {u"validate", u"SQLExecuteQueryOperator"},
                                                  {u"load", u"PythonOperator"},
                                                  {u"publish_report", u"PythonOperator"},
                                                  {u"notify", u"EmailOperator"}}};

QString text(const char16_t *s)
{
    return QString::fromUtf16(s);
}

} // namespace

DagSeeder::DagSeeder(quint32 seed, int runsPerDag, qint64 nowMs)
    : m_seed(seed)
    , m_runsPerDag(runsPerDag)
    , m_nowMs(nowMs)
{}

QVector<DagModel> DagSeeder::build(int dagCount) const
{
    QVector<DagModel> dags;
    dags.reserve(dagCount);
    for (int i = 0; i < dagCount; ++i)
        dags.append(buildDag(i));
    return dags;
}

DagSchedule DagSeeder::scheduleFor(int index, quint64 hash) const
{
    DagSchedule s;
    if (index == 0) { // the params showcase is triggered by hand
        s.kind = DagSchedule::Kind::None;
        s.periodMs = dayMs;
        s.description = QStringLiteral("Never, external triggers only");
        return s;
    }
    switch (hash % 11) {
    case 0:
        s = {DagSchedule::Kind::Cron, QStringLiteral("0 0 * * *"), dayMs, QStringLiteral("At 00:00"), 0, 0};
        break;
    case 1:
        s = {DagSchedule::Kind::Cron, QStringLiteral("@daily"), dayMs, QStringLiteral("At 00:00"), 0, 0};
        break;
    case 2:
        s = {DagSchedule::Kind::Cron,
             QStringLiteral("@hourly"),
             hourMs,
             QStringLiteral("At 0 minutes past the hour"),
             0,
             0};
        break;
    case 3:
        s = {DagSchedule::Kind::Cron,
             QStringLiteral("*/15 * * * *"),
             15 * minuteMs,
             QStringLiteral("Every 15 minutes"),
             0,
             0};
        break;
    case 4:
        s = {DagSchedule::Kind::Cron,
             QStringLiteral("30 6 * * 1-5"),
             dayMs,
             QStringLiteral("At 06:30, Monday through Friday"),
             0,
             0};
        break;
    case 5:
        s = {DagSchedule::Kind::Cron,
             QStringLiteral("@weekly"),
             7 * dayMs,
             QStringLiteral("At 00:00, only on Sunday"),
             0,
             0};
        break;
    case 6:
        s = {DagSchedule::Kind::TimeDelta, QString(), 6 * hourMs, QString(), 6 * 3600, 0};
        break;
    case 7:
        s = {DagSchedule::Kind::RelativeDelta, QString(), 30 * dayMs, QString(), 0, 1};
        break;
    case 8:
        s = {
            DagSchedule::Kind::None, QString(), dayMs, QStringLiteral("Never, external triggers only"), 0, 0};
        break;
    case 9:
        s = {DagSchedule::Kind::Dataset,
             QStringLiteral("Dataset"),
             dayMs,
             QStringLiteral("Triggered by datasets"),
             0,
             0};
        break;
    default:
        s = {DagSchedule::Kind::Cron,
             QStringLiteral("0 3 * * 0"),
             7 * dayMs,
             QStringLiteral("At 03:00, only on Sunday"),
             0,
             0};
        break;
    }
    return s;
}

DagModel DagSeeder::buildDag(int index) const
{
    const quint64 h = SeedHash::of(m_seed, quint64(index), 0xda9);
    DagModel dag;
    dag.index = index;
    if (index == 0) {
        dag.dagId = QStringLiteral("params_trigger_form");
        dag.timezone = QStringLiteral("Europe/Amsterdam"); // a zone that is not UTC, for logical dates
    } else {
        const int n = index - 1;
        const int v = n % int(verbs.size());
        const int s = (n / int(verbs.size())) % int(subjects.size());
        const int round = n / int(verbs.size() * subjects.size());
        dag.dagId = text(verbs[v]) + u'_' + text(subjects[s]);
        if (round > 0)
            dag.dagId += u'_' + QString::number(round + 1);
    }
    dag.fileloc = QStringLiteral("/opt/airflow/dags/") + dag.dagId + QStringLiteral(".py");
    const auto &owners = ownerSets[(h >> 8) % ownerSets.size()];
    for (const char16_t *o : owners) {
        if (o)
            dag.owners.append(text(o));
    }
    const int tagCount = int((h >> 12) % 4); // 0..3 tags
    for (int t = 0; t < tagCount; ++t) {
        const QString tag = text(tagNames[(h >> (16 + 4 * t)) % tagNames.size()]);
        if (!dag.tags.contains(tag))
            dag.tags.append(tag);
    }
    dag.schedule = scheduleFor(index, h >> 28);
    dag.description =
        index == 0 ? QStringLiteral("A form with every kind of param the trigger UI supports.")
        : (h >> 33) % 4 == 0
            ? QString()
            : QStringLiteral("Moves %1 data through the warehouse.").arg(dag.dagId.section(u'_', 1, 1));
    dag.catchup = (h >> 35) % 4 == 0;
    dag.paramsKind = index == 0 ? 0 : 1 + int((h >> 37) % 3);
    dag.docMd =
        QStringLiteral("### ") + dag.dagId +
        QStringLiteral("\n\nOwned by %1. See the runbook before re-running.").arg(dag.owners.join(u','));
    dag.startDateMs = m_nowMs - qint64(m_runsPerDag + 30) * dag.schedule.periodMs;
    dag.startDateMs -= dag.startDateMs % dayMs;
    dag.lastParsedMs = m_nowMs - qint64((h >> 40) % 300) * 1000;
    dag.historyCount = m_runsPerDag;

    // A fifth of the DAGs are paused, since some time ago; their history stops there.
    dag.isPaused = index != 0 && (h >> 44) % 5 == 0;
    dag.historyEndMs = m_nowMs;
    if (dag.isPaused) {
        const qint64 pausedAt = m_nowMs - qint64(1 + (h >> 47) % 72) * hourMs;
        dag.pauses.append(PauseInterval{pausedAt, -1});
        dag.historyEndMs = pausedAt;
    }

    dag.tasks.append(
        DagTask{QStringLiteral("start"), QStringLiteral("EmptyOperator"), QStringLiteral("default_pool"), 1});
    const int middle = 1 + int((h >> 50) % middleTasks.size());
    const QString pool = dag.tags.contains(QStringLiteral("ml"))          ? QStringLiteral("ml_training")
                         : dag.tags.contains(QStringLiteral("reporting")) ? QStringLiteral("reporting")
                         : dag.tags.contains(QStringLiteral("etl"))       ? QStringLiteral("etl_pool")
                                                                          : QStringLiteral("default_pool");
    for (int t = 0; t < middle; ++t) {
        dag.tasks.append(DagTask{text(middleTasks[size_t(t)].taskId),
                                 text(middleTasks[size_t(t)].operatorName), pool, middle - t + 1});
    }
    dag.tasks.append(
        DagTask{QStringLiteral("end"), QStringLiteral("EmptyOperator"), QStringLiteral("default_pool"), 1});
    return dag;
}

} // namespace Windsock::Sandbox
