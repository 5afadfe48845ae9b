#pragma once

#include "fleet/fleetmember.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Windsock::Fleet {
class DagComparison;
}

namespace Windsock::Ui {

// One DAG side by side across deployments: a column per deployment, rows for present, paused, schedule, last
// runs and each param; cells that differ between deployments are highlighted. The DAG id can be changed and
// compared again; everything loads in the background.
class CompareDagDialog final : public QDialog
{
    Q_OBJECT

public:
    CompareDagDialog(QList<Fleet::FleetMember> members, const QString &dagId, QWidget *parent = nullptr);
    ~CompareDagDialog() override;

    // Test seams.
    QLineEdit *dagIdEdit() const { return m_dagId; }
    QPushButton *compareButton() const { return m_compare; }
    QTableWidget *table() const { return m_table; }
    bool isComparing() const;
    // The highlight colour of cells that differ.
    static QColor differenceColour();

public Q_SLOTS:
    void compare();

Q_SIGNALS:
    // The comparison is complete and in the table.
    void compared();

private:
    void fillTable();

    QList<Fleet::FleetMember> m_members;
    QLineEdit *m_dagId;
    QPushButton *m_compare;
    QLabel *m_status;
    QTableWidget *m_table;
    QPointer<Fleet::DagComparison> m_comparison;
};

} // namespace Windsock::Ui
