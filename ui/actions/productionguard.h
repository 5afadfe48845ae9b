#pragma once

#include <QPointer>
#include <QString>
#include <functional>

class QDialog;
class QObject;
class QWidget;

namespace Windsock::Ui {

// Before delete, clear, mark and bulk actions on a production profile: a window-modal dialog (open(), never
// exec()) where the user types the profile's name; proceed runs only when it matches. Not production: proceed
// runs at once.
class ProductionGuard
{
public:
    // what: the action in words after "to", e.g. "delete 3 DAG runs".
    static void confirm(QWidget *parent, const QString &profileName, bool production, const QString &what,
                        QObject *context, std::function<void()> proceed);
    // Test seam: the dialog it shows last (null when none), objectName "productionConfirmDialog",
    // its line edit objectName "productionNameEdit".
    static QDialog *lastDialog();

private:
    static QPointer<QDialog> s_lastDialog;
};

} // namespace Windsock::Ui
