#pragma once

#include "api/types.h"
#include "fleet/fleetmember.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Windsock::Api {
class ApiCall;
}

namespace Windsock::Fleet {

// One deployment's side of a comparison.
struct DagComparisonRow
{
    FleetMember member;
    bool loaded = false;  // its answers are in (or failed)
    bool present = false; // the deployment has the DAG (a 404 means missing, not an error)
    QString error;        // plain words when the deployment could not be asked; empty otherwise
    bool paused = false;
    QString schedule;            // as the API gives it: the timetable description, else the schedule interval
    QJsonObject params;          // name -> {"value": default, "schema": {...}, "description": "..."}
    QList<Api::DagRun> lastRuns; // newest first, up to LastRunCount
    QString runsError;           // the DAG is there but its runs could not be read
};

// One param across the rows.
struct ParamDifference
{
    QString name;
    QStringList
        detailPerRow;     // per row: "string, default \"x\"", or "missing"; empty for a row without the DAG
    bool differs = false; // the rows that have the DAG disagree (missing in some counts)
};

// One DAG compared across several deployments at once: details and last runs from every member concurrently.
// rowReady(i) tells when row i is complete; finished() when all are.
class DagComparison final : public QObject
{
    Q_OBJECT

public:
    static constexpr int LastRunCount = 5;

    DagComparison(QList<FleetMember> members, QString dagId, QObject *parent = nullptr);
    ~DagComparison() override;

    QString dagId() const { return m_dagId; }
    void start();
    void cancel();
    bool isRunning() const { return m_pending > 0; }

    QList<DagComparisonRow> rows() const { return m_rows; }
    // Every param name any row has, in first-seen order.
    QList<ParamDifference> paramDifferences() const;
    // A param's short description: its type and default ("string, default \"eu\"").
    static QString describeParam(const QJsonObject &param);

Q_SIGNALS:
    void rowReady(int index);
    void finished();

private:
    void finishPart(int index);

    QString m_dagId;
    QList<DagComparisonRow> m_rows;
    QList<int> m_partsLeft; // per row: answers still awaited
    int m_pending = 0;      // rows not yet complete
    quint64 m_generation = 0;
    QList<QPointer<Api::ApiCall>> m_calls;
};

} // namespace Windsock::Fleet
