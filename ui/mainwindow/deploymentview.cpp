#include "deploymentview.h"

#include "dags/dagdetailspage.h"
#include "dags/dagsidebar.h"
#include "deploymentstatuswidget.h"
#include "models/dagmodel.h"
#include "session.h"

#include <QHBoxLayout>
#include <QSplitter>

namespace Windsock::Ui {

DeploymentView::DeploymentView(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_dagModel(new Models::DagModel(session->client(), this))
{
    setObjectName(QStringLiteral("deploymentView"));
    m_dagModel->setReadOnly(session->isReadOnly());
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("dagSplitter"));
    splitter->setChildrenCollapsible(false);
    m_sidebar = new DagSidebar(m_dagModel, splitter);
    m_sidebar->setDeployment(session->deploymentName(), session->baseUrl().toDisplayString());
    m_sidebar->setDeploymentColour(session->colour());
    m_details = new DagDetailsPage(session->client(), m_dagModel, splitter);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({800, 480}); // the DAG list has seven columns; the details read well at this width

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_status = new DeploymentStatusWidget(session->client());
    m_status->setObjectName(QStringLiteral("deploymentStatus"));

    connect(m_dagModel, &Models::DagModel::errorOccurred, this, &DeploymentView::errorOccurred);
    connect(m_details, &DagDetailsPage::errorOccurred, this, &DeploymentView::errorOccurred);
    connect(m_sidebar, &DagSidebar::currentDagChanged, m_details, &DagDetailsPage::showDag);
    connect(m_sidebar, &DagSidebar::selectionChanged, this, &DeploymentView::dagSelectionChanged);
    m_dagModel->fetchMore({}); // the first page; the tree asks for the next ones as it scrolls
}

DeploymentView::~DeploymentView()
{
    // The status widget sits in the window's status bar, but its calls belong to this view's session.
    delete m_status;
    // The pages before the model: they hold calls and indexes on it.
    delete m_sidebar->parentWidget();
    delete m_dagModel;
}

void DeploymentView::reload()
{
    m_dagModel->reload();
    m_details->refresh();
    m_status->refresh();
}

} // namespace Windsock::Ui
