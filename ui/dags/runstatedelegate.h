#pragma once

#include <QStyledItemDelegate>

namespace Windsock::Ui {

// Paints a DAG-run or task state ("success", "failed", "running", "queued", ...) in its colour, in bold. The
// state is read from stateRole (the display text by default), so the same delegate serves the DAG tree's
// State column (DagModel::StateRole: a DAG's newest run, a run, a task instance) and the run lists. Colours
// follow the system palette (see StateColors).
class RunStateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RunStateDelegate(QObject *parent = nullptr, int stateRole = Qt::DisplayRole);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_stateRole;
};

} // namespace Windsock::Ui
