#pragma once

#include "fleet/fleetmember.h"
#include "fleet/resourcecopy.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Windsock::Ui {

// Copies variables or pools from one deployment to others: choose the source, the targets, the keys (a
// comma-separated list, or all) and whether differing values are overwritten; Preview lists what would be
// created, updated, left in conflict, left alone or refused; only ticked Create/Update rows are applied.
// Production targets ask for their name first (ProductionGuard). Variable values are masked unless "Show
// values" is ticked.
class CopyResourcesDialog final : public QDialog
{
    Q_OBJECT

public:
    enum PreviewColumn
    {
        TargetColumn,
        KeyColumn,
        ActionColumn,
        SourceValueColumn,
        TargetValueColumn,
        ReasonColumn,
        PreviewColumnCount
    };

    CopyResourcesDialog(QList<Fleet::FleetMember> members, Fleet::CopyKind kind, QWidget *parent = nullptr);
    ~CopyResourcesDialog() override;

    // Test seams.
    QComboBox *sourceCombo() const { return m_source; }
    QListWidget *targetList() const { return m_targets; }
    QLineEdit *keysEdit() const { return m_keys; }
    QCheckBox *overwriteBox() const { return m_overwrite; }
    QCheckBox *showValuesBox() const { return m_showValues; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *applyButton() const { return m_applyButton; }
    QTableWidget *previewTable() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QList<Fleet::CopyItem> items() const { return m_items; }
    bool isBusy() const;
    // Ticks (or unticks) targets by profile id.
    void setTargetChecked(const QString &profileId, bool checked);

public Q_SLOTS:
    void preview();
    void apply();

Q_SIGNALS:
    void previewReady();
    void appliedAll(const QList<Windsock::Fleet::CopyItem> &results);

private:
    void fillTargets();
    void fillTable();
    void updateButtons();
    void startApply(const QList<Fleet::CopyItem> &items);
    QList<Fleet::FleetMember> checkedTargets() const;
    QString shownValue(const QString &value) const;

    QList<Fleet::FleetMember> m_members;
    Fleet::CopyKind m_kind;
    QComboBox *m_source;
    QListWidget *m_targets;
    QLineEdit *m_keys;
    QCheckBox *m_overwrite;
    QCheckBox *m_showValues;
    QPushButton *m_previewButton;
    QPushButton *m_applyButton;
    QPushButton *m_cancelButton;
    QTableWidget *m_table;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QList<Fleet::CopyItem> m_items;
    QPointer<Fleet::CopyPlanner> m_planner;
    bool m_filling = false;
};

} // namespace Windsock::Ui
