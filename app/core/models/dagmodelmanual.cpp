// DagModel's DAG rows one at a time: the DAG ids given by hand where the API has no DAG list (Airflow
// 1.10's experimental API), each read with client.dag(), kept as a row with the reason when the server does
// not know it; and pausing. (The structure and paging are in dagmodel.cpp, the presentation in
// dagmodeldata.cpp, refreshing in dagmodelrefresh.cpp.)

#include "dagmodel.h"

#include "api/airflowclient.h"

#include <QSet>

namespace Windsock::Models {

// ---- DAG ids given by hand

Api::AirflowClient *DagModel::client() const
{
    return m_client;
}

void DagModel::setDagIds(const QStringList &ids)
{
    if (m_listsDags)
        return;
    QStringList wanted;
    for (const QString &id : ids) {
        const QString trimmed = id.trimmed();
        if (!trimmed.isEmpty() && !wanted.contains(trimmed))
            wanted.append(trimmed);
    }
    m_dagIds = wanted;
    const QSet<QString> keep(wanted.begin(), wanted.end());
    for (int row = int(m_dags.size()) - 1; row >= 0; --row) {
        if (!keep.contains(m_dags[size_t(row)]->dag.dagId))
            removeDagRow(row);
    }
    QStringList fresh;
    for (const QString &id : std::as_const(wanted)) {
        if (!dagNode(id))
            fresh.append(id);
    }
    appendDagIds(fresh);
    setTotalEntries(int(m_dags.size()));
}

void DagModel::appendDagIds(const QStringList &ids)
{
    if (!ids.isEmpty()) {
        const int first = int(m_dags.size());
        beginInsertRows({}, first, first + int(ids.size()) - 1);
        for (const QString &id : ids) {
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Dag;
            node->row = int(m_dags.size());
            node->dag.dagId = id;
            node->dag.displayName = id;
            node->dag.fileToken = id;
            node->dagRead = false; // no expander, no pausing and no newest run until the server knows it
            m_rowByDagId.insert(id, node->row);
            m_dags.push_back(std::move(node));
        }
        endInsertRows();
    }
    setTotalEntries(int(m_dags.size()));
    for (const QString &id : ids)
        readDag(id, false);
}

void DagModel::removeDagRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rowByDagId.remove(m_dags[size_t(row)]->dag.dagId);
    m_dags.erase(m_dags.begin() + row);
    for (size_t i = size_t(row); i < m_dags.size(); ++i) {
        m_dags[i]->row = int(i);
        m_rowByDagId.insert(m_dags[i]->dag.dagId, int(i));
    }
    endRemoveRows();
}

void DagModel::readDag(const QString &dagId, bool refreshing)
{
    if (!m_client)
        return;
    const quint64 generation = m_generation;
    const quint64 refreshGeneration = m_refreshGeneration;
    if (refreshing)
        beginRefreshCall();
    track(m_client->dag(
        dagId, this,
        [this, generation, refreshGeneration, dagId, refreshing](const Api::Result<Api::Dag> &result) {
            if (generation != m_generation)
                return;
            if (!refreshing || refreshGeneration == m_refreshGeneration)
                handleDagRead(dagId, result, refreshing);
            if (refreshing)
                endRefreshCall();
        }));
}

void DagModel::handleDagRead(const QString &dagId, const Api::Result<Api::Dag> &result, bool refreshing)
{
    Node *node = dagNode(dagId);
    if (!node)
        return; // removed from the list meanwhile
    const QModelIndex dagIndex = indexOfNode(node);
    if (result.ok()) {
        node->dagRead = true;
        node->dagNotFound = false;
        node->dagError.clear();
        if (!node->pauseInFlight) {
            node->dag = result.value();
            node->confirmedPaused = result.value().isPaused;
        }
        // The view asks for the newest run's state (and sees the expander) once it repaints the row.
        emitRowChanged(node);
        return;
    }
    const Api::ApiError &error = result.error();
    if (error.kind() == Api::ApiError::Kind::Cancelled)
        return;
    node->dagNotFound = error.kind() == Api::ApiError::Kind::NotFound;
    node->dagError =
        node->dagNotFound
            ? tr("The server has no DAG \"%1\": check the id, or remove it from the list.").arg(dagId)
            : tr("Could not read the DAG %1: %2").arg(dagId, error.message());
    if (node->dagNotFound && node->dagRead) {
        // Deleted on the server since it was read: its runs go with it.
        node->dagRead = false;
        if (!node->children.empty()) {
            beginRemoveRows(dagIndex, 0, int(node->children.size()) - 1);
            node->children.clear();
            endRemoveRows();
        }
        node->childTotal = -1;
        node->newestRunState.clear();
        node->newestRunKnown = false;
    }
    emitRowChanged(node);
    // An unknown id is said on its row; a server that fails is worth one sentence.
    if (!node->dagNotFound && !refreshing)
        reportChildError(tr("Could not read the DAG %1").arg(dagId), error);
}

// ---- Pause and unpause

bool DagModel::setPaused(const QString &dagId, bool paused)
{
    return setPaused(rowOfDag(dagId), paused);
}

bool DagModel::setPaused(int row, bool paused)
{
    if (m_readOnly || row < 0 || row >= int(m_dags.size()) || !m_client)
        return false;
    Node &target = *m_dags[size_t(row)];
    if (!target.dagRead)
        return false; // a DAG the server did not confirm (added by hand): nothing to pause
    if (target.dag.isPaused == paused)
        return true;

    target.dag.isPaused = paused;
    target.pauseInFlight = true;
    const int serial = ++target.pauseSerial;
    const QString dagId = target.dag.dagId;
    emitRowChanged(&target);

    const quint64 generation = m_generation;
    track(m_client->setDagPaused(
        dagId, paused, this, [this, generation, serial, dagId, paused](const Api::Result<Api::Dag> &result) {
            if (generation != m_generation)
                return; // reloaded meanwhile: the fresh rows come from the server anyway
            Node *answered = dagNode(dagId);
            if (!answered)
                return;
            if (result.ok())
                answered->confirmedPaused = result.value().isPaused;
            if (serial != answered->pauseSerial)
                return; // a newer click for this DAG is still on its way
            answered->pauseInFlight = false;
            if (result.ok()) {
                answered->dag = result.value();
            } else {
                answered->dag.isPaused = answered->confirmedPaused;
                reportError(paused ? tr("Could not pause %1").arg(dagId)
                                   : tr("Could not unpause %1").arg(dagId),
                            result.error());
            }
            emitRowChanged(answered);
        }));
    return true;
}

} // namespace Windsock::Models
