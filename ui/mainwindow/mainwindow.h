#pragma once

#include "session.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QNetworkAccessManager;
class QSplitter;
class QTabWidget;

namespace Windsock::Fleet {
class FleetRefresher;
struct FleetMember;
} // namespace Windsock::Fleet
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
class DeploymentTab;
class DeploymentView;
class FleetNotifications;
class FleetPage;
class MessageBar;
class Notifier;
class ProfileActions;
class ProfileSidebar;
class SessionOpener;
class TriggerDialog;

// The shell: menus and actions, the message bars, the connection profiles beside the deployments' tabs, and
// the status bar. The first tab is the fleet (every profile at a glance, the runs across deployments); then
// one closable tab per open deployment, each with its own session, in the profile's colour. The accessors
// (session(), deploymentView(), dagModel(), ...) and the DAG, run and view actions follow the current
// deployment tab: null and disabled on the fleet tab. Every page is its own class; the window only puts them
// together and wires the actions to them.
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

    // Opens a profile in a tab of its own, asynchronously, with progress shown in the tab; the other tabs
    // keep working. A profile that is open (or opening) is shown instead. A failure goes to the error bar and
    // opens nothing.
    void openProfile(const QString &profileId);
    // Opens the demo sandbox in a tab (or shows the demo's tab).
    void openDemo(Session::DemoReason reason);
    // Shows this session: in its profile's tab when that is open (replacing the session there), else in a
    // new tab. The tab becomes the current one.
    void setSession(std::unique_ptr<Session> session);
    // Opens (or shows) the profile's deployment and shows the run there once it is open.
    void showRun(const QString &profileId, const QString &dagId, const QString &dagRunId);
    // Closes a deployment tab (index > 0): its view, then its session. An opening under way is cancelled.
    void closeDeploymentTab(int index);
    void showFleet();

    // The fleet tab first, then the deployments.
    QTabWidget *deploymentTabs() const { return m_tabs; }
    FleetPage *fleetPage() const { return m_fleetPage; }
    Fleet::FleetRefresher *fleetRefresher() const { return m_refresher; }
    FleetNotifications *fleetNotifications() const { return m_fleetNotifications; }
    // The current deployment tab (null on the fleet tab); the tab of a profile (empty id: the demo's).
    DeploymentTab *currentDeploymentTab() const;
    DeploymentTab *deploymentTab(const QString &profileId) const;
    QList<DeploymentTab *> deploymentTabList() const;

    // The current deployment tab's session and view; null on the fleet tab and while the tab connects.
    Session *session() const;
    // Opens the trigger dialog (window-modal, not exec()) for the current DAG; null when there is none.
    TriggerDialog *openTriggerDialog();
    DeploymentView *deploymentView() const;
    Models::DagModel *dagModel() const;
    DagSidebar *dagSidebar() const;
    DagDetailsPage *dagDetailsPage() const;
    DeploymentStatusWidget *deploymentStatus() const;
    MessageBar *errorBar() const { return m_errorBar; }
    MessageBar *noticeBar() const { return m_noticeBar; }
    // The status bar's deployment name (in the profile's colour swatch) of the current tab.
    QLabel *statusDeploymentName() const { return m_statusName; }
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
    QAction *closeTabAction() const { return m_closeTabAction; }
    QAction *nextTabAction() const { return m_nextTabAction; }
    QAction *previousTabAction() const { return m_previousTabAction; }
    QAction *showFleetAction() const { return m_showFleetAction; }

private:
    void buildShell();
    void buildFleet();
    void createActions();
    void createMenus();
    void updateDagActions();
    void updateTitle();
    void updateStatusBar();
    void updateTabActions();
    void onCurrentTabChanged();
    void reload();

    DeploymentTab *addDeploymentTab(const QString &profileId, const QString &name, const QColor &colour);
    void removeDeploymentTab(DeploymentTab *tab);
    void decorateTab(DeploymentTab *tab);
    void wireView(DeploymentTab *tab, DeploymentView *view);
    void onSessionOpened(Session *session);
    void onOpeningEnded(const QString &profileId, const QString &message);
    void onProfileSaved(const QString &profileId);
    void onProfileDeleted(const QString &profileId);
    void watchMember(const Fleet::FleetMember &member);
    void watchNotifyingProfiles();

    // Declared first, destroyed last: the sessions (in the tabs) and the fleet's clients end before them.
    ProfileServices m_services;
    QNetworkAccessManager *m_network = nullptr; // the fleet's
    Fleet::FleetRefresher *m_refresher = nullptr;
    FleetNotifications *m_fleetNotifications = nullptr;
    SessionOpener *m_opener = nullptr;
    ProfileSidebar *m_profileSidebar = nullptr;
    ProfileActions *m_profileActions = nullptr;
    QTabWidget *m_tabs = nullptr;
    FleetPage *m_fleetPage = nullptr;
    MessageBar *m_errorBar = nullptr;
    MessageBar *m_noticeBar = nullptr;
    QWidget *m_statusNameBox = nullptr;
    QLabel *m_statusSwatch = nullptr;
    QLabel *m_statusName = nullptr;
    QPointer<DeploymentStatusWidget> m_shownStatus; // the current tab's, in the status bar
    // Where to go back to when a tab that was opening goes away (by tab).
    QHash<QWidget *, QPointer<QWidget>> m_returnTo;
    // Runs to show once their deployment is open (by profile id): dag id, run id.
    QHash<QString, QPair<QString, QString>> m_pendingRuns;
    // Which tab watched the run a desktop notification is about ("dagId\nrunId").
    QHash<QString, QPointer<DeploymentTab>> m_watchedRunTabs;

    QAction *m_reloadAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_triggerAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_unpauseAction = nullptr;
    QAction *m_copyDagIdAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_nextTabAction = nullptr;
    QAction *m_previousTabAction = nullptr;
    QAction *m_showFleetAction = nullptr;
    QAction *m_quitAction = nullptr;
    QList<QAction *> m_tabActions;
    QMenu *m_runMenu = nullptr;
    Notifier *m_notifier = nullptr;
};

} // namespace Windsock::Ui
