#pragma once

#include "actions/actionplan.h"

#include <QDialog>
#include <QMap>
#include <QPointer>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Windsock::Api {
class AirflowClient;
}
namespace Windsock::Actions {
class ActionBatch;
}

namespace Windsock::Ui {

// What an action would change, asked of the server before anything changes: the dry run of every target
// (a few at a time), then one list of every task instance that would change, grouped by DAG and run, with
// the counts in one sentence ("Clearing 2 runs will reset 14 task instances in 2 DAGs."). Ticking an option
// that changes the list asks the server again. Delete and note have nothing to preview: the dialog lists the
// runs (and, for delete, says it cannot be undone). Confirm emits confirmed() with the plan to apply, which
// leaves out the targets whose preview failed or would change nothing; Cancel changes nothing.
//
// Open it with open() or show(); it never runs a nested event loop, so tests drive it like a user.
class ActionPreviewDialog final : public QDialog
{
    Q_OBJECT

public:
    ActionPreviewDialog(Api::AirflowClient *client, Actions::ActionPlan plan, QWidget *parent = nullptr);
    ~ActionPreviewDialog() override;

    // The plan with the options as ticked now.
    const Actions::ActionPlan &plan() const { return m_plan; }
    // What Confirm applies: the targets that previewed well and change something, with the options and note.
    Actions::ActionPlan confirmedPlan() const;

    // True once the current preview has every answer (always true for delete and note).
    bool isReady() const;
    // Every task instance the preview lists, each once.
    QList<Actions::TaskInstanceChange> changes() const;
    // The targets whose preview failed, with the reason in plain words.
    QStringList previewErrors() const;
    QString headline() const;

    QCheckBox *optionCheck(Actions::ActionOption option) const { return m_optionChecks.value(option); }
    QTreeWidget *changeTree() const { return m_tree; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QPushButton *confirmButton() const { return m_confirm; }
    QLabel *headlineLabel() const { return m_headline; }

public Q_SLOTS:
    void confirm();

Q_SIGNALS:
    // A preview (the first, or one re-asked for new options) has every answer.
    void previewReady();
    void confirmed(const Windsock::Actions::ActionPlan &plan);

private:
    void buildUi();
    void refreshPreview();
    void showPreview();
    void updateConfirm();
    QString headlineText() const;

    QPointer<Api::AirflowClient> m_client;
    Actions::ActionPlan m_plan;
    Actions::ActionBatch *m_batch = nullptr;

    QLabel *m_headline = nullptr;
    QLabel *m_explanation = nullptr;
    QMap<Actions::ActionOption, QCheckBox *> m_optionChecks;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace Windsock::Ui
