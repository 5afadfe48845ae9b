#include "fleetrunsmodel.h"

#include "displaytext.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/apierror.h"
#include "api/queries.h"

namespace Windsock::Models {

namespace {

// Deployment rows have internal id 0; a run's internal id is its deployment's row + 1.
constexpr quintptr DeploymentId = 0;

} // namespace

FleetRunsModel::FleetRunsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

FleetRunsModel::~FleetRunsModel()
{
    ++m_generation;
    for (const QPointer<Api::ApiCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void FleetRunsModel::setMembers(const QList<Fleet::FleetMember> &members)
{
    ++m_generation;
    const QList<QPointer<Api::ApiCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    const bool wasLoading = isLoading();
    beginResetModel();
    m_deployments.clear();
    for (const Fleet::FleetMember &member : members) {
        DeploymentRow deployment;
        deployment.member = member;
        m_deployments.append(deployment);
    }
    m_pending = 0;
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

QList<Fleet::FleetMember> FleetRunsModel::members() const
{
    QList<Fleet::FleetMember> members;
    for (const DeploymentRow &deployment : m_deployments)
        members.append(deployment.member);
    return members;
}

int FleetRunsModel::failedCount(int deploymentRow) const
{
    return deploymentRow >= 0 && deploymentRow < m_deployments.size() ? m_deployments.at(deploymentRow).failed
                                                                      : -1;
}

int FleetRunsModel::runningCount(int deploymentRow) const
{
    return deploymentRow >= 0 && deploymentRow < m_deployments.size()
               ? m_deployments.at(deploymentRow).running
               : -1;
}

void FleetRunsModel::refresh()
{
    ++m_generation;
    const QList<QPointer<Api::ApiCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    const quint64 generation = m_generation;
    const bool wasLoading = isLoading();
    m_pending = 0;
    const QDateTime since = m_now().addSecs(-qint64(m_failedWindowHours) * 3600);
    for (int row = 0; row < m_deployments.size(); ++row) {
        DeploymentRow &deployment = m_deployments[row];
        deployment.newFailed.clear();
        deployment.newRunning.clear();
        deployment.newFailedTotal = deployment.newRunningTotal = -1;
        deployment.newError.clear();
        deployment.loading = true;
        ++m_pending;
        if (!deployment.member.client) {
            deployment.newError = tr("%1 is not open.").arg(deployment.member.name);
            deployment.partsLeft = 1;
            QMetaObject::invokeMethod(
                this,
                [this, row, generation] {
                    if (generation == m_generation)
                        finishPart(row);
                },
                Qt::QueuedConnection);
            continue;
        }
        deployment.partsLeft = 2;
        Api::AirflowClient *client = deployment.member.client.get();
        const int limit = client->maxPageSize() > 0 ? qMin(client->maxPageSize(), 100) : 100;

        Api::DagRunQuery failed;
        failed.dagId = QStringLiteral("~");
        failed.limit = limit;
        failed.orderBy = QStringLiteral("-execution_date");
        failed.states = {QStringLiteral("failed")};
        failed.endDateFrom = since;
        m_calls.append(client->dagRuns(failed, this,
                                       [this, row, generation](const Api::Result<Api::Page<Api::DagRun>> &r) {
                                           if (generation != m_generation)
                                               return;
                                           DeploymentRow &d = m_deployments[row];
                                           if (r.ok()) {
                                               d.newFailed = r.value().items;
                                               d.newFailedTotal = r.value().totalEntries;
                                           } else if (d.newError.isEmpty()) {
                                               d.newError = r.error().message();
                                           }
                                           finishPart(row);
                                       }));

        Api::DagRunQuery running;
        running.dagId = QStringLiteral("~");
        running.limit = limit;
        running.orderBy = QStringLiteral("-execution_date");
        running.states = {QStringLiteral("running")};
        m_calls.append(client->dagRuns(running, this,
                                       [this, row, generation](const Api::Result<Api::Page<Api::DagRun>> &r) {
                                           if (generation != m_generation)
                                               return;
                                           DeploymentRow &d = m_deployments[row];
                                           if (r.ok()) {
                                               d.newRunning = r.value().items;
                                               d.newRunningTotal = r.value().totalEntries;
                                           } else if (d.newError.isEmpty()) {
                                               d.newError = r.error().message();
                                           }
                                           finishPart(row);
                                       }));
    }
    if (!m_deployments.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_deployments.size()) - 1, ColumnCount - 1));
        if (!wasLoading)
            Q_EMIT loadingChanged(true);
    } else {
        if (wasLoading)
            Q_EMIT loadingChanged(false);
        Q_EMIT refreshed();
    }
}

void FleetRunsModel::finishPart(int row)
{
    DeploymentRow &deployment = m_deployments[row];
    if (--deployment.partsLeft > 0)
        return;
    applyResult(row);
    if (--m_pending == 0) {
        m_calls.clear();
        Q_EMIT loadingChanged(false);
        Q_EMIT refreshed();
    }
}

// Replaces the deployment's children with what this refresh read: removed, then inserted, so persistent
// indexes of the deployment rows stay valid.
void FleetRunsModel::applyResult(int row)
{
    DeploymentRow &deployment = m_deployments[row];
    const QModelIndex parentIndex = index(row, 0);
    if (!deployment.runs.isEmpty()) {
        beginRemoveRows(parentIndex, 0, int(deployment.runs.size()) - 1);
        deployment.runs.clear();
        endRemoveRows();
    }
    deployment.loading = false;
    deployment.error = deployment.newError;
    QList<Api::DagRun> runs;
    if (deployment.error.isEmpty()) {
        deployment.failed = deployment.newFailedTotal;
        deployment.running = deployment.newRunningTotal;
        runs = deployment.newFailed + deployment.newRunning;
    } else {
        deployment.failed = deployment.running = -1;
    }
    deployment.newFailed.clear();
    deployment.newRunning.clear();
    if (!runs.isEmpty()) {
        beginInsertRows(parentIndex, 0, int(runs.size()) - 1);
        deployment.runs = runs;
        endInsertRows();
    }
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (!deployment.error.isEmpty())
        Q_EMIT errorOccurred(deployment.member.profileId, deployment.error);
}

QModelIndex FleetRunsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_deployments.size() ? createIndex(row, column, DeploymentId) : QModelIndex();
    if (parent.internalId() != DeploymentId || parent.column() != 0 || parent.row() >= m_deployments.size())
        return {};
    if (row >= m_deployments.at(parent.row()).runs.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex FleetRunsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == DeploymentId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, DeploymentId);
}

int FleetRunsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_deployments.size());
    if (parent.internalId() != DeploymentId || parent.column() != 0)
        return 0;
    return int(m_deployments.at(parent.row()).runs.size());
}

int FleetRunsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FleetRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Deployment:
        return tr("Deployment");
    case DagId:
        return tr("DAG");
    case RunId:
        return tr("Run");
    case State:
        return tr("State");
    case Start:
        return tr("Start");
    case End:
        return tr("End");
    case Duration:
        return tr("Duration");
    }
    return {};
}

Qt::ItemFlags FleetRunsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != DeploymentId)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QHash<int, QByteArray> FleetRunsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ProfileIdRole, "profileId");
    names.insert(DagIdRole, "dagId");
    names.insert(RunIdRole, "runId");
    names.insert(SortRole, "sortValue");
    names.insert(ColourRole, "colour");
    names.insert(StateRole, "state");
    names.insert(IsDeploymentRole, "isDeployment");
    names.insert(ErrorRole, "error");
    return names;
}

QVariant FleetRunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == DeploymentId)
        return deploymentData(index.row(), index.column(), role);
    const DeploymentRow &deployment = m_deployments.at(int(index.internalId() - 1));
    return runData(deployment, deployment.runs.at(index.row()), index.column(), role);
}

QVariant FleetRunsModel::deploymentData(int row, int column, int role) const
{
    const DeploymentRow &deployment = m_deployments.at(row);
    QString summary;
    if (deployment.loading && deployment.failed < 0 && deployment.error.isEmpty())
        summary = tr("Loading…");
    else if (!deployment.error.isEmpty())
        summary = deployment.error;
    else if (deployment.failed >= 0)
        summary = tr("%1 failed in %2 h, %3 running")
                      .arg(deployment.failed)
                      .arg(m_failedWindowHours)
                      .arg(deployment.running);
    switch (role) {
    case Qt::DisplayRole:
        if (column == Deployment)
            return deployment.member.name;
        if (column == DagId)
            return summary;
        return {};
    case Qt::ToolTipRole:
        return summary.isEmpty() ? deployment.member.name
                                 : deployment.member.name + QLatin1String(": ") + summary;
    case ProfileIdRole:
        return deployment.member.profileId;
    case ColourRole:
        return deployment.member.colour;
    case IsDeploymentRole:
        return true;
    case ErrorRole:
        return deployment.error;
    case SortRole:
        switch (column) {
        case Deployment:
            return deployment.member.name.toLower();
        case DagId:
        case State:
            return deployment.failed;
        default:
            return deployment.running;
        }
    default:
        return {};
    }
}

QVariant FleetRunsModel::runData(const DeploymentRow &deployment, const Api::DagRun &run, int column,
                                 int role) const
{
    qint64 seconds = -1;
    if (run.startDate.isValid())
        seconds = qMax<qint64>(0, run.startDate.secsTo(run.endDate.isValid() ? run.endDate : m_now()));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case Deployment:
            return role == Qt::ToolTipRole ? QVariant(deployment.member.name) : QVariant();
        case DagId:
            return run.dagId;
        case RunId:
            return run.dagRunId;
        case State:
            return run.state;
        case Start:
            return formatDateTime(run.startDate);
        case End:
            return formatDateTime(run.endDate);
        case Duration:
            return formatDuration(seconds);
        }
        return {};
    case ProfileIdRole:
        return deployment.member.profileId;
    case DagIdRole:
        return run.dagId;
    case RunIdRole:
        return run.dagRunId;
    case StateRole:
        return run.state;
    case ColourRole:
        return deployment.member.colour;
    case IsDeploymentRole:
        return false;
    case ErrorRole:
        return QString();
    case SortRole:
        switch (column) {
        case Deployment:
            return deployment.member.name.toLower();
        case DagId:
            return run.dagId;
        case RunId:
            return run.dagRunId;
        case State:
            return run.state;
        case Start:
            return run.startDate;
        case End:
            return run.endDate;
        case Duration:
            return seconds;
        }
        return {};
    default:
        return {};
    }
}

} // namespace Windsock::Models
