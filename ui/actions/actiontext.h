#pragma once

#include "actions/actionplan.h"
#include "api/apierror.h"

#include <QCoreApplication>
#include <QString>

namespace Windsock::Ui {

// The words the action dialogs and menus share, in one place so the preview, the summary and the tooltips
// name things the same way.
class ActionText final
{
    Q_DECLARE_TR_FUNCTIONS(Windsock::Ui::ActionText)

public:
    // "1 run", "14 task instances": English plurals without a translation file.
    static QString runs(int count);
    static QString dags(int count);
    static QString taskInstances(int count);
    static QString selectedTargets(const Actions::ActionPlan &plan);

    // "Clear 2 Runs…" (menu), "Clear 2 Runs" (dialog title), "Clear" (button), "Cleared" (summary).
    static QString actionName(Actions::ActionKind kind, int count);
    static QString dialogTitle(const Actions::ActionPlan &plan);
    static QString buttonText(Actions::ActionKind kind);
    static QString pastTense(Actions::ActionKind kind);
    // What the option does, as the Airflow UI's dialogs call it.
    static QString optionName(Actions::ActionOption option);
    static QString optionToolTip(Actions::ActionOption option);
    // Why a target failed, for a person: what the server's answer means for this action, then what Airflow
    // said. A 404 means the run or task is gone (deleted since it was listed), not a wrong address.
    static QString failureReason(const Api::ApiError &error);
    // A task instance's new state as the preview shows it ("no status (cleared)" for a clear).
    static QString newState(const QString &state);
};

} // namespace Windsock::Ui
