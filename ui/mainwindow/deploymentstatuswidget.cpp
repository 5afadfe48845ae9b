#include "deploymentstatuswidget.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "dags/statecolors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

namespace Windsock::Ui {

namespace {

constexpr int DefaultPollIntervalMs = 30000;
const char StatusProperty[] = "healthStatus";

void colourLabel(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText,
                     StateColors::forHealthStatus(label->property(StatusProperty).toString(), palette));
    label->setPalette(palette);
}

} // namespace

DeploymentStatusWidget::DeploymentStatusWidget(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_version(new QLabel(this))
    , m_components(new QWidget(this))
    , m_pollTimer(new QTimer(this))
{
    m_version->setObjectName(QStringLiteral("versionLabel"));
    m_version->setText(tr("Airflow version: asking…"));
    m_components->setObjectName(QStringLiteral("healthComponents"));
    auto *componentLayout = new QHBoxLayout(m_components);
    componentLayout->setContentsMargins(0, 0, 0, 0);
    componentLayout->setSpacing(12);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(16);
    layout->addWidget(m_version);
    layout->addWidget(m_components);

    m_pollTimer->setInterval(DefaultPollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &DeploymentStatusWidget::refresh);
    m_pollTimer->start();
    QTimer::singleShot(0, this, &DeploymentStatusWidget::refresh);
}

DeploymentStatusWidget::~DeploymentStatusWidget()
{
    // Answers still on their way must not reach the labels while the widget is being torn down.
    m_client = nullptr;
    for (const QPointer<Api::ApiCall> &call : {m_versionCall, m_healthCall})
        if (call)
            call->cancel();
}

void DeploymentStatusWidget::setPollInterval(int milliseconds)
{
    m_pollTimer->setInterval(milliseconds);
}

QString DeploymentStatusWidget::versionText() const
{
    return m_version->text();
}

QString DeploymentStatusWidget::healthText() const
{
    QStringList parts;
    const QList<QLabel *> labels = m_components->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        parts.append(label->text());
    return parts.join(QStringLiteral("  "));
}

void DeploymentStatusWidget::refresh()
{
    if (!m_client)
        return;
    // A server without a version or a health endpoint (1.10): the API's name, and why there is no more.
    const Api::Dialect &dialect = m_client->dialect();
    const QString versionReason = dialect.versionRequest().unavailable;
    const QString healthReason = dialect.unavailableReason(Api::Feature::Health);
    if (!versionReason.isEmpty()) {
        m_version->setText(dialect.name());
        m_version->setToolTip(versionReason);
    }
    if (!healthReason.isEmpty() && m_components->findChildren<QLabel *>().isEmpty()) {
        addComponent(tr("Health"), QString(), healthReason);
        m_components->findChildren<QLabel *>().constLast()->setText(tr("Health: not available"));
    }
    if (versionReason.isEmpty() && (!m_versionCall || m_versionCall->isFinished())) {
        m_versionCall = m_client->version(this, [this](const Api::Result<Api::Version> &result) {
            if (!result.ok() && result.error().kind() == Api::ApiError::Kind::Cancelled)
                return;
            if (result.ok()) {
                m_version->setText(tr("Airflow %1").arg(result.value().version));
                m_version->setToolTip(result.value().gitVersion.isEmpty()
                                          ? QString()
                                          : tr("Git version %1").arg(result.value().gitVersion));
            } else {
                m_version->setText(tr("Airflow version unknown"));
                m_version->setToolTip(result.error().message());
            }
        });
    }
    if (healthReason.isEmpty() && (!m_healthCall || m_healthCall->isFinished())) {
        m_healthCall = m_client->health(this, [this](const Api::Result<Api::Health> &result) {
            if (!result.ok() && result.error().kind() == Api::ApiError::Kind::Cancelled)
                return;
            if (result.ok())
                showHealth(result.value());
            else
                showHealthError(result.error().message());
        });
    }
}

void DeploymentStatusWidget::clearComponents()
{
    const QList<QLabel *> labels = m_components->findChildren<QLabel *>();
    for (QLabel *label : labels)
        delete label;
}

void DeploymentStatusWidget::addComponent(const QString &name, const QString &status, const QString &toolTip)
{
    auto *label = new QLabel(m_components);
    label->setText(tr("%1: %2").arg(name, status.isEmpty() ? tr("no status") : status));
    label->setToolTip(toolTip);
    label->setProperty(StatusProperty, status);
    colourLabel(label);
    m_components->layout()->addWidget(label);
}

void DeploymentStatusWidget::showHealth(const Api::Health &health)
{
    clearComponents();
    const auto add = [this](const QString &name, const Api::HealthComponent &component) {
        if (!component.present)
            return;
        const QString toolTip =
            component.latestHeartbeat.isValid()
                ? tr("Latest heartbeat %1")
                      .arg(QLocale().toString(component.latestHeartbeat.toLocalTime(), QLocale::ShortFormat))
                : QString();
        addComponent(name, component.status, toolTip);
    };
    add(tr("Metadatabase"), health.metadatabase);
    add(tr("Scheduler"), health.scheduler);
    add(tr("Triggerer"), health.triggerer);
    add(tr("DAG processor"), health.dagProcessor);
}

void DeploymentStatusWidget::showHealthError(const QString &message)
{
    clearComponents();
    addComponent(tr("Health"), tr("unknown"), message);
}

void DeploymentStatusWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        const QList<QLabel *> labels = m_components->findChildren<QLabel *>();
        for (QLabel *label : labels)
            colourLabel(label);
    }
}

} // namespace Windsock::Ui
