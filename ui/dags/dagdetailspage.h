#pragma once

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
struct Dag;
struct DagDetails;
struct DagRun;
} // namespace Windsock::Api

namespace Windsock::Models {
class DagModel;
}

namespace Windsock::Ui {

// The right side of the main window: one DAG's fields (description, schedule, owners, tags, next run, file)
// and its recent runs. What the DAG list already knows shows at once; the details and the runs are asked for
// through the client, and the page follows the model when the DAG is paused or unpaused. A server without
// DAG details (1.10) shows what the DAG itself says (id, paused) and why the rest is missing.
class DagDetailsPage final : public QWidget
{
    Q_OBJECT

public:
    enum RunColumn
    {
        RunState,
        LogicalDate,
        Duration,
        RunId,
        RunColumnCount
    };

    static constexpr int RecentRunCount = 25;

    DagDetailsPage(Api::AirflowClient *client, Models::DagModel *model, QWidget *parent = nullptr);

    QString dagId() const { return m_dagId; }
    QTreeWidget *runList() const { return m_runs; }

public Q_SLOTS:
    // Shows this DAG (empty = nothing selected) and asks for its details and runs.
    void showDag(const QString &dagId);
    // Asks for the shown DAG's details and runs again.
    void refresh();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QLabel *addField(const QString &label, const QString &objectName);
    void showDagFields(const Api::Dag &dag);
    void showPauseState(const Api::Dag &dag);
    void showDetails(const Api::DagDetails &details);
    // The DAG as read on a server without details (1.10): what it says, and "not given" for the rest.
    void showKnownDag(const Api::Dag &dag);
    void showRuns(const QList<Api::DagRun> &runs);
    void followModel(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<Api::AirflowClient> m_client;
    Models::DagModel *m_model;
    QString m_dagId;
    QPointer<Api::ApiCall> m_detailsCall;
    QPointer<Api::ApiCall> m_runsCall;

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_pausedBadge;
    QLabel *m_description;
    QLabel *m_unavailable; // why the details are missing, on a server without them
    QFormLayout *m_form;
    QLabel *m_schedule;
    QLabel *m_owners;
    QLabel *m_tags;
    QLabel *m_nextRun;
    QLabel *m_file;
    QLabel *m_timezone;
    QLabel *m_runsHeading;
    QTreeWidget *m_runs;
};

} // namespace Windsock::Ui
