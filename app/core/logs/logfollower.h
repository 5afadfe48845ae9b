#pragma once

#include "api/apierror.h"
#include "api/types.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Logs {

// One task instance of one run; a log is read for one of its tries.
struct TaskInstanceKey
{
    QString dagId;
    QString dagRunId;
    QString taskId;
    int mapIndex = -1;
};

// Reads one try's log and, while that try runs, follows it.
//
// A finished try is read whole, as plain text (a multi-megabyte log comes in one response). A try that runs
// is read in JSON mode with the continuation token: each poll first asks for the task instance's state, then
// for what was written since the last token, so every piece of text is handed out exactly once and in order.
// When the state says the try is over (a final state, up_for_retry, or a later try has begun), one last read
// picks up the closing lines and following stops with taskEnded().
class LogFollower final : public QObject
{
    Q_OBJECT

public:
    explicit LogFollower(Api::AirflowClient *client, QObject *parent = nullptr);
    ~LogFollower() override;

    // States in which a try's log will not grow any more.
    static bool isFinalState(const QString &state);
    // States in which the task has not started, so it has no log yet.
    static bool isNotStartedState(const QString &state);

    // Reads the try from the start; follow: keep reading until the try ends. Stops anything in progress.
    void start(const TaskInstanceKey &key, int tryNumber, bool follow);
    // Stops reading and following; what was handed out stays valid. No signal.
    void stop();
    // Following only: stops polling but keeps the continuation token, so resume() goes on where it stopped
    // without handing out any text twice.
    void pause();
    void resume();
    bool canResume() const { return !m_active && m_follow && m_loaded && !m_ended; }

    bool isActive() const { return m_active; }
    bool isFollowing() const { return m_active && m_follow; }
    TaskInstanceKey key() const { return m_key; }
    int tryNumber() const { return m_tryNumber; }

    int pollIntervalMs() const { return m_timer.interval(); }
    void setPollIntervalMs(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    // Text never handed out before, in order.
    void textReceived(const QString &text);
    // Bytes of the first read received so far; total -1 when the server did not say.
    void progress(qint64 received, qint64 total);
    // The first read is complete (following, if asked for, goes on).
    void loaded();
    // Following waits: the task has not started yet (state is its state, empty for none).
    void waitingForStart(const QString &state);
    // Following stopped because the try ended in this state.
    void taskEnded(const QString &state);
    // A read failed. Following stops; text handed out before stays valid.
    void failed(const Windsock::Api::ApiError &error);

private:
    void readWhole();
    void poll();
    void readChunk(bool last, const QString &state);
    void fail(const Api::ApiError &error);

    Api::AirflowClient *m_client;
    QPointer<Api::ApiCall> m_call;
    QTimer m_timer;
    TaskInstanceKey m_key;
    int m_tryNumber = 1;
    bool m_follow = false;
    bool m_active = false;
    bool m_loaded = false;
    bool m_ended = false;
    QString m_token;
    qsizetype m_received = 0; // characters of this try given so far
    quint64 m_generation = 0; // bumped by start()/stop(): answers of an older generation are dropped
};

} // namespace Windsock::Logs
