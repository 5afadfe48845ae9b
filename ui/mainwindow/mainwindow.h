#pragma once

#include "session.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;

namespace Windsock::Models {
class DagModel;
}
namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

class DagDetailsPage;
class DagSidebar;
class DeploymentStatusWidget;
class DeploymentView;
class MessageBar;
class Notifier;
class ProfileActions;
class ProfileSidebar;
class SessionOpener;
class TriggerDialog;

// The shell: menus and actions, the message bars, the connection profiles beside the open deployment's view
// (the DAG sidebar and the DAG details), and the status bar. Every page is its own class; the window only
// puts them together and wires the actions to them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // Where profiles and their secrets live; the window owns both.
    struct ProfileServices
    {
        std::unique_ptr<Profiles::ProfileStore> store;
        std::unique_ptr<Profiles::SecretStore> secrets;
    };

    // With connection profiles, and nothing open yet: call openProfile() or openDemo().
    explicit MainWindow(ProfileServices services, QWidget *parent = nullptr);
    // Without profiles: the window shows this one session (the demo, in tests).
    explicit MainWindow(std::unique_ptr<Session> session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a profile asynchronously, with progress shown; the current session stays until the new one is
    // ready, and stays if it fails (the reason goes to the error bar).
    void openProfile(const QString &profileId);
    void openDemo(Session::DemoReason reason);
    // Shows this session instead of the current one.
    void setSession(std::unique_ptr<Session> session);

    Session *session() const { return m_session.get(); }
    // Opens the trigger dialog (window-modal, not exec()) for the current DAG; null when there is none.
    TriggerDialog *openTriggerDialog();
    DeploymentView *deploymentView() const { return m_view; }
    Models::DagModel *dagModel() const;
    DagSidebar *dagSidebar() const;
    DagDetailsPage *dagDetailsPage() const;
    DeploymentStatusWidget *deploymentStatus() const;
    MessageBar *errorBar() const { return m_errorBar; }
    MessageBar *noticeBar() const { return m_noticeBar; }
    // Desktop notifications (the system tray, else the notice bar) for watched runs.
    Notifier *notifier() const { return m_notifier; }
    Profiles::ProfileStore *profileStore() const { return m_services.store.get(); }
    Profiles::SecretStore *secretStore() const { return m_services.secrets.get(); }
    ProfileSidebar *profileSidebar() const { return m_profileSidebar; }
    ProfileActions *profileActions() const { return m_profileActions; }
    SessionOpener *sessionOpener() const { return m_opener; }

    QAction *triggerAction() const { return m_triggerAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *unpauseAction() const { return m_unpauseAction; }
    QAction *copyDagIdAction() const { return m_copyDagIdAction; }
    QAction *reloadAction() const { return m_reloadAction; }

private:
    void buildShell();
    void createActions();
    void createMenus();
    void updateDagActions();
    void updateTitle();
    void showConnecting(const QString &name);
    void showNotConnected();
    void reload();

    // Declared first, destroyed last: the session outlives everything that holds calls on its client.
    ProfileServices m_services;
    std::unique_ptr<Session> m_session;
    SessionOpener *m_opener = nullptr;
    DeploymentView *m_view = nullptr;
    ProfileSidebar *m_profileSidebar = nullptr;
    ProfileActions *m_profileActions = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_placeholder = nullptr;
    QLabel *m_placeholderText = nullptr;
    QProgressBar *m_placeholderProgress = nullptr;
    QPushButton *m_placeholderCancel = nullptr;
    MessageBar *m_errorBar = nullptr;
    MessageBar *m_noticeBar = nullptr;

    QAction *m_reloadAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_triggerAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_unpauseAction = nullptr;
    QAction *m_copyDagIdAction = nullptr;
    QAction *m_quitAction = nullptr;
    QList<QAction *> m_tabActions;
    QMenu *m_runMenu = nullptr;
    Notifier *m_notifier = nullptr;
};

} // namespace Windsock::Ui
