#pragma once

#include "api/airflowclient.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace Windsock::Ui {

// One bulk call (AirflowClient::bulkVariables, bulkConnections, bulkPools) as the pages run it: progress
// (one request on Airflow 3; per entity where the client goes one by one), cancel(), and at the end the
// failures in plain words, one per entity that failed ("variable x: <the server's words>"), with how many
// succeeded and how many were skipped. The page deletes it after finished().
class BulkChange final : public QObject
{
    Q_OBJECT

public:
    using Start =
        std::function<Api::ApiCall *(QObject *context, Api::AirflowClient::Callback<Api::BulkResult> done)>;

    // label: how one failure is introduced, label.arg(key) ("variable %1"); total: the entities asked for.
    BulkChange(Start start, QString label, int total, QObject *parent = nullptr);
    ~BulkChange() override;

    void start();
    int total() const { return m_total; }
    bool isRunning() const { return m_running; }
    // The result of the finished call (empty when it failed as a whole or was cancelled).
    const Api::BulkResult &result() const { return m_result; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    // A call that failed as a whole (no answer, refused credentials, an invalid request) gives one failure
    // that says so and succeeded 0.
    void finished(const QStringList &failures, int succeeded, int skipped, bool cancelled);

private:
    Start m_start;
    QString m_label;
    int m_total;
    bool m_running = false;
    QPointer<Api::ApiCall> m_call;
    Api::BulkResult m_result;
};

} // namespace Windsock::Ui
