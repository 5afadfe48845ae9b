#pragma once

#include "api/types.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <memory>

class QTimer;

namespace Windsock::Api {
class AirflowClient;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Watch {

// Watches one deployment for runs that failed: every interval it lists the newest failed runs of all DAGs
// (one page, newest end date first) and reports the ones it has not seen before (by DAG id and run id). The
// first poll is the baseline: failures that were there before watching began are not news. A poll is never
// started while the previous one is on the way; a failing poll is said once per streak of failures.
class FailedRunPoller final : public QObject
{
    Q_OBJECT

public:
    FailedRunPoller(std::shared_ptr<Api::AirflowClient> client, const QString &profileId,
                    QObject *parent = nullptr);
    ~FailedRunPoller() override;

    void setIntervalSeconds(int seconds);
    int intervalSeconds() const { return m_intervalSeconds; }
    // How many of the newest failed runs each poll asks for (a page; default 100).
    void setPageSize(int runs);
    QString profileId() const { return m_profileId; }

    void start(); // first poll at once: a baseline, nothing reported for failures already there
    void stop();
    void pollNow();

    bool isRunning() const;
    bool isPolling() const { return m_inFlight; }
    bool hasBaseline() const { return m_baselineTaken; }

Q_SIGNALS:
    void newFailedRuns(const QString &profileId, const QList<Windsock::Api::DagRun> &runs);
    void pollFailed(const QString &profileId, const QString &message);
    // A poll answered again after pollFailed.
    void recovered(const QString &profileId);

private:
    void answered(const QList<Api::DagRun> &runs);
    void failed(const Api::ApiError &error);
    static QString key(const Api::DagRun &run);

    std::shared_ptr<Api::AirflowClient> m_client;
    QString m_profileId;
    QTimer *m_timer = nullptr;
    int m_intervalSeconds = 300;
    int m_pageSize = 100;
    bool m_inFlight = false;
    bool m_baselineTaken = false;
    bool m_failing = false;
    quint64 m_generation = 0; // bumped by stop(): an answer of an earlier generation is dropped
    QSet<QString> m_seen;
};

} // namespace Windsock::Watch
