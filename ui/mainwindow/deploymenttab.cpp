#include "deploymenttab.h"

#include "deploymentview.h"
#include "session.h"

#include <QFrame>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

DeploymentTab::DeploymentTab(const QString &profileId, const QString &name, const QColor &colour,
                             QWidget *parent)
    : QWidget(parent)
    , m_profileId(profileId)
    , m_name(name)
    , m_colour(colour)
{
    setObjectName(QStringLiteral("deploymentTab"));
    m_strip = new QFrame(this);
    m_strip->setObjectName(QStringLiteral("deploymentColourStrip"));
    m_strip->setFixedHeight(4);
    m_strip->setAutoFillBackground(true);

    m_pages = new QStackedWidget(this);
    m_connectingPage = new QWidget(m_pages);
    m_connectingPage->setObjectName(QStringLiteral("connectingPage"));
    m_connectingText = new QLabel(m_connectingPage);
    m_connectingText->setObjectName(QStringLiteral("connectingText"));
    m_connectingText->setAlignment(Qt::AlignCenter);
    m_connectingText->setWordWrap(true);
    m_progress = new QProgressBar(m_connectingPage);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(320);
    m_cancel = new QPushButton(tr("Cancel"), m_connectingPage);
    m_cancel->setObjectName(QStringLiteral("cancelConnectingButton"));
    connect(m_cancel, &QPushButton::clicked, this, &DeploymentTab::cancelRequested);
    auto *connectingLayout = new QVBoxLayout(m_connectingPage);
    connectingLayout->addStretch(1);
    connectingLayout->addWidget(m_connectingText);
    connectingLayout->addWidget(m_progress, 0, Qt::AlignHCenter);
    connectingLayout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    connectingLayout->addStretch(2);
    m_pages->addWidget(m_connectingPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_strip);
    layout->addWidget(m_pages, 1);
    updateStrip();
}

DeploymentTab::~DeploymentTab()
{
    // The view (its pages, models and the status widget in the window's status bar) before the session whose
    // client their calls use.
    delete m_view;
    m_view = nullptr;
    m_session.reset();
}

bool DeploymentTab::isDemo() const
{
    return m_session ? m_session->isDemo() : m_profileId.isEmpty();
}

void DeploymentTab::showConnecting()
{
    m_connecting = true;
    m_connectingText->setText(tr("Connecting to %1…").arg(m_name));
    m_pages->setCurrentWidget(m_connectingPage);
}

void DeploymentTab::stopConnecting()
{
    m_connecting = false;
    if (m_view)
        m_pages->setCurrentWidget(m_view);
}

void DeploymentTab::setSession(std::unique_ptr<Session> session)
{
    m_connecting = false;
    // The old view (and its calls) first, then the old session.
    if (m_view) {
        m_pages->removeWidget(m_view);
        delete m_view;
        m_view = nullptr;
    }
    m_session = std::move(session);
    m_session->setParent(nullptr); // owned here, not by the QObject tree: it must outlive the view
    m_name = m_session->deploymentName();
    if (!m_session->isDemo())
        m_colour = m_session->colour();
    updateStrip();
    m_view = new DeploymentView(m_session.get(), m_pages);
    m_pages->addWidget(m_view);
    m_pages->setCurrentWidget(m_view);
    Q_EMIT viewChanged(m_view);
}

void DeploymentTab::setName(const QString &name)
{
    m_name = name;
    if (m_connecting)
        m_connectingText->setText(tr("Connecting to %1…").arg(m_name));
}

void DeploymentTab::setColour(const QColor &colour)
{
    m_colour = colour;
    updateStrip();
}

void DeploymentTab::updateStrip()
{
    // No colour, no strip: an empty line would only look like a rendering glitch.
    m_strip->setVisible(m_colour.isValid());
    QPalette palette = m_strip->palette();
    palette.setColor(QPalette::Window, m_colour);
    m_strip->setPalette(palette);
    m_strip->setToolTip(tr("%1's colour").arg(m_name));
}

} // namespace Windsock::Ui
