#pragma once

#include <QWidget>

class QAction;

namespace Windsock::Models {
class DagModel;
}

namespace Windsock::Ui {

class DagDetailsPage;
class DagSidebar;
class DeploymentStatusWidget;
class Session;

// Everything shown for one open deployment: the DAG model, the DAG sidebar beside the DAG details, and the
// status widget (which the window puts in its status bar; it goes with this view). Built for one session and
// destroyed before it, so that switching profiles replaces the whole tree of widgets and calls cleanly.
class DeploymentView final : public QWidget
{
    Q_OBJECT

public:
    DeploymentView(Session *session, QWidget *parent = nullptr);
    ~DeploymentView() override;

    Models::DagModel *dagModel() const { return m_dagModel; }
    DagSidebar *dagSidebar() const { return m_sidebar; }
    DagDetailsPage *dagDetailsPage() const { return m_details; }
    DeploymentStatusWidget *statusWidget() const { return m_status; }

    void reload();

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void dagSelectionChanged();

private:
    Models::DagModel *m_dagModel;
    DagSidebar *m_sidebar;
    DagDetailsPage *m_details;
    DeploymentStatusWidget *m_status;
};

} // namespace Windsock::Ui
