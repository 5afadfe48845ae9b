#include "mainwindow.h"

#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "deploymentstatuswidget.h"
#include "messagebar.h"
#include "models/dagmodel.h"
#include "session.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

MainWindow::MainWindow(std::unique_ptr<Session> session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(std::move(session))
{
    m_session->setParent(nullptr); // owned here, not by the QObject tree: it must outlive the pages
    setWindowTitle(m_session->deploymentName());

    m_dagModel = new Models::DagModel(m_session->client(), this);

    auto *central = new QWidget(this);
    m_noticeBar = new MessageBar(MessageBar::Kind::Information, central);
    m_noticeBar->setObjectName(QStringLiteral("noticeBar"));
    m_errorBar = new MessageBar(MessageBar::Kind::Error, central);
    m_errorBar->setObjectName(QStringLiteral("errorBar"));

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(QStringLiteral("dagSplitter"));
    splitter->setChildrenCollapsible(false);
    m_sidebar = new DagSidebar(m_dagModel, splitter);
    m_sidebar->setDeployment(m_session->deploymentName(), m_session->baseUrl().toDisplayString());
    m_details = new DagDetailsPage(m_session->client(), m_dagModel, splitter);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({800, 480}); // the DAG list has seven columns; the details read well at this width

    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_noticeBar);
    layout->addWidget(m_errorBar);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_status = new DeploymentStatusWidget(m_session->client(), this);
    m_status->setObjectName(QStringLiteral("deploymentStatus"));
    statusBar()->addPermanentWidget(m_status);

    createActions();
    createMenus();

    connect(m_dagModel, &Models::DagModel::errorOccurred, m_errorBar, &MessageBar::showMessage);
    connect(m_details, &DagDetailsPage::errorOccurred, m_errorBar, &MessageBar::showMessage);
    connect(m_sidebar, &DagSidebar::currentDagChanged, m_details, &DagDetailsPage::showDag);
    connect(m_sidebar, &DagSidebar::selectionChanged, this, &MainWindow::updateDagActions);

    if (!m_session->notice().isEmpty())
        m_noticeBar->showMessage(m_session->notice());
    updateDagActions();
    resize(1280, 800);
    m_dagModel->fetchMore({}); // the first page; the tree asks for the next ones as it scrolls
}

MainWindow::~MainWindow()
{
    // End the pages' and the model's calls while the session's client is still there.
    delete takeCentralWidget();
    setStatusBar(nullptr);
    delete m_dagModel;
}

void MainWindow::createActions()
{
    m_reloadAction = new QAction(tr("&Reload"), this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setStatusTip(tr("Ask the server for the DAGs again"));
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reload);

    m_findAction = new QAction(tr("&Filter DAGs"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, m_sidebar, &DagSidebar::focusFilter);

    m_pauseAction = new QAction(tr("&Pause"), this);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setStatusTip(tr("Stop scheduling new runs of the selected DAGs"));
    connect(m_pauseAction, &QAction::triggered, m_sidebar, &DagSidebar::pauseSelected);

    m_unpauseAction = new QAction(tr("&Unpause"), this);
    m_unpauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_unpauseAction->setStatusTip(tr("Schedule runs of the selected DAGs again"));
    connect(m_unpauseAction, &QAction::triggered, m_sidebar, &DagSidebar::unpauseSelected);

    m_copyDagIdAction = new QAction(tr("&Copy DAG id"), this);
    m_copyDagIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyDagIdAction, &QAction::triggered, m_sidebar, &DagSidebar::copySelectedDagIds);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_sidebar->setDagActions({m_pauseAction, m_unpauseAction, m_copyDagIdAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_quitAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_findAction);
    view->addAction(m_reloadAction);

    QMenu *dag = menuBar()->addMenu(tr("&DAG"));
    dag->addAction(m_pauseAction);
    dag->addAction(m_unpauseAction);
    dag->addSeparator();
    dag->addAction(m_copyDagIdAction);
}

void MainWindow::updateDagActions()
{
    const bool any = !m_sidebar->selectedDagIds().isEmpty();
    m_pauseAction->setEnabled(m_sidebar->selectionHasPaused(false));
    m_unpauseAction->setEnabled(m_sidebar->selectionHasPaused(true));
    m_copyDagIdAction->setEnabled(any);
}

void MainWindow::reload()
{
    m_errorBar->dismiss();
    m_dagModel->reload();
    m_details->refresh();
    m_status->refresh();
}

} // namespace Windsock::Ui
