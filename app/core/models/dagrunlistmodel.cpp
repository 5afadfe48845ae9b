#include "dagrunlistmodel.h"

#include "displaytext.h"

#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

Q_LOGGING_CATEGORY(lcDagRunListModel, "windsock.models.dagruns", QtInfoMsg)

namespace Windsock::Models {

namespace {

// Seconds from start to end; -1 when the run has not ended (or not started).
qint64 durationSeconds(const Api::DagRun &run)
{
    if (!run.startDate.isValid() || !run.endDate.isValid())
        return -1;
    return qMax<qint64>(0, run.startDate.secsTo(run.endDate));
}

// The fields a row shows: a refresh signals a row only when one of them changed.
bool sameRun(const Api::DagRun &a, const Api::DagRun &b)
{
    return a.state == b.state && a.startDate == b.startDate && a.endDate == b.endDate &&
           a.logicalDate == b.logicalDate && a.runType == b.runType && a.note == b.note &&
           a.externalTrigger == b.externalTrigger && a.conf == b.conf &&
           a.dataIntervalStart == b.dataIntervalStart && a.dataIntervalEnd == b.dataIntervalEnd;
}

} // namespace

bool DagRunListModel::Filter::hasDateRange() const
{
    return logicalDateFrom.isValid() || logicalDateTo.isValid() || startDateFrom.isValid() ||
           startDateTo.isValid();
}

bool DagRunListModel::Filter::operator==(const Filter &other) const
{
    return dagIds == other.dagIds && states == other.states && logicalDateFrom == other.logicalDateFrom &&
           logicalDateTo == other.logicalDateTo && startDateFrom == other.startDateFrom &&
           startDateTo == other.startDateTo;
}

DagRunListModel::DagRunListModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_autoRefresh(new QTimer(this))
{
    connect(m_autoRefresh, &QTimer::timeout, this, &DagRunListModel::refresh);
}

DagRunListModel::~DagRunListModel()
{
    ++m_generation;
    cancelCalls();
}

int DagRunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DagRunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DagRunListModel::displayText(const Api::DagRun &run, int column) const
{
    switch (column) {
    case DagId:
        return run.dagId;
    case RunId:
        return run.dagRunId;
    case State:
        return run.state;
    case RunType:
        return run.runType;
    case LogicalDate:
        return formatDateTime(run.logicalDate);
    case StartDate:
        return formatDateTime(run.startDate);
    case EndDate:
        return formatDateTime(run.endDate);
    case Duration:
        return formatDuration(durationSeconds(run));
    case Note:
        return run.note.simplified(); // one line in a cell; the tooltip has it whole
    }
    return {};
}

QVariant DagRunListModel::sortValue(const Api::DagRun &run, int column) const
{
    switch (column) {
    case LogicalDate:
        return run.logicalDate;
    case StartDate:
        return run.startDate;
    case EndDate:
        return run.endDate;
    case Duration:
        return durationSeconds(run);
    case Note:
        return run.note;
    default:
        return displayText(run, column);
    }
}

QVariant DagRunListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Api::DagRun &run = m_rows.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        return displayText(run, column);
    case Qt::ToolTipRole:
        switch (column) {
        case Duration:
            if (!run.startDate.isValid())
                return tr("Not started yet");
            if (!run.endDate.isValid())
                return tr("Started %1, still going").arg(formatDateTime(run.startDate));
            return tr("Started %1, ended %2").arg(formatDateTime(run.startDate), formatDateTime(run.endDate));
        case Note:
            return run.note;
        case RunId:
            return run.externalTrigger ? tr("%1\nTriggered from outside the scheduler").arg(run.dagRunId)
                                       : run.dagRunId;
        default:
            return displayText(run, column);
        }
    case Qt::TextAlignmentRole:
        if (column == Duration)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortValue(run, column);
    case DagRunRole:
        return QVariant::fromValue(run);
    case StateRole:
        return run.state;
    case DagIdRole:
        return run.dagId;
    case RunIdRole:
        return run.dagRunId;
    default:
        return {};
    }
}

QVariant DagRunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case DagId:
            return tr("DAG");
        case RunId:
            return tr("Run id");
        case State:
            return tr("State");
        case RunType:
            return tr("Run type");
        case LogicalDate:
            return tr("Logical date");
        case StartDate:
            return tr("Start");
        case EndDate:
            return tr("End");
        case Duration:
            return tr("Duration");
        case Note:
            return tr("Note");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (section == LogicalDate)
            return tr("The logical date (execution date) of the run, in local time");
        if (!isServerSortable(section))
            return tr("Sorting by this column orders the runs loaded so far");
    }
    return {};
}

Qt::ItemFlags DagRunListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> DagRunListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(DagRunRole, QByteArrayLiteral("dagRun"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(DagIdRole, QByteArrayLiteral("dagId"));
    names.insert(RunIdRole, QByteArrayLiteral("runId"));
    return names;
}

const Api::DagRun &DagRunListModel::dagRun(int row) const
{
    return m_rows.at(row);
}

QString DagRunListModel::keyOf(const Api::DagRun &run)
{
    // A run id is unique within its DAG only; no id holds a NUL character.
    return run.dagId + QChar(0) + run.dagRunId;
}

int DagRunListModel::rowOfRun(const QString &dagId, const QString &runId) const
{
    return m_rowByKey.value(dagId + QChar(0) + runId, -1);
}

// ---- Sorting

bool DagRunListModel::isServerSortable(int column)
{
    // Airflow 2's dag-run order_by accepts id, state, dag_id, execution_date, dag_run_id, start_date,
    // end_date, updated_at, external_trigger and conf; run_type, note and durations are refused (400).
    switch (column) {
    case DagId:
    case RunId:
    case State:
    case LogicalDate:
    case StartDate:
    case EndDate:
        return true;
    default:
        return false;
    }
}

QString DagRunListModel::orderBy() const
{
    QString field;
    switch (m_sortColumn) {
    case DagId:
        field = QStringLiteral("dag_id");
        break;
    case RunId:
        field = QStringLiteral("dag_run_id");
        break;
    case State:
        field = QStringLiteral("state");
        break;
    case StartDate:
        field = QStringLiteral("start_date");
        break;
    case EndDate:
        field = QStringLiteral("end_date");
        break;
    default:
        field = QStringLiteral("execution_date");
        break;
    }
    return m_sortOrder == Qt::DescendingOrder ? QLatin1Char('-') + field : field;
}

void DagRunListModel::sort(int column, Qt::SortOrder order)
{
    if (!isServerSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

// ---- Paging

Api::ApiCall *DagRunListModel::requestRuns(int offset, Done done)
{
    // GET /dags/{id}/dagRuns takes one DAG id (or ~ for all); several go through the batch list, which takes
    // dag_ids[]. Both take the states and the date ranges.
    if (m_filter.dagIds.size() <= 1) {
        Api::DagRunQuery query;
        query.dagId = m_filter.dagIds.isEmpty() ? QStringLiteral("~") : m_filter.dagIds.constFirst();
        query.limit = PageSize;
        query.offset = offset;
        query.orderBy = orderBy();
        query.states = m_filter.states;
        query.logicalDateFrom = m_filter.logicalDateFrom;
        query.logicalDateTo = m_filter.logicalDateTo;
        query.startDateFrom = m_filter.startDateFrom;
        query.startDateTo = m_filter.startDateTo;
        return m_client->dagRuns(query, this, std::move(done));
    }
    Api::DagRunBatchQuery query;
    query.dagIds = m_filter.dagIds;
    query.states = m_filter.states;
    query.orderBy = orderBy();
    query.limit = PageSize;
    query.offset = offset;
    query.logicalDateFrom = m_filter.logicalDateFrom;
    query.logicalDateTo = m_filter.logicalDateTo;
    query.startDateFrom = m_filter.startDateFrom;
    query.startDateTo = m_filter.startDateTo;
    return m_client->listDagRunsBatch(query, this, std::move(done));
}

bool DagRunListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_pageCall || m_refreshCall || m_pagingFailed)
        return false;
    return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
}

void DagRunListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void DagRunListModel::requestPage()
{
    if (m_pageCall)
        return; // one page at a time
    const quint64 generation = m_generation;
    qCDebug(lcDagRunListModel) << "asking for runs from offset" << m_pagedOffset << "order" << orderBy();
    m_pageCall =
        requestRuns(m_pagedOffset, [this, generation](const Api::Result<Api::Page<Api::DagRun>> &result) {
            if (generation != m_generation)
                return;
            m_pageCall = nullptr;
            // Before the rows go in: a view that sees them may ask for the next page at once.
            Q_EMIT loadingChanged(false);
            if (!result.ok()) {
                m_pagingFailed = true;
                reportError(tr("Could not load the DAG runs"), result.error());
                return;
            }
            const Api::Page<Api::DagRun> &page = result.value();
            m_pagedOffset += int(page.items.size());
            // A server whose total promises more than its pages deliver must not make us ask forever.
            setTotalEntries(page.items.isEmpty() ? m_pagedOffset : qMax(page.totalEntries, m_pagedOffset));
            appendRuns(page.items);
        });
    Q_EMIT loadingChanged(true);
}

void DagRunListModel::appendRuns(const QList<Api::DagRun> &runs)
{
    // New runs on the server shift the offsets between two pages: a run seen already is refreshed in place.
    QList<Api::DagRun> fresh;
    QSet<QString> freshKeys;
    for (const Api::DagRun &run : runs) {
        const QString key = keyOf(run);
        const int row = m_rowByKey.value(key, -1);
        if (row >= 0)
            updateRow(row, run);
        else if (!freshKeys.contains(key)) {
            freshKeys.insert(key);
            fresh.append(run);
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Api::DagRun &run : std::as_const(fresh)) {
        m_rowByKey.insert(keyOf(run), int(m_rows.size()));
        m_rows.append(run);
    }
    endInsertRows();
}

void DagRunListModel::updateRow(int row, const Api::DagRun &run)
{
    if (sameRun(m_rows.at(row), run))
        return;
    m_rows[row] = run;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DagRunListModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

// ---- Refresh in place

void DagRunListModel::refresh()
{
    if (!m_client || m_refreshCall)
        return;
    if (m_rows.isEmpty()) {
        // Nothing to keep: asking for the first page again is the refresh (and retries a failed one).
        if (m_pageCall)
            return;
        m_pagingFailed = false;
        m_pagedOffset = 0;
        requestPage();
        return;
    }
    if (m_pageCall) {
        // The refresh reads at least as far as the rows loaded, and the dropped page comes again after it.
        ++m_generation;
        const QPointer<Api::ApiCall> pageCall = m_pageCall;
        m_pageCall = nullptr;
        pageCall->cancel();
        Q_EMIT loadingChanged(false);
    }
    m_pagingFailed = false;
    m_refreshRuns.clear();
    m_refreshEnds.clear();
    m_refreshKeys.clear();
    m_refreshOffset = 0;
    m_refreshTotal = -1;
    m_refreshMatched = 0;
    m_refreshWasComplete = isComplete();
    m_refreshReachedEnd = false;
    requestRefreshPage();
    Q_EMIT refreshingChanged(true);
}

void DagRunListModel::requestRefreshPage()
{
    const quint64 generation = m_generation;
    m_refreshCall =
        requestRuns(m_refreshOffset, [this, generation](const Api::Result<Api::Page<Api::DagRun>> &result) {
            if (generation != m_generation)
                return;
            m_refreshCall = nullptr;
            if (!result.ok()) {
                m_refreshRuns.clear();
                m_refreshEnds.clear();
                m_refreshKeys.clear();
                Q_EMIT refreshingChanged(false);
                reportError(tr("Could not refresh the DAG runs"), result.error());
                return;
            }
            const Api::Page<Api::DagRun> &page = result.value();
            m_refreshTotal = page.totalEntries;
            int matchedInPage = 0;
            for (int i = 0; i < page.items.size(); ++i) {
                const Api::DagRun &run = page.items.at(i);
                const QString key = keyOf(run);
                if (m_refreshKeys.contains(key))
                    continue; // the list shifted between two pages
                m_refreshKeys.insert(key);
                m_refreshRuns.append(run);
                m_refreshEnds.append(m_refreshOffset + i + 1);
                if (m_rowByKey.contains(key))
                    ++matchedInPage;
            }
            m_refreshMatched += matchedInPage;
            m_refreshOffset += int(page.items.size());
            m_refreshReachedEnd = page.items.isEmpty() || m_refreshOffset >= page.totalEntries;
            // Past the loaded stretch once every loaded run is found again, or once a page beyond the
            // stretch's length holds none of them (the ones not found are gone from the server).
            const bool pastStretch =
                m_refreshOffset >= m_rows.size() && (m_refreshMatched >= m_rows.size() || matchedInPage == 0);
            if (m_refreshReachedEnd || pastStretch)
                finishRefresh();
            else
                requestRefreshPage();
        });
}

void DagRunListModel::finishRefresh()
{
    // The stretch ends with the last loaded run found again: runs after it come with the next fetchMore(),
    // except when everything was loaded and the refresh read to the end (new runs at the end belong too).
    int keep = 0;
    if (m_refreshWasComplete && m_refreshReachedEnd) {
        keep = int(m_refreshRuns.size());
    } else {
        for (int i = int(m_refreshRuns.size()) - 1; i >= 0 && keep == 0; --i) {
            if (m_rowByKey.contains(keyOf(m_refreshRuns.at(i))))
                keep = i + 1;
        }
        if (keep == 0) // none of the loaded runs is left where they were: as many of the newest instead
            keep = qMin(int(m_refreshRuns.size()), int(m_rows.size()));
    }
    const QList<Api::DagRun> fresh = m_refreshRuns.mid(0, keep);
    // Paging goes on right after the kept runs on the server's list.
    const int consumed = keep > 0 ? m_refreshEnds.at(keep - 1) : 0;
    m_refreshRuns.clear();
    m_refreshEnds.clear();
    m_refreshKeys.clear();
    syncRows(fresh);
    m_pagedOffset = consumed;
    setTotalEntries(m_refreshTotal < 0 ? m_pagedOffset : qMax(m_refreshTotal, int(m_rows.size())));
    Q_EMIT refreshingChanged(false);
    Q_EMIT refreshed();
}

void DagRunListModel::syncRows(const QList<Api::DagRun> &fresh)
{
    QSet<QString> freshKeys;
    for (const Api::DagRun &run : fresh)
        freshKeys.insert(keyOf(run));

    // 1. Runs gone from the server (or from the loaded stretch), bottom up, a contiguous block at a time.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshKeys.contains(keyOf(m_rows.at(last)))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshKeys.contains(keyOf(m_rows.at(first - 1))))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    rebuildIndex();
    const QHash<QString, int> known = m_rowByKey; // keys of the rows that stay

    // 2. Walk the fresh order: update rows in place, insert new ones in blocks, move the ones the order
    // moved.
    for (int i = 0; i < fresh.size(); ++i) {
        const QString key = keyOf(fresh.at(i));
        if (i < m_rows.size() && keyOf(m_rows.at(i)) == key) {
            updateRow(i, fresh.at(i));
            continue;
        }
        if (!known.contains(key)) {
            int end = i + 1;
            while (end < fresh.size() && !known.contains(keyOf(fresh.at(end))))
                ++end;
            beginInsertRows({}, i, end - 1);
            for (int k = i; k < end; ++k)
                m_rows.insert(k, fresh.at(k));
            endInsertRows();
            i = end - 1;
            continue;
        }
        // Known, but further down: the order moved it (a state sort, say). Rows above i are final.
        int from = i + 1;
        while (from < m_rows.size() && keyOf(m_rows.at(from)) != key)
            ++from;
        Q_ASSERT(from < m_rows.size());
        if (from >= m_rows.size())
            continue;
        beginMoveRows({}, from, from, {}, i);
        m_rows.move(from, i);
        endMoveRows();
        updateRow(i, fresh.at(i));
    }
    Q_ASSERT(m_rows.size() == fresh.size());
    rebuildIndex();
}

void DagRunListModel::rebuildIndex()
{
    m_rowByKey.clear();
    m_rowByKey.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowByKey.insert(keyOf(m_rows.at(row)), row);
}

void DagRunListModel::setAutoRefreshInterval(int ms)
{
    if (ms <= 0) {
        m_autoRefresh->stop();
        return;
    }
    m_autoRefresh->start(ms);
}

int DagRunListModel::autoRefreshInterval() const
{
    return m_autoRefresh->isActive() ? m_autoRefresh->interval() : 0;
}

// ---- Reset and filter

void DagRunListModel::cancelCalls()
{
    // Cancelling may call a callback at once; the generation was bumped, so it drops the answer.
    for (QPointer<Api::ApiCall> *slot : {&m_pageCall, &m_refreshCall}) {
        if (*slot) {
            const QPointer<Api::ApiCall> call = *slot;
            *slot = nullptr;
            call->cancel();
        }
    }
}

void DagRunListModel::resetRows()
{
    const bool wasLoading = isLoading();
    const bool wasRefreshing = isRefreshing();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    if (wasLoading)
        Q_EMIT loadingChanged(false); // before the reset: a view may ask for the first page while it resets
    if (wasRefreshing)
        Q_EMIT refreshingChanged(false);
    beginResetModel();
    m_rows.clear();
    m_rowByKey.clear();
    m_refreshRuns.clear();
    m_refreshEnds.clear();
    m_refreshKeys.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void DagRunListModel::reload()
{
    resetRows();
    // A view may have asked for the first page already, when it saw the reset.
    if (canFetchMore({}))
        requestPage();
}

void DagRunListModel::setFilter(const Filter &filter)
{
    Filter cleaned = filter;
    for (QStringList *list : {&cleaned.dagIds, &cleaned.states}) {
        QStringList trimmed;
        for (const QString &value : std::as_const(*list)) {
            const QString t = value.trimmed();
            if (!t.isEmpty() && !trimmed.contains(t))
                trimmed.append(t);
        }
        *list = trimmed;
    }
    if (cleaned == m_filter)
        return;
    m_filter = cleaned;
    reload();
}

void DagRunListModel::reportError(const QString &what, const Api::ApiError &error)
{
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    qCInfo(lcDagRunListModel).noquote() << what << '-' << error.message() << error.context();
    const QString message = error.message().isEmpty() ? what : tr("%1: %2").arg(what, error.message());
    Q_EMIT errorOccurred(message);
}

} // namespace Windsock::Models
