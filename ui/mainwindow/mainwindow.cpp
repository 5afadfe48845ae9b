#include "mainwindow.h"

#include "actions/runactions.h"
#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "deploymentstatuswidget.h"
#include "deploymenttab.h"
#include "deploymentview.h"
#include "fleet/fleetpage.h"
#include "fleet/fleetrefresher.h"
#include "messagebar.h"
#include "notify/fleetnotifications.h"
#include "notify/notifier.h"
#include "profiles/colourswatchpicker.h"
#include "profiles/profileactions.h"
#include "profiles/profilesidebar.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "sessionopener.h"
#include "trigger/triggerdialog.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

QString runKey(const QString &dagId, const QString &dagRunId)
{
    return dagId + QLatin1Char('\n') + dagRunId;
}

} // namespace

MainWindow::MainWindow(ProfileServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
{
    buildShell();
    // Deployments that want failed-run notifications are watched from the start, fleet tab shown or not.
    QTimer::singleShot(0, this, &MainWindow::watchNotifyingProfiles);
}

MainWindow::MainWindow(std::unique_ptr<Session> session, QWidget *parent)
    : QMainWindow(parent)
{
    buildShell();
    setSession(std::move(session));
}

MainWindow::~MainWindow()
{
    // Openings under way end first; then the tabs (each destroys its view, then its session) and the fleet
    // page (its runs tree and dialogs hold the fleet's clients); then the notifications and the refresher,
    // which hold the fleet's clients, while the network access manager they use is still there.
    delete m_opener;
    m_opener = nullptr;
    disconnect(m_tabs, nullptr, this, nullptr);
    // The discovery dialog uses the fleet's network access manager too.
    if (m_profileActions)
        delete m_profileActions->discoveryDialog();
    delete takeCentralWidget();
    setStatusBar(nullptr);
    delete m_fleetNotifications;
    delete m_refresher;
    delete m_network;
}

void MainWindow::buildShell()
{
    m_network = new QNetworkAccessManager(this);
    m_refresher = new Fleet::FleetRefresher(m_network, m_services.secrets.get(), this);

    m_opener = new SessionOpener(m_services.store.get(), m_services.secrets.get(), this);
    connect(m_opener, &SessionOpener::started, this, [this](const QString &profileId, const QString &name) {
        DeploymentTab *tab = deploymentTab(profileId);
        if (!tab) {
            const std::optional<Profiles::Profile> profile =
                m_services.store ? m_services.store->profile(profileId) : std::nullopt;
            tab = addDeploymentTab(
                profileId, name, profile && !profile->colour.isEmpty() ? QColor(profile->colour) : QColor());
            m_tabs->setCurrentWidget(tab);
        }
        tab->showConnecting();
        updateStatusBar();
    });
    connect(m_opener, &SessionOpener::opened, this, [this](Session *session) { onSessionOpened(session); });
    connect(m_opener, &SessionOpener::failed, this,
            [this](const QString &profileId, const QString &message) { onOpeningEnded(profileId, message); });
    connect(m_opener, &SessionOpener::cancelled, this,
            [this](const QString &profileId) { onOpeningEnded(profileId, QString()); });

    auto *central = new QWidget(this);
    m_noticeBar = new MessageBar(MessageBar::Kind::Information, central);
    m_noticeBar->setObjectName(QStringLiteral("noticeBar"));
    m_errorBar = new MessageBar(MessageBar::Kind::Error, central);
    m_errorBar->setObjectName(QStringLiteral("errorBar"));

    m_notifier = new Notifier(this);
    m_notifier->setIcon(QApplication::windowIcon());
    connect(m_notifier, &Notifier::fallbackMessage, this,
            [this](const QString &title, const QString &message, Notifier::Severity severity) {
                MessageBar *bar = severity == Notifier::Severity::Information ? m_noticeBar : m_errorBar;
                bar->showMessage(title.isEmpty() ? message : title + QStringLiteral(": ") + message);
            });
    connect(m_notifier, &Notifier::runActivated, this, [this](const QString &dagId, const QString &runId) {
        // The tab that watched the run, else the current one.
        DeploymentTab *tab = m_watchedRunTabs.value(runKey(dagId, runId));
        if (!tab)
            tab = currentDeploymentTab();
        if (tab && tab->view()) {
            m_tabs->setCurrentWidget(tab);
            tab->view()->showRun(dagId, runId);
        }
        showNormal();
        raise();
        activateWindow();
    });
    m_fleetNotifications = new FleetNotifications(m_notifier, this);
    connect(m_fleetNotifications, &FleetNotifications::failedRunActivated, this,
            [this](const QString &profileId, const QString &dagId, const QString &runId) {
                showRun(profileId, dagId, runId);
                showNormal();
                raise();
                activateWindow();
            });
    connect(m_refresher, &Fleet::FleetRefresher::memberOpened, this, &MainWindow::watchMember);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(QStringLiteral("profileSplitter"));
    splitter->setChildrenCollapsible(false);
    if (m_services.store) {
        m_profileSidebar = new ProfileSidebar(m_services.store.get(), splitter);
        m_profileSidebar->setObjectName(QStringLiteral("profileSidebar"));
        m_profileActions =
            new ProfileActions(m_services.store.get(), m_services.secrets.get(), m_profileSidebar, this);
        connect(m_profileActions, &ProfileActions::connectRequested, this, [this](const QString &id) {
            if (id.isEmpty())
                openDemo(Session::DemoReason::Requested);
            else
                openProfile(id);
        });
        connect(m_profileActions, &ProfileActions::errorOccurred, m_errorBar, &MessageBar::showMessage);
        connect(m_profileActions, &ProfileActions::noticeOccurred, m_noticeBar, &MessageBar::showMessage);
        connect(m_profileActions, &ProfileActions::profileSaved, this, &MainWindow::onProfileSaved);
        connect(m_profileActions, &ProfileActions::profileDeleted, this, &MainWindow::onProfileDeleted);
        m_profileActions->setNetworkAccessManager(m_network);
        splitter->addWidget(m_profileSidebar);
    }

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("deploymentTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    buildFleet();
    if (m_profileActions)
        m_fleetPage->setEmptyPageActions({m_profileActions->newAction(), m_profileActions->discoverAction()});
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeDeploymentTab);
    // The fleet stays first: a deployment's tab moved in front of it goes back behind it.
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, [this](int, int) {
        if (m_tabs->indexOf(m_fleetPage) != 0)
            m_tabs->tabBar()->moveTab(m_tabs->indexOf(m_fleetPage), 0);
    });
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(splitter->count() - 1, 1);
    if (m_profileSidebar)
        splitter->setSizes({240, 1040});

    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_noticeBar);
    layout->addWidget(m_errorBar);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    // The current deployment's name in its colour, left of its version and health.
    m_statusNameBox = new QWidget(statusBar());
    m_statusNameBox->setObjectName(QStringLiteral("statusDeployment"));
    m_statusSwatch = new QLabel(m_statusNameBox);
    m_statusSwatch->setObjectName(QStringLiteral("statusDeploymentSwatch"));
    m_statusName = new QLabel(m_statusNameBox);
    m_statusName->setObjectName(QStringLiteral("statusDeploymentName"));
    auto *nameLayout = new QHBoxLayout(m_statusNameBox);
    nameLayout->setContentsMargins(0, 0, 6, 0);
    nameLayout->setSpacing(4);
    nameLayout->addWidget(m_statusSwatch);
    nameLayout->addWidget(m_statusName);
    statusBar()->addPermanentWidget(m_statusNameBox);

    createActions();
    createMenus();
    onCurrentTabChanged();
    resize(1280, 800);
}

void MainWindow::buildFleet()
{
    m_fleetPage = new FleetPage(m_refresher, m_services.store.get(), m_tabs);
    m_fleetPage->setObjectName(QStringLiteral("fleetTab"));
    m_tabs->addTab(m_fleetPage, tr("Fleet"));
    m_tabs->setTabToolTip(0, tr("Every profile at a glance, and the runs that failed or run now"));
    // Not closable: no close button on either side (styles put it left or right).
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_fleetPage, &FleetPage::deploymentActivated, this, &MainWindow::openProfile);
    connect(m_fleetPage, &FleetPage::runActivated, this, &MainWindow::showRun);
    connect(m_fleetPage, &FleetPage::errorOccurred, this,
            [this](const QString &message) { m_errorBar->showMessage(message); });
    connect(m_fleetPage, &FleetPage::noticeOccurred, this,
            [this](const QString &message) { m_noticeBar->showMessage(message); });
}

DeploymentTab *MainWindow::addDeploymentTab(const QString &profileId, const QString &name,
                                            const QColor &colour)
{
    auto *tab = new DeploymentTab(profileId, name, colour, m_tabs);
    m_returnTo.insert(tab, m_tabs->currentWidget());
    connect(tab, &DeploymentTab::cancelRequested, this, [this, profileId] { m_opener->cancel(profileId); });
    connect(tab, &DeploymentTab::viewChanged, this,
            [this, tab](DeploymentView *view) { wireView(tab, view); });
    m_tabs->addTab(tab, name);
    decorateTab(tab);
    return tab;
}

void MainWindow::decorateTab(DeploymentTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    m_tabs->setTabText(index, tab->name());
    m_tabs->setTabIcon(index,
                       tab->colour().isValid() ? ColourSwatchPicker::swatchIcon(tab->colour(), 16) : QIcon());
    QString toolTip = tab->name();
    if (tab->session() && tab->session()->baseUrl().isValid())
        toolTip += QLatin1Char('\n') + tab->session()->baseUrl().toDisplayString();
    if (tab->session() && tab->session()->isProduction())
        toolTip +=
            QLatin1Char('\n') + tr("Production: deleting, clearing and marking ask for its name first");
    if (tab->session() && tab->session()->isReadOnly())
        toolTip += QLatin1Char('\n') + tr("Read-only: nothing is changed on this deployment");
    m_tabs->setTabToolTip(index, toolTip);
}

void MainWindow::removeDeploymentTab(DeploymentTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index <= 0)
        return;
    QPointer<QWidget> returnTo = m_returnTo.take(tab);
    const bool wasCurrent = m_tabs->currentWidget() == tab;
    for (auto it = m_pendingRuns.begin(); it != m_pendingRuns.end();) {
        if (it.key() == tab->profileId())
            it = m_pendingRuns.erase(it);
        else
            ++it;
    }
    if (wasCurrent && returnTo && returnTo != tab && m_tabs->indexOf(returnTo) >= 0)
        m_tabs->setCurrentWidget(returnTo);
    m_tabs->removeTab(m_tabs->indexOf(tab));
    // The view, then the session (the tab's destructor); its status widget leaves the status bar with it.
    delete tab;
    onCurrentTabChanged();
}

void MainWindow::wireView(DeploymentTab *tab, DeploymentView *view)
{
    // A background tab's messages say which deployment they are about.
    const auto prefixed = [this, tab](const QString &message) {
        return tab == currentDeploymentTab() ? message : tab->name() + QStringLiteral(": ") + message;
    };
    connect(view, &DeploymentView::errorOccurred, this,
            [this, prefixed](const QString &message) { m_errorBar->showMessage(prefixed(message)); });
    connect(view, &DeploymentView::noticeOccurred, this,
            [this, prefixed](const QString &message) { m_noticeBar->showMessage(prefixed(message)); });
    connect(view, &DeploymentView::dagSelectionChanged, this, [this, view] {
        if (view == deploymentView())
            updateDagActions();
    });
    connect(view, &DeploymentView::runFinished, this, [this, tab](const Watch::RunOutcome &outcome) {
        m_watchedRunTabs.insert(runKey(outcome.run.dagId, outcome.run.dagRunId), tab);
        m_notifier->notifyFinished(outcome);
    });
    connect(view, &DeploymentView::runDeleted, this,
            [this, tab](const QString &dagId, const QString &runId, const QString &message) {
                m_watchedRunTabs.insert(runKey(dagId, runId), tab);
                m_notifier->notifyDeleted(dagId, runId, message);
            });
    connect(view, &DeploymentView::watchProblem, this,
            [this, tab](const QString &dagId, const QString &runId, const QString &message) {
                m_watchedRunTabs.insert(runKey(dagId, runId), tab);
                m_notifier->notifyProblem(dagId, runId, message);
            });
    view->dagSidebar()->setDagActions({m_triggerAction, m_pauseAction, m_unpauseAction, m_copyDagIdAction});
    // The status widget goes to the status bar while its tab is the current one.
    view->statusWidget()->hide();
}

void MainWindow::openProfile(const QString &profileId)
{
    if (DeploymentTab *tab = deploymentTab(profileId)) {
        m_tabs->setCurrentWidget(tab);
        return;
    }
    m_opener->openProfile(profileId);
}

void MainWindow::openDemo(Session::DemoReason reason)
{
    if (DeploymentTab *tab = deploymentTab(QString())) {
        m_tabs->setCurrentWidget(tab);
        return;
    }
    m_opener->openDemo(reason);
}

void MainWindow::setSession(std::unique_ptr<Session> session)
{
    const QString profileId = session->isDemo() ? QString() : session->profileId();
    DeploymentTab *tab = deploymentTab(profileId);
    if (!tab)
        tab = addDeploymentTab(profileId, session->deploymentName(), session->colour());
    const bool current = m_tabs->currentWidget() == tab;
    if (current)
        m_errorBar->dismiss();
    const QString notice = session->notice();
    tab->setSession(std::move(session));
    m_returnTo.remove(tab);
    decorateTab(tab);
    m_tabs->setCurrentWidget(tab);
    if (!notice.isEmpty())
        m_noticeBar->showMessage(notice);
    else if (current)
        m_noticeBar->dismiss();
    onCurrentTabChanged();
}

void MainWindow::onSessionOpened(Session *session)
{
    std::unique_ptr<Session> owned(session);
    const QString profileId = owned->isDemo() ? QString() : owned->profileId();
    DeploymentTab *tab = deploymentTab(profileId);
    if (!tab) {
        setSession(std::move(owned));
    } else {
        // Opened in the background (the user moved on to another tab meanwhile): the tab fills in, the
        // current tab stays.
        const bool current = m_tabs->currentWidget() == tab;
        const QString notice = owned->notice();
        if (current)
            m_errorBar->dismiss();
        tab->setSession(std::move(owned));
        m_returnTo.remove(tab);
        decorateTab(tab);
        if (!notice.isEmpty())
            m_noticeBar->showMessage(current ? notice : tab->name() + QStringLiteral(": ") + notice);
        onCurrentTabChanged();
    }
    tab = deploymentTab(profileId);
    if (tab && tab->view() && m_pendingRuns.contains(profileId)) {
        const QPair<QString, QString> run = m_pendingRuns.take(profileId);
        DeploymentView *view = tab->view();
        m_tabs->setCurrentWidget(tab);
        view->showRun(run.first, run.second);
        // The DAG tree selects its first DAG when its first rows arrive, which would show that DAG instead:
        // the run comes back once after that.
        if (view->dagModel()->rowCount() == 0) {
            connect(
                view->dagModel(), &QAbstractItemModel::rowsInserted, view,
                [view, run] { view->showRun(run.first, run.second); },
                Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
        }
    }
}

void MainWindow::onOpeningEnded(const QString &profileId, const QString &message)
{
    if (!message.isEmpty())
        m_errorBar->showMessage(message);
    m_pendingRuns.remove(profileId);
    DeploymentTab *tab = deploymentTab(profileId);
    if (!tab)
        return;
    if (tab->session()) { // connecting again (the profile was edited): the session that was open stays
        tab->stopConnecting();
        updateStatusBar();
        return;
    }
    removeDeploymentTab(tab); // nothing was opened
}

void MainWindow::showRun(const QString &profileId, const QString &dagId, const QString &dagRunId)
{
    DeploymentTab *tab = deploymentTab(profileId);
    if (tab && tab->view() && !tab->isConnecting()) {
        m_tabs->setCurrentWidget(tab);
        tab->view()->showRun(dagId, dagRunId);
        return;
    }
    m_pendingRuns.insert(profileId, {dagId, dagRunId});
    if (tab)
        m_tabs->setCurrentWidget(tab);
    else
        m_opener->openProfile(profileId);
}

void MainWindow::closeDeploymentTab(int index)
{
    auto *tab = qobject_cast<DeploymentTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    const QString profileId = tab->profileId();
    if (m_opener->isOpening(profileId) && !profileId.isEmpty()) {
        // Cancelling removes a tab that has no session yet; one that has keeps it, and is closed below.
        m_opener->cancel(profileId);
        if (m_tabs->indexOf(tab) < 0)
            return;
    }
    removeDeploymentTab(tab);
}

void MainWindow::showFleet()
{
    m_tabs->setCurrentWidget(m_fleetPage);
}

void MainWindow::onProfileSaved(const QString &profileId)
{
    m_fleetPage->profileSaved(profileId);
    const std::optional<Profiles::Profile> profile = m_services.store->profile(profileId);
    if (profile) {
        const Fleet::FleetMember member = m_refresher->member(profileId);
        if (member.isValid())
            watchMember(member);
        else if (profile->notifyFailedRuns)
            m_refresher->refreshOne(*profile);
        else
            m_fleetNotifications->removeMember(profileId);
    }
    // The open profile changed: connect again with what was saved (URL, credentials, CA bundle...); the
    // session that is open stays until the new one is ready.
    if (DeploymentTab *tab = deploymentTab(profileId); tab && profile) {
        tab->setName(profile->name);
        tab->setColour(profile->colour.isEmpty() ? QColor() : QColor(profile->colour));
        decorateTab(tab);
        m_opener->openProfile(profileId);
    }
}

void MainWindow::onProfileDeleted(const QString &profileId)
{
    m_fleetNotifications->removeMember(profileId);
    m_pendingRuns.remove(profileId);
    // The profile is gone: nothing may keep using its credentials. Its tab closes, and the notice says why.
    DeploymentTab *tab = deploymentTab(profileId);
    if (!tab) {
        m_opener->cancel(profileId);
        return;
    }
    const QString name = tab->name();
    closeDeploymentTab(m_tabs->indexOf(tab));
    if (DeploymentTab *left = deploymentTab(profileId))
        removeDeploymentTab(left);
    m_noticeBar->showMessage(tr("The profile \"%1\" was deleted; its tab was closed.").arg(name));
}

void MainWindow::watchMember(const Fleet::FleetMember &member)
{
    const std::optional<Profiles::Profile> profile =
        m_services.store ? m_services.store->profile(member.profileId) : std::nullopt;
    if (!profile) {
        m_fleetNotifications->removeMember(member.profileId);
        return;
    }
    m_fleetNotifications->setMember(member, profile->notifyFailedRuns, profile->notifyIntervalSeconds);
}

void MainWindow::watchNotifyingProfiles()
{
    if (!m_services.store)
        return;
    const QList<Profiles::Profile> profiles = m_services.store->profiles();
    for (const Profiles::Profile &profile : profiles) {
        if (profile.notifyFailedRuns && !m_refresher->member(profile.id).isValid())
            m_refresher->refreshOne(profile);
    }
}

DeploymentTab *MainWindow::currentDeploymentTab() const
{
    return qobject_cast<DeploymentTab *>(m_tabs->currentWidget());
}

DeploymentTab *MainWindow::deploymentTab(const QString &profileId) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<DeploymentTab *>(m_tabs->widget(i));
        if (tab && tab->profileId() == profileId)
            return tab;
    }
    return nullptr;
}

QList<DeploymentTab *> MainWindow::deploymentTabList() const
{
    QList<DeploymentTab *> tabs;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<DeploymentTab *>(m_tabs->widget(i)))
            tabs.append(tab);
    }
    return tabs;
}

Session *MainWindow::session() const
{
    DeploymentTab *tab = currentDeploymentTab();
    return tab ? tab->session() : nullptr;
}

DeploymentView *MainWindow::deploymentView() const
{
    DeploymentTab *tab = currentDeploymentTab();
    return tab ? tab->view() : nullptr;
}

Models::DagModel *MainWindow::dagModel() const
{
    DeploymentView *view = deploymentView();
    return view ? view->dagModel() : nullptr;
}

DagSidebar *MainWindow::dagSidebar() const
{
    DeploymentView *view = deploymentView();
    return view ? view->dagSidebar() : nullptr;
}

DagDetailsPage *MainWindow::dagDetailsPage() const
{
    DeploymentView *view = deploymentView();
    return view ? view->dagDetailsPage() : nullptr;
}

DeploymentStatusWidget *MainWindow::deploymentStatus() const
{
    DeploymentView *view = deploymentView();
    return view ? view->statusWidget() : nullptr;
}

void MainWindow::onCurrentTabChanged()
{
    if (!m_runMenu)
        return; // still building
    DeploymentView *view = deploymentView();
    if (view) {
        // The seventh tab is Airflow 3's assets or Airflow 2's datasets.
        m_tabActions.at(6)->setText(view->tabs()->tabText(6) == tr("Assets") ? tr("&Assets")
                                                                             : tr("D&atasets"));
    }
    m_runMenu->clear();
    if (view) {
        m_runMenu->addActions(view->runActions()->runActions());
        m_runMenu->addAction(view->watchAction());
        m_runMenu->addSeparator();
        m_runMenu->addActions(view->runActions()->taskInstanceActions());
    }
    m_runMenu->setEnabled(view != nullptr);
    if (m_profileSidebar) {
        DeploymentTab *tab = currentDeploymentTab();
        m_profileSidebar->setOpenProfile(tab ? tab->profileId() : QString(), tab && tab->isDemo());
    }
    updateStatusBar();
    updateTitle();
    updateDagActions();
    updateTabActions();
}

void MainWindow::updateTitle()
{
    DeploymentTab *tab = currentDeploymentTab();
    if (!tab) {
        setWindowTitle(tr("Fleet"));
        setWindowIcon(QIcon());
        return;
    }
    setWindowTitle(tab->name());
    // The profile's colour in the title bar and the task bar, so that prod never looks like staging.
    setWindowIcon(tab->colour().isValid() ? ColourSwatchPicker::swatchIcon(tab->colour(), 32) : QIcon());
}

void MainWindow::updateStatusBar()
{
    DeploymentTab *tab = currentDeploymentTab();
    DeploymentStatusWidget *status = deploymentStatus();
    if (m_shownStatus && m_shownStatus != status)
        statusBar()->removeWidget(m_shownStatus);
    if (status && m_shownStatus != status) {
        statusBar()->addPermanentWidget(status);
        status->show();
    }
    m_shownStatus = status;

    if (tab) {
        m_statusName->setText(tab->name());
        m_statusNameBox->setToolTip(m_tabs->tabToolTip(m_tabs->indexOf(tab)));
        m_statusSwatch->setPixmap(tab->colour().isValid()
                                      ? ColourSwatchPicker::swatchIcon(tab->colour(), 12).pixmap(12, 12)
                                      : QPixmap());
        m_statusSwatch->setVisible(tab->colour().isValid());
        m_statusNameBox->show();
    } else {
        m_statusNameBox->hide();
    }
    if (tab && tab->isConnecting())
        statusBar()->showMessage(tr("Connecting to %1…").arg(tab->name()));
    else
        statusBar()->clearMessage(); // "Connecting to …" is over, or belongs to another tab
}

void MainWindow::updateTabActions()
{
    const int index = m_tabs->currentIndex();
    m_closeTabAction->setEnabled(index > 0);
    m_nextTabAction->setEnabled(m_tabs->count() > 1);
    m_previousTabAction->setEnabled(m_tabs->count() > 1);
}

void MainWindow::createActions()
{
    // F5 refreshes the page that has focus in place; Reload starts the deployment's pages over.
    m_reloadAction = new QAction(tr("&Reload Everything"), this);
    m_reloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_reloadAction->setStatusTip(tr("Forget what is loaded and ask the server for everything again"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reload);

    m_findAction = new QAction(tr("&Filter DAGs"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (DagSidebar *sidebar = dagSidebar())
            sidebar->focusFilter();
    });

    m_triggerAction = new QAction(tr("&Trigger…"), this);
    m_triggerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_triggerAction->setStatusTip(tr("Trigger a run of the current DAG"));
    connect(m_triggerAction, &QAction::triggered, this, &MainWindow::openTriggerDialog);

    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setStatusTip(tr("Stop scheduling new runs of the selected DAGs"));
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (DagSidebar *sidebar = dagSidebar())
            sidebar->pauseSelected();
    });

    m_unpauseAction = new QAction(tr("&Unpause"), this);
    m_unpauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_unpauseAction->setStatusTip(tr("Schedule runs of the selected DAGs again"));
    connect(m_unpauseAction, &QAction::triggered, this, [this] {
        if (DagSidebar *sidebar = dagSidebar())
            sidebar->unpauseSelected();
    });

    m_copyDagIdAction = new QAction(tr("&Copy DAG id"), this);
    m_copyDagIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyDagIdAction, &QAction::triggered, this, [this] {
        if (DagSidebar *sidebar = dagSidebar())
            sidebar->copySelectedDagIds();
    });

    // Ctrl+1 ... Ctrl+9: the deployment's tabs, in their order (Airflow 3 calls datasets assets).
    const QStringList tabNames = {tr("&DAGs"),      tr("R&uns"),        tr("P&ools"),
                                  tr("&Variables"), tr("&Connections"), tr("&Import Errors"),
                                  tr("D&atasets"),  tr("&Health"),      tr("Confi&guration")};
    for (int i = 0; i < tabNames.size(); ++i) {
        auto *action = new QAction(tabNames.at(i), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] {
            DeploymentView *view = deploymentView();
            if (view && i < view->tabs()->count())
                view->tabs()->setCurrentIndex(i);
        });
        m_tabActions.append(action);
    }

    // The deployments' tabs: Ctrl+W closes the current one, Ctrl+PgUp/PgDown go round them.
    m_closeTabAction = new QAction(tr("&Close Deployment Tab"), this);
    m_closeTabAction->setObjectName(QStringLiteral("closeDeploymentTab"));
    m_closeTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeTabAction, &QAction::triggered, this, [this] {
        if (m_tabs->currentIndex() > 0)
            closeDeploymentTab(m_tabs->currentIndex());
    });
    m_nextTabAction = new QAction(tr("&Next Deployment Tab"), this);
    m_nextTabAction->setObjectName(QStringLiteral("nextDeploymentTab"));
    m_nextTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(m_nextTabAction, &QAction::triggered, this,
            [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    m_previousTabAction = new QAction(tr("Pre&vious Deployment Tab"), this);
    m_previousTabAction->setObjectName(QStringLiteral("previousDeploymentTab"));
    m_previousTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(m_previousTabAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    m_showFleetAction = new QAction(tr("F&leet"), this);
    m_showFleetAction->setObjectName(QStringLiteral("showFleet"));
    m_showFleetAction->setStatusTip(tr("Every profile at a glance, and the runs that failed or run now"));
    connect(m_showFleetAction, &QAction::triggered, this, &MainWindow::showFleet);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    if (m_profileActions) {
        file->addAction(m_profileActions->newAction());
        file->addAction(m_profileActions->discoverAction());
        file->addAction(m_profileActions->editAction());
        file->addAction(m_profileActions->duplicateAction());
        file->addAction(m_profileActions->deleteAction());
        file->addSeparator();
        file->addAction(m_profileActions->connectAction());
        file->addSeparator();
        file->addAction(m_profileActions->importAction());
        file->addAction(m_profileActions->exportAction());
        file->addSeparator();
    }
    file->addAction(m_closeTabAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_showFleetAction);
    view->addAction(m_nextTabAction);
    view->addAction(m_previousTabAction);
    view->addSeparator();
    view->addAction(m_findAction);
    view->addAction(m_reloadAction);
    view->addSeparator();
    view->addActions(m_tabActions);

    QMenu *dag = menuBar()->addMenu(tr("&DAG"));
    dag->addAction(m_triggerAction);
    dag->addSeparator();
    dag->addAction(m_pauseAction);
    dag->addAction(m_unpauseAction);
    dag->addSeparator();
    dag->addAction(m_copyDagIdAction);

    // Filled with the current deployment's run and task-instance actions.
    m_runMenu = menuBar()->addMenu(tr("&Run"));
    m_runMenu->setEnabled(false);
}

void MainWindow::updateDagActions()
{
    DagSidebar *sidebar = dagSidebar();
    Session *current = session();
    const bool readOnly = current && current->isReadOnly();
    const bool hasView = deploymentView() != nullptr;
    m_triggerAction->setEnabled(sidebar && !readOnly && !sidebar->currentDagId().isEmpty());
    m_pauseAction->setEnabled(sidebar && !readOnly && sidebar->selectionHasPaused(false));
    m_unpauseAction->setEnabled(sidebar && !readOnly && sidebar->selectionHasPaused(true));
    m_copyDagIdAction->setEnabled(sidebar && !sidebar->selectedDagIds().isEmpty());
    // Greyed out for a read-only profile: the reason shows where the menus show their hints.
    const QString why = readOnly ? tr("\u201c%1\u201d is read-only: Windsock changes nothing there.")
                                       .arg(current->deploymentName())
                                 : QString();
    for (QAction *action : {m_triggerAction, m_pauseAction, m_unpauseAction}) {
        action->setStatusTip(why);
        action->setToolTip(why.isEmpty() ? action->text().remove(QLatin1Char('&')) : why);
    }
    m_reloadAction->setEnabled(hasView);
    for (QAction *action : std::as_const(m_tabActions))
        action->setEnabled(hasView);
    m_findAction->setEnabled(hasView);
}

void MainWindow::reload()
{
    DeploymentView *view = deploymentView();
    if (!view)
        return;
    m_errorBar->dismiss();
    view->reload();
}

TriggerDialog *MainWindow::openTriggerDialog()
{
    Session *current = session();
    DeploymentView *view = deploymentView();
    if (!view || !current || current->isReadOnly())
        return nullptr;
    const QString dagId = view->dagSidebar()->currentDagId();
    if (dagId.isEmpty())
        return nullptr;
    auto *dialog = new TriggerDialog(current->client(), dagId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog belongs to the tab it was opened on: closing that tab closes it (its calls use the session's
    // client).
    connect(view, &QObject::destroyed, dialog, [dialog] { delete dialog; });
    QPointer<DeploymentView> target = view;
    connect(dialog, &TriggerDialog::triggered, this, [this, dialog, target](const Api::DagRun &run) {
        QString notice = tr("Triggered %1 as %2 (%3).").arg(run.dagId, run.dagRunId, run.state);
        if (!dialog->outcomeNotice().isEmpty())
            notice += QLatin1Char(' ') + dialog->outcomeNotice();
        m_noticeBar->showMessage(notice);
        if (!target)
            return;
        // The tree's newest-run cell and the DAG's page show the new run at once.
        target->dagModel()->refreshDag(run.dagId);
        if (target->dagDetailsPage()->dagId() == run.dagId)
            target->dagDetailsPage()->refresh();
        if (dialog->watchRequested())
            target->watchRun(run.dagId, run.dagRunId);
    });
    dialog->open();
    return dialog;
}

} // namespace Windsock::Ui
