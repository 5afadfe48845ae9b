// DagModel's presentation: what each cell of each level shows, sorts by and explains. (The structure, paging
// and pausing are in dagmodel.cpp; refreshing and the newest-run states in dagmodelrefresh.cpp.)

#include "dagmodel.h"

#include "displaytext.h"

#include <QDateTime>

namespace Windsock::Models {

namespace {

QString joined(const QStringList &values)
{
    return values.join(QStringLiteral(", "));
}

QString formatDuration(double seconds)
{
    if (seconds < 0)
        return {};
    const qint64 whole = qint64(seconds + 0.5);
    if (whole < 60)
        return QStringLiteral("%1s").arg(whole);
    if (whole < 3600)
        return QStringLiteral("%1m %2s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h %2m").arg(whole / 3600).arg((whole % 3600) / 60, 2, 10, QLatin1Char('0'));
}

// -1 when the run has not started, or ended without saying when (1.10 never gives an end date).
double runDuration(const Api::DagRun &run)
{
    const bool ended = run.state == QLatin1String("success") || run.state == QLatin1String("failed");
    if (!run.startDate.isValid() || (ended && !run.endDate.isValid()))
        return -1;
    const QDateTime end = run.endDate.isValid() ? run.endDate : QDateTime::currentDateTimeUtc();
    return double(run.startDate.msecsTo(end)) / 1000.0;
}

} // namespace

// ---- Data

QString DagModel::state(const Node &node) const
{
    switch (node.kind) {
    case NodeKind::Dag:
        return node.newestRunState;
    case NodeKind::Run:
        return node.run.state;
    case NodeKind::TaskInstance:
        return node.instance.state;
    }
    return {};
}

QString DagModel::displayText(const Node &node, int column) const
{
    switch (node.kind) {
    case NodeKind::Dag: {
        const Api::Dag &dag = node.dag;
        switch (column) {
        case DagId:
            return dag.dagId;
        case State:
            return node.newestRunState;
        case Schedule:
            // An API without a DAG list does not tell the schedule either: unknown is not "None".
            return dag.schedule.isEmpty() && m_listsDags ? tr("None") : dag.schedule;
        case Owners:
            return joined(dag.owners);
        case Tags:
            // The widest column: where a DAG added by hand says why it could not be read.
            return node.dagError.isEmpty() ? joined(dag.tags) : node.dagError;
        case NextRun:
            return dag.nextDagrun.isValid()
                       ? dag.nextDagrun.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString();
        default:
            return {};
        }
    }
    case NodeKind::Run: {
        const Api::DagRun &run = node.run;
        switch (column) {
        case DagId:
            return run.dagRunId;
        case State:
            return run.state;
        case Schedule:
            return run.runType;
        case Tags:
            return run.note;
        case Start:
            return formatDateTime(run.logicalDate);
        case NextRun:
            return formatDateTime(run.endDate);
        case Duration:
            return formatDuration(runDuration(run));
        default:
            return {};
        }
    }
    case NodeKind::TaskInstance: {
        const Api::TaskInstance &instance = node.instance;
        switch (column) {
        case DagId:
            return instance.mapIndex >= 0
                       ? QStringLiteral("%1 [%2]").arg(instance.taskId).arg(instance.mapIndex)
                       : instance.taskId;
        case State:
            return instance.state;
        case Schedule:
            return instance.operatorName;
        case Owners:
            return instance.pool;
        case Tags:
            return instance.hostname;
        case Start:
            return formatDateTime(instance.startDate);
        case NextRun:
            return formatDateTime(instance.endDate);
        case Duration:
            return instance.startDate.isValid() ? formatDuration(instance.duration) : QString();
        case Try:
            return instance.tryNumber > 0 ? tr("%1 of %2")
                                                .arg(instance.tryNumber)
                                                .arg(qMax(instance.maxTries + 1, instance.tryNumber))
                                          : QString();
        default:
            return {};
        }
    }
    }
    return {};
}

QVariant DagModel::sortValue(const Node &node, int column) const
{
    switch (node.kind) {
    case NodeKind::Dag:
        switch (column) {
        case Paused:
            return node.dag.isPaused;
        case Schedule:
            return node.dag.schedule;
        case NextRun:
            return node.dag.nextDagrun;
        default:
            return displayText(node, column);
        }
    case NodeKind::Run:
        switch (column) {
        case Start:
            return node.run.logicalDate;
        case NextRun:
            return node.run.endDate;
        case Duration:
            return runDuration(node.run);
        default:
            return displayText(node, column);
        }
    case NodeKind::TaskInstance:
        switch (column) {
        case Start:
            return node.instance.startDate;
        case NextRun:
            return node.instance.endDate;
        case Duration:
            return node.instance.startDate.isValid() ? node.instance.duration : -1.0;
        case Try:
            return node.instance.tryNumber;
        default:
            return displayText(node, column);
        }
    }
    return {};
}

QVariant DagModel::toolTip(const Node &node, int column) const
{
    if (node.kind == NodeKind::Dag) {
        if (!node.dagError.isEmpty())
            return node.dagError;
        if (!node.dagRead)
            return tr("Reading %1 from the server…").arg(node.dag.dagId);
        switch (column) {
        case DagId:
            return node.dag.description.isEmpty() ? node.dag.dagId : node.dag.description;
        case Paused: {
            const QString state = node.dag.isPaused ? tr("Paused: no new runs are scheduled") : tr("Active");
            // Why the box does not toggle: the profile, not the server, forbids it.
            if (m_readOnly)
                return QString(state + u'\n' + tr("The profile is read-only: pausing is disabled."));
            return state;
        }
        case Schedule:
            return node.dag.timetableDescription.isEmpty() ? displayText(node, column)
                                                           : node.dag.timetableDescription;
        case State:
            return node.newestRunKnown && node.newestRunState.isEmpty() ? tr("No runs yet")
                                                                        : node.newestRunState;
        default:
            return displayText(node, column);
        }
    }
    if (node.kind == NodeKind::Run && column == DagId)
        return tr("%1 run of %2, logical date %3")
            .arg(node.run.runType, node.run.dagId, formatDateTime(node.run.logicalDate));
    if (node.kind == NodeKind::TaskInstance && column == State && node.instance.state.isEmpty())
        return tr("No status yet");
    return displayText(node, column);
}

QVariant DagModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    Node *node = nodeOf(index);
    const int column = index.column();

    // The newest run's state of a DAG is asked for when something wants to show it.
    if (node->kind == NodeKind::Dag && node->dagRead && !node->newestRunFresh && !node->newestRunRequested &&
        ((column == State && (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole)) ||
         role == StateRole || role == LastRunStateRole))
        requestNewestRun(node);

    switch (role) {
    case Qt::DisplayRole:
        return displayText(*node, column);
    case Qt::ToolTipRole:
        return toolTip(*node, column);
    case Qt::CheckStateRole:
        if (column == Paused && node->kind == NodeKind::Dag)
            return node->dag.isPaused ? Qt::Checked : Qt::Unchecked;
        return {};
    case SortRole:
        return sortValue(*node, column);
    case DagIdRole:
        switch (node->kind) {
        case NodeKind::Dag:
            return node->dag.dagId;
        case NodeKind::Run:
            return node->run.dagId;
        case NodeKind::TaskInstance:
            return node->instance.dagId;
        }
        return {};
    case DagRole:
        return node->kind == NodeKind::Dag ? QVariant::fromValue(node->dag) : QVariant();
    case OwnersRole:
        return node->kind == NodeKind::Dag ? QVariant(node->dag.owners) : QVariant();
    case TagsRole:
        return node->kind == NodeKind::Dag ? QVariant(node->dag.tags) : QVariant();
    case LastRunStateRole:
        return node->kind == NodeKind::Dag ? QVariant(node->newestRunState) : QVariant();
    case PauseInFlightRole:
        return node->kind == NodeKind::Dag && node->pauseInFlight;
    case NodeKindRole:
        return QVariant::fromValue(node->kind);
    case DagRunRole:
        if (node->kind == NodeKind::Run)
            return QVariant::fromValue(node->run);
        if (node->kind == NodeKind::TaskInstance)
            return QVariant::fromValue(node->parent->run);
        return {};
    case TaskInstanceRole:
        return node->kind == NodeKind::TaskInstance ? QVariant::fromValue(node->instance) : QVariant();
    case DagRunIdRole:
        if (node->kind == NodeKind::Run)
            return node->run.dagRunId;
        if (node->kind == NodeKind::TaskInstance)
            return node->instance.dagRunId;
        return {};
    case TaskIdRole:
        return node->kind == NodeKind::TaskInstance ? QVariant(node->instance.taskId) : QVariant();
    case StateRole:
        return state(*node);
    case ErrorRole:
        return node->kind == NodeKind::Dag ? QVariant(node->dagError) : QVariant();
    default:
        return {};
    }
}

QVariant DagModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case DagId:
            return tr("Name");
        case Paused:
            return tr("Paused");
        case State:
            return tr("State");
        case Schedule:
            return tr("Schedule");
        case Owners:
            return tr("Owners");
        case Tags:
            return tr("Tags");
        case Start:
            return tr("Start");
        case NextRun:
            return tr("Next run / end");
        case Duration:
            return tr("Duration");
        case Try:
            return tr("Try");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case DagId:
            return tr("The DAG id; below it the run ids, below a run its task ids");
        case Paused:
            return tr("A paused DAG gets no new scheduled runs. Click a box to pause or unpause.");
        case State:
            return tr("A DAG: the state of its newest run. A run or task instance: its state.");
        case Schedule:
            return tr("A DAG: its schedule. A run: its type. A task instance: its operator.");
        case Owners:
            return tr("A DAG: its owners. A task instance: its pool.");
        case Tags:
            return tr("A DAG: its tags. A run: its note. A task instance: its host.");
        case Start:
            return tr("A run: its logical date. A task instance: when it started. In local time.");
        case NextRun:
            return tr("A DAG: the logical date of its next scheduled run. A run or task instance: when it "
                      "ended. In local time.");
        case Duration:
            return tr("How long a run or task instance ran (so far, while it runs)");
        case Try:
            return tr("A task instance's try number");
        }
    }
    return {};
}

} // namespace Windsock::Models
