#include "mainwindow.h"

#include "actions/runactions.h"
#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "deploymentstatuswidget.h"
#include "deploymentview.h"
#include "messagebar.h"
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
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

MainWindow::MainWindow(ProfileServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(std::move(services))
{
    buildShell();
}

MainWindow::MainWindow(std::unique_ptr<Session> session, QWidget *parent)
    : QMainWindow(parent)
{
    buildShell();
    setSession(std::move(session));
}

MainWindow::~MainWindow()
{
    // An opening under way ends first, then the pages' and the model's calls, while the session's client is
    // still there.
    delete m_opener;
    delete takeCentralWidget();
    setStatusBar(nullptr);
}

void MainWindow::buildShell()
{
    m_opener = new SessionOpener(m_services.store.get(), m_services.secrets.get(), this);
    connect(m_opener, &SessionOpener::started, this, &MainWindow::showConnecting);
    connect(m_opener, &SessionOpener::opened, this,
            [this](Session *session) { setSession(std::unique_ptr<Session>(session)); });
    connect(m_opener, &SessionOpener::failed, this, [this](const QString &message) {
        m_errorBar->showMessage(message);
        showNotConnected();
    });
    connect(m_opener, &SessionOpener::cancelled, this, &MainWindow::showNotConnected);

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
        if (m_view)
            m_view->showRun(dagId, runId);
        showNormal();
        raise();
        activateWindow();
    });

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
        // The open profile changed: connect again with what was saved (URL, credentials, CA bundle...).
        connect(m_profileActions, &ProfileActions::profileSaved, this, [this](const QString &id) {
            if (m_session && m_session->profileId() == id)
                openProfile(id);
        });
        // The open profile is gone: nothing may keep using its credentials; fall back to the demo and say
        // why.
        connect(m_profileActions, &ProfileActions::profileDeleted, this, [this](const QString &id) {
            if (!m_session || m_session->profileId() != id)
                return;
            const QString name = m_session->deploymentName();
            openDemo(Session::DemoReason::Requested);
            m_noticeBar->showMessage(
                tr("The profile \"%1\" was deleted; showing the demo sandbox.").arg(name));
        });
        splitter->addWidget(m_profileSidebar);
    }

    m_pages = new QStackedWidget(splitter);
    m_placeholder = new QWidget(m_pages);
    m_placeholder->setObjectName(QStringLiteral("connectingPage"));
    m_placeholderText = new QLabel(m_placeholder);
    m_placeholderText->setObjectName(QStringLiteral("connectingText"));
    m_placeholderText->setAlignment(Qt::AlignCenter);
    m_placeholderText->setWordWrap(true);
    m_placeholderProgress = new QProgressBar(m_placeholder);
    m_placeholderProgress->setRange(0, 0);
    m_placeholderProgress->setMaximumWidth(320);
    m_placeholderCancel = new QPushButton(tr("Cancel"), m_placeholder);
    m_placeholderCancel->setObjectName(QStringLiteral("cancelConnectingButton"));
    connect(m_placeholderCancel, &QPushButton::clicked, m_opener, &SessionOpener::cancel);
    auto *placeholderLayout = new QVBoxLayout(m_placeholder);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholderText);
    placeholderLayout->addWidget(m_placeholderProgress, 0, Qt::AlignHCenter);
    placeholderLayout->addWidget(m_placeholderCancel, 0, Qt::AlignHCenter);
    placeholderLayout->addStretch(2);
    m_pages->addWidget(m_placeholder);
    splitter->addWidget(m_pages);
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
    statusBar();

    createActions();
    createMenus();
    showNotConnected();
    updateDagActions();
    resize(1280, 800);
}

void MainWindow::openProfile(const QString &profileId)
{
    m_opener->openProfile(profileId);
}

void MainWindow::openDemo(Session::DemoReason reason)
{
    m_opener->openDemo(reason);
}

void MainWindow::setSession(std::unique_ptr<Session> session)
{
    // The old view (and its calls) first, then the old session.
    if (m_view) {
        m_pages->removeWidget(m_view);
        delete m_view;
        m_view = nullptr;
    }
    m_session = std::move(session);
    m_session->setParent(nullptr); // owned here, not by the QObject tree: it must outlive the pages
    m_errorBar->dismiss();
    m_noticeBar->dismiss();

    m_view = new DeploymentView(m_session.get(), m_pages);
    m_pages->addWidget(m_view);
    m_pages->setCurrentWidget(m_view);
    // The seventh tab is Airflow 3's assets or Airflow 2's datasets.
    m_tabActions.at(6)->setText(m_view->tabs()->tabText(6) == tr("Assets") ? tr("&Assets") : tr("D&atasets"));
    statusBar()->clearMessage(); // "Connecting to …" is over
    statusBar()->addPermanentWidget(m_view->statusWidget());
    connect(m_view, &DeploymentView::errorOccurred, m_errorBar, &MessageBar::showMessage);
    connect(m_view, &DeploymentView::noticeOccurred, m_noticeBar, &MessageBar::showMessage);
    connect(m_view, &DeploymentView::dagSelectionChanged, this, &MainWindow::updateDagActions);
    connect(m_view, &DeploymentView::runFinished, m_notifier, &Notifier::notifyFinished);
    connect(m_view, &DeploymentView::runDeleted, m_notifier, &Notifier::notifyDeleted);
    connect(m_view, &DeploymentView::watchProblem, m_notifier, &Notifier::notifyProblem);
    m_runMenu->clear();
    m_runMenu->addActions(m_view->runActions()->runActions());
    m_runMenu->addAction(m_view->watchAction());
    m_runMenu->addSeparator();
    m_runMenu->addActions(m_view->runActions()->taskInstanceActions());
    m_runMenu->setEnabled(true);
    m_view->dagSidebar()->setDagActions({m_triggerAction, m_pauseAction, m_unpauseAction, m_copyDagIdAction});
    if (m_profileSidebar)
        m_profileSidebar->setOpenProfile(m_session->profileId(), m_session->isDemo());
    if (!m_session->notice().isEmpty())
        m_noticeBar->showMessage(m_session->notice());
    updateTitle();
    updateDagActions();
}

Models::DagModel *MainWindow::dagModel() const
{
    return m_view ? m_view->dagModel() : nullptr;
}

DagSidebar *MainWindow::dagSidebar() const
{
    return m_view ? m_view->dagSidebar() : nullptr;
}

DagDetailsPage *MainWindow::dagDetailsPage() const
{
    return m_view ? m_view->dagDetailsPage() : nullptr;
}

DeploymentStatusWidget *MainWindow::deploymentStatus() const
{
    return m_view ? m_view->statusWidget() : nullptr;
}

void MainWindow::updateTitle()
{
    if (!m_session) {
        setWindowTitle(tr("Not connected"));
        setWindowIcon(QIcon());
        return;
    }
    setWindowTitle(m_session->deploymentName());
    // The profile's colour in the title bar and the task bar, so that prod never looks like staging.
    setWindowIcon(m_session->colour().isValid() ? ColourSwatchPicker::swatchIcon(m_session->colour(), 32)
                                                : QIcon());
}

void MainWindow::showConnecting(const QString &name)
{
    m_placeholderText->setText(tr("Connecting to %1…").arg(name));
    m_placeholderProgress->show();
    m_placeholderCancel->show();
    m_pages->setCurrentWidget(m_placeholder);
    statusBar()->showMessage(tr("Connecting to %1…").arg(name));
}

void MainWindow::showNotConnected()
{
    statusBar()->clearMessage();
    if (m_view) { // the session that was open stays
        m_pages->setCurrentWidget(m_view);
        return;
    }
    m_placeholderText->setText(m_profileSidebar
                                   ? tr("Not connected. Double-click a profile to connect, or add "
                                        "one with New Profile.")
                                   : tr("Not connected."));
    m_placeholderProgress->hide();
    m_placeholderCancel->hide();
    m_pages->setCurrentWidget(m_placeholder);
    updateTitle();
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
        if (m_view)
            m_view->dagSidebar()->focusFilter();
    });

    m_triggerAction = new QAction(tr("&Trigger…"), this);
    m_triggerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_triggerAction->setStatusTip(tr("Trigger a run of the current DAG"));
    connect(m_triggerAction, &QAction::triggered, this, &MainWindow::openTriggerDialog);

    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setStatusTip(tr("Stop scheduling new runs of the selected DAGs"));
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (m_view)
            m_view->dagSidebar()->pauseSelected();
    });

    m_unpauseAction = new QAction(tr("&Unpause"), this);
    m_unpauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_unpauseAction->setStatusTip(tr("Schedule runs of the selected DAGs again"));
    connect(m_unpauseAction, &QAction::triggered, this, [this] {
        if (m_view)
            m_view->dagSidebar()->unpauseSelected();
    });

    m_copyDagIdAction = new QAction(tr("&Copy DAG id"), this);
    m_copyDagIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyDagIdAction, &QAction::triggered, this, [this] {
        if (m_view)
            m_view->dagSidebar()->copySelectedDagIds();
    });

    // Ctrl+1 ... Ctrl+9: the deployment's tabs, in their order (Airflow 3 calls datasets assets).
    const QStringList tabNames = {tr("&DAGs"),      tr("R&uns"),        tr("P&ools"),
                                  tr("&Variables"), tr("&Connections"), tr("&Import Errors"),
                                  tr("D&atasets"),  tr("&Health"),      tr("Confi&guration")};
    for (int i = 0; i < tabNames.size(); ++i) {
        auto *action = new QAction(tabNames.at(i), this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] {
            if (m_view && i < m_view->tabs()->count())
                m_view->tabs()->setCurrentIndex(i);
        });
        m_tabActions.append(action);
    }

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
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
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

    // Filled with the open deployment's run and task-instance actions.
    m_runMenu = menuBar()->addMenu(tr("&Run"));
    m_runMenu->setEnabled(false);
}

void MainWindow::updateDagActions()
{
    DagSidebar *sidebar = dagSidebar();
    const bool readOnly = m_session && m_session->isReadOnly();
    m_triggerAction->setEnabled(sidebar && !readOnly && !sidebar->currentDagId().isEmpty());
    m_pauseAction->setEnabled(sidebar && !readOnly && sidebar->selectionHasPaused(false));
    m_unpauseAction->setEnabled(sidebar && !readOnly && sidebar->selectionHasPaused(true));
    m_copyDagIdAction->setEnabled(sidebar && !sidebar->selectedDagIds().isEmpty());
    m_reloadAction->setEnabled(m_view != nullptr);
    for (QAction *action : std::as_const(m_tabActions))
        action->setEnabled(m_view != nullptr);
    m_findAction->setEnabled(m_view != nullptr);
}

void MainWindow::reload()
{
    if (!m_view)
        return;
    m_errorBar->dismiss();
    m_view->reload();
}

TriggerDialog *MainWindow::openTriggerDialog()
{
    if (!m_view || !m_session || m_session->isReadOnly())
        return nullptr;
    const QString dagId = m_view->dagSidebar()->currentDagId();
    if (dagId.isEmpty())
        return nullptr;
    auto *dialog = new TriggerDialog(m_session->client(), dagId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TriggerDialog::triggered, this, [this, dialog](const Api::DagRun &run) {
        QString notice = tr("Triggered %1 as %2 (%3).").arg(run.dagId, run.dagRunId, run.state);
        if (!dialog->outcomeNotice().isEmpty())
            notice += QLatin1Char(' ') + dialog->outcomeNotice();
        m_noticeBar->showMessage(notice);
        if (!m_view)
            return;
        // The tree's newest-run cell and the DAG's page show the new run at once.
        m_view->dagModel()->refreshDag(run.dagId);
        if (m_view->dagDetailsPage()->dagId() == run.dagId)
            m_view->dagDetailsPage()->refresh();
        if (dialog->watchRequested())
            m_view->watchRun(run.dagId, run.dagRunId);
    });
    dialog->open();
    return dialog;
}

} // namespace Windsock::Ui
