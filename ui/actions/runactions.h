#pragma once

#include "actionpreviewdialog.h"
#include "actionprogressdialog.h"
#include "actions/actionplan.h"
#include "api/types.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Ui {

// The run and task-instance actions (clear, mark success/failed, delete, note) for the current selection of
// runs and task instances: QActions with shortcuts and enabled rules, for the window's menus, the views'
// context menus and toolbars (add them to the widget whose focus they should follow).
//
// Every action first shows what it would change (ActionPreviewDialog, from the server's dry runs), and only
// after Confirm sends the real requests (ActionProgressDialog: progress, Cancel, a summary with each
// failure's reason). The selection is kept throughout; changed() names the DAGs to refresh.
//
// Shortcuts follow the Airflow grid's: Shift+C clear, Shift+S mark success, Shift+F mark failed, Shift+N
// note, and Delete deletes runs. They act on the task instances when task instances are selected, else on
// the runs. A read-only deployment (setReadOnly) disables every action; an action the server cannot do
// (unavailableReason(), from the client's dialect) stays disabled whatever the selection, and says why in its
// tooltip and status tip.
class RunActions final : public QObject
{
    Q_OBJECT

public:
    explicit RunActions(QWidget *dialogParent, QObject *parent = nullptr);
    ~RunActions() override;

    void setClient(Api::AirflowClient *client);
    Api::AirflowClient *client() const;
    void setSelection(const QList<Api::DagRun> &runs, const QList<Api::TaskInstance> &taskInstances);
    const QList<Api::DagRun> &selectedRuns() const { return m_runs; }
    const QList<Api::TaskInstance> &selectedTaskInstances() const { return m_taskInstances; }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // A production profile: after the preview's Confirm, clear, mark and delete ask the user to type the
    // profile's name (ProductionGuard) before anything is sent. Notes are not asked about.
    void setProduction(const QString &profileName, bool production);
    bool isProduction() const { return m_production; }

    QAction *action(Actions::ActionKind kind) const { return m_actions.value(kind); }
    // Why the client's server cannot do this action (empty when it can, or when there is no client).
    QString unavailableReason(Actions::ActionKind kind) const;
    // Run actions, then task-instance actions, in menu order.
    QList<QAction *> runActions() const;
    QList<QAction *> taskInstanceActions() const;

    // The preview or progress dialog open now (null when none): tests answer them like a user would.
    ActionPreviewDialog *previewDialog() const { return m_preview; }
    ActionProgressDialog *progressDialog() const { return m_progress; }

public Q_SLOTS:
    // Opens the preview for the current selection (what the actions' triggered() does).
    void start(Windsock::Actions::ActionKind kind);

Q_SIGNALS:
    // Something changed on the server in these DAGs (some targets may have failed).
    void changed(const QStringList &dagIds);

private:
    void createAction(Actions::ActionKind kind, const QString &statusTip);
    void updateActions();
    void apply(const Actions::ActionPlan &plan);
    void send(const Actions::ActionPlan &plan);

    QWidget *m_dialogParent;
    QPointer<Api::AirflowClient> m_client;
    QList<Api::DagRun> m_runs;
    QList<Api::TaskInstance> m_taskInstances;
    bool m_readOnly = false;
    bool m_production = false;
    QString m_profileName;
    QMap<Actions::ActionKind, QAction *> m_actions;
    QMap<Actions::ActionKind, QString> m_statusTips;
    QPointer<ActionPreviewDialog> m_preview;
    QPointer<ActionProgressDialog> m_progress;
};

} // namespace Windsock::Ui
