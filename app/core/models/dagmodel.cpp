// The DAG tree model: its structure (nodes, indexes), paging at every level, search and reset. The
// presentation is in dagmodeldata.cpp; refreshing and the newest-run states in dagmodelrefresh.cpp; DAG ids
// given by hand and pausing in dagmodelmanual.cpp.

#include "dagmodel.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDagModel, "windsock.models.dags", QtInfoMsg)

namespace Windsock::Models {

namespace {

bool dagDiffers(const Api::Dag &a, const Api::Dag &b)
{
    return a.isPaused != b.isPaused || a.schedule != b.schedule || a.owners != b.owners || a.tags != b.tags ||
           a.nextDagrun != b.nextDagrun || a.description != b.description ||
           a.timetableDescription != b.timetableDescription || a.hasImportErrors != b.hasImportErrors ||
           a.displayName != b.displayName;
}

} // namespace

DagModel::DagModel(Api::AirflowClient *client, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_lastRunTimer(new QTimer(this))
    , m_autoRefresh(new QTimer(this))
{
    if (client) {
        m_listsDags = client->dialect().supports(Api::Feature::ListDags);
        m_listsTaskInstances = client->dialect().supports(Api::Feature::ListTaskInstances);
    }
    m_lastRunTimer->setSingleShot(true);
    m_lastRunTimer->setInterval(0);
    connect(m_lastRunTimer, &QTimer::timeout, this, &DagModel::sendNewestRunRequests);
    connect(m_autoRefresh, &QTimer::timeout, this, &DagModel::refresh);
}

DagModel::~DagModel()
{
    ++m_generation;
    cancelCalls();
}

// ---- Structure

// An index's internal pointer is its own node; a node knows its parent and its row among its siblings.
DagModel::Node *DagModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex DagModel::indexOfNode(const Node *node, int column) const
{
    return node ? createIndex(node->row, column, const_cast<Node *>(node)) : QModelIndex();
}

const std::vector<std::unique_ptr<DagModel::Node>> &DagModel::siblings(const Node *parent) const
{
    return parent ? parent->children : m_dags;
}

DagModel::NodeKind DagModel::nodeKind(const QModelIndex &index)
{
    return index.data(NodeKindRole).value<NodeKind>();
}

QModelIndex DagModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node *parentNode = nodeOf(parent);
    const auto &rows = siblings(parentNode);
    if (row >= int(rows.size()))
        return {};
    return createIndex(row, column, rows[size_t(row)].get());
}

QModelIndex DagModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    return node ? indexOfNode(node->parent) : QModelIndex();
}

int DagModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(siblings(nodeOf(parent)).size());
}

int DagModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() && parent.column() != 0 ? 0 : ColumnCount;
}

bool DagModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_dags.empty();
    if (parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (node->kind == NodeKind::TaskInstance || !node->dagRead)
        return false;
    if (node->kind == NodeKind::Run && !m_listsTaskInstances)
        return false;
    // Before loading: an expander, so the view can ask for the children.
    return node->childTotal < 0 || !node->children.empty();
}

DagModel::Node *DagModel::dagNode(const QString &dagId) const
{
    const int row = rowOfDag(dagId);
    return row < 0 ? nullptr : m_dags[size_t(row)].get();
}

DagModel::Node *DagModel::runNode(const QString &dagId, const QString &dagRunId) const
{
    const Node *dag = dagNode(dagId);
    if (!dag)
        return nullptr;
    for (const auto &child : dag->children) {
        if (child->run.dagRunId == dagRunId)
            return child.get();
    }
    return nullptr;
}

Qt::ItemFlags DagModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Node *node = nodeOf(index);
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node->kind == NodeKind::TaskInstance || index.column() != 0 ||
        (node->kind == NodeKind::Run && !m_listsTaskInstances))
        result |= Qt::ItemNeverHasChildren;
    if (node->kind == NodeKind::Dag && index.column() == Paused && !m_readOnly && node->dagRead)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

void DagModel::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    if (!m_dags.empty())
        Q_EMIT dataChanged(index(0, Paused), index(int(m_dags.size()) - 1, Paused), {});
}

bool DagModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != Paused)
        return false;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Node *node = nodeOf(index);
    if (node->kind != NodeKind::Dag)
        return false;
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
    names.insert(NodeKindRole, QByteArrayLiteral("nodeKind"));
    names.insert(DagRunRole, QByteArrayLiteral("dagRun"));
    names.insert(TaskInstanceRole, QByteArrayLiteral("taskInstance"));
    names.insert(DagRunIdRole, QByteArrayLiteral("dagRunId"));
    names.insert(TaskIdRole, QByteArrayLiteral("taskId"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(ErrorRole, QByteArrayLiteral("error"));
    return names;
}

const Api::Dag &DagModel::dag(int row) const
{
    return m_dags.at(size_t(row))->dag;
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

QModelIndex DagModel::indexOfRun(const QString &dagId, const QString &dagRunId, int column) const
{
    return indexOfNode(runNode(dagId, dagRunId), column);
}

QModelIndex DagModel::indexOfTaskInstance(const QString &dagId, const QString &dagRunId,
                                          const QString &taskId, int mapIndex, int column) const
{
    const Node *run = runNode(dagId, dagRunId);
    if (!run)
        return {};
    for (const auto &child : run->children) {
        if (child->instance.taskId == taskId && child->instance.mapIndex == mapIndex)
            return indexOfNode(child.get(), column);
    }
    return {};
}

QStringList DagModel::knownTags() const
{
    QSet<QString> tags;
    for (const auto &dag : m_dags) {
        for (const QString &tag : dag->dag.tags)
            tags.insert(tag);
    }
    QStringList sorted(tags.begin(), tags.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return sorted;
}

QStringList DagModel::knownOwners() const
{
    QSet<QString> owners;
    for (const auto &dag : m_dags) {
        for (const QString &owner : dag->dag.owners)
            owners.insert(owner);
    }
    QStringList sorted(owners.begin(), owners.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return sorted;
}

// ---- Paging

bool DagModel::canFetchMore(const QModelIndex &parent) const
{
    if (!m_client)
        return false;
    if (!parent.isValid()) {
        if (!m_listsDags || m_pageCall || m_pagingFailed)
            return false;
        return m_totalEntries < 0 || m_pagedOffset < m_totalEntries;
    }
    if (parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (node->kind == NodeKind::TaskInstance || node->childLoading || node->childFailed || !node->dagRead)
        return false;
    if (node->kind == NodeKind::Run && !m_listsTaskInstances)
        return false;
    return node->childTotal < 0 || int(node->children.size()) < node->childTotal;
}

bool DagModel::isLoading(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return isLoading();
    return parent.model() == this && nodeOf(parent)->childLoading;
}

void DagModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (!parent.isValid()) {
        requestPage();
        return;
    }
    Node *node = nodeOf(parent);
    if (node->kind == NodeKind::Dag)
        requestRunPage(node);
    else
        requestTaskInstances(node);
}

void DagModel::track(Api::ApiCall *call)
{
    m_calls.removeIf(
        [](const QPointer<Api::ApiCall> &known) { return known.isNull() || known->isFinished(); });
    if (call)
        m_calls.append(call);
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
    QSet<QString> freshIds;
    for (const Api::Dag &dag : dags) {
        Node *known = dagNode(dag.dagId);
        if (known) {
            // Known already (found by a search, a refresh, or the list shifted on the server): in place.
            if (!known->pauseInFlight && dagDiffers(known->dag, dag)) {
                known->dag = dag;
                known->confirmedPaused = dag.isPaused;
                emitRowChanged(known);
            } else if (!known->pauseInFlight) {
                known->dag = dag;
            }
        } else if (!freshIds.contains(dag.dagId)) {
            fresh.append(dag);
            freshIds.insert(dag.dagId);
        }
    }
    if (fresh.isEmpty())
        return;

    const int first = int(m_dags.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Api::Dag &dag : std::as_const(fresh)) {
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Dag;
        node->row = int(m_dags.size());
        node->dag = dag;
        node->confirmedPaused = dag.isPaused;
        m_rowByDagId.insert(dag.dagId, node->row);
        m_dags.push_back(std::move(node));
    }
    endInsertRows();
}

void DagModel::collectRuns(const QString &dagId, int offset, int count,
                           std::function<void(bool ok, const Runs &runs, int total)> done)
{
    struct Collected
    {
        Runs runs;
        int offset = 0;
        int end = 0;
    };
    auto collected = std::make_shared<Collected>();
    collected->offset = offset;
    collected->end = offset + count;
    // The next request is a function that holds itself only weakly; each request's callback holds it.
    auto next = std::make_shared<std::function<void()>>();
    const quint64 generation = m_generation;
    *next = [this, dagId, collected, self = std::weak_ptr<std::function<void()>>(next), done, generation] {
        const std::shared_ptr<std::function<void()>> again = self.lock();
        Api::DagRunQuery query;
        query.dagId = dagId;
        query.offset = collected->offset;
        query.limit = qMin(collected->end - collected->offset, m_client->maxPageSize());
        query.orderBy = QStringLiteral("-execution_date");
        track(m_client->dagRuns(
            query, this,
            [this, collected, again, done, generation](const Api::Result<Api::Page<Api::DagRun>> &result) {
                if (generation != m_generation)
                    return;
                if (!result.ok()) {
                    reportChildError(tr("Could not load the runs"), result.error());
                    done(false, {}, 0);
                    return;
                }
                const Api::Page<Api::DagRun> &page = result.value();
                collected->runs += page.items;
                collected->offset += int(page.items.size());
                if (!page.items.isEmpty() && collected->offset < collected->end &&
                    collected->offset < page.totalEntries) {
                    (*again)();
                    return;
                }
                done(true, collected->runs, qMax(page.totalEntries, collected->offset));
            }));
    };
    (*next)();
}

void DagModel::collectTaskInstances(
    const QString &dagId, const QString &dagRunId,
    std::function<void(bool ok, const TaskInstances &instances, int total)> done)
{
    struct Collected
    {
        TaskInstances instances;
        int offset = 0;
    };
    auto collected = std::make_shared<Collected>();
    auto next = std::make_shared<std::function<void()>>();
    const quint64 generation = m_generation;
    *next = [this, dagId, dagRunId, collected, self = std::weak_ptr<std::function<void()>>(next), done,
             generation] {
        const std::shared_ptr<std::function<void()>> again = self.lock();
        Api::TaskInstanceQuery query;
        query.dagId = dagId;
        query.dagRunId = dagRunId;
        query.offset = collected->offset;
        query.limit = m_client->maxPageSize();
        track(m_client->taskInstances(
            query, this,
            [this, collected, again, done,
             generation](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
                if (generation != m_generation)
                    return;
                if (!result.ok()) {
                    reportChildError(tr("Could not load the task instances"), result.error());
                    done(false, {}, 0);
                    return;
                }
                const Api::Page<Api::TaskInstance> &page = result.value();
                collected->instances += page.items;
                collected->offset += int(page.items.size());
                if (!page.items.isEmpty() && collected->offset < page.totalEntries) {
                    (*again)();
                    return;
                }
                done(true, collected->instances, int(collected->instances.size()));
            }));
    };
    (*next)();
}

void DagModel::requestRunPage(Node *dag)
{
    dag->childLoading = true;
    const QString dagId = dag->dag.dagId;
    collectRuns(dagId, int(dag->children.size()), RunPageSize,
                [this, dagId](bool ok, const Runs &runs, int total) {
                    Node *target = dagNode(dagId);
                    if (!target)
                        return;
                    target->childLoading = false;
                    if (!ok) {
                        target->childFailed = true;
                        return;
                    }
                    appendRuns(target, runs, total);
                });
}

void DagModel::appendRuns(Node *dag, const Runs &runs, int total)
{
    const bool firstPage = dag->childTotal < 0;
    QSet<QString> known;
    for (const auto &child : dag->children)
        known.insert(child->run.dagRunId);
    Runs fresh;
    for (const Api::DagRun &run : runs) {
        if (!known.contains(run.dagRunId)) {
            fresh.append(run);
            known.insert(run.dagRunId);
        }
    }
    // Counted before the rows go in, so a view that asks canFetchMore() on the insertion sees the truth.
    dag->childTotal = qMax(total, int(dag->children.size() + size_t(fresh.size())));
    if (runs.isEmpty())
        dag->childTotal = int(dag->children.size());
    if (!fresh.isEmpty()) {
        const int first = int(dag->children.size());
        beginInsertRows(indexOfNode(dag), first, first + int(fresh.size()) - 1);
        for (const Api::DagRun &run : std::as_const(fresh)) {
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Run;
            node->parent = dag;
            node->row = int(dag->children.size());
            node->run = run;
            dag->children.push_back(std::move(node));
        }
        endInsertRows();
    } else if (dag->children.empty()) {
        // Loaded, and nothing there: the expander goes.
        const QModelIndex dagIndex = indexOfNode(dag);
        Q_EMIT dataChanged(dagIndex, dagIndex, {});
    }
    // The first page is the newest runs: it tells the newest run's state without another request.
    if (firstPage && !dag->children.empty() && !runs.isEmpty())
        setNewestRunState(dag, dag->children.front()->run.state);
    else if (firstPage && runs.isEmpty())
        setNewestRunState(dag, QString());
}

void DagModel::requestTaskInstances(Node *run)
{
    run->childLoading = true;
    const QString dagId = run->run.dagId;
    const QString dagRunId = run->run.dagRunId;
    collectTaskInstances(dagId, dagRunId,
                         [this, dagId, dagRunId](bool ok, const TaskInstances &instances, int total) {
                             Node *target = runNode(dagId, dagRunId);
                             if (!target)
                                 return;
                             target->childLoading = false;
                             if (!ok) {
                                 target->childFailed = true;
                                 return;
                             }
                             std::vector<std::unique_ptr<Node>> fresh;
                             for (const Api::TaskInstance &instance : instances) {
                                 auto node = std::make_unique<Node>();
                                 node->kind = NodeKind::TaskInstance;
                                 node->instance = instance;
                                 fresh.push_back(std::move(node));
                             }
                             target->childTotal = total;
                             mergeChildren(target, std::move(fresh), true);
                             if (target->children.empty()) {
                                 const QModelIndex runIndex = indexOfNode(target);
                                 Q_EMIT dataChanged(runIndex, runIndex, {});
                             }
                         });
}

// ---- Totals, reset, pattern, search

void DagModel::setTotalEntries(int totalEntries)
{
    if (m_totalEntries == totalEntries)
        return;
    m_totalEntries = totalEntries;
    Q_EMIT totalEntriesChanged(totalEntries);
}

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
    const bool wasRefreshing = isRefreshing();
    const bool totalKnown = m_totalEntries >= 0;
    ++m_generation;
    cancelCalls();
    m_lastRunQueue.clear();
    m_lastRunInFlight = 0;
    m_refreshPending = 0;
    m_refreshAgain = false;
    if (wasLoading)
        Q_EMIT loadingChanged(false); // before the reset: a view may ask for the first page while it resets
    if (wasRefreshing)
        Q_EMIT refreshingChanged(false);
    beginResetModel();
    m_dags.clear();
    m_rowByDagId.clear();
    m_pagedOffset = 0;
    m_totalEntries = -1;
    m_pagingFailed = false;
    m_lastRunErrorReported = false;
    m_childErrorReported = false;
    endResetModel();
    if (totalKnown)
        Q_EMIT totalEntriesChanged(-1);
}

void DagModel::reload()
{
    resetRows();
    if (!m_listsDags) {
        appendDagIds(m_dagIds); // read again, one by one
        return;
    }
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
    track(m_client->dags(query, this, [this, generation](const Api::Result<Api::Page<Api::Dag>> &result) {
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

void DagModel::emitRowChanged(const Node *node)
{
    Q_EMIT dataChanged(indexOfNode(node, 0), indexOfNode(node, ColumnCount - 1));
}

void DagModel::reportChildError(const QString &what, const Api::ApiError &error)
{
    // One sentence until the next refresh: a failing server would otherwise repeat it per DAG and run.
    if (m_childErrorReported || error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    m_childErrorReported = true;
    reportError(what, error);
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
