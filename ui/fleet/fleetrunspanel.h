#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

namespace Windsock::Models {
class FleetRunsModel;
}

namespace Windsock::Ui {

// The failed and running runs across deployments as a tree, with a text filter (DAG id, run id or deployment)
// and a state filter; each deployment row carries its colour. Double-clicking a run emits runActivated.
class FleetRunsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit FleetRunsPanel(Models::FleetRunsModel *model, QWidget *parent = nullptr);
    ~FleetRunsPanel() override;

    // Test seams.
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *stateCombo() const { return m_state; }
    QTreeView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const;

Q_SIGNALS:
    void runActivated(const QString &profileId, const QString &dagId, const QString &runId);

private:
    void activate(const QModelIndex &index);

    Models::FleetRunsModel *m_model;
    QLineEdit *m_filter;
    QComboBox *m_state;
    QTreeView *m_view;
    QLabel *m_status;
    class Proxy;
    Proxy *m_proxy;
    bool m_columnsFitted = false;
};

} // namespace Windsock::Ui
