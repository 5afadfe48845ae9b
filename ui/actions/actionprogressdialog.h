#pragma once

#include "actions/actionplan.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace Windsock::Api {
class AirflowClient;
}
namespace Windsock::Actions {
class ActionBatch;
}

namespace Windsock::Ui {

// Applies a confirmed plan (a few requests at a time) with a progress bar and Cancel, then turns into the
// summary: one row per target saying it worked, or why not in plain words, or that it was cancelled (and
// whether the request had already left, so the user knows whether the server may have applied it).
// applied() carries the DAGs that changed, for the views to refresh. Open it with open() or show().
class ActionProgressDialog final : public QDialog
{
    Q_OBJECT

public:
    ActionProgressDialog(Api::AirflowClient *client, Actions::ActionPlan plan, QWidget *parent = nullptr);
    ~ActionProgressDialog() override;

    void start();
    bool isFinished() const;
    Actions::ActionBatch *batch() const { return m_batch; }
    // "Cleared 1 of 2 runs; 1 failed." once finished.
    QString summary() const;
    QTreeWidget *outcomeTree() const { return m_tree; }
    // Every failure's target and reason in full; hidden when nothing failed.
    QLabel *failuresLabel() const { return m_failures; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *closeButton() const { return m_close; }
    QProgressBar *progressBar() const { return m_progress; }

    // The text of the target's row, e.g. "etl_orders / run_1: Failed: The server could not find ...".
    QString outcomeText(int index) const;

public Q_SLOTS:
    // Escape or the window's close button while requests run cancels them (the summary then stays up);
    // closing must never drop answers, or the views would not learn what changed.
    void reject() override;

Q_SIGNALS:
    // Every request has answered (or was cancelled); dagIds are the DAGs where something changed.
    void applied(const QStringList &dagIds);

private:
    void buildUi();
    void targetFinished(int index);
    void showSummary();

    Actions::ActionPlan m_plan;
    Actions::ActionBatch *m_batch = nullptr;
    QLabel *m_headline = nullptr;
    QProgressBar *m_progress = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_failures = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Windsock::Ui
