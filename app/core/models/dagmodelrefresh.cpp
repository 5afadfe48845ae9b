// DagModel's updates in place: merging fresh children into a DAG or run (inserts, removals, dataChanged;
// never a reset), the newest-run states asked for lazily, refresh(), refreshDag() and auto-refresh. (The
// structure, paging and pausing are in dagmodel.cpp; the presentation in dagmodeldata.cpp.)

#include "dagmodel.h"

#include "api/airflowclient.h"

#include <QSet>
#include <QTimer>

namespace Windsock::Models {

namespace {

QString taskInstanceKey(const Api::TaskInstance &instance)
{
    return instance.taskId + QLatin1Char('\x1f') + QString::number(instance.mapIndex);
}

bool runDiffers(const Api::DagRun &a, const Api::DagRun &b)
{
    return a.state != b.state || a.startDate != b.startDate || a.endDate != b.endDate ||
           a.logicalDate != b.logicalDate || a.runType != b.runType || a.note != b.note || a.conf != b.conf;
}

bool taskInstanceDiffers(const Api::TaskInstance &a, const Api::TaskInstance &b)
{
    return a.state != b.state || a.tryNumber != b.tryNumber || a.maxTries != b.maxTries ||
           a.startDate != b.startDate || a.endDate != b.endDate || a.duration != b.duration ||
           a.operatorName != b.operatorName || a.pool != b.pool || a.hostname != b.hostname ||
           a.note != b.note;
}

} // namespace

// ---- Merging children in place

void DagModel::insertChild(Node *parent, int row, std::unique_ptr<Node> child)
{
    child->parent = parent;
    beginInsertRows(indexOfNode(parent), row, row);
    parent->children.insert(parent->children.begin() + row, std::move(child));
    for (size_t i = size_t(row); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
    endInsertRows();
}

void DagModel::removeChild(Node *parent, int row)
{
    beginRemoveRows(indexOfNode(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    for (size_t i = size_t(row); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
    endRemoveRows();
}

void DagModel::mergeChildren(Node *parent, std::vector<std::unique_ptr<Node>> fresh, bool complete)
{
    const auto keyOf = [](const Node &node) {
        return node.kind == NodeKind::Run ? node.run.dagRunId : taskInstanceKey(node.instance);
    };
    QSet<QString> freshKeys;
    for (const auto &node : fresh)
        freshKeys.insert(keyOf(*node));
    // Runs beyond the refreshed window are only older runs pushed down by new ones; they stay unless they
    // are newer than the window's oldest run (then they would be in it: they were deleted).
    const QDateTime oldestInWindow =
        !complete && !fresh.empty() ? fresh.back()->run.logicalDate : QDateTime();

    // 1. Rows that vanished go.
    for (int row = int(parent->children.size()) - 1; row >= 0; --row) {
        const Node &child = *parent->children[size_t(row)];
        if (freshKeys.contains(keyOf(child)))
            continue;
        const bool vanished = complete || fresh.empty() ||
                              (child.kind == NodeKind::Run && child.run.logicalDate >= oldestInWindow);
        if (vanished)
            removeChild(parent, row);
    }

    // 2. Walk the fresh list: known rows change in place, new ones are inserted where they belong.
    for (size_t i = 0; i < fresh.size(); ++i) {
        const QString key = keyOf(*fresh[i]);
        int at = -1;
        for (size_t j = i; j < parent->children.size(); ++j) {
            if (keyOf(*parent->children[j]) == key) {
                at = int(j);
                break;
            }
        }
        if (at > int(i)) {
            // Out of order (a run whose logical date changed): rare enough to move it by removal and insert.
            removeChild(parent, at);
            at = -1;
        }
        if (at < 0) {
            insertChild(parent, int(i), std::move(fresh[i]));
            continue;
        }
        Node &known = *parent->children[i];
        bool changed = false;
        if (known.kind == NodeKind::Run) {
            changed = runDiffers(known.run, fresh[i]->run);
            known.run = fresh[i]->run;
        } else {
            changed = taskInstanceDiffers(known.instance, fresh[i]->instance);
            known.instance = fresh[i]->instance;
        }
        if (changed)
            emitRowChanged(&known);
    }
}

void DagModel::setNewestRunState(Node *dag, const QString &state)
{
    const bool changed = !dag->newestRunKnown || dag->newestRunState != state;
    dag->newestRunState = state;
    dag->newestRunKnown = true;
    dag->newestRunFresh = true;
    if (!changed)
        return;
    const QModelIndex cell = indexOfNode(dag, State);
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, Qt::ToolTipRole, SortRole, LastRunStateRole, StateRole});
}

// ---- Newest-run states, asked for lazily

void DagModel::requestNewestRun(Node *dag) const
{
    if (!m_client)
        return;
    dag->newestRunRequested = true;
    m_lastRunQueue.append(dag->dag.dagId);
    if (!m_lastRunTimer->isActive())
        m_lastRunTimer->start();
}

void DagModel::sendNewestRunRequests()
{
    const quint64 generation = m_generation;
    while (m_lastRunInFlight < MaxLastRunCallsInFlight && !m_lastRunQueue.isEmpty()) {
        // The most recently asked first: those are the rows on screen now.
        const QString dagId = m_lastRunQueue.takeLast();
        if (!dagNode(dagId))
            continue;
        Api::DagRunQuery query;
        query.dagId = dagId;
        query.limit = 1;
        query.orderBy = QStringLiteral("-execution_date");
        ++m_lastRunInFlight;
        ++m_lastRunRequests;
        track(m_client->dagRuns(
            query, this, [this, generation, dagId](const Api::Result<Api::Page<Api::DagRun>> &result) {
                if (generation != m_generation)
                    return;
                --m_lastRunInFlight;
                // The next ones go out before this answer lands, to keep the pipe full.
                if (!m_lastRunQueue.isEmpty())
                    m_lastRunTimer->start();
                Node *target = dagNode(dagId);
                if (!target)
                    return;
                target->newestRunRequested = false;
                if (!result.ok()) {
                    target->newestRunFresh = true; // no retry loop: the next refresh asks again
                    // One sentence per load is enough: a failing server would otherwise repeat it per DAG.
                    if (!m_lastRunErrorReported) {
                        m_lastRunErrorReported = true;
                        reportError(tr("Could not load the last runs"), result.error());
                    }
                    return;
                }
                const QList<Api::DagRun> &runs = result.value().items;
                setNewestRunState(target, runs.isEmpty() ? QString() : runs.constFirst().state);
            }));
    }
}

// ---- Refresh

int DagModel::autoRefreshInterval() const
{
    return m_autoRefresh->isActive() ? m_autoRefresh->interval() : 0;
}

void DagModel::setAutoRefreshInterval(int ms)
{
    if (ms <= 0) {
        m_autoRefresh->stop();
        return;
    }
    m_autoRefresh->start(ms);
}

void DagModel::beginRefreshCall()
{
    if (m_refreshPending++ == 0)
        Q_EMIT refreshingChanged(true);
}

void DagModel::endRefreshCall()
{
    if (m_refreshPending <= 0 || --m_refreshPending > 0)
        return;
    Q_EMIT refreshingChanged(false);
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
}

void DagModel::refresh()
{
    if (!m_client)
        return;
    if (isRefreshing()) {
        m_refreshAgain = true; // once more when this one ends; never a pile
        return;
    }
    ++m_refreshGeneration;
    m_lastRunErrorReported = false;
    m_childErrorReported = false;
    beginRefreshCall(); // held while the requests go out, so an answer at once cannot end the refresh early

    // The DAG pages loaded so far, one after the other; or each DAG given by hand (an unknown id may have
    // appeared on the server since, a known one may be gone).
    if (m_pagedOffset > 0)
        refreshDagPages(0);
    if (!m_listsDags) {
        for (const auto &dag : m_dags)
            readDag(dag->dag.dagId, true);
    }

    // Newest-run states: asked for again when a view shows them (or below, from their runs' first page).
    if (!m_dags.empty()) {
        for (const auto &dag : m_dags) {
            if (!dag->newestRunRequested && dag->childTotal < 0)
                dag->newestRunFresh = false;
        }
        Q_EMIT dataChanged(index(0, State), index(int(m_dags.size()) - 1, State),
                           {Qt::DisplayRole, Qt::ToolTipRole, SortRole, LastRunStateRole, StateRole});
    }
    for (const auto &dag : m_dags) {
        dag->childFailed = false; // a view may ask again for what failed to load
        if (dag->childTotal >= 0)
            refreshRuns(dag.get());
    }
    endRefreshCall();
}

void DagModel::refreshDagPages(int offset)
{
    if (offset >= m_pagedOffset)
        return;
    Api::DagQuery query;
    query.limit = PageSize;
    query.offset = offset;
    query.dagIdPattern = m_dagIdPattern;
    const quint64 generation = m_generation;
    const quint64 refreshGeneration = m_refreshGeneration;
    beginRefreshCall();
    track(m_client->dags(
        query, this,
        [this, generation, refreshGeneration, offset](const Api::Result<Api::Page<Api::Dag>> &result) {
            if (generation != m_generation)
                return;
            if (refreshGeneration == m_refreshGeneration) {
                if (result.ok()) {
                    mergeDags(result.value().items);
                    if (!result.value().items.isEmpty())
                        refreshDagPages(offset + PageSize);
                } else {
                    reportError(tr("Could not refresh the DAGs"), result.error());
                }
            }
            endRefreshCall();
        }));
}

void DagModel::refreshRuns(Node *dag)
{
    if (dag->childLoading)
        return; // a page is on its way; it brings fresh rows anyway
    const QString dagId = dag->dag.dagId;
    const int window = qMax(int(dag->children.size()), RunPageSize);
    const quint64 refreshGeneration = m_refreshGeneration;
    dag->childFailed = false;
    beginRefreshCall();
    collectRuns(dagId, 0, window,
                [this, dagId, window, refreshGeneration](bool ok, const Runs &runs, int total) {
                    Node *target = dagNode(dagId);
                    if (target && ok && refreshGeneration == m_refreshGeneration) {
                        std::vector<std::unique_ptr<Node>> fresh;
                        for (const Api::DagRun &run : runs) {
                            auto node = std::make_unique<Node>();
                            node->kind = NodeKind::Run;
                            node->run = run;
                            fresh.push_back(std::move(node));
                        }
                        const bool complete = int(runs.size()) < window || total <= int(runs.size());
                        const bool hadChildren = !target->children.empty();
                        mergeChildren(target, std::move(fresh), complete);
                        target->childTotal = qMax(total, int(target->children.size()));
                        if (complete)
                            target->childTotal = int(target->children.size());
                        if (hadChildren != !target->children.empty()) {
                            const QModelIndex dagIndex = indexOfNode(target);
                            Q_EMIT dataChanged(dagIndex, dagIndex, {});
                        }
                        setNewestRunState(target, runs.isEmpty() ? QString() : runs.constFirst().state);
                        for (const auto &run : target->children) {
                            run->childFailed = false;
                            if (run->childTotal >= 0)
                                refreshTaskInstances(run.get());
                        }
                    }
                    endRefreshCall();
                });
}

void DagModel::refreshTaskInstances(Node *run)
{
    if (run->childLoading)
        return;
    const QString dagId = run->run.dagId;
    const QString dagRunId = run->run.dagRunId;
    const quint64 refreshGeneration = m_refreshGeneration;
    run->childFailed = false;
    beginRefreshCall();
    collectTaskInstances(
        dagId, dagRunId,
        [this, dagId, dagRunId, refreshGeneration](bool ok, const TaskInstances &instances, int total) {
            Node *target = runNode(dagId, dagRunId);
            if (target && ok && refreshGeneration == m_refreshGeneration) {
                std::vector<std::unique_ptr<Node>> fresh;
                for (const Api::TaskInstance &instance : instances) {
                    auto node = std::make_unique<Node>();
                    node->kind = NodeKind::TaskInstance;
                    node->instance = instance;
                    fresh.push_back(std::move(node));
                }
                const bool hadChildren = !target->children.empty();
                mergeChildren(target, std::move(fresh), true);
                target->childTotal = total;
                if (hadChildren != !target->children.empty()) {
                    const QModelIndex runIndex = indexOfNode(target);
                    Q_EMIT dataChanged(runIndex, runIndex, {});
                }
            }
            endRefreshCall();
        });
}

void DagModel::refreshDag(const QString &dagId)
{
    Node *dag = dagNode(dagId);
    if (!dag || !m_client)
        return;
    refreshDagNode(dag, true);
}

void DagModel::refreshDagNode(Node *dag, bool askNewestRun)
{
    const QString dagId = dag->dag.dagId;
    const quint64 generation = m_generation;
    if (!m_listsDags) {
        readDag(dagId, false);
    } else {
        track(m_client->dag(dagId, this, [this, generation, dagId](const Api::Result<Api::Dag> &result) {
            if (generation != m_generation || !result.ok())
                return;
            if (dagNode(dagId))
                mergeDags({result.value()});
        }));
    }
    if (dag->childTotal >= 0) {
        // Its runs' first page tells the newest run's state too.
        refreshRuns(dag);
    } else if (askNewestRun && dag->dagRead && !dag->newestRunRequested) {
        dag->newestRunFresh = false;
        requestNewestRun(dag);
    }
}

} // namespace Windsock::Models
