#pragma once

#include <QMainWindow>
#include <memory>

class QAction;

namespace Windsock::Models {
class DagModel;
}

namespace Windsock::Ui {

class DagDetailsPage;
class DagSidebar;
class DeploymentStatusWidget;
class MessageBar;
class Session;

// The shell: menus and actions, the message bars, the DAG sidebar beside the DAG details, and the status bar.
// Every page is its own class; the window only puts them together and wires the actions to them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // Takes the session over; the window shows that one deployment.
    explicit MainWindow(std::unique_ptr<Session> session, QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session.get(); }
    Models::DagModel *dagModel() const { return m_dagModel; }
    DagSidebar *dagSidebar() const { return m_sidebar; }
    DagDetailsPage *dagDetailsPage() const { return m_details; }
    DeploymentStatusWidget *deploymentStatus() const { return m_status; }
    MessageBar *errorBar() const { return m_errorBar; }
    MessageBar *noticeBar() const { return m_noticeBar; }

    QAction *pauseAction() const { return m_pauseAction; }
    QAction *unpauseAction() const { return m_unpauseAction; }
    QAction *copyDagIdAction() const { return m_copyDagIdAction; }
    QAction *reloadAction() const { return m_reloadAction; }

private:
    void createActions();
    void createMenus();
    void updateDagActions();
    void reload();

    // Declared first, destroyed last: the pages and the model hold calls on the session's client.
    std::unique_ptr<Session> m_session;
    Models::DagModel *m_dagModel = nullptr;
    DagSidebar *m_sidebar = nullptr;
    DagDetailsPage *m_details = nullptr;
    DeploymentStatusWidget *m_status = nullptr;
    MessageBar *m_errorBar = nullptr;
    MessageBar *m_noticeBar = nullptr;

    QAction *m_reloadAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_unpauseAction = nullptr;
    QAction *m_copyDagIdAction = nullptr;
    QAction *m_quitAction = nullptr;
};

} // namespace Windsock::Ui
