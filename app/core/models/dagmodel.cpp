#include "dagmodel.h"

#include "api/airflowclient.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDagModel, "windsock.models.dags", QtInfoMsg)

namespace Windsock::Models {

namespace {

// Top-level rows (DAGs) carry internal id 0; children (runs, later) will carry their DAG's row + 1.
constexpr quintptr TopLevel = 0;

QString joined(const QStringList &values)
{
    return values.join(QStringLiteral(", "));
}

} // namespace

DagModel::DagModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
{}

DagModel::~DagModel()
{
    ++m_generation;
    cancelCalls();
}

QModelIndex DagModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, TopLevel);
}

QModelIndex DagModel::parent(const QModelIndex &) const
{
    return {}; // DAGs are top-level; runs will point back to their DAG here
}

int DagModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DagModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DagModel::displayText(const Row &row, int column) const
{
    const Api::Dag &dag = row.dag;
    switch (column) {
    case DagId:
        return dag.dagId;
    case Paused:
        return {};
    case Schedule:
        return dag.schedule.isEmpty() ? tr("None") : dag.schedule;
    case Owners:
        return joined(dag.owners);
    case Tags:
        return joined(dag.tags);
    case LastRunState:
        return row.lastRunState;
    case NextRun:
        return dag.nextDagrun.isValid()
                   ? dag.nextDagrun.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                   : QString();
    }
    return {};
}

QVariant DagModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case Paused:
        return row.dag.isPaused;
    case Schedule:
        return row.dag.schedule;
    case NextRun:
        return row.dag.nextDagrun;
    default:
        return displayText(row, column);
    }
}

QVariant DagModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Row &row = m_rows.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::ToolTipRole:
        switch (column) {
        case DagId:
            return row.dag.description.isEmpty() ? row.dag.dagId : row.dag.description;
        case Paused:
            return row.dag.isPaused ? tr("Paused: no new runs are scheduled") : tr("Active");
        case Schedule:
            return row.dag.timetableDescription.isEmpty() ? displayText(row, column)
                                                          : row.dag.timetableDescription;
        case LastRunState:
            return row.lastRunKnown && row.lastRunState.isEmpty() ? tr("No runs yet") : row.lastRunState;
        default:
            return displayText(row, column);
        }
    case Qt::CheckStateRole:
        if (column == Paused)
            return row.dag.isPaused ? Qt::Checked : Qt::Unchecked;
        return {};
    case SortRole:
        return sortValue(row, column);
    case DagIdRole:
        return row.dag.dagId;
    case DagRole:
        return QVariant::fromValue(row.dag);
    case OwnersRole:
        return row.dag.owners;
    case TagsRole:
        return row.dag.tags;
    case LastRunStateRole:
        return row.lastRunState;
    case PauseInFlightRole:
        return row.pauseInFlight;
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
            return tr("DAG");
        case Paused:
            return tr("Paused");
        case Schedule:
            return tr("Schedule");
        case Owners:
            return tr("Owners");
        case Tags:
            return tr("Tags");
        case LastRunState:
            return tr("Last run");
        case NextRun:
            return tr("Next run");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Paused:
            return tr("A paused DAG gets no new scheduled runs. Click a box to pause or unpause.");
        case LastRunState:
            return tr("The state of the newest run");
        case NextRun:
            return tr("The logical date of the next scheduled run, in local time");
        default:
            break;
        }
    }
    return {};
}

Qt::ItemFlags DagModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Paused && !m_readOnly)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

void DagModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Paused), index(int(m_rows.size()) - 1, Paused), {});
}

bool DagModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.parent().isValid() ||
        index.column() != Paused)
        return false;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    return setPaused(index.row(), value.toInt() == Qt::Checked);
}

QHash<int, QByteArray> DagModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(DagIdRole, QByteArrayLiteral("dagId"));
    names.insert(DagRole, QByteArrayLiteral("dag"));
    names.insert(OwnersRole, QByteArrayLiteral("owners"));
    names.insert(TagsRole, QByteArrayLiteral("tags"));
    names.insert(LastRunStateRole, QByteArrayLiteral("lastRunState"));
    names.insert(PauseInFlightRole, QByteArrayLiteral("pauseInFlight"));
    return names;
}

const Api::Dag &DagModel::dag(int row) const
{
    return m_rows.at(row).dag;
}

int DagModel::rowOfDag(const QString &dagId) const
{
    return m_rowByDagId.value(dagId, -1);
}

QModelIndex DagModel::indexOfDag(const QString &dagId, int column) const
{
    const int row = rowOfDag(dagId);
    return row < 0 ? QModelIndex() : index(row, column);
}

// ---- Paging

bool DagModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_pageCall || m_pagingFailed)
        return false;
    return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
}

void DagModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void DagModel::requestPage()
{
    if (m_pageCall)
        return; // one page at a time
    Api::DagQuery query;
    query.limit = PageSize;
    query.offset = m_pagedOffset;
    query.dagIdPattern = m_dagIdPattern;
    const quint64 generation = m_generation;
    qCDebug(lcDagModel) << "asking for DAGs from offset" << query.offset << "pattern" << m_dagIdPattern;
    m_pageCall =
        m_client->dags(query, this, [this, generation](const Api::Result<Api::Page<Api::Dag>> &result) {
            if (generation != m_generation)
                return;
            m_pageCall = nullptr;
            // Before the rows go in: a view that sees them may ask for the next page at once.
            Q_EMIT loadingChanged(false);
            if (result.ok()) {
                handlePage(result.value());
            } else {
                m_pagingFailed = true;
                reportError(tr("Could not load the DAGs"), result.error());
            }
        });
    Q_EMIT loadingChanged(true);
}

void DagModel::handlePage(const Api::Page<Api::Dag> &page)
{
    m_pagedOffset += int(page.items.size());
    // A server whose total promises more than its pages deliver must not make us ask forever.
    setTotalEntries(page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset));
    mergeDags(page.items);
}

void DagModel::mergeDags(const QList<Api::Dag> &dags)
{
    QList<Api::Dag> fresh;
    QStringList freshIds;
    for (const Api::Dag &dag : dags) {
        const int row = rowOfDag(dag.dagId);
        if (row >= 0) {
            // Known already (found by a search, or the list shifted on the server): refresh it in place.
            Row &known = m_rows[row];
            if (!known.pauseInFlight) {
                known.dag = dag;
                known.confirmedPaused = dag.isPaused;
                emitRowChanged(row);
            }
        } else if (!freshIds.contains(dag.dagId)) {
            fresh.append(dag);
            freshIds.append(dag.dagId);
        }
    }
    if (fresh.isEmpty())
        return;

    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Api::Dag &dag : std::as_const(fresh)) {
        m_rowByDagId.insert(dag.dagId, int(m_rows.size()));
        Row row;
        row.dag = dag;
        row.confirmedPaused = dag.isPaused;
        m_rows.append(row);
    }
    endInsertRows();
    requestLastRuns(freshIds);
}

void DagModel::requestLastRuns(const QStringList &dagIds)
{
    m_calls.removeIf([](const QPointer<Api::ApiCall> &call) { return call.isNull() || call->isFinished(); });
    const quint64 generation = m_generation;
    for (const QString &dagId : dagIds) {
        Api::DagRunQuery query;
        query.dagId = dagId;
        query.limit = 1;
        query.orderBy = QStringLiteral("-execution_date");
        m_calls.append(m_client->dagRuns(
            query, this, [this, generation, dagId](const Api::Result<Api::Page<Api::DagRun>> &result) {
                if (generation != m_generation)
                    return;
                const int row = rowOfDag(dagId);
                if (row < 0)
                    return;
                if (!result.ok()) {
                    // One sentence per load is enough: a failing server would otherwise repeat it per DAG.
                    if (!m_lastRunErrorReported) {
                        m_lastRunErrorReported = true;
                        reportError(tr("Could not load the last runs"), result.error());
                    }
                    return;
                }
                Row &target = m_rows[row];
                const QList<Api::DagRun> &runs = result.value().items;
                target.lastRunState = runs.isEmpty() ? QString() : runs.constFirst().state;
                target.lastRunKnown = true;
                const QModelIndex changed = index(row, LastRunState);
                Q_EMIT dataChanged(changed, changed,
                                   {Qt::DisplayRole, Qt::ToolTipRole, SortRole, LastRunStateRole});
            }));
    }
}

void DagModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Reset, pattern, search

void DagModel::cancelCalls()
{
    // Cancelling may call a callback at once; the generation was bumped, so it drops the answer.
    const QList<QPointer<Api::ApiCall>> calls = m_calls;
    m_calls.clear();
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    if (m_pageCall) {
        const QPointer<Api::ApiCall> pageCall = m_pageCall;
        m_pageCall = nullptr;
        pageCall->cancel();
    }
}

void DagModel::resetRows()
{
    const bool wasLoading = isLoading();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    if (wasLoading)
        Q_EMIT loadingChanged(false); // before the reset: a view may ask for the first page while it resets
    beginResetModel();
    m_rows.clear();
    m_rowByDagId.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    m_lastRunErrorReported = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void DagModel::reload()
{
    resetRows();
    // A view may have asked for the first page already, when it saw the reset.
    if (canFetchMore({}))
        requestPage();
}

void DagModel::setDagIdPattern(const QString &pattern)
{
    const QString trimmed = pattern.trimmed();
    if (trimmed == m_dagIdPattern)
        return;
    m_dagIdPattern = trimmed;
    reload();
}

void DagModel::fetchDagsMatching(const QString &pattern)
{
    const QString trimmed = pattern.trimmed();
    if (trimmed.isEmpty() || !m_client || isComplete())
        return;
    Api::DagQuery query;
    query.limit = PageSize;
    query.dagIdPattern = trimmed;
    const quint64 generation = m_generation;
    m_calls.append(
        m_client->dags(query, this, [this, generation](const Api::Result<Api::Page<Api::Dag>> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                reportError(tr("Could not search the DAGs"), result.error());
                return;
            }
            // The pattern narrows the list the paging walks only with setDagIdPattern(); matches of another
            // pattern are merged only when they belong to the current list.
            QList<Api::Dag> matches;
            for (const Api::Dag &dag : result.value().items) {
                if (dag.dagId.contains(m_dagIdPattern, Qt::CaseInsensitive))
                    matches.append(dag);
            }
            mergeDags(matches);
        }));
}

// ---- Pause and unpause

bool DagModel::setPaused(const QString &dagId, bool paused)
{
    return setPaused(rowOfDag(dagId), paused);
}

bool DagModel::setPaused(int row, bool paused)
{
    if (m_readOnly || row < 0 || row >= m_rows.size() || !m_client)
        return false;
    Row &target = m_rows[row];
    if (target.dag.isPaused == paused)
        return true;

    target.dag.isPaused = paused;
    target.pauseInFlight = true;
    const int serial = ++target.pauseSerial;
    const QString dagId = target.dag.dagId;
    emitRowChanged(row);

    const quint64 generation = m_generation;
    m_calls.removeIf([](const QPointer<Api::ApiCall> &call) { return call.isNull() || call->isFinished(); });
    m_calls.append(m_client->setDagPaused(
        dagId, paused, this, [this, generation, serial, dagId, paused](const Api::Result<Api::Dag> &result) {
            if (generation != m_generation)
                return; // reloaded meanwhile: the fresh rows come from the server anyway
            const int current = rowOfDag(dagId);
            if (current < 0)
                return;
            Row &answered = m_rows[current];
            if (result.ok())
                answered.confirmedPaused = result.value().isPaused;
            if (serial != answered.pauseSerial)
                return; // a newer click for this DAG is still on its way
            answered.pauseInFlight = false;
            if (result.ok()) {
                answered.dag = result.value();
            } else {
                answered.dag.isPaused = answered.confirmedPaused;
                reportError(paused ? tr("Could not pause %1").arg(dagId)
                                   : tr("Could not unpause %1").arg(dagId),
                            result.error());
            }
            emitRowChanged(current);
        }));
    return true;
}

void DagModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DagModel::reportError(const QString &what, const Api::ApiError &error)
{
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    qCInfo(lcDagModel).noquote() << what << '-' << error.message() << error.context();
    const QString message = error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message());
    Q_EMIT errorOccurred(message);
}

} // namespace Windsock::Models
