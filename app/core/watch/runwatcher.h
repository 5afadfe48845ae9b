#pragma once

#include "runoutcome.h"

#include "api/types.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QTimer;

namespace Windsock::Api {
class AirflowClient;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Watch {

// Follows DAG runs to their end, several at once, by polling each run (GET .../dagRuns/{id}) on its own
// timer. It reports each state once (stateChanged), the end once (finished, with the duration and the
// number of failed task instances where the API can list them), a run deleted meanwhile (deleted), and after
// repeated failures a plain-words problem, while it keeps trying with a growing interval (back to normal on
// the next answer). A run stops being watched when it ends, is deleted, or is unwatched. No widgets: the
// window shows what it says (see Ui::Notifier).
class RunWatcher final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int intervalMs = 5000;         // between polls while all is well
        int maxIntervalMs = 60000;     // the back-off's ceiling after errors
        int failuresBeforeProblem = 3; // consecutive failures before problem() is said
    };

    explicit RunWatcher(Api::AirflowClient *client, QObject *parent = nullptr);
    RunWatcher(Api::AirflowClient *client, Options options, QObject *parent = nullptr);
    ~RunWatcher() override;

    // Starts following a run (no effect when it is already followed); its first state is reported once the
    // first poll answers.
    void watch(const QString &dagId, const QString &dagRunId);
    // The same with the run as the trigger returned it: its state is the starting point, so a "queued" run
    // is not reported as a change again.
    void watch(const Api::DagRun &run);
    void unwatch(const QString &dagId, const QString &dagRunId);
    void unwatchAll();

    bool isWatching(const QString &dagId, const QString &dagRunId) const;
    int watchedCount() const { return int(m_runs.size()); }
    // The runs being followed, as last seen (state empty until the first answer).
    QList<Api::DagRun> watchedRuns() const;
    // The wait before the run's next poll: the interval, longer after errors; -1 when not watched.
    int currentIntervalMs(const QString &dagId, const QString &dagRunId) const;
    // Requests on the way (polls and failed-task counts).
    int pendingRequests() const { return m_pending; }

    // Polls every watched run now instead of at its timer (a "refresh"; tests with a manual clock).
    // A run whose poll is already on the way is asked again as soon as that answer arrives, since
    // the server may have written that answer before the call.
    void pollNow();

    static bool isFinishedState(const QString &state);

Q_SIGNALS:
    void stateChanged(const Windsock::Api::DagRun &run);
    void finished(const Windsock::Watch::RunOutcome &outcome);
    // The run no longer exists on the server; message is e.g. "etl_orders: manual__… was deleted."
    void deleted(const QString &dagId, const QString &dagRunId, const QString &message);
    // After failuresBeforeProblem polls in a row failed; watching goes on.
    void problem(const QString &dagId, const QString &dagRunId, const QString &message);
    // A poll answered again after problem().
    void recovered(const QString &dagId, const QString &dagRunId);

private:
    struct Watched
    {
        Api::DagRun run; // as last seen
        QTimer *timer = nullptr;
        int failures = 0;
        bool problemSaid = false;
        bool inFlight = false;
        bool pollAgain = false; // pollNow() while a poll was on the way: its answer may predate the call
        bool finishing = false; // ended: counting its failed task instances
        int intervalMs = 0;
    };

    static QString key(const QString &dagId, const QString &dagRunId);
    void poll(const QString &key, bool requested = false);
    void answered(const QString &key, const Api::DagRun &run);
    void pollFailed(const QString &key, const Api::ApiError &error);
    void countFailedTasks(const QString &key, int offset, int counted);
    void finish(const QString &key, int failedTaskInstances);
    void schedule(Watched &watched);
    void remove(const QString &key);

    QPointer<Api::AirflowClient> m_client;
    Options m_options;
    QHash<QString, Watched> m_runs;
    int m_pending = 0;
};

} // namespace Windsock::Watch

Q_DECLARE_METATYPE(Windsock::Watch::RunOutcome)
